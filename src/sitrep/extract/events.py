"""Event assembly: the one place where a processed document becomes typed Mention records.

Per sentence (and clause) it combines the cues of the trigger lexicon with the actors, places,
dates, counts and claims found by the other extractors, decides whether the clause reports a
current event (not history, not a period total, not a hypothetical), classifies it
(``classify.classify``), fills actor1/actor2 by position and voice, and emits one Mention per
place named in a list ("seized X, Y and Z" → three events, as ACLED codes one event per location).
"""

from __future__ import annotations

import re
from collections import Counter as Tally
from collections import deque
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from sitrep.errors import SitrepError
from sitrep.extract.classify import WEAK_MOB, ClauseFacts, classify
from sitrep.extract.facts import find_facts
from sitrep.extract.triggers import Cue, TriggerLexicon
from sitrep.geo.geocoder import origin_phrase
from sitrep.nlp.normalize import skeleton
from sitrep.scale.prefix import IndexedSearch
from sitrep.model import (
    SUB_EVENT_TYPES,
    Actor,
    ActorMention,
    Aggregate,
    Article,
    Claim,
    Count,
    DateRange,
    DocumentResult,
    Mention,
    Place,
    PlaceMention,
    Span,
)

CLAUSE_BREAK = re.compile(
    r";|,?\s+while\s+|,\s+whereas\s+|,?\s+but\s+(?=\w+\s+\w+)|\s+[–—]\s+|"
    r",\s+(?:following|after|in (?:retaliation|response) (?:for|to))\s+(?=the\s|an?\s)"
)
PRONOUN_SUBJECT = re.compile(
    r"^\W*(?:(?:it|they|he|she)\b|the (?:group|militants|rebels|fighters|attackers|gunmen|insurgents|forces|army|faction|coalition|jihadists|troops|police|military)\b)",
    re.IGNORECASE,
)
PERIOD_WORDS = re.compile(
    r"\b(?:since|so far|to date|in total|total(?:ling)?|overall|in all|cumulative|over the (?:past|last)|"
    r"in recent (?:days|weeks|months)|this year|last year|throughout|between \w+ \d{1,2} and|during the (?:past|last))\b",
    re.IGNORECASE,
)
TERRITORIAL_NOUNS = re.compile(
    r"\b(?:towns?|villages?|cit(?:y|ies)|areas?|territor(?:y|ies)|bases?|airports?|airbases?|air base|checkpoints?|positions?|posts?|"
    r"outposts?|hills?|districts?|neighbou?rhoods?|sites?|provinces?|governorates?|regions?|countryside|control|highway|"
    r"roads?|bridges?|crossings?|dams?|fields?|localities|settlements?|quarters?|outskirts|barracks|headquarters|"
    r"strongholds?|ground|front)\b",
    re.IGNORECASE,
)
NON_TERRITORIAL = re.compile(
    r"\b(?:tankers?|trucks?|vehicles?|cars?|weapons?|arms|ammunition|explosives?|drugs|money|cash|goods|cattle|livestock|"
    r"people|persons?|civilians?|fighters?|militants?|members?|soldiers?|operatives?|prisoners?|hostages?|men|women|children|"
    r"documents?|equipment|supplies|shipments?|boats?|ships?|aircraft|drones?)\b",
    re.IGNORECASE,
)
PASSIVE_BY = re.compile(r"\b(?:by|from)\s+(?:(?:an?|the|some|several|suspected|alleged)\s+)*$", re.IGNORECASE)
COMPANION = re.compile(
    r"\b(?:accompanied by|backed by|supported by|along with|together with|alongside|with the (?:support|help|backing) of|in coordination with|assisted by|joined by)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
EXPLICIT_PAST = re.compile(r"\b(?:1[89]|20)\d\d\b|\bago\b|\blast year\b|\byears\b", re.IGNORECASE)
NOMINAL_BY = re.compile(r"\s+(?:carried out |launched |claimed )?by\b", re.IGNORECASE)
SPEAKER_ACTS = re.compile(r"\bthat\s+(?:they|it|its (?:forces|troops|units|fighters)|we|our forces)\b", re.IGNORECASE)
COMMAND = re.compile(r"\b(?:operating under|under the command of|under|led by|spearheaded by|headed by)\s+(?:the\s+)?$", re.IGNORECASE)
BETWEEN = re.compile(r"\s*(?:(?:took place|erupted|broke out|occurred|were reported|continued|resumed)\s+)?between\b", re.IGNORECASE)
CAPTION = re.compile(r"(?:^|\s)(?:TOPSHOT|PHOTO|FILE PHOTO)\b|/\s*(?:AFP|AP|Reuters|REUTERS|Getty Images|EPA|Anadolu)\s*/|\((?:Photo|Image)[^)]*\)\s*$")
CAPTION_LITERALS = ("TOPSHOT", "PHOTO", "/", "(Photo", "(Image")
"""Text that every CAPTION match contains: a document with none of them has no caption."""
PRESENT_PERFECT = re.compile(r"\b(?:has|have)\s+(?:\w+ly\s+|also\s+|now\s+|so far\s+)?(?:been\s+)?(?:killed|resulted|left|caused|claimed|perished|died|wounded|injured|displaced|forced)\b", re.IGNORECASE)
HUMANITARIAN = re.compile(r"\b(?:displac\w*|fled|refugees|homeless|death toll|killed|dead|injured|wounded)\b", re.IGNORECASE)
DISPLACEMENT = re.compile(r"\b(?:displac\w*|fled|flee\w*|uprooted|homeless|forced (?:out of|from) their homes|evacuat\w*|sought refuge)\b", re.IGNORECASE)
SUMMARY_TENSE = re.compile(r"\b(?:has|have|had)\s+(?:\w+ly\s+|also\s+|been\s+)?\w+(?:ed|en|ne|wn|ht)\b|\b(?:is|are)\s+\w+ing\b", re.IGNORECASE)
CAMPAIGN = re.compile(r"\b(?:offensive|campaign|fighting|conflict|violence|war|operation|escalation|(?:launched|began|started)\s+(?:on|in|last))\b", re.IGNORECASE)
ANAPHORIC_PLACE = re.compile(r"\b(?:the same|that|this)\s+(?:checkpoint|area|town|village|city|place|location|site|road|neighbou?rhood|district|camp|market|base)\b|\bthere\b", re.IGNORECASE)
STRIKE_NOUN = re.compile(r"\b(?:strikes?|raids?|bombings?|attacks?)\b.*\b(?:one|another)\b|\b(?:one|another)\b.*\b(?:strikes?|raids?)\b", re.IGNORECASE)
MEMBERS_OF = re.compile(r"\b(?:members?|fighters?|militants?|elements?|gunm[ae]n|units?|commanders?|operatives?|cells?|soldiers?|troops)\s+(?:of|from|belonging to|affiliated with)\s+(?:the\s+)?$", re.IGNORECASE)
SECURITY_WORDS = re.compile(r"\bsecurity\b", re.IGNORECASE)
TOPIC_PREFIX = re.compile(r"^\s*[A-Z][A-Za-z/ -]{2,40}:\s+")
CIVILIAN_WHO = re.compile(
    r"civilian|child|children|women|woman|girl|boy|resident|villager|people|person|family|farmer|shepherd|student|"
    r"worker|trader|teacher|passenger|patient|journalist|doctor|nurse|pupil|man|men|baby|infant|elderly|displaced|"
    r"official|leader|elder|chief|cleric|pastor|priest|imam|politician|aspirant|candidate|activist|herder|pastoralist|"
    r"driver|tourist|businessm",
    re.IGNORECASE,
)
ARMED_WHO = re.compile(
    r"soldier|troop|fighter|militant|militia|member|rebel|insurgent|police|officer|guard|personnel|combatant|"
    r"jihadist|gunm[ae]n|attacker|terrorist|recruit|commander|army|forces|taliban|sniper|raider|bandit|warrior|pirate|commando|"
    r"ranger|reservist|constable|sergeant|corporal|militiam[ae]n",
    re.IGNORECASE,
)
ARMED_VICTIMS = re.compile(
    r"\barmed\s+(?:m[ae]n|youths?|groups?|gangs?|gangsters?|suspects?|criminals?|robbers?|thugs?)\b|\bpirates?\b",
    re.IGNORECASE,
)
"""Victims named armed by a modifier the count's head noun drops ("killed two armed men")."""
OFF_DUTY = re.compile(r"\boff[- ]duty\b", re.IGNORECASE)
"""Police or soldiers off duty are civilians when attacked (ACLED)."""
RELATIVE = re.compile(r"\b(?:who|whom|which|that|whose)\b", re.IGNORECASE)
BACKED = re.compile(r"(\w+-backed)\s+(?:[A-Z][\w-]*\s+)*(rebels|fighters|forces|factions|militias|groups|opposition|militants)", re.IGNORECASE)
COORD = re.compile(r"\s*(?:,|and|&|as well as|along with|together with)\s*(?:the\s+)?|\s*,\s*and\s+(?:the\s+)?")
DIRECTION_BEFORE = re.compile(r"\b(?:West|East|North|South|Central|Upper|Lower)\s+$")
GEO_OR_PROPERTY = re.compile(
    r"\s+(?:county|counties|road|district|sub-?county|constituency|division|location|village|town|area|forest|region|"
    r"province|land|lands|farm|farms|houses?|homes?|homesteads?|manyattas?|community land|plains?|hills?|border|side|"
    r"territory|settlement|estate|market|ward)\b",
    re.IGNORECASE,
)
CIVILIAN_TARGET = re.compile(
    r"\b(?:villages?|villagers|residents|homes?|houses?|homesteads?|families|family|markets?|shops?|schools?|pupils|students|"
    r"churches|church|mosques?|worshippers|congregants|buses|bus|matatus?|passengers|travell?ers|motorists|drivers|traders|"
    r"farmers|herders|pastoralists|civilians?|people|person|man|men|woman|women|girls?|boys?|child(?:ren)?|teachers?|"
    r"doctors?|nurses?|patients?|hospitals?|journalists?|officials?|chief|MCA|MP|candidates?|supporters|voters|convoy|"
    r"businessm[ae]n|tourists?|refugees?|camps?|IDPs?|elders?|preachers?|pastors?|priests?|imams?|clerics?|activists?|"
    r"politicians?|aspirants?|leaders?|herdsm[ae]n)\b",
    re.IGNORECASE,
)
ARMED_WORDS = re.compile(
    r"\b(?:police|officers?|soldiers?|troops|army|military|forces|militants?|fighters?|rebels?|insurgents?|gunm[ae]n|"
    r"bandits?|raiders?|militia|militiam[ae]n|pirates?|al[- ]shabaab|taliban|guards?|KDF|GSU|reservists?|attackers?|warriors|morans?)\b",
    re.IGNORECASE,
)
ARMED_NONSTATE_WORDS = re.compile(
    r"\b(?:militants?|rebels?|insurgents?|gunm[ae]n|bandits?|raiders?|militias?|militiam[ae]n|pirates?|al[- ]shabaab|taliban|gangs?|"
    r"attackers?|warriors|morans?)\b",
    re.IGNORECASE,
)
ARMED_GROUP_NAME = re.compile(r"^(?!Unidentified\b).*\b(?:militia|gang|defen[cs]e forces?|brigades?|vigilante group)\b", re.IGNORECASE)
"""Names of political militias that call the group an armed one ("Militia (Pro-Government)", "Gaza Gang"),
unlike a party's; generic fallbacks ("Unidentified Armed Group") are judged by their label."""
MOB_CROWD = re.compile(
    r"\b(?:residents|villagers|locals|community|members of the public|neighbou?rs|crowds?|mourners|students|churchgoers|"
    r"worshippers|traders|riders|operators|fishermen|tenants|squatters|the public|a mob|mobs?|voters|hawkers|vendors)\b",
    re.IGNORECASE,
)
MOB_AGENT = re.compile(
    r"\s+(?:to death\s+)?by\s+(?:an?\s+|the\s+)?(?:angry\s+|irate\s+|enraged\s+|local\s+)?(?:residents|villagers|locals|members of the public|"
    r"crowds?|mobs?|voters|neighbou?rs|students|traders|(?:boda ?boda |matatu )?(?:operators|riders)|vigilantes?(?: groups?)?)\b",
    re.IGNORECASE,
)
"""A crowd as the agent of a passive ("was killed by residents"): mob violence as much as "residents killed"."""
DISCOVERY_CUE = re.compile(r"\bbod(?:y|ies)\b|\bfound\b|\bdead\b", re.IGNORECASE)
CROWD_WORDS = re.compile(
    r"\b(?:protesters?|demonstrators?|rioters?|mobs?|crowds?|youths?|residents|villagers|students|supporters|locals|traders|"
    r"members of the public|boda boda|hawkers|squatters|rowdy|unruly)\b",
    re.IGNORECASE,
)

FACT_HINTS = re.compile(
    r"population|largest|biggest|populous|home to|city of|repel|repulsed|thwart|foil|beat back|pushed back|taken|captured|seized|overr",
    re.IGNORECASE,
)
GRIEVANCE_FAMILIES = frozenset({"kill", "assault", "looting", "abduct", "sexual", "arrest", "displacement"})
"""Cue families that can name what a crowd protests about rather than what it did."""
PROTEST_CAUSE = re.compile(
    r"\b(?:over|against|after|following|about|in (?:the )?wake of|condemn\w*|denounc\w*|decry\w*|demand\w*|"
    r"calling for|protest(?:s|ing|ed)?|in protest (?:at|of|against|over)|(?:sparked|triggered|prompted|caused|angered) by|"
    r"in (?:response|reaction|retaliation) to)\b",
    re.IGNORECASE,
)
PROTEST_VERB = re.compile(r"(?:protest|demonstrat)(?:s|e|es|ed|ing)?|(?:rall(?:y|ied|ies|ying))", re.IGNORECASE)
PROTEST_OBJECT = re.compile(
    r"\s+(?:(?:the|a|an|their|his|her|its|this|these|those)\s+(?:[\w'’-]+\s+){0,3}|(?:[\w'’-]+\s+){0,2})", re.IGNORECASE
)
"""A protest verb's direct object: "protest (a recent militia) attack", "protest (army) raids"."""
COORDINATED_ACT = re.compile(r"(?:\band|,|\bthen|\bbefore|\blater)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
FINITE_VERB_CUE = re.compile(r"(?:\w+ed|shot|stole|beat|burnt|hit|struck|fought|took|threw|lit|set)\b", re.IGNORECASE)
"""A cue that starts with a past-tense verb: after "and" it is a new act ("protested and looted shops"),
while a noun ("protest over burglaries and livestock theft") still names the grievance."""
CAUSE_BEFORE = re.compile(
    r"\b(?:after|following|over|in (?:the )?wake of|in (?:response|reaction|retaliation) to)\s+(?:the|a|an|his|her|their|its)?\s*(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)
"""A cause phrase right before a (nominal) violence word: "following the death of", "after a recent attack"."""
MEANS_BY = re.compile(r"\bby\s+$", re.IGNORECASE)
""""protest against a levy by burning an office": what follows "by" is the act, not the grievance."""
PLUPERFECT = re.compile(r"\bhad\s+(?:been\s+)?(?:\w+ly\s+)?(?:\w+(?:ed|en)\s+(?:and|or)\s+)?$", re.IGNORECASE)
LEADING_CAUSE = re.compile(r"\W*(?:after|following|over|in (?:the )?wake of|angered by|outraged by)\b", re.IGNORECASE)
CROWD_FOLLOW_UP = frozenset({"Mob violence", "Attack", "Armed clash", "Looting/property destruction"})
CROWD_ACTS = frozenset({"assault", "looting", "riot", "clash", "mob"})
"""Violence told right after a protest that, done by the crowd or against the police, makes it a riot."""
PROTEST_ESCALATION = {
    "Peaceful protest": 0,
    "Protest with intervention": 1,
    "Excessive force against protesters": 2,
    "Violent demonstration": 3,
}
"""Forms of one crowd event, mildest first: later sentences about the same protest can only raise it."""
LIVESTOCK = re.compile(r"\b(?:cattle|cows?|livestock|goats?|sheep|camels?|donkeys?|herds?|animals|rustl\w*)\b", re.IGNORECASE)
MUTUAL = re.compile(r"\b(?:each other|one another)\b", re.IGNORECASE)
NON_EVENT_ROLES = frozenset({"organisation"})
CROWD_KINDS = frozenset({"protesters", "rioters"})
NONSTATE_KINDS = frozenset({"rebel", "political_militia", "identity_militia"})
REBEL_WORDS = re.compile(r"rebel|opposition|insurgen", re.IGNORECASE)
LED_BY = re.compile(
    r"^[\s,]*(?:(?:are|were|is|was)\s+)?(?:(?:led|spearheaded|headed|dominated)\s+by|(?:operating\s+)?under|affiliated\s+(?:with|to)|belonging\s+to|(?:members|fighters|elements)\s+of|of)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?$",
    re.IGNORECASE,
)
PHRASE_STOP = re.compile(r"[()\[\];:,]")
"""Punctuation that closes the phrase a negation word belongs to."""
PASSIVE_AUX_EARLIER = re.compile(r"\b(?:was|were|been|being|got)\b", re.IGNORECASE)
"""A passive auxiliary a few words before the verb ("were late at night shot dead")."""
PASSIVE_AUX = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
ANAPHORIC = re.compile(r"\b(?:the|this|that|these|those|the same|the latest|the initial|its|their)\s+(?:[\w“”\"'-]+\s+){0,2}$", re.IGNORECASE)
NOMINAL_CUES = re.compile(
    r"^(?:attacks?|assaults?|strikes?|air ?strikes?|raids?|fighting|clash(?:es)?|offensives?|bombings?|bombardments?|"
    r"explosions?|blasts?|ambush(?:es)?|shelling|incidents?|operations?|violence|killings?|battles?|protests?|demonstrations?)$",
    re.IGNORECASE,
)
RESPONSIBILITY = re.compile(r"claimed responsibility|claims? of responsibility|took responsibility|admitted (?:to )?(?:carrying out|the attack)", re.IGNORECASE)
CLAIM_VERBS = re.compile(r"\b(?:said|says|say|reported|claimed|claims|told|insisted|announced|stated|according to)\b", re.IGNORECASE)


# Regexes searched in many windows of one document: answered from a per-text index (same results).
RESPONSIBILITY = IndexedSearch(RESPONSIBILITY)
CROWD_WORDS = IndexedSearch(CROWD_WORDS)
ARMED_WORDS = IndexedSearch(ARMED_WORDS)
ARMED_NONSTATE_WORDS = IndexedSearch(ARMED_NONSTATE_WORDS)
MUTUAL = IndexedSearch(MUTUAL)
LIVESTOCK = IndexedSearch(LIVESTOCK)


@dataclass(slots=True)
class SentenceData:
    start: int
    end: int
    paragraph: int
    cues: list[Cue] = field(default_factory=list)
    dates: list[DateRange] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    exclude: list[Span] = field(default_factory=list)  # every actor/organisation name: never a place


@dataclass(slots=True)
class DocState:
    """What earlier sentences tell later ones (anaphora, dates, perpetrators)."""

    anchor: DateRange | None = None
    anchor_paragraph: int = -1
    last_mention: Mention | None = None
    last_paragraph: int = -1
    sentence_index: int = 0
    last_by_type: dict = field(default_factory=dict)
    main_nonstate: Actor | None = None  # the document's main named non-state group  # event type -> last Mention of that type
    history: DateRange | None = None  # the paragraph is narrating the past ("in December 2016 ...")
    history_paragraph: int = -1
    places: Tally = field(default_factory=Tally)
    place_mentions: dict = field(default_factory=dict)
    last_sentence: int = -99
    last_claim: Claim | None = None
    unclaimed: deque = field(default_factory=deque)  # sentences whose claims are not read yet, in text order
    last_actor1: ActorMention | None = None
    air_actor: ActorMention | None = None
    country: str = ""
    paragraph_mentions: list = field(default_factory=list)  # the events of the last paragraph that had any


class EventAssembler:
    """Turns one article plus its extractor outputs into Mentions and Aggregates."""

    def __init__(self, *, lexicon: TriggerLexicon, actors, geocoder, extractors) -> None:
        self.lexicon = lexicon
        self.kb = actors
        self.geocoder = geocoder
        self.x = extractors  # module-like object with find_dates, find_counts, find_claims, best_event_date, default_date

    # ------------------------------------------------------------------ document
    def assemble(self, article: Article, sentences: list[tuple[int, int, int]], *, cues: list[Cue] | None = None) -> DocumentResult:
        text = article.text
        result = DocumentResult(article=article)
        cues = self.lexicon.find(text) if cues is None else cues
        context = self.geocoder.document_context(text)
        country = getattr(context, "country_code", None)
        on = article.published
        hits = self.kb.find(text)
        hit_spans = sorted((h.span for h in hits), key=lambda sp: sp.start)
        bound = self._bind_all(text, hits, country=country, on=on)
        bound = self._resolve_generics(text, bound, country=country or "", on=on)
        state = DocState(country=country or "", main_nonstate=self._main_nonstate(text, bound))
        result.actor_mentions = [b for b in bound if b.actor.kind != "country"]
        ci = ai = 0
        ordered_cues = sorted(cues, key=lambda c: c.span.start)
        ordered_actors = sorted(bound, key=lambda a: a.span.start)
        per_paragraph = Tally(p for _, _, p in sentences)
        headlines: set[int] = set()
        captions = any(lit in text for lit in CAPTION_LITERALS)
        for s_start, s_end, paragraph in sentences:
            sd = SentenceData(s_start, s_end, paragraph)
            sd.exclude = [sp for sp in hit_spans if s_start <= sp.start < s_end]
            while ci < len(ordered_cues) and ordered_cues[ci].span.start < s_end:
                if ordered_cues[ci].span.start >= s_start:
                    sd.cues.append(ordered_cues[ci])
                ci += 1
            while ai < len(ordered_actors) and ordered_actors[ai].span.start < s_end:
                if ordered_actors[ai].span.start >= s_start:
                    sd.actors.append(ordered_actors[ai])
                ai += 1
            if captions and CAPTION.search(text, s_start, s_end):
                continue  # photo captions restate other reports, with the photo's own date
            before = len(result.mentions)
            self._sentence(article, sd, state, context, result)
            if per_paragraph[paragraph] == 1 and len(sentences) > 2 and _is_headline(text, s_start, s_end):
                headlines.update(id(m) for m in result.mentions[before:])
        result.mentions = _drop_repeated_headlines(result.mentions, headlines)
        if any(m.place is not None for m in result.mentions):
            # ACLED does not code events located only to a country; a note that locates nothing keeps them
            result.mentions = [m for m in result.mentions if m.place is not None]
        return result

    def _bind_all(self, text: str, hits, *, country, on) -> list[ActorMention]:
        """Bind hits to ACLED actors; generic words ("rebels") and country names become placeholders
        resolved later against the document (``_resolve_generics``)."""
        out = []
        for h in hits:
            if h.is_organisation:
                continue
            if h.role and "ethnic" in h.role and (
                GEO_OR_PROPERTY.match(text, h.span.end) or DIRECTION_BEFORE.search(text, max(0, h.span.start - 8), h.span.start)
            ):
                continue  # "West Pokot county", "Luo houses": a place or a property, not a militia
            try:
                am = self.kb.bind(h, country_code=country, on=on)
            except (KeyError, ValueError, SitrepError):
                am = None
            if am is not None and getattr(h, "backer", None) and h.role == "military" and h.backer != country:
                am = None  # "Turkish-backed forces" in Syria are a proxy group, not Turkey's army
                h = _as_generic_nonstate(h)
            if am is None:
                if h.role == "nonstate_generic":
                    am = ActorMention(h.span, Actor(f"generic:nonstate:{h.refers_to or ''}", "", "nonstate_generic", h.country or country or ""), h.label)
                elif h.role == "country" and h.country:
                    am = ActorMention(h.span, Actor(f"generic:country:{h.country}", "", "country", h.country), h.label)
                elif h.role and (role_actor := self._countryless(h.role)) is not None:
                    am = ActorMention(h.span, role_actor, h.label)  # "police" in a text that names no country
                else:
                    continue
            if getattr(h, "implied", False):
                am.label = ""
                am.descriptors = ["__implied__"]
            if not am.descriptors:
                try:
                    am.descriptors = list(self.kb.descriptor_labels(text, h))
                except (KeyError, ValueError, AttributeError):
                    am.descriptors = []
            out.append(am)
        return out

    def _resolve_generics(self, text: str, mentions: list[ActorMention], *, country: str, on) -> list[ActorMention]:
        """"rebels", "jihadists", "the militants": the named group they stand beside or are "led by",
        else the document's main named non-state group, else ACLED's generic fallback."""
        named = [m for m in mentions if m.actor.kind in NONSTATE_KINDS and not _is_placeholder(m)]
        tally = Tally(m.actor.actor_id for m in named)
        led_by = _led_by_links(text, mentions)
        main = None
        if led_by:
            main = Tally(led_by.values()).most_common(1)[0][0]
        elif tally:
            top = max(tally.values())
            main = next(m.actor.actor_id for m in named if tally[m.actor.actor_id] == top)
        out = []
        for m in mentions:
            if m.actor.kind == "nonstate_generic":
                proxy = self._proxy(m, country, on)
                if proxy is not None:
                    out.append(proxy)
                    continue
                ref = m.actor.actor_id.split(":", 2)[2] or led_by.get(id(m)) or main
                actor = self._actor_or_none(ref) if ref else None
                if actor is None:
                    actor = self._fallback_nonstate(m.label, country, on)
                if actor is None:
                    continue
                m = ActorMention(m.span, actor, m.label, m.descriptors)
            out.append(m)
        return out

    def _main_nonstate(self, text: str, mentions: list[ActorMention]):
        """The named armed group the document is mostly about (what "the rebels" refers to)."""
        named = [m for m in mentions if m.actor.kind in NONSTATE_KINDS and not _is_placeholder(m)]
        led_by = _led_by_links(text, mentions)
        if led_by:
            return self._actor_or_none(Tally(led_by.values()).most_common(1)[0][0])
        if not named:
            return None
        tally = Tally(m.actor.actor_id for m in named)
        top = max(tally.values())
        return next(m.actor for m in named if tally[m.actor.actor_id] == top)

    def _proxy(self, m: ActorMention, country: str, on) -> ActorMention | None:
        """"Turkish-backed Syrian rebels": the named group the shorter "Turkish-backed rebels" stands for."""
        short = BACKED.sub(r"\1 \2", m.label or "")
        if "-backed" not in short or short == m.label and not BACKED.search(m.label or ""):
            return None
        for h in self.kb.find(short):
            if h.actor_id or any(t.kind == "actor" for t in getattr(h, "targets", ())):
                try:
                    bound = self.kb.bind(h, country_code=country or None, on=on)
                except (KeyError, ValueError, SitrepError):
                    bound = None
                if bound is not None and bound.actor.kind in NONSTATE_KINDS:
                    return ActorMention(m.span, bound.actor, m.label, m.descriptors)
        return None

    def _countryless(self, role: str) -> Actor | None:
        """A generic role when no country is known: its ACLED kind, its name without the country."""
        spec = getattr(self.kb, "generic_spec", None)
        rspec = spec.roles.get(role) if spec is not None else None
        if rspec is None:
            return None
        name = re.sub(r"\s*(?:of\s+)?\{country\}|\s*\(\{country\}\)|\{period\}|\{group\}\s*", "", rspec.name).strip()
        return Actor(f"~{role}||||", name, rspec.kind)

    def _actor_or_none(self, actor_id: str):
        try:
            return self.kb.get(actor_id)
        except (KeyError, ValueError, SitrepError):
            return None

    def _fallback_nonstate(self, label: str, country: str, on):
        role = "opposition_rebels" if REBEL_WORDS.search(label or "") else "unidentified_armed_group"
        for r in (role, "unidentified_armed_group"):
            try:
                return self.kb.generic(r, country or None, on=on)
            except (KeyError, ValueError, SitrepError):
                continue
        return None

    # ------------------------------------------------------------------ sentence
    def _sentence(self, article: Article, sd: SentenceData, state: DocState, context, result: DocumentResult) -> None:
        state.sentence_index += 1
        text = article.text
        published = article.published
        anchor = state.anchor.event_date if state.anchor and not state.anchor.background else None
        sd.dates = [
            d for d in self.x.find_dates(text, sd.start, sd.end, published=published, anchor=anchor)
            if not _inside_word(text, d.span)
        ]
        state.unclaimed.append(sd)  # its claims are read only if needed (``_claims``)
        if FACT_HINTS.search(text, sd.start, sd.end):
            self._facts(article, sd, state, context, result)
        if not sd.cues and not sd.dates and not HUMANITARIAN.search(text, sd.start, sd.end):
            self._attach_followup_counts(text, sd, state)
            return
        sd.counts = self.x.find_counts(text, sd.start, sd.end)
        best = self.x.best_event_date(sd.dates) if sd.dates else None
        if best is not None and not best.background:
            state.anchor, state.anchor_paragraph = best, sd.paragraph
            state.history = None
        elif sd.dates and all(d.background for d in sd.dates):
            past = [d for d in sd.dates if _may_date_event(text, d, published)]
            if past:
                state.history, state.history_paragraph = past[0], sd.paragraph
        if self._is_aggregate(text, sd):
            result.aggregates.extend(self._aggregates(article, sd, state, context))
            return
        if not sd.cues:
            self._attach_followup_counts(text, sd, state)
            return
        emitted = False
        for c_start, c_end in _clauses(text, sd.start, sd.end):
            clause_cues = [c for c in sd.cues if c_start <= c.span.start < c_end]
            if not clause_cues:
                continue
            mentions = self._clause(article, sd, c_start, c_end, clause_cues, state, context)
            for m in mentions:
                result.mentions.append(m)
                emitted = True
            if mentions:
                if state.last_paragraph != sd.paragraph:
                    state.paragraph_mentions = []
                state.paragraph_mentions.extend(mentions)
                state.last_mention = mentions[-1]
                state.last_paragraph = sd.paragraph
                state.last_sentence = state.sentence_index
                if mentions[-1].actor1 is not None:
                    state.last_actor1 = mentions[-1].actor1
        if not emitted:
            self._attach_followup_counts(text, sd, state)

    def _attach_followup_counts(self, text: str, sd: SentenceData, state: DocState) -> None:
        """A sentence without its own event that gives casualties ("At least 12 were injured") adds them to the last event."""
        m = state.last_mention
        if m is None or sd.paragraph != _paragraph_of(m, state):
            return
        counts = sd.counts or self.x.find_counts(text, sd.start, sd.end)
        for c in counts:
            if c.quantity == "fatalities_coded":
                # "Fatalities coded as 0" speaks for the whole note, not only its last clause
                for other in state.paragraph_mentions:
                    if other.fatalities is None or other.fatalities.quantity != "fatalities_coded":
                        other.fatalities = c
                m.fatalities = c
            elif c.quantity == "killed" and m.fatalities is None:
                m.fatalities = c
            elif c.quantity == "injured" and m.injuries is None:
                m.injuries = c

    def _facts(self, article: Article, sd: SentenceData, state: DocState, context, result: DocumentResult) -> None:
        text = article.text
        places = self.geocoder.find_places(text, sd.start, sd.end, context=context, exclude_spans=sd.exclude)
        if not places and state.last_mention is not None and state.last_mention.place is not None:
            places = [state.last_mention.place]
        ref = self.x.best_event_date(sd.dates) if sd.dates else None
        ref_date = ref.event_date if ref else (state.anchor.event_date if state.anchor else article.published)
        claim = self._claim_for(text, sd, state)
        claimant = claim.claimant if claim else None
        result.facts.extend(find_facts(text, sd.start, sd.end, doc_id=article.doc_id, places=places, claim=claimant, ref_date=ref_date))

    # ------------------------------------------------------------------ aggregates
    def _is_aggregate(self, text: str, sd: SentenceData) -> bool:
        """Totals over a period or an area (UN/monitor tallies), or displacement figures."""
        people = [c for c in sd.counts if c.quantity in ("killed", "injured", "displaced") and not c.negated]
        if not people:
            return False
        if any(c.quantity == "displaced" for c in people) and not any(
            c.quantity in ("killed", "injured") for c in people
        ) and DISPLACEMENT.search(text, sd.start, sd.end) and not any(c.family in ("kill", "protest") for c in sd.cues):
            return True
        ranged = any((d.date_max - d.date_min).days >= 2 for d in sd.dates)
        large = any(c.best >= 10 for c in people)
        return (ranged and large) or bool(PERIOD_WORDS.search(text, sd.start, sd.end))

    def _aggregates(self, article: Article, sd: SentenceData, state: DocState, context) -> list[Aggregate]:
        text = article.text
        period = max(sd.dates, key=lambda d: (d.date_max - d.date_min).days, default=None)
        claim = self._claim_for(text, sd, state)
        claimant = claim.claimant if claim else None
        places = self.geocoder.find_places(text, sd.start, sd.end, context=context)
        area = ", ".join(dict.fromkeys(p.place.name for p in places if p.place)) or ""
        out = []
        for c in sd.counts:
            if c.negated or c.quantity not in ("killed", "injured", "displaced", "missing", "captured", "arrested"):
                continue
            quantity = "civilians killed" if c.quantity == "killed" and "civilian" in (c.who or "") else c.quantity
            out.append(
                Aggregate(
                    doc_id=article.doc_id,
                    quantity=quantity,
                    value_low=c.low,
                    value_high=c.high,
                    area=area,
                    period_start=period.date_min if period else None,
                    period_end=period.date_max if period else article.published,
                    claimed_by=claimant,
                    sentence=text[sd.start : sd.end],
                    start=sd.start,
                    end=sd.end,
                )
            )
        return out

    # ------------------------------------------------------------------ clause
    def _clause(self, article, sd, c_start, c_end, cues, state, context) -> list[Mention]:
        """Zero, one or several Mentions for one clause (several when it lists several places)."""
        text = article.text
        in_clause = [a for a in sd.actors if c_start <= a.span.start < c_end and a.actor.kind not in NON_EVENT_ROLES]
        actors = [a for a in in_clause if not _implied(a) or a.actor.kind in ("protesters", "rioters")]
        live = [
            c for c in cues
            if not self._irrealis(text, c_start, c) and not _part_of_name(c, sd.actors)
            and not (self.lexicon.prior.search(text, max(c_start, c.span.start - 20), c.span.start) and not FINITE_VERB_CUE.match(c.span.text))
            and not self.lexicon.background.search(text, max(c_start, c.span.start - 30), c.span.end)
            and not _habit_after(self.lexicon.background.search(text, c.span.end, min(c_end, c.span.end + 12)))
        ]
        kept = _without_grievances(text, c_start, live)
        if len(kept) < len(live):
            lead_end = _lead_phrase_end(text, c_start, c_end, [c for c in live if c not in kept])
            actors = [a for a in actors if a.span.start >= lead_end]  # "Following the killing of X by Y, residents ..."
        live = kept
        if not live:
            return []
        if RESPONSIBILITY.search(text, c_start, c_end):
            self._responsibility(text, c_start, c_end, actors, state)
            return []
        prefix = TOPIC_PREFIX.match(text, c_start, c_end)
        body_cues = [c for c in live if not prefix or c.span.start >= prefix.end()] or live
        main = _main_cue([c for c in body_cues if not _weak_mob(c)] or body_cues, actors)
        if self._habitual(text, c_start, c_end, main):
            return []
        families: dict[str, list[str]] = {}
        for c in live:
            families.setdefault(c.family, []).append(c.span.text.lower())
        actor1, actor2 = self._roles(text, c_start, c_end, main, actors, state)
        assoc1 = _coordinated(text, actor1, actors, main)
        counts = [c for c in sd.counts if c_start <= (c.span.start if c.span else sd.start) < c_end] or (
            sd.counts if len(_clauses(text, sd.start, sd.end)) == 1 else []
        )
        own_dates = [d for d in sd.dates if not d.background and (d.span is None or c_start <= d.span.start < c_end)]
        # looked up on first use only: many clauses are dropped before they need their places
        clause_places = cache(lambda: self.geocoder.find_places(text, c_start, c_end, context=context, exclude_spans=sd.exclude))
        facts = self._facts_for(text, c_start, c_end, live, families, actor1, actor2, counts, actors)
        sub = classify(facts)
        if self._escalates_protest(sub, families, sd, clause_places, own_dates, counts, (actor1, actor2), state):
            return []
        if self._refers_back(text, c_start, live, clause_places, own_dates, counts, state):
            if state.last_mention is not None:
                self._enrich_last(state.last_mention, counts, sd, text)
                _retype_as_clash(state.last_mention, sub, families)
            return []
        if counts and PRESENT_PERFECT.search(text, c_start, c_end) and (
            CAMPAIGN.search(text, c_start, c_end) or not (own_dates or clause_places() or max(c.best for c in counts) < RUNNING_TOTAL)
        ):
            # "the offensive ... has resulted in the deaths of 255": a running total, not one event;
            # "three people have been killed in an attack in X" (a place of its own) is a fresh report
            return []
        topic = self.lexicon.topic(prefix.group().rstrip(": \t")) if prefix else None
        if topic is not None:
            sub = _topic_sub_event(topic, facts)
        if sub is None:
            return []
        sub, actor1 = self._inherit_strike(sub, families, text, c_start, c_end, actor1, state)
        actor2 = _intervening_force(sub, actor1, actor2, actors)
        sub = self._inherit_anaphoric(sub, live, text, c_start, c_end, actor1, sd, state)
        places = self._where(text, sd, c_start, c_end, clause_places(), state, context, SUB_EVENT_TYPES[sub])
        placeless = not places  # kept only if the whole document locates nothing (see assemble)
        if not own_dates and len({p.span.text for p in places}) >= 3 and SUMMARY_TENSE.search(text, c_start, c_end):
            return []  # "bombing raids in Aleppo, Idlib and Hama" with no date: a summary, not an event
        date_range = self._date_for(sd, c_start, c_end, state, article.published, main, text=text)
        if date_range is not None and date_range.background:
            return []  # history, not a current incident
        if sub == "Non-state actor overtakes territory" and actor1 is not None and actor1.actor.kind in ("state", "external"):
            actor1, actor2 = None, actor1  # "cost the regime control of X": the state lost the ground
        actor1, actor2, assoc2 = self._fill_defaults(sub, actor1, actor2, facts, context, article, state, places)
        fatalities, injuries = _casualties(counts)
        claim = self._claim_for(text, sd, state)
        denied = bool(self.lexicon.denial.search(text, sd.start, sd.end))
        chosen = _event_places(places, text=text) or [None]
        mentions = []
        for place in chosen:
            mentions.append(
                Mention(
                    doc_id=article.doc_id,
                    sentence=Span(sd.start, sd.end, text[sd.start : sd.end]),
                    trigger=main.span,
                    event_type=SUB_EVENT_TYPES[sub],
                    sub_event_type=sub,
                    actor1=actor1,
                    actor2=actor2,
                    assoc_actor_1=[a for a in assoc1 if actor1 is None or a.actor.actor_id != actor1.actor.actor_id],
                    assoc_actor_2=assoc2,
                    civilian_targeting=sub in ("Attack", "Sexual violence", "Abduction/forced disappearance")
                    or (facts.victims_civilian and not facts.victims_armed and SUB_EVENT_TYPES[sub] == "Explosions/Remote violence"),
                    place=place,
                    date=date_range,
                    fatalities=fatalities if len(chosen) == 1 else _split_count(fatalities, len(chosen)),
                    confidence=0.5 if placeless else 1.0,
                    injuries=injuries if len(chosen) == 1 else None,
                    claim=claim,
                    denied=denied,
                )
            )
        for p in chosen:
            if p is not None and p.place is not None and p.place.feature not in ("admin1", "country"):
                state.places[p.place.name] += 1
                state.place_mentions[p.place.name] = p
        if actor1 is not None and sub == "Air/drone strike":
            state.air_actor = actor1
        if mentions and mentions[-1].place is not None:
            state.last_by_type[mentions[-1].event_type] = mentions[-1]
        return mentions

    def _escalates_protest(self, sub, families, sd, places_of, own_dates, counts, roles, state: DocState) -> bool:
        """"Students protested over fees. Police fired tear gas." / "They burnt tyres.": what follows a
        protest in the same paragraph, without a place or date of its own, is the same event; the
        gravest form wins (peaceful < intervention < excessive force < violent demonstration).
        Returns True when the clause was absorbed into the last protest. ``places_of()``: the clause's places."""
        m = state.last_mention
        if m is None or m.sub_event_type not in PROTEST_ESCALATION or state.last_paragraph != sd.paragraph:
            return False
        if state.sentence_index - state.last_sentence > 2 or own_dates:
            return False
        places = places_of()
        if places and (m.place is None or any(p.span.text != m.place.span.text for p in places)):
            return False
        new = sub if sub in PROTEST_ESCALATION else None
        if new is None and sub is None and "intervention" in families:
            new = "Protest with intervention"
        if (
            new is None and sub in CROWD_FOLLOW_UP and m.sub_event_type != "Violent demonstration"
            and not families.keys().isdisjoint(CROWD_ACTS) and _crowd_or_force(roles)
        ):
            new = "Violent demonstration"  # "The crowd then smashed shop windows": the same crowd turned violent
        if new is None:
            return False
        fatalities, injuries = _casualties(counts)
        m.fatalities = m.fatalities or fatalities
        m.injuries = m.injuries or injuries
        if PROTEST_ESCALATION[new] <= PROTEST_ESCALATION[m.sub_event_type]:
            return True
        m.sub_event_type, m.event_type = new, SUB_EVENT_TYPES[new]
        force = next((a for a in roles if a is not None and a.actor.kind in ("state", "external")), None)
        if m.actor2 is None and force is not None:
            m.actor2 = force
        if m.event_type == "Riots" and m.actor1 is not None and m.actor1.actor.kind == "protesters":
            m.actor1 = self._generic("rioters", m.actor1.actor.country, m.date.event_date if m.date else None) or m.actor1
        return True

    def _facts_for(self, text, c_start, c_end, live, families, actor1, actor2, counts, actors=()) -> ClauseFacts:
        victims = " ".join((c.who or "") for c in counts if c.quantity in ("killed", "injured"))
        victim_phrases = " ".join(c.span.text for c in counts if c.span is not None and c.quantity in ("killed", "injured"))

        def in_clause(rx) -> bool:
            return _search_clause(rx, text, c_start, c_end)

        return ClauseFacts(
            families=families,
            actor1_kind=actor1.actor.kind if actor1 else None,
            actor2_kind=None if _in_relative_clause(text, live, actor2, c_end) else _as_target(actor2),
            victims_civilian=bool(CIVILIAN_WHO.search(victims) or OFF_DUTY.search(victim_phrases))
            or (actor2 is not None and actor2.actor.kind == "civilians"),
            victims_armed=bool(ARMED_WHO.search(victims) or ARMED_VICTIMS.search(victim_phrases))
            and not OFF_DUTY.search(victim_phrases),
            territorial_object=self._territorial_object(text, live, c_end),
            crowd_actor=(
                bool(CROWD_WORDS.search(text, c_start, max(c_start, live[0].span.start)))
                or (actor1 is not None and actor1.actor.kind in ("protesters", "rioters"))
            ) and not (actor1 is not None and actor1.actor.kind in NONSTATE_KINDS | {"external"}),
            crowd_any=in_clause(CROWD_WORDS) or any(
                a is not None and a.actor.kind in ("protesters", "rioters") for a in (actor1, actor2)
            ),
            armed_nonstate=any(
                a is not None and (a.actor.kind == "rebel" or (a.actor.kind in NONSTATE_KINDS and ARMED_NONSTATE_WORDS.search(a.label or "")))
                for a in (actor1, actor2)
            ) or in_clause(ARMED_NONSTATE_WORDS),
            mob_subject=bool(MOB_CROWD.search(text, c_start, max(c_start, live[0].span.start)))
            or any(
                MOB_AGENT.match(text, c.span.end, c_end) for c in live
                if c.family in ("kill", "assault", "looting") and not DISCOVERY_CUE.search(c.span.text)
            ),
            target_civilian=_civilian_target(text, live, c_end, c_start),
            armed_named=any(a is not None and a.actor.kind in ARMED for a in (actor1, actor2)) or in_clause(ARMED_WORDS),
            mutual=in_clause(MUTUAL),
            livestock=in_clause(LIVESTOCK),
            state_force=_state_agent(text, live, actors, c_end) is not None,
        )

    def _habitual(self, text: str, c_start: int, c_end: int, main: Cue) -> bool:
        """History or habit next to the event word ("previously fought", "constant shelling", "the civil war")."""
        opening = text[c_start : min(c_end, c_start + 25)]
        return bool(self.lexicon.background.search(opening))

    def _inherit_strike(self, sub, families, text, c_start, c_end, actor1, state: DocState):
        """"The strike follows one on Saturday which killed several": the same kind of strike as the last one."""
        m = state.last_mention
        if (
            sub == "Attack"
            and set(families) <= {"kill", "assault"}
            and m is not None
            and m.event_type == "Explosions/Remote violence"
            and state.sentence_index - state.last_sentence <= 2
            and STRIKE_NOUN.search(text, c_start, c_end)
        ):
            return m.sub_event_type, (actor1 if actor1 is not None and not actor1.actor.name.startswith("Unidentified") else m.actor1)
        return sub, actor1

    def _inherit_anaphoric(self, sub, cues, text, c_start, c_end, actor1, sd: SentenceData, state: DocState):
        """"(SANA made no mention of) an attack in that area": an attack noun with no actor, at the place just
        named, is the event the previous sentence reported, and takes its type."""
        m = state.last_mention
        if (
            m is None or actor1 is not None or state.last_paragraph != sd.paragraph
            or state.sentence_index - state.last_sentence > 1
            or not all(NOMINAL_CUES.match(c.span.text) for c in cues)
            or not ANAPHORIC_PLACE.search(text, c_start, c_end)
        ):
            return sub
        return m.sub_event_type

    def _where(self, text, sd, c_start, c_end, places, state: DocState, context, event_type: str | None = None) -> list[PlaceMention]:
        """The clause's places; else the sentence's (one clause), the last event's, or the document's focus.
        A clause located only to a country gets none (ACLED does not code those)."""
        places = [self._with_unknown_name(text, p, places, context) for p in places]
        country_only = any(p.place is not None and p.place.feature == "country" for p in places)
        located = [p for p in places if p.place is not None and p.place.feature != "country"]
        home = getattr(context, "country_code", None)
        if home and any(p.place.country_code == home for p in located):
            located = [p for p in located if p.place.country_code == home]
        if located or country_only:
            return located
        if len(_clauses(text, sd.start, sd.end)) == 1 and (c_start, c_end) != (sd.start, sd.end):
            more = self.geocoder.find_places(text, sd.start, sd.end, context=context, exclude_spans=sd.exclude)
            more = [self._with_unknown_name(text, p, more, context) for p in more]
            located = [p for p in more if p.place is not None and p.place.feature != "country"]
            if located:
                return located
        last = state.last_mention
        if last is not None and last.place is not None:
            same_para = state.last_paragraph == sd.paragraph and state.sentence_index - state.last_sentence <= 3
            kin = state.last_by_type.get(event_type) if event_type else None
            if same_para and kin is not None and kin.place is not None and kin.doc_id == last.doc_id:
                return [kin.place]
            if same_para or ANAPHORIC_PLACE.search(text, c_start, c_end):
                return [last.place]
        if state.places:
            name, n = state.places.most_common(1)[0]
            if n >= 2:
                return [state.place_mentions[name]]
        return []

    def _with_unknown_name(self, text: str, pm: PlaceMention, places: list[PlaceMention], context) -> PlaceMention:
        """A cued name the gazetteer lacks ("the village of X") keeps its name, with its container's coordinates."""
        container = pm.place
        if container is not None and not (container.feature in ("admin1", "admin2", "admin3") and skeleton(pm.span.text) != skeleton(container.name)):
            return pm
        if container is None:
            boxes = [p.place for p in places if p.place is not None and p.place.feature in ("admin1", "admin2", "admin3")]
            container = boxes[0] if boxes else self._province_of_named_city(places, context)
        if container is None or not pm.span.text or pm.span.text[:1].islower():
            return pm
        precision = 3 if container.feature == "admin1" else 2
        place = Place(
            name=pm.span.text, country=container.country, country_code=container.country_code,
            latitude=container.latitude, longitude=container.longitude,
            admin1=container.admin1 or container.name, admin2=container.admin2 if container.feature != "admin1" else "",
            feature="unresolved",
        )
        return PlaceMention(pm.span, place, precision, "in")

    def _province_of_named_city(self, places: list[PlaceMention], context):
        """"Elsewhere in Idlib ... near X": the province of the city named beside an unknown village."""
        for p in places:
            if p.place is not None and p.place.feature == "city" and p.place.admin1:
                try:
                    unit = self.geocoder.gazetteer.admin1(p.place.admin1, country_code=p.place.country_code)
                except (KeyError, ValueError, AttributeError, SitrepError):
                    unit = None
                if unit is not None:
                    return unit
        return None

    def _refers_back(self, text, c_start, cues, places_of, own_dates, counts, state: DocState) -> bool:
        """"the attack", "the fighting", "the offensive": the event already reported, not a new one.

        A clause whose only event words are definite nouns (besides killing words) refers back,
        unless it brings a date, a place and figures of its own ("The strike on Saturday killed 3 in X").
        ``places_of()``: the clause's places (looked up only when the date and figures are there)."""
        if state.last_mention is None:
            return False
        definite = any(
            NOMINAL_CUES.match(c.span.text) and ANAPHORIC.search(text[max(c_start, c.span.start - 30) : c.span.start])
            for c in cues
        )
        verbal = any(not NOMINAL_CUES.match(c.span.text) and c.family != "kill" for c in cues)
        if not definite or verbal:
            return False
        return not (own_dates and counts and places_of())

    def _enrich_last(self, m: Mention, counts: list[Count], sd: SentenceData, text: str) -> None:
        """Casualties, claims and denials said of an event already reported."""
        fat, inj = _casualties(counts)
        if fat is not None and (m.fatalities is None or (m.fatalities.quantity != "fatalities_coded" and fat.best > m.fatalities.best)):
            m.fatalities = fat
        if inj is not None and (m.injuries is None or inj.best > m.injuries.best):
            m.injuries = inj
        if self.lexicon.denial.search(text, sd.start, sd.end):
            m.denied = True

    def _responsibility(self, text, c_start, c_end, actors, state: DocState) -> None:
        """"X claimed responsibility for the attack": X becomes the perpetrator of the last event."""
        m = state.last_mention
        if m is None or not actors:
            return
        claimant = actors[0]
        if m.actor1 is None or m.actor1.actor.name.startswith("Unidentified"):
            m.actor1 = claimant

    def _irrealis(self, text: str, c_start: int, cue: Cue) -> bool:
        """A cue governed by a modal, a negation or a purpose clause a few words before it.

        The windows are searched in place (not sliced) so that a word cut by the window's edge
        ("Owi|no's") cannot pass for a whole word."""
        window_start = max(c_start, cue.span.start - 40)
        near_start = max(c_start, cue.span.start - 16)
        stop = PHRASE_STOP.search(text, near_start, cue.span.start)  # "(time unclear) fighting": another phrase
        while stop is not None:
            near_start = stop.end()
            stop = PHRASE_STOP.search(text, near_start, cue.span.start)
        return bool(
            self.lexicon.irrealis.search(text, window_start, cue.span.start)
            or self.lexicon.negation.search(text, near_start, cue.span.start)
        )

    def _territorial_object(self, text: str, cues: list[Cue], c_end: int) -> bool:
        """The thing captured is ground (a town, a base, positions, "control"), not people or goods."""
        for c in cues:
            if c.family not in ("capture", "recapture"):
                continue
            if TERRITORIAL_NOUNS.search(c.span.text):
                return True  # "seized control", "took control"
            window = text[c.span.end : min(c_end, c.span.end + 70)]
            window = re.split(r"[,;]|\s(?:while|after|before|following|as)\s", window, maxsplit=1)[0]
            ground = TERRITORIAL_NOUNS.search(window)
            goods = NON_TERRITORIAL.search(window)
            name = re.search(r"\b[A-Z][a-z]{2,}", window)
            first = min((m.start() for m in (ground, goods) if m), default=None)
            if ground is not None and ground.start() == first:
                return True
            if goods is None and name is not None:
                return True
            before = text[max(0, c.span.start - 40) : c.span.start]
            if goods is None and TERRITORIAL_NOUNS.search(before) and re.search(r"\b(?:the )?capture\b", c.span.text, re.IGNORECASE):
                return True
        return False

    def _roles(self, text, c_start, c_end, main: Cue, actors: list[ActorMention], state: DocState):
        """actor1 = who acts (before the verb, or after "by"), actor2 = the other side."""
        companions = [a for a in actors if COMPANION.search(text[max(c_start, a.span.start - 30) : a.span.start])]
        actors = [a for a in actors if a not in companions]
        before = [a for a in actors if a.span.end <= main.span.start]
        after = [a for a in actors if a.span.start >= main.span.end]
        inside = [a for a in actors if a.span.start <= main.span.start < a.span.end]  # "Russian warplanes"
        between = BETWEEN.match(text, main.span.end, c_end)
        if between and len({a.actor.actor_id for a in after}) >= 2:
            # "clashes (took place) between X and Y"
            first = after[0]
            second = next(a for a in after if a.actor.actor_id != first.actor.actor_id)
            return first, second
        actor1 = actor2 = None
        passive_agent = next(
            (
                a for a in after
                if PASSIVE_BY.search(text[max(c_start, a.span.start - 30) : a.span.start])
                and (
                    a.span.start - main.span.end <= 25
                    or PASSIVE_AUX.search(text[max(c_start, main.span.start - 25) : main.span.start])
                    or PASSIVE_AUX_EARLIER.search(text, max(c_start, main.span.start - 45), main.span.start)
                )
                and not any(
                    main.span.end <= c.span.start < a.span.start and not NOMINAL_BY.match(text, c.span.end)
                    for c in cues_between(self, text, main, a)
                )
            ),
            None,
        )
        passive = bool(PASSIVE_AUX.search(text[max(c_start, main.span.start - 25) : main.span.start]))
        if passive and passive_agent is None:
            # "traders were arrested", "two soldiers were killed": the subject is the patient
            patients = [a for a in before if not _in_claim_phrase(text, a, c_start)]
            return None, (patients[-1] if patients else None)
        if passive_agent is not None:
            actor1 = passive_agent
            rest = [a for a in before + after if a is not passive_agent and a.actor.actor_id != passive_agent.actor.actor_id]
            actor2 = rest[0] if rest else None
            return actor1, actor2
        commanders = [a for a in before if COMMAND.search(text[max(c_start, a.span.start - 30) : a.span.start])]
        subj = [a for a in before if not _in_claim_phrase(text, a, c_start) and not _object_of_preposition(text, a, c_start)]
        if commanders:
            # "rebels under OPS shelled", "fighters led by HTS entered": the command is the actor
            actor1 = commanders[0]
        elif inside:
            actor1 = inside[0]
            for a in reversed(subj):  # "Syrian and Russian warplanes": the chain's first member leads
                if COORD.fullmatch(text[a.span.end : actor1.span.start]) or a.span.end >= actor1.span.start:
                    actor1 = a
                else:
                    break
        elif subj:
            actor1 = subj[0]
        if actor1 is None:
            # "The army announced that they had regained ...": the speaker is the one acting
            speakers = [a for a in before if _in_claim_phrase(text, a, c_start)]
            if speakers and SPEAKER_ACTS.search(text, speakers[-1].span.end, main.span.start):
                actor1 = speakers[-1]
        if actor1 is None and PRONOUN_SUBJECT.search(text[c_start:main.span.start]) and state.last_actor1 is not None:
            actor1 = state.last_actor1
        others = [a for a in after + before if actor1 is None or a.actor.actor_id != actor1.actor.actor_id]
        if others:
            actor2 = others[0]
        return actor1, actor2

    def _fill_defaults(self, sub, actor1, actor2, facts: ClauseFacts, context, article, state: DocState, places):
        """ACLED's generic actors where the text names none, in the country where the event happened.

        Returns (actor1, actor2, assoc_actor_2): victims named as a group ("women", "students") are
        Civilians with that group associated, as ACLED codes them."""
        country = _event_country(places) or getattr(context, "country_code", None) or ""
        on = article.published
        event_type = SUB_EVENT_TYPES[sub]
        actor1, actor2 = self._relocate(actor1, country, on), self._relocate(actor2, country, on)
        if sub == "Suicide bomb" and (actor1 is None or actor1.actor.name.startswith("Unidentified")) and actor2 is not None \
                and actor2.actor.kind in NONSTATE_KINDS:
            actor1, actor2 = actor2, None  # suicide attacks are carried out by armed groups
        if event_type in ("Protests", "Riots") and actor1 is not None and actor1.actor.kind in ("state", "external") \
                and sub != "Mob violence":
            actor1, actor2 = None, actor1  # "police dispersed protesters": the crowd is actor1 (ACLED)
        if actor1 is None and sub == "Air/drone strike" and state.air_actor is not None:
            actor1 = state.air_actor
        if event_type == "Riots" and actor1 is not None and actor1.actor.kind == "protesters":
            actor1 = self._as_rioters(actor1, country, on)
        if actor1 is None and event_type == "Protests":
            actor1 = self._generic("protesters", country, on)
        elif actor1 is None and event_type == "Riots":
            actor1 = self._generic("rioters", country, on)
        elif actor1 is None and sub == "Arrests":
            actor1 = self._generic("police", country, on)
        elif actor1 is None and sub == "Non-state actor overtakes territory" and state.main_nonstate is not None:
            actor1 = ActorMention(Span(0, 0, ""), state.main_nonstate, "")
        elif actor1 is None and sub != "Air/drone strike" and event_type in ("Battles", "Violence against civilians", "Explosions/Remote violence"):
            actor1 = self._generic("unidentified_armed_group", country, on)
        actor1 = self._as_forces(self._country_as_forces(actor1, on), event_type, on)
        if sub == "Arrests" and actor1 is not None and actor1.actor.kind == "state" and actor1.actor.name.startswith("Military Forces") \
                and SECURITY_WORDS.search(actor1.label or "") and not actor1.actor.parent:
            police = self._generic("police", actor1.actor.country, on)
            actor1 = ActorMention(actor1.span, police.actor, actor1.label, actor1.descriptors) if police else actor1
        actor2 = self._as_forces(self._country_as_forces(actor2, on), event_type, on)
        assoc2 = []
        if actor2 is not None and actor2.actor.kind == "civilians" and not actor2.actor.name.startswith("Civilians ("):
            assoc2.append(actor2)
            actor2 = self._generic("civilians", country, on) or actor2
        needs_civilians = sub in ("Attack", "Sexual violence", "Abduction/forced disappearance", "Mob violence", "Arrests") or (
            event_type == "Explosions/Remote violence" and facts.victims_civilian and not facts.victims_armed
        )
        if needs_civilians and (actor2 is None or actor2.actor.kind not in ARMED | {"civilians"}) and not (
            sub == "Mob violence" and actor2 is not None
        ):
            actor2 = self._generic("civilians", country, on) or actor2
        if sub in ("Arrests", "Abduction/forced disappearance") and actor2 is not None and actor2.actor.kind in ARMED \
                and not facts.victims_armed and actor2.span.start - (actor1.span.end if actor1 else 0) > 60:
            actor2 = self._generic("civilians", country, on) or actor2
        if event_type == "Battles" and actor2 is not None and actor2.actor.kind == "civilians":
            actor2 = None
        if actor1 is not None and actor2 is not None and actor1.actor.actor_id == actor2.actor.actor_id and sub != "Mob violence" and event_type != "Battles":
            actor2 = None
        return actor1, actor2, assoc2

    def _as_rioters(self, am: ActorMention, country: str, on) -> ActorMention:
        """A crowd that turns violent is coded as rioters (ACLED), in the event's country when it is known."""
        generic = self._generic("rioters", country, on)
        if generic is not None:
            return generic
        actor = self._countryless("rioters")
        return ActorMention(am.span, actor, am.label) if actor is not None else am

    def _relocate(self, am: ActorMention | None, country: str, on) -> ActorMention | None:
        """Generic actors (Civilians, Protesters ...) take the country where the event happened."""
        if am is None or not country or not am.actor.actor_id.startswith("~"):
            return am
        role, cc, *_ = am.actor.actor_id[1:].split("|")
        if cc == country or role in ("military", "police", "government", "unidentified_military"):
            return am
        try:
            actor = self.kb.generic(role, country, on=on)
        except (KeyError, ValueError, SitrepError):
            return am
        return ActorMention(am.span, actor, am.label, am.descriptors)

    def _generic(self, role: str, country: str, on: date | None) -> ActorMention | None:
        try:
            actor = self.kb.generic(role, country or None, on=on)
        except (KeyError, ValueError, SitrepError):
            return None
        if actor is None:
            return None
        return ActorMention(span=Span(0, 0, ""), actor=actor, label="")

    def _as_forces(self, am: ActorMention | None, event_type: str, on) -> ActorMention | None:
        """A government named as the one using force ("government warplanes") is its military (ACLED)."""
        if am is None or event_type in ("Strategic developments", "Protests") or am.actor.kind != "state":
            return am
        if not am.actor.name.startswith("Government of"):
            return am
        try:
            actor = self.kb.generic("military", am.actor.country, on=on)
        except (KeyError, ValueError, SitrepError):
            return am
        return ActorMention(am.span, actor, am.label, am.descriptors)

    def _country_as_forces(self, am: ActorMention | None, on) -> ActorMention | None:
        """A country named as the one acting ("Syria launched airstrikes") stands for its military."""
        if am is None or am.actor.kind != "country":
            return am
        try:
            actor = self.kb.generic("military", am.actor.country, on=on)
        except (KeyError, ValueError, SitrepError):
            return None
        return ActorMention(am.span, actor, am.label)

    def _date_for(self, sd: SentenceData, c_start: int, c_end: int, state: DocState, published: date | None, main: Cue | None = None,
                  *, text: str = "") -> DateRange | None:
        """The clause's own date; else the sentence's, the paragraph's (history or anchor), the publication date.
        A past date near the event word makes it history; one far from it dates something else."""
        in_clause = [d for d in sd.dates if d.span is None or c_start <= d.span.start < c_end]
        best = self.x.best_event_date(in_clause) if in_clause else None
        if best is None and sd.dates:
            best = self.x.best_event_date(sd.dates)
        if best is not None:
            return best
        near = [
            d for d in sd.dates
            if d.background and (main is None or d.span is None or abs(d.span.start - main.span.start) <= 60)
            and (d.span is None or EXPLICIT_PAST.search(d.span.text)) and _may_date_event(text, d, published)
        ]
        if near:
            return near[0]
        if state.history is not None and state.history_paragraph == sd.paragraph:
            return state.history
        if state.anchor is not None and state.anchor_paragraph == sd.paragraph:
            return state.anchor
        if published is not None:
            return self.x.default_date(published)
        return None

    def _claim_for(self, text: str, sd: SentenceData, state: DocState) -> Claim | None:
        claims = self._claims(text, sd, state)
        return claims[0] if claims else None

    def _claims(self, text: str, sd: SentenceData, state: DocState) -> list[Claim]:
        """The claims of a sentence. A sentence's claims depend on the last claim before it ("he said"),
        so they are read for every sentence not read yet up to this one, in text order: the same claims
        as reading every sentence as it comes, without reading those that nothing asks about."""
        while state.unclaimed:
            first = state.unclaimed.popleft()
            first.claims = self.x.find_claims(text, first.start, first.end, previous=state.last_claim)
            if first.claims:
                state.last_claim = first.claims[-1]
            if first is sd:
                break
        return sd.claims


ARMED = frozenset({"state", "rebel", "political_militia", "identity_militia", "external"})


def _is_headline(text: str, start: int, end: int) -> bool:
    """A line of its own without a final stop, short: a title, subtitle or section heading."""
    line = text[start:end].rstrip()
    return bool(line) and line[-1] not in ".!?\"”’'" and len(line.split()) <= 30


def _drop_repeated_headlines(mentions: list[Mention], headlines: set[int]) -> list[Mention]:
    """A headline's event is kept only when the body does not report an event of that type."""
    body_types = {m.event_type for m in mentions if id(m) not in headlines}
    return [m for m in mentions if id(m) not in headlines or m.event_type not in body_types]


def cues_between(assembler, text: str, main: Cue, actor: ActorMention) -> list[Cue]:
    """Event words between the main cue and an actor ("regained towns recently taken by rebels")."""
    return assembler.lexicon.find(text, main.span.end, actor.span.start)


def _coordinated(text: str, actor1: ActorMention | None, actors: list[ActorMention], main: Cue) -> list[ActorMention]:
    """"Syrian and Russian warplanes", "Turkish forces and rebels": the other subjects acting with actor1."""
    if actor1 is None:
        return []
    out, last = [], actor1
    for a in sorted(actors, key=lambda a: a.span.start):
        if a.span.start < actor1.span.start or a is actor1 or a.span.start >= main.span.start:
            continue
        gap = text[last.span.end : a.span.start] if a.span.start >= last.span.end else ""
        joined = COORD.fullmatch(gap) or (a.span.start < last.span.end)
        if not joined:
            break
        if a.actor.kind in ARMED and a.actor.actor_id != actor1.actor.actor_id:
            out.append(a)
        last = a
    return out


def _state_agent(text: str, cues: list[Cue], actors: list[ActorMention], c_end: int) -> ActorMention | None:
    """The state force named as the agent of a killing or wounding in the passive ("two marchers
    were wounded by soldiers"), if any."""
    for c in cues:
        if c.family != "kill":
            continue
        for a in actors:
            if a.actor.kind == "state" and c.span.end <= a.span.start < min(c_end, c.span.end + 40) and PASSIVE_BY.search(
                text[max(c.span.end, a.span.start - 30) : a.span.start]
            ):
                return a
    return None


def _civilian_target(text: str, cues: list[Cue], c_end: int, c_start: int = 0) -> bool:
    """What an attack verb hits first is people or civilian property ("attacked a village", "a bus");
    in the passive, the subject ("the orphanage was attacked")."""
    for c in cues:
        if c.family not in ("assault", "kill"):
            continue
        if PASSIVE_AUX.search(text[max(c_start, c.span.start - 25) : c.span.start]):
            subject = text[max(c_start, c.span.start - 60) : c.span.start]
            civ, armed = CIVILIAN_TARGET.search(subject), ARMED_WORDS.search(subject)
            if civ is not None and armed is None:
                return True
        window = text[c.span.end : min(c_end, c.span.end + 50)]
        civ, armed = CIVILIAN_TARGET.search(window), ARMED_WORDS.search(window)
        if civ is not None and (armed is None or civ.start() < armed.start()):
            return True
    return False


def _without_grievances(text: str, c_start: int, cues: list[Cue]) -> list[Cue]:
    """A protest's or riot's grievance is not its action: "protest over the killing of a driver", "demonstrated
    after a colleague was murdered", "Following the arrest of X, residents protested" drop the
    violence words that only say what the crowd protested about."""
    protests = [c for c in cues if c.family in ("protest", "riot")]
    if not protests:
        return cues
    return [c for c in cues if c.family not in GRIEVANCE_FAMILIES or not _is_grievance(text, c_start, c, protests)]


def _inside_word(text: str, span: Span | None) -> bool:
    """A date read off part of a word ("Mar" of "Marsabit") is not a date."""
    if span is None or span.end <= span.start:
        return False
    before = text[span.start - 1] if span.start > 0 else " "
    after = text[span.end] if span.end < len(text) else " "
    return before.isalpha() or (after.isalpha() and span.text[-1:].isalpha())


def _lead_phrase_end(text: str, c_start: int, c_end: int, dropped: list[Cue]) -> int:
    """End of an opening cause phrase ("Following the killing of X by Y,") that held dropped cues, else c_start."""
    if not LEADING_CAUSE.match(text, c_start, c_end):
        return c_start
    comma = text.find(",", max(c.span.end for c in dropped), c_end)
    return comma + 1 if comma >= 0 else c_start


def _is_grievance(text: str, c_start: int, cue: Cue, protests: list[Cue]) -> bool:
    """The cue sits in the protest's cause phrase (after "over/against/after ..." with no new verb chain)."""
    for p in protests:
        if p.span.end <= cue.span.start and _protest_object(text, p, cue):
            return True
        if p.span.end <= cue.span.start:
            marker = None
            for marker in PROTEST_CAUSE.finditer(text, p.span.end, cue.span.start):
                pass
            coordinated = COORDINATED_ACT.search(text, marker.end(), cue.span.start) if marker is not None else None
            if marker is not None and not (
                coordinated and (not coordinated.group().lower().startswith("and") or FINITE_VERB_CUE.match(cue.span.text))
            ) and not MEANS_BY.search(text, max(marker.end(), cue.span.start - 4), cue.span.start):
                return True
        elif cue.span.end <= p.span.start and (
            LEADING_CAUSE.match(text, c_start, cue.span.start)
            or (CAUSE_BEFORE.search(text, max(0, cue.span.start - 30), cue.span.start) and not FINITE_VERB_CUE.match(cue.span.text))
        ):
            return True  # "Following the killing of X, residents protested"; "..., following the death of a child, residents ..."
    return PLUPERFECT.search(text, max(c_start, cue.span.start - 40), cue.span.start) is not None  # "who had been kidnapped"


def _protest_object(text: str, protest: Cue, cue: Cue) -> bool:
    """"protested the killing of X", "protest an attack": the violence word is the object of a protest verb."""
    return bool(PROTEST_VERB.fullmatch(protest.span.text) and PROTEST_OBJECT.fullmatch(text, protest.span.end, cue.span.start))


def _part_of_name(cue: Cue, actors: list[ActorMention]) -> bool:
    """"Air Force Intelligence", "Military Operations Command": an event word inside an actor's name
    (a crowd named by its action, "a peaceful protest", is not a name)."""
    if cue.family == "mob":
        return False  # "a vigilante group", "a mob": the crowd named by its act is the act
    for a in actors:
        if a.actor.kind in CROWD_KINDS or _implied(a):
            continue
        longer = (a.span.end - a.span.start) > (cue.span.end - cue.span.start) + 3
        if longer and a.span.start <= cue.span.start and cue.span.end <= a.span.end and cue.span.text.lower() in a.actor.name.lower():
            return True
    return False


def _topic_sub_event(topic: str, facts: ClauseFacts) -> str:
    """An ACLED topic label decides, with the actor rule for arrests by non-state groups."""
    if topic == "Arrests" and facts.actor1_kind not in (None, "state", "external"):
        return "Abduction/forced disappearance"
    return topic


def _event_country(places: list[PlaceMention]) -> str:
    for p in places:
        if p.place is not None and p.place.country_code:
            return p.place.country_code
    return ""


def _as_generic_nonstate(h):
    h.role = "nonstate_generic"
    return h


def _as_target(am: ActorMention | None) -> str | None:
    """The kind of a victim: a party's supporters or an ethnic group's herders are civilians unless
    named as fighters ("Pokot raiders", "Mungiki militia")."""
    if am is None:
        return None
    if am.actor.kind in ("identity_militia", "political_militia") and not (
        ARMED_NONSTATE_WORDS.search(am.label or "") or (am.actor.kind == "political_militia" and ARMED_GROUP_NAME.search(am.actor.name))
    ):
        return "civilians"
    return am.actor.kind


RUNNING_TOTAL = 10
"""A present-perfect toll this large with no date or place of its own is a running total ("have been killed so far")."""
ATTRIBUTIVE_YEAR = re.compile(r"\b(?:the|its|their|his|her)\s+$", re.IGNORECASE)


def _may_date_event(text: str, d: DateRange, published: date | None) -> bool:
    """A past date that can be an event's own date: not a recent period still running ("unpaid since May"
    reaches the publication date) and not a year naming something ("a candidate in the 2015 polls")."""
    if published is not None and d.date_max >= published and (published - d.date_min).days < 365:
        return False  # "since 2016" (years ago) still dates what came then
    if d.span is not None and d.span.text.isdigit() and ATTRIBUTIVE_YEAR.search(text, max(0, d.span.start - 8), d.span.start):
        return False
    return True


def _retype_as_clash(m: Mention, sub: str | None, families: dict[str, list[str]]) -> None:
    """"Ten people were killed in X. The clash was over water": a killing later named a clash was a battle."""
    if sub == "Armed clash" and m.sub_event_type == "Attack" and "clash" in families and set(families) <= {"clash", "kill"}:
        m.sub_event_type, m.event_type = sub, SUB_EVENT_TYPES[sub]
        if m.actor2 is not None and m.actor2.actor.kind == "civilians":
            m.actor2 = None


def _crowd_or_force(roles) -> bool:
    """No one but the crowd (or the police facing it) acts: no named armed group, no other civilians."""
    actor1 = roles[0]
    return actor1 is None or actor1.actor.kind in CROWD_KINDS or actor1.actor.kind == "state"


def _intervening_force(sub: str, actor1, actor2, actors: list[ActorMention]):
    """A demonstration met by the police or army has that force as actor2 (ACLED), not the crowd's targets."""
    if SUB_EVENT_TYPES.get(sub) not in ("Protests", "Riots") or sub == "Peaceful protest":
        return actor2
    if actor2 is not None and actor2.actor.kind == "state":
        return actor2
    forces = [a for a in actors if a.actor.kind == "state" and a is not actor1]
    return forces[0] if forces else actor2


def _implied(am: ActorMention) -> bool:
    """An actor read off an event word ("ethnic violence" -> an ethnic militia), not named."""
    return "__implied__" in am.descriptors


def _is_placeholder(am: ActorMention) -> bool:
    return am.actor.actor_id.startswith("generic:")


def _led_by_links(text: str, mentions: list[ActorMention]) -> dict[int, str]:
    """Generic words followed by "led by <named group>": id(generic mention) -> actor_id."""
    links = {}
    ordered = sorted(mentions, key=lambda m: m.span.start)
    for i, m in enumerate(ordered):
        if m.actor.kind != "nonstate_generic":
            continue
        for n in ordered[i + 1 : i + 3]:
            if n.actor.kind in NONSTATE_KINDS and not _is_placeholder(n) and n.span.start - m.span.end < 60:
                if LED_BY.match(text[m.span.end : n.span.start]):
                    links[id(m)] = n.actor.actor_id
                break
    return links


def _object_of_preposition(text: str, actor: ActorMention, c_start: int) -> bool:
    """"in support of Russia", "with the help of its allies": not the one acting ("members of X" is X)."""
    before = text[max(c_start, actor.span.start - 25) : actor.span.start]
    if MEMBERS_OF.search(before):
        return False
    return bool(re.search(r"\b(?:of|with|against|to|for|from|on|toward|towards|between|among)\s+(?:the\s+)?$", before, re.IGNORECASE))


def _paragraph_of(m: Mention, state: DocState) -> int:
    return state.last_paragraph if m is state.last_mention else -1


def _main_cue(cues: list[Cue], actors: list[ActorMention] | None = None) -> Cue:
    """The cue that carries the event: the strongest, earliest; among equals, one with a subject before it."""
    top = max(c.strength for c in cues)
    strong = [c for c in cues if c.strength == top]
    if actors:
        with_subject = [c for c in strong if any(a.span.end <= c.span.start for a in actors)]
        if with_subject:
            return min(with_subject, key=lambda c: c.span.start)
    return min(strong, key=lambda c: c.span.start)


def _in_relative_clause(text: str, cues: list[Cue], actor: ActorMention | None, c_end: int) -> bool:
    """"shot a preacher who had praised X": an actor named inside a relative clause after the victim is no side."""
    if actor is None:
        return False
    before = [c for c in cues if c.span.end <= actor.span.start]
    return bool(before) and RELATIVE.search(text, max(c.span.end for c in before), actor.span.start) is not None


ORIGIN_BEFORE = origin_phrase(copula=False)  # "a man from X" (not "the attack was from X")


def _is_origin(text: str, p: PlaceMention) -> bool:
    """"fighters from X", "a man from X": where someone comes from, not where the event happened."""
    return bool(text) and ORIGIN_BEFORE.search(text, max(0, p.span.start - 30), p.span.start) is not None


def _habit_after(m: re.Match | None) -> bool:
    """A habit marker right after the event word: an adverb or a phrase ("clashed repeatedly", "fought
    daily"), not an adjective of what follows ("protest frequent power cuts")."""
    return m is not None and (m.group().lower().endswith("ly") or " " in m.group() or m.group().lower() == "daily")


def _weak_mob(cue: Cue) -> bool:
    """A mob word that only names a suspect ("a suspected thief"): never the event's main word."""
    return cue.family == "mob" and WEAK_MOB.match(cue.span.text.lower()) is not None


def _adjacent(text: str, actor: ActorMention, cue: Cue) -> bool:
    return cue.span.start - actor.span.end <= 3


def _in_claim_phrase(text: str, actor: ActorMention, c_start: int) -> bool:
    """An actor named as the speaker ("the army said", "according to SANA") is not the subject."""
    after = text[actor.span.end : actor.span.end + 25]
    before = text[max(c_start, actor.span.start - 20) : actor.span.start]
    return bool(re.match(r"\s*(?:said|says|claimed|claims|reported|announced|stated|insisted|told)\b", after)) or bool(
        re.search(r"according to\s*(?:the\s*)?$", before, re.IGNORECASE)
    )


_WORD_CHAR = re.compile(r"\w")


def _search_clause(rx, text: str, start: int, end: int) -> bool:
    """``bool(rx.search(text[start:end]))`` for a regex whose matches open with ``\b`` and a word character:
    searched in place (``rx`` may be an ``IndexedSearch``) when the character before ``start`` is not a
    word character, so that ``\b`` reads the same there as at the start of the slice."""
    if start > 0 and _WORD_CHAR.match(text, start - 1):
        return bool(rx.search(text[start:end]))
    return rx.search(text, start, end) is not None


_CLAUSE_LITERALS = (";", "but", "while", "whereas", "–", "—", "after", "following", "in re")
"""Text that every CLAUSE_BREAK match contains: a sentence with none of them is one clause."""
_CLAUSE_MEMO: list = [(None, {})]


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the clauses of a sentence (remembered for the last text: asked several times)."""
    memo_text, memo = _CLAUSE_MEMO[0]
    if memo_text is not text:
        memo = {}
        _CLAUSE_MEMO[0] = (text, memo)
    out = memo.get((start, end))
    if out is None:
        out = memo[(start, end)] = _split_clauses(text, start, end)
    return list(out)


def _split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    segment = text[start:end]
    if not any(lit in segment for lit in _CLAUSE_LITERALS):
        return [(start, end)]
    out, pos = [], start
    for m in CLAUSE_BREAK.finditer(text, start, end):
        if m.start() - pos >= 12:
            out.append((pos, m.start()))
            pos = m.end()
    out.append((pos, end))
    return out


def _casualties(counts: list[Count]) -> tuple[Count | None, Count | None]:
    """Fatalities and injuries of one clause: coded figures win, killed figures of different victims add up."""
    coded = [c for c in counts if c.quantity == "fatalities_coded"]
    if coded:
        fat = coded[0]
    else:
        killed = [c for c in counts if c.quantity == "killed"]
        fat = _sum_counts(killed, "killed")
    injured = [c for c in counts if c.quantity == "injured"]
    return fat, _sum_counts(injured, "injured")


def _sum_counts(counts: list[Count], quantity: str) -> Count | None:
    if not counts:
        return None
    if len(counts) == 1:
        return counts[0]
    if all(c.negated for c in counts):
        return counts[0]
    counts = [c for c in counts if not c.negated and c.qualifier != "including"] or counts[:1]
    if len(counts) == 1:
        return counts[0]
    low = sum(c.low for c in counts)
    best = sum(c.best for c in counts)
    high = None if any(c.high is None for c in counts) else sum(c.high for c in counts)
    span = counts[0].span  # the first figure's words; the sum has no single stretch of text
    return Count(low=low, high=high, best=best, quantity=quantity, who=counts[0].who, span=span, qualifier=counts[0].qualifier)


def _split_count(c: Count | None, n: int) -> Count | None:
    """ACLED splits a figure over several locations evenly, the first taking any remainder; here: unknown split."""
    if c is None:
        return None
    return None


def _event_places(places: list[PlaceMention], *, text: str = "") -> list[PlaceMention]:
    """The place(s) where the event happened: named towns and sites over the regions that contain them;
    a coordinated list of towns gives one event each (ACLED: one location per event); a person's home
    town ("a trader from Gulu") only when nothing else is named."""
    resolved = [p for p in places if p.place is not None and p.place.feature != "country"]
    resolved = [p for p in resolved if not _is_origin(text, p)] or resolved
    if not resolved:
        return []
    regions = ("admin1", "admin2", "admin3")
    local = [p for p in resolved if p.place.feature not in regions]
    if not local:
        best = min(p.geo_precision for p in resolved)
        return [next(p for p in resolved if p.geo_precision == best)]
    # a city that only names the province of an unresolved village ("elsewhere in Idlib ... near X")
    unresolved_admin = {p.place.admin1 for p in local if p.place.feature == "unresolved"}
    local = [p for p in local if not (p.place.feature != "unresolved" and p.place.name in unresolved_admin and p.geo_precision == 1 and len(local) > 1)] or local
    # "Tall Refaat and its vicinity in Aleppo": a city named after its province, after a town of that
    # province, is the province's name, not a second place
    namesakes = [
        p for p in local
        if p.place.feature == "city" and p.place.admin1 and skeleton(p.place.name) == skeleton(p.place.admin1)
        and any(q is not p and q.place.admin1 == p.place.admin1 and q.span.start < p.span.start for q in local)
    ]
    local = [p for p in local if p not in namesakes] or local
    direct = [p for p in local if p.relation == "in"] or local
    # "on the Gulu - Lira road": a road named after two towns is at the first (ACLED)
    direct = [p for p in direct if not _second_road_end(text, p, places)] or direct
    seen, out = set(), []
    for p in direct:
        key = (p.place.name, round(p.place.latitude, 2), round(p.place.longitude, 2))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


ROAD_DASH = re.compile(r"\s*[-–—]\s*$")


def _second_road_end(text: str, p: PlaceMention, places: list[PlaceMention]) -> bool:
    """The second name of "X - Y" (a road or front between two places)."""
    if not text:
        return False
    before = [q for q in places if q.span.end <= p.span.start]
    return bool(before) and ROAD_DASH.fullmatch(text, before[-1].span.end, p.span.start) is not None
