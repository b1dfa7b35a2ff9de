"""``read_inputs``: walk files/directories, read each supported file, apply --meta, infer missing dates."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from sitrep.errors import InputError, InputTooLargeError, ProcessingTimeoutError, UnsupportedInputError
from sitrep.ingest.meta import META_FIELDS, MetaIndex, load_meta
from sitrep.ingest.pubdate import infer_published
from sitrep.ingest.readers import READERS, Item
from sitrep.ingest.timeout import Overrun, deadline
from sitrep.model import Article

DEFAULT_MAX_BYTES = 20_000_000
READ_TIME_BUDGET = 60.0
"""Seconds to read one file (one line of a .jsonl), decoding and HTML extraction included."""
DEFAULT_MAX_CHARS = 500_000
"""Longest article text (characters, after decoding and HTML extraction) passed on to extraction.

Extraction time grows with the text (about 30-50 µs a character); 500,000 characters is some 80,000
words, far beyond any news article, and keeps one document within seconds. Longer texts are reported
as InputTooLargeError naming the file (and line), not silently cut.
"""
MetaArg = str | os.PathLike | Mapping[str, Mapping[str, Any]] | MetaIndex | None


class InputStream(Iterator[Item]):
    """Iterator over a batch's Articles and InputErrors, in a deterministic order; counts what it skipped."""

    def __init__(self, paths: Iterable[str | os.PathLike], *, meta: MetaIndex | None, max_bytes: int,
                 infer_dates: bool = True, exclude: Iterable[str | os.PathLike] = (),
                 max_chars: int = DEFAULT_MAX_CHARS, time_budget: float | None = READ_TIME_BUDGET) -> None:
        self.meta = meta
        self.time_budget = time_budget
        self._exclude = {Path(p).resolve() for p in exclude}
        self.max_bytes = max_bytes
        self.max_chars = max_chars
        self.infer_dates = infer_dates
        self.skipped: list[str] = []  # files met in directories: unsupported extension, hidden, the --meta file
        self.articles = 0
        self.errors = 0
        self._seen: dict[str, str] = {}
        self._items = self._generate(list(paths))

    def __iter__(self) -> InputStream:
        return self

    def __next__(self) -> Item:
        item = next(self._items)
        if isinstance(item, Article):
            self.articles += 1
        else:
            self.errors += 1
        return item

    @property
    def n_skipped(self) -> int:
        """How many files inside the given directories were skipped (unsupported extension or hidden)."""
        return len(self.skipped)

    def _generate(self, paths: list[str | os.PathLike]) -> Iterator[Item]:
        """Read every file in order and post-process its articles."""
        for found in self._files(paths):
            if isinstance(found, InputError):
                yield found
                continue
            reader = READERS.get(found.suffix.lower())
            if reader is None:
                yield UnsupportedInputError(
                    f"unsupported file type {found.suffix or '(no extension)'!r}; expected one of "
                    + ", ".join(sorted(READERS)), path=str(found))
                continue
            yield from self._read(reader, found)

    def _read(self, reader: Any, path: Path) -> Iterator[Item]:
        """One file's items; a reader that breaks on it (a bug met by this input) or runs past the time
        budget for one item (a file, a JSONL line) ends that file with an error, and the batch goes on."""
        items = reader(path, max_bytes=self.max_bytes)
        while True:
            try:
                with deadline(self.time_budget):
                    item = next(items, None)
                    if isinstance(item, Article):
                        item = self._finish(item)
            except Overrun:
                items.close()
                yield ProcessingTimeoutError(
                    f"reading took longer than {self.time_budget:g} s; the rest of the file is skipped", path=str(path))
                return
            except Exception as e:  # noqa: BLE001 - one hostile file must not end the batch
                yield InputError(f"cannot read file: internal error {type(e).__name__}: {e}", path=str(path))
                return
            if item is None:
                return
            yield item

    def _files(self, paths: list[str | os.PathLike]) -> Iterator[Path | InputError]:
        """Explicit files as given, directories walked recursively in sorted order."""
        for p in paths:
            path = Path(p)
            if path.is_dir():
                yield from self._walk(path)
            elif path.exists():
                yield path
            else:
                yield InputError("no such file or directory", path=str(path))

    def _walk(self, top: Path) -> Iterator[Path | InputError]:
        """Supported files under ``top`` (sorted by name, depth first); hidden entries and others skipped."""
        try:
            entries = sorted(os.scandir(top), key=lambda e: e.name)
        except OSError as e:
            yield InputError(f"cannot list directory: {e.strerror or e}", path=str(top))
            return
        for entry in entries:
            path = top / entry.name
            if entry.name.startswith("."):
                if not entry.is_dir():
                    self.skipped.append(str(path))
            elif entry.is_dir():
                yield from self._walk(path)
            elif path.suffix.lower() in READERS and not self._excluded(path):
                yield path
            else:
                self.skipped.append(str(path))

    def _excluded(self, path: Path) -> bool:
        """The --meta file itself, met while walking a directory, is not an input."""
        return any(path.name == ex.name and path.resolve() == ex for ex in self._exclude)

    def _finish(self, article: Article) -> Item:
        """Reject over-long texts and duplicate ids, apply --meta (it wins), infer a missing publication date."""
        if len(article.text) > self.max_chars:
            return InputTooLargeError(
                f"document {article.doc_id!r}: text is {len(article.text):,} characters, longer than the limit of "
                f"{self.max_chars:,} processed per document; skipped", path=article.path, line=article.line)
        where = f"{article.path}:{article.line}" if article.line else str(article.path)
        first = self._seen.get(article.doc_id)
        if first is not None:
            return InputError(f"duplicate document id {article.doc_id!r} (first read from {first}); skipped",
                              path=article.path, line=article.line)
        self._seen[article.doc_id] = where
        apply_meta(article, self.meta)
        if self.infer_dates:
            apply_inferred_date(article)
        return article


