"""read_inputs over .txt / .html / .jsonl files and directories, good and bad."""

from __future__ import annotations

import codecs
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
    JsonLineError,
    UnsupportedInputError,
)
from sitrep.ingest import read_inputs
from sitrep.ingest.decode import normalize_newlines
from sitrep.model import Article

SAMPLE = "café – “quoted”: militia fighters clashed with police near the old bridge.\nTwo were hurt."

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Clashes at the old bridge | Valley Courier</title>
<meta property="og:title" content="Clashes at the old bridge">
<meta property="og:site_name" content="Valley Courier">
<meta property="og:url" content="https://courier.example.net/story/og-bridge">
<link rel="canonical" href="https://courier.example.net/story/clashes-old-bridge">
<meta property="article:published_time" content="2022-06-18T21:40:00-04:00">
</head><body>
<nav><ul><li><a href="/">Front page</a></li><li><a href="/sport">Sport section link</a></li>
<li><a href="/subscribe">Subscribe to our newsletter</a></li></ul></nav>
<article>
<h1>Clashes at the old bridge</h1>
<p>Militia fighters clashed with police near the old bridge on the northern edge of the town on Friday
evening, leaving two officers wounded, a police spokesperson told the Courier.</p>
<p>Shops along the river road closed early and residents said they heard gunfire for nearly an hour
before an armoured unit arrived from the provincial capital to restore order.</p>
<p>The militia, which controls several villages upstream, accused the police of arresting one of its
commanders at a checkpoint earlier in the week.</p>
</article>
<footer><p>Valley Courier footer: copyright notice and contact details.</p>
<a href="/privacy">Privacy and cookies policy</a></footer>
</body></html>
"""


def items(*paths: Path, **kw) -> list[Article | InputError]:
    return list(read_inputs(list(paths), **kw))


def only_article(*paths: Path, **kw) -> Article:
    out = items(*paths, **kw)
    assert len(out) == 1 and isinstance(out[0], Article), out
    return out[0]


def write_jsonl(path: Path, records: list) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n", "utf-8")
    return path


# --- .txt -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: s.encode("utf-16"),
        lambda s: s.encode("utf-16-le"),
        lambda s: s.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-no-bom", "cp1252"],
)
def test_txt_in_every_encoding(tmp_path: Path, encode) -> None:
    path = tmp_path / "007_bridge.txt"
    path.write_bytes(encode(SAMPLE.replace("\n", "\r\n")))
    art = only_article(path)
    assert art.doc_id == "007_bridge.txt"
    assert art.text == SAMPLE
    assert art.title is None and art.url is None and art.outlet is None
    assert art.path == str(path)
    assert art.line is None


def test_txt_text_is_kept_as_is(tmp_path: Path) -> None:
    raw = "  HEADLINE-LIKE FIRST LINE\n\nbody text, with trailing spaces   \n"
    (tmp_path / "a.txt").write_text(raw, "utf-8")
    art = only_article(tmp_path / "a.txt")
    assert art.text == raw
    assert art.title is None


# --- .html ------------------------------------------------------------------------------------------


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "bridge.html"
    path.write_text(PAGE, "utf-8")
    art = only_article(path)
    assert art.doc_id == "bridge.html"
    assert "Militia fighters clashed with police near the old bridge" in art.text
    assert "restore order" in art.text
    for boilerplate in ("Front page", "Sport section", "Subscribe", "footer", "Privacy", "copyright"):
        assert boilerplate not in art.text
    assert art.title == "Clashes at the old bridge"
    assert art.outlet == "Valley Courier"
    assert art.url == "https://courier.example.net/story/clashes-old-bridge"  # canonical beats og:url
    assert art.published == date(2022, 6, 18)  # the date as written, no timezone shift
    assert art.published_inferred is False


def test_html_og_url_when_no_canonical(tmp_path: Path) -> None:
    path = tmp_path / "b.htm"
    canonical = '<link rel="canonical" href="https://courier.example.net/story/clashes-old-bridge">'
    path.write_text(PAGE.replace(canonical, ""), "utf-8")
    assert only_article(path).url == "https://courier.example.net/story/og-bridge"


def test_html_publisher_from_json_ld(tmp_path: Path) -> None:
    ld = ('<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",'
          '"headline":"Clashes at the old bridge","datePublished":"2022-06-19",'
          '"publisher":{"@type":"Organization","name":"Courier Media Group"}}</script>')
    page = PAGE.replace('<meta property="og:site_name" content="Valley Courier">', ld)
    page = page.replace('<meta property="article:published_time" content="2022-06-18T21:40:00-04:00">', "")
    (tmp_path / "c.html").write_text(page, "utf-8")
    art = only_article(tmp_path / "c.html")
    assert art.outlet == "Courier Media Group"
    assert art.published == date(2022, 6, 19)


def test_html_declared_charset(tmp_path: Path) -> None:
    page = PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    page = page.replace("Militia fighters clashed", "Militia fighters – “armed men” – clashed")
    (tmp_path / "d.html").write_bytes(page.encode("cp1252"))
    assert "Militia fighters – “armed men” – clashed" in only_article(tmp_path / "d.html").text


def test_html_without_date_gets_an_inferred_one(tmp_path: Path) -> None:
    page = PAGE.replace('<meta property="article:published_time" content="2022-06-18T21:40:00-04:00">', "")
    page = page.replace("on Friday\nevening", "on Friday (June 17) evening, a year after the 2021 truce,")
    (tmp_path / "e.html").write_text(page, "utf-8")
    art = only_article(tmp_path / "e.html")
    assert art.published == date(2022, 6, 17)
    assert art.published_inferred is True
    assert "June 17" in (art.published_evidence or "")


def test_html_without_main_text_is_empty(tmp_path: Path) -> None:
    (tmp_path / "f.html").write_text("<html><head><title>x</title></head><body></body></html>", "utf-8")
    (err,) = items(tmp_path / "f.html")
    assert isinstance(err, EmptyInputError) and err.code == "SR101"
    assert "f.html" in str(err)


# --- .jsonl -----------------------------------------------------------------------------------------


def test_jsonl_records(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "batch.jsonl", [
        {"id": "r1", "text": "First report.\r\nSecond line.", "title": "T1", "url": "https://x.example/1",
         "outlet": "Wire One", "published": "2023-04-05T12:00:00Z"},
        "",
        {"id": 42, "text": "Third report without metadata, written on 7 March 2023."},
    ])
    a, b = items(path)
    assert (a.doc_id, a.text, a.title, a.url, a.outlet, a.published, a.line) == (
        "r1", "First report.\nSecond line.", "T1", "https://x.example/1", "Wire One", date(2023, 4, 5), 1)
    assert a.published_inferred is False
    assert (b.doc_id, b.line, b.published, b.published_inferred) == ("42", 3, date(2023, 3, 7), True)
    assert a.path == b.path == str(path)


def test_jsonl_in_utf16(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "u1", "text": SAMPLE}, ensure_ascii=False),
             json.dumps({"id": "u2", "text": "zweite Meldung über Gefechte"}, ensure_ascii=False)]
    path = tmp_path / "wide.jsonl"
    path.write_bytes("\r\n".join(lines).encode("utf-16"))
    a, b = items(path)
    assert (a.text, b.text, b.line) == (SAMPLE, "zweite Meldung über Gefechte", 2)


def test_jsonl_with_utf8_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(codecs.BOM_UTF8 + json.dumps({"id": "b1", "text": SAMPLE}).encode())
    assert only_article(path).text == SAMPLE


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "x", "text": "unterminated', "invalid JSON"),
        ('["id", "text"]', "expected a JSON object"),
        ('{"text": "no id"}', 'missing "id"'),
        ('{"id": "x"}', 'missing "text"'),
        ('{"id": null, "text": "t"}', '"id" must be'),
        ('{"id": true, "text": "t"}', '"id" must be'),
        ('{"id": "x", "text": 5}', '"text" must be a string'),
        ('{"id": "x", "text": "t", "title": ["a"]}', '"title" must be a string or null'),
        ('{"id": "x", "text": "t", "published": 20200202}', '"published" must be a string or null'),
        ('{"id": 1' + "0" * 5000 + ', "text": "t"}', "invalid JSON"),
    ],
)
def test_jsonl_bad_lines(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "ok1", "text": "fine"}\n' + line + '\n{"id": "ok2", "text": "also fine"}\n', "utf-8")
    first, err, last = items(path)
    assert isinstance(err, JsonLineError) and err.code == "SR104"
    assert (err.path, err.line) == (str(path), 2)
    assert f"{path}:2:" in str(err) and reason in str(err)
    assert (first.doc_id, last.doc_id, last.line) == ("ok1", "ok2", 3)


def test_jsonl_empty_text(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "e.jsonl", [{"id": "a", "text": "  \n "}, {"id": "b", "text": "content"}])
    err, art = items(path)
    assert isinstance(err, EmptyInputError) and err.line == 1 and f"{path}:1:" in str(err)
    assert art.doc_id == "b"


def test_jsonl_line_too_long(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "long.jsonl", [{"id": "a", "text": "x" * 500}, {"id": "b", "text": "short"}])
    err, art = items(path, max_bytes=200)
    assert isinstance(err, InputTooLargeError) and err.code == "SR106" and err.line == 1
    assert art.doc_id == "b" and art.line == 2


def test_jsonl_lone_surrogate_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "s", "text": "ab\\ud800cd"}\n', "utf-8")
    art = only_article(path)
    assert art.text == "ab\ufffdcd"
    assert art.content_hash


def test_meta_file_passed_as_input_is_reported_once(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "meta.jsonl", [{"doc": "a.txt", "outlet": "X"}, {"doc": "b.txt"}])
    (err,) = items(path)
    assert isinstance(err, UnsupportedInputError) and "--meta" in str(err)


TEXTS = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300).filter(str.strip)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(TEXTS, min_size=1, max_size=4), utf16=st.booleans())
def test_jsonl_text_round_trip(tmp_path: Path, texts: list[str], utf16: bool) -> None:
    path = tmp_path / "rt.jsonl"
    body = "\n".join(json.dumps({"id": f"d{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(texts))
    path.write_bytes(body.encode("utf-16") if utf16 else body.encode("utf-8"))
    out = items(path)
    assert [a.doc_id for a in out] == [f"d{i}" for i in range(len(texts))]
    for art, original in zip(out, texts, strict=True):
        assert art.text == normalize_newlines(original)
        if not any(c in original for c in "\r\u2028\u2029") and not original.startswith("\ufeff"):
            assert art.text == original  # offsets into the record's text are offsets into Article.text
        for start in range(0, len(art.text), 7):
            assert art.text[start : start + 5] == normalize_newlines(original)[start : start + 5]


# --- directories, errors, batches -------------------------------------------------------------------


def test_directory_recursion_is_sorted_and_skips_unknown(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / "b" / "2.txt").write_text("two", "utf-8")
    (tmp_path / "a" / "deep" / "1.TXT").write_text("one", "utf-8")
    (tmp_path / "a" / "0.txt").write_text("zero", "utf-8")
    (tmp_path / "a" / "notes.md").write_text("skip me", "utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / ".hidden.txt").write_text("hidden", "utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("vcs", "utf-8")
    stream = read_inputs([tmp_path])
    assert [a.doc_id for a in stream] == ["0.txt", "1.TXT", "2.txt"]
    assert stream.n_skipped == 3
    assert sorted(Path(p).name for p in stream.skipped) == [".hidden.txt", "image.png", "notes.md"]
    assert (stream.articles, stream.errors) == (3, 0)


def test_explicit_unsupported_file(tmp_path: Path) -> None:
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    (err,) = items(tmp_path / "report.pdf")
    assert isinstance(err, UnsupportedInputError) and err.code == "SR105" and "report.pdf" in str(err)


def test_missing_path(tmp_path: Path) -> None:
    (err,) = items(tmp_path / "nope.txt")
    assert type(err) is InputError and err.code == "SR100" and "nope.txt" in str(err)


def test_single_path_argument(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("single", "utf-8")
    assert [a.doc_id for a in read_inputs(tmp_path / "one.txt")] == ["one.txt"]


@pytest.mark.parametrize(
    ("name", "data", "error", "code"),
    [
        ("empty.txt", b"", EmptyInputError, "SR101"),
        ("blank.txt", b"  \r\n\t\n ", EmptyInputError, "SR101"),
        ("blank16.txt", "  \n ".encode("utf-16"), EmptyInputError, "SR101"),
        ("empty.jsonl", b"\n\n", EmptyInputError, "SR101"),
        ("empty.html", b"", EmptyInputError, "SR101"),
        ("nul.txt", b"text\x00\x00\x01\x00\x00\xff\x00\x00\x00\x02\x00", BinaryInputError, "SR102"),
        ("zip.txt", b"PK\x03\x04\x14\x00\x00\x00", BinaryInputError, "SR102"),
        ("nul.jsonl", b'{"id"\x00: 1}\x00\x00\xff\x00\x00\x00', BinaryInputError, "SR102"),
        ("gz.html", b"\x1f\x8b\x08\x00\x00\x00", BinaryInputError, "SR102"),
        ("bad16.txt", codecs.BOM_UTF16_LE + b"a\x00\x00\xd8", EncodingError, "SR103"),
        ("junk.txt", bytes(range(128, 256)) * 2, EncodingError, "SR103"),
    ],
)
def test_bad_files_yield_coded_errors_and_the_batch_goes_on(tmp_path: Path, name: str, data: bytes, error,
                                                            code: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "zz_good.txt"
    good.write_text("A good article after the bad one.", "utf-8")
    err, art = items(bad, good)
    assert isinstance(err, error) and err.code == code
    assert err.path == str(bad) and str(bad) in str(err)
    assert isinstance(art, Article) and art.doc_id == "zz_good.txt"


def test_file_too_large(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("x" * 100, "utf-8")
    (tmp_path / "small.txt").write_text("ok", "utf-8")
    err, art = items(tmp_path, max_bytes=50)
    assert isinstance(err, InputTooLargeError) and err.code == "SR106" and "big.txt" in str(err)
    assert art.doc_id == "small.txt"


def test_duplicate_doc_ids_keep_the_first(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "same.txt").write_text("first copy", "utf-8")
    (tmp_path / "b" / "same.txt").write_text("second copy", "utf-8")
    write_jsonl(tmp_path / "c.jsonl", [{"id": "j", "text": "one"}, {"id": "j", "text": "two"}])
    out = items(tmp_path)
    arts = [o for o in out if isinstance(o, Article)]
    errs = [o for o in out if not isinstance(o, Article)]
    assert [(a.doc_id, a.text) for a in arts] == [("same.txt", "first copy"), ("j", "one")]
    assert len(errs) == 2 and all(e.code == "SR100" and "duplicate" in str(e) for e in errs)
    assert str(tmp_path / "b" / "same.txt") in str(errs[0])
    assert f"c.jsonl:2:" in str(errs[1])


@pytest.mark.parametrize("ext", [".txt", ".html", ".htm", ".jsonl"])
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(
    st.binary(max_size=300),
    st.builds(lambda a, b: a + b, st.sampled_from([b"<html><body><p>", b'{"id": "x", "text": "', b"\xff\xfe",
                                                   b"\xef\xbb\xbf", b"<?xml version='1.0'?>", b"\xfe\xff\x00"]),
              st.binary(max_size=200)),
))
def test_arbitrary_bytes_never_crash(tmp_path: Path, ext: str, data: bytes) -> None:
    path = tmp_path / f"fuzz{ext}"
    path.write_bytes(data)
    for item in read_inputs([path]):
        assert isinstance(item, Article | InputError)
        if isinstance(item, Article):
            assert item.text.strip()
            assert "\r" not in item.text
            item.text.encode("utf-8")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32"])
def test_jsonl_wide_encodings_without_or_with_bom(tmp_path: Path, codec: str) -> None:
    body = "\n".join(json.dumps({"id": f"w{i}", "text": f"Bericht Nummer {i} über Kämpfe"}, ensure_ascii=False)
                     for i in range(3))
    path = tmp_path / "w.jsonl"
    path.write_bytes(body.encode(codec))
    assert [(a.doc_id, a.line, a.text) for a in items(path)] == [
        (f"w{i}", i + 1, f"Bericht Nummer {i} über Kämpfe") for i in range(3)]


def test_jsonl_utf16_broken_midway(tmp_path: Path) -> None:
    good = json.dumps({"id": "g", "text": "fine"}).encode("utf-16-le")
    path = tmp_path / "broken.jsonl"
    path.write_bytes(codecs.BOM_UTF16_LE + good + "\n".encode("utf-16-le") + b"\x00\xd8\x41\x00")
    art, err = items(path)
    assert art.doc_id == "g"
    assert isinstance(err, EncodingError) and err.line == 2


def test_jsonl_utf16_line_too_long(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "a", "text": "x" * 400}), json.dumps({"id": "b", "text": "ok"})]
    path = tmp_path / "l16.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-16"))
    err, art = items(path, max_bytes=300)
    assert isinstance(err, InputTooLargeError) and err.line == 1
    assert (art.doc_id, art.line) == ("b", 2)


def test_jsonl_utf16_newline_unit_must_be_aligned(tmp_path: Path) -> None:
    text = "\u0a0a\u0100 and \u0a00\u0a0a"  # byte pairs that contain 0x0A 0x00 across code units
    path = tmp_path / "align.jsonl"
    path.write_bytes(json.dumps({"id": "g", "text": text}, ensure_ascii=False).encode("utf-16-le"))
    assert only_article(path).text == text


def test_jsonl_raw_line_separators_inside_text(tmp_path: Path) -> None:
    path = tmp_path / "sep.jsonl"
    record = json.dumps({"id": "s", "text": "first\u2028second\u2029third\r\nfourth"}, ensure_ascii=False)
    path.write_text(record + "\n", "utf-8")
    assert only_article(path).text == "first\nsecond\nthird\nfourth"
