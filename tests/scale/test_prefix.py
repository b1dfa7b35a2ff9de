"""PrefixIndexedPattern: the same matches as the regex it stands for, on any text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.extract.triggers import TriggerLexicon
from sitrep.scale.prefix import PrefixIndexedPattern, literal_prefixes, split_alternatives


def spans(pattern, text: str, pos: int = 0, endpos: int | None = None):
    end = len(text) if endpos is None else endpos
    return [(m.start(), m.end(), m.lastgroup, m.group()) for m in pattern.finditer(text, pos, end)]


def test_split_alternatives_respects_groups_classes_and_escapes():
    assert split_alternatives(r"a|(b|c)|[|x]|d\|e|(?P<n>f|g)") == ["a", "(b|c)", "[|x]", r"d\|e", "(?P<n>f|g)"]
    assert split_alternatives(r"[]|]|x") == ["[]|]", "x"]


def test_literal_prefixes_enumerate_optional_parts_and_stop_at_classes():
    assert literal_prefixes(r"war ?planes?", re.I, k=4) == {"warp", "war "}
    assert literal_prefixes(r"(?<![\w-])IEDs?", re.I, k=3) == {"IED"}
    assert literal_prefixes(r"ab\w+", 0, k=3) == {"ab"}
    assert literal_prefixes(r"\w+", 0, k=3) == {""}


def test_fallback_when_an_alternative_can_be_empty():
    p = PrefixIndexedPattern(re.compile(r"(?P<a>x*)|(?P<b>yes)"))
    assert not p.accelerated
    assert spans(p, "xx yes") == spans(p.regex, "xx yes")


def test_accelerates_the_trigger_lexicon():
    lex = TriggerLexicon.default()
    assert PrefixIndexedPattern(lex.regex).accelerated


TEXTS = [
    "Warplanes struck the market on Monday; two IEDs exploded near the checkpoint, killing 4.",
    "Rebels RECAPTURED the town after heavy clashes — the army said it repelled an attack.",
    "A suicide car bomb attack and an air-strike hit al-Bab. Shelling continued in the countryside.",
    "No fighting was reported. Protesters marched peacefully; police fired tear gas at demonstrators.",
    "Ärzte said Kelvin-K \u212a and long-s \u017f or dotted \u0130 should not matter: “shelled” ‘raids’.",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_same_cues_as_the_lexicon_regex(text):
    lex = TriggerLexicon.default()
    fast = PrefixIndexedPattern(lex.regex)
    assert spans(fast, text) == spans(lex.regex, text)


def test_same_cues_inside_a_window():
    lex = TriggerLexicon.default()
    fast = PrefixIndexedPattern(lex.regex)
    text = " ".join(TEXTS)
    for pos, endpos in [(0, 40), (5, 90), (17, len(text)), (33, 34)]:
        assert spans(fast, text, pos, endpos) == spans(lex.regex, text, pos, endpos)


WORDS = ["air", "strike", "airstrikes", "shell", "shelled", "IED", "ieds", "bomb", "car", "clash", "killed", "the",
         "attack", "attacked", "on", "positions", "war", "planes", "warplanes", "took", "control", "of", "town", "-",
         "al-Bab", "rockets", "fire", "\u212a", "\u0130", "’", "\n", "raid", "suicide", "bomber", "no", "one"]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40), st.lists(st.sampled_from([" ", "", ", ", ". ", "-"]), min_size=40, max_size=40))
def test_property_same_matches_on_random_word_salad(words, seps):
    lex = TriggerLexicon.default()
    fast = _fast()
    text = "".join(w + s for w, s in zip(words, seps, strict=False))
    assert spans(fast, text) == spans(lex.regex, text)


_CACHE: dict = {}


def _fast() -> PrefixIndexedPattern:
    if "p" not in _CACHE:
        _CACHE["p"] = PrefixIndexedPattern(TriggerLexicon.default().regex)
    return _CACHE["p"]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="abcdeilorstwBIDE \u212a\u017f-", max_size=60))
def test_property_same_matches_on_a_small_pattern_any_text(text):
    regex = re.compile(r"(?P<a>(?<![\w-])ab(?:c|d)?(?![\w]))|(?P<b>(?<![\w-])(?:ride|rid)s?)|(?P<c>(?<![\w-])s[lt]ow\b)", re.I)
    fast = PrefixIndexedPattern(regex, k=2)
    assert fast.accelerated
    assert spans(fast, text) == spans(regex, text)
