"""Date expressions resolved to ACLED-style date ranges.

``find_dates`` resolves, relative to the article's publication date (``published``) and to the last date
resolved earlier in the document (``anchor``):
- explicit dates: "February 2, 2020", "2 February 2020", "9-May-20", "2020-02-02", "Jun 13th",
  "13th of June", "on the 29th"; numeric "07/10" only when one reading alone falls in the 60 days up to
  publication (or the day is > 12 and a year is given);
- weekdays: the most recent such weekday on or before ``published`` ("on Sunday", "late on Monday",
  "Friday night"); "last Sunday" is strictly before; "Tuesday last week"; a weekday followed by its date
  ("Saturday (November 30)") is one expression;
- relative days: yesterday, today, last night, this morning, N days ago, the day before yesterday;
- ranges (time_precision 2, event_date = midpoint as ACLED does): last week, this week, over the
  weekend, in recent days, the past week, between November 26 and December 1, from 26 to 28 May;
  a calendar week ("last week", "the week of 16 July") is dated to its Wednesday, as ACLED's
  "(midweek)" events are; "around 29 April" is ±3 days, "as reported on 28 April" the 6 days before;
- months (time_precision 3): "in May", "last month", "early/mid/late May" (ACLED: middle of the month,
  or the first/last day for the beginning/end of it);
- anchored: "the following day", "the next day", "a day later", "the same day", "that day", "the
  previous day";
- periods: "since late April" -> [start, published];
- history: years ("in 2017", "since 2016", "in the 1990s"), dates more than 60 days before publication,
  "last year", "years-long", "long-running" -> ``background=True``.

Day and month without a year take the year that puts them on or before ``published``. With
``published=None`` only self-dating expressions (and anchored ones) resolve.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sitrep.model import DateRange, Span
from sitrep.scale.prefix import IndexedSearch, folds_to_ascii

BACKGROUND_DAYS = 60
"""A date whose range ends more than this many days before publication is history (background)."""

MAX_CODABLE_DAYS = 31
"""ACLED codes nothing vaguer than a month: longer ranges are never an event's date."""

_MONTH_NAMES = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_NUM_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9, "ten": 10, "fourteen": 14, "a few": 3, "several": 4}  # fmt: skip

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.(?=\s*\d))?)(?![A-Za-z])"
)
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_B = r"(?<![\w-])"  # left word boundary that also refuses a hyphen ("12-May" handled separately)
_E = r"(?![\w])"
_I = re.IGNORECASE
_DIGITS = re.compile(r"\d+")

