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
PASSIVE_BY = re.compile(r"\b(?:by|from)\s*$", re.IGNORECASE)
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
    last_claim: Claim | None = None
    last_actor1: ActorMention | None = None
    air_actor: ActorMention | None = None
    nonstate_tally: Tally = field(default_factory=Tally)


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
        bound = self._bind_all(hits, country=country, on=on)
        result.actor_mentions = [b for b in bound if b is not None]
        state = DocState()
        for b in result.actor_mentions:
            if b.actor.kind in ("rebel", "political_militia", "identity_militia") and not _is_generic(b):
                state.nonstate_tally[b.actor.actor_id] += 1
        ci = ai = 0
        ordered_cues = sorted(cues, key=lambda c: c.span.start)
        ordered_actors = sorted(result.actor_mentions, key=lambda a: a.span.start)
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

    def _bind_all(self, hits, *, country, on) -> list[ActorMention | None]:
        out = []
        for h in hits:
            try:
                out.append(self.kb.bind(h, country_code=country, on=on))
            except (KeyError, ValueError, SitrepError):
                out.append(None)
        return out

    # ------------------------------------------------------------------ sentence
    def _sentence(self, article: Article, sd: SentenceData, state: DocState, context, result: DocumentResult) -> None:
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
        main = _main_cue(live)
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
        if not places:
            places = self.geocoder.find_places(text, sd.start, sd.end, context=context, exclude_spans=[a.span for a in sd.actors])
        if not places and state.last_mention is not None and state.last_mention.place is not None and _paragraph_of(state.last_mention, state) == sd.paragraph:
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

    def _irrealis(self, text: str, c_start: int, cue: Cue) -> bool:
        """A cue governed by a modal, a negation or a purpose clause a few words before it."""
        window_start = max(c_start, cue.span.start - 40)
        window = text[window_start : cue.span.start]
        return bool(self.lexicon.irrealis.search(window))

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
        before = [a for a in actors if a.span.end <= main.span.start]
        after = [a for a in actors if a.span.start >= main.span.end]
        inside = [a for a in actors if a.span.start < main.span.end and a.span.end > main.span.start]
        actor1 = actor2 = None
        passive_agent = next(
            (a for a in after if PASSIVE_BY.search(text[max(c_start, a.span.start - 12) : a.span.start])), None
        )
        if passive_agent is not None:
            actor1 = passive_agent
            rest = [a for a in before + after if a is not passive_agent and a.actor.actor_id != passive_agent.actor.actor_id]
            actor2 = rest[0] if rest else None
            return actor1, actor2
        subj = [a for a in before if not _in_claim_phrase(text, a, c_start)]
        if inside:
            actor1 = inside[0]
        elif subj:
            actor1 = subj[-1] if len(subj) > 1 and _adjacent(text, subj[-1], main) else subj[0]
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
        if actor1 is not None and _is_generic(actor1):
            actor1 = self._bind_generic_nonstate(actor1, state, country, on)
        if actor2 is not None and _is_generic(actor2):
            actor2 = self._bind_generic_nonstate(actor2, state, country, on)
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

    def _bind_generic_nonstate(self, am: ActorMention, state: DocState, country: str, on) -> ActorMention:
        """"rebels", "jihadists", "militants": the document's main named non-state group, else unidentified."""
        if state.nonstate_tally:
            actor_id, _ = state.nonstate_tally.most_common(1)[0]
            try:
                return ActorMention(span=am.span, actor=self.kb.get(actor_id), label=am.label)
            except KeyError:
                pass
        return am

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


def _is_generic(am: ActorMention) -> bool:
    return am.actor.actor_id.startswith("generic:") or getattr(am.actor, "kind", "") == "nonstate_generic"


def _paragraph_of(m: Mention, state: DocState) -> int:
    return state.last_paragraph if m is state.last_mention else -1


def _main_cue(cues: list[Cue]) -> Cue:
    """The cue that carries the event: the strongest, earliest."""
    return max(cues, key=lambda c: (c.strength, -c.span.start))


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
    counts = [c for c in counts if not c.negated]
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
