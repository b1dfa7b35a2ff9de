"""Casualty counts: numbers of people killed, injured, displaced ... as the text states them.

The vocabulary (number words, vague words, qualifiers, person nouns, casualty verbs and nouns) is data:
``sitrep/data/numbers.yaml``, validated with pydantic and compiled once into matchers.

Linking is rule based on a light tokenisation of the sentence:
- active verbs take the victims as object: "killed at least 13 civilians", "killing five children and
  two women" (coordinated counts are summed, "at least" carries over);
- passive participles and intransitive predicates take them as subject: "2 children were killed",
  "4 people, including 2 women, were injured", "three died", "leaving 3 people dead";
- count nouns: "7 deaths", "the deaths of at least 255 people", "the death toll rose to 20";
- bodies found: "the bodies of 2 civilians were found", "a dead body was found".

Figures: ``best`` is what ACLED codes (the stated figure; several/many/a few -> 3, dozens -> 12,
hundreds -> 100; a range "between 2 and 4" -> its low end); ``low``/``high`` are the UCDP-style
conservative and generous readings (``high=None``: open-ended, "at least 13", "more than 50").
Vague words (numbers.yaml ``vague``; low / best / high): several, many 3/3/10; a few, some 2/3/9;
dozens 12/12/99; scores 20/20/99; hundreds 100/100/999; thousands 1000/1000/9999; an unknown
number 1/10/open (ACLED's "unknown fatalities coded as 10"). Qualifiers: "at least N", "more than N"
-> low = best = N, high open; "about/nearly N" -> N; "up to N" -> low 1, best = high = N.
"casualties" alone is its own quantity ("casualties"), never fatalities (ACLED codes 0 for it).
Counts introduced by "including"/"among them" are subsets of another count: ``qualifier="including"``.
A casualty given as the cause of the event told ("protesting the killing of a teacher", "accused of
killing three") and attempts ("a plot to assassinate") are not counted.
"killed and wounded dozens" gives ``quantity="killed_or_injured"`` (killed is anywhere from 0 to the
figure). "no injuries were reported" gives a ``negated`` count of 0. ACLED's own coding statements in
notes ("Fatalities coded as 0 (...)", "Unknown fatalities coded as 10") give
``quantity="fatalities_coded"`` so that callers can let them override.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from sitrep.errors import DataError
from sitrep.model import Count, Span
from sitrep.scale.prefix import IndexedSearch, folds_to_ascii

# ---------------------------------------------------------------------------------------------- data


class VagueValue(BaseModel):
    """ACLED figure and UCDP-style range of a vague quantity word."""

    model_config = ConfigDict(extra="forbid")
    low: int = Field(ge=0)
    best: int = Field(ge=0)
    high: int | None = None

    @model_validator(mode="after")
    def _ordered(self) -> VagueValue:
        if self.best < self.low or (self.high is not None and self.high < self.best):
            raise ValueError(f"need low <= best <= high, got {self.low}/{self.best}/{self.high}")
        return self


class PersonNoun(BaseModel):
    """A noun that can head a victim noun phrase."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    singular: str
    plural: str
    klass: str = Field(default="", alias="class")


class QuantityForms(BaseModel):
    """Surface forms that state a quantity of people."""

    model_config = ConfigDict(extra="forbid")
    active: list[str] = []
    passive: list[str] = []
    noun: list[str] = []


class NumbersData(BaseModel):
    """Schema of numbers.yaml."""

    model_config = ConfigDict(extra="forbid")
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    fixed: dict[str, int]
    indefinite: list[str]
    definite: list[str]
    vague: dict[str, VagueValue]
    qualifiers: dict[str, str]
    not_people: list[str]
    persons: list[PersonNoun]
    person_pronouns: list[str]
    titles: list[str]
    quantities: dict[str, QuantityForms]
    bodies: list[str]
    discovery: list[str]
    negation_nouns: dict[str, list[str]]
    resultatives: dict[str, str]
    cause_before_noun: list[str]
    cause_before_verb: list[str]

    @field_validator(
        "indefinite", "definite", "not_people", "person_pronouns", "titles", "bodies", "discovery",
        "cause_before_noun", "cause_before_verb",
    )
    @classmethod
    def _lower_words(cls, v: list[str]) -> list[str]:
        for w in v:
            if not w or w != w.lower().strip():
                raise ValueError(f"entries must be non-empty lower case: {w!r}")
        return v

    @field_validator("units", "tens", "scales", "fixed", "vague", "qualifiers", "negation_nouns")
    @classmethod
    def _lower_keys(cls, v: dict) -> dict:
        for k in v:
            if not k or k != k.lower().strip():
                raise ValueError(f"keys must be non-empty lower case: {k!r}")
        return v

    @model_validator(mode="after")
    def _known_quantities(self) -> NumbersData:
        known = set(self.quantities)
        for k, qs in self.negation_nouns.items():
            if not qs or not set(qs) <= known:
                raise ValueError(f"negation noun {k!r} must cancel known quantities, got {qs}")
        for k, q in self.resultatives.items():
            if q not in known:
                raise ValueError(f"resultative {k!r} names unknown quantity {q!r}")
        return self


def _data_text() -> str:
    return (files("sitrep") / "data" / "numbers.yaml").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_numbers_data() -> NumbersData:
    """Load and validate numbers.yaml (cached)."""
    try:
        raw = yaml.safe_load(_data_text())
        return NumbersData.model_validate(raw)
    except (yaml.YAMLError, ValidationError, OSError) as e:
        raise DataError(f"numbers.yaml is invalid: {e}") from e


# ------------------------------------------------------------------------------------------ lexicon

_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_AUX = frozenset(
    "was were is are be been being has have had got get gets getting 's reportedly allegedly".split()
)
_HEDGES = frozenset({"reportedly", "allegedly"})
"""Adverbs that stand for a dropped auxiliary in headlines ("three women allegedly killed by militiamen")."""
_ADV = frozenset(
    "also later reportedly allegedly apparently subsequently eventually initially already then all both "
    "each since just only still now previously earlier recently immediately instantly nearly almost "
    "either yet again thus so".split()
)
_CHAIN = frozenset("found left reported confirmed believed feared said thought known to have and or then".split())
_TIME_WORDS = frozenset(
    "on early late last this yesterday today overnight morning afternoon evening night monday tuesday "
    "wednesday thursday friday saturday sunday".split()
)
_IRREALIS = frozenset(
    "attempt attempts attempted attempting try tries tried trying plot plots plotted plotting plan plans planned "
    "planning threaten threatens threatened threatening fail fails failed failing seek seeks sought seeking aim "
    "aims aimed aiming intend intends intended want wants wanted vow vows vowed vowing bid effort efforts "
    "order orders ordered conspiracy conspired conspiring sought".split()
)
_STOP = frozenset(
    "in on at by to into onto from with without for during after before when while where as than that which "
    "who whom whose what was were is are be been being has have had and or but nor not no if because since "
    "near across between among amid including includes include against toward towards through throughout "
    "under over around about via per this these those there here it its they their them he she his her "
    "we our you your i my me us".split()
)
_PP_START = frozenset("of from in at on with belonging aged".split())
_PAREN_START = frozenset(
    "including among mostly mainly all most both many some several of among aged who which whom "
    "reportedly allegedly according".split()
)
_SUBSET_BEFORE = frozenset("including includes include among of mostly mainly".split())
_NO_WORDS = frozenset("no none nobody not".split())
_QUOTES = frozenset("'\"‘’“”`")
_DASHES = frozenset("-–—")

