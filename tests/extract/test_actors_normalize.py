"""normalize_text and ascii_lower give what the translation tables give, faster."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.extract.actors import _LOWER, _TABLE, ascii_lower, normalize_text

CHARS = sorted(chr(k) for k in _TABLE)[::7] + list("abcXYZ `'\n-") + ["\u0130", "\u03a3", "\u212a", "“", "é", "ß", "’", "\u00a0"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(CHARS), max_size=60))
def test_property_same_as_translate(text):
    norm = normalize_text(text)
    assert norm == text.translate(_TABLE)
    assert len(norm) == len(text)
    assert ascii_lower(norm) == norm.translate(_LOWER)


def test_every_table_character():
    text = "".join(chr(k) for k in sorted(_TABLE))
    assert normalize_text(text) == text.translate(_TABLE)
    assert normalize_text("Plain ASCII text") == "Plain ASCII text"
    assert normalize_text("a `quoted` word") == "a 'quoted' word"
