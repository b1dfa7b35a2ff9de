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
from dataclasses import dataclass, field
from datetime import date, timedelta

from sitrep.errors import SitrepError
from sitrep.extract.classify import ClauseFacts, classify
from sitrep.extract.facts import find_facts
from sitrep.extract.triggers import Cue, TriggerLexicon
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
    PlaceMention,
    Span,
)

CLAUSE_BREAK = re.compile(r";|,?\s+while\s+|,\s+whereas\s+|,?\s+but\s+(?=\w+\s+\w+)|\s+[–—]\s+|:\s+(?=[A-Z])")
PRONOUN_SUBJECT = re.compile(
    r"^\W*(?:(?:it|they|he|she)\b|the (?:group|militants|rebels|fighters|attackers|gunmen|insurgents|forces|army|faction|coalition|jihadists|troops|police|military)\b)",
    re.IGNORECASE,
)
PERIOD_WORDS = re.compile(
    r"\b(?:since|so far|to date|in total|total(?:ling)?|toll|overall|in all|cumulative|over the (?:past|last)|"
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
PASSIVE_BY = re.compile(r"\b(?:by|from)\s+(?:(?:an?|the|some|several|suspected|alleged)\s+)*$", re.IGNORECASE)
COMPANION = re.compile(
    r"\b(?:accompanied by|backed by|supported by|along with|together with|alongside|with the (?:support|help|backing) of|in coordination with|assisted by|joined by)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
BETWEEN = re.compile(r"\s*(?:(?:took place|erupted|broke out|occurred|were reported|continued|resumed)\s+)?between\b", re.IGNORECASE)
TOPIC_PREFIX = re.compile(r"^\s*[A-Z][A-Za-z/ -]{2,40}:\s+")
CIVILIAN_WHO = re.compile(
    r"civilian|child|children|women|woman|girl|boy|resident|villager|people|person|family|farmer|shepherd|student|"
    r"worker|trader|teacher|passenger|patient|journalist|doctor|nurse|pupil|man|men|baby|infant|elderly|displaced",
    re.IGNORECASE,
)
ARMED_WHO = re.compile(
    r"soldier|troop|fighter|militant|militia|member|rebel|insurgent|police|officer|guard|personnel|combatant|"
    r"jihadist|gunm[ae]n|attacker|terrorist|recruit|commander|army|forces|taliban|sniper|raider|bandit|warrior",
    re.IGNORECASE,
)
CROWD_WORDS = re.compile(r"\b(?:protesters?|demonstrators?|rioters?|mobs?|crowds?|youths?|residents|villagers|students)\b", re.IGNORECASE)

FACT_HINTS = re.compile(
    r"population|largest|biggest|populous|home to|city of|repel|repulsed|thwart|foil|beat back|pushed back|taken|captured|seized|overr",
    re.IGNORECASE,
)
NON_EVENT_ROLES = frozenset({"organisation"})
NONSTATE_KINDS = frozenset({"rebel", "political_militia", "identity_militia"})
REBEL_WORDS = re.compile(r"rebel|opposition|insurgen", re.IGNORECASE)
LED_BY = re.compile(
    r"^[\s,]*(?:(?:are|were|is|was)\s+)?(?:(?:led|spearheaded|headed|dominated)\s+by|(?:operating\s+)?under|affiliated\s+(?:with|to)|belonging\s+to|(?:members|fighters|elements)\s+of)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?$",
    re.IGNORECASE,
)
PASSIVE_AUX = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
ANAPHORIC = re.compile(r"\b(?:the|this|that|these|those|the same|the latest|the initial|its|their)\s+(?:[\w“”\"'-]+\s+){0,2}$", re.IGNORECASE)
NOMINAL_CUES = re.compile(
    r"^(?:attacks?|assaults?|strikes?|air ?strikes?|raids?|fighting|clash(?:es)?|offensives?|bombings?|bombardments?|"
    r"explosions?|blasts?|ambush(?:es)?|shelling|incidents?|operations?|violence|killings?|battles?|protests?|demonstrations?)$",
    re.IGNORECASE,
)
RESPONSIBILITY = re.compile(r"claimed responsibility|claims? of responsibility|took responsibility|admitted (?:to )?(?:carrying out|the attack)", re.IGNORECASE)
CLAIM_VERBS = re.compile(r"\b(?:said|says|say|reported|claimed|claims|told|insisted|announced|stated|according to)\b", re.IGNORECASE)


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


@dataclass(slots=True)
class DocState:
    """What earlier sentences tell later ones (anaphora, dates, perpetrators)."""

    anchor: DateRange | None = None
    anchor_paragraph: int = -1
    last_mention: Mention | None = None
    last_paragraph: int = -1
    sentence_index: int = 0
    last_sentence: int = -99
    last_claim: Claim | None = None
    last_actor1: ActorMention | None = None
    air_actor: ActorMention | None = None
    country: str = ""


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
        bound = self._bind_all(text, hits, country=country, on=on)
        bound = self._resolve_generics(text, bound, country=country or "", on=on)
        state = DocState(country=country or "")
        result.actor_mentions = [b for b in bound if b.actor.kind != "country"]
        ci = ai = 0
        ordered_cues = sorted(cues, key=lambda c: c.span.start)
        ordered_actors = sorted(bound, key=lambda a: a.span.start)
        for s_start, s_end, paragraph in sentences:
            sd = SentenceData(s_start, s_end, paragraph)
            while ci < len(ordered_cues) and ordered_cues[ci].span.start < s_end:
                if ordered_cues[ci].span.start >= s_start:
                    sd.cues.append(ordered_cues[ci])
                ci += 1
            while ai < len(ordered_actors) and ordered_actors[ai].span.start < s_end:
                if ordered_actors[ai].span.start >= s_start:
                    sd.actors.append(ordered_actors[ai])
                ai += 1
            self._sentence(article, sd, state, context, result)
        return result

    def _bind_all(self, text: str, hits, *, country, on) -> list[ActorMention]:
        """Bind hits to ACLED actors; generic words ("rebels") and country names become placeholders
        resolved later against the document (``_resolve_generics``)."""
        out = []
        for h in hits:
            if h.is_organisation:
                continue
            try:
                am = self.kb.bind(h, country_code=country, on=on)
            except (KeyError, ValueError, SitrepError):
                am = None
            if am is None:
                if h.role == "nonstate_generic":
                    am = ActorMention(h.span, Actor(f"generic:nonstate:{h.refers_to or ''}", "", "nonstate_generic", h.country or country or ""), h.label)
                elif h.role == "country" and h.country:
                    am = ActorMention(h.span, Actor(f"generic:country:{h.country}", "", "country", h.country), h.label)
                else:
                    continue
            if getattr(h, "implied", False):
                am.label = ""
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
                ref = m.actor.actor_id.split(":", 2)[2] or led_by.get(id(m)) or main
                actor = self._actor_or_none(ref) if ref else None
                if actor is None:
                    actor = self._fallback_nonstate(m.label, country, on)
                if actor is None:
                    continue
                m = ActorMention(m.span, actor, m.label, m.descriptors)
            out.append(m)
        return out

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
        sd.dates = self.x.find_dates(text, sd.start, sd.end, published=published, anchor=anchor)
        sd.claims = self.x.find_claims(text, sd.start, sd.end, previous=state.last_claim)
        if sd.claims:
            state.last_claim = sd.claims[-1]
        if FACT_HINTS.search(text, sd.start, sd.end):
            self._facts(article, sd, state, context, result)
        if not sd.cues and not sd.dates:
            self._attach_followup_counts(text, sd, state)
            return
        sd.counts = self.x.find_counts(text, sd.start, sd.end)
        best = self.x.best_event_date(sd.dates) if sd.dates else None
        if best is not None and not best.background:
            state.anchor, state.anchor_paragraph = best, sd.paragraph
        if self._is_aggregate(text, sd):
            result.aggregates.extend(self._aggregates(article, sd))
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
            if c.quantity in ("killed", "fatalities_coded") and m.fatalities is None:
                m.fatalities = c
            elif c.quantity == "fatalities_coded":
                m.fatalities = c
            elif c.quantity == "injured" and m.injuries is None:
                m.injuries = c

    def _facts(self, article: Article, sd: SentenceData, state: DocState, context, result: DocumentResult) -> None:
        text = article.text
        places = self.geocoder.find_places(text, sd.start, sd.end, context=context, exclude_spans=[a.span for a in sd.actors])
        if not places and state.last_mention is not None and state.last_mention.place is not None:
            places = [state.last_mention.place]
        ref = self.x.best_event_date(sd.dates) if sd.dates else None
        ref_date = ref.event_date if ref else (state.anchor.event_date if state.anchor else article.published)
        claim = sd.claims[0].claimant if sd.claims else None
        result.facts.extend(find_facts(text, sd.start, sd.end, doc_id=article.doc_id, places=places, claim=claim, ref_date=ref_date))

    # ------------------------------------------------------------------ aggregates
    def _is_aggregate(self, text: str, sd: SentenceData) -> bool:
        """Totals over a period or an area (UN/monitor tallies), or displacement figures."""
        people = [c for c in sd.counts if c.quantity in ("killed", "injured", "displaced") and not c.negated]
        if not people:
            return False
        if any(c.quantity == "displaced" for c in people) and not any(
            c.quantity in ("killed", "injured") for c in people
        ):
            return True
        ranged = any((d.date_max - d.date_min).days >= 2 for d in sd.dates)
        return ranged or bool(PERIOD_WORDS.search(text, sd.start, sd.end))

    def _aggregates(self, article: Article, sd: SentenceData) -> list[Aggregate]:
        text = article.text
        period = max(sd.dates, key=lambda d: (d.date_max - d.date_min).days, default=None)
        claim = sd.claims[0].claimant if sd.claims else None
        places = self.geocoder.find_places(text, sd.start, sd.end, context=self.geocoder.document_context(text))
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
                    claimed_by=claim,
                    sentence=text[sd.start : sd.end],
                    start=sd.start,
                    end=sd.end,
                )
            )
        return out

    # ------------------------------------------------------------------ clause
    def _clause(self, article, sd, c_start, c_end, cues, state, context) -> list[Mention]:
        text = article.text
        live = [c for c in cues if not self._irrealis(text, c_start, c)]
        if not live:
            return []
        families: dict[str, list[str]] = {}
        for c in live:
            families.setdefault(c.family, []).append(c.span.text.lower())
        actors = [a for a in sd.actors if c_start <= a.span.start < c_end and a.actor.kind not in NON_EVENT_ROLES]
        if RESPONSIBILITY.search(text, c_start, c_end):
            self._responsibility(text, c_start, c_end, actors, state)
            return []
        prefix = TOPIC_PREFIX.match(text, c_start, c_end)
        body_cues = [c for c in live if not prefix or c.span.start >= prefix.end()] or live
        main = _main_cue(body_cues, actors)
        actor1, actor2 = self._roles(text, c_start, c_end, main, actors, state)
        counts = [c for c in sd.counts if c_start <= (c.span.start if c.span else sd.start) < c_end] or (
            sd.counts if len(_clauses(text, sd.start, sd.end)) == 1 else []
        )
        victims = " ".join((c.who or "") for c in counts if c.quantity in ("killed", "injured"))
        clause_text = text[c_start:c_end]
        facts = ClauseFacts(
            families=families,
            actor1_kind=actor1.actor.kind if actor1 else None,
            actor2_kind=actor2.actor.kind if actor2 else None,
            victims_civilian=bool(CIVILIAN_WHO.search(victims)) or (actor2 is not None and actor2.actor.kind == "civilians"),
            victims_armed=bool(ARMED_WHO.search(victims)),
            territorial_object=self._territorial_object(text, live, c_end),
            crowd_actor=bool(CROWD_WORDS.search(clause_text)) or (actor1 is not None and actor1.actor.kind in ("protesters", "rioters")),
        )
        sub = classify(facts)
        if sub is None:
            return []
        places = self.geocoder.find_places(
            text, c_start, c_end, context=context, exclude_spans=[a.span for a in sd.actors]
        )
        own_dates = [d for d in sd.dates if d.span is None or c_start <= d.span.start < c_end]
        if self._refers_back(text, c_start, live, places, own_dates, state):
            self._enrich_last(state.last_mention, counts, sd, text)
            return []
        if not places:
            places = self.geocoder.find_places(text, sd.start, sd.end, context=context, exclude_spans=[a.span for a in sd.actors])
        if not places and state.last_mention is not None and state.last_mention.place is not None and state.sentence_index - state.last_sentence <= 3:
            places = [state.last_mention.place]
        date_range = self._date_for(sd, c_start, c_end, state, article.published)
        if date_range is not None and date_range.background:
            return []
        if date_range is None and not places:
            return []
        actor1, actor2 = self._fill_defaults(sub, actor1, actor2, facts, context, article, state)
        fatalities, injuries = _casualties(counts)
        claim = self._claim_for(sd, c_start, c_end, state)
        denied = bool(self.lexicon.denial.search(text, sd.start, sd.end))
        chosen = _event_places(places)
        if not chosen:
            chosen = [None]
        mentions = []
        trigger = main.span
        for place in chosen:
            m = Mention(
                doc_id=article.doc_id,
                sentence=Span(sd.start, sd.end, text[sd.start : sd.end]),
                trigger=trigger,
                event_type=SUB_EVENT_TYPES[sub],
                sub_event_type=sub,
                actor1=actor1,
                actor2=actor2,
                civilian_targeting=sub in ("Attack", "Sexual violence", "Abduction/forced disappearance")
                or (facts.victims_civilian and not facts.victims_armed and SUB_EVENT_TYPES[sub] == "Explosions/Remote violence"),
                place=place,
                date=date_range,
                fatalities=fatalities if len(chosen) == 1 else _split_count(fatalities, len(chosen)),
                injuries=injuries if len(chosen) == 1 else None,
                claim=claim,
                denied=denied,
            )
            mentions.append(m)
        if actor1 is not None and sub == "Air/drone strike":
            state.air_actor = actor1
        return mentions

    def _refers_back(self, text, c_start, cues, places, own_dates, state: DocState) -> bool:
        """"the attack", "the fighting" with no place or date of its own: more about the last event."""
        if state.last_mention is None or places or any(not d.background for d in own_dates):
            return False
        if state.sentence_index - state.last_sentence > 2:
            return False
        for c in cues:
            if NOMINAL_CUES.match(c.span.text) and ANAPHORIC.search(text[max(c_start, c.span.start - 30) : c.span.start]):
                return True
        return False

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
        """A cue governed by a modal, a negation or a purpose clause a few words before it."""
        window = text[max(c_start, cue.span.start - 40) : cue.span.start]
        near = text[max(c_start, cue.span.start - 16) : cue.span.start]
        return bool(self.lexicon.irrealis.search(window) or self.lexicon.negation.search(near))

    def _territorial_object(self, text: str, cues: list[Cue], c_end: int) -> bool:
        for c in cues:
            if c.family in ("capture", "recapture"):
                after = text[c.span.end : min(c_end, c.span.end + 90)]
                before = text[max(0, c.span.start - 60) : c.span.start]
                if TERRITORIAL_NOUNS.search(after) or re.search(r"\b[A-Z][a-z]{2,}", after[:40]) or TERRITORIAL_NOUNS.search(before):
                    return True
        return False

    def _roles(self, text, c_start, c_end, main: Cue, actors: list[ActorMention], state: DocState):
        """actor1 = who acts (before the verb, or after "by"), actor2 = the other side."""
        companions = [a for a in actors if COMPANION.search(text[max(c_start, a.span.start - 30) : a.span.start])]
        actors = [a for a in actors if a not in companions]
        before = [a for a in actors if a.span.end <= main.span.start]
        after = [a for a in actors if a.span.start >= main.span.end]
        inside = [a for a in actors if a.span.start < main.span.end and a.span.end > main.span.start]
        between = BETWEEN.match(text, main.span.end, c_end)
        if between and len({a.actor.actor_id for a in after}) >= 2:
            # "clashes (took place) between X and Y"
            first = after[0]
            second = next(a for a in after if a.actor.actor_id != first.actor.actor_id)
            return first, second
        actor1 = actor2 = None
        passive_agent = next(
            (a for a in after if PASSIVE_BY.search(text[max(c_start, a.span.start - 30) : a.span.start])), None
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
        subj = [a for a in before if not _in_claim_phrase(text, a, c_start) and not _object_of_preposition(text, a, c_start)]
        if inside:
            actor1 = inside[0]
        elif subj:
            actor1 = subj[0]
        if actor1 is None and PRONOUN_SUBJECT.search(text[c_start:main.span.start]) and state.last_actor1 is not None:
            actor1 = state.last_actor1
        others = [a for a in after + before if actor1 is None or a.actor.actor_id != actor1.actor.actor_id]
        if others:
            actor2 = others[0]
        return actor1, actor2

    def _fill_defaults(self, sub, actor1, actor2, facts: ClauseFacts, context, article, state: DocState):
        """ACLED's generic actors where the text names none; a strike's perpetrator from the document."""
        country = getattr(context, "country_code", None) or ""
        on = article.published
        event_type = SUB_EVENT_TYPES[sub]
        if actor1 is None and sub == "Air/drone strike" and state.air_actor is not None:
            actor1 = state.air_actor
        if actor1 is None and event_type in ("Protests",):
            actor1 = self._generic("protesters", country, on)
        elif actor1 is None and event_type == "Riots":
            actor1 = self._generic("rioters", country, on)
        elif actor1 is None and sub != "Air/drone strike" and event_type in ("Battles", "Violence against civilians", "Explosions/Remote violence"):
            actor1 = self._generic("unidentified_armed_group", country, on)
        actor1 = self._as_forces(self._country_as_forces(actor1, on), event_type, on)
        actor2 = self._as_forces(self._country_as_forces(actor2, on), event_type, on)
        needs_civilians = sub in ("Attack", "Sexual violence", "Abduction/forced disappearance", "Mob violence") or (
            event_type == "Explosions/Remote violence" and facts.victims_civilian and not facts.victims_armed
        )
        if needs_civilians and (actor2 is None or actor2.actor.kind != "civilians") and (actor2 is None or sub != "Mob violence"):
            if actor2 is None or actor2.actor.kind not in ARMED:
                actor2 = self._generic("civilians", country, on) or actor2
        if event_type == "Battles" and actor2 is not None and actor2.actor.kind == "civilians":
            actor2 = None
        if actor1 is not None and actor2 is not None and actor1.actor.actor_id == actor2.actor.actor_id and sub != "Mob violence" and event_type != "Battles":
            actor2 = None
        return actor1, actor2

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

    def _date_for(self, sd: SentenceData, c_start: int, c_end: int, state: DocState, published: date | None) -> DateRange | None:
        in_clause = [d for d in sd.dates if d.span is None or c_start <= d.span.start < c_end]
        best = self.x.best_event_date(in_clause) if in_clause else None
        if best is None and sd.dates:
            best = self.x.best_event_date(sd.dates)
            if best is None and any(d.background for d in sd.dates):
                return next(d for d in sd.dates if d.background)
        if best is None and in_clause and all(d.background for d in in_clause):
            return in_clause[0]
        if best is not None:
            return best
        if state.anchor is not None and state.anchor_paragraph == sd.paragraph:
            return state.anchor
        if published is not None:
            return self.x.default_date(published)
        return None

    def _claim_for(self, sd: SentenceData, c_start: int, c_end: int, state: DocState) -> Claim | None:
        if sd.claims:
            return sd.claims[0]
        return None


ARMED = frozenset({"state", "rebel", "political_militia", "identity_militia", "external"})


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
    """"in support of Russia", "with the help of its allies": not the one acting."""
    before = text[max(c_start, actor.span.start - 25) : actor.span.start]
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


def _adjacent(text: str, actor: ActorMention, cue: Cue) -> bool:
    return cue.span.start - actor.span.end <= 3


def _in_claim_phrase(text: str, actor: ActorMention, c_start: int) -> bool:
    """An actor named as the speaker ("the army said", "according to SANA") is not the subject."""
    after = text[actor.span.end : actor.span.end + 25]
    before = text[max(c_start, actor.span.start - 20) : actor.span.start]
    return bool(re.match(r"\s*(?:said|says|claimed|claims|reported|announced|stated|insisted|told)\b", after)) or bool(
        re.search(r"according to\s*(?:the\s*)?$", before, re.IGNORECASE)
    )


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
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
    span = Span(counts[0].span.start, counts[-1].span.end, "") if all(c.span for c in counts) else None
    return Count(low=low, high=high, best=best, quantity=quantity, who=counts[0].who, span=span, qualifier=counts[0].qualifier)


def _split_count(c: Count | None, n: int) -> Count | None:
    """ACLED splits a figure over several locations evenly, the first taking any remainder; here: unknown split."""
    if c is None:
        return None
    return None


def _event_places(places: list[PlaceMention]) -> list[PlaceMention]:
    """The place(s) where the event happened: the most specific ones; a coordinated list gives several."""
    resolved = [p for p in places if p.place is not None and p.place.feature != "country"]
    if not resolved:
        return [p for p in places if p.place is None][:1]
    # drop containers: a governorate or district that holds another named place of the clause
    names = {p.place.admin1 for p in resolved if p.place.feature not in ("admin1",)}
    specific = [p for p in resolved if not (p.place.feature in ("admin1", "admin2") and p.place.name in names)]
    specific = specific or resolved
    best_precision = min(p.geo_precision for p in specific)
    best = [p for p in specific if p.geo_precision == best_precision]
    direct = [p for p in best if p.relation == "in"] or best
    # one event per distinct place of the same kind (ACLED: one location per event)
    seen, out = set(), []
    feature = direct[0].place.feature
    for p in direct:
        key = (p.place.name, round(p.place.latitude, 2), round(p.place.longitude, 2))
        if p.place.feature == feature and key not in seen:
            seen.add(key)
            out.append(p)
    return out
