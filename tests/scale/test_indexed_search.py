"""IndexedSearch: the same first match as ``regex.search`` over any window of any text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.extract.triggers import TriggerLexicon
from sitrep.scale.prefix import INDEX_AFTER, IndexedSearch, PrefixIndexedPattern

PATTERNS = [
    re.compile(r"\b(?:protesters?|crowds?|members of the public|boda boda)\b", re.IGNORECASE),
    re.compile(r"population|largest|home to|city of|overr", re.IGNORECASE),
    re.compile(r"(?<![\w-])(?:killed|shot dead|n['’]t)(?![\w-])", re.IGNORECASE),
    re.compile(r"\b(?:has|have)\s+(?:been\s+)?(?:killed|left)\b"),
    re.compile(r"PHOTO|/\s*AFP\s*/"),
]
WORDS = ["Protesters", "crowd", "members", "of", "the", "public", "boda", "Population", "home", "to", "city",
         "overrun", "KILLED", "shot", "dead", "isn’t", "wasn't", "has", "been", "killed", "left", "PHOTO",
         "/", "AFP", "-", "\u212a", "\u0130", "\u017f", "“", "é", "\n"]  # fmt: skip


def _same(ix: IndexedSearch, text: str, pos: int, endpos: int) -> None:
    want = ix.regex.search(text, pos, endpos)
    got = ix.search(text, pos, endpos)
    assert (got.span(), got.group()) == (want.span(), want.group()) if want else got is None
    assert [m.span() for m in ix.finditer(text, pos, endpos)] == [m.span() for m in ix.regex.finditer(text, pos, endpos)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=40, max_size=120), st.lists(st.tuples(st.integers(0, 800), st.integers(0, 120)), min_size=1, max_size=12))
def test_property_same_match_in_every_window(words, windows):
    text = " ".join(words)
    for rx in PATTERNS:
        ix = IndexedSearch(rx)
        for _ in range(INDEX_AFTER):  # past the threshold: the text is indexed
            ix.search(text, 0, 1)
        for pos, width in windows:
            _same(ix, text, pos, pos + width)


def test_indexes_a_text_after_a_few_searches_and_not_a_short_slice():
    ix = IndexedSearch(PATTERNS[0])
    text = "Crowds gathered. " * 30
    for i in range(INDEX_AFTER):
        assert ix.search(text, 0, 6) is not None
    assert ix.starts(text) is not None
    assert ix.search("the crowd") is not None  # a short text is searched directly ...
    assert ix.starts(text) is not None  # ... and does not evict the long one's index


def test_texts_with_ascii_folding_letters_are_searched_directly():
    ix = IndexedSearch(PATTERNS[0])
    text = "the CROWD\u0130 and the \u212aids " * 20
    for _ in range(INDEX_AFTER + 1):
        _same(ix, text, 0, len(text))
    assert ix.starts(text) is None


def test_lexicon_modifiers_through_prefix_index():
    lex = TriggerLexicon.default()
    text = ("Rebels could not have attacked the town, the army denied; they previously shelled it and may "
            "strike again. " * 8)
    for rx in (lex.irrealis, lex.negation, lex.background, lex.denial):
        ix = IndexedSearch(PrefixIndexedPattern(rx))
        for pos in range(0, len(text), 7):
            _same(ix, text, pos, pos + 45)


def test_unenumerable_regex_is_not_accelerated():
    assert not IndexedSearch(re.compile(r"\d+")).accelerated
    assert not IndexedSearch(re.compile(r"x*")).accelerated
