"""Shared by the fuzz tests and the long fuzzing command: settings profiles, a vocabulary, offset checks.

Profiles (env ``SITREP_FUZZ_PROFILE``): ``fuzz-ci`` (default: derandomised, about a hundred cases per
property, for CI) and ``fuzz-long`` (random, ``SITREP_FUZZ_EXAMPLES`` cases per property, default 5000).
Nothing here is copied from the corpus: the vocabulary below is written for these tests.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from typing import Any

from hypothesis import HealthCheck, settings

from sitrep.model import DocumentResult, RunResult, Span

_SUPPRESS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
             HealthCheck.function_scoped_fixture, HealthCheck.large_base_example]
settings.register_profile("fuzz-ci", max_examples=100, derandomize=True, deadline=None,
                          suppress_health_check=_SUPPRESS, print_blob=True, database=None)
settings.register_profile("fuzz-long", max_examples=int(os.environ.get("SITREP_FUZZ_EXAMPLES", "5000")),
                          deadline=None, suppress_health_check=_SUPPRESS, print_blob=True)
FUZZ = settings.get_profile(os.environ.get("SITREP_FUZZ_PROFILE", "fuzz-ci"))
"""Decorator applying the selected profile to a property test."""


def scaled(n: int) -> settings:
    """The selected profile with ``n`` examples in CI (slow properties), the profile's own count otherwise."""
    if FUZZ.derandomize:
        return settings(FUZZ, max_examples=n)
    return FUZZ

# Fragments that steer generated text into the extractors' paths: triggers, numbers, dates, actors,
# places, attributions, plus separators and characters that break naive offset arithmetic.
VOCABULARY = [
    "Shelling", "shelling", "an air strike", "airstrikes", "clashes", "fighting", "killed", "were killed",
    "wounded", "injured", "at least", "more than", "up to", "dozens of", "hundreds", "some", "about",
    "three", "twenty-five", "1,200", "12", "0", "-3", "1e9", "999999999999999999999", "½", "٣", "IV",
    "civilians", "children", "soldiers", "fighters", "rebels", "government forces", "the army", "police",
    "militants", "protesters", "demonstrators", "the regime", "Russian jets", "drones", "a suicide bomber",
    "in", "near", "outside", "north of", "the village of", "the province of", "Aleppo", "Idlib", "Homs",
    "Nairobi", "Kabul", "Mogadishu", "Springfield", "Gaza", "Kharkiv", "on Monday", "on Friday",
    "last week", "yesterday", "on 3 March", "March 2024", "2024-03-05", "in 1999", "since January",
    "said", "according to", "a monitor said", "medics said", "denied", "claimed", "reported", "not",
    "no one was hurt", "would", "could", "threatened to", ".", ",", ";", ":", "!", "?", "\n", "\n\n",
    " ", "  ", "\t", "\u00a0", "\u200b", "\u202e", "\ufeff", "\u0301", "e\u0301", "😀", "🇸🇾", "👨‍👩‍👧",
    "\x00", "\x07", "\x1b[31m", "\r", "\u2028", "\ufffd", '"', "“", "”", "'", "’", "(", ")", "[", "]",
    "<b>", "</p>", "&amp;", "http://x.example/a?b=c", "@user", "#tag", "$", "%", "—", "–", "-", "/",
    "Ｓｙｒｉａ", "ǅ", "İstanbul", "ß", "ﬁ", "ⅷ", "𝟘", "الرقة", "Дамаск", "大马士革",
]


def spans_of(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every Span, and every record with (sentence|text, start, end), inside a result, with where it is."""
    if isinstance(value, Span):
        yield path, value
        return
    if isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            yield from spans_of(v, f"{path}[{i}]")
        return
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = {f.name for f in dataclasses.fields(value)}
        if {"start", "end", "sentence"} <= names and isinstance(getattr(value, "sentence"), str):
            yield path, value
        for f in dataclasses.fields(value):
            if f.name != "article":
                yield from spans_of(getattr(value, f.name), f"{path}.{f.name}")


def offset_problems(result: DocumentResult) -> list[str]:
    """Spans of a document result whose offsets do not give back their text."""
    text = result.article.text
    out = []
    for where, sp in spans_of(result):
        got = sp.text if isinstance(sp, Span) else sp.sentence
        if not (0 <= sp.start <= sp.end <= len(text)) or text[sp.start : sp.end] != got:
            out.append(f"{where}: [{sp.start}:{sp.end}] {got!r} != {text[max(0, sp.start):max(0, sp.end)]!r}")
    return out


def run_offset_problems(run: RunResult, texts: dict[str, str]) -> list[str]:
    """Sources, aggregates and contradiction claims of a resolved run whose offsets miss their document."""
    out = []
    records: list[tuple[str, Any]] = []
    for inc in run.incidents:
        records += [(f"incident {inc.incident_id} source", s) for s in inc.sources]
    records += [("aggregate", a) for a in run.aggregates]
    for c in run.contradictions:
        records += [("contradiction claim", cl) for cl in c.claims]
    for where, rec in records:
        text = texts.get(rec.doc_id)
        if text is None or text[rec.start : rec.end] != rec.sentence:
            out.append(f"{where} in {rec.doc_id}: [{rec.start}:{rec.end}] {rec.sentence!r}")
    return out
