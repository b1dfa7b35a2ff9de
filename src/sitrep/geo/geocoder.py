"""Find toponyms in a sentence and resolve them to places with ACLED geo_precision.

How a sentence is read (no statistical NER):
1. Capitalised runs (see :mod:`sitrep.geo.toponyms`) are cut into the longest stretches that the
   gazetteer knows (exact name_key, else skeleton + fuzzy ratio); organisation names ("Hamza
   Division", "Jaysh al-Islam"), stop-names, demonyms, acronyms, persons (after a title, before
   "said") and spans the caller passes in ``exclude_spans`` are dropped.
2. Each name gets its cues from the words around it (data in ``lexicon.yaml``): "near", "north of",
   "outskirts of" (near); "countryside of", "rural", "X countryside", "X's northern countryside"
   (countryside); "X province", "province of X" (admin1); "X district" (admin2);
   "X sub-district" (admin3); "the town of X", "X city" (settlement); "X neighbourhood",
   "X Street", "X airport" (a site inside a settlement); "X front", "X area", "X road" (near).
3. A following "in Y", ", Y", "of Y" or "near Y" makes Y the *container* of X: X's candidates inside
   Y win; Y itself is not reported (it only qualifies X).
4. Candidates are ranked by exactness, the document's country (:class:`GeoContext`), the
   container, the admin1 units named in the document, the feature the cue asks for, and population.

ACLED geo_precision: 1 = the named town (a neighbourhood, street, camp, airport or other site of a
town is still that town); 2 = near a town, its countryside, a front/area/road by it, a district or
sub-district (coded to its centre); 3 = a governorate/province/county (coded to its capital) or a
country (events located only to a country are not coded: callers must skip ``feature == "country"``).

Unknown names: a name the gazetteer lacks but that is clearly a place (cued as a village/town/site,
starting with a place prefix such as Kafr/Tall/Deir, or followed by a container) gives a mention
whose place is the *container* when there is one — relation "region" (or "near" when so cued),
precision 3 if the container is a governorate/province, 2 if it is a district, sub-district or town
— and ``place=None`` otherwise (the caller may then use the document's admin1_hint).
"""

from __future__ import annotations

import math
import re
import threading
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from sitrep.geo import lexicon as lx
from sitrep.geo.gazetteer import Candidate, Gazetteer
from sitrep.geo.toponyms import Run, Token, cuts_word, first_initial, name_tokens, runs, tokenize
from sitrep.model import PlaceMention, Span

BIG_CITY = 100_000
"""Cities this large count as document context and are accepted without any cue."""

CITY_OVER_ADMIN1 = 50_000
"""An uncued name that is both a governorate/province and a city this large means the city."""

CITY_LIKE_KM = 25.0
"""An admin unit whose towns lie within this radius of its capital is, as a container, that city."""

PLAN_CACHE = 10_000
"""How many runs (by their words) the geocoder remembers how to cut into names, across texts (x2: two
generations)."""

_MAX_NAME_TOKENS = 6
_ADMIN = frozenset({"admin1", "admin2", "admin3"})
_SPECIFICITY = {"site": 0, "city": 0, "admin3": 1, "admin2": 2, "admin1": 3, "country": 4}
_WANT_BONUS: dict[str | None, dict[str, float]] = {
    None: {"city": 16, "site": 10, "admin1": 5, "admin2": 0, "admin3": 0, "country": 10},
    "city": {"city": 40, "site": 20, "admin3": 5, "admin2": 5, "admin1": 0, "country": -40},
    "site": {"site": 40, "city": 30, "admin3": 0, "admin2": 0, "admin1": 0, "country": -40},
    "admin1": {"admin1": 40, "city": 10, "admin2": 5, "admin3": 0, "site": -20, "country": 0},
    "admin2": {"admin2": 40, "admin3": 20, "city": 15, "admin1": 0, "site": -20, "country": -40},
    "admin3": {"admin3": 40, "admin2": 20, "city": 15, "admin1": 0, "site": -20, "country": -40},
}
_KIND_WANT = {"admin1": "admin1", "admin2": "admin2", "admin3": "admin3", "settlement": "city",
              "site": "site", "near": "city", "countryside": "city"}
_UPPER_ACRONYM = re.compile(r"^[A-Z][A-Z.&-]{0,5}$")


def _dirs() -> str:
    """Alternation of direction words (lower case)."""
    return "(?:" + "|".join(sorted((re.escape(d) for d in lx.load_lexicon().directions), key=len, reverse=True)) + ")"


_CONTAINER_GAP = re.compile(
    r"^(?:\s*,\s*|\s+(?P<prep>in|of|inside|within|at|near|outside|around)\s+)(?:the\s+)?"
    r"(?:" + _dirs() + r"\s+)?(?:(?P<rural>rural|countryside\s+of|outskirts\s+of|suburbs\s+of|province\s+of|"
    r"governorate\s+of|district\s+of|city\s+of|town\s+of|area\s+of|region\s+of|county\s+of)\s+)?(?:the\s+)?$"
)
_DASH_GAP = re.compile(r"^\s*[-–—]\s*$")
_AND_GAP = re.compile(r"^\s+and\s+(?:the\s+)?$")
_PAREN_AFTER = re.compile(r"^['’\"”]?\s*\([^()]{1,40}\)")
_ALIAS_GAP = re.compile(r"^\s*\($")
_COMMA_GAP = re.compile(r"^\s*,\s*(?:and\s+)?(?:the\s+)?$")
_LIST_AFTER = re.compile(r"^\s*(?:,|and\b|or\b)\s*(?:the\s+)?[A-Z]")


