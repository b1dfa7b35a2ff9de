"""Extraction over a stream of articles, in this process or in N worker processes, in input order.

Workers are started with the ``forkserver`` method (a clean process: no SQLite connection or thread
of the caller is inherited) and each builds its own Engine once. Articles go to the workers in
chunks, at most ``4 × workers`` chunks are in flight (the input is never read ahead further), and
results come back in input order, so 1 and N workers give the same output. Input errors never
travel: they are yielded in place by the caller's process.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from sitrep.errors import InputError
from sitrep.model import Article, DocumentResult

Item = Article | InputError
CHUNK = 16
"""Articles per task sent to a worker."""
IN_FLIGHT_PER_WORKER = 4

_ENGINE = None


def _default_engine():
    from sitrep.pipeline import Engine

    return Engine()


def _init_worker(factory: Callable[[], object] | None) -> None:
    """Build this worker's engine once (the factory must be picklable: a module-level callable)."""
    global _ENGINE
    _ENGINE = (factory or _default_engine)()


def _process_chunk(articles: list[Article]) -> list:
    """Results of a chunk, without their articles (the caller still has them: no text travels back);
    a document whose extraction fails travels as (error class, message, path, line)."""
    from sitrep.pipeline import process_guarded

    out = []
    for art in articles:
        res = process_guarded(_ENGINE, art)
        if isinstance(res, InputError):
            out.append((type(res), res.message, res.path, res.line))
            continue
        res.article = None
        out.append(res)
    return out


def _guarded(engine, article: Article):
    from sitrep.pipeline import process_guarded

    return process_guarded(engine, article)


def process_items(
    items: Iterable[Item],
    *,
    engine=None,
    engine_factory: Callable[[], object] | None = None,
    workers: int = 1,
    chunk: int = CHUNK,
) -> Iterator[tuple[Item, DocumentResult | None]]:
    """``(item, result)`` for every input item in order: ``result`` is None for an input error, the
    document's ``ProcessingError`` when its extraction fails (``sitrep.pipeline.process_guarded``)."""
    if workers <= 1:
        engine = engine if engine is not None else (engine_factory or _default_engine)()
        for item in items:
            yield (item, None) if isinstance(item, InputError) else (item, _guarded(engine, item))
        return
    yield from _in_pool(iter(items), engine_factory=engine_factory, workers=workers, chunk=chunk)


def _in_pool(items: Iterator[Item], *, engine_factory, workers: int, chunk: int) -> Iterator[tuple[Item, DocumentResult | None]]:
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["sitrep.pipeline", "sitrep.scale.parallel"])
    pending: deque[tuple[list[Item], Future]] = deque()
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker, initargs=(engine_factory,)) as pool:
        while True:
            while len(pending) < workers * IN_FLIGHT_PER_WORKER:
                batch = list(islice(items, chunk))
                if not batch:
                    break
                articles = [x for x in batch if not isinstance(x, InputError)]
                pending.append((batch, pool.submit(_process_chunk, articles)))
            if not pending:
                return
            batch, future = pending.popleft()
            results = iter(future.result())
            for item in batch:
                if isinstance(item, InputError):
                    yield item, None
                    continue
                res = next(results)
                if isinstance(res, tuple):
                    cls, message, path, line = res
                    yield item, cls(message, path=path, line=line)
                    continue
                res.article = item
                yield item, res