_TOKEN = re.compile(
    r"\d+(?:[.,]\d+)*(?:[-–]\d+(?:[.,]\d+)*)?(?:[-–]?[^\W\d_]+)*"  # 1,500  2-3  4th  12-year-old
    r"|[^\W\d_]+(?:[-'’][^\W_]+)*['’]?"  # words, twenty-three, regime's, pro-Turkey
    r"|[^\w\s]",
    re.UNICODE,
)
_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")
_EURO_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_DIGIT_RANGE = re.compile(r"^(\d[\d,]*)[-–](\d[\d,]*)$")
_DECIMAL = re.compile(r"\d[\d,]*(?:\.\d+)?")
_ORDINAL_OR_DECADE = re.compile(r"\d(?:st|nd|rd|th|s)$")
_LOWER_LETTER = re.compile(r"[a-z]")
_YEAR_NUMBER = re.compile(r"(?:19|20)\d\d")
_LETTERS = re.compile(r"[a-z]+")


@dataclass(slots=True, frozen=True)
class _Person:
    canon: str  # plural form, e.g. "children"
    klass: str
    singular: bool
    plural: bool


@dataclass(slots=True)
class _Lexicon:
    words: dict[str, int]
    scales: dict[str, int]
    fixed: dict[tuple[str, ...], int]
    vague: dict[tuple[str, ...], VagueValue]
    qualifiers: dict[tuple[str, ...], str]
    indefinite: dict[tuple[str, ...], int]
    definite: frozenset[str]
    not_people: frozenset[str]
    persons: dict[str, _Person]
    pronouns: frozenset[str]
    titles: frozenset[str]
    bodies: frozenset[str]
    discovery: frozenset[str]
    cause_noun: frozenset[str]
    cause_verb: frozenset[tuple[str, ...]]
    trigger_re: IndexedSearch  # the casualty phrases' regex, searched through a per-text index
    triggers: dict[str, list[tuple[str, str]]]  # normalised phrase -> [(quantity, role)]
    max_phrase: int


def _phrase_key(s: str) -> tuple[str, ...]:
    return tuple(s.split())


def _phrase_regex(phrases: list[str]) -> str:
    """Alternation of phrases, longest first, whitespace-tolerant, word-bounded."""
    alts = sorted({p for p in phrases if p}, key=lambda p: (-len(p), p))
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in alts)
    return rf"(?<![\w-])(?:{body})(?![\w-])"


def _build_persons(data: NumbersData) -> dict[str, _Person]:
    persons: dict[str, _Person] = {}

    def add(word: str, canon: str, klass: str, singular: bool, plural: bool) -> None:
        old = persons.get(word)
        if old:
            singular, plural = singular or old.singular, plural or old.plural
        persons[word] = _Person(canon, klass, singular, plural)

    for p in data.persons:
        pl = p.plural.split()[-1]
        sg = p.singular.split()[-1] if p.singular else ""
        if sg:
            add(sg, pl, p.klass, True, sg == pl)
        add(pl, pl, p.klass, sg == pl, True)
    return persons


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = load_numbers_data()
    words = {**data.units, **data.tens}
    triggers: dict[str, list[tuple[str, str]]] = {}
    for qty, forms in data.quantities.items():
        for role, phrases in (("active", forms.active), ("passive", forms.passive), ("noun", forms.noun)):
            for ph in phrases:
                triggers.setdefault(" ".join(ph.split()), []).append((qty, role))
    for b in data.bodies:
        triggers.setdefault(b, []).append(("killed", "body"))
    for ph, qty in data.resultatives.items():
        triggers.setdefault(" ".join(ph.split()), []).append((qty, "resultative"))
    trigger_re = IndexedSearch(re.compile(_phrase_regex(list(triggers)), re.IGNORECASE), max_keys=128)
    phrase_tables = [data.fixed, data.vague, data.qualifiers]
    max_phrase = max(len(k.split()) for t in phrase_tables for k in t)
    return _Lexicon(
        words=words,
        scales=dict(data.scales),
        fixed={_phrase_key(k): v for k, v in data.fixed.items()},
        vague={_phrase_key(k): v for k, v in data.vague.items()},
        qualifiers={_phrase_key(k): v for k, v in data.qualifiers.items()},
        indefinite={_phrase_key(k): 1 for k in data.indefinite},
        definite=frozenset(data.definite),
        not_people=frozenset(data.not_people),
        persons=_build_persons(data),
        pronouns=frozenset(data.person_pronouns),
        titles=frozenset(data.titles),
        bodies=frozenset(data.bodies),
        discovery=frozenset(data.discovery),
        cause_noun=frozenset(data.cause_before_noun),
        cause_verb=frozenset(_phrase_key(p) for p in data.cause_before_verb),
        trigger_re=trigger_re,
        triggers=triggers,
        max_phrase=max(max_phrase, 4),
    )


def who_class(who: str) -> str:
    """Class of a ``Count.who`` ("civilians", "security", "fighters", "officials"; "" unknown or mixed)."""
    lex = _lexicon()
    classes = {lex.persons[w.strip()].klass for w in who.split(",") if w.strip() in lex.persons}
    classes.discard("")
    return classes.pop() if len(classes) == 1 else ""


# ------------------------------------------------------------------------------------------ tokens


@dataclass(slots=True)
class _Tokens:
    text: list[str]
    low: list[str]
    start: list[int]
    end: list[int]
    passive_at: frozenset[int] = frozenset()  # token indices where a passive casualty predicate starts
    in_trigger: frozenset[int] = frozenset()  # token indices covered by any casualty trigger

    def __len__(self) -> int:
        return len(self.text)


def _tokenize(text: str, start: int, end: int) -> _Tokens:
    toks = _Tokens([], [], [], [])
    for m in _TOKEN.finditer(text, start, end):
        t = m.group()
        toks.text.append(t)
        toks.low.append(t.lower().replace("’", "'"))
        toks.start.append(m.start())
        toks.end.append(m.end())
    return toks


def _is_punct(tok: str) -> bool:
    return len(tok) == 1 and not tok.isalnum()


# ------------------------------------------------------------------------------------ number parsing


@dataclass(slots=True)
class _Chunk:
    i: int  # first token
    j: int  # one past the last token
    low: int
    high: int | None
    best: int
    qualifier: str
    kind: str  # num | vague | indef | def


