"""The compiled trigger regex matches exactly what its YAML source says (dateparser's habit)."""

import pytest

from sitrep.errors import DataError
from sitrep.extract.triggers import TriggerLexicon

LEX = TriggerLexicon.default()


@pytest.mark.parametrize(
    ("family", "example"),
    [(name, ex) for name, fam in LEX.families.items() for ex in fam.examples],
)
def test_every_example_matches_its_family(family, example):
    cues = LEX.find(example)
    assert family in {c.family for c in cues}, (family, example, cues)


@pytest.mark.parametrize(
    ("family", "counter"),
    [(name, ex) for name, fam in LEX.families.items() for ex in fam.counter_examples],
)
def test_counter_examples_do_not_match(family, counter):
    assert family not in {c.family for c in LEX.find(counter)}


def test_every_pattern_is_compiled():
    n_patterns = sum(len(f.patterns) for f in LEX.families.values())
    assert LEX.regex.groups >= n_patterns
    assert len(LEX._group_family) == n_patterns


def test_offsets_point_into_text():
    text = "Overnight, artillery fire hit the town; later an airstrike killed two."
    for cue in LEX.find(text):
        assert text[cue.span.start : cue.span.end] == cue.span.text


def test_scan_respects_bounds():
    text = "clashes here. airstrikes there."
    cues = LEX.find(text, 14, len(text))
    assert [c.family for c in cues] == ["air"]


def test_unknown_sub_event_type_is_a_data_error():
    bad = "families:\n  x:\n    sub_event_type: Bombing\n    strength: 3\n    patterns: [bomb]\n"
    with pytest.raises(DataError) as e:
        TriggerLexicon.from_yaml(bad, source="bad.yaml")
    assert "bad.yaml" in str(e.value) and "SR200" in str(e.value)


def test_all_25_sub_event_types_are_reachable_or_assembled():
    from sitrep.model import SUB_EVENT_TYPES

    direct = {f.sub_event_type for f in LEX.families.values()}
    # Government regains / excessive force / intervention / mob come from families too;
    # the assembler derives the rest from actors.
    assert len(direct) >= 20
    assert direct <= set(SUB_EVENT_TYPES)


@pytest.mark.parametrize(
    ("text", "hit"),
    [("in the old market", True), ("they hold a rally", False), ("a previous raid", True), ("the pastor", False)],
)
def test_prior_markers_are_whole_words(text, hit):
    assert bool(LEX.prior.search(text + " ")) is hit


@pytest.mark.parametrize(
    ("text", "hit"),
    [("they didn't intervene", True), ("police wasn’t there", True), ("no clashes", True), ("Owino protested", False)],
)
def test_negation_matches_contractions_and_whole_words(text, hit):
    assert bool(LEX.negation.search(text)) is hit


def test_negation_searched_in_place_respects_word_edges():
    text = "Fans of Bruno gathered and protested"
    cue = text.index("protested")
    assert LEX.negation.search(text, cue - 16, cue) is None


@pytest.mark.parametrize("text", ["was expected to rally", "are scheduled to march", "is due to protest"])
def test_expectations_are_irrealis(text):
    assert LEX.irrealis.search(text)
