"""The assembler's shortcuts (clause memo, in-place clause searches) read text as before."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.extract import events
from sitrep.extract.events import CLAUSE_BREAK, _clauses, _search_clause

WORDS = ["Rebels", "attacked", "the", "town", ";", "while", "but", "whereas", "–", "—", ",", "following", "after",
         "in", "retaliation", "for", "an", "a", "protesters", "crowd", "militants", "each", "other", "cattle",
         "x_y", "police", "al-Shabaab", "dead", "police2"]  # fmt: skip


def _direct_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in CLAUSE_BREAK.finditer(text, start, end):
        if m.start() - pos >= 12:
            out.append((pos, m.start()))
            pos = m.end()
    out.append((pos, end))
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40), st.integers(0, 30), st.integers(0, 300))
def test_property_clauses_and_clause_searches(words, start, width):
    text = " ".join(words) + "." + " filler" * 40
    end = min(len(text), start + width)
    assert _clauses(text, start, end) == _direct_clauses(text, start, end)
    assert _clauses(text, start, end) == _direct_clauses(text, start, end)  # remembered answer
    for rx in (events.CROWD_WORDS, events.ARMED_WORDS, events.ARMED_NONSTATE_WORDS, events.MUTUAL, events.LIVESTOCK):
        assert _search_clause(rx, text, start, end) == bool(rx.regex.search(text[start:end]))