def _digits_value(tok: str) -> int | None:
    m = _DIGITS.match(tok)
    if not m:
        return int(tok.replace(".", "")) if _EURO_THOUSANDS.match(tok) else None
    if m.group(2) is not None:
        return None  # a decimal alone is not a count of people
    return int(m.group(1).replace(",", ""))


def _decimal_value(tok: str) -> float | None:
    try:
        return float(tok.replace(",", "")) if _DECIMAL.fullmatch(tok) else None
    except ValueError:
        return None


def _words_value(words: list[str]) -> int | None:
    lex = _lexicon()
    total = current = 0
    seen = False
    for w in words:
        if w == "and":
            continue
        if w in lex.words:
            current += lex.words[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in lex.scales:
            total += max(current, 1) * lex.scales[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _match_phrase(low: list[str], k: int, n: int, table: dict[tuple[str, ...], object]) -> tuple[int, object] | None:
    """Longest phrase of ``table`` starting at token k: (length, value)."""
    lex = _lexicon()
    for size in range(min(lex.max_phrase, n - k), 0, -1):
        key = tuple(low[k : k + size])
        if key in table:
            return size, table[key]
    return None


def _is_number_word(w: str) -> bool:
    lex = _lexicon()
    return w in lex.words or ("-" in w and all(p in lex.words for p in w.split("-")))


def _numeric_at(tk: _Tokens, k: int, n: int) -> tuple[int, int | None, int] | None:
    """An exact number at token k: (low, high, end) — digits, words, "2-3", "1.5 million"."""
    if k >= n:
        return None
    lex = _lexicon()
    tok = tk.low[k]
    if tok[0].isdigit():
        m = _DIGIT_RANGE.match(tok)
        if m:
            a, b = _digits_value(m.group(1)), _digits_value(m.group(2))
            if a is not None and b is not None and a <= b:
                return a, b, k + 1
            return None
        if k + 1 < n and tk.low[k + 1] in lex.scales:
            d = _decimal_value(tok)
            if d is not None:
                v = int(round(d * lex.scales[tk.low[k + 1]]))
                return v, v, k + 2
        v = _digits_value(tok)
        return (v, v, k + 1) if v is not None else None
    words: list[str] = []
    j = k
    while j < n:
        w = tk.low[j]
        if w in lex.words or w in lex.scales:
            words.append(w)
        elif "-" in w and all(p in lex.words for p in w.split("-")):
            words.extend(w.split("-"))
        elif w == "and" and words and words[-1] in lex.scales and j + 1 < n and _is_number_word(tk.low[j + 1]):
            words.append(w)
        else:
            break
        j += 1
    if not words or words[0] in lex.scales:
        return None
    v = _words_value(words)
    return (v, v, j) if v is not None else None


def _not_a_count(tk: _Tokens, k: int, j: int, n: int) -> bool:
    """A digit number that is a date, year, time, ordinal or unit quantity rather than people."""
    lex = _lexicon()
    tok = tk.low[k]
    if not tok[0].isdigit():
        nxt = tk.low[j] if j < n else ""
        return nxt in lex.not_people and nxt not in lex.persons
    if _ORDINAL_OR_DECADE.search(tok) or _LOWER_LETTER.search(tok.split("-")[-1] if "-" in tok else ""):
        return True
    prev = tk.low[k - 1] if k > 0 else ""
    nxt = tk.low[j] if j < n else ""
    if prev in _MONTHS or nxt in _MONTHS or prev == "/" or nxt in ("/", ":", "%"):
        return True
    if prev == ":" and k >= 2 and tk.low[k - 2][:1].isdigit():
        return True  # 10:30
    if nxt in lex.not_people and nxt not in lex.persons:
        return True
    if _YEAR_NUMBER.fullmatch(tok):
        return nxt not in lex.persons  # a year unless "2000 people"
    return False


def _value_at(tk: _Tokens, k: int, n: int) -> _Chunk | None:
    """A quantity (exact, vague, indefinite or definite) starting at token k, without qualifier."""
    lex = _lexicon()
    if k >= n:
        return None
    m = _match_phrase(tk.low, k, n, lex.fixed)
    if m:
        return _Chunk(k, k + m[0], m[1], m[1], m[1], "exact", "num")  # type: ignore[arg-type]
    m = _match_phrase(tk.low, k, n, lex.vague)
    if m and not (tk.low[k] == "some" and _numeric_at(tk, k + 1, n)):
        v: VagueValue = m[1]  # type: ignore[assignment]
        return _Chunk(k, k + m[0], v.low, v.high, v.best, "vague", "vague")
    num = _numeric_at(tk, k, n)
    if num:
        lo, hi, j = num
        if _not_a_count(tk, k, j, n):
            return None
        if j + 1 < n and tk.low[j] in ("to", "or", "-", "–"):
            nxt = _numeric_at(tk, j + 1, n)
            if nxt and nxt[0] > hi and not _not_a_count(tk, j + 1, nxt[2], n):
                return _Chunk(k, nxt[2], lo, nxt[1], lo, "range", "num")
        return _Chunk(k, j, lo, hi, lo, "exact" if lo == hi else "range", "num")
    m = _match_phrase(tk.low, k, n, lex.indefinite)
    if m:
        return _Chunk(k, k + m[0], 1, 1, 1, "exact", "indef")
    if tk.low[k] in lex.definite:
        return _Chunk(k, k + 1, 1, 1, 1, "exact", "def")
    return None


def _apply_qualifier(ch: _Chunk, q: str) -> _Chunk:
    if q in ("at least", "more than"):
        ch.high = None
    elif q == "up to":
        ch.low = min(ch.low, 1)
    if q and q != "exact":
        ch.qualifier = q
    return ch


def _chunk_at(tk: _Tokens, k: int, n: int) -> _Chunk | None:
    """A quantity with its qualifier ("at least 13", "between 2 and 4", "dozens of", "a")."""
    lex = _lexicon()
    if k >= n:
        return None
    q = _match_phrase(tk.low, k, n, lex.qualifiers)
    if q:
        inner = _chunk_at(tk, k + q[0], n)
        if inner and inner.kind in ("num", "vague"):
            inner.i = k
            return _apply_qualifier(inner, q[1])  # type: ignore[arg-type]
    if tk.low[k] == "either":
        inner = _value_at(tk, k + 1, n)
        if inner and inner.qualifier == "range":
            inner.i = k
            return inner
        return None
    if tk.low[k] == "between":
        a = _numeric_at(tk, k + 1, n)
        if a and a[2] + 1 < n and tk.low[a[2]] in ("and", "to", "-", "–"):
            b = _numeric_at(tk, a[2] + 1, n)
            if b and b[0] >= a[0] and not _not_a_count(tk, a[2] + 1, b[2], n):
                return _Chunk(k, b[2], a[0], b[1], a[0], "range", "num")
        return None
    return _value_at(tk, k, n)


def parse_number(s: str) -> tuple[int, int | None, str] | None:
    """Parse a stated quantity: "1,500", "1.5 million", "twenty-three", "2-3", "at least 5", "dozens".

    Returns (low, high, qualifier) with high None when open-ended; qualifier is "exact", "range",
    "vague" or the normalised qualifier ("at least", "more than", "about", "nearly", "up to").
    """
    tk = _tokenize(s, 0, len(s))
    n = len(tk)
    while n and _is_punct(tk.low[n - 1]) and tk.low[n - 1] not in ("%",):
        n -= 1
    if not n:
        return None
    ch = _chunk_at(tk, 0, n)
    if ch is None or ch.j != n or ch.kind in ("indef", "def"):
        return None
    return ch.low, ch.high, ch.qualifier


# --------------------------------------------------------------------------------- noun phrases


@dataclass(slots=True)
class _NP:
    i: int
    j: int
    low: int
    high: int | None
    best: int
    qualifier: str
    who: list[str]
    subset: bool = False
    blocked: bool = False  # coordinated with an NP that is an object or a subset: not a subject list


def _person(tok: str) -> _Person | None:
    lex = _lexicon()
    p = lex.persons.get(tok)
    if p is None and (tok.endswith("'s") or tok.endswith("'")):
        p = lex.persons.get(tok.rstrip("s").rstrip("'"))
    return p


def _breaks_np(tok: str) -> bool:
    return (_is_punct(tok) and tok not in _QUOTES and tok not in _DASHES) or tok in _STOP


def _head_right(tk: _Tokens, k: int, n: int) -> tuple[int, _Person | None, int]:
    """The person head of the NP whose modifiers start at k: (head index or -1, person, fallback).

    fallback is the index of the last word of the NP when no person noun heads it (-1 if none): an
    indefinite victim with an unlisted noun ("killed a suspected rapist").
    """
    lex = _lexicon()
    window: list[int] = []
    j = k
    while j < n and len(window) < 6 and not _breaks_np(tk.low[j]) and tk.low[j] not in ("of", "the"):
        if _chunk_here(tk, j, n):
            break
        if j in tk.in_trigger and not (j + 1 < n and _person(tk.low[j + 1])):
            break
        window.append(j)
        j += 1
    for idx, t in enumerate(window):
        p = _person(tk.low[t])
        if p is None and tk.low[t] not in lex.pronouns:
            continue
        last = idx == len(window) - 1
        nxt = tk.low[window[idx + 1]] if not last else ""
        if last or nxt.endswith(("ed", "ing")) or _person(nxt) or nxt in _QUOTES:
            if not last and _person(nxt):
                continue  # "personnel commander": keep the later noun
            return t, _person(tk.low[t]), -1
    fallback = -1
    if window:
        t = window[-1]
        if tk.low[t].isalpha() and tk.low[t] not in lex.not_people and len(tk.low[t]) > 2:
            fallback = t
        loose = [t for t in window if _person(tk.low[t])]
        if loose and loose[-1] == window[-2 if len(window) > 1 else -1]:
            return -1, _person(tk.low[loose[-1]]), loose[-1]  # "8 militants overnight": a person, then one word
    return -1, None, fallback


def _chunk_here(tk: _Tokens, j: int, n: int) -> bool:
    t = tk.low[j]
    return (t[0].isdigit() or _lexicon().words.get(t) is not None) and _chunk_at(tk, j, n) is not None


def _valid_head(ch: _Chunk, head: int, person: _Person | None, tk: _Tokens) -> bool:
    """Indefinite/definite quantities need a singular person head ("a soldier"); numbers do not."""
    if ch.kind not in ("indef", "def"):
        return True
    if head < 0:
        return ch.kind == "indef" and tk.low[ch.i] == "another"
    return person is not None and person.singular


def _skip_pp(tk: _Tokens, k: int, n: int) -> int:
    """Skip a short prepositional complement ("of the National Police Forces")."""
    if k >= n or tk.low[k] not in ("of", "from"):
        return k
    j = k + 1
    limit = min(n, k + 8)
    while j < limit and tk.low[j] not in ("and", "or", "who", "which", "that", "when", "while", "as") and not (
        _is_punct(tk.low[j]) and tk.low[j] not in _QUOTES and tk.low[j] not in _DASHES
    ):
        j += 1
    return j


def _np_right(tk: _Tokens, k: int, n: int, depth: int = 0) -> _NP | None:
    """A victim NP starting at token k: "at least 13 civilians", "five children and two women"."""
    lex = _lexicon()
    if k >= n:
        return None
    if tk.low[k] in lex.definite and k + 1 < n:
        inner = _chunk_at(tk, k + 1, n)
        if inner and inner.kind in ("num", "vague"):
            k += 1
    if tk.low[k] in lex.titles and k + 1 < n and tk.text[k + 1][:1].isupper():
        j = k + 2 if k + 2 < n and tk.low[k + 1] == "." else k + 1
        return _NP(k, j + 1, 1, 1, 1, "exact", [])
    ch = _chunk_at(tk, k, n)
    if ch is None:
        return None
    j = ch.j
    if j < n and tk.low[j] == "of":
        j += 1
        if j < n and tk.low[j] in ("the", "its", "their", "his", "her", "those", "these"):
            j += 1
    head, person, fallback = _head_right(tk, j, n)
    if head < 0 and person is not None and ch.kind in ("num", "vague"):
        head = fallback
    elif head < 0 and person is not None:
        person = None
    if head < 0 and fallback >= 0 and ch.kind == "indef" and tk.low[ch.i] != "another" and depth == 0:
        head = fallback  # "killed a suspected rapist": an unlisted noun after "a" is still one victim
        return _NP(ch.i, head + 1, 1, 1, 1, "exact", [])
    if not _valid_head(ch, head, person, tk):
        return None
    if ch.kind == "num" and head < 0 and j < n and tk.low[j] in lex.not_people:
        return None
    end = head + 1 if head >= 0 else ch.j
    who = [person.canon] if person else []
    np_ = _NP(ch.i, end, ch.low, ch.high, ch.best, ch.qualifier, who)
    if depth < 4:
        _extend_list_right(tk, np_, n, depth)
    return np_


def _extend_list_right(tk: _Tokens, np_: _NP, n: int, depth: int) -> None:
    p = _skip_pp(tk, np_.j, n)
    if p < n and tk.low[p] == ",":
        p += 1
    if p < n and tk.low[p] in ("and", "plus"):
        p += 1
    elif p + 2 < n and tk.low[p : p + 3] in (["as", "well", "as"], ["in", "addition", "to"]):
        p += 3
    elif p + 1 < n and tk.low[p : p + 2] in (["along", "with"], ["together", "with"]):
        p += 2
    else:
        return
    nxt = _np_right(tk, p, n, depth + 1)
    if nxt is None or (nxt.who == [] and _chunk_at(tk, p, n).kind in ("indef", "def")):  # type: ignore[union-attr]
        return
    q = nxt.j
    while q < n and tk.low[q] in _ADV:
        q += 1
    if q < n and (tk.low[q] in _AUX or tk.low[q] in ("who", "which")):
        return  # "... and 3 civilians were wounded": a new clause
    if q in tk.passive_at:
        return
    _merge_np(np_, nxt)


def _merge_np(a: _NP, b: _NP) -> None:
    """Add NP b (coordinated with a) into a; who stays in text order."""
    first, second = (a, b) if a.i <= b.i else (b, a)
    who = list(first.who) + [w for w in second.who if w not in first.who]
    a.j = max(a.j, b.j)
    a.i = min(a.i, b.i)
    a.low += b.low
    a.best += b.best
    a.high = None if a.high is None or b.high is None else a.high + b.high
    a.who = who
    a.qualifier = _merge_qualifier(a.qualifier, b.qualifier)


def _merge_qualifier(a: str, b: str) -> str:
    for q in ("vague", "at least", "more than", "about", "nearly", "up to", "range"):
        if q in (a, b):
            return q
    return "exact"


def _skip_paren_left(tk: _Tokens, j: int, lo: int) -> int | None:
    """If token j closes a parenthetical (", including two women," / "(...)"), the index before it."""
    close = tk.low[j]
    want = "(" if close == ")" else ","
    for o in range(j - 1, max(lo, j - 14) - 1, -1):
        if tk.low[o] == want:
            inner = tk.low[o + 1] if o + 1 < j else ""
            if close == ")" or inner in _PAREN_START or inner.endswith("ing") or inner in ("a", "an", "the") or (
                j - o - 1 <= 3
            ):
                return o - 1
            return None
        if tk.low[o] in (".", ";", ":") or (close == ")" and tk.low[o] == ")"):
            return None
    return None


def _np_internal(tk: _Tokens, idx: int) -> bool:
    """Can token idx sit inside a victim NP (between its quantity and its end)?"""
    if idx in tk.in_trigger and not (idx + 1 < len(tk) and _person(tk.low[idx + 1])):
        return False
    tok = tk.low[idx]
    nxt_text = tk.text[idx + 1] if idx + 1 < len(tk) else ""
    if tk.text[idx][:1].isupper() and idx > 0 and not _is_punct(tk.low[idx - 1]):
        return True  # names and acronyms: "Taliban and IS militants", "US troops"
    if tok in _QUOTES or tok in _DASHES:
        return True
    if tok == "and":
        return nxt_text[:1].isupper() or (_person(nxt_text.lower()) is not None and not nxt_text[:1].isdigit())
    if tok in ("of", "the", "from", "'s", "in", "at"):
        return True
    return not _breaks_np(tok)


def _np_left(tk: _Tokens, j: int, lo: int, depth: int = 0) -> _NP | None:
    """A victim NP ending at token j (inclusive): "2 members of the 4th Division", "a civilian"."""
    if j < lo:
        return None
    if tk.low[j] in (",", ")"):
        jj = _skip_paren_left(tk, j, lo)
        if jj is None:
            return None
        j = jj
    for k in range(j, max(lo, j - 12) - 1, -1):
        t = tk.low[k]
        if k < j and not _np_internal(tk, k + 1):
            if not _chunk_here(tk, k + 1, j + 1):
                return None
        if not (t[0].isdigit() or t in _lexicon().words or t in _CHUNK_STARTERS()):
            continue
        np_ = _np_from_chunk(tk, k, j, lo, depth)
        if np_ is not None and np_.subset and np_.i - 2 >= lo and tk.low[np_.i - 1] in ("including", "among"):
            outer = _np_left(tk, np_.i - 2, lo, depth + 1)  # "12 militants including 2 commanders"
            if outer is not None and not outer.subset and outer.j == np_.i - 1:
                outer.j = j + 1
                return outer
        if np_ is not None:
            return np_
        if _chunk_at(tk, k, j + 1) is not None and tk.low[k] not in _lexicon().definite:
            return None  # the nearest quantity does not fit: do not reach further back
    return None


@lru_cache(maxsize=1)
def _CHUNK_STARTERS() -> frozenset[str]:  # noqa: N802 - cached constant
    lex = _lexicon()
    starters = {k[0] for k in lex.fixed} | {k[0] for k in lex.vague} | {k[0] for k in lex.qualifiers}
    starters |= {k[0] for k in lex.indefinite} | set(lex.definite) | {"between"}
    return frozenset(starters)


def _np_from_chunk(tk: _Tokens, k: int, j: int, lo: int, depth: int) -> _NP | None:
    ch = _chunk_at(tk, k, j + 1)
    if ch is None or ch.j > j + 1:
        return None
    for k2 in range(max(lo, k - 4), k):  # widen to "at least 12", "between 43 and 52"
        wide = _chunk_at(tk, k2, j + 1)
        if wide and wide.j >= ch.j and wide.kind in ("num", "vague"):
            ch, k = wide, k2
            break
    if k > 0 and tk.low[k - 1] in _NO_WORDS:
        return None
    m = ch.j
    if m <= j and tk.low[m] == "of":
        m += 1
        if m <= j and tk.low[m] in ("the", "its", "their", "his", "her", "those", "these", "whom"):
            m += 1
    # head: last person noun before any prepositional complement
    head = -1
    q = m
    while q <= j and tk.low[q] not in _PP_START:
        if _person(tk.low[q]) or tk.low[q] in _lexicon().pronouns:
            head = q
        q += 1
    if head < 0 and ch.kind == "indef" and tk.low[ch.i] != "another" and q - 1 >= m and depth == 0:
        last = tk.low[q - 1]
        if last.isalpha() and len(last) > 2 and last not in _lexicon().not_people and not _breaks_np(last):
            return _NP(ch.i, j + 1, 1, 1, 1, "exact", [], k > 0 and tk.low[k - 1] in _SUBSET_BEFORE)
    if q <= j and head < 0 and ch.kind in ("indef", "def"):
        return None
    if q > j and head >= 0 and head != j and ch.kind in ("indef", "def"):
        if not all(tk.low[x] in _QUOTES for x in range(head + 1, j + 1)):
            return None
    person = _person(tk.low[head]) if head >= 0 else None
    if not _valid_head(ch, head, person, tk):
        return None
    if ch.kind == "num" and head < 0 and m <= j:
        if any(_lexicon().not_people.__contains__(tk.low[x]) for x in range(m, j + 1)):
            return None
    subset = k > 0 and tk.low[k - 1] in _SUBSET_BEFORE
    np_ = _NP(ch.i, j + 1, ch.low, ch.high, ch.best, ch.qualifier, [person.canon] if person else [], subset)
    if depth < 4 and not subset:
        _extend_list_left(tk, np_, lo, depth)
    return np_


def _extend_list_left(tk: _Tokens, np_: _NP, lo: int, depth: int) -> None:
    p = np_.i - 1
    if p >= lo and tk.low[p] in ("his", "her", "their", "its", "the") and tk.low[np_.i] not in _lexicon().definite:
        p -= 1  # "... and his 2 bodyguards"
    if p < lo:
        return
    if tk.low[p] in ("and", "plus"):
        p -= 1
        if p >= lo and tk.low[p] == ",":
            p -= 1
    elif tk.low[p] == ",":
        p -= 1
    else:
        return
    if p < lo or tk.low[p] in (",", ")"):
        return
    prev = _np_left(tk, p, lo, depth + 1)
    if prev is None or prev.j != p + 1:
        return
    before = tk.low[prev.i - 1] if prev.i - 1 >= lo else ""
    if prev.subset or prev.blocked or (
        before and not (_is_punct(before) or before in ("and", "while", "when", "as", "but", "whereas"))
    ):
        np_.blocked = True  # the earlier NP is an object ("including one raider and two children")
        return
    _merge_np(np_, prev)


# ------------------------------------------------------------------------------------------ triggers

@dataclass(slots=True)
class _Trigger:
    i: int  # first token
    j: int  # one past last token
    forms: list[tuple[str, str]]  # (quantity, role)


@lru_cache(maxsize=1)
def _triggers_by_first_word() -> dict[str, re.Pattern[str]] | None:
    """First word (lower case) of the casualty phrases -> the trigger regex of just the phrases that start
    with it (same order, same bounds); None if a phrase word is not plain ASCII letters."""
    groups: dict[str, list[str]] = {}
    for phrase in _lexicon().triggers:
        words = phrase.lower().split()
        if not all(_LETTERS.fullmatch(w) for w in words):
            return None
        groups.setdefault(words[0], []).append(phrase)
    return {w: re.compile(_phrase_regex(phrases), re.IGNORECASE) for w, phrases in groups.items()}


def _trigger_matches(text: str, start: int, end: int) -> list[re.Match[str]]:
    r"""Exactly ``list(_lexicon().trigger_re.finditer(text, start, end))``, found from the window's words.

    In a window without İ ı ſ K a phrase can only match where a run of [a-z] of the lower-cased window
    is its first word (the regex has (?<![\w-]) before it and \s+ or (?![\w-]) after it), and there only
    the phrases starting with that word can match: they are tried there, leftmost first, never inside an
    earlier match, as ``finditer`` does.
    """
    segment = text[start:end]
    by_first = _triggers_by_first_word()
    if by_first is None or folds_to_ascii(segment):
        return list(_lexicon().trigger_re.finditer(text, start, end))
    out: list[re.Match[str]] = []
    after = start
    for run in _LETTERS.finditer(segment.lower()):
        rx = by_first.get(run.group())
        if rx is None or start + run.start() < after:
            continue
        m = rx.match(text, start + run.start(), end)
        if m is not None:
            out.append(m)
            after = m.end()
    return out


def _find_triggers(text: str, tk: _Tokens, matches: list[re.Match[str]]) -> list[_Trigger]:
    lex = _lexicon()
    out: list[_Trigger] = []
    for m in matches:
        i = bisect.bisect_left(tk.start, m.start())
        j = bisect.bisect_left(tk.start, m.end())
        if i >= len(tk) or tk.start[i] != m.start():
            continue
        key = " ".join(m.group().lower().replace("’", "'").split())
        out.append(_Trigger(i, j, list(lex.triggers.get(key, []))))
    return out


def _roles(tr: _Trigger, role: str) -> list[str]:
    return [q for q, r in tr.forms if r == role]


def _compound(triggers: list[_Trigger], idx: int, tk: _Tokens) -> tuple[_Trigger, int]:
    """Join "killed and wounded" into one killed_or_injured trigger: (trigger, triggers consumed)."""
    tr = triggers[idx]
    if idx + 1 >= len(triggers):
        return tr, 1
    nxt = triggers[idx + 1]
    if nxt.i != tr.j + 1 or tk.low[tr.j] not in ("and", "or", "&", "/"):
        return tr, 1
    qs = {q for q, _ in tr.forms}
    nqs = {q for q, _ in nxt.forms}
    if {"killed", "injured"} <= qs | nqs and not qs & nqs:
        roles = {r for _, r in tr.forms} & {r for _, r in nxt.forms}
        forms = [("killed_or_injured", r) for r in sorted(roles)]
        if forms:
            return _Trigger(tr.i, nxt.j, forms), 2
    return tr, 1


def _left_of_predicate(tk: _Tokens, i: int, lo: int) -> tuple[int, bool]:
    """Walk left from a participle over adverbs, auxiliaries and chained participles."""
    k = i - 1
    aux = False
    steps = 0
    while k >= lo and steps < 8:
        t = tk.low[k]
        if t in _AUX:
            aux = True
        elif t in _ADV or t in _CHAIN or (t.endswith("ed") and not aux and steps < 4):
            pass  # "were found handcuffed and killed", "was shot and later died"
        elif t == "," and k - 1 >= lo and tk.low[k - 1].endswith("ed") and not aux:
            pass  # "was kidnapped, murdered and buried"
        elif t in _TIME_WORDS and not aux:
            pass  # "were on Saturday morning killed"
        elif t.endswith("ly") and len(t) > 4:
            pass
        else:
            break
        k -= 1
        steps += 1
    if k >= lo and tk.low[k] in ("who", "that") and k > lo:
        k -= 1
        if tk.low[k] == "," and k > lo:
            k -= 1  # "one gang member, who died later"
    return k, aux


def _link_trigger(tk: _Tokens, tr: _Trigger, lo: int, n: int) -> tuple[str, _NP] | None:
    """Victim NP and quantity of one trigger, trying passive, active, noun and body readings."""
    passive = _roles(tr, "passive")
    active = _roles(tr, "active")
    noun = _roles(tr, "noun")
    body = _roles(tr, "body")
    if body:
        return _link_body(tk, tr, lo, n)
    result = _roles(tr, "resultative")
    if result:
        np_ = _np_left(tk, tr.i - 1, lo) if tr.i - 1 >= lo else None
        if np_ and np_.j == tr.i and np_.i - 1 >= lo and tk.low[np_.i - 1] not in _AUX:
            return result[0], np_
        return None
    if _is_cause(tk, tr, lo):
        return None
    k, aux = _left_of_predicate(tk, tr.i, lo)
    if passive and aux and active and not any(t in _AUX - _HEDGES for t in tk.low[k + 1 : tr.i]):
        np_ = _np_right(tk, tr.j, n)
        if np_:
            return active[0], np_  # "soldiers reportedly gunned down four youths": a hedge is no auxiliary
    if passive and aux:
        np_ = _np_left(tk, k, lo)
        if np_:
            return passive[0], np_
    if active and tr.i >= 2 and tk.low[tr.i - 1] == "to" and tk.low[tr.i - 2] in _IRREALIS:
        return None  # "an attempt to assassinate the commander": nobody was killed
    if active:
        r = tr.j
        if r < n and tk.low[r] == "of":
            r += 1
        np_ = _np_right(tk, r, n)
        if np_:
            return active[0], np_
    if passive and not aux and tr.i > lo and tk.low[tr.i - 1] not in ("the",):
        np_ = _np_left(tk, k, lo)
        if np_:
            return passive[0], np_
    if noun:
        return _link_noun(tk, tr, noun[0], lo, n)
    return None


_SKIP_BEFORE_NOUN = frozenset("the a an of alleged recent brutal reported suspected apparent his her their its".split())


def _is_cause(tk: _Tokens, tr: _Trigger, lo: int) -> bool:
    """Is the casualty a cause of the event told ("protest the killing of", "accused of killing")?"""
    lex = _lexicon()
    nominal = any(r == "noun" for _, r in tr.forms) or (tr.j < len(tk) and tk.low[tr.j] == "of")
    if nominal:
        k = tr.i - 1
        while k >= lo and k >= tr.i - 4 and tk.low[k] in _SKIP_BEFORE_NOUN:
            k -= 1
        if k >= lo and tk.low[k] in lex.cause_noun:
            return True
    end = tr.i - 1 if tr.i - 1 >= lo and tk.low[tr.i - 1] == "having" else tr.i
    for size in (1, 2, 3):
        if end - size >= lo and tuple(tk.low[end - size : end]) in lex.cause_verb:
            return True
    return False


def _link_noun(tk: _Tokens, tr: _Trigger, qty: str, lo: int, n: int) -> tuple[str, _NP] | None:
    low = " ".join(tk.low[tr.i : tr.j])
    if low == "death toll":
        for k in range(tr.j, min(n, tr.j + 7)):
            if tk.low[k] in (".", ";", ","):
                break
            ch = _chunk_at(tk, k, n)
            if ch and ch.kind in ("num", "vague"):
                return qty, _NP(ch.i, ch.j, ch.low, ch.high, ch.best, ch.qualifier, [])
        return None
    if tr.j + 1 < n and tk.low[tr.j] == "of" and low != "lives":
        np_ = _np_right(tk, tr.j + 1, n)
        if np_:
            return qty, np_
    # "7 deaths", "dozens of injuries", "3 civilian deaths"
    for k in range(tr.i - 1, max(lo, tr.i - 4) - 1, -1):
        t = tk.low[k]
        if _breaks_np(t) and t != "of":
            break
        ch = _chunk_at(tk, k, tr.i)
        if ch and ch.kind in ("num", "vague") and ch.j >= tr.i - 2:
            if k > 0 and tk.low[k - 1] in _NO_WORDS:
                return None
            if low == "lives" and k > 0 and tk.low[k - 1].startswith("sav"):
                return None
            subset = k > 0 and tk.low[k - 1] in _SUBSET_BEFORE
            return qty, _NP(ch.i, tr.j, ch.low, ch.high, ch.best, ch.qualifier, [], subset)
    return None


def _link_body(tk: _Tokens, tr: _Trigger, lo: int, n: int) -> tuple[str, _NP] | None:
    lex = _lexicon()
    window = tk.low[max(lo, tr.i - 8) : min(n, tr.j + 14)]
    if not any(w in lex.discovery for w in window):
        return None
    if tr.j + 1 < n and tk.low[tr.j] == "of":
        np_ = _np_right(tk, tr.j + 1, n)
        if np_:
            return "killed", np_
    if tr.i - 1 >= lo and (tk.low[tr.i - 1].endswith("'s") or tk.low[tr.i - 1].endswith("'")):
        np_ = _np_left(tk, tr.i - 1, lo)
        if np_:
            np_.j = tr.j
            return "killed", np_
    for k in range(tr.i - 1, max(lo, tr.i - 4) - 1, -1):
        ch = _chunk_at(tk, k, tr.i)
        if ch and ch.j >= tr.i - 2 and ch.kind != "def":
            if k > 0 and tk.low[k - 1] in _NO_WORDS:
                return None
            return "killed", _NP(ch.i, tr.j, ch.low, ch.high, ch.best, ch.qualifier, [])
        if _breaks_np(tk.low[k]):
            break
    return None


# ---------------------------------------------------------------------------- negation and coding

@lru_cache(maxsize=1)
def _negation_res() -> tuple[re.Pattern[str], ...]:
    data = load_numbers_data()
    nouns = _phrase_regex(list(data.negation_nouns))
    lex = _lexicon()
    passive = _phrase_regex([p for p, forms in lex.triggers.items() if any(r == "passive" for _, r in forms)])
    persons = _phrase_regex(sorted(set(lex.persons)))
    flags = re.IGNORECASE
    return (
        re.compile(rf"\bneither\s+(?P<a>{nouns})\s+nor\s+(?P<b>{nouns})", flags),
        re.compile(
            rf"\bno\s+(?:(?:reported|known|immediate|further|civilian|other|serious|human|major|"
            rf"confirmed|official)\s+)*(?:(?:reports?|word|information|news)\s+(?:of|on|about)\s+(?:any\s+)?)?"
            rf"(?P<a>{nouns})(?:\s+(?:or|and|nor)\s+(?P<b>{nouns}))?",
            flags,
        ),
        re.compile(
            rf"\bwithout\s+(?:causing\s+|leaving\s+|any\s+|reported\s+)*(?P<a>{nouns})"
            rf"(?:\s+(?:or|and|nor)\s+(?P<b>{nouns}))?",
            flags,
        ),
        re.compile(
            rf"\b(?:no\s*-?\s*one|nobody|none|no\s+(?:[\w-]+\s+){{0,2}}?{persons})\s+"
            rf"(?:(?:was|were|is|are|has|have|had|been|being|reportedly|also|seriously)\s+)*(?P<p>{passive})",
            flags,
        ),
        re.compile(
            rf"\b(?:were|was|are|is)\s+not\s+(?P<p>{passive})",
            flags,
        ),
    )


_CODED_TAIL = r"(?:\s*\((?:[^()]|\([^()]*\))*\))?"
_CODED = (
    re.compile(
        r"\b(?:unknown\s+|total\s+)?fatalities\s+(?:were\s+|are\s+|have\s+been\s+)?(?:coded|recorded)\s+"
        r"(?:as|to|at)\s+(?P<n>\d+)(?:\s+and\s+split\s+(?:between|across|over)\s+[^.;]*?\bwith\s+(?P<each>\d+)"
        r"\s+(?:fatalit\w+\s+)?coded\s+(?:to|for)\s+each)?" + _CODED_TAIL,
        re.IGNORECASE,
    ),
    re.compile(
        r"\bfatalities\s+(?:are\s+|were\s+|have\s+been\s+)?(?:split|spread|divided|distributed)\s+"
        r"(?:evenly\s+)?(?:over|across|between|among)\s+[\w\s]{1,40}?\((?P<n>\d+)(?:\s+each)?\)" + _CODED_TAIL,
        re.IGNORECASE,
    ),
    re.compile(r"\btotal\s+fatalities\s*(?:[:=]\s*|of\s+|(?=\d))(?P<n>\d+)\b" + _CODED_TAIL, re.IGNORECASE),
    re.compile(r"\b(?P<n>\d+)\s+fatalit(?:y|ies)\s+(?:were\s+)?coded\s+(?:for|to|at|in)\b[^.;]*", re.IGNORECASE),
    re.compile(r"\bwith\s+(?P<n>\d+)\s+fatalit(?:y|ies)\s+(?:coded\s+)?(?:to\s+|for\s+)?each\b", re.IGNORECASE),
)


_CODED_CUE = IndexedSearch(re.compile(r"fatalit", re.IGNORECASE))
_NEGATION_WORDS = frozenset({"no", "neither", "without", "not", "none", "nobody"})
"""The words that open a negated count ("no one was killed"): one of them is in every negation match."""
_NEGATION_CUE = IndexedSearch(re.compile(r"\b(?:" + "|".join(sorted(_NEGATION_WORDS)) + r")\b", re.IGNORECASE))


def _find_coded(text: str, start: int, end: int) -> list[Count]:
    if not _CODED_CUE.search(text, start, end):
        return []
    out: list[Count] = []
    taken: list[tuple[int, int]] = []
    for rx in _CODED:
        for m in rx.finditer(text, start, end):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            val = int(m.groupdict().get("each") or m.group("n"))
            taken.append((m.start(), m.end()))
            out.append(
                Count(val, val, val, "fatalities_coded", "", Span(m.start(), m.end(), m.group()), "coded")
            )
    return out


def _neg_quantities(word: str) -> list[str]:
    data = load_numbers_data()
    key = " ".join(word.lower().split())
    if key in data.negation_nouns:
        return list(data.negation_nouns[key])
    lex = _lexicon()
    return [q for q, _ in lex.triggers.get(key, [])][:1]


def _find_negations(text: str, start: int, end: int) -> list[Count]:
    if not _NEGATION_CUE.search(text, start, end):
        return []
    out: list[Count] = []
    taken: list[tuple[int, int]] = []
    for rx in _negation_res():
        for m in rx.finditer(text, start, end):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            qs: list[str] = []
            for g in ("a", "b", "p"):
                w = m.groupdict().get(g)
                if w:
                    qs.extend(q for q in _neg_quantities(w) if q not in qs)
            span = Span(m.start(), m.end(), m.group())
            for q in qs:
                out.append(Count(0, 0, 0, q, "", span, "exact", True))
    return out


# ---------------------------------------------------------------------------------------- public


def _clause_limits(tk: _Tokens) -> list[int]:
    """Token indices that start a sentence (after . ! ? ;)."""
    starts = [0]
    for k, t in enumerate(tk.low):
        if t in (".", "!", "?", ";") and k + 1 < len(tk):
            starts.append(k + 1)
    return starts


_PARTICLES = frozenset("of for up down to the into in out off away on by with".split())


@lru_cache(maxsize=1)
def _trigger_gate_words() -> frozenset[str] | None:
    """One word (lower case) of every casualty phrase, its last one that is not a particle ("lives" for
    "claimed the lives of"); None if a phrase word is not plain ASCII letters (then there is no gate)."""
    words = set()
    for phrase in _lexicon().triggers:
        parts = phrase.lower().split()
        if not all(_LETTERS.fullmatch(w) for w in parts):
            return None
        words.add(next((w for w in reversed(parts) if w not in _PARTICLES), parts[-1]))
    return frozenset(words)


def _possible(text: str, start: int, end: int) -> tuple[bool, bool, bool]:
    r"""May text[start:end] hold (coded fatalities, negated counts, casualty phrases)? True when unsure.

    Each answer is False only where the corresponding cue (``_CODED_CUE``, ``_NEGATION_CUE``, the
    trigger regex) cannot match, so skipping that part changes nothing. In a window without İ ı ſ K a
    case-insensitive match of ASCII letters is the same letters in the lower-cased window, and a word
    matched between non-letters (the cues' \b, the trigger regex's (?<![\w-]) ... \s+ ... (?![\w-]))
    is a whole run of [a-z] there: every word of a casualty phrase included.
    """
    segment = text[start:end]
    if folds_to_ascii(segment):
        return True, True, True
    low = segment.lower()
    words = set(_LETTERS.findall(low))
    gate = _trigger_gate_words()
    return (
        "fatalit" in low,
        not _NEGATION_WORDS.isdisjoint(words),
        gate is None or not gate.isdisjoint(words),
    )


def find_counts(text: str, start: int = 0, end: int | None = None) -> list[Count]:
    """Casualty statements in text[start:end], in text order (offsets into the whole text)."""
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    if start >= end:
        return []
    may_code, may_negate, may_count = _possible(text, start, end)
    if not (may_code or may_negate or may_count):
        return []
    coded = _find_coded(text, start, end) if may_code else []
    negs = _find_negations(text, start, end) if may_negate else []
    blocked = [(c.span.start, c.span.end) for c in coded + negs if c.span]
    counts = _positive_counts(text, start, end, blocked) if may_count else []
    out = coded + negs + counts
    out.sort(key=lambda c: (c.span.start if c.span else 0, c.quantity))
    return out


def _positive_counts(text: str, start: int, end: int, blocked: list[tuple[int, int]]) -> list[Count]:
    matches = _trigger_matches(text, start, end)
    if not matches:
        return []
    tk = _tokenize(text, start, end)
    triggers = _find_triggers(text, tk, matches)
    tk.passive_at = frozenset(t.i for t in triggers if any(r == "passive" for _, r in t.forms))
    tk.in_trigger = frozenset(k for t in triggers for k in range(t.i, t.j))
    return _link_all(text, tk, triggers, blocked)


def _link_all(text: str, tk: _Tokens, triggers: list[_Trigger], blocked: list[tuple[int, int]]) -> list[Count]:
    n = len(tk)
    limits = _clause_limits(tk)
    used: set[tuple[int, str]] = set()
    out: list[Count] = []
    idx = 0
    while idx < len(triggers):
        tr, step = _compound(triggers, idx, tk)
        idx += step
        a, b = tk.start[tr.i], tk.end[tr.j - 1]
        if any(x < b and a < y for x, y in blocked):
            continue
        lo = limits[bisect.bisect_right(limits, tr.i) - 1]
        hi_idx = bisect.bisect_right(limits, tr.i)
        hi = limits[hi_idx] if hi_idx < len(limits) else n
        linked = _link_trigger(tk, tr, lo, hi)
        if linked is None:
            continue
        qty, np_ = linked
        if (np_.i, qty) in used:
            continue
        used.add((np_.i, qty))
        s = min(tk.start[np_.i], a)
        e = max(tk.end[np_.j - 1], b)
        qual = "including" if np_.subset else np_.qualifier
        out.append(Count(np_.low, np_.high, np_.best, qty, ", ".join(np_.who), Span(s, e, text[s:e]), qual))
    return out
