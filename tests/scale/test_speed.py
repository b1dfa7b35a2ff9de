"""The default Engine's speed-ups (sitrep.scale.speed) change nothing in the results."""

from __future__ import annotations

import pytest

from sitrep.model import Article
from sitrep.store.serialize import dumps_result


def test_fast_engine_gives_the_same_results(corpus):
    from sitrep.pipeline import Engine

    fast, reference = Engine(), Engine(fast=False)  # built together: same code and data
    assert fast.fast and not reference.fast
    step = max(1, len(corpus) // 150)  # the reference engine is slow: examples, seeds, then every step-th note
    for art in corpus[:12] + corpus[12::step]:
        assert dumps_result(fast.process(art)) == dumps_result(reference.process(art)), art.doc_id


def test_a_text_without_cues_is_skipped_before_tokenising(engine, monkeypatch):
    calls = []
    monkeypatch.setattr(engine, "nlp", lambda *a, **k: calls.append(a) or pytest.fail("tokenised"))
    res = engine.process(Article(doc_id="weather", text="Sunny spells in the morning, light rain later in the week."))
    assert res.mentions == [] and res.aggregates == [] and calls == []


def test_document_context_is_computed_once_per_text(engine):
    text = "Fighting was reported in Aleppo and Idlib on Monday."
    assert engine.geocoder.document_context(text) is engine.geocoder.document_context(text)
    other = engine.geocoder.document_context(text + " ")
    assert other is not engine.geocoder.document_context(text)
