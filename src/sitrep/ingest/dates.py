"""Parse a ``published`` value given by a document or by --meta into a date (never using today's date)."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from sitrep.ingest.pubdate import FULL_DATE, YEAR_MAX, _full_date

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s_]|Z)")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:$|T)")
_SLASHED_YMD = re.compile(r"^\s*(\d{4})[/.](\d{1,2})[/.](\d{1,2})\s*$")
_FIXED_BASE = datetime(2000, 1, 1)
_DATEPARSER_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["custom-formats", "absolute-time"],
    "RELATIVE_BASE": _FIXED_BASE,
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "STRICT_PARSING": True,
}


def parse_published(value: str | date | None) -> date | None:
    """ISO dates/datetimes (the date as written), common formats via dateparser; None when unparseable."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return _parse(value.strip()[:200])


@lru_cache(maxsize=4096)
def _parse(value: str) -> date | None:
    """Cached worker: regex fast paths first, dateparser only for anything else."""
    if not value:
        return None
    for pattern in (_ISO, _COMPACT, _SLASHED_YMD):
        m = pattern.match(value)
        if m:
            return _ymd(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = FULL_DATE.search(value)
    if m and m.start() < 16:
        return _full_date(m)
    return _dateparser(value)


def _ymd(y: int, m: int, d: int) -> date | None:
    """A date, or None when the parts do not form one."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _dateparser(value: str) -> date | None:
    """dateparser with settings that require day, month and year and never fill from the current date."""
    import dateparser

    parsed = dateparser.parse(value, settings=_DATEPARSER_SETTINGS)
    if parsed is None or not 1900 <= parsed.year <= YEAR_MAX + 5:
        return None
    return parsed.date()
