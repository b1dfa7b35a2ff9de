"""Bytes → text: BOMs, UTF-8, UTF-16/32, cp1252, charset-normalizer fallback; newline normalisation.

Every function raises an :class:`~sitrep.errors.InputError` subclass (never ``UnicodeError``) so
that readers can turn a bad file into a reported error and carry on with the batch.
"""

from __future__ import annotations

import codecs
import re

from sitrep.errors import BinaryInputError, EncodingError

SNIFF_BYTES = 65_536
"""How many leading bytes are inspected to recognise binary files and BOM-less UTF-16."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0", "OLE document"),
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f\s]{4,}")
_MAX_CONTROL_RATIO = 0.02
_MIN_UTF16_PAIRS = 8


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding announced by a leading byte-order mark and the BOM length, if any."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def binary_kind(data: bytes) -> str | None:
    """A short name for a well-known binary format recognised by its magic number."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def sniff_utf16(data: bytes) -> str | None:
    """Recognise BOM-less UTF-16 by the zero bytes that ASCII characters leave in alternate positions."""
    sample = data[: SNIFF_BYTES & ~1]
    pairs = len(sample) // 2
    if pairs < _MIN_UTF16_PAIRS:  # too short to tell UTF-16 from UTF-8 text with a NUL in it
        return None
    zeros_even = sample[0::2].count(0) / pairs
    zeros_odd = sample[1::2].count(0) / pairs
    if zeros_odd > 0.1 and zeros_even < zeros_odd / 10:
        return "utf-16-le"
    if zeros_even > 0.1 and zeros_odd < zeros_even / 10:
        return "utf-16-be"
    return None


def wide_encoding(data: bytes) -> tuple[str, int] | None:
    """A UTF-16/32 encoding (by BOM or by sniffing) and the number of BOM bytes to skip."""
    found = bom_encoding(data)
    if found is not None:
        return found if found[0] != "utf-8" else None
    sniffed = sniff_utf16(data)
    return (sniffed, 0) if sniffed else None


def normalize_newlines(text: str) -> str:
    """CRLF, lone CR and Unicode line/paragraph separators become ``\\n``; a leading BOM is dropped."""
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        text = _NEWLINES.sub("\n", text)
    return text.lstrip("\ufeff")


def decode_bytes(data: bytes, *, path: str | None = None, line: int | None = None, raw: bool = False) -> str:
    """Decode one file (or one JSONL line) to text with newlines normalised; raise a coded InputError.

    ``raw=True`` (JSONL lines) only decodes: no binary checks (done once per file; JSON escapes control
    characters anyway) and no newline normalisation (that applies to the decoded "text" value instead).
    """
    if raw:
        return _decode(data, path=path, line=line)
    kind = binary_kind(data)
    if kind is not None:
        raise BinaryInputError(f"binary file ({kind}), not text", path=path, line=line)
    text = _decode(data, path=path, line=line)
    check_text(text, path=path, line=line)
    return normalize_newlines(text)


def check_text(text: str, *, path: str | None = None, line: int | None = None) -> None:
    """Reject decoded text that is mostly control characters (a binary file that happened to decode)."""
    if not text:
        return
    controls = len(_CONTROL.findall(text))
    if controls and controls > _MAX_CONTROL_RATIO * len(text):
        raise BinaryInputError(f"binary content ({controls} control characters)", path=path, line=line)


def _decode(data: bytes, *, path: str | None, line: int | None) -> str:
    """Pick the encoding: BOM, BOM-less UTF-16, UTF-8, plausible cp1252, then charset-normalizer."""
    found = bom_encoding(data)
    if found is not None:
        encoding, skip = found
        return _strict(data[skip:], encoding, path=path, line=line)
    utf16 = sniff_utf16(data)
    if utf16 is not None:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise BinaryInputError("binary file (contains NUL bytes)", path=path, line=line)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = _cp1252(data)
    if text is not None:
        return text
    return _detect(data, path=path, line=line)


def _strict(data: bytes, encoding: str, *, path: str | None, line: int | None) -> str:
    """Decode with the encoding a BOM announced; failure is an EncodingError."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise EncodingError(f"invalid {encoding} at byte {e.start}: {e.reason}", path=path, line=line) from e


def _cp1252(data: bytes) -> str | None:
    """Windows-1252 text if the bytes decode and read like Western text (no long runs of accented bytes)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if _NON_ASCII_RUN.search(text):
        return None
    return text


def _detect(data: bytes, *, path: str | None, line: int | None) -> str:
    """Last resort: let charset-normalizer guess; no confident guess is an EncodingError."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise EncodingError("cannot determine the text encoding (not UTF-8/16, cp1252 or a known charset)",
                            path=path, line=line)
    return str(best)
