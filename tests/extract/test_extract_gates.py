"""The cheap exits of the per-sentence extractors change no result: each is checked against the slow path."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.extract import attribution, dates, numbers

WORDS = [
    "Rebels", "shelled", "the", "village", "on", "Monday", "night", "last", "week", "weekend", "two", "days",
    "ago", "later", "earlier", "that", "same", "day", "since", "3", "May", "May.", "March", "Jan.", "5",
    "2019", "1990s", "12/03", "9-May-20", "2020-02-02", "the", "29th", "of", "years-long", "decades",
    "old", "long-running", "TODAY", "Yesterday", "KILLED", "killed", "gunned", "down", "at", "least", "13",
    "civilians", "were", "wounded", "no", "injuries", "fatalities", "coded", "as", "0", "claimed", "lives",
    "said", "SANA", "reported", "according", "to", "denied", "İstanbul", "\u212aILLED", "ſaid", "’s",
    "it’s", "-", ",", ".", "(", ")", "“", "Nobody", "was", "hurt", "tonight", "this", "morning", "month",
    "year", "hours", "24", "past", "Saturday", "(November", "30)", "between", "and", "following",
]  # fmt: skip
texts = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join)


def _all_candidates(text: str, start: int, end: int) -> list[dates._Cand]:
    """``dates._candidates`` without any gate: every pattern searched."""
    found = [
        dates._Cand(m.start("core"), m.end("core"), kind, m)
        for kind, rx in dates._PATTERNS
        for m in rx.finditer(text, start, end)
    ]
    found.sort(key=lambda c: (c.start, -(c.end - c.start), dates._PRIORITY[c.kind]))
    chosen, last_end = [], -1
    for c in found:
        if c.start >= last_end and c.end > c.start:
            chosen.append(c)
            last_end = c.end
    return chosen


def _key(cands: list[dates._Cand]) -> list[tuple]:
    return [(c.start, c.end, c.kind, c.m.span()) for c in cands]


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(0, 30), st.integers(0, 300))
def test_property_date_gates_skip_only_patterns_that_cannot_match(text, start, width):
    end = min(len(text), start + width)
    assert _key(dates._candidates(text, start, end)) == _key(_all_candidates(text, start, end))


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(0, 30), st.integers(0, 300))
def test_property_trigger_matches_are_the_regex_matches(text, start, width):
    end = min(len(text), start + width)
    regex = numbers._lexicon().trigger_re.regex
    want = [m.span() for m in regex.finditer(text, start, end)]
    assert [m.span() for m in numbers._trigger_matches(text, start, end)] == want


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(0, 30), st.integers(0, 300))
def test_property_count_gates_are_implied_by_the_cues(text, start, width):
    end = min(len(text), start + width)
    may_code, may_negate, may_count = numbers._possible(text, start, end)
    assert may_code or not numbers._CODED_CUE.regex.search(text, start, end)
    assert may_negate or not numbers._NEGATION_CUE.regex.search(text, start, end)
    assert may_count or not numbers._lexicon().trigger_re.regex.search(text, start, end)


def _slow_find(index: attribution.PhraseIndex, text: str, start: int, end: int) -> list[tuple]:
    """``PhraseIndex.find`` as a plain scan over every word."""
    spans, words, lows = attribution._word_tokens(text, start, end)
    out, i, n = [], 0, len(words)
    while i < n:
        step = 1
        for size in index._sizes.get(lows[i], ()):
            if i + size > n:
                continue
            val = index._exact.get(tuple(words[i : i + size])) or index._folded.get(tuple(lows[i : i + size]))
            if val is not None:
                a, b = spans[i][0], spans[i + size - 1][1]
                out.append((a, b, text[a:b], val))
                step = size
                break
        i += step
    return out


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(0, 30), st.integers(0, 300))
def test_property_phrase_index_finds_what_a_full_scan_finds(text, start, width):
    end = min(len(text), start + width)
    comp = attribution._compiled()
    for index in (comp.verb_index, comp.alias_index):
        assert index.find(text, start, end) == _slow_find(index, text, start, end)


def test_sentences_without_cues_have_nothing():
    text = "Rebels shelled the village. Negotiators met in Geneva; talks went on. The monitor said 3 died."
    first, second = text.index("Negotiators"), text.index("The monitor")
    assert dates.find_dates(text, first, second, published=date(2024, 5, 8)) == []
    assert numbers.find_counts(text, first, second) == []
    assert attribution.find_claims(text, first, second) == []
    counts = numbers.find_counts(text, second, len(text))
    assert [(c.best, c.quantity) for c in counts] == [(3, "killed")]


def test_gates_keep_case_folded_letters():
    """İ ı ſ K match ASCII letters case-insensitively: such windows take the full path."""
    text = "Three civilians were \u212aILLED on Monday."
    assert [(c.best, c.quantity) for c in numbers.find_counts(text)] == [(3, "killed")]
    assert [m.group() for m in numbers._trigger_matches(text, 0, len(text))] == ["\u212aILLED"]