@dataclass(slots=True)
class GeoContext:
    """Countries, admin1 units and big cities that a whole document names, with counts."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1s: Counter[tuple[str, str]] = field(default_factory=Counter)
    cities: Counter[int] = field(default_factory=Counter)
    strong: Counter[str] = field(default_factory=Counter)  # country weight from place names (no demonyms)
    country_code: str | None = None  # the dominant country, or None
    admin1_hint: str | None = None  # the most named admin1 unit of the dominant country

    def finalise(self) -> GeoContext:
        """Derive the dominant country and admin1 hint from the counts."""
        if self.countries:
            a1: Counter[str] = Counter()
            for (cc, _), n in self.admin1s.items():
                a1[cc] += n
            ranked = sorted(self.countries, key=lambda cc: (-self.countries[cc], -a1[cc]))
            top = ranked[0]
            tie = len(ranked) > 1 and (self.countries[ranked[1]], a1[ranked[1]]) == (self.countries[top], a1[top])
            self.country_code = None if tie or self.strong[top] < 0.5 else top
        if self.country_code:
            a1 = [(k, v) for k, v in self.admin1s.items() if k[0] == self.country_code]
            if a1:
                self.admin1_hint = max(a1, key=lambda kv: kv[1])[0][1]
        return self


@dataclass(slots=True)
class _Segment:
    """A candidate toponym: tokens, offsets and gazetteer candidates (empty = unknown name)."""

    tokens: list[Token]
    cands: tuple[Candidate, ...]

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


@dataclass(slots=True)
class _Cues:
    """What the words around a name say about it."""

    kind: str = ""  # admin1 | admin2 | admin3 | settlement | site | near | countryside | ""
    near: bool = False
    countryside: bool = False
    prep: bool = False
    person: bool = False
    plural: bool = False  # "X and Y districts": the type noun is shared by a list
    part_of: bool = False  # "in northern X": a part of a region (X is taken as the region if it is one)
    demonym_cc: str | None = None
    after_end: int = 0  # end of the name plus its trailing type phrase


@dataclass(slots=True)
class _Decision:
    """How one segment was resolved."""

    seg: _Segment
    cues: _Cues
    place: Candidate | None = None
    container: int | None = None  # index of the container segment
    sibling: int | None = None  # index of the next name of a list ("X, Y and Z") or a road ("X - Y road")
    alias_of: int | None = None  # "X (Y)": index of X
    accepted: bool = False
    relation: str = "in"
    precision: int = 1


_Count = tuple[str, float, "int | None", "tuple[str, str] | None", float]
"""What a name adds to the document context: country, weight, big city, admin1 unit and its weight."""
_Plan = tuple[tuple[tuple[int, ...], tuple[Candidate, ...], "_Count | None"], ...]
"""How a run is cut: the token positions, gazetteer candidates and document-context count of each name."""


@dataclass(slots=True)
class _DocState:
    """What the geocoder keeps about the text it is reading: its name tokens and their segments."""

    text: str
    tokens: list[Token]  # name and particle tokens of the whole text (``initial`` as seen from offset 0)
    starts: list[int]  # their start offsets
    stops: int  # the number of stop-names when it was made
    segments: dict[tuple[int, int], list[_Segment]] = field(default_factory=dict)  # by run (start, end)


def _km(a: Candidate, b: Candidate) -> float:
    """Approximate distance between two candidates in km."""
    dy = (a.lat - b.lat) * 111.2
    dx = (a.lon - b.lon) * 111.2 * math.cos(math.radians((a.lat + b.lat) / 2))
    return math.hypot(dx, dy)


def _inside(c: Candidate, box: Candidate) -> bool:
    """Whether candidate c lies within container candidate box."""
    if c.place_id == box.place_id:
        return False
    if box.feature == "country":
        return c.cc == box.cc
    if c.cc != box.cc:
        return False
    if box.feature == "admin1":
        return c.admin1 == box.admin1 or (not c.admin1 and _km(c, box) < 150)
    if box.feature == "admin2":
        return (c.admin2 == box.admin2 and c.admin1 == box.admin1) or _km(c, box) < max(20.0, 1.5 * box.radius)
    if box.feature == "admin3":
        return c.admin3 == box.admin3 or _km(c, box) < max(12.0, 1.5 * box.radius)
    return _km(c, box) < 35


class Geocoder:
    """Toponym finding and resolution for English news text."""

    def __init__(self, gazetteer: Gazetteer | None = None, *, reuse: bool = True) -> None:
        self.gazetteer = gazetteer or Gazetteer.default()
        self.lex = lx.compiled()
        self.stopnames: set[str] = set(self.lex.stopnames)
        """Lower-case words never taken as a toponym on their own (extend freely)."""
        self.reuse = reuse
        """Tokenise each text once and reuse its names across calls (same results; False: recompute)."""
        self._local = threading.local()
        self._plans: dict[str, _Plan] = {}
        self._older_plans: dict[str, _Plan] = {}
        self._stop_count = len(self.stopnames)

    # ----------------------------------------------------------------- per-text reuse
    def _state(self, text: str) -> _DocState:
        """The reusable state of this text (made when the text changes; one text per thread)."""
        state: _DocState | None = getattr(self._local, "state", None)
        stops = self._stop_count if len(self.stopnames) == self._stop_count else self._stops()
        if state is not None and state.stops == stops and (state.text is text or state.text == text):
            return state
        tokens = name_tokens(text, self.lex)
        state = _DocState(text, tokens, [t.start for t in tokens], stops)
        self._local.state = state
        return state

    def _stops(self) -> int:
        """How many stop-names there are; when names were added, the remembered cuts are dropped."""
        if len(self.stopnames) != self._stop_count:
            self._plans, self._older_plans, self._stop_count = {}, {}, len(self.stopnames)
        return self._stop_count

    def _span_segments(self, text: str, start: int, end: int, blocked: list[tuple[int, int]]) -> list[_Segment]:
        """The candidate toponyms of text[start:end], from the text's cached tokens and segments."""
        if not self.reuse or cuts_word(text, start) or cuts_word(text, end):
            tokens = tokenize(text, start, end, self.lex)
            return [seg for run in runs(text, tokens, self.lex, blocked=blocked) for seg in self._segments(text, run)]
        state = self._state(text)
        tokens = state.tokens[bisect_left(state.starts, start):bisect_left(state.starts, end)]
        orig = patched = None
        if tokens:
            orig = tokens[0]
            patched = tokens[0] = first_initial(text, orig, start)
        out: list[_Segment] = []
        for run in runs(text, tokens, self.lex, blocked=blocked):
            if patched is not orig and run.tokens[0] is patched:
                base = self._run_segments(state, text, Run([orig, *run.tokens[1:]]))
                out.extend(_Segment([patched, *seg.tokens[1:]], seg.cands) if seg.tokens[0] is orig else seg
                           for seg in base)
            else:
                out.extend(self._run_segments(state, text, run))
        return out

    def _run_segments(self, state: _DocState, text: str, run: Run) -> list[_Segment]:
        """:meth:`_segments` of a run of the text's own tokens, computed once per text."""
        toks = run.tokens
        key = (toks[0].start, toks[-1].end)
        segs = state.segments.get(key)
        if segs is None:
            segs = state.segments[key] = self._segments(text, run)
        return segs

    # ----------------------------------------------------------------- candidates
    def _rejected_word(self, tok: Token) -> bool:
        """A single word that is never a toponym by itself."""
        w = tok.text.lower()
        if w in self.stopnames or len(w) < 3 or w in self.lex.org_heads:
            return True
        if len(tok.text) <= 5 and (_UPPER_ACRONYM.match(tok.text) or any(ch.isupper() for ch in tok.text[1:])):
            return True
        return self.gazetteer.demonym_country(tok.text) is not None

    def _is_org(self, run: Run) -> bool:
        """Whether a run is an organisation name (ends in Division, starts with Jaysh ...)."""
        words = [t.text.lower() for t in run.tokens]
        while len(words) > 1 and words[0] in self.lex.particles:
            words = words[1:]
        first, last = words[0], words[-1]
        head = first.split("-", 1)[0]
        if len(run.tokens) > 1 and last in self.lex.org_heads:
            return True
        return first in self.lex.org_leads or head in self.lex.org_leads

    def _match(self, text: str, toks: list[Token]) -> tuple[Candidate, ...]:
        """Gazetteer candidates for the words toks (an acceptable single word, or several)."""
        if len(toks) == 1:
            t = toks[0]
            if self._rejected_word(t) or t.particle or t.text.lower() in self.lex.type_kinds:
                return ()
        elif toks[-1].particle or toks[0].text.lower() in self.lex.function_words:
            return ()
        return self.gazetteer.match(text[toks[0].start:toks[-1].end])

    def _segments(self, text: str, run: Run) -> list[_Segment]:
        """Cut a run into known names (longest first) and unknown leftovers."""
        toks = run.tokens
        if self.reuse:
            out = [_Segment([toks[k] for k in idx], cands) for idx, cands, _ in self._plan_of(text, run)]
        else:
            out = self._cut(text, run)
        if len(out) > 1 and not any(len(x.tokens) > 1 and x.cands for x in out):
            kind = self.lex.type_after.match(text[run.end:run.end + 60].lower())
            if kind and lx.type_kind(kind) in ("settlement", "site", "near", "admin2", "admin3"):
                return [_Segment([t for x in out for t in x.tokens], ())]  # "Bota Kashan village": one name
        return out

    def _plan_of(self, text: str, run: Run) -> _Plan:
        """:meth:`_cut` of a run as token positions and candidates, remembered for runs of the same words."""
        toks = run.tokens
        words = text[toks[0].start:toks[-1].end]  # the run's words, one space apart (see ``runs``)
        if len(self.stopnames) != self._stop_count:
            self._stops()
        plan = self._plans.get(words)
        if plan is None:
            plan = self._older_plans.get(words)
            if plan is None:
                plan = self._plan(text, run)
            if len(self._plans) >= PLAN_CACHE:  # two generations: the older is dropped, the newer ages
                self._older_plans, self._plans = self._plans, {}
            self._plans[words] = plan
        return plan

    def _plan(self, text: str, run: Run) -> _Plan:
        """:meth:`_cut` of a run as token positions and candidates."""
        where = {t.start: k for k, t in enumerate(run.tokens)}
        return tuple((tuple(where[t.start] for t in seg.tokens), seg.cands, _count_of(seg.cands))
                     for seg in self._cut(text, run))

    def _cut(self, text: str, run: Run) -> list[_Segment]:
        """Known names (longest first) and unknown leftovers of a run, before the trailing type word is read."""
        if self._is_org(run):
            return []
        toks, out, pending = run.tokens, [], []
        i = 0
        while i < len(toks):
            found = None
            if not toks[i].particle or i + 1 < len(toks):
                for j in range(min(len(toks), i + _MAX_NAME_TOKENS), i, -1):
                    if j - i == 1 and j < len(toks) and self._prefix_word(toks[i]):
                        continue
                    cands = self._match(text, toks[i:j])
                    if cands:
                        found = (j, cands)
                        break
            if found is None:
                # An unknown name never starts inside: "Kafr X" stays whole even if "X" alone is known.
                step = 1
                while self._prefix_word(toks[i + step - 1]) and i + step < len(toks):
                    step += 1
                pending.extend(toks[i:i + step])
                i += step
                continue
            out.extend(self._leftover(pending))
            pending = []
            out.append(_Segment(toks[i:found[0]], found[1]))
            i = found[0]
        out.extend(self._leftover(pending))
        out = [seg for seg in out if not self._before_title(toks, seg)]
        return self._merge_unknown(text, out)

    def _before_title(self, toks: list[Token], seg: _Segment) -> bool:
        """A name right before a title in the same run is a constituency ("Siaya Senator James Orengo",
        "Mwingi Central MP")."""
        after = [t.text.lower().rstrip(".") for t in toks if t.start >= seg.end][:2]
        if after and after[0] in self.lex.titles:
            return True
        return len(after) == 2 and after[0] in self.lex.directions | {"central"} and after[1] in self.lex.titles

    def _merge_unknown(self, text: str, segs: list[_Segment]) -> list[_Segment]:
        """Names glued together in a run without a known longer name ("Salib Qaran", "Dara i Pech") are
        one unknown name, unless both parts are known and one is a country, a province or a big city."""
        out: list[_Segment] = []
        for seg in segs:
            prev = out[-1] if out else None
            if prev is not None and self._glued(text, prev, seg) \
                    and len(prev.tokens) + len(seg.tokens) <= _MAX_NAME_TOKENS:
                both_known = bool(prev.cands) and bool(seg.cands)
                big = self._big(prev.cands) or self._big(seg.cands)
                multi_known = [x for x in (prev, seg) if x.cands and len(x.tokens) > 1]
                if not multi_known and not (both_known and big):
                    out[-1] = _Segment(prev.tokens + seg.tokens, ())
                    continue
            out.append(seg)
        return out

    def _glued(self, text: str, a: _Segment, b: _Segment) -> bool:
        """Whether only spaces and name particles separate two segments."""
        gap = text[a.end:b.start]
        return gap.startswith(" ") and gap.endswith(" ") and all(w in self.lex.particles for w in gap.split())

    @staticmethod
    def _big(cands: Sequence[Candidate]) -> bool:
        """Whether a name is a country, a province or a big city under its own name."""
        return any(c.exact and (c.feature in ("country", "admin1") or (c.main and c.population >= BIG_CITY))
                   for c in cands)

    def _prefix_word(self, tok: Token) -> bool:
        """A word that starts longer names (Kafr, Tall, Abu, Al ...): not a name alone inside a run."""
        w = tok.text.lower().replace("'", "").replace("’", "")
        return w in self.lex.place_prefixes or w in self.lex.particles

    def _leftover(self, toks: list[Token]) -> list[_Segment]:
        """Unknown words left in a run: trimmed of stop-words, type words and demonyms."""
        types = self.lex.type_kinds
        while toks and (toks[0].particle or toks[0].text.lower() in self.lex.directions
                        or (self._rejected_word(toks[0]) and not (len(toks) > 1 and self._prefix_word(toks[0])))):
            toks = toks[1:]
        while toks and (toks[-1].particle or toks[-1].text.lower() in types or self._rejected_word(toks[-1])):
            toks = toks[:-1]
        if not toks:
            return []
        return [_Segment(list(toks), ())]

    # ----------------------------------------------------------------- cues
    def _cues(self, text: str, seg: _Segment, lo: int, hi: int) -> _Cues:
        """Read the words right before and after a name."""
        lex = self.lex
        toks = seg.tokens
        start, end = toks[0].start, toks[-1].end
        before = text[max(lo, start - 80):start].lower()
        after = text[end:min(hi, end + 80)].lower()
        kind, near, countryside, plural, after_end = "", False, False, False, end
        skip = 0
        paren = _PAREN_AFTER.match(after) if "(" in after else None
        if paren:  # "Chawkay (Suki) district": the type noun follows the alias
            skip = paren.end()
            after = after[skip:]
        m = lex.type_after.match(after)
        if m:
            kind = lx.type_kind(m)
            plural = m.group("phrase").endswith("s") and kind in ("admin1", "admin2", "admin3", "settlement")
            after_end = end + skip + m.end()
        rev, back = lex.reversed_before, before[::-1]  # ``rev[name].match(back)`` == ``lex.<name>.search(before)``
        any_cue = rev["any_cue"].match(back) is not None  # else none of the cue patterns but prep_before matches
        if any_cue:
            near = rev["near_before"].match(back) is not None or rev["direction_of_before"].match(back) is not None
            countryside = rev["countryside_before"].match(back) is not None
            if not kind:
                kind = next((k for k in ("admin1", "admin3", "admin2", "settlement", "site")
                             if rev[k + "_before"].match(back)), "")
        if kind == "near":
            near = True
        elif kind == "countryside":
            countryside = True
        prep = rev["prep_before"].match(back) is not None
        words = before.rsplit(None, 3)  # the last three words (and the rest)
        part_of = bool(words) and words[-1] in lex.directions and not kind
        person = (any_cue and rev["title_before"].match(back) is not None) or (
            not kind and not prep and lex.speech_after.match(after) is not None) or (
            not kind and len(toks) == 1 and lex.group_after.match(after) is not None)
        demonym_cc = None
        if len(words) >= 2 and words[-1].rstrip(",") in lex.type_kinds:
            demonym_cc = self.gazetteer.demonym_country(words[-2])
        elif len(words) >= 3 and words[-1] == "of" and words[-2] in lex.type_kinds:
            demonym_cc = self.gazetteer.demonym_country(words[-3])
        return _Cues(kind, near, countryside, prep, person, plural, part_of, demonym_cc, after_end)

    # ----------------------------------------------------------------- ranking
    @staticmethod
    def _sort_key(*, want: str | None, ctx: GeoContext, box: Candidate | None,
                  demonym_cc: str | None) -> Callable[[Candidate], float]:
        """Minus the preference of a candidate for a name in its context (a sort key: best first)."""
        home, countries, admin1s, hint = ctx.country_code, ctx.countries, ctx.admin1s, ctx.admin1_hint
        bonus = _WANT_BONUS[want]

        def key(c: Candidate) -> float:
            s = 60.0 if c.exact else c.similarity - 70.0
            s += 3.0 if c.main else 0.0
            if home:
                s += 70.0 if c.cc == home else (20.0 if countries.get(c.cc) else -40.0)
            elif countries.get(c.cc):
                s += 25.0
            if demonym_cc:
                s += 40.0 if c.cc == demonym_cc else -20.0
            if box is not None:
                s += 40.0 if _inside(c, box) else -30.0
            if (c.cc, c.admin1) in admin1s:
                s += 8.0 + (4.0 if c.admin1 == hint else 0.0)
            s += bonus.get(c.feature, 0.0)
            return -(s + 0.8 * c.prominence)

        return key

    def _rank(self, cands: Sequence[Candidate], *, want: str | None, ctx: GeoContext,
              box: Candidate | None, demonym_cc: str | None) -> list[Candidate]:
        """Candidates best first."""
        if len(cands) < 2:
            return list(cands)
        return sorted(cands, key=self._sort_key(want=want, ctx=ctx, box=box, demonym_cc=demonym_cc))

    def _city_or_admin1(self, best: Candidate, ranked: list[Candidate], want: str | None) -> Candidate:
        """Uncued names that are both a province and a city: the city if it is big, else the province."""
        if want is not None:
            return best
        same = [c for c in ranked if c.cc == best.cc and c.exact == best.exact]
        if best.feature == "admin1":
            cities = [c for c in same if c.feature == "city" and self._namesake_capital(c, best)]
            return max(cities, key=lambda c: c.population) if cities else best
        if best.feature in ("city", "site"):
            provinces = [c for c in same if c.feature == "admin1" and c.exact]
            if provinces and not self._namesake_capital(best, provinces[0]):
                return provinces[0]
        return best

    def _city_like(self, unit: Candidate, cands: Sequence[Candidate]) -> Candidate | None:
        """The namesake city of an admin unit that is little more than that city (Nairobi, Damascus)."""
        if unit.feature not in _ADMIN or unit.radius <= 0:
            return None
        cities = [c for c in cands if c.feature == "city" and c.main and c.exact == unit.exact
                  and self._namesake_capital(c, unit)]
        if not cities:
            return None
        city = max(cities, key=lambda c: c.population)
        share = city.population / unit.population if unit.population else 0.0
        return city if unit.radius <= CITY_LIKE_KM or (share >= 0.6 and unit.radius <= 2 * CITY_LIKE_KM) else None

    @staticmethod
    def _namesake_capital(city: Candidate, province: Candidate) -> bool:
        """Whether a city is the big or central town a province is named after."""
        if city.cc != province.cc or city.admin1 != province.admin1:
            return False
        return city.population >= CITY_OVER_ADMIN1 or _km(city, province) < 5

    # ----------------------------------------------------------------- context
    def document_context(self, text: str, *, country_hint: str | None = None) -> GeoContext:
        """Countries, admin1 units and big cities named in a whole document, with counts.

        ``country_hint`` (ISO alpha-2, e.g. the country a feed or corpus is about) counts as one
        mention of that country."""
        ctx = GeoContext()
        if country_hint:
            ctx.countries[country_hint.upper()] += 1
            ctx.strong[country_hint.upper()] += 1
        tokens = self._state(text).tokens if self.reuse else tokenize(text, 0, len(text), self.lex)
        countries, strong, cities, admin1s = ctx.countries, ctx.strong, ctx.cities, ctx.admin1s
        for cc in self.gazetteer.demonym_countries([tok.text for tok in tokens if tok.name]):
            countries[cc] += 0.5
        for run in runs(text, tokens, self.lex):
            if not self.reuse:
                counts = [_count_of(seg.cands) for seg in self._segments(text, run)]
            else:
                plan = self._plan_of(text, run)
                if not plan:
                    continue
                # most runs are one name: no trailing type word to read
                counts = (plan[0][2],) if len(plan) == 1 else self._counts_of(text, run, plan)
            for count in counts:
                if count is not None:
                    cc, weight, city, admin1, a1_weight = count
                    countries[cc] += weight
                    strong[cc] += weight
                    if city is not None:
                        cities[city] += 1
                    if admin1 is not None:
                        admin1s[admin1] += a1_weight
        return ctx.finalise()

    def _counts_of(self, text: str, run: Run, plan: _Plan) -> list[_Count | None]:
        """The document-context count of each name :meth:`_segments` cuts the run into (without making them)."""
        if len(plan) > 1 and not any(len(idx) > 1 and cands for idx, cands, _ in plan):
            kind = self.lex.type_after.match(text[run.end:run.end + 60].lower())
            if kind and lx.type_kind(kind) in ("settlement", "site", "near", "admin2", "admin3"):
                return []  # one unknown name (see ``_segments``)
        return [count for _, _, count in plan]

    # ----------------------------------------------------------------- main entry
    def find_places(self, text: str, start: int, end: int, *, context: GeoContext | None = None,
                    exclude_spans: Iterable[Span | tuple[int, int]] = ()) -> list[PlaceMention]:
        """Toponyms inside text[start:end] (offsets into the whole text), resolved with ACLED precision."""
        ctx = context if context is not None else GeoContext()
        blocked = [(s.start, s.end) if isinstance(s, Span) else (int(s[0]), int(s[1])) for s in exclude_spans]
        segs = self._span_segments(text, start, end, blocked)
        if not segs:
            return []
        decisions = [_Decision(seg, self._cues(text, seg, start, end)) for seg in segs]
        self._link(text, decisions)
        for i in range(len(decisions) - 1, -1, -1):
            self._resolve(decisions, i, ctx)
        consumed = {d.container for d in decisions if d.accepted and d.container is not None}
        out = []
        for i, d in enumerate(decisions):
            if not d.accepted or i in consumed:
                continue
            place = self.gazetteer.to_place(d.place) if d.place is not None else None
            span = Span(d.seg.start, d.seg.end, text[d.seg.start:d.seg.end])
            out.append(PlaceMention(span=span, place=place, geo_precision=d.precision, relation=d.relation))
        return out

    def resolve_text(self, text: str, *, country_hint: str | None = None) -> list[PlaceMention]:
        """Document context and toponyms of a short text taken as one sentence (notes, headlines)."""
        ctx = self.document_context(text, country_hint=country_hint)
        return self.find_places(text, 0, len(text), context=ctx)

    def _link(self, text: str, ds: list[_Decision]) -> None:
        """Attach containers ("X in Y", "X, Y"), dash-joined roads and "between X and Y"."""
        for i in range(len(ds) - 1):
            d, nxt = ds[i], ds[i + 1]
            if _ALIAS_GAP.match(text[d.seg.end:nxt.seg.start]) and text[nxt.seg.end:nxt.seg.end + 1] == ")":
                nxt.alias_of = i  # "X (Y) district": Y is another name of X
                continue
            gap = text[d.cues.after_end:nxt.seg.start]
            gap_l = gap.lower()
            m = _CONTAINER_GAP.match(gap_l)
            if m and nxt.seg.cands:
                comma = m.group("prep") is None
                after_next = text[nxt.cues.after_end:nxt.cues.after_end + 40]
                if comma and _LIST_AFTER.match(after_next):
                    continue
                d.container = i + 1
                if m.group("rural"):
                    d.cues.countryside = d.cues.countryside or m.group("rural") == "rural"
                if m.group("prep") in ("near", "outside", "around"):
                    d.cues.near = True
            elif _DASH_GAP.match(gap) and nxt.cues.kind == "near":
                d.cues.near = True
                d.sibling = i + 1
            elif _AND_GAP.match(gap_l) or _COMMA_GAP.match(gap_l):
                d.sibling = i + 1
                if d.cues.near and not nxt.cues.near and _AND_GAP.match(gap_l):
                    nxt.cues.near = True
        for i in range(len(ds) - 2, -1, -1):  # "X and Y in Z", "X - Y road in Z": X is in Z too
            d = ds[i]
            if d.sibling is None:
                continue
            sib = ds[d.sibling]
            if d.container is None and sib.container is not None:
                d.container = sib.container
            if not d.cues.kind and sib.cues.plural:  # "X and Y districts"
                d.cues.kind, d.cues.plural = sib.cues.kind, True

    def _container_place(self, ds: list[_Decision], j: int, ctx: GeoContext) -> Candidate | None:
        """The container interpretation of segment j: the admin unit or country it names if any
        (unless cued as a settlement: "in Deir ez-Zor city"), else the place it resolved to."""
        d = ds[j]
        if not d.seg.cands:
            return None
        box = self._container_place(ds, d.container, ctx) if d.container is not None else None
        kind = d.cues.kind
        if kind in ("admin1", "admin2", "admin3"):
            want: str | None = kind
        elif kind in ("settlement", "site"):
            want = "city"
        else:
            want = None
        if want is None or want.startswith("admin"):
            admins = [c for c in d.seg.cands if c.feature in _ADMIN or c.feature == "country"]
            if box is not None:
                admins = [c for c in admins if self._fits(c, box, ds[d.container], ctx)]
            if admins:
                ranked = self._rank(admins, want=want, ctx=ctx, box=box, demonym_cc=None)
                if self._plausible(ranked[0], ctx, strong=True):
                    city = self._city_like(ranked[0], d.seg.cands) if want is None else None
                    return city or ranked[0]
        if d.accepted and d.place is not None:
            return d.place
        ranked = self._rank(d.seg.cands, want=want, ctx=ctx, box=box, demonym_cc=None)
        if box is not None:
            ranked = [c for c in ranked if self._fits(c, box, ds[d.container], ctx)]
            if not ranked:
                return box  # "X of Khash district, Nimruz" with no Khash in Nimruz: Nimruz
        return ranked[0] if ranked and self._plausible(ranked[0], ctx, strong=True) else None

    def _plausible(self, c: Candidate, ctx: GeoContext, *, strong: bool, initial: bool = False,
                   prep: bool = False, demonym_cc: str | None = None, site_cue: bool = False) -> bool:
        """Whether a best candidate is believable given the document's country and the cues."""
        if c.feature == "country":
            return c.exact
        in_ctx = c.cc == ctx.country_code or ctx.strong.get(c.cc, 0) >= 0.5
        if initial:  # a capitalised first word may be any word: only sure names
            if c.feature == "admin1" or in_ctx:
                return c.exact and (c.feature == "admin1" or c.main or c.population >= BIG_CITY)
            return c.exact and c.main and c.population >= 1_000_000
        known = {cc for cc, w in ctx.strong.items() if w >= 0.5}
        if ctx.country_code:
            known.add(ctx.country_code)
        if c.feature == "admin1" and c.exact and (in_ctx or not known or (c.main and strong)):
            return True
        if c.feature == "site" and c.city_id is not None and not site_cue and (c.cc, c.admin1) not in ctx.admin1s:
            return False  # a neighbourhood name alone, far from any city the document names
        if demonym_cc == c.cc:
            return c.exact or c.similarity >= 85
        if not known:
            # No country known: towns of some size under their own name, or named with a cue.
            if strong:
                return c.exact or c.similarity >= 85
            return c.exact and c.main and c.population >= (1_000 if prep else 5_000)
        if c.cc == ctx.country_code or (ctx.country_code is None and c.cc in known):
            return c.exact or c.similarity >= (80 if (strong or prep) else 88)
        if c.cc in known:  # another country the document names: its places under their exact names
            return c.exact
        # Outside the document's country: only a big city under its own name.
        return c.exact and c.main and c.population >= BIG_CITY

    def _resolve(self, ds: list[_Decision], i: int, ctx: GeoContext) -> None:
        """Choose the place, relation and precision of segment i (its container is already resolved)."""
        d = ds[i]
        if d.alias_of is not None:
            return  # resolved with its main name
        seg, cues = d.seg, d.cues
        if cues.person:
            return
        alias = ds[i + 1] if i + 1 < len(ds) and ds[i + 1].alias_of == i else None
        if alias is not None:
            alias.cues, alias.container = cues, d.container
        box = self._container_place(ds, d.container, ctx) if d.container is not None else None
        strong = bool(cues.kind or cues.near or cues.countryside or box is not None
                      or self._prefix_word(seg.tokens[0]))
        initial = len(seg.tokens) == 1 and seg.tokens[0].initial and not cues.kind
        want = _KIND_WANT.get(cues.kind) if cues.kind else ("city" if (cues.near or cues.countryside) else None)
        if want is None and cues.part_of and any(c.feature in ("admin1", "country") and c.exact for c in seg.cands):
            want = "admin1"
        if not seg.cands:
            self._unknown(ds, i, box, initial=initial, strong=strong)
            return
        ranked = self._rank(seg.cands, want=want, ctx=ctx, box=box, demonym_cc=cues.demonym_cc)
        best: Candidate | None = self._city_or_admin1(ranked[0], ranked, want)
        if box is not None and best is not None and not self._fits(best, box, ds[d.container], ctx):
            inside = [c for c in ranked if _inside(c, box)]
            best = inside[0] if inside else None
        if best is not None and self._plausible(best, ctx, strong=strong, initial=initial, prep=cues.prep,
                                                demonym_cc=cues.demonym_cc, site_cue=cues.kind == "site"):
            self._known(d, best, ranked, box, ds)
        elif alias is not None and alias.seg.cands and self._try_alias(ds, i, alias, box, ctx, strong):
            return
        elif best is None or box is not None:
            self._unknown(ds, i, box, initial=initial, strong=strong)

    def _try_alias(self, ds: list[_Decision], i: int, alias: _Decision, box: Candidate | None, ctx: GeoContext,
                   strong: bool) -> bool:
        """Resolve "X (Y)" through Y when X is unknown; the mention keeps X's span."""
        want = _KIND_WANT.get(alias.cues.kind) if alias.cues.kind else None
        ranked = self._rank(alias.seg.cands, want=want, ctx=ctx, box=box, demonym_cc=None)
        fitting = [c for c in ranked if box is None or self._fits(c, box, ds[ds[i].container], ctx)]
        if not fitting or not self._plausible(fitting[0], ctx, strong=strong, prep=True):
            return False
        self._known(ds[i], fitting[0], ranked, box, ds)
        return True

    def _fits(self, c: Candidate, box: Candidate, container: _Decision, ctx: GeoContext) -> bool:
        """Whether a candidate agrees with its container (a town container is loose: its surroundings)."""
        if _inside(c, box):
            return True
        if box.feature in ("city", "site"):
            loose = container.cues.countryside or container.cues.near or container.cues.kind == "near"
            limit = 80.0 if loose else 35.0
            return _km(c, box) < limit or (c.exact and c.cc == ctx.country_code and c.admin1 == box.admin1)
        return False

    @staticmethod
    def _town_container(container: _Decision, box: Candidate) -> bool:
        """Whether a container names a town as such (cued as a city, or a big city under its own name)."""
        return container.cues.kind == "settlement" or (box.main and box.population >= BIG_CITY)

    def _known(self, d: _Decision, best: Candidate, ranked: list[Candidate], box: Candidate | None,
               ds: list[_Decision]) -> None:
        """Set relation/precision for a resolved name."""
        cues = d.cues
        gz = self.gazetteer
        d.accepted = True
        if cues.kind == "site" or best.feature == "site":
            if (box is not None and box.feature in ("city", "site") and gz.city_of(best).place_id != box.place_id
                    and (best.feature == "site" or box.population >= best.population)):
                best = box  # "X Street of <town>", "X neighbourhood in <town>": the town
            elif best.feature not in ("site", "city") and box is not None and box.feature == "admin1":
                d.place, d.relation, d.precision = box, "region", 3
                return
            d.place, d.relation, d.precision = gz.city_of(best), "in", 1
            if cues.near:
                d.relation, d.precision = "near", 2
            return
        if cues.kind == "admin2" and box is not None and box.feature == "city" and best.feature != "admin2" \
                and d.container is not None and self._town_container(ds[d.container], box):
            d.place, d.relation, d.precision = box, "in", 1  # "the X district of <city>": a city district
            return
        if cues.countryside and best.feature == "admin1":
            cities = [c for c in ranked if c.feature == "city" and c.cc == best.cc and c.admin1 == best.admin1
                      and c.exact == best.exact]
            if cities:
                best = max(cities, key=lambda c: c.population)
        d.place = best
        if best.feature in ("country", "admin1"):
            d.relation, d.precision = "region", 3
        elif cues.countryside:
            d.relation, d.precision = "countryside", 2
        elif cues.near:
            d.relation, d.precision = "near", 2
        elif best.feature in ("admin2", "admin3") or cues.kind in ("admin2", "admin3"):
            d.relation, d.precision = "region", 2
        else:
            d.relation, d.precision = "in", 1

    def _unknown(self, ds: list[_Decision], i: int, box: Candidate | None, *, initial: bool, strong: bool) -> None:
        """A name the gazetteer lacks: fall back to its container, or report it without a place."""
        d = ds[i]
        cues = d.cues
        if initial or not strong:
            return
        if len(d.seg.tokens) == 1 and self._rejected_word(d.seg.tokens[0]):
            return
        near = cues.near or cues.countryside
        if box is not None and box.feature != "country":
            own = ds[d.container].place if d.container is not None and ds[d.container].accepted else None
            if own is not None and own.feature == "city" and box.feature in ("admin2", "admin3") and _km(own, box) < 15:
                box = own  # "X in rural Ras al Ain": the town the district is named after
            d.accepted, d.place = True, box
            if cues.kind == "site" and box.feature == "city":
                d.relation, d.precision = "in", 1
            elif box.feature == "admin1":
                d.relation, d.precision = ("near" if near else "region"), 3
            else:
                d.relation, d.precision = ("near" if near else "region"), 2
            return
        if cues.kind or self._prefix_word(d.seg.tokens[0]) or near:
            d.accepted, d.place = True, None
            d.relation = "near" if near else "in"
            d.precision = 2 if near or cues.kind in ("near", "countryside", "admin2", "admin3") else (
                3 if cues.kind == "admin1" else 1)


