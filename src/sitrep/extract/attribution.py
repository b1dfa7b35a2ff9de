"""Attribution: who the article says made a claim ("according to the White Helmets", "SANA said").

Known organisations, outlets and officials are data (``sitrep/data/claimants.yaml``: canonical name,
kind, country, affiliation, party, aliases), validated with pydantic and compiled into one alias
matcher. ``find_claims`` finds reporting expressions in a sentence and resolves their subject:

- "according to X", "X said/reported/told/claimed/insisted", "..., X said" and "..., said X";
- X is a known claimant (canonical name), a generic source ("local sources", "a source with the
  group", "pro-Assad outlets", "activists") cleaned of determiners, or a named person/body;
- "it said", "the agency said", "the group said", "he said" refer back to the last claimant named
  (in the sentence, else ``previous``);
- "citing X" / "X cited Y" give Y with kind "cited" (a secondary source);
- "reportedly", "allegedly", "reports said", "was reported" give claimant "unattributed", kind
  "reported";
- "denied", "rejected claims", "made no mention of" give kind "denied";
- "claimed responsibility" gives kind "claimed_responsibility" with the perpetrator as claimant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from sitrep.errors import DataError
from sitrep.model import Claim, Span

ClaimantKind = Literal[
    "state_media",
    "government",
    "military",
    "armed_group",
    "armed_group_media",
    "monitor",
    "ngo",
    "un_agency",
    "rescue_service",
    "independent_media",
    "international_media",
    "local_sources",
    "social_media",
    "health_authority",
]

UNATTRIBUTED = "unattributed"


class Claimant(BaseModel):
    """One organisation, outlet or official that makes claims."""

    model_config = ConfigDict(extra="forbid")
    name: str
    kind: ClaimantKind
    country: str = ""
    affiliation: str = ""
    party: str = ""
    aliases: list[str]

    @field_validator("country")
    @classmethod
    def _iso2(cls, v: str) -> str:
        if v and not re.fullmatch(r"[A-Z]{2}", v):
            raise ValueError(f"country must be ISO 3166-1 alpha-2 or empty, got {v!r}")
        return v

    @field_validator("aliases")
    @classmethod
    def _non_empty(cls, v: list[str]) -> list[str]:
        if not v or any(not a.strip() for a in v):
            raise ValueError("aliases must be a non-empty list of non-empty strings")
        return v


class ClaimantsData(BaseModel):
    """Schema of claimants.yaml."""

    model_config = ConfigDict(extra="forbid")
    claimants: list[Claimant]
    source_nouns: dict[str, ClaimantKind]
    source_modifiers: dict[str, ClaimantKind]
    verbs: dict[str, Literal["said", "claimed", "denied", "cited"]]
    responsibility: list[str]

    @field_validator("claimants")
    @classmethod
    def _unique(cls, v: list[Claimant]) -> list[Claimant]:
        names = [c.name for c in v]
        dup = {n for n in names if names.count(n) > 1}
        if dup:
            raise ValueError(f"duplicate claimant names: {sorted(dup)}")
        return v


def _data_text() -> str:
    return (files("sitrep") / "data" / "claimants.yaml").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_claimants_data() -> ClaimantsData:
    """Load and validate claimants.yaml (cached)."""
    try:
        return ClaimantsData.model_validate(yaml.safe_load(_data_text()))
    except (yaml.YAMLError, ValidationError, OSError) as e:
        raise DataError(f"claimants.yaml is invalid: {e}") from e


# ----------------------------------------------------------------------------------- compiled


def _alias_key(s: str) -> str:
    return " ".join(s.replace("’", "'").split()).lower()


def alias_pattern(alias: str, *, bounded: bool = True) -> str:
    """Regex source for one alias (whitespace-tolerant, word-bounded; case handled by the caller)."""
    body = r"\s+".join(re.escape(w) for w in alias.replace("’", "'").split()).replace("'", "['’]")
    return rf"(?<![\w-]){body}(?![\w-])" if bounded else body


def alias_is_case_sensitive(alias: str) -> bool:
    """Aliases of one or two words match case-sensitively (SANA vs Sana, The Standard vs the standard)."""
    return len(alias.split()) <= 2


_WORD = re.compile(r"\w+(?:['’\-.]\w+)*|[^\w\s]")


def _words(s: str) -> list[str]:
    return [w.replace("’", "'") for w in _WORD.findall(s)]


class _Hit:
    """A phrase found in a text: the part of ``re.Match`` that the scanners use."""

    __slots__ = ("_s", "_e", "_t")

    def __init__(self, s: int, e: int, t: str) -> None:
        self._s, self._e, self._t = s, e, t

    def start(self) -> int:
        return self._s

    def end(self) -> int:
        return self._e

    def group(self) -> str:
        return self._t


_LAST_TOKENS: list = [(None, -1, -1, None)]
_LAST_LOWS: list = [(None, -1, -1, None)]


def _word_lows(text: str, start: int, end: int) -> list[str]:
    """The lower-case words of ``_word_tokens`` alone (cheaper: no spans); the last answer is remembered."""
    last = _LAST_LOWS[0]  # one tuple, replaced whole (safe across threads)
    if last[0] is text and last[1] == start and last[2] == end:
        return last[3]
    segment = text[start:end]
    if segment.isascii():  # ASCII lower-casing keeps every character and its class: same words
        lows = _WORD.findall(segment.lower())
    else:
        lows = [w.replace("’", "'").lower() for w in _WORD.findall(segment)]
    _LAST_LOWS[0] = (text, start, end, lows)
    return lows


def _word_tokens(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], list[str], list[str]]:
    """Word spans, words (’ read as ') and their lower-case forms in text[start:end]; the last answer is
    remembered (the claimant and the verb index look at the same sentence one after the other)."""
    last = _LAST_TOKENS[0]  # one tuple, replaced whole (safe across threads)
    if last[0] is text and last[1] == start and last[2] == end:
        return last[3]
    found = list(_WORD.finditer(text, start, end))
    spans = [m.span() for m in found]
    if "’" in text[start:end]:
        words = [m.group().replace("’", "'") for m in found]
    else:
        words = [m.group() for m in found]
    out = (spans, words, _word_lows(text, start, end))  # the same lower-case words (see _word_lows)
    _LAST_TOKENS[0] = (text, start, end, out)
    return out


class PhraseIndex:
    """Finds listed phrases in text by word n-gram lookup (fast for thousands of phrases)."""

    def __init__(self) -> None:
        self._exact: dict[tuple[str, ...], str] = {}
        self._folded: dict[tuple[str, ...], str] = {}
        self._sizes: dict[str, tuple[int, ...]] = {}  # first word (lower case) -> phrase lengths, longest first

    def add(self, phrase: str, value: str, *, case_sensitive: bool) -> None:
        """Index a phrase; case-sensitive phrases match only as written."""
        key = tuple(_words(phrase))
        if not key:
            return
        if case_sensitive:
            self._exact.setdefault(key, value)
        else:
            self._folded.setdefault(tuple(w.lower() for w in key), value)
        first = key[0].lower()
        self._sizes[first] = tuple(sorted(set(self._sizes.get(first, ())) | {len(key)}, reverse=True))

    def find(self, text: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
        """Non-overlapping matches (start, end, surface, value), longest first at each word."""
        out: list[tuple[int, int, str, str]] = []
        sizes_of = self._sizes
        if sizes_of.keys().isdisjoint(_word_lows(text, start, end)):
            return out  # no phrase starts with any of these words
        spans, words, lows = _word_tokens(text, start, end)
        n = len(words)
        free = 0  # the first word after the last match
        for i in [k for k, low in enumerate(lows) if low in sizes_of]:
            if i < free:
                continue
            for size in sizes_of[lows[i]]:
                if i + size > n:
                    continue
                val = self._exact.get(tuple(words[i : i + size]))
                if val is None:
                    val = self._folded.get(tuple(lows[i : i + size]))
                if val is not None:
                    a, b = spans[i][0], spans[i + size - 1][1]
                    out.append((a, b, text[a:b], val))
                    free = i + size
                    break
        return out


@dataclass(slots=True)
class _Compiled:
    by_alias: dict[str, str]  # folded alias -> canonical name
    info: dict[str, Claimant]
    alias_index: PhraseIndex
    verb_index: PhraseIndex
    verbs: dict[str, str]
    resp_re: re.Pattern[str]
    source_nouns: dict[str, str]
    source_modifiers: dict[str, str]


@lru_cache(maxsize=1)
def _compiled() -> _Compiled:
    data = load_claimants_data()
    by_alias: dict[str, str] = {}
    alias_index = PhraseIndex()
    for c in data.claimants:
        for a in [c.name, *c.aliases]:
            by_alias.setdefault(_alias_key(a), c.name)
            alias_index.add(a, c.name, case_sensitive=alias_is_case_sensitive(a))
    verbs = {_alias_key(k): v for k, v in data.verbs.items()}
    verb_index = PhraseIndex()
    for v, kind in verbs.items():
        verb_index.add(v, kind, case_sensitive=False)
    return _Compiled(
        by_alias=by_alias,
        info={c.name: c for c in data.claimants},
        alias_index=alias_index,
        verb_index=verb_index,
        verbs=verbs,
        resp_re=re.compile(
            "(?:"
            + "|".join(alias_pattern(r) for r in data.responsibility)
            + r")(?!\s+(?:was|were|had|has|is|are|would|could|as|to|that)\b)"
            + r"|responsibility\s+(?:was|has\s+been)\s+claimed\s+by",
            re.IGNORECASE,
        ),
        source_nouns={k.lower(): v for k, v in data.source_nouns.items()},
        source_modifiers={k.lower(): v for k, v in data.source_modifiers.items()},
    )


def canonical_claimant(name: str) -> str | None:
    """Canonical claimant name for an alias ("Syria Civil Defence" -> "White Helmets"), else None."""
    return _compiled().by_alias.get(_alias_key(_LEADING_THE.sub("", name.strip()))) or (
        _compiled().by_alias.get(_alias_key(name))
    )


def claimant_info(name: str) -> dict | None:
    """Metadata of a claimant for grading sources: {name, kind, country, affiliation, party}.

    Known claimants (by canonical name or alias) come from the data file; generic sources ("local
    sources", "rebel sources", "security officials") get a kind from their words; None otherwise.
    """
    comp = _compiled()
    canon = canonical_claimant(name)
    if canon:
        c = comp.info[canon]
        return {"name": c.name, "kind": c.kind, "country": c.country, "affiliation": c.affiliation, "party": c.party}
    kind = _generic_kind(name)
    if kind is None:
        return None
    return {"name": name, "kind": kind, "country": "", "affiliation": "", "party": ""}


def _generic_kind(np_: str) -> str | None:
    comp = _compiled()
    words = _HYPHENATED_WORD.findall(np_.lower())
    head_kind = None
    head_at = -1
    for i, w in enumerate(words):
        if w in comp.source_nouns:
            head_kind, head_at = comp.source_nouns[w], i
            break
    if head_kind is None:
        return None
    for w in words[:head_at]:
        if w in comp.source_modifiers:
            return comp.source_modifiers[w]
        if w.startswith("pro-"):
            return "state_media" if head_kind in ("independent_media",) else "armed_group"
        if w.endswith("-linked") or w.endswith("-affiliated") or w.endswith("-run"):
            return "armed_group_media" if head_kind == "independent_media" else head_kind
    return head_kind


# ----------------------------------------------------------------------------------- scanning

_ACCORDING = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)
_REPORTEDLY = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|according\s+to\s+(?:media\s+|local\s+|unconfirmed\s+|some\s+)?reports)\b"
    r"|\b(?:reports|media\s+reports|unconfirmed\s+reports)\s+(?:said|say|says|suggest|suggested|indicate|indicated)\b"
    r"|\bit\s+(?:is|was|has\s+been)\s+reported\b"
    r"|\b(?:is|was|were|are|been)\s+(?:also\s+)?reported\b(?!\s+by\b)",
    re.IGNORECASE,
)
_NEGATED_REPORT = re.compile(r"\b(?:no|neither|nor|not|none|nobody)\b[^.;]{0,60}$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:\[\]\"“”«»]|—|–(?=\s)|\s-\s|(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})\.\s+(?=[A-Z\"“])")
_NP_END = re.compile(
    r"\s*(?:[,;:()\[\]\"“”.]|—|\s-\s|\b(?:that|who|which|as\s+saying|on\s+(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday)|in\s+a\s+(?:statement|report|post|tweet)|on\s+(?:Twitter|Telegram|X|Facebook))\b)",
    re.IGNORECASE,
)
_TRAILING_NOISE = re.compile(
    r"(?:\s+(?:also|later|earlier|previously|had|has|have|was|is|were|would|then|again|separately|"
    r"initially|subsequently|on\s+\w+day|late\s+on\s+\w+day|\w+day|yesterday|today|in\s+a\s+(?:statement|report|post)"
    r"|on\s+(?:its|his|her|their)\s+\w+(?:\s+\w+)?(?:\s+(?:channel|account|page|site))?))+\s*$",
    re.IGNORECASE,
)
_LEADING_DET = re.compile(
    r"^(?:the|a|an|some|several|two|three|many|other|one|its|their|his|her|but|and|while|however|meanwhile|"
    r"by|though|although|as)\s+",
    re.IGNORECASE,
)
_PARTICIPLE_BY = re.compile(r"\s+\w+(?:ed|en)\s+by\s+.*$", re.IGNORECASE)
_RUN_BY = re.compile(r"\s+(?:run|linked|affiliated|close|loyal|belonging|tied)\s+(?:by|to|with)\s+", re.IGNORECASE)
_DOC_NOUNS = re.compile(
    r"\s+(?:reports?|statements?|footage|video|videos|images|data|figures|tally|count|accounts?|posts?|channels?)$",
    re.IGNORECASE,
)
_PRONOUN = re.compile(
    r"^(?:it|he|she|they|the\s+(?:agency|news\s+agency|group|ministry|monitor|observatory|organi[sz]ation|"
    r"army|military|outlet|channel|statement|spokesman|spokesperson|official|source|report|rescue\s+group|"
    r"war\s+monitor|monitoring\s+group|UN\s+agency|body|office|service|network|coalition|movement|militia|"
    r"government|regime|police|command))$",
    re.IGNORECASE,
)
_NOT_SUBJECT = re.compile(r"^(?:there|this|that|these|those|what|which|who|it\s+is|one|no\s+one|nobody)$", re.IGNORECASE)
_MAX_NP_WORDS = 10


# Patterns used by the functions below (compiled once; the same regexes they once passed to ``re``).
_LEADING_THE = re.compile(r"^the\s+", re.I)
_HYPHENATED_WORD = re.compile(r"[\w-]+")
_ON_THE_SCENE = re.compile(
    r"^(.*?\b(?:sources?|officials?|residents|witnesses|activists|workers|rescuers|medics|doctors))"
    r"\s+(?:on|at|near|in)\s+the\s+(?:scene|ground|spot)\b.*$",
    re.IGNORECASE,
)
_RELATIVE_OR_APPOSITION = re.compile(r"\s*(?:which|who|whose|where|a|an|part|citing|quoting)\b", re.I)
_PARTICIPLE_CLAUSE = re.compile(r"\s*\w+(?:ed|ing)\b")
_INDEFINITE_START = re.compile(r"\s*(?:a|an)\s")
_RELATIVE_PRONOUN = re.compile(r"\b(?:which|that|who|whom|whose)\s+", re.IGNORECASE)
_AND_PARTS = re.compile(r"(?:(?!\s+and\s+).)+")
_REPORTS_NP = re.compile(r"(?:media\s+|local\s+|unconfirmed\s+|some\s+)?reports\b", re.I)
_CLAUSE_END = re.compile(r"\s*(?:[.,;:)]|$)")
_TRAILING_WEEKDAY = re.compile(r"\s+(?:on|late\s+on|early\s+on)?\s*\w+day$")
_LINK_PARTICIPLES = re.compile(r"\b(?:based|backed|led|linked|affiliated)\b")
_NEXT_WORD = re.compile(r"\s+(\w+)")
_PASSIVE_AUX_END = re.compile(r"\b(?:was|were|is|are|been|be|being)\s+$", re.I)
_IN_A_SOURCE = re.compile(r"\s+(?:in|on)\s+(?:a|an|its|the)\s+.*$")
_QUOTE_OR_COMMA_END = re.compile(r"[,\"”'’]\s*$")
_CONJUNCTION = re.compile(r"(?:and|but|or|then)", re.I)
_TRAILING_AND = re.compile(r"\s(?:and|but)$")
_TRAILING_ADVERB = re.compile(r"\s+(?:also|later|had|has|have|would|again|then)$")
_TRAILING_AUX_ADVERB = re.compile(r"\s+(?:has|have|had|also|later|quickly|swiftly|reportedly)$")
_TRAILING_AUX = re.compile(r"\s+(?:has|have|had)$")


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    claim: Claim
    np_start: int


def _alias_matches(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Known claimants named in text[start:end]: (start, end, canonical name)."""
    return [(a, b, val) for a, b, _, val in _compiled().alias_index.find(text, start, end)]


def _clean_surface(np_: str) -> str:
    s = _PARTICIPLE_BY.sub("", np_)
    s = _TRAILING_NOISE.sub("", s).strip()
    prev = None
    while prev != s:
        prev = s
        s = _LEADING_DET.sub("", s).strip()
    s = _DOC_NOUNS.sub("", s) if len(s.split()) > 1 else s
    m = _ON_THE_SCENE.match(s)
    if m:
        s = m.group(1)
    first = s.split()[0].lower() if s.split() else ""
    comp = _compiled()
    proper_name = _is_proper(s) and len(s.split()) > 1  # "President Erdogan" stays as written
    if first and not proper_name and s[0].isupper() and s[1:2].islower() and (
        first in comp.source_nouns or first in comp.source_modifiers or first.startswith(("pro-", "anti-"))
        or first in ("witnesses", "rescue", "rebel", "local", "unnamed", "senior", "two", "three")
    ):
        s = s[0].lower() + s[1:]
    return s.strip(" '\"’“”")


def _is_proper(s: str) -> bool:
    words = [w for w in s.split() if w[0].isalpha()]
    return bool(words) and all(w[0].isupper() for w in words if w.lower() not in ("of", "for", "the", "and", "al"))


def _resolve(
    np_text: str,
    np_start: int,
    aliases: list[tuple[int, int, str]],
    found: list[_Found],
    previous: Claim | None,
    *,
    relative: bool = False,
) -> str | None:
    """Claimant name for the subject NP of a reporting verb (None: not a claimant)."""
    raw = _PARTICIPLE_BY.sub("", np_text).strip()  # "video geolocated by CNN": CNN did not claim it
    if not raw or _NOT_SUBJECT.match(raw):
        return None
    if _PRONOUN.match(raw):
        return _corefer(raw, np_start, aliases, found, previous, relative=relative)
    np_end = np_start + len(np_text.rstrip()) - (len(np_text.strip()) - len(raw))
    inside = [a for a in aliases if a[0] >= np_start and a[1] <= np_end]
    link = _RUN_BY.search(raw)
    if inside:
        best = max(inside, key=lambda a: (a[1] - a[0], a[0]))
        if link and np_start + link.start() < best[0] and _generic_kind(raw[: link.start()]):
            return _linked_media(raw[: link.start()], best[2])  # "an outlet run by Hezbollah"
        return best[2]
    cleaned = _clean_surface(raw)
    if not cleaned or len(cleaned.split()) > _MAX_NP_WORDS:
        return None
    if _generic_kind(cleaned) or _is_proper(cleaned):
        return cleaned
    return None


_COREF_KINDS: dict[str, frozenset[str]] = {
    "group": frozenset({"armed_group", "ngo", "monitor", "rescue_service", "armed_group_media"}),
    "agency": frozenset({"state_media", "independent_media", "international_media", "un_agency", "armed_group_media"}),
    "news agency": frozenset({"state_media", "independent_media", "international_media", "armed_group_media"}),
    "ministry": frozenset({"government"}),
    "army": frozenset({"military", "government"}),
    "military": frozenset({"military", "government"}),
    "monitor": frozenset({"monitor"}),
    "observatory": frozenset({"monitor"}),
    "war monitor": frozenset({"monitor"}),
    "monitoring group": frozenset({"monitor"}),
    "outlet": frozenset({"state_media", "independent_media", "international_media", "armed_group_media", "social_media"}),
    "channel": frozenset({"state_media", "independent_media", "international_media", "armed_group_media"}),
    "rescue group": frozenset({"rescue_service"}),
    "un agency": frozenset({"un_agency"}),
    "organisation": frozenset({"ngo", "monitor", "un_agency", "rescue_service", "armed_group"}),
    "organization": frozenset({"ngo", "monitor", "un_agency", "rescue_service", "armed_group"}),
    "government": frozenset({"government"}),
    "regime": frozenset({"government"}),
    "police": frozenset({"government"}),
    "militia": frozenset({"armed_group"}),
    "movement": frozenset({"armed_group"}),
    "coalition": frozenset({"armed_group", "military"}),
}


def _compatible(pron: str, claimant: str) -> bool:
    noun = _LEADING_THE.sub("", " ".join(pron.lower().split()))
    kinds = _COREF_KINDS.get(noun)
    if kinds is None:
        return True  # it / he / she / they / the statement ...
    info = claimant_info(claimant)
    return info is not None and info["kind"] in kinds


def _linked_media(head: str, owner: str) -> str:
    """"a news outlet run by X": X's own outlet when the data names exactly one, else "X-linked <noun>"."""
    comp = _compiled()
    party = comp.info[owner].party or owner
    media = [
        c.name for c in comp.info.values() if c.party == party and c.kind in ("armed_group_media", "state_media")
    ]
    if len(media) == 1:
        return media[0]
    noun = _clean_surface(head).split()[-1] if _clean_surface(head) else "media"
    return f"{owner}-linked {noun}"


def _corefer(
    pron: str,
    at: int,
    aliases: list[tuple[int, int, str]],
    found: list[_Found],
    previous: Claim | None,
    *,
    relative: bool = False,
) -> str:
    """The claimant a pronoun or "the agency" refers to.

    In a relative clause ("a video which it said showed") the antecedent is named just before in the
    same sentence; in a main clause ("..., it said.") it is the last claimant (this sentence's, else
    ``previous``), not whatever organisation the reported content mentions.
    """
    claims = [(f.np_start, f.claim.claimant) for f in found if f.np_start < at and f.claim.kind != "cited"]
    named = [(a[0], a[2]) for a in aliases if a[1] <= at]
    prev = [(-1, previous.claimant)] if previous is not None else []
    order = [named, claims, prev] if relative else [claims, prev, named]
    for group in order:
        ok = [c for c in group if c[1] != UNATTRIBUTED and _compatible(pron, c[1])]
        if ok:
            return max(ok)[1]
    return _clean_surface(pron)


def _clause_start(text: str, lo: int, pos: int) -> int:
    """Start of the clause that ends at pos (after the last comma, quote, colon ... before it)."""
    seg = text[lo:pos]
    last = None
    for m in _CLAUSE_BREAK.finditer(seg):
        last = m
    return lo + last.end() if last else lo


def _left_subject(text: str, lo: int, verb_start: int) -> tuple[int, str, bool]:
    """Subject NP before a verb: (start, text, inside a relative clause); skips "..., which ...,"."""
    s = _clause_start(text, lo, verb_start)
    np_ = text[s:verb_start]
    tries = 0
    while not np_.strip() and s > lo and tries < 3:
        tries += 1
        prev_end = s - 1
        s2 = _clause_start(text, lo, prev_end)
        seg = text[s2:prev_end]
        if s2 > lo and (
            _RELATIVE_OR_APPOSITION.match(seg)
            or _PARTICIPLE_CLAUSE.match(seg)
        ):
            s = s2
            continue
        s, np_ = s2, seg
        break
    # apposition: "X, a fellow at Y, told"
    if _INDEFINITE_START.match(np_) and s > lo and text[s - 1] == ",":
        s2 = _clause_start(text, lo, s - 1)
        seg = text[s2 : s - 1]
        if _is_proper(seg.strip()) and len(seg.split()) <= 4:
            s, np_ = s2, seg
    rel = None
    for rel in _RELATIVE_PRONOUN.finditer(np_):
        pass
    relative = rel is not None
    if rel is not None:
        s, np_ = s + rel.end(), np_[rel.end() :]  # "a video which it said" -> "it"
    words = np_.split()
    if len(words) > _MAX_NP_WORDS + 4:
        cut = len(" ".join(words[: len(words) - _MAX_NP_WORDS - 4]))
        off = np_.find(words[len(words) - _MAX_NP_WORDS - 4], cut)
        s, np_ = s + off, np_[off:]
    lead = len(np_) - len(np_.lstrip())
    return s + lead, np_.strip(), relative


def _right_np(text: str, pos: int, end: int) -> tuple[int, str]:
    """NP after pos up to the clause end ("according to X, ..." / "..., said X.")."""
    m = _NP_END.search(text, pos, end)
    stop = m.start() if m else end
    seg = text[pos:stop]
    lead = len(seg) - len(seg.lstrip())
    return pos + lead, seg.strip()


def _span(text: str, a: int, b: int) -> Span:
    return Span(a, b, text[a:b])


def _split_coordinated(np_: str, np_start: int) -> list[tuple[int, str]]:
    """"a rebel source and the Syrian Observatory" -> two subjects (only if both look like claimants)."""
    parts = [(m.start(), m.group()) for m in _AND_PARTS.finditer(np_)]
    if len(parts) == 2 and all(_generic_kind(p) or canonical_claimant(p.strip()) or _has_alias(p) for _, p in parts):
        return [(np_start + off, p) for off, p in parts]
    return [(np_start, np_)]


def _has_alias(s: str) -> bool:
    return bool(_alias_matches(s, 0, len(s)))


def find_claims(text: str, start: int = 0, end: int | None = None, *, previous: Claim | None = None) -> list[Claim]:
    """Claims (who said/claimed/denied what) in text[start:end], in text order."""
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    if start >= end:
        return []
    comp = _compiled()
    events = _events(text, start, end)
    if not events:
        return []
    aliases = _alias_matches(text, start, end)
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []

    def add(a: int, b: int, claimant: str | None, kind: str, np_start: int) -> None:
        if not claimant:
            return
        if any(x == a and y == b and f.claim.claimant == claimant for (x, y), f in zip(taken, found)):
            return
        taken.append((a, b))
        found.append(_Found(a, b, Claim(claimant, _span(text, a, b), kind), np_start))

    for kind, m in events:
        if kind == "according":
            np_start, np_ = _right_np(text, m.end(), end)
            if _REPORTS_NP.match(np_):
                continue
            for s, part in _split_coordinated(np_, np_start):
                add(m.start(), np_start + len(np_), _resolve(part, s, aliases, found, previous), "said", s)
        elif kind == "reported":
            if not _NEGATED_REPORT.search(text[max(start, m.start() - 80) : m.start()]):
                add(m.start(), m.end(), UNATTRIBUTED, "reported", m.start())
        elif kind == "responsibility":
            _responsibility(text, start, end, m, aliases, found, previous, add)
        else:
            _verb_claim(text, start, end, m, comp.verbs[_alias_key(m.group())], aliases, found, previous, add)
    found.sort(key=lambda f: (f.start, f.end))
    return [f.claim for f in found]


def _events(text: str, start: int, end: int) -> list[tuple[str, re.Match[str] | _Hit]]:
    comp = _compiled()
    ev: list[tuple[str, re.Match[str] | _Hit]] = []
    resp_spans: list[tuple[int, int]] = []
    low = text[start:end].lower()
    if "responsib" in low or "claim" in low:
        for m in comp.resp_re.finditer(text, start, end):
            ev.append(("responsibility", m))
            resp_spans.append((m.start(), m.end()))
    if "according" in low:
        for m in _ACCORDING.finditer(text, start, end):
            ev.append(("according", m))
    if "report" in low or "alleged" in low or "purported" in low:
        for m in _REPORTEDLY.finditer(text, start, end):
            ev.append(("reported", m))
    rep = [(m.start(), m.end()) for k, m in ev if k == "reported"]
    for a, b, surface, _ in comp.verb_index.find(text, start, end):
        if any(x <= a < y for x, y in resp_spans + rep):
            continue
        ev.append(("verb", _Hit(a, b, surface)))
    ev.sort(key=lambda e: e[1].start())
    return ev  # type: ignore[return-value]


_NOUN_BEFORE = re.compile(
    r"\b(?:the|a|an|these|those|such|his|her|its|their|our|of|as|no|any|similar|earlier|new|media|"
    r"unconfirmed|conflicting|local|rejected|denied|dismissed|disputed|refuted|repeated|false|made|making)\s+$",
    re.IGNORECASE,
)
_VERBISH = re.compile(r"\b(?:had|has|have|was|were|is|are|will|would|could|did|do|does|\w+ed)\b", re.IGNORECASE)


def _inverted_subject(text: str, pos: int, end: int) -> tuple[int, str] | None:
    """"..., said the White Helmets." -> the short NP after the verb when it closes the clause."""
    np_start, np_ = _right_np(text, pos, end)
    if not np_ or len(np_.split()) > 8:
        return None
    after = text[np_start + len(np_) : np_start + len(np_) + 2]
    if after and not _CLAUSE_END.match(after):
        return None
    core = _TRAILING_WEEKDAY.sub("", np_)
    if _VERBISH.search(_LINK_PARTICIPLES.sub("", core)):
        return None
    return np_start, np_


def _verb_claim(text, start, end, m, kind, aliases, found, previous, add) -> None:  # noqa: ANN001
    """Subject of a reporting verb: inverted ("..., said X"), coordinated ("... and denied"), or before it."""
    verb = _alias_key(m.group())
    head = text[max(start, m.start() - 24) : m.start()]
    after_word = _NEXT_WORD.match(text, m.end(), end)
    if _NOUN_BEFORE.search(head):
        return  # "the claims", "as saying", "media reports": not a verb
    if verb in ("reported", "reports", "report") and _PASSIVE_AUX_END.search(head):
        return  # passive "was reported" is handled as unattributed
    if after_word and after_word.group(1).lower() == "by":
        return  # "published by", "cited by": not a claim by a subject
    if kind == "cited" and verb.startswith(("citing", "quoting")):
        np_start, np_ = _right_np(text, m.end(), end)
        add(m.start(), np_start + len(np_), _resolve(np_, np_start, aliases, found, previous), "cited", np_start)
        return
    if kind == "cited":
        kind = "said"  # "TASS cited the army as saying": TASS said, the army is cited
        np_start, np_ = _right_np(text, m.end(), end)
        obj = _IN_A_SOURCE.sub("", np_)
        add(np_start, np_start + len(obj), _resolve(obj, np_start, aliases, found, previous), "cited", np_start)
    if _QUOTE_OR_COMMA_END.search(head) and verb not in ("told", "tells", "tell", "cited", "quoted"):
        inv = _inverted_subject(text, m.end(), end)
        name = _resolve(inv[1], inv[0], aliases, found, previous) if inv else None
        if inv and name:
            add(m.start(), inv[0] + len(inv[1]), name, kind, inv[0])
            return
    s, np_, relative = _left_subject(text, start, m.start())
    if not np_ or _CONJUNCTION.fullmatch(np_) or _TRAILING_AND.search(" " + np_):
        if found:
            last = found[-1]
            add(m.start(), m.end(), last.claim.claimant, kind, last.np_start)
        return
    np_ = _TRAILING_ADVERB.sub("", np_)
    for sub_start, sub in _split_coordinated(np_, s):
        name = _resolve(sub, sub_start, aliases, found, previous, relative=relative)
        add(sub_start, m.end(), name, kind, sub_start)


def _responsibility(text, start, end, m, aliases, found, previous, add) -> None:  # noqa: ANN001
    """"X claimed responsibility" / "responsibility was claimed by X": the perpetrator claims."""
    if m.group().lower().startswith("responsibility"):
        np_start, np_ = _right_np(text, m.end(), end)
        add(m.start(), np_start + len(np_), _resolve(np_, np_start, aliases, found, previous), "claimed_responsibility", np_start)
        return
    s, np_, _ = _left_subject(text, start, m.start())
    np_ = _TRAILING_AUX_ADVERB.sub("", np_.strip())
    np_ = _TRAILING_AUX.sub("", np_)
    if np_.lower() in ("no group", "no one", "nobody", "none"):
        return
    add(s, m.end(), _resolve(np_, s, aliases, found, previous), "claimed_responsibility", s)
