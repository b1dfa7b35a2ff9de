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
_FINAL_H = re.compile(r"(?<=[aeiou])h(?= |$)")  # at the end of a word of a key
_DOUBLE = re.compile(r"([a-z])\1+")
_INNER_VOWELS = re.compile(r"(?<=[a-z])[aeiouy]+")  # not at the start of a word of a key (after a space)


def _first_letter(m: re.Match[str]) -> str:
    """The repeated letter of a ``_DOUBLE`` match (a function: cheaper than the template ``\\1``)."""
    return m[1]


def collapse_doubles(s: str) -> str:
    """Every run of one letter a-z as that letter once ("ll" -> "l")."""
    return _DOUBLE.sub(_first_letter, s)


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
    return skeleton_of_key(name_key(name))


def skeleton_of_key(key: str) -> str:
    """:func:`skeleton` of a name whose ``name_key`` is ``key`` (so ``skeleton(n) == skeleton_of_key(name_key(n))``).

    A key is words of ``[a-z0-9]`` one space apart, and no rule below reaches across a space (a vowel
    after a space starts a word), so the whole key is rewritten at once, word by word in effect."""
    s = _FINAL_H.sub("", key)
    s = s.replace("ou", "u").replace("ee", "i").replace("kh", "k").replace("q", "k").replace("dh", "d")
    s = collapse_doubles(s).replace("ck", "k")
    s = _INNER_VOWELS.sub("", s)
    return collapse_doubles(s)
