"""Orchestration: inputs → articles → per-document mentions → incidents. The one entry point for CLI, eval, store.

Stable interface (used by output/, evaluate/, store/, api/):
- ``Engine()``: loads the NLP pipeline, gazetteer, actor KB and trigger lexicon once
  (``fast=True``, the default, applies the output-preserving speed-ups of ``sitrep.scale.speed``).
- ``Engine.process(article) -> DocumentResult``: document-level extraction.
- ``run(paths_or_articles, *, meta=None, level="incident", engine=None, progress=False, workers=1) -> RunResult``
  (``workers`` > 1: extraction in that many processes, same output).
- ``run_stream(paths_or_articles, *, meta=None, level="incident", workers=1, spill_dir=None) -> RunResult``:
  bounded memory; incidents resolved block by block (``sitrep.scale.resolution``), lazy sections.
- ``resolve_results(results, *, level) -> RunResult`` (documents and errors left empty).
- ``process_guarded(engine, article, *, time_budget=DOC_TIME_BUDGET) -> DocumentResult | ProcessingError``:
  ``Engine.process`` for one document of a batch; a crash or an overrun is that document's error.
"""

from __future__ import annotations

import re
import types
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from sitrep.errors import InputError, ProcessingError, ProcessingTimeoutError
from sitrep.ingest.timeout import Overrun, deadline
from sitrep.model import Article, DocumentResult, RunResult

LEVELS = ("incident", "document")
DOC_TIME_BUDGET = 60.0
"""Seconds that extraction of one document may take (enforced in the main thread of POSIX processes)."""


def _extractors() -> types.SimpleNamespace:
    from sitrep.extract import attribution, dates, numbers

    return types.SimpleNamespace(
        find_dates=dates.find_dates,
        best_event_date=dates.best_event_date,
        default_date=dates.default_date,
        find_counts=numbers.find_counts,
        find_claims=attribution.find_claims,
    )


def _fast_modifiers(lexicon):
    """The lexicon's modifier regexes (irrealis, negation, background, denial) searched through a per-text
    index of where they may match (``IndexedSearch``): the regex's own first match, found much faster on the
    many small windows of one document that the assembler asks about."""
    from sitrep.scale.prefix import IndexedSearch, PrefixIndexedPattern

    for name in ("irrealis", "negation", "background", "denial"):
        rx = getattr(lexicon, name)
        if isinstance(rx, re.Pattern):
            setattr(lexicon, name, IndexedSearch(PrefixIndexedPattern(rx)))
    return lexicon


class Engine:
    """Loaded resources for extraction; create once, reuse for every article."""

    def __init__(self, *, gazetteer=None, actors=None, fast: bool = True) -> None:
        from sitrep.extract.actors import ActorKB
        from sitrep.extract.events import EventAssembler
        from sitrep.extract.triggers import TriggerLexicon
        from sitrep.geo.geocoder import Geocoder
        from sitrep.nlp.pipeline import build_nlp

        self.nlp = build_nlp()
        self.lexicon = TriggerLexicon.default()
        self.actors = actors or ActorKB.default()
        self.geocoder = Geocoder(gazetteer, reuse=fast)  # the reference engine (fast=False) checks the reuse
        self.fast = fast
        if fast:
            from sitrep.scale.speed import fast_lexicon, memo_document_context

            self.lexicon = _fast_modifiers(fast_lexicon(self.lexicon))
            memo_document_context(self.geocoder)
            from sitrep.nlp.pipeline import sentence_punct

            self._skip_pipes = [p for p in ("sitrep_cues",) if p in self.nlp.pipe_names]  # used by bench/
            self._punct = sentence_punct(self.nlp)
        self.assembler = EventAssembler(
            lexicon=self.lexicon, actors=self.actors, geocoder=self.geocoder, extractors=_extractors()
        )

    def process(self, article: Article) -> DocumentResult:
        """Document-level extraction: mentions, aggregates and actor labels of one article."""
        from sitrep.nlp.pipeline import sentence_spans, sentences

        if self.fast:
            from sitrep.scale.speed import cues_or_none

            cues = cues_or_none(self.lexicon, article.text)  # the relevance filter, before tokenising
            if cues is None:
                return DocumentResult(article=article)
            # tokenizer only: the sentence starts are read off its arrays (same sentences as the pipes)
            doc = self.nlp.make_doc(article.text)
            return self.assembler.assemble(article, sentence_spans(doc, self._punct, text=article.text), cues=cues)
        doc = self.nlp(article.text)
        if not doc._.relevant:
            return DocumentResult(article=article)
        return self.assembler.assemble(article, sentences(doc), cues=doc._.cues)


