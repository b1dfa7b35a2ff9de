"""Generated notes: ACLED style, only from non-empty fields; templates compile to what the YAML says."""

from __future__ import annotations

import re
from datetime import date, timedelta
from importlib import resources

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from output_synthetic import make_incident, make_source

from sitrep.model import SUB_EVENT_TYPES
from sitrep.output.notes import (
    MONTHS,
    NoteSpec,
    compile_notes,
    compile_template,
    load_note_spec,
    make_note,
)

SOURCE_YAML = yaml.safe_load(resources.files("sitrep.data").joinpath("note_templates.yaml").read_text())
FIXED_WORDS = set(
    "on between and around in near the area no fatalities fatality were was reported reports range from to at least "
    "people person injured injuries according sources disagree who involved or figures one party denied event".split()
)
TEMPLATE_WORDS = {
    w.lower()
    for pair in SOURCE_YAML["sub_event_types"].values()
    for text in pair.values()
    for w in re.findall(r"[A-Za-z]+", re.sub(r"\{\w+\}", " ", text))
} | {w.lower() for phrase in SOURCE_YAML["generic_actors"].values() for w in re.findall(r"[A-Za-z]+", phrase)}


def expand(source: str, values: dict[str, str]) -> str:
    """Independent reading of the template syntax: [part|fallback] and {placeholders}."""

    def optional(m: re.Match) -> str:
        part, fallback = m.group(1), m.group(2) or ""
        names = re.findall(r"\{(\w+)\}", part)
        return part if all(values.get(n) for n in names) else fallback

    text = re.sub(r"\[([^\[\]|]*)(?:\|([^\[\]|]*))?\]", optional, source)
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], text)


@pytest.mark.parametrize("sub", list(SUB_EVENT_TYPES))
@pytest.mark.parametrize("a2", ["Betaforce", ""])
def test_compiled_templates_match_source(sub, a2):
    compiled = compile_notes(load_note_spec())
    values = {"a1": "Alphaforce", "a2": a2, "where": " in Gammatown"}
    assert compiled.active[sub].render(values) == expand(SOURCE_YAML["sub_event_types"][sub]["active"], values)
    assert compiled.passive[sub].render(values) == expand(SOURCE_YAML["sub_event_types"][sub]["passive"], values)


def test_spec_validation_rejects_bad_templates():
    bad = dict(SOURCE_YAML)
    bad["sub_event_types"] = {**SOURCE_YAML["sub_event_types"], "Grenade": {"active": "a grenade", "passive": "x"}}
    with pytest.raises(ValueError):
        NoteSpec.model_validate(bad)
    missing = {**SOURCE_YAML, "sub_event_types": {"Grenade": SOURCE_YAML["sub_event_types"]["Grenade"]}}
    with pytest.raises(ValueError):
        NoteSpec.model_validate(missing)


def test_optional_segment_with_fallback():
    t = compile_template("{a1} attacked[ {a2}| civilians]{where}")
    assert t.render({"a1": "X", "a2": "", "where": ""}) == "X attacked civilians"
    assert t.render({"a1": "X", "a2": "Y", "where": " in Z"}) == "X attacked Y in Z"


def test_acled_style_example():
    inc = make_incident()
    assert make_note(inc) == (
        "On 2 March 2021, Military Forces of Syria carried out an air/drone strike on civilians in Zorvan (Idlib). "
        "3 fatalities were reported (reports range from 3 to 5), according to Zorvan Rescue. "
        "Between 2 and 6 people were injured."
    )


def test_minimal_incident():
    inc = make_incident(actor1="", actor2="", inter1="", inter2="", country="", admin1="", admin2="", location="",
                        fatalities=0, fatalities_low=None, fatalities_best=None, fatalities_high=None,
                        injuries_low=None, injuries_high=None, grade="single source", sources=[],
                        sub_event_type="Armed clash", event_type="Battles")  # fmt: skip
    assert make_note(inc) == "On 2 March 2021, armed clashes took place."


def test_date_phrases():
    week = make_incident(time_precision=2, date_min=date(2021, 2, 27), date_max=date(2021, 3, 5))
    assert make_note(week).startswith("Between 27 February and 5 March 2021, ")
    month = make_incident(time_precision=3)
    assert make_note(month).startswith("In March 2021, ")


