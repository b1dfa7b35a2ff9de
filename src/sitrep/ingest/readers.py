"""One reader per input format. Readers yield raw Articles (document metadata only) or InputErrors."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from sitrep.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
    JsonLineError,
    UnsupportedInputError,
)
from sitrep.ingest.dates import parse_published
from sitrep.ingest.decode import SNIFF_BYTES, binary_kind, decode_bytes, normalize_newlines, wide_encoding
from sitrep.ingest.html import decode_html, extract_html
from sitrep.model import Article

Item = Article | InputError
_OPTIONAL_STR = ("title", "url", "outlet", "published")
_SURROGATE = re.compile("[\ud800-\udfff]")


def read_file_bytes(path: Path, *, max_bytes: int) -> bytes:
    """The file's bytes; InputTooLargeError above ``max_bytes``, InputError when it cannot be read."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputTooLargeError(f"file is {size} bytes, larger than the limit of {max_bytes}", path=name)
        return path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read file: {e.strerror or e}", path=name) from e


def read_txt(path: Path, *, max_bytes: int) -> Iterator[Item]:
    """A plain-text file: one article, doc_id = file name, text kept as is (newlines normalised)."""
    name = str(path)
    try:
        text = decode_bytes(read_file_bytes(path, max_bytes=max_bytes), path=name)
        _require_text(text, path=name)
    except InputError as e:
        yield e
        return
    yield Article(doc_id=path.name, text=text, path=name)


MAX_HTML_BYTES = 5_000_000
"""Largest HTML page read: boilerplate removal slows down faster than linearly (about 10 s at 5 MB)."""


def read_html(path: Path, *, max_bytes: int) -> Iterator[Item]:
    """An HTML page: main text and page metadata, doc_id = file name."""
    name = str(path)
    try:
        html = decode_html(read_file_bytes(path, max_bytes=min(max_bytes, MAX_HTML_BYTES)), path=name)
        _require_text(html, path=name)
        page = extract_html(html, path=name)
    except InputError as e:
        yield e
        return
    yield Article(doc_id=path.name, text=page.text, title=page.title, outlet=page.outlet,
                  published=page.published, url=page.url, path=name)


def read_jsonl(path: Path, *, max_bytes: int) -> Iterator[Item]:
    """A JSONL file, streamed: one article per non-blank line; ``max_bytes`` applies to each line."""
    name = str(path)
    try:
        fh = path.open("rb")
    except OSError as e:
        yield InputError(f"cannot read file: {e.strerror or e}", path=name)
        return
    with fh:
        head = fh.read(SNIFF_BYTES)
        problem = _jsonl_head_problem(head, path=name)
        if problem is not None:
            yield problem
            return
        wide = wide_encoding(head)
        fh.seek(wide[1] if wide else 0)
        lines = _wide_lines(fh, wide[0], max_bytes, name) if wide else _byte_lines(fh, max_bytes, name)
        first = True
        for lineno, raw in lines:
            if isinstance(raw, InputError):
                first = False
                yield raw
            elif raw.strip():
                item = _jsonl_record(raw.lstrip("\ufeff") if lineno == 1 else raw, path=name, line=lineno)
                if first and isinstance(item, JsonLineError) and _is_meta_record(raw):
                    yield UnsupportedInputError('this is a metadata file (records keyed by "doc"), not articles;'
                                                " pass it with --meta", path=name)
                    return
                first = False
                yield item
        if first:  # only blank lines (whitespace the byte-level check above does not know, e.g. \v or U+2028)
            yield EmptyInputError("file contains only whitespace", path=name)


def _jsonl_head_problem(head: bytes, *, path: str) -> InputError | None:
    """Whole-file problems visible in the first bytes: empty, or a binary format."""
    if not head.strip() or not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        return EmptyInputError("empty file", path=path)
    kind = binary_kind(head)
    if kind is not None:
        return BinaryInputError(f"binary file ({kind}), not text", path=path)
    if wide_encoding(head) is None and b"\x00" in head:
        return BinaryInputError("binary file (contains NUL bytes)", path=path)
    return None


