"""--meta: loading, key matching, precedence over document metadata, fatal errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import MetadataError
from sitrep.ingest import MetaIndex, load_meta, read_inputs
from sitrep.model import Article

PAGE = """<html><head><title>Page title</title>
<meta property="og:site_name" content="Page Outlet">
<link rel="canonical" href="https://page.example.org/a">
<meta property="article:published_time" content="2021-01-10">
</head><body><article><p>Armed men stormed a village council office and took two clerks away, residents said
on Sunday, adding that the kidnappers demanded a ransom from the families.</p></article></body></html>"""


def write_meta(path: Path, records: list) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n", "utf-8")
    return path


def test_load_meta(tmp_path: Path) -> None:
    meta = load_meta(write_meta(tmp_path / "m.jsonl", [
        {"doc": "a.txt", "outlet": "Outlet A", "published": "2020-02-02T08:00:00+01:00", "extra": 1},
        "",
        {"doc": "b", "outlet": None, "title": "  Title B  ", "url": "https://b.example"},
    ]))
    assert meta == {
        "a.txt": {"outlet": "Outlet A", "published": date(2020, 2, 2)},
        "b": {"title": "Title B", "url": "https://b.example"},
    }


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "invalid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"outlet": "x"}', '"doc"'),
        ('{"doc": ""}', '"doc"'),
        ('{"doc": 5}', '"doc"'),
        ('{"doc": "a", "outlet": 3}', '"outlet" must be a string'),
        ('{"doc": "a", "published": "sometime soon"}', '"published" is not a date'),
    ],
)
def test_broken_meta_line_is_fatal(tmp_path: Path, line: str, reason: str) -> None:
    path = write_meta(tmp_path / "m.jsonl", [{"doc": "ok.txt"}, line])
    with pytest.raises(MetadataError) as err:
        load_meta(path)
    assert err.value.code == "SR110"
    assert (err.value.path, err.value.line) == (str(path), 2)
    assert f"{path}:2:" in str(err.value) and reason in str(err.value)


def test_missing_meta_file(tmp_path: Path) -> None:
    with pytest.raises(MetadataError, match="cannot read"):
        load_meta(tmp_path / "absent.jsonl")


def test_read_inputs_raises_on_bad_meta_at_once(tmp_path: Path) -> None:
    path = write_meta(tmp_path / "m.jsonl", ["{broken"])
    with pytest.raises(MetadataError):
        read_inputs([tmp_path], meta=path)


def test_key_matching() -> None:
    index = MetaIndex({"000_abc.txt": {"outlet": "A"}, "001_def": {"outlet": "B"},
                       "feeds/002_ghi.html": {"outlet": "C"}, "wire-7": {"outlet": "D"}})
    assert index.lookup("000_abc.txt") == {"outlet": "A"}  # exact
    assert index.lookup("000_abc") == {"outlet": "A"}  # id without extension
    assert index.lookup("001_def.txt") == {"outlet": "B"}  # key is the doc id without extension
    assert index.lookup("002_ghi.html") == {"outlet": "C"}  # file name of a path key
    assert index.lookup("wire-7") == {"outlet": "D"}
    assert index.lookup("wire") is None
    assert index.lookup("000_abc.pdf") is None


def test_meta_wins_over_document_metadata(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "p.html").write_text(PAGE, "utf-8")
    (tmp_path / "docs" / "t.txt").write_text("Reported on 3 May 2019: a convoy was hit.", "utf-8")
    record = {"id": "j1", "text": "text", "outlet": "Feed Outlet", "published": "2018-01-01", "url": "https://j"}
    (tmp_path / "docs" / "j.jsonl").write_text(json.dumps(record) + "\n", "utf-8")
    meta = write_meta(tmp_path / "m.jsonl", [
        {"doc": "p.html", "outlet": "Meta Outlet", "published": "2021-01-11"},
        {"doc": "t", "published": "2019-05-04", "title": "Meta title"},
        {"doc": "j1", "outlet": "Meta J", "url": None},
    ])
    j, p, t = (a for a in read_inputs([tmp_path / "docs"], meta=meta) if isinstance(a, Article))
    assert (p.doc_id, p.outlet, p.published, p.title, p.url) == (
        "p.html", "Meta Outlet", date(2021, 1, 11), "Page title", "https://page.example.org/a")
    assert (t.published, t.published_inferred, t.published_evidence, t.title) == (
        date(2019, 5, 4), False, None, "Meta title")
    assert (j.outlet, j.published, j.url) == ("Meta J", date(2018, 1, 1), "https://j")


def test_meta_published_stops_inference(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("Shelling on 4 April 2020 hit the market.", "utf-8")
    (art,) = read_inputs([tmp_path / "x.txt"], meta={"x.txt": {"published": date(2020, 4, 6)}})
    assert (art.published, art.published_inferred) == (date(2020, 4, 6), False)
    (art,) = read_inputs([tmp_path / "x.txt"])
    assert (art.published, art.published_inferred) == (date(2020, 4, 4), True)


def test_meta_file_inside_an_input_directory_is_not_read_as_articles(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("An article.", "utf-8")
    meta = write_meta(tmp_path / "meta.jsonl", [{"doc": "a.txt", "outlet": "Outlet"}])
    stream = read_inputs([tmp_path], meta=meta)
    out = list(stream)
    assert [(a.doc_id, a.outlet) for a in out] == [("a.txt", "Outlet")]
    assert stream.skipped == [str(meta)]
