"""Property: every mention's span is inside the sentence and reads text[start:end]."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FRAGMENTS = [
    "Idlib", "Ma'arrat an-Nu'man", "Ma\u2019arat al-Nu\u2019man", "al-Bab", "Al-Bab", "Aleppo's", "northern",
    "countryside", "near", "in", "the", "village", "of", "province", "district", ",", ".", "Kafr", "Tall",
    "Rif'at", "Nairobi", "Sherzad", "Nangarhar", "Helmand", "said", "President", "Division", "Jaysh",
    "\u00e9t\u00e9", "\u062d\u0644\u0628", "  ", "\n", "(", ")", "-", "Street", "neighborhood", "Syrian",
    "Deir ez-Zor", "on", "Monday", "May", "X", "Zqarbuniyeh", "rural", "south", "of", "5 km", "US",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=25), data=st.data())
def test_spans_read_the_text(geocoder, words, data) -> None:
    text = " ".join(words)
    start = data.draw(st.integers(min_value=0, max_value=len(text)))
    end = data.draw(st.integers(min_value=start, max_value=len(text)))
    ctx = geocoder.document_context(text)
    for m in geocoder.find_places(text, start, end, context=ctx):
        assert start <= m.span.start < m.span.end <= end
        assert text[m.span.start:m.span.end] == m.span.text
        assert m.geo_precision in (1, 2, 3)
        assert m.relation in ("in", "near", "countryside", "region")
