"""Infer a publication date from an article's own text (when neither the document nor --meta gives one).

Rules (regex only, no dateparser; well under a millisecond per article):

(a) Explicit full dates ("February 2, 2020", "2 February 2020", "2nd of Feb. 2020", "2020-02-02").
    A date is ignored when a future cue stands just before it in its sentence ("will be held on ...",
    "scheduled for ...") or when it is *clearly historical*: the text mentions a later year.
(b) A weekday next to a day+month without a year ("On Sunday (December 1)", "Saturday, November 30",
    "Sunday 1 December") fixes the year. Candidate years are 1990..2035; the chosen year is the one that
    fits the most pairs and, among those, the *earliest year not before the latest year mentioned*
    (years named in an article are background or current, so publication is on or after them). Without
    any year in the text the weekday cycle is ambiguous and the rule does not fire; nor does it when no
    year from the latest mentioned one up to YEAR_MAX fits (inconsistent evidence). Pairs in December
    may belong to the year before the chosen one when the text also has January/February pairs.
(c) The publication date is the latest dated day found by (a) and (b): an article is published on or
    after the events it dates. One extra day is added when "the following day" / "the next day" /
    "a day later" refers back to that latest day, i.e. the nearest time expression before the phrase is
    the latest dated day itself.
(d) Only years, no day: no date is inferred (a year must not become a day-precision date); the year is
    available from :func:`infer_year` and in :class:`PubDateGuess.year`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

YEAR_MIN = 1990
YEAR_MAX = 2035

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip

_MONTH = (
    r"(?P<{g}>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![A-Za-z])"
)
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:19|20)\d\d)(?!\d)"
_WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SEP = r"(?:\s*,\s*|\s*\(\s*|\s+)(?:the\s+)?"


def _f(pattern: str, **groups: str) -> str:
    """Fill the named-group placeholders of a building block."""
    return pattern.format(**groups)


FULL_DATE = re.compile(
    r"\b(?=[JFMASOND0-9])(?:"
    + _f(_MONTH, g="m1") + r"\s+" + _f(_DAY, g="d1") + r"\s*,?\s+" + _f(_YEAR, g="y1")
    + r"|" + _f(_DAY, g="d2") + r"\s+(?:of\s+)?" + _f(_MONTH, g="m2") + r"\s*,?\s+" + _f(_YEAR, g="y2")
    + r"|(?P<y3>(?:19|20)\d\d)-(?P<m3>0[1-9]|1[0-2])-(?P<d3>0[1-9]|[12]\d|3[01])(?!\d)"
    + r")"
)  # fmt: skip
"""A day-precision date with its year."""

WEEKDAY_DATE = re.compile(
    r"\b(?=[MTWFSJAOND])(?:"
    + _WEEKDAY + _SEP + r"(?:" + _f(_MONTH, g="m1") + r"\s+" + _f(_DAY, g="d1")
    + r"|" + _f(_DAY, g="d2") + r"\s+(?:of\s+)?" + _f(_MONTH, g="m2") + r")"
    + r"|" + _f(_MONTH, g="m3") + r"\s+" + _f(_DAY, g="d3") + r"\s*\(\s*(?P<wd2>Monday|Tuesday|Wednesday"
    + r"|Thursday|Friday|Saturday|Sunday)\s*\)"
    + r")(?!\d)(?!\s*,?\s*(?:19|20)\d\d(?!\d))"
)  # fmt: skip
"""A weekday next to a day+month without a year."""

YEAR_MENTION = re.compile(r"(?P<y>[12][09]\d\d)(?![\w%]|[.,/-]\d)")
"""A candidate year (a fast scan: the preceding character is checked in Python, see _year_mentions)."""
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")
_NOT_BEFORE_YEAR = frozenset("$£€.,/-_")
_QUANTITY_BEFORE = re.compile(
    r"\b(?:some|about|around|nearly|almost|over|than|least|approximately|roughly|estimated|only|just"
    r"|up\s+to)\s*$",
    re.IGNORECASE,
)
_QUANTITY_AFTER = re.compile(
    r"\s+(?:people|persons|civilians|children|women|men|troops|soldiers|fighters|families|households"
    r"|residents|refugees|members|militants|rebels|protesters|casualties|dead|deaths|killed|injured"
    r"|wounded|homes|houses|buildings|tons|tonnes|km|kilometres|kilometers|metres|meters|miles|dollars"
    r"|euros|pounds|rounds|shells|rockets|missiles|strikes|airstrikes|attacks|cases|times|others)\b",
    re.IGNORECASE,
)
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|'ll|scheduled|slated|upcoming|deadline|expires?|due\s+(?:on|by|to\s+(?:be|take|start"
    r"|begin|end|expire))|set\s+(?:for|to\s+(?:be|take|start|begin|end))|planned\s+for|postponed\s+(?:to|until)"
    r"|next\s+(?:week|month|year))\b",
    re.IGNORECASE,
)
_FUTURE_WINDOW = 80
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[A-Z\"'\u201c\u2018(])|\n")
_FOLLOWING_DAY = re.compile(
    r"\b(?:the\s+(?:following|next)\s+day|a\s+day\s+later|one\s+day\s+later|the\s+day\s+after(?!\s+\w+(?:'s)?"
    r"\s+(?:attack|strike|bombing|raid|assault|offensive|clash|explosion)))\b",
    re.IGNORECASE,
)
_OTHER_ANCHOR = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|last\s+night"
    r"|this\s+morning)\b|\b(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\s+[0-3]?\d\b|\b[0-3]?\d\s+(?:January|February|March|April|May|June|July"
    r"|August|September|October|November|December)\b"
)


@dataclass(slots=True, frozen=True)
class DatedMention:
    """A day the text dates, where it says so, and how."""

    day: date
    start: int
    end: int
    rule: str  # explicit | weekday


@dataclass(slots=True, frozen=True)
class PubDateGuess:
    """The outcome of publication-date inference."""

    date: date | None
    evidence: str | None
    rule: str | None  # explicit | weekday | explicit+following-day | weekday+following-day | None
    year: int | None  # latest year the text mentions (the only information when date is None)


def infer_published(text: str) -> tuple[date | None, str | None]:
    """Publication date inferred from the text and a short evidence string, or ``(None, None)``."""
    guess = infer_publication(text)
    return guess.date, guess.evidence


def infer_year(text: str) -> int | None:
    """The latest plausible year (YEAR_MIN..YEAR_MAX, not in a future context) that the text mentions."""
    return _latest_year(text, explicit_dates(text))


def _latest_year(text: str, explicit: list[DatedMention]) -> int | None:
    """Latest of the plain year mentions and the years of explicit dates."""
    years = [y for y, _ in _year_mentions(text)]
    years.extend(m.day.year for m in explicit)
    return max(years, default=None)


def infer_publication(text: str) -> PubDateGuess:
    """Run rules (a)–(d) and explain the outcome."""
    explicit = explicit_dates(text)
    year = _latest_year(text, explicit)
    dated = [m for m in explicit if year is None or m.day.year >= year]
    dated.extend(weekday_dates(text, floor=year))
    if not dated:
        return PubDateGuess(None, None, None, year)
    latest = max(dated, key=lambda m: (m.day, -m.start))
    quote = _squash(text[latest.start : latest.end])
    evidence = f"'{quote}'" if latest.rule == "explicit" else f"'{quote}' fits {latest.day.year}"
    day, rule = latest.day, latest.rule
    following = _following_day(text, dated, latest)
    if following is not None:
        day += timedelta(days=1)
        rule += "+following-day"
        evidence += f"; '{_squash(following)}' after it: +1 day"
    return PubDateGuess(day, evidence, rule, year)


def explicit_dates(text: str) -> list[DatedMention]:
    """Day-precision dates with a year, excluding those announced as future."""
    out: list[DatedMention] = []
    if not _ANY_YEAR.search(text):
        return out
    for m in FULL_DATE.finditer(text):
        day = _full_date(m)
        if day is None or not YEAR_MIN <= day.year <= YEAR_MAX or _is_future(text, m.start()):
            continue
        out.append(DatedMention(day, m.start(), m.end(), "explicit"))
    return out


def weekday_dates(text: str, *, floor: int | None) -> list[DatedMention]:
    """Weekday+day+month mentions dated with the year that fits them (rule b); empty without a floor."""
    if floor is None or not any(name in text for name in _WEEKDAY_NAMES):
        return []
    pairs = [(m, p) for m in WEEKDAY_DATE.finditer(text) if (p := _pair(m)) and not _is_future(text, m.start())]
    if not pairs:
        return []
    cross = any(p[0] <= 2 for _, p in pairs) and any(p[0] == 12 for _, p in pairs)
    best = _best_year([p for _, p in pairs], floor=floor, cross=cross)
    if best is None:
        return []
    out = []
    for m, pair in pairs:
        day = _date_in(pair, best, cross=cross)
        if day is not None:
            end = m.end() + 1 if text.startswith(")", m.end()) and "(" in m.group(0) else m.end()
            out.append(DatedMention(day, m.start(), end, "weekday"))
    return out


def _best_year(pairs: list[tuple[int, int, int]], *, floor: int, cross: bool) -> int | None:
    """The year >= floor fitting most pairs (at least half of them); ties go to the earliest such year."""
    counts = Counter(pairs)
    scored: dict[int, int] = {}
    for y in range(max(floor, YEAR_MIN), YEAR_MAX + 1):
        n = sum(k for p, k in counts.items() if _date_in(p, y, cross=cross) is not None)
        if n and 2 * n >= len(pairs):
            scored[y] = n
    if not scored:
        return None
    top = max(scored.values())
    return min(y for y, n in scored.items() if n == top)


def _date_in(pair: tuple[int, int, int], year: int, *, cross: bool) -> date | None:
    """The pair's date in ``year`` (December pairs across New Year: maybe the year before) if the weekday fits."""
    month, day, weekday = pair
    for y in (year, year - 1) if cross and month == 12 else (year,):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if d.weekday() == weekday:
            return d
    return None


