"""Orchestration: inputs → articles → per-document mentions → incidents. The one entry point for CLI, eval, store.

Stable interface (used by output/, evaluate/, store/, api/):
- ``Engine()``: loads the NLP pipeline, gazetteer, actor KB and trigger lexicon once.
- ``Engine.process(article) -> DocumentResult``: document-level extraction.
- ``run(paths_or_articles, *, meta=None, level="incident", engine=None, progress=False) -> RunResult``.
- ``resolve_results(results, *, level) -> RunResult`` (documents and errors left empty).
"""

from __future__ import annotations

import types
from collections.abc import Iterable, Sequence
from pathlib import Path

from sitrep.errors import InputError
from sitrep.model import Article, DocumentResult, RunResult

LEVELS = ("incident", "document")


def _extractors() -> types.SimpleNamespace:
    from sitrep.extract import attribution, dates, numbers

    return types.SimpleNamespace(
        find_dates=dates.find_dates,
        best_event_date=dates.best_event_date,
        default_date=dates.default_date,
        find_counts=numbers.find_counts,
        find_claims=attribution.find_claims,
    )


class Engine:
    """Loaded resources for extraction; create once, reuse for every article."""

    def __init__(self, *, gazetteer=None, actors=None) -> None:
        from sitrep.extract.actors import ActorKB
        from sitrep.extract.events import EventAssembler
        from sitrep.extract.triggers import TriggerLexicon
        from sitrep.geo.geocoder import Geocoder
        from sitrep.nlp.pipeline import build_nlp

        self.nlp = build_nlp()
        self.lexicon = TriggerLexicon.default()
        self.actors = actors or ActorKB.default()
        self.geocoder = Geocoder(gazetteer) if gazetteer is not None else Geocoder()
        self.assembler = EventAssembler(
            lexicon=self.lexicon, actors=self.actors, geocoder=self.geocoder, extractors=_extractors()
        )

    def process(self, article: Article) -> DocumentResult:
        """Document-level extraction: mentions, aggregates and actor labels of one article."""
        from sitrep.nlp.pipeline import sentences

        doc = self.nlp(article.text)
        if not doc._.relevant:
            return DocumentResult(article=article)
        return self.assembler.assemble(article, sentences(doc), cues=doc._.cues)


def read_articles(paths_or_articles: Sequence, *, meta=None) -> Iterable[Article | InputError]:
    """Articles as given, or read from files and directories (errors are yielded, not raised)."""
    paths = [p for p in paths_or_articles if not isinstance(p, Article)]
    for item in paths_or_articles:
        if isinstance(item, Article):
            yield item
    if paths:
        from sitrep.ingest import read_inputs

        yield from read_inputs([Path(p) for p in paths], meta=meta)


def resolve_results(results: list[DocumentResult], *, level: str = "incident") -> RunResult:
    """Incidents (merged across documents at incident level), aggregates, contradictions, framing."""
    from sitrep.resolve import resolve

    return resolve(results, level=level)


def run(paths_or_articles: Sequence, *, meta=None, level: str = "incident", engine: Engine | None = None, progress: bool = False) -> RunResult:
    """The main job: read, extract per document, resolve."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
    engine = engine or Engine()
    articles: list[Article] = []
    errors: list[InputError] = []
    results: list[DocumentResult] = []
    items = read_articles(paths_or_articles, meta=meta)
    for item in _progress(items, enabled=progress):
        if isinstance(item, InputError):
            errors.append(item)
            continue
        articles.append(item)
        results.append(engine.process(item))
    out = resolve_results(results, level=level)
    out.documents = articles
    out.errors = errors
    return out


def _progress(items: Iterable, *, enabled: bool) -> Iterable:
    if not enabled:
        yield from items
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(), TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True
    ) as bar:
        task = bar.add_task("extract", total=None)
        for item in items:
            yield item
            bar.advance(task)
