"""``--meta FILE.jsonl``: per-document metadata that wins over what the documents themselves declare."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path, PurePath
from typing import Any

from sitrep.errors import InputError, MetadataError
from sitrep.ingest.dates import parse_published
from sitrep.ingest.decode import decode_bytes

META_FIELDS = ("outlet", "published", "url", "title")
KNOWN_EXTENSIONS = frozenset({".txt", ".html", ".htm", ".xhtml", ".jsonl", ".json", ".md"})
"""Suffixes stripped when matching a meta key to a document id ("000_x" matches "000_x.txt")."""


def load_meta(path: str | Path) -> dict[str, dict[str, Any]]:
    """Read a metadata JSONL file into ``{doc: {field: value}}``; any broken line raises MetadataError."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise MetadataError(f"cannot read metadata file: {e.strerror or e}", path=name) from e
    try:
        text = decode_bytes(data, path=name)
    except InputError as e:
        raise MetadataError(f"metadata file is not readable text: {e.message}", path=name) from e
    out: dict[str, dict[str, Any]] = {}
    for lineno, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            doc, entry = parse_meta_line(line, path=name, line=lineno)
            out[doc] = entry
    return out


def parse_meta_line(raw: str, *, path: str | None = None, line: int | None = None) -> tuple[str, dict]:
    """One metadata record → (doc key, {field: value}) with ``published`` parsed to a date."""
    line_no = line
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as e:
        raise MetadataError(f"invalid JSON: {e.msg} at column {e.colno}", path=path, line=line_no) from e
    if not isinstance(obj, dict):
        raise MetadataError(f"expected a JSON object, got {type(obj).__name__}", path=path, line=line_no)
    doc = obj.get("doc")
    if not isinstance(doc, str) or not doc.strip():
        raise MetadataError('missing or empty "doc" (a file name or document id)', path=path, line=line_no)
    entry: dict[str, Any] = {}
    for key in META_FIELDS:
        value = obj.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise MetadataError(f'"{key}" must be a string or null, got {type(value).__name__}', path=path,
                                line=line_no)
        if key == "published":
            parsed = parse_published(value)
            if parsed is None:
                raise MetadataError(f'"published" is not a date: {value!r}', path=path, line=line_no)
            entry[key] = parsed
        elif value.strip():
            entry[key] = value.strip()
    return doc.strip(), entry


class MetaIndex:
    """Looks up metadata for a document id: exact key, then file name, then id without extension."""

    __slots__ = ("_exact", "_loose")

    def __init__(self, meta: Mapping[str, Mapping[str, Any]]) -> None:
        self._exact: dict[str, Mapping[str, Any]] = dict(meta)
        self._loose: dict[str, Mapping[str, Any]] = {}
        for key, entry in meta.items():
            for alias in _aliases(key):
                self._loose.setdefault(alias, entry)

    def __len__(self) -> int:
        return len(self._exact)

    def lookup(self, doc_id: str) -> Mapping[str, Any] | None:
        """Metadata for ``doc_id`` or None."""
        found = self._exact.get(doc_id)
        if found is not None:
            return found
        for alias in (doc_id, *_aliases(doc_id)):
            found = self._loose.get(alias)
            if found is not None:
                return found
        return None


def _aliases(key: str) -> tuple[str, ...]:
    """A key's file name (without directories) and that name without a known extension."""
    name = PurePath(key.replace("\\", "/")).name or key
    out = [name]
    suffix = PurePath(name).suffix
    if suffix.lower() in KNOWN_EXTENSIONS:
        out.append(name[: -len(suffix)])
    return tuple(dict.fromkeys(a for a in out if a))