def _count_of(cands: Sequence[Candidate]) -> _Count | None:
    """What a name counts towards the document context: countries, admin1 units and big cities (weight 1),
    districts and towns of 20,000+ that only one country has (weight 0.5)."""
    exact = [c for c in cands if c.exact]
    if not exact:
        return None
    top = [c for c in exact if c.feature == "country"] or [c for c in exact if c.feature == "admin1"] \
        or [c for c in exact if c.feature == "city" and c.main and c.population >= BIG_CITY]
    weight = 1.0
    if not top:
        top = [c for c in exact if c.main and (c.feature in ("admin2", "admin3")
                                                 or (c.feature == "city" and c.population >= 20_000))]
        if len({c.cc for c in top}) != 1:
            return None
        weight = 0.5
    best = max(top, key=lambda c: c.population)
    city = best.place_id if best.feature == "city" and weight == 1.0 else None
    admin1 = (best.cc, best.admin1) if best.admin1 else None
    return best.cc, weight, city, admin1, weight if best.feature == "admin1" else weight / 2


def origin_phrase(*, copula: bool) -> re.Pattern[str]:
    """The words that end right before a place named as someone's origin ("fighters from X", "a man
    from X", "native of X"); with ``copula``, also "is/was (originally) from X"."""
    verbs = "|is|are|was|were" if copula else ""
    return re.compile(
        r"\b(?:fighters?|members?|men|man|woman|women|people|civilians|residents|natives?|families|family|displaced|"
        rf"originally|hailing|hails|who|whose{verbs})\s+(?:\w+\s+){{0,2}}from\s+(?:the\s+)?$|\bnative\s+of\s+$",
        re.IGNORECASE,
    )


_FROM_BEFORE = origin_phrase(copula=True)


def best_mention(mentions: Sequence[PlaceMention], *, text: str | None = None) -> PlaceMention | None:
    """The most specific located mention: lowest precision, then smallest feature, then (given the
    text) not an origin ("fighters from X"), then first."""

    def origin(m: PlaceMention) -> bool:
        return text is not None and _FROM_BEFORE.search(text[max(0, m.span.start - 30):m.span.start]) is not None

    located = [m for m in mentions if m.place is not None and m.place.feature != "country"]
    if not located:
        return None
    return min(enumerate(located), key=lambda im: (im[1].geo_precision, _SPECIFICITY.get(im[1].place.feature, 5),
                                                   origin(im[1]), im[0]))[1]