def process_guarded(
    engine: Engine, article: Article, *, time_budget: float | None = DOC_TIME_BUDGET
) -> DocumentResult | InputError:
    """``engine.process(article)``, or the error of this one document when extraction raises or overruns."""
    where = {"path": article.path, "line": article.line}
    try:
        with deadline(time_budget):
            return engine.process(article)
    except Overrun:
        return ProcessingTimeoutError(
            f"document {article.doc_id!r}: extraction took longer than {time_budget:g} s; skipped", **where
        )
    except InputError as e:
        return e
    except Exception as e:  # noqa: BLE001 - one document's extraction bug must not end the batch
        return ProcessingError(f"document {article.doc_id!r}: extraction failed: {type(e).__name__}: {e}", **where)


def read_articles(paths_or_articles: Sequence, *, meta=None) -> Iterable[Article | InputError]:
    """Articles as given, or read from files and directories (errors are yielded, not raised)."""
    paths = [p for p in paths_or_articles if not isinstance(p, Article)]
    for item in paths_or_articles:
        if isinstance(item, Article):
            yield item
    if paths:
        from sitrep.ingest import read_inputs

        yield from read_inputs([Path(p) for p in paths], meta=meta)


def resolve_results(results: list[DocumentResult], *, level: str = "incident", acled_aggregation: bool = False) -> RunResult:
    """Incidents (merged across documents at incident level), aggregates, contradictions, framing."""
    from sitrep.resolve import resolve

    return resolve(results, level=level, acled_aggregation=acled_aggregation)


def run(
    paths_or_articles: Sequence,
    *,
    meta=None,
    level: str = "incident",
    engine: Engine | None = None,
    progress: bool = False,
    workers: int = 1,
    acled_aggregation: bool = False,
) -> RunResult:
    """The main job: read, extract per document (in ``workers`` processes when > 1, each with its own
    default Engine: ``engine`` is then unused), resolve."""
    from sitrep.scale.parallel import process_items

    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
    if workers <= 1:
        engine = engine or Engine()
    articles: list[Article] = []
    errors: list[InputError] = []
    results: list[DocumentResult] = []
    items = _progress(read_articles(paths_or_articles, meta=meta), enabled=progress)
    for item, result in process_items(items, engine=engine, workers=workers):
        if isinstance(item, InputError):
            errors.append(item)
            continue
        if isinstance(result, InputError):
            errors.append(result)
            continue
        articles.append(item)
        results.append(result)
    out = resolve_results(results, level=level, acled_aggregation=acled_aggregation)
    out.documents = articles
    out.errors = errors
    return out


def run_stream(
    paths_or_articles: Sequence,
    *,
    meta=None,
    level: str = "incident",
    engine: Engine | None = None,
    progress: bool = False,
    workers: int = 1,
    spill_dir: str | Path | None = None,
    acled_aggregation: bool = False,
) -> RunResult:
    """``run`` with bounded memory: results go to a spill file as they come and incidents are resolved
    block by block (``sitrep.scale.resolution``); the sections are lazy sequences, documents without text."""
    from sitrep.scale.parallel import process_items
    from sitrep.scale.resolution import BlockedResolver

    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
    resolver = BlockedResolver(level=level, spill_dir=spill_dir, acled_aggregation=acled_aggregation)
    items = _progress(read_articles(paths_or_articles, meta=meta), enabled=progress)
    for item, result in process_items(items, engine=engine, workers=workers):
        if isinstance(item, InputError) or isinstance(result, InputError):
            resolver.add_error(item if isinstance(item, InputError) else result)
            continue
        resolver.add(result)
    return resolver.result()


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
