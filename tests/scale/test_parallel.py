"""Extraction in worker processes: same output as in one process, input order kept, errors in place."""

from __future__ import annotations

import io

from sitrep.errors import InputError
from sitrep.output import write_result
from sitrep.pipeline import run, run_stream
from sitrep.scale.parallel import process_items


def test_one_and_two_workers_give_identical_output(engine, corpus, tmp_path):
    sample = corpus[:80]
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"id": "x1", "text": "Gunmen attacked a bus near Garissa on 3 May 2019."}\n{not json\n', encoding="utf-8")
    one, two, streamed = io.StringIO(), io.StringIO(), io.StringIO()
    write_result(run([*sample, bad], engine=engine), "json", one)
    write_result(run([*sample, bad], workers=2), "json", two)
    write_result(run_stream([*sample, bad], engine=engine), "json", streamed)
    assert one.getvalue() == two.getvalue() == streamed.getvalue()
    assert '"x1"' in one.getvalue() and "broken.jsonl" in one.getvalue()


def test_items_come_back_in_input_order_with_errors_in_place(corpus):
    err = InputError("unreadable", path="nowhere.txt")
    items = [corpus[0], err, *corpus[1:40], err]
    out = list(process_items(items, workers=2, chunk=3))
    assert [i for i, _ in out] == items
    assert out[1][1] is None and out[-1][1] is None
    assert all(r.article is i for i, r in out if r is not None)
