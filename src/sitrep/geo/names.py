"""Gazetteer keys for names: ``name_key`` / a geo skeleton for Latin script, a folded form for Arabic.

The geo skeleton extends :func:`sitrep.nlp.normalize.skeleton` for toponyms only: gh/ch/ph/th become
g/sh/f/t (Shughur/Shugur, Cheikh/Sheikh), a word-initial vowel becomes ``a`` (Ain/Ein/Ayn,
Idlib/Edlib), ``w`` after the first letter is dropped (Zawr/Zor, Suwayda/Sweida), one-letter links
are dropped (Sar-e Pol/Sari Pul) and word breaks are ignored (Chahar Bolak/Charbolak).
``normalize.py`` itself is unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from sitrep.nlp.normalize import collapse_doubles, name_key, skeleton_of_key

_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]")
_ARABIC_MARKS = re.compile(r"[\u064B-\u065F\u0670\u0640]")
_ARABIC_ALEF = re.compile(r"[\u0622\u0623\u0625\u0671]")
_ARABIC_ARTICLE = re.compile(r"(?:^|(?<=\s))\u0627\u0644(?=\S\S)")
_ARABIC_MARKAZ = re.compile(r"^\u0645\u0631\u0643\u0632\s+")  # "markaz" (centre of) before sub-district names
_NON_ARABIC = re.compile(r"[^\u0600-\u06FF\s]+")
_INITIAL_VOWEL = re.compile(r"\b[aeiou]")
_INNER_W = re.compile(r"(?<=\w)w")
_LINK_VOWELS = frozenset("aeiou")  # Persian izafe and similar one-letter links ("Sar-e Pol", "Mazar i Sharif")


def has_arabic(text: str) -> bool:
    """Whether the text contains Arabic script."""
    return _ARABIC.search(text) is not None


def is_latin(text: str) -> bool:
    """Whether every letter of the text is Latin script."""
    for ch in text:
        if ch.isalpha() and ord(ch) > 0x24F and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


@lru_cache(maxsize=50_000)
def arabic_key(name: str) -> str:
    """Arabic name folded: marks and tatweel dropped, alef/ya/ta marbuta unified, article dropped."""
    s = unicodedata.normalize("NFC", name)
    s = _ARABIC_MARKS.sub("", s)
    s = _ARABIC_ALEF.sub("\u0627", s).replace("\u0649", "\u064a").replace("\u0629", "\u0647")
    s = _NON_ARABIC.sub(" ", s)
    s = " ".join(s.split())
    s = _ARABIC_MARKAZ.sub("", s)
    return _ARABIC_ARTICLE.sub("", s)


def geo_skeleton_of_key(key: str) -> str:
    """Geo skeleton from an already computed ``name_key`` (``name_key`` of a key is the key itself)."""
    words = [w for w in skeleton_of_key(key).split() if w not in _LINK_VOWELS]
    s = " ".join(words).replace("gh", "g").replace("ch", "sh").replace("ph", "f").replace("th", "t")
    s = _INITIAL_VOWEL.sub("a", s)
    s = _INNER_W.sub("", s)
    return collapse_doubles(s.replace(" ", ""))


@lru_cache(maxsize=50_000)
def keys(name: str) -> tuple[str, str]:
    """(exact key, tolerant key) of a name; ("", "") when it has none."""
    if has_arabic(name):
        k = arabic_key(name)
        return (k, k) if len(k) >= 2 else ("", "")
    k = name_key(name)
    if not k:
        return "", ""
    return k, geo_skeleton_of_key(k)


def index_keys(name: str) -> tuple[str, str]:
    """Uncached :func:`keys` for bulk indexing (does not fill the process caches)."""
    return keys.__wrapped__(name)


def acceptable_alternate(name: str) -> bool:
    """Whether an alternate name is worth indexing (Latin or Arabic script, not a code or a stub)."""
    name = name.strip()
    if not name or len(name) > 80 or len(name.split()) > 6:
        return False
    if has_arabic(name):
        return len(arabic_key(name).replace(" ", "")) >= 3
    if not is_latin(name):
        return False
    if any(ch.isdigit() for ch in name):
        return False
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 3:
        return False
    if not any(ch.isupper() for ch in letters):  # machine romanisations ("tl slhb", "a lei po")
        return False
    if name.isupper() and len(letters) <= 5:  # IATA/ICAO-like codes ("ALP", "OSDI")
        return False
    return len(name_key(name).replace(" ", "")) >= 3