def read_inputs(paths: Iterable[str | os.PathLike] | str | os.PathLike, *, meta: MetaArg = None,
                max_bytes: int = DEFAULT_MAX_BYTES, infer_dates: bool = True,
                max_chars: int = DEFAULT_MAX_CHARS, time_budget: float | None = READ_TIME_BUDGET) -> InputStream:
    """Articles and InputErrors from files/directories; a bad --meta file raises MetadataError at once.

    ``max_bytes`` bounds a file (a line for .jsonl) before decoding, ``max_chars`` an article's text after,
    ``time_budget`` the seconds spent reading one file or line (enforced in the main thread).
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    if max_bytes <= 0 or max_chars <= 0:
        raise ValueError("max_bytes and max_chars must be positive")
    exclude = [meta] if isinstance(meta, str | os.PathLike) else []
    return InputStream(paths, meta=meta_index(meta), max_bytes=max_bytes, infer_dates=infer_dates,
                       exclude=exclude, max_chars=max_chars, time_budget=time_budget)


def meta_index(meta: MetaArg) -> MetaIndex | None:
    """A MetaIndex from a metadata file path, a loaded mapping or an index."""
    if meta is None or isinstance(meta, MetaIndex):
        return meta
    if isinstance(meta, Mapping):
        return MetaIndex(meta)
    return MetaIndex(load_meta(meta))


def apply_meta(article: Article, meta: MetaIndex | None) -> None:
    """Overwrite the article's outlet/published/url/title with what --meta gives for it."""
    entry = meta.lookup(article.doc_id) if meta is not None else None
    if not entry:
        return
    for key in META_FIELDS:
        value = entry.get(key)
        if value is not None:
            setattr(article, key, value)
    if entry.get("published") is not None:
        article.published_inferred = False
        article.published_evidence = None


def apply_inferred_date(article: Article) -> None:
    """Fill a missing publication date from the text (marked inferred, with its evidence)."""
    if article.published is not None:
        return
    day, evidence = infer_published(article.text)
    if day is not None:
        article.published = day
        article.published_inferred = True
        article.published_evidence = evidence
