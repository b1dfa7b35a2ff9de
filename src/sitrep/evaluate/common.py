"""Comparison helpers shared by the seeds and ACLED scorers (same semantics as the reference scorer)."""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

_QUOTES = re.compile(r"[\u2018\u2019'`\u02bf\u02be]")
_ARTICLE = re.compile(r"\b(al|el|as|ad|ar|an|ash|at|az)[- ]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOC_SUFFIX = re.compile(r"\.(txt|html?|jsonl?)$")
_PERIOD = re.compile(r"\s*\(\d{4}-(\d{4})?\)")
DAY_FORMATS = ("%d-%b-%y", "%d %B %Y", "%Y/%m/%d")
"""Non-ISO day formats the reference scorer reads (after trying ISO)."""
EARTH_RADIUS_KM = 6371


@lru_cache(maxsize=50_000)
def place_key(name: str | None) -> str:
    """Place name for comparison: lower case, quotes and Arabic articles dropped, punctuation → space."""
    s = _QUOTES.sub("", (name or "").lower())
    s = _ARTICLE.sub("", s)
    return _NON_ALNUM.sub(" ", s).strip()


def distance_km(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> float:
    """Great-circle distance; infinite when a coordinate is missing or not a number."""
    try:
        a, b, c, d = (math.radians(float(x)) for x in (lat1, lon1, lat2, lon2))
    except (TypeError, ValueError):
        return math.inf
    h = math.sin((c - a) / 2) ** 2 + math.cos(a) * math.cos(c) * math.sin((d - b) / 2) ** 2
    return EARTH_RADIUS_KM * 2 * math.asin(min(1, math.sqrt(h)))


def parse_day(value: Any) -> date | None:
    """A day from an ISO string (first 10 characters) or ACLED's '9-May-20' / '9 May 2020'; else None."""
    if not value:
        return None
    s = str(value)[:10]
    try:
        return date.fromisoformat(s)
    except ValueError:
        pass
    for fmt in DAY_FORMATS:
        try:
            return datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    return None


def doc_stem(doc_id: Any) -> str:
    """Document id without a .txt/.html/.json(l) suffix."""
    return _DOC_SUFFIX.sub("", str(doc_id))


def same_doc(a: Any, b: Any) -> bool:
    """Two document ids name the same document (equal stems, or one stem ends the other)."""
    x, y = doc_stem(a), doc_stem(b)
    return x == y or x.endswith(y) or y.endswith(x)


def actor_core(name: str | None) -> str:
    """ACLED actor name without its regime period: 'Military Forces of Syria (2000-)' → 'military forces of syria'."""
    return _PERIOD.sub("", name or "").strip().lower()


def source_doc_ids(inc: dict[str, Any]) -> list[str]:
    """Distinct document ids of an incident dict's sources, in source order."""
    return list(dict.fromkeys(str(s.get("doc_id")) for s in inc.get("sources", [])))