# Each pattern has a group "core": the span reported for the expression.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("range_dm", re.compile(
        rf"{_B}(?P<core>(?:(?P<pre>[Bb]etween|[Ff]rom)\s+)?(?P<d1>{_DAY})\s*(?:-|–|—|to|and|until|till)\s*"
        rf"(?P<d2>{_DAY})(?:\s+of)?\s+(?P<mon>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?){_E}")),
    ("range_md", re.compile(
        rf"{_B}(?P<core>(?:(?P<pre>[Bb]etween|[Ff]rom)\s+)?(?P<mon>{_MONTH})\s+(?P<d1>{_DAY})\s*"
        rf"(?:-|–|—|to|and|until|till)\s*(?P<d2>{_DAY})(?!\s*{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?){_E}")),
    ("iso", re.compile(rf"{_B}(?P<core>(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)){_E}")),
    ("dmy_abbr", re.compile(
        rf"{_B}(?P<core>(?P<d>[0-3]?\d)-(?P<mon>{_MONTH_ABBR})[a-z]*-(?P<y>\d{{4}}|\d\d)){_E}", _I)),
    ("dmy", re.compile(
        rf"{_B}(?P<core>(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?\s+(?P<mon>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?){_E}")),
    ("mdy", re.compile(
        rf"{_B}(?P<core>(?P<mon>{_MONTH})\s+(?:the\s+)?(?P<d>{_DAY})(?![\d:.,]\d)(?:,?\s+(?P<y>{_YEAR}))?){_E}")),
    ("numeric", re.compile(
        rf"(?:(?P<ctx>\b(?:on|dated|since|from|until|till|by)\s+)|{_B})(?P<core>(?P<a>[0-3]?\d)(?P<sep>[/.])"
        rf"(?P<b>[0-3]?\d)(?:(?P=sep)(?P<y>(?:19|20)?\d\d))?)(?![\w/.]\d|\w)", _I)),
    ("month", re.compile(
        rf"(?:(?P<ctx>\b(?:in|during|since|until|till|through|throughout|from|by|of|last|this|before|after)\s+)"
        rf"|(?=(?:early|mid|late|the\s+(?:beginning|start|end|middle)|(?:beginning|start|end|middle))"
        rf"[\s-])|(?=\w+\s+{_YEAR}))"
        rf"(?P<core>(?P<pos>(?:early|mid|late)(?:\s+|-)|(?:the\s+)?(?:beginning|start|end|middle)\s+of\s+)?"
        rf"(?P<mon>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?)(?!\s*\d)", )),
    ("year", re.compile(
        rf"(?P<ctx>\b(?:in|since|during|from|until|till|by|before|after|throughout|of|early|late|mid|"
        rf"the\s+end\s+of|the\s+beginning\s+of)[\s-]+(?:the\s+)?)(?P<core>(?P<y>{_YEAR})(?P<s>s)?)"
        rf"(?!\s*(?:people|persons|civilians|fighters|soldiers|troops|men|women|children)\b)(?![\w-])", _I)),
    ("weekday", re.compile(
        rf"(?<!Bloody )(?<!Good )(?<!Black )(?<!Palm )(?<!Easter )(?<!Super )(?<!Holy )(?<!Ash )"
        rf"(?P<core>(?:(?P<pre>early|late|last|this|past|next|overnight|before\s+dawn)\s+(?:on\s+)?)?"
        rf"(?P<wd>{_WD})(?:['’]s)?(?!\s+(?:Times|Telegraph|Mail|Express|Mirror|Post|Herald|Star)\b)"
        rf"(?:\s+(?P<tod>morning|afternoon|evening|night|overnight|midnight))?"
        rf"(?P<lw>\s+(?:of\s+)?last\s+week)?)\b")),
    ("lastweek_wd", re.compile(rf"\b(?P<core>last\s+week\s+on\s+(?P<wd>{_WD}))\b")),
    ("ordinal", re.compile(
        rf"(?P<ctx>\b(?:on|by|since|until|from)\s+)(?P<core>the\s+(?P<d>{_DAY}))(?!\s*(?:of\s+)?{_MONTH})"
        rf"(?!\s+(?:day|week|month|year|time|floor|century|anniversary|round|division|brigade|corps|regiment|"
        rf"battalion|army)\b)\b", _I)),
    ("relative", re.compile(
        r"\b(?P<core>the\s+day\s+before\s+yesterday|yesterday|today|tonight|last\s+night|"
        r"earlier\s+today|later\s+today|this\s+(?:morning|afternoon|evening)|"
        r"(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|several)\s+days?\s+ago|"
        r"(?P<nw>a|one|two|three)\s+weeks?\s+ago|a\s+month\s+ago|"
        r"(?:earlier\s+|later\s+)?this\s+week|last\s+week|(?:the\s+)?(?:past|last|previous)\s+(?:seven\s+days|7\s+days|week)|"
        r"(?:in|over|during)\s+(?:the\s+)?(?:past|last|recent)\s+(?:few\s+|couple\s+of\s+)?days|in\s+recent\s+days|"
        r"(?:over|in|during)\s+the\s+(?:past|last)\s+(?P<pd>\d{1,2}|two|three|four|five|six|seven|ten|fourteen)\s+days|"
        r"(?:the\s+)?(?:past|last)\s+(?P<hrs>24|48|72)\s+hours|"
        r"(?:over|at|during)\s+the\s+weekend|(?:this|last|past)\s+weekend|"
        r"(?:earlier\s+)?this\s+month|last\s+month|(?:earlier\s+)?this\s+year|last\s+year)\b", _I)),
    ("anchored", re.compile(
        r"\b(?P<core>(?:on\s+)?the\s+(?:following|next|previous|preceding)\s+(?:day|morning|afternoon|evening|night)|"
        r"the\s+day\s+(?:after|before|prior|earlier)|(?P<n>a|one|two|three|four|five|six|seven)\s+days?\s+"
        r"(?P<dir>later|earlier|before|after)|(?:on\s+)?(?:the|that)\s+same\s+(?:day|morning|afternoon|evening|night)|"
        r"(?:later|earlier)\s+(?:that|the\s+same)\s+day|that\s+(?:day|morning|afternoon|evening|night))\b", _I)),
    ("history", re.compile(
        r"\b(?P<core>(?:years|decades?|months)-long|long-(?:running|standing)|"
        r"(?<!\d-)(?:decades?|years)-old|for\s+(?:many\s+)?(?:years|decades)|(?:years|decades)\s+ago)\b", _I)),
]

