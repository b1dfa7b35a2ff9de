"""The phrase indexes of attribution read the same words through the fast paths."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.extract.attribution import _WORD, _word_lows, _word_tokens, find_claims

WORDS = ["SANA", "said", "Said", "the", "Observatory", "reported", "according", "to", "’s", "İstanbul", "U.S.",
         "told", "AFP", ",", ".", "“", "denied", "claims", "Σ", "rebels"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30), st.integers(0, 20), st.integers(0, 200))
def test_property_lows_are_the_tokens_lower_cased(words, start, width):
    text = " ".join(words)
    end = min(len(text), start + width)
    want = [m.group().replace("’", "'").lower() for m in _WORD.finditer(text, start, end)]
    assert _word_lows(text, start, end) == want
    spans, toks, lows = _word_tokens(text, start, end)
    assert lows == want and [text[a:b].replace("’", "'") for a, b in spans] == toks


def test_claims_through_the_shared_word_list():
    text = "Rebels shelled the town on Monday. The Syrian Observatory said 5 people died. Nothing else."
    claims = find_claims(text, 35, 76)
    assert [(c.claimant, c.kind, c.span.text) for c in claims] == [
        ("Syrian Observatory for Human Rights", "said", "The Syrian Observatory said")
    ]
    assert find_claims(text, 0, 34) == []  # no reporting verb: nothing
