"""The toponym lexicon: YAML validates, and the compiled matchers match every source entry."""

from __future__ import annotations

import pytest

from sitrep.errors import DataError
from sitrep.geo import lexicon as lx


def test_all_data_files_validate() -> None:
    assert lx.load_lexicon().version == 1
    assert "SY" in lx.load_countries().countries
    assert {e.name for e in lx.load_admin1().countries["SY"]} >= {"Idleb", "Rural Damascus", "Dar'a"}
    assert lx.load_features().admin["ADM1"] == "admin1"


def test_every_type_phrase_is_matched_with_its_kind() -> None:
    lex = lx.load_lexicon()
    comp = lx.compiled()
    sources = {
        "countryside": lex.countryside_after, "near": lex.near_after, "admin1": lex.admin1_types,
        "admin2": lex.admin2_types, "admin3": lex.admin3_types, "settlement": lex.settlement_types,
        "site": lex.site_types,
    }
    for phrases in sources.values():
        for phrase in phrases:
            m = comp.type_after.match(f" {phrase}, then")
            assert m is not None, phrase
            assert " ".join(m.group("phrase").split()) == phrase
            assert phrase in sources[lx.type_kind(m)]


@pytest.mark.parametrize("field, pattern", [
    ("near_before", "near_before"), ("countryside_before", "countryside_before"), ("titles", "title_before"),
])
def test_every_before_phrase_is_matched(field: str, pattern: str) -> None:
    comp = lx.compiled()
    for phrase in getattr(lx.load_lexicon(), field):
        assert getattr(comp, pattern).search(f"they went {phrase} ") is not None, phrase


def test_every_direction_is_matched_before_of() -> None:
    comp = lx.compiled()
    for d in lx.load_lexicon().directions:
        assert comp.direction_of_before.search(f"about 12 km {d} of ") is not None, d


def test_every_speech_verb_is_matched() -> None:
    comp = lx.compiled()
    for verb in lx.load_lexicon().speech_verbs:
        assert comp.speech_after.match(f" {verb} that") is not None, verb


def test_sets_hold_the_source_words() -> None:
    lex, comp = lx.load_lexicon(), lx.compiled()
    assert set(lex.stopnames) <= comp.stopnames
    assert set(lex.org_heads) <= comp.org_heads
    assert set(lex.particles) <= comp.particles
    assert set(lex.function_words) <= comp.function_words


def test_invalid_model_is_a_data_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lx, "_read_yaml", lambda name: {"version": 1, "particles": "not a list"})
    with pytest.raises(DataError):
        lx._validated(lx.LexiconModel, "lexicon.yaml")
