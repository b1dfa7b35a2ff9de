"""score_acled: the reference scorer's figures plus sitrep's extras; ACLED CSV → articles."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date

import pytest
from eval_synthetic import SHARED, incident, source
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.errors import EvalError
from sitrep.evaluate.acled import (
    acled_rows_to_articles,
    inter_text,
    parse_event_date,
    read_acled_rows,
    sample_rows,
    score_acled,
)

COLUMNS = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "inter1", "actor2",
           "location", "latitude", "longitude", "time_precision", "geo_precision", "fatalities", "country",
           "iso3", "notes"]  # fmt: skip


def row(rid: str, sub: str, et: str, **kw) -> dict:
    """A synthetic ACLED row (invented note)."""
    base = {"event_id_cnty": rid, "event_date": "3-Mar-21", "event_type": et, "sub_event_type": sub,
            "actor1": "Military Forces of Testland (2001-)", "inter1": "1", "actor2": "", "location": "Kalmar",
            "latitude": "35.0", "longitude": "38.0", "time_precision": "1", "geo_precision": "1",
            "fatalities": "0", "country": "Syria", "iso3": "SYR", "notes": "A made-up note about an event."}  # fmt: skip
    base.update(kw)
    return base


ROWS = [
    row("TST1", "Air/drone strike", "Explosions/Remote violence", fatalities="2"),
    row("TST2", "Armed clash", "Battles", actor2="RF: Rebel Front", inter1="1", latitude="35.5", location="Ossan"),
    row("TST3", "Peaceful protest", "Protests", actor1="Protesters (Testland)", inter1="6", location="Miran"),
    row("TST4", "Attack", "Violence against civilians", actor1="", fatalities="1"),
]


def prediction(doc: str, start: int, sub: str, et: str, **kw) -> dict:
    return incident(et, sub, "2021-03-03", [source(doc, "2021-03-03", start=start)], **kw)


OUT = {
    "incidents": [
        prediction("TST1", 10, "Shelling/artillery/missile attack", "Explosions/Remote violence",
                   latitude=35.01, longitude=38.0, fatalities=2, actor1="Military Forces of Testland (2001-2024)",
                   inter1="State forces", time_precision=1, geo_precision=1),
        prediction("TST1", 0, "Air/drone strike", "Explosions/Remote violence", latitude=36.0, longitude=38.0,
                   fatalities=0, actor1="Military Forces of Testland (2001-2024)", inter1="State forces",
                   time_precision=1, geo_precision=2),
        prediction("TST2.txt", 0, "Armed clash", "Battles", latitude=35.5, longitude=38.0,
                   actor1="Military Forces of Testland (2001-)", actor2="RF: Rebel Front"),
        prediction("TST3", 0, "Protest with intervention", "Protests", actor1="Protesters (Testland)"),
    ]
}  # fmt: skip


@dataclass
class FakePlace:
    latitude: float
    longitude: float


class FakeGazetteer:
    """Knows Kalmar and Ossan (a candidate at ACLED's point) and Miran (30 km off ACLED's point)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str | None]] = []

    def lookup(self, name: str, country_code: str | None = None) -> list[FakePlace]:
        self.calls.append((name, country_code))
        known = {"Kalmar": [FakePlace(35.0, 38.0)], "Ossan": [FakePlace(34.0, 38.0), FakePlace(35.52, 38.0)],
                 "Miran": [FakePlace(35.3, 38.0)]}  # fmt: skip
        return known.get(name, [])


def test_reference_fields():
    figs = score_acled(OUT, ROWS, gazetteer=False)
    assert figs["n"] == 4 and figs["found"] == 3 / 4
    assert figs["sub_event_type"] == 2 / 4  # TST1 picks its Air/drone strike prediction, TST2 right, TST3 wrong
    assert figs["event_type"] == 3 / 4
    assert figs["loc10km"] == 1 / 4  # only TST2's prediction is within 10 km
    assert figs["fatalities"] == 2 / 4  # TST2, TST3: 0 == "0"; TST1's pick has 0 vs "2"
    assert figs["actor1"] == 3 / 4  # regime period ignored
    assert "loc10km_known" not in figs


def test_extras_and_confusion():
    gz = FakeGazetteer()
    figs = score_acled(OUT, ROWS, gazetteer=gz)
    assert figs["actor2"] == 3 / 4  # TST1 ''=='' , TST2 same, TST3 ''==''
    assert figs["inter1"] == 1 / 4  # TST1 State forces == "1"; TST2 and TST3 predictions have none
    assert figs["time_precision"] == 3 / 4  # every found row: 1 == "1"
    assert figs["geo_precision"] == 0  # TST1 pick says 2, the others give none
    assert figs["n_known"] == 3  # TST1, TST4 (Kalmar), TST2 (Ossan); Miran is 30 km off ACLED's point
    assert figs["loc10km_known"] == 1 / 3  # TST2 only
    assert ("Kalmar", "SY") in gz.calls and len(gz.calls) == 3  # cached per (name, country)
    conf = figs["sub_event_confusion"]
    assert conf["Peaceful protest"] == {"n": 1, "found": 1, "correct": 0, "predicted": {"Protest with intervention": 1}}
    assert conf["Attack"]["predicted"] == {"(not found)": 1}


