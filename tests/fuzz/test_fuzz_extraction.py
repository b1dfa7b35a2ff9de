"""Hostile text through the real extraction Engine and the resolver: no crash, offsets always valid.

Texts are arbitrary Unicode (control characters, combining marks, emoji, bidi controls, other
scripts) or built from a vocabulary of conflict-news fragments that steers them into the extractors'
deeper paths. Each document goes through ``process_guarded`` (the batch guard): a crash there is
reported as a ProcessingError, which these tests treat as a failure with the document's text.
"""

from __future__ import annotations

import pytest
from fuzz_support import FUZZ, VOCABULARY, offset_problems, run_offset_problems, scaled
from hypothesis import given
from hypothesis import strategies as st

from sitrep.errors import InputError
from sitrep.model import Article
from sitrep.pipeline import process_guarded, resolve_results

unicode_text = st.text(st.characters(codec=None, exclude_categories=("Cs",)), max_size=600)
vocab_text = st.lists(st.sampled_from(VOCABULARY), max_size=120).map(" ".join)
glued_text = st.lists(st.sampled_from(VOCABULARY), max_size=120).map("".join)
texts = st.one_of(vocab_text, glued_text, unicode_text)


def _process(engine, doc_id: str, text: str):
    """One document through the guarded engine; a crash fails the test with a reproducible message."""
    result = process_guarded(engine, Article(doc_id=doc_id, text=text, path=f"{doc_id}.txt"), time_budget=30)
    assert not isinstance(result, InputError), f"extraction crashed on text={text!r}: {result}"
    return result


@FUZZ
@given(text=texts)
def test_engine_never_crashes_and_offsets_are_valid(engine, text) -> None:
    result = _process(engine, "fuzz-1", text)
    assert result.article.text == text
    assert offset_problems(result) == []


@scaled(40)
@given(docs=st.lists(texts, min_size=2, max_size=6), level=st.sampled_from(["incident", "document"]))
def test_resolution_over_hostile_documents_keeps_offsets(engine, docs, level) -> None:
    results = [_process(engine, f"fuzz-{i}", t) for i, t in enumerate(docs)]
    run = resolve_results(results, level=level)
    assert run_offset_problems(run, {r.article.doc_id: r.article.text for r in results}) == []
    for inc in run.incidents:
        assert inc.sources, inc


def test_guard_turns_a_crash_and_an_overrun_into_that_documents_error() -> None:
    from sitrep.errors import ProcessingError, ProcessingTimeoutError

    class Crashing:
        def process(self, article):
            raise RecursionError("maximum recursion depth exceeded")

    class Slow:
        def process(self, article):
            import time

            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:  # bounded: the guard's alarm ends it after 0.2 s
                sum(range(1000))
            raise AssertionError("the time budget did not stop the document")

    art = Article("d1", "text", path="in.jsonl", line=7)
    err = process_guarded(Crashing(), art)
    assert isinstance(err, ProcessingError) and err.path == "in.jsonl" and err.line == 7
    assert "RecursionError" in err.message and "'d1'" in err.message
    slow = process_guarded(Slow(), art, time_budget=0.2)
    assert isinstance(slow, ProcessingTimeoutError) and "0.2 s" in slow.message and slow.line == 7


@pytest.mark.parametrize("text", [
    "Rebels shelled Homs, killing two people and killing two people.",
    "killed a monitor said a monitor said killed",
])
def test_summed_counts_keep_their_text(engine, text) -> None:
    """Found by fuzzing: a count summed from several mentions had a span without its text (now fixed)."""
    assert offset_problems(_process(engine, "sum", text)) == []
