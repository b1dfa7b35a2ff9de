"""The gate: bounds checked per metric; floors only go up."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitrep.errors import EvalError
from sitrep.evaluate.gate import (
    Baseline,
    ceil2,
    check,
    figures_of,
    flatten,
    floor2,
    load_baseline,
    passed,
    save_baseline,
    update_bounds,
)


def test_flatten_keeps_numbers_only():
    figs = {"seeds_doc": {"precision": 0.5, "n_pred": 3, "flag": True}, "acled_x": {"sub_event_confusion": {}}}
    assert flatten(figs) == {"seeds_doc.precision": 0.5, "seeds_doc.n_pred": 3}


def test_figures_of_accepts_report_or_bare():
    assert figures_of({"figures": {"a": {"b": 1}}, "runs": {}}) == {"a": {"b": 1}}
    assert figures_of({"a": {"b": 1}}) == {"a": {"b": 1}}


@pytest.mark.parametrize(
    ("x", "down", "up"),
    [(0.29, 0.29, 0.29), (0.8567, 0.85, 0.86), (1.0, 1.0, 1.0), (0.0, 0.0, 0.0), (0.9999999999999999, 0.99, 1.0), (3, 3, 3)],
)
def test_rounding(x, down, up):
    assert floor2(x) == down and ceil2(x) == up


@given(st.floats(0, 1e6))
def test_rounding_brackets_the_figure(x):
    assert floor2(x) <= x <= ceil2(x)


def test_check_statuses():
    bl = Baseline(floors={"a.x": 0.5, "a.y": 0.5, "a.z": 0.5}, ceilings={"a.c": 0})
    rows = {r.metric: r.status for r in check({"a.x": 0.5, "a.y": 0.49, "a.c": 1}, bl)}
    assert rows == {"a.x": "ok", "a.y": "below", "a.z": "missing", "a.c": "above"}
    ok_rows = check({"a.x": 0.6}, Baseline(floors={"a.x": 0.5, "a.z": 0.1}))
    assert not passed(ok_rows) and passed(ok_rows, allow_missing=True)


@given(
    floor=st.floats(0, 1),
    figure=st.floats(0, 1),
)
def test_update_never_lowers_a_floor(floor, figure):
    bl, _ = update_bounds(Baseline(floors={"s.m": floor}), {"s.m": figure})
    assert bl.floors["s.m"] >= floor
    assert bl.floors["s.m"] <= max(floor, figure)


@given(ceiling=st.integers(0, 9), figure=st.integers(0, 9))
def test_update_never_raises_a_ceiling(ceiling, figure):
    bl, _ = update_bounds(Baseline(ceilings={"s.false_contradictions": ceiling}), {"s.false_contradictions": figure})
    assert bl.ceilings["s.false_contradictions"] == min(ceiling, figure)


def test_update_reports_changes_and_adds_missing_on_request():
    bl = Baseline(floors={"s.a": 0.5, "s.b": 0.9})
    flat = {"s.a": 0.777, "s.b": 0.1, "s.new": 0.333, "s.n_pred": 12, "s.mixed_year_incidents": 2}
    new, changes = update_bounds(bl, flat)
    assert new.floors == {"s.a": 0.77, "s.b": 0.9} and changes == [("s.a", 0.5, 0.77)]
    new, _ = update_bounds(bl, flat, add_missing=True)
    assert new.floors["s.new"] == 0.33 and "s.n_pred" not in new.floors
    assert new.ceilings == {"s.mixed_year_incidents": 2}


def test_save_and_load_keep_extra_keys(tmp_path):
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps({"about": "x", "limit": 10, "floors": {"b.x": 0.2, "a.x": 0.1}}))
    bl = load_baseline(path)
    save_baseline(path, bl)
    data = json.loads(path.read_text())
    assert data["about"] == "x" and data["limit"] == 10 and list(data["floors"]) == ["a.x", "b.x"]


def test_bad_baseline(tmp_path):
    path = tmp_path / "baseline.json"
    path.write_text('{"floors": {"a.x": "high"}}')
    with pytest.raises(EvalError):
        load_baseline(path)
