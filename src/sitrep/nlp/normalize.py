"""Name normalisation shared by the gazetteer and the actor knowledge base.

Three levels, from strict to tolerant:
- ``fold``: lower case ASCII (Unidecode), apostrophes/hamza/ayn marks dropped, punctuation → space.
- ``name_key``: ``fold`` minus Arabic articles (al-, an-, el- ...), so "Al-Bab" == "Bab" == "al Bab".
- ``skeleton``: ``name_key`` with doubled letters collapsed and inner vowels dropped, so that common
  transliteration variants meet: Idleb/Idlib, Tal Rifaat/Tall Rif'at, Maarat al-Numan/Ma'arrat an-Nu'man.
"""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

_MARKS = re.compile(r"[\u2018\u2019\u02bb\u02bc\u02be\u02bf'`´ʿʾ]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_ARTICLE = re.compile(r"\b(?:al|el|il|ul|as|ad|ar|an|ash|at|az|ath|adh|ed|es|er|et|ez)\s+(?=\w)")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_DOUBLE = re.compile(r"([a-z])\1+")
_INNER_VOWELS = re.compile(r"(?<=[a-z])[aeiouy]+")


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """Lower-case ASCII form with marks dropped and punctuation collapsed to single spaces."""
    s = _MARKS.sub("", name)
    s = unidecode(s).lower()
    s = _MARKS.sub("", s)
    return _NON_ALNUM.sub(" ", s).strip()


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """``fold`` without Arabic definite articles: the exact-match key of gazetteer and actor lookups."""
    s = fold(name)
    s = _ARTICLE.sub("", s)
    return s.strip()


@lru_cache(maxsize=200_000)
def skeleton(name: str) -> str:
    """Transliteration-tolerant key: doubled letters collapsed, vowels after the first letter dropped."""
    words = []
    for w in name_key(name).split():
        w = _FINAL_H.sub("", w)
        w = w.replace("ou", "u").replace("ee", "i").replace("kh", "k").replace("q", "k").replace("dh", "d")
        w = _DOUBLE.sub(r"\1", w)
        w = w.replace("ck", "k")
        w = _INNER_VOWELS.sub("", w)
        w = _DOUBLE.sub(r"\1", w)
        if w:
            words.append(w)
    return " ".join(words)
