"""The geocoder's lower-level speed-ups give what the plain code gives: the whole-key skeleton, the
name-token scan, the one-pass ``runs`` and the bulk demonym lookup (each against a plain reference)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.geo import lexicon as lx
from sitrep.geo import names
from sitrep.geo.toponyms import _UPPER_RUN, Run, Token, name_tokens, runs, tokenize
from sitrep.nlp import normalize

# Our own words: transliteration variants, particles, possessives, quotes, digits, non-ASCII letters.
WORDS = [
    "Khirbet", "Kherbet", "Qasr", "Kasr", "Shughour", "Shugur", "Deir", "Dayr", "ez-Zor", "az-Zawr", "Mazar-i",
    "Sharif", "Sar-e", "Pol", "Ain", "Ein", "Ayn", "Tall", "Tal", "Rif'at", "Rifaat", "Abu", "abu", "al", "Al",
    "an", "el", "ash", "ad", "bin", "Umm", "Beni", "Ma'arrat", "Ma\u2019arat", "an-Nu'man", "al-Bab", "Mouh",
    "Sheikh", "Cheikh", "Zouq", "Dhahr", "Jebel", "Jabal", "Kafr", "Phalaj", "Thawra", "Goumbou", "Kweeta",
    "1st", "2", "\u00c9cole", "\u00e9t\u00e9", "\u0130zmir", "\u03a3ig", "\u01c5emal", "\u00b2x", "McCain",
    "O'Neill", "Alepp's", "Ali\u2019s", "X", "DR", "UN", "iPhone", "x-Ray", "_Under", "'Quoted'",
    "\u201cNaqab\u201d", "(Suki)", ",", ".", ";", "-", "\u2013", "\n", "  ", "\t", "the", "of", "village",
]

NAMES = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
TEXTS = st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(" ".join)

_DOUBLE = re.compile(r"([a-z])\1+")


def _skeleton_word_by_word(name: str) -> str:
    """The skeleton as first written: each word of the name key rewritten on its own."""
    words = []
    for w in normalize.name_key(name).split():
        w = re.sub(r"(?<=[aeiou])h$", "", w)
        w = w.replace("ou", "u").replace("ee", "i").replace("kh", "k").replace("q", "k").replace("dh", "d")
        w = _DOUBLE.sub(r"\1", w)
        w = w.replace("ck", "k")
        w = re.sub(r"(?<=[a-z])[aeiouy]+", "", w)
        w = _DOUBLE.sub(r"\1", w)
        if w:
            words.append(w)
    return " ".join(words)


@settings(max_examples=400, deadline=None)
@given(name=NAMES)
def test_skeleton_of_the_whole_key_is_the_word_by_word_skeleton(name: str) -> None:
    want = _skeleton_word_by_word(name)
    assert normalize.skeleton(name) == want
    key = normalize.name_key(name)
    assert normalize.name_key(key) == key  # a key is its own key (so the geo skeleton may skip name_key)
    assert normalize.skeleton_of_key(key) == want
    assert names.geo_skeleton_of_key(key) == names.index_keys(name)[1]


def test_skeleton_examples() -> None:
    for name in ("Khirbet Ghazaleh", "Ma'arrat an-Nu'man", "Mouh Hassan", "Zouqaq al-Dhahr", "Qasr Ibn Wardan"):
        assert normalize.skeleton(name) == _skeleton_word_by_word(name)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("aZ \u00e9\u00c91_'\u2019-\u0660\u00b2\u0130\u03a3\u01c5.,"), max_size=40))
def test_upper_run_scan_finds_the_plain_pattern(text: str) -> None:
    plain = re.compile(r"[^\W\d_a-z][\w'\u2019\u2018`\u02bf\u02be-]*")
    assert [m.span() for m in _UPPER_RUN.finditer(text)] == [m.span() for m in plain.finditer(text)]


def _close(cur: list[Token], out: list[Run]) -> None:
    while cur and cur[-1].particle:
        cur.pop()
    if cur:
        out.append(Run(cur))


def _runs_as_first_written(text: str, tokens: list[Token], lex, blocked=()) -> list[Run]:
    """``runs`` before the one-pass rewrite (the reference)."""
    out: list[Run] = []
    cur: list[Token] = []
    for i, tok in enumerate(tokens):
        if any(tok.start < b_end and b_start < tok.end for b_start, b_end in blocked):
            if cur:
                _close(cur, out)
                cur = []
            continue
        joined = bool(cur) and not cur[-1].possessive and text[cur[-1].end:tok.start] == " "
        if tok.name:
            if cur and not joined:
                _close(cur, out)
                cur = []
            cur.append(tok)
        elif tok.particle and i < len(tokens) - 1 and tokens[i + 1].name \
                and text[tok.end:tokens[i + 1].start] == " " and (joined or tok.text in lex.leading_particles):
            if cur and not joined:
                _close(cur, out)
                cur = []
            cur.append(tok)
        elif cur:
            _close(cur, out)
            cur = []
    if cur:
        _close(cur, out)
    return out


def _key(found: list[Run]) -> list[list[tuple]]:
    return [[(t.text, t.start, t.end, t.name, t.particle, t.possessive, t.initial) for t in r.tokens] for r in found]


@settings(max_examples=400, deadline=None)
@given(text=TEXTS, data=st.data())
def test_runs_are_the_reference_runs(text: str, data) -> None:
    lex = lx.compiled()
    blocked = data.draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, 12)), max_size=3))
    blocked = [(s, s + n) for s, n in blocked]
    for tokens in (tokenize(text, 0, len(text), lex), name_tokens(text, lex)):
        assert _key(runs(text, tokens, lex)) == _key(_runs_as_first_written(text, tokens, lex))
        assert _key(runs(text, tokens, lex, blocked=blocked)) == \
            _key(_runs_as_first_written(text, tokens, lex, blocked))


def test_bulk_demonyms_are_the_single_ones(gazetteer) -> None:
    words = ["Syrian", "Kenyan", "Idlib", "Syrian", "Afghan", "Monday", "Turkish", "", "Kenyan"]
    want = [cc for cc in map(gazetteer.demonym_country, words) if cc]
    assert "SY" in want
    assert gazetteer.demonym_countries(words) == want
