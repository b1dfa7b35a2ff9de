"""Orchestration: inputs → articles → per-document mentions → incidents. The one entry point for CLI, eval, store.

Stable interface (used by output/, evaluate/, store/, api/):
- ``Engine()``: loads the NLP pipeline, gazetteer, actor KB and trigger lexicon once.
- ``Engine.process(article) -> DocumentResult``: document-level extraction.
- ``run(paths, *, meta=None, level="incident", engine=None, progress=False) -> RunResult``.
- ``resolve_results(results, *, level) -> RunResult`` (without documents/errors filled).
"""
