"""score_seeds agrees with the reference scorer (score.py) figure for figure."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest
from eval_synthetic import DOCS, GOLD, REFERENCE_SCORER, example_outputs, incident, source
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.evaluate.seeds import assign_pairs, score_seeds


def single_doc(out: dict) -> dict:
    """Document-level shape: each incident keeps only its first source's document."""
    out = copy.deepcopy(out)
    for inc in out.get("incidents", []):
        inc["sources"] = inc["sources"][:1]
    return out


def printed(figs: dict) -> dict[str, str]:
    """Figures formatted as score.py prints them."""
    return {k: f"{v:.3f}" if isinstance(v, float) else str(v) for k, v in figs.items()}


def run_reference(tmp_path, mode: str, out: dict, gold: dict) -> dict[str, str]:
    out_path, gold_path = tmp_path / "out.json", tmp_path / "gold.json"
    out_path.write_text(json.dumps(out))
    gold_path.write_text(json.dumps(gold))
    res = subprocess.run(
        [sys.executable, str(REFERENCE_SCORER), mode, str(out_path), str(gold_path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return dict(line.split("=", 1) for line in res.stdout.splitlines() if "=" in line)


@pytest.mark.parametrize("index", range(len(example_outputs())))
def test_same_figures_as_score_py_subprocess(tmp_path, index):
    if not REFERENCE_SCORER.exists():
        pytest.skip("reference scorer not available")
    out = example_outputs()[index]
    doc_out = single_doc(out)
    assert printed(score_seeds(doc_out, GOLD, level="doc")) == run_reference(tmp_path, "seeds-doc", doc_out, GOLD)
    assert printed(score_seeds(out, GOLD, level="incident")) == run_reference(tmp_path, "seeds-incident", out, GOLD)


def test_examples_exercise_the_figures():
    good = example_outputs()[0]
    inc = score_seeds(good, GOLD, level="incident")
    assert inc["recall_required"] == 1.0
    assert inc["multi_source_merged"] == 1.0  # both multi-document gold incidents are covered
    assert inc["mixed_year_incidents"] == 1
    assert inc["contradictions_found"] == pytest.approx(2 / 3)
    assert inc["false_contradictions"] == 1
    assert inc["framing_recall"] == pytest.approx(2 / 5)
    doc = score_seeds(example_outputs()[1], GOLD, level="doc")
    assert 0 < doc["recall_required"] < 1
    assert doc["fatalities_acc"] == 1.0  # the pairing prefers the prediction with the right figure


def test_empty_output_scores_zero():
    figs = score_seeds({}, GOLD, level="incident")
    assert figs["recall_required"] == 0 and figs["precision"] == 0 and figs["n_pred"] == 0


def test_date_window_is_one_day_either_side():
    g = GOLD["incidents"][0]
    for day, ok in (("2021-03-01", True), ("2021-03-03", True), ("2021-02-28", False), ("2021-03-04", False)):
        p = incident(g["event_type"], g["sub_event_type"], day, [source(g["reported_in"][0], day)],
                     latitude=g["lat"], longitude=g["lon"])  # fmt: skip
        assert (score_seeds({"incidents": [p]}, GOLD, level="doc")["precision"] == 1.0) is ok


def test_assignment_is_one_to_one_best_first():
    affinity = {(0, 0): 1, (0, 1): 5, (1, 1): 9}
    pairs = assign_pairs(2, 2, lambda g, p: (g, p) in affinity, lambda g, p: affinity[(g, p)])
    assert pairs == {1: 1, 0: 0}  # gold 1 takes prediction 1 first; gold 0 falls back to prediction 0


def test_pairing_weighs_fatalities_over_actor(reference):
    g = GOLD["incidents"][0]
    common = dict(latitude=g["lat"], longitude=g["lon"])
    right_actor = incident(g["event_type"], g["sub_event_type"], g["date_min"], [source("000_alpha.txt", None)],
                           actor1="Military Forces of Testland (2001-)", fatalities=9, **common)  # fmt: skip
    right_figure = incident(g["event_type"], g["sub_event_type"], g["date_min"], [source("000_alpha.txt", None)],
                            actor1="RF: Rebel Front", fatalities=3, **common)  # fmt: skip
    out = {"incidents": [right_actor, right_figure]}
    for level in ("doc", "incident"):
        figs = score_seeds(out, GOLD, level=level)
        assert figs["fatalities_acc"] == 1.0 and figs["actor1_acc"] == 0.0
        assert figs == reference.seeds(out, GOLD, level)


# ---- property test: outputs perturbed from the gold, same figures as the reference scorer (in-process) ----

TYPES = sorted({(g["event_type"], s) for g in GOLD["incidents"]
                for s in (g["sub_event_type"], *g["also_accept_sub_event_types"])} | {("Battles", "Armed clash")})  # fmt: skip
ACTORS = ["", "Military Forces of Testland (2001-)", "RF: Rebel Front", "rebel government", "Civilians (Testland)"]
CLAIM_VALUES = ["one million", "the largest city", "attack repelled", "village taken", "14,000 and 48,500", "24", "44"]
OFFSETS = [0.0, 0.1, 0.2, 0.224, 0.226, 0.3, 1.0]  # degrees of latitude: 25 km is about 0.2248
docs_st = st.sampled_from([*DOCS, "002_echo", "999_other.txt", "alpha.txt"])


def shift(day: str, days: int) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


@st.composite
def place_st(draw, g: dict) -> dict:
    kind = draw(st.sampled_from(["point", "name", "admin1", "none"]))
    if kind == "point" and g.get("lat") is not None:
        return {"latitude": g["lat"] + draw(st.sampled_from(OFFSETS)), "longitude": g["lon"]}
    if kind == "name":
        name = draw(st.sampled_from([g["location"], *g["aliases"], "Elsewhere"]))
        return {"location": name + draw(st.sampled_from(["", "e", "xy", "abc", "wxyz"]))}
    if kind == "admin1":
        return {"admin1": draw(st.sampled_from([g["admin1"], "West Province"]))}
    return {}


@st.composite
def incidents_st(draw, *, single_document: bool) -> dict:
    g = draw(st.sampled_from(GOLD["incidents"]))
    et, sub = draw(st.sampled_from([(g["event_type"], g["sub_event_type"])] * 3 + TYPES))
    day = shift(draw(st.sampled_from([g["date_min"], g["date_max"]])), draw(st.integers(-2, 2)))
    doc_pool = st.sampled_from([*g["reported_in"], *g["reported_in"], *DOCS, "002_echo", "999_other.txt"])
    if single_document:
        docs = [draw(doc_pool)] * draw(st.integers(0, 2))
    else:
        docs = draw(st.lists(doc_pool, max_size=3))
    published = st.sampled_from([None, "2021-03-02", "2022-07-12", "2022-07-12T10:00:00"])
    sources = [source(d, draw(published), start=draw(st.integers(0, 99))) for d in docs]
    fat = g["fatalities"]
    fatalities = draw(st.sampled_from([None, 0, 1, 3, 7, *(fat or [])]))
    return incident(et, sub, day, sources, actor1=draw(st.sampled_from(ACTORS)), fatalities=fatalities,
                    **draw(place_st(g)))  # fmt: skip


@st.composite
def outputs_st(draw, *, single_document: bool) -> dict:
    claims = st.lists(
        st.fixed_dictionaries({"doc_id": docs_st, "value": st.sampled_from(CLAIM_VALUES), "sentence": st.just("")}),
        max_size=3,
    )
    return {
        "incidents": draw(st.lists(incidents_st(single_document=single_document), max_size=10)),
        "contradictions": draw(st.lists(st.fixed_dictionaries({"subject": st.just("s"), "claims": claims}), max_size=3)),
        "framing": draw(st.lists(st.fixed_dictionaries({
            "actor": st.sampled_from(ACTORS), "doc_id": docs_st,
            "labels": st.lists(st.sampled_from(["junta troops", "loyalists", "front", "army", ""]), max_size=2),
        }), max_size=4)),
    }  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(out=outputs_st(single_document=True))
def test_property_doc_level_matches_reference(reference, out):
    assert score_seeds(out, GOLD, level="doc") == reference.seeds(out, GOLD, "doc")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(out=outputs_st(single_document=False))
def test_property_incident_level_matches_reference(reference, out):
    assert score_seeds(out, GOLD, level="incident") == reference.seeds(out, GOLD, "incident")


def outputs_from_gold(gold: dict) -> list[dict]:
    """Outputs built at run time from a gold file: a perfect one, and one with every other incident shifted."""
    perfect, shifted = [], []
    for i, g in enumerate(gold["incidents"]):
        docs = g["reported_in"]
        fat = g["fatalities"][0] if g["fatalities"] else 0
        place = {"latitude": g.get("lat"), "longitude": g.get("lon"), "location": g.get("location") or "",
                 "admin1": g.get("admin1") or ""}  # fmt: skip
        inc = incident(g["event_type"], g["sub_event_type"], g["date_min"], [source(d, g["date_min"]) for d in docs],
                       fatalities=fat, **place)  # fmt: skip
        perfect.append(inc)
        moved = copy.deepcopy(inc)
        if i % 2:
            moved["event_date"] = "1999-01-01"
            moved["sources"] = moved["sources"][:1]
        shifted.append(moved)
    return [{"incidents": perfect}, {"incidents": shifted}]


def test_real_gold_agrees_with_reference(reference):
    path = REFERENCE_SCORER.parent.parent / "corpus" / "seeds" / "gold.json"
    if not path.exists():
        pytest.skip("seeds gold not available")
    gold = json.loads(path.read_text(encoding="utf-8"))
    for out in outputs_from_gold(gold):
        assert score_seeds(out, gold, level="incident") == reference.seeds(out, gold, "incident")
        doc_out = single_doc(out)
        assert score_seeds(doc_out, gold, level="doc") == reference.seeds(doc_out, gold, "doc")
    assert score_seeds(outputs_from_gold(gold)[0], gold, level="incident")["recall_required"] == 1.0