def _pair(m: re.Match[str]) -> tuple[int, int, int] | None:
    """(month, day, weekday) of a WEEKDAY_DATE match."""
    wd = m.group("wd") or m.group("wd2")
    month = m.group("m1") or m.group("m2") or m.group("m3")
    day = int(m.group("d1") or m.group("d2") or m.group("d3"))
    if not 1 <= day <= 31:
        return None
    return MONTHS[month.rstrip(".").lower()], day, WEEKDAYS[wd.lower()]


def _full_date(m: re.Match[str]) -> date | None:
    """The date of a FULL_DATE match, or None when the day does not exist."""
    if m.group("y3"):
        y, mo, d = int(m.group("y3")), int(m.group("m3")), int(m.group("d3"))
    else:
        y = int(m.group("y1") or m.group("y2"))
        mo = MONTHS[(m.group("m1") or m.group("m2")).rstrip(".").lower()]
        d = int(m.group("d1") or m.group("d2"))
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _year_mentions(text: str) -> list[tuple[int, int]]:
    """(year, offset) of plausible year mentions: not quantities, not in a future context."""
    out = []
    for m in YEAR_MENTION.finditer(text):
        y = int(m.group("y"))
        if not YEAR_MIN <= y <= YEAR_MAX:
            continue
        prev = text[m.start() - 1] if m.start() else " "
        if prev.isalnum() or prev in _NOT_BEFORE_YEAR:
            continue
        before = text[max(0, m.start() - 20) : m.start()]
        if _QUANTITY_BEFORE.search(before) or _QUANTITY_AFTER.match(text, m.end()):
            continue
        if _is_future(text, m.start()):
            continue
        out.append((y, m.start()))
    return out


def _is_future(text: str, pos: int) -> bool:
    """A future cue ("will", "scheduled", ...) stands shortly before ``pos`` in the same sentence."""
    lo = max(0, pos - _FUTURE_WINDOW)
    window = text[lo:pos]
    cut = None
    for cut in _SENTENCE_END.finditer(window):
        pass
    if cut is not None:
        window = window[cut.end() :]
    return _FUTURE_CUE.search(window) is not None


def _following_day(text: str, dated: list[DatedMention], latest: DatedMention) -> str | None:
    """A "the following day" phrase whose nearest preceding time expression is the latest dated day."""
    for m in _FOLLOWING_DAY.finditer(text):
        if m.start() < latest.end or _is_future(text, m.start()):
            continue
        anchor = max((d for d in dated if d.end <= m.start()), key=lambda d: d.end, default=None)
        if anchor is None or anchor.day != latest.day:
            continue
        between = text[anchor.end : m.start()]
        if _OTHER_ANCHOR.search(between) or FULL_DATE.search(between):
            continue
        return m.group(0)
    return None


def _squash(s: str) -> str:
    """Collapse whitespace for a one-line evidence quote."""
    return " ".join(s.split())