_PREFIX_SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", _I)
_PREFIX_AROUND = re.compile(r"\b(?:around|about|circa|approximately)\s+$", _I)
_PREFIX_REPORTED = re.compile(r"\breported\s+(?:on\s+)?$", _I)
_PREFIX_WEEK = re.compile(r"\bweek\s+(?:of|beginning|starting|commencing)\s+(?:the\s+)?$", _I)
WEEK_EVENT_OFFSET = 2
"""ACLED codes a week by its midweek day: the Wednesday of a Monday-Sunday week (start + 2 days)."""
_RANGE_GLUE = re.compile(r"^\s*(?:and|to|until|till|through|-|–|—)\s*$", _I)
_RANGE_OPEN = re.compile(r"\b(?:between|from)\s+$", _I)
_WEEKDAY_GLUE = re.compile(r"^\s*[,(]?\s*$")
_CLOSE_PAREN = re.compile(r"\s*\)")


@dataclass(slots=True)
class _Ctx:
    published: date | None
    anchor: date | None
    text: str


def _d(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _day(s: str) -> int:
    return int(_DIGITS.match(s).group())  # type: ignore[union-attr]


def _month(s: str) -> int:
    return _MONTH_NAMES[s.lower().rstrip(".")]


def _year(s: str) -> int:
    y = int(s)
    return y if y >= 100 else (2000 + y if y < 70 else 1900 + y)


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


FUTURE_SLACK_DAYS = 7
"""A day+month at most this many days after publication is read in the same year, not the year before."""


def _mid(a: date, b: date) -> date:
    return a + timedelta(days=(b - a).days // 2)


def _infer_year(ctx: _Ctx, m: int, d: int) -> date | None:
    """Day+month without year: the year that puts it on/before publication (or nearest the anchor)."""
    if ctx.published is not None:
        pub = ctx.published
        cand = _d(pub.year, m, d)
        if cand is None:
            cand = _d(pub.year - 1, m, d) if m == 2 and d == 29 else None
            return cand if cand and cand <= pub else None
        if cand <= pub + timedelta(days=FUTURE_SLACK_DAYS):
            return cand  # a report dated a few days before the event it names is usually off by those days
        return _d(pub.year - 1, m, d)
    if ctx.anchor is not None:
        options = [x for x in (_d(ctx.anchor.year + k, m, d) for k in (-1, 0, 1)) if x]
        return min(options, key=lambda x: abs((x - ctx.anchor).days)) if options else None  # type: ignore[operator]
    return None


def _day_range(x: date) -> DateRange:
    return DateRange(x, x, x, 1)


def _range(a: date, b: date, precision: int | None = None, event: date | None = None) -> DateRange:
    if b < a:
        a, b = b, a
    if precision is None:
        precision = 1 if a == b else (2 if (b - a).days <= 7 else 3)
    return DateRange(event or _mid(a, b), a, b, precision)


def _clamp_max(dr: DateRange, ctx: _Ctx) -> DateRange:
    """An event cannot be after publication: cut a range that runs past it."""
    pub = ctx.published
    if pub is None or dr.date_min > pub or dr.date_max <= pub:
        return dr
    dr.date_max = pub
    if dr.event_date > pub:
        dr.event_date = pub
    return dr


# ------------------------------------------------------------------------------------ handlers


def _h_explicit(m: re.Match[str], ctx: _Ctx) -> DateRange | None:
    mon = _month(m.group("mon"))
    d = _day(m.group("d"))
    x = _d(_year(m.group("y")), mon, d) if m.group("y") else _infer_year(ctx, mon, d)
    return _day_range(x) if x else None


def _h_iso(m: re.Match[str], ctx: _Ctx) -> DateRange | None:
    x = _d(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return _day_range(x) if x else None


def _h_numeric(m: re.Match[str], ctx: _Ctx) -> DateRange | None:
    if not m.group("y") and not m.group("ctx"):
        return None
    if m.group("sep") == "." and not m.group("y"):
        return None  # "1.5" is a number, not a date
    a, b = int(m.group("a")), int(m.group("b"))
    readings = {(a, b), (b, a)}  # (day, month)
    out: list[date] = []
    for d, mon in readings:
        if not 1 <= mon <= 12:
            continue
        x = _d(_year(m.group("y")), mon, d) if m.group("y") else _infer_year(ctx, mon, d)
        if x:
            out.append(x)
    out = sorted(set(out))
    if len(out) > 1 and ctx.published is not None:
        lo = ctx.published - timedelta(days=BACKGROUND_DAYS)
        out = [x for x in out if lo <= x <= ctx.published]
    return _day_range(out[0]) if len(out) == 1 else None


def _h_range_dm(m: re.Match[str], ctx: _Ctx) -> DateRange | None:
    mon = _month(m.group("mon"))
    d1, d2 = _day(m.group("d1")), _day(m.group("d2"))
    if d2 <= d1:
        return None
    if m.group("y"):
        y = _year(m.group("y"))
        a, b = _d(y, mon, d1), _d(y, mon, d2)
    else:
        first = _infer_year(ctx, mon, d1)  # the range may run past publication: date its start
        a = first
        b = _d(first.year, mon, d2) if first else None
    return _clamp_max(_range(a, b), ctx) if a and b else None


def _h_month(m: re.Match[str], ctx: _Ctx) -> DateRange | None:
    mon = _month(m.group("mon"))
    if m.group("mon").rstrip(".") == "May" and not (m.group("y") or m.group("ctx") or m.group("pos")):
        return None
    if m.group("y"):
        y = _year(m.group("y"))
    elif ctx.published is not None:
        y = ctx.published.year if mon <= ctx.published.month else ctx.published.year - 1
        if (m.group("ctx") or "").strip().lower() == "last" and mon == ctx.published.month:
            y -= 1
    elif ctx.anchor is not None:
        y = ctx.anchor.year
    else:
        return None
    first, last = date(y, mon, 1), _month_end(y, mon)
    pos = (m.group("pos") or "").lower()
    if "early" in pos or "beginning" in pos or "start" in pos:
        dr = DateRange(first, first, first + timedelta(days=9), 3)
    elif "mid" in pos:
        dr = DateRange(date(y, mon, 15), date(y, mon, 11), date(y, mon, 20), 3)
    elif "late" in pos or "end" in pos:
        dr = DateRange(last, date(y, mon, 21), last, 3)
    else:
        dr = DateRange(date(y, mon, 15), first, last, 3)
    return _clamp_max(dr, ctx)


def _h_year(m: re.Match[str], ctx: _Ctx) -> DateRange | None:
    y = int(m.group("y"))
    if m.group("s"):
        a, b = date(y, 1, 1), date(y + 9, 12, 31)
    else:
        a, b = date(y, 1, 1), date(y, 12, 31)
    dr = DateRange(_mid(a, b), a, b, 3)
    pub = ctx.published
    if pub is not None:
        dr.background = b.year < pub.year or b < pub - timedelta(days=BACKGROUND_DAYS)
        dr = _clamp_max(dr, ctx)
    return dr


def _weekday_date(pub: date, wd: int, *, strict: bool = False) -> date:
    back = (pub.weekday() - wd) % 7
    if strict and back == 0:
        back = 7
    return pub - timedelta(days=back)


def _h_weekday(m: re.Match[str], ctx: _Ctx) -> DateRange | None:
    pub = ctx.published
    if pub is None:
        return None
    wd = _WEEKDAYS[m.group("wd").lower()]
    pre = (m.groupdict().get("pre") or "").lower()
    if pre == "next":
        return None  # a future day is never an incident date
    if m.groupdict().get("lw") or m.re is _PATTERNS_BY_KIND["lastweek_wd"]:
        monday = pub - timedelta(days=pub.weekday() + 7)
        return _day_range(monday + timedelta(days=wd))
    return _day_range(_weekday_date(pub, wd, strict=pre in ("last", "past")))


def _h_ordinal(m: re.Match[str], ctx: _Ctx) -> DateRange | None:
    pub = ctx.published or ctx.anchor
    if pub is None:
        return None
    d = _day(m.group("d"))
    x = _d(pub.year, pub.month, d)
    if x is None or x > pub:
        prev = date(pub.year, pub.month, 1) - timedelta(days=1)
        x = _d(prev.year, prev.month, d)
    return _day_range(x) if x else None


def _weekend(pub: date, *, last: bool) -> DateRange:
    wd = pub.weekday()
    if wd >= 5 and not last:
        sat = pub - timedelta(days=wd - 5)
    else:
        sat = pub - timedelta(days=(wd - 5) % 7 or 7)
    sun = min(sat + timedelta(days=1), pub)
    return DateRange(sat, sat, sun, 2)


def _count_word(s: str | None) -> int:
    if not s:
        return 1
    s = " ".join(s.lower().split())
    return int(s) if s.isdigit() else _NUM_WORDS.get(s, 3)


def _h_relative(m: re.Match[str], ctx: _Ctx) -> DateRange | None:
    pub = ctx.published
    if pub is None:
        return None
    e = " ".join(m.group("core").lower().split())
    day = timedelta(days=1)
    if e == "the day before yesterday":
        return _day_range(pub - 2 * day)
    if e in ("yesterday", "last night"):
        return _day_range(pub - day)
    if e in ("today", "tonight", "earlier today", "later today") or e.startswith("this ") and e.split()[1] in (
        "morning", "afternoon", "evening"):
        return _day_range(pub)
    if m.group("n"):
        return _day_range(pub - _count_word(m.group("n")) * day)
    if m.group("nw"):
        x = pub - 7 * _count_word(m.group("nw")) * day
        return DateRange(x, x - 3 * day, min(x + 3 * day, pub), 2)
    if e == "a month ago":
        x = pub - 30 * day
        return DateRange(x, x - 7 * day, x + 7 * day, 3)
    if e.endswith("this week"):
        monday = pub - pub.weekday() * day
        return DateRange(min(monday + WEEK_EVENT_OFFSET * day, pub), monday, pub, 2)
    if e == "last week":
        monday = pub - (pub.weekday() + 7) * day
        return DateRange(monday + WEEK_EVENT_OFFSET * day, monday, monday + 6 * day, 2)
    if "seven days" in e or "7 days" in e or e.endswith("week"):
        return _range(pub - 7 * day, pub, 2)
    if m.group("pd"):
        n = _count_word(m.group("pd"))
        return _range(pub - n * day, pub, 2 if n <= 7 else 3)
    if e.endswith("days"):
        return _range(pub - 6 * day, pub, 2)
    if m.group("hrs"):
        return DateRange(pub, pub - (int(m.group("hrs")) // 24) * day, pub, 2)
    if "weekend" in e:
        return _weekend(pub, last=e.startswith(("last", "past")))
    if e.endswith("this month"):
        first = pub.replace(day=1)
        return DateRange(min(pub, first.replace(day=15)), first, pub, 3)
    if e == "last month":
        last = pub.replace(day=1) - day
        return DateRange(last.replace(day=15), last.replace(day=1), last, 3)
    if e.endswith("this year"):
        return DateRange(_mid(date(pub.year, 1, 1), pub), date(pub.year, 1, 1), pub, 3)
    if e == "last year":
        y = pub.year - 1
        return DateRange(date(y, 7, 1), date(y, 1, 1), date(y, 12, 31), 3, background=True)
    return None


def _h_anchored(m: re.Match[str], ctx: _Ctx) -> DateRange | None:
    base = ctx.anchor
    if base is None:
        return None
    e = " ".join(m.group("core").lower().split())
    day = timedelta(days=1)
    if m.group("n"):
        n = _count_word(m.group("n"))
        sign = 1 if m.group("dir").lower() in ("later", "after") else -1
        return _day_range(base + sign * n * day)
    if any(w in e for w in ("following", "next", "day after")):
        return _day_range(base + day)
    if any(w in e for w in ("previous", "preceding", "day before", "day prior", "day earlier")):
        return _day_range(base - day)
    return _day_range(base)


def _h_history(m: re.Match[str], ctx: _Ctx) -> DateRange | None:
    ref = ctx.published or ctx.anchor
    if ref is None:
        return None
    b = ref - timedelta(days=365)
    a = ref - timedelta(days=3650)
    return DateRange(b, a, b, 3, background=True)


_HANDLERS: dict[str, Callable[[re.Match[str], _Ctx], DateRange | None]] = {
    "range_dm": _h_range_dm,
    "range_md": _h_range_dm,
    "iso": _h_iso,
    "dmy_abbr": _h_explicit,
    "dmy": _h_explicit,
    "mdy": _h_explicit,
    "numeric": _h_numeric,
    "month": _h_month,
    "year": _h_year,
    "weekday": _h_weekday,
    "lastweek_wd": _h_weekday,
    "ordinal": _h_ordinal,
    "relative": _h_relative,
    "anchored": _h_anchored,
    "history": _h_history,
}
_PATTERNS_BY_KIND = {k: rx for k, rx in _PATTERNS}
_PRIORITY = {k: i for i, (k, _) in enumerate(_PATTERNS)}


# ------------------------------------------------------------------------------------- scanning


_CUES = {
    "digit": re.compile(r"\d"),
    "month": re.compile(_MONTH),
    "weekday": re.compile(_WD),
    "relative": re.compile(r"yesterday|today|tonight|night|morning|afternoon|evening|ago|week|days|hours|month|year",
                           _I),
    "anchored": re.compile(r"\b(?:days?|morning|afternoon|evening|night|later|earlier)\b", _I),
    "history": re.compile(r"long|old\b|years|decades", _I),
}


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    kind: str
    m: re.Match[str]


_SLOW = frozenset({"relative", "anchored", "history"})
_INDEXED_CUES = {name: IndexedSearch(rx) if name in _SLOW else rx for name, rx in _CUES.items()}
_INDEXED_PATTERNS = [(kind, IndexedSearch(rx) if kind in _SLOW else rx) for kind, rx in _PATTERNS]
"""The case-insensitive cue and pattern regexes searched through a per-text index of where they may match
(``IndexedSearch``: same results, faster over the many sentences of one document)."""


# Cheap necessary conditions ("gates") for the patterns: a pattern is searched only in a window where
# its gate holds, and every gate holds wherever its pattern can match (each gate's comment says why), so
# skipping a pattern whose gate fails changes nothing. Windows without any gate return at once.

_MONTH_CUE = re.compile(
    "(?:January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![A-Za-z])"
)
"""Exactly where ``_MONTH`` can match (its optional "." is followed by no letter anyway); written as
literal-led alternatives so that ``re`` skips ahead by first character."""
_NUMERIC_CUE = re.compile(r"\d[/.]\d")
"""In every "numeric" match: the digit before the separator and the first digit after it."""
_YEAR_CUE = re.compile(r"(?:19|20)\d\d")
"""In every "year" match (``_YEAR``)."""
_ORDINAL_CUE = re.compile(r"the\s+\d", _I)
"""In every "ordinal" match: "the", its whitespace and the first digit of ``_DAY``."""
_LETTERS = re.compile(r"[a-z]+")
_WORD_GATES = {
    # Every alternative of the pattern has one of these words, after whitespace or the pattern's leading
    # \b and before whitespace, a hyphen or the pattern's final \b: a whole run of letters.
    # relative: "... yesterday", "... ago", "this week", "the past 7 days", "the last 24 hours", ...
    # anchored: "the following day", "the day after", "two days later", "that same night", ...
    "relative": frozenset(
        "yesterday today tonight night morning afternoon evening ago week weekend days hours month year".split()
    ),
    "anchored": frozenset("day days morning afternoon evening night".split()),
    # (years|decades|months)-long, long-(running|standing), (decades|years)-old\b, for (many) years|decades,
    # (years|decades) ago.
    "history": frozenset("long old years decades".split()),
}  # fmt: skip


def _word_gates(text: str, start: int, end: int) -> dict[str, bool] | None:
    """For the case-insensitive word patterns: may each match in text[start:end]? None: cannot tell.

    In a window without İ ı ſ K, an ASCII word that a case-insensitive pattern matches between non-letters
    is a whole run of [a-z] in the lower-cased window, so a pattern whose words are all missing cannot match.
    """
    segment = text[start:end]
    if folds_to_ascii(segment):
        return None
    words = set(_LETTERS.findall(segment.lower()))
    return {kind: not gate.isdisjoint(words) for kind, gate in _WORD_GATES.items()}


def _gates(text: str, start: int, end: int) -> dict[str, bool]:
    """Pattern kind -> may the pattern match in text[start:end]? (True whenever it can; see the gates)."""
    search = _CUES["digit"].search
    digit = search(text, start, end) is not None
    month = _MONTH_CUE.search(text, start, end) is not None
    weekday = _CUES["weekday"].search(text, start, end) is not None
    hyphen = digit and "-" in text[start:end]
    words = _word_gates(text, start, end)
    if words is None:  # the cues themselves: each is in every match of its patterns
        words = {kind: _INDEXED_CUES[kind].search(text, start, end) is not None for kind in _WORD_GATES}
    dated = digit and month
    return {
        "range_dm": dated,
        "range_md": dated,
        "iso": hyphen,
        "dmy_abbr": hyphen,
        "dmy": dated,
        "mdy": dated,
        "numeric": digit and _NUMERIC_CUE.search(text, start, end) is not None,
        "month": month,
        "year": digit and _YEAR_CUE.search(text, start, end) is not None,
        "weekday": weekday,
        "lastweek_wd": weekday,
        "ordinal": digit and _ORDINAL_CUE.search(text, start, end) is not None,
        **words,
    }


def _candidates(text: str, start: int, end: int) -> list[_Cand]:
    found: list[_Cand] = []
    gates = _gates(text, start, end)
    for kind, rx in _INDEXED_PATTERNS:
        if not gates[kind]:
            continue
        for m in rx.finditer(text, start, end):
            found.append(_Cand(m.start("core"), m.end("core"), kind, m))
    if not found:
        return found
    found.sort(key=lambda c: (c.start, -(c.end - c.start), _PRIORITY[c.kind]))
    chosen: list[_Cand] = []
    last_end = -1
    for c in found:
        if c.start >= last_end and c.end > c.start:
            chosen.append(c)
            last_end = c.end
    return chosen


def _apply_prefix(dr: DateRange, text: str, s: int, ctx: _Ctx, kind: str) -> DateRange:
    """Modifiers written before the expression: since / around / reported on."""
    before = text[max(0, s - 24) : s]
    pub = ctx.published
    if _PREFIX_SINCE.search(before) and kind not in ("relative", "anchored", "history"):
        if pub is not None and dr.date_min <= pub:
            dr = _range(dr.date_min, pub)
            dr.background = dr.date_min < pub - timedelta(days=BACKGROUND_DAYS)
        return dr
    if dr.time_precision == 1 and kind in ("dmy", "mdy", "iso", "dmy_abbr", "numeric"):
        if _PREFIX_WEEK.search(before):
            d = dr.event_date
            return _clamp_max(DateRange(d + timedelta(days=WEEK_EVENT_OFFSET), d, d + timedelta(days=6), 2), ctx)
        if _PREFIX_AROUND.search(before):
            d = dr.event_date
            return _clamp_max(DateRange(d, d - timedelta(days=3), d + timedelta(days=3), 2), ctx)
        if _PREFIX_REPORTED.search(before):
            d = dr.event_date
            return DateRange(d, d - timedelta(days=6), d, 2)
    return dr


def _merge_ranges(text: str, items: list[DateRange]) -> list[DateRange]:
    """"between X and Y" / "from X to Y" / "X to Y" -> one range."""
    out: list[DateRange] = []
    for dr in items:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.span is not None
            and dr.span is not None
            and prev.time_precision == 1
            and dr.time_precision == 1
            and _RANGE_GLUE.match(text[prev.span.end : dr.span.start])
            and prev.date_min < dr.date_max
            and (dr.date_max - prev.date_min).days <= MAX_CODABLE_DAYS * 2
        ):
            opener = _RANGE_OPEN.search(text[max(0, prev.span.start - 9) : prev.span.start])
            glue = text[prev.span.end : dr.span.start].strip().lower()
            if opener or glue != "and":
                s = prev.span.start - (len(opener.group()) if opener else 0)
                merged = _range(prev.date_min, dr.date_max)
                merged.span = Span(s, dr.span.end, text[s : dr.span.end])
                out[-1] = merged
                continue
        out.append(dr)
    return out


def _merge_weekday(text: str, cands: list[_Cand]) -> list[_Cand]:
    """"Saturday (November 30)" / "Sunday, 1 December": the weekday and its date are one expression."""
    out: list[_Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "weekday"
            and c.kind in ("dmy", "mdy", "iso")
            and _WEEKDAY_GLUE.match(text[prev.end : c.start])
        ):
            close = _CLOSE_PAREN.match(text, c.end) if "(" in text[prev.end : c.start] else None
            end = close.end() if close else c.end
            out[-1] = _Cand(prev.start, end, c.kind, c.m)
            continue
        out.append(c)
    return out


def find_dates(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    published: date | None,
    anchor: date | None = None,
) -> list[DateRange]:
    """Date expressions in text[start:end], resolved, in text order (spans index the whole text)."""
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    if isinstance(published, datetime):
        published = published.date()
    if isinstance(anchor, datetime):
        anchor = anchor.date()
    ctx = _Ctx(published, anchor, text)
    out: list[DateRange] = []
    for c in _merge_weekday(text, _candidates(text, start, end)):
        dr = _HANDLERS[c.kind](c.m, ctx)
        if dr is None:
            continue
        dr.span = Span(c.start, c.end, text[c.start : c.end])
        dr = _apply_prefix(dr, text, c.start, ctx, c.kind)
        dr.span = Span(c.start, c.end, text[c.start : c.end])
        if published is not None and not dr.background:
            dr.background = dr.date_max < published - timedelta(days=BACKGROUND_DAYS)
        out.append(dr)
        if dr.time_precision == 1 and not dr.background:
            ctx.anchor = dr.event_date
    return _merge_ranges(text, out)


def best_event_date(dates: list[DateRange]) -> DateRange | None:
    """The date an event sentence most likely refers to: non-background, codable, most precise, first."""
    usable = [
        d for d in dates if not d.background and (d.date_max - d.date_min).days <= MAX_CODABLE_DAYS
    ]
    if not usable:
        return None
    return min(enumerate(usable), key=lambda p: (p[1].time_precision, p[0]))[1]


def default_date(published: date) -> DateRange:
    """Date of an event reported without any date expression.

    News reports an event on the day of publication or the day before; ACLED then codes the report
    date ("As reported on <date>") with a vaguer precision. So: event_date = published, range
    [published - 1 day, published], time_precision 2.
    """
    return DateRange(published, published - timedelta(days=1), published, 2)
