"""Hostile input files through the readers: arbitrary bytes and Unicode, control characters, broken and
deeply nested HTML, invalid JSON lines, binary and empty files, over-long lines and files.

Every case must end in Articles or InputErrors that name the file (and the line for JSONL): the
readers never raise, and an article's text is never empty nor longer than the per-document limit.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest
from fuzz_support import FUZZ, VOCABULARY, scaled
from hypothesis import given
from hypothesis import strategies as st

from sitrep.errors import EmptyInputError, InputError, InputTooLargeError, JsonLineError
from sitrep.ingest import read_inputs
from sitrep.model import Article

EXTENSIONS = (".txt", ".html", ".htm", ".jsonl")
MAGIC = [b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"PK\x03\x04", b"\x1f\x8b\x08", b"\x7fELF",
         b"SQLite format 3\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b""]
TAGS = ["html", "head", "body", "div", "p", "span", "article", "main", "table", "tr", "td", "script", "style",
        "title", "meta", "a", "b", "i", "ul", "li", "br", "img", "iframe", "svg", "math", "template", "noscript"]

unicode_text = st.text(st.characters(codec=None, exclude_categories=("Cs",)), max_size=400)
vocab_text = st.lists(st.sampled_from(VOCABULARY), max_size=60).map(" ".join)


def _read(path: Path, **kw) -> list[Article | InputError]:
    """Everything the readers yield for one file; they must not raise."""
    return list(read_inputs([path], **kw))


def _check(items: list, path: Path, *, max_chars: int = 500_000) -> None:
    """Items are Articles (non-empty text within the limit) or InputErrors naming the file."""
    assert items, "a file always yields something (an article or an error)"
    for item in items:
        if isinstance(item, InputError):
            assert item.path == str(path), item
            assert str(path) in str(item) and item.code.startswith("SR1")
            if path.suffix == ".jsonl" and not isinstance(item, EmptyInputError) and item.line is not None:
                assert item.line >= 1
        else:
            assert isinstance(item, Article)
            assert item.text.strip() and len(item.text) <= max_chars
            assert item.path == str(path)


@FUZZ
@given(data=st.binary(max_size=3000), magic=st.sampled_from(MAGIC), ext=st.sampled_from(EXTENSIONS))
def test_arbitrary_bytes_never_crash(tmp_path_factory, data, magic, ext) -> None:
    path = tmp_path_factory.mktemp("bytes") / f"doc{ext}"
    path.write_bytes(magic + data)
    _check(_read(path), path)


@FUZZ
@given(text=st.one_of(unicode_text, vocab_text), ext=st.sampled_from(EXTENSIONS),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252"]))
def test_arbitrary_unicode_files_never_crash(tmp_path_factory, text, ext, encoding) -> None:
    path = tmp_path_factory.mktemp("text") / f"doc{ext}"
    try:
        path.write_bytes(text.encode(encoding))
    except UnicodeEncodeError:
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
    _check(_read(path), path)


@FUZZ
@given(text=st.one_of(unicode_text, vocab_text).filter(lambda t: "\x00" not in t))
def test_utf8_text_files_keep_their_text(tmp_path_factory, text) -> None:
    # (text with NUL bytes is binary by the readers' rules: decoded by a guess or refused, not kept)
    path = tmp_path_factory.mktemp("keep") / "doc.txt"
    path.write_bytes(text.encode("utf-8"))
    items = _read(path)
    _check(items, path)
    for item in items:
        if isinstance(item, Article):
            # newlines are normalised, nothing else changes: offsets into the stored text are offsets into this
            expected = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
            assert item.text == expected.lstrip("\ufeff")


@FUZZ
@given(records=st.lists(st.one_of(
    st.fixed_dictionaries({"id": st.one_of(st.text(max_size=20), st.integers()), "text": unicode_text},
                          optional={"title": st.one_of(st.none(), st.text(max_size=30), st.integers()),
                                    "published": st.one_of(st.none(), st.text(max_size=30)),
                                    "outlet": st.one_of(st.none(), st.text(max_size=30))}).map(json.dumps),
    st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=10),
                 lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=5), c, max_size=3),
                 max_leaves=10).map(json.dumps),
    st.text(max_size=80).filter(lambda s: "\n" not in s and "\r" not in s),
), min_size=1, max_size=12))
def test_jsonl_lines_each_give_an_article_or_an_error_with_their_line(tmp_path_factory, records) -> None:
    path = tmp_path_factory.mktemp("jsonl") / "doc.jsonl"
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    items = _read(path)
    _check(items, path)
    lines = [i for i, r in enumerate(records, start=1) if r.strip()]
    reported = [item.line for item in items if item.line is not None]
    if not any(isinstance(i, InputError) and i.line is None for i in items):  # a whole-file verdict otherwise
        assert reported == sorted(reported) and set(reported) <= set(lines)


@scaled(30)
@given(depth=st.integers(1, 20_000), tag=st.sampled_from(TAGS), closed=st.booleans(), text=vocab_text)
def test_deeply_nested_html(tmp_path_factory, depth, tag, closed, text) -> None:
    path = tmp_path_factory.mktemp("nested") / "page.html"
    body = f"<{tag}>" * depth + f"<p>{text or 'Clashes were reported.'}</p>" + (f"</{tag}>" * depth if closed else "")
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    _check(_read(path), path)


@FUZZ
@given(parts=st.lists(st.one_of(
    st.sampled_from(TAGS).map(lambda t: f"<{t}>"), st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(["<", ">", "</", "/>", "<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE", "&", "&#0;", "&#x110000;",
                     "&nbsp", '<meta charset="utf-7">', '<meta charset="x-unknown">', "<?xml?>", '"', "'", "="]),
    st.sampled_from(VOCABULARY), unicode_text), max_size=80))
def test_broken_html(tmp_path_factory, parts) -> None:
    path = tmp_path_factory.mktemp("broken") / "page.html"
    path.write_text("".join(parts), encoding="utf-8", errors="surrogatepass")
    _check(_read(path), path)


@pytest.mark.parametrize("page", ["<iframe><html>", "<iframe><html><p>Clashes erupted in the town.</p>",
                                  "<svg><html><body><p>x</p>", "<template><html>"])
def test_pages_that_broke_the_html_libraries(tmp_path, page) -> None:
    """Found by fuzzing: htmldate dropped the root of such pages (AssertionError inside lxml)."""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    _check(_read(path), path)


def test_a_reader_that_breaks_is_that_files_error(tmp_path, monkeypatch) -> None:
    from sitrep.ingest import readers

    def broken(path, *, max_bytes):
        yield Article("first", "Clashes erupted.", path=str(path))
        raise RuntimeError("reader bug")

    monkeypatch.setitem(readers.READERS, ".txt", broken)
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"id": "b", "text": "Two were hurt."}\n', encoding="utf-8")
    items = _read(tmp_path)
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "Article"]
    assert "RuntimeError: reader bug" in items[1].message and items[1].path == str(tmp_path / "a.txt")


def test_html_pages_over_their_limit_are_refused_before_parsing(tmp_path) -> None:
    from sitrep.ingest.readers import MAX_HTML_BYTES

    path = tmp_path / "huge.html"
    path.write_bytes(b"<html><body>" + b"<p>Clashes were reported in the town.</p>" * (MAX_HTML_BYTES // 40))
    (err,) = _read(path)
    assert isinstance(err, InputTooLargeError) and str(path) in str(err)


def test_a_reader_past_its_time_budget_ends_that_file_only(tmp_path, monkeypatch) -> None:
    """Bounded time per document while reading: the budget covers one file (one line of a .jsonl)."""
    from sitrep.errors import ProcessingTimeoutError
    from sitrep.ingest import readers

    def slow(path, *, max_bytes):
        yield Article("fast", "Clashes erupted.", path=str(path))
        end = time.monotonic() + 10
        while time.monotonic() < end:  # bounded; the budget below stops it after 0.3 s
            sum(range(1000))
        yield Article("never", "x", path=str(path))

    monkeypatch.setitem(readers.READERS, ".txt", slow)
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"id": "b", "text": "Two were hurt."}\n', encoding="utf-8")
    items = _read(tmp_path, time_budget=0.3)
    assert [type(i).__name__ for i in items] == ["Article", "ProcessingTimeoutError", "Article"]
    assert isinstance(items[1], ProcessingTimeoutError) and items[1].path == str(tmp_path / "a.txt")


def test_empty_and_whitespace_files(tmp_path) -> None:
    for ext in EXTENSIONS:
        for n, content in enumerate([b"", b" \n\t\r\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00" * 10, b"\n" * 1000,
                                     b"\xef\xbb\xbf\x0b", "\u2028\u3000\n".encode()]):
            path = tmp_path / f"empty{n}{ext}"
            path.write_bytes(content)
            items = _read(path)
            _check(items, path)
            assert all(isinstance(i, InputError) for i in items), (path, content)


def test_binary_files_are_refused_by_name(tmp_path) -> None:
    rng = random.Random(5)
    for n, magic in enumerate(MAGIC):
        for ext in EXTENSIONS:
            path = tmp_path / f"blob{n}{ext}"
            path.write_bytes(magic + bytes(rng.randrange(256) for _ in range(4096)))
            items = _read(path)
            _check(items, path)
            if magic and magic not in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"):
                assert all(isinstance(i, InputError) for i in items), (magic, ext)


def test_file_larger_than_the_limit(tmp_path) -> None:
    for ext in EXTENSIONS:
        path = tmp_path / f"big{ext}"
        path.write_text(("Shelling killed five people. " * 200) + "\n", encoding="utf-8")
        items = _read(path, max_bytes=1000)
        assert len(items) == 1 and isinstance(items[0], InputTooLargeError), (ext, items)
        assert str(path) in str(items[0]) and "1000" in items[0].message


def test_one_megabyte_lines(tmp_path) -> None:
    """A 1 MB JSONL line and a 1 MB one-line text file: a clear per-line/per-file error, the rest goes on."""
    big = "Shelling killed five people in the town " * 26_000  # about 1 MB, no newline
    jsonl = tmp_path / "big.jsonl"
    with open(jsonl, "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "small-1", "text": "Clashes were reported."}) + "\n")
        fh.write(json.dumps({"id": "huge", "text": big}) + "\n")
        fh.write('{"id": "broken", "text": ' + "\n")
        fh.write(json.dumps({"id": "small-2", "text": "Two were hurt."}) + "\n")
    items = _read(jsonl)
    _check(items, jsonl)
    assert [type(i).__name__ for i in items] == ["Article", "InputTooLargeError", "JsonLineError", "Article"]
    assert items[1].line == 2 and "characters" in items[1].message and "'huge'" in items[1].message
    assert isinstance(items[2], JsonLineError) and items[2].line == 3
    txt = tmp_path / "big.txt"
    txt.write_text(big, encoding="utf-8")
    (err,) = _read(txt)
    assert isinstance(err, InputTooLargeError) and str(txt) in str(err)
    (ok,) = _read(txt, max_chars=2_000_000)
    assert isinstance(ok, Article) and ok.text == big
    over = tmp_path / "over.jsonl"
    over.write_bytes(b'{"id": "x", "text": "' + b"a" * 3000 + b'"}\n' + b'{"id": "y", "text": "ok"}\n')
    items = _read(over, max_bytes=1000)
    assert isinstance(items[0], InputTooLargeError) and items[0].line == 1
    assert isinstance(items[1], Article) and items[1].doc_id == "y" and items[1].line == 2


@pytest.mark.parametrize("control", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028"])
def test_control_characters(tmp_path, control) -> None:
    text = f"Clashes{control}erupted in the town.{control}\nTwo were{control * 3} hurt."
    for ext in (".txt", ".jsonl"):
        path = tmp_path / f"ctl{ext}"
        data = json.dumps({"id": "c", "text": text}) if ext == ".jsonl" else text
        path.write_text(data, encoding="utf-8")
        _check(_read(path), path)