def _byte_lines(fh: BinaryIO, max_bytes: int, path: str) -> Iterator[tuple[int, str | InputError]]:
    """(line number, decoded line or error) for ASCII-compatible files, each line decoded on its own."""
    lineno = 0
    while True:
        raw = fh.readline(max_bytes + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            _skip_rest_of_line(fh)
            yield lineno, InputTooLargeError(f"line is longer than the limit of {max_bytes} bytes", path=path,
                                             line=lineno)
            continue
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield lineno, decode_bytes(raw.rstrip(b"\r\n"), path=path, line=lineno, raw=True)
        except InputError as e:
            yield lineno, e


def _skip_rest_of_line(fh: BinaryIO) -> None:
    """Consume the remainder of an over-long line in bounded chunks."""
    while True:
        chunk = fh.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _wide_lines(fh: BinaryIO, encoding: str, max_bytes: int, path: str) -> Iterator[tuple[int, str | InputError]]:
    """(line number, line or error) for UTF-16/32 files (read after the BOM), each line decoded on its own."""
    for lineno, raw in enumerate(_split_units(fh, "\n".encode(encoding), max_bytes), start=1):
        if raw is None:
            yield lineno, InputTooLargeError(f"line is longer than the limit of {max_bytes} bytes", path=path,
                                             line=lineno)
            continue
        try:
            yield lineno, raw.decode(encoding).rstrip("\r")
        except UnicodeDecodeError as e:
            yield lineno, EncodingError(f"invalid {encoding} at byte {e.start} of the line: {e.reason}", path=path,
                                        line=lineno)


def _split_units(fh: BinaryIO, newline: bytes, max_bytes: int) -> Iterator[bytes | None]:
    """Lines of a fixed-width encoding split at code-unit-aligned newlines; None for an over-long line."""
    unit = len(newline)
    buf = bytearray()
    skipping = False
    while True:
        chunk = fh.read(1 << 16)
        buf += chunk
        pos = 0
        while (i := _find_aligned(buf, newline, pos)) >= 0:
            if not skipping:
                yield bytes(buf[pos:i]) if i - pos <= max_bytes else None
            skipping = False
            pos = i + unit
        del buf[:pos]
        if not chunk:
            if buf and not skipping:
                yield bytes(buf) if len(buf) <= max_bytes else None
            return
        if len(buf) > max_bytes:
            if not skipping:
                yield None
            skipping = True
            del buf[: len(buf) - len(buf) % unit]


def _find_aligned(buf: bytearray, newline: bytes, pos: int) -> int:
    """Index of ``newline`` at or after ``pos`` on a code-unit boundary (pos is aligned), or -1."""
    unit = len(newline)
    while (i := buf.find(newline, pos)) >= 0:
        if (i - pos) % unit == 0:
            return i
        pos = i + unit - (i - pos) % unit
    return -1


def _jsonl_record(raw: str, *, path: str, line: int) -> Item:
    """One JSONL line → Article, or the JsonLineError/EmptyInputError explaining why not."""
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as e:
        return JsonLineError(f"invalid JSON: {e.msg} at column {e.colno}", path=path, line=line)
    except (ValueError, RecursionError) as e:
        return JsonLineError(f"invalid JSON: {e}", path=path, line=line)
    if not isinstance(obj, dict):
        return JsonLineError(f"expected a JSON object, got {type(obj).__name__}", path=path, line=line)
    problem = _record_problem(obj)
    if problem is not None:
        return JsonLineError(problem, path=path, line=line)
    text = _no_surrogates(normalize_newlines(obj["text"]))
    if not text.strip():
        return EmptyInputError("empty text", path=path, line=line)
    published = obj.get("published")
    return Article(
        doc_id=_id(obj["id"]),
        text=text,
        title=_opt(obj.get("title")),
        outlet=_opt(obj.get("outlet")),
        published=parse_published(published) if published else None,
        url=_opt(obj.get("url")),
        path=path,
        line=line,
    )


def _is_meta_record(raw: str) -> bool:
    """A --meta record ({"doc": ...} without "id"/"text") found where articles were expected."""
    try:
        obj = json.loads(raw)
    except (ValueError, RecursionError):
        return False
    return isinstance(obj, dict) and "doc" in obj and "id" not in obj and "text" not in obj


def _record_problem(obj: dict[str, Any]) -> str | None:
    """Why a JSONL object is not an article record (missing id/text, wrong types), or None."""
    if "id" not in obj:
        return 'missing "id"'
    if "text" not in obj:
        return 'missing "text"'
    ident = obj["id"]
    if isinstance(ident, bool) or not isinstance(ident, str | int) or not str(ident).strip():
        return f'"id" must be a non-empty string (or integer), got {_json_type(ident)}'
    if not isinstance(obj["text"], str):
        return f'"text" must be a string, got {_json_type(obj["text"])}'
    for key in _OPTIONAL_STR:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            return f'"{key}" must be a string or null, got {_json_type(value)}'
    return None


def _json_type(value: Any) -> str:
    """JSON name of a decoded value's type."""
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _id(value: str | int) -> str:
    """A document id as a trimmed string."""
    return str(value).strip()


def _no_surrogates(text: str) -> str:
    """Lone surrogates (legal in JSON escapes, not in UTF-8) become U+FFFD, one for one (offsets unchanged)."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _opt(value: str | None) -> str | None:
    """An optional metadata string, trimmed; None when empty."""
    if value is None:
        return None
    value = " ".join(_no_surrogates(value).split())
    return value or None


def _require_text(text: str, *, path: str) -> None:
    """Empty or whitespace-only input is an EmptyInputError."""
    if not text.strip():
        raise EmptyInputError("empty file" if not text else "file contains only whitespace", path=path)


READERS: dict[str, Callable[..., Iterator[Item]]] = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
}
"""Supported file extensions (lower case) and their readers."""