def test_zero_stated_and_open_ended():
    none_killed = make_incident(fatalities=0, fatalities_low=0, fatalities_high=0, injuries_low=None, sources=[])
    assert "No fatalities were reported." in make_note(none_killed)
    open_ended = make_incident(fatalities=50, fatalities_low=50, fatalities_high=None, injuries_low=None, sources=[])
    assert "At least 50 fatalities were reported." in make_note(open_ended)


ACTOR1 = ["", "Alphaforce", "Military Forces of Alphaland (2001-)", "Civilians (Alphaland)", "AF: Alpha Front"]
ACTOR2 = ["", "Betaforce", "Civilians (Betaland)", "Rioters (Betaland)"]
maybe_int = st.one_of(st.none(), st.integers(0, 60))


@st.composite
def incidents(draw):
    sub = draw(st.sampled_from(list(SUB_EVENT_TYPES)))
    day = date(2020, 1, 1) + timedelta(days=draw(st.integers(0, 900)))
    lo = day - timedelta(days=draw(st.integers(0, 6)))
    claimants = draw(st.lists(st.sampled_from([None, "Zetawatch", "Etawatch"]), max_size=3))
    return make_incident(
        event_date=day, date_min=lo, date_max=day, time_precision=draw(st.integers(1, 3)),
        event_type=SUB_EVENT_TYPES[sub], sub_event_type=sub,
        actor1=draw(st.sampled_from(ACTOR1)), actor2=draw(st.sampled_from(ACTOR2)),
        location=draw(st.sampled_from(["", "Gammatown"])), admin1=draw(st.sampled_from(["", "Deltaprov"])),
        admin2=draw(st.sampled_from(["", "Kappadist"])), country=draw(st.sampled_from(["", "Epsiland"])),
        geo_precision=draw(st.sampled_from([None, 1, 2, 3])),
        fatalities=draw(st.integers(0, 60)), fatalities_low=draw(maybe_int), fatalities_high=draw(maybe_int),
        injuries_low=draw(maybe_int), injuries_high=draw(maybe_int),
        grade=draw(st.sampled_from(["single source", "corroborated", "contested", "denied"])),
        sources=[make_source(claimed_by=c) for c in claimants],
    )  # fmt: skip


@given(inc=incidents())
def test_notes_never_mention_empty_fields(inc):
    note = make_note(inc)
    claimed = {s.claimed_by for s in inc.sources if s.claimed_by}
    mentions = {
        "Alpha": bool(inc.actor1), "Beta": bool(inc.actor2), "Gammatown": bool(inc.location),
        "Deltaprov": bool(inc.admin1), "Kappadist": bool(inc.admin2), "Epsiland": bool(inc.country),
        "Zetawatch": "Zetawatch" in claimed, "Etawatch": "Etawatch" in claimed, "according to": bool(claimed),
        "fatalit": inc.fatalities > 0 or inc.fatalities_low == 0, "injur": inc.injuries_low is not None,
        "range from": inc.fatalities_low is not None and inc.fatalities_high is not None,
        "disagree": inc.grade == "contested", "denied": inc.grade == "denied",
    }  # fmt: skip
    for token, field_set in mentions.items():
        if token in note:
            assert field_set, (token, note)
    if inc.actor1 and not inc.actor1.startswith("Civilians"):
        assert "Alpha" in note
    if inc.location:
        assert "Gammatown" in note


@given(inc=incidents())
def test_notes_use_only_field_and_template_words(inc):
    note = make_note(inc)
    field_words = {
        w.lower()
        for value in (inc.actor1, inc.actor2, inc.location, inc.admin1, inc.admin2, inc.country,
                      *(s.claimed_by or "" for s in inc.sources))
        for w in re.findall(r"[A-Za-z]+", value)
    }  # fmt: skip
    allowed = FIXED_WORDS | TEMPLATE_WORDS | field_words | {m.lower() for m in MONTHS}
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", note)}
    assert words <= allowed, words - allowed
    assert note.endswith(".") and re.match(r"^(On|Between|Around|In) ", note)