def test_same_figures_as_reference(reference):
    figs = score_acled(OUT, ROWS, gazetteer=False)
    ref = reference.acled(OUT, ROWS)
    assert {k: figs[k] for k in ref} == ref


SUBS = [("Air/drone strike", "Explosions/Remote violence"), ("Armed clash", "Battles"),
        ("Peaceful protest", "Protests"), ("Attack", "Violence against civilians")]  # fmt: skip
ACTORS = ["", "Military Forces of Testland (2001-)", "Military Forces of Testland (2001-2024)", "Military Forces",
          "RF: Rebel Front", "Protesters (Testland)"]  # fmt: skip


@st.composite
def case_st(draw):
    n = draw(st.integers(1, 6))
    rows = [row(f"TST{i}", *draw(st.sampled_from(SUBS)), actor1=draw(st.sampled_from(ACTORS)),
                fatalities=str(draw(st.integers(0, 3))), latitude=str(35 + draw(st.sampled_from([0, 0.05, 0.2]))))
            for i in range(n)]  # fmt: skip
    incs = []
    for _ in range(draw(st.integers(0, 8))):
        sub, et = draw(st.sampled_from(SUBS))
        doc = draw(st.sampled_from([f"TST{i}" for i in range(n)] + ["TST1.txt", "OTHER"]))
        incs.append(prediction(doc, draw(st.integers(0, 3)), sub, et, actor1=draw(st.sampled_from(ACTORS)),
                               fatalities=draw(st.sampled_from([0, 1, 2, None])),
                               latitude=draw(st.sampled_from([None, 35.0, 35.1])), longitude=38.0))  # fmt: skip
    return {"incidents": incs}, rows


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=case_st())
def test_property_matches_reference(reference, case):
    out, rows = case
    figs = score_acled(out, rows, gazetteer=False)
    ref = reference.acled(out, rows)
    assert {k: figs[k] for k in ref} == ref


@pytest.mark.parametrize(
    ("text", "day"),
    [("9-May-20", date(2020, 5, 9)), ("2020-05-09", date(2020, 5, 9)), ("9 May 2020", date(2020, 5, 9)),
     ("31-12-19", date(2019, 12, 31)), ("nonsense", None), ("", None)],
)  # fmt: skip
def test_parse_event_date(text, day):
    assert parse_event_date(text) == day


def test_inter_text():
    assert inter_text("1") == "State forces" and inter_text("0") == "" and inter_text("Rioters") == "Rioters"


def test_sample_rows_is_even_and_deterministic():
    rows = [{"i": i} for i in range(10)]
    assert [r["i"] for r in sample_rows(rows, 4)] == [0, 2, 5, 7]
    assert sample_rows(rows, None) == rows and sample_rows(rows, 50) == rows


def test_rows_to_articles(tmp_path):
    path = tmp_path / "events.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(ROWS)
    arts = acled_rows_to_articles(path)
    assert [a.doc_id for a in arts] == ["TST1", "TST2", "TST3", "TST4"]
    assert arts[0].published == date(2021, 3, 3) and arts[0].text == ROWS[0]["notes"]
    assert arts[1].line == 3 and arts[1].path == str(path)


def test_not_an_acled_file(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(EvalError):
        read_acled_rows(path)


def test_real_exports_convert():
    for name in ("acled-syria-2020", "acled-kenya-2004-2019", "acled-afghanistan-2020"):
        path = SHARED / "corpus" / name / "events.csv"
        if not path.exists():
            pytest.skip("shared corpus not available")
        arts = acled_rows_to_articles(path)
        assert arts
        assert sum(a.published is None for a in arts) == 0
        assert len({a.doc_id for a in arts}) == len(arts)


def test_real_export_agrees_with_reference(reference):
    path = SHARED / "corpus" / "acled-syria-2020" / "events.csv"
    if not path.exists():
        pytest.skip("shared corpus not available")
    rows = read_acled_rows(path)
    incs = []
    for i, r in enumerate(rows):
        sub = r["sub_event_type"] if i % 3 else "Armed clash"
        incs.append(prediction(r["event_id_cnty"], 0, sub, r["event_type"], actor1=r["actor1"] if i % 2 else "",
                               latitude=float(r["latitude"]) + (0.2 if i % 5 == 0 else 0), longitude=float(r["longitude"]),
                               fatalities=int(r["fatalities"])))  # fmt: skip
    out = {"incidents": incs[: len(incs) - 20]}
    figs = score_acled(out, rows, gazetteer=False)
    ref = reference.acled(out, rows)
    assert {k: figs[k] for k in ref} == ref
    assert 0 < figs["sub_event_type"] < 1 and figs["found"] < 1
