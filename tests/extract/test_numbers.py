"""Tests for sitrep.extract.numbers: number parsing, casualty counts, negation, ACLED coding notes."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.errors import DataError
from sitrep.extract import numbers
from sitrep.extract.numbers import find_counts, load_numbers_data, parse_number, who_class
from sitrep.model import Count

SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpus"

# ------------------------------------------------------------------------------------ helpers

_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
         "sixteen seventeen eighteen nineteen".split()  # fmt: skip
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def to_words(n: int) -> str:
    """English words for 0..999,999 (written independently of the module under test)."""
    if n < 20:
        return _UNITS[n]
    if n < 100:
        t, u = divmod(n, 10)
        return _TENS[t - 2] + (f"-{_UNITS[u]}" if u else "")
    if n < 1000:
        h, r = divmod(n, 100)
        return f"{_UNITS[h]} hundred" + (f" and {to_words(r)}" if r else "")
    th, r = divmod(n, 1000)
    return f"{to_words(th)} thousand" + (f" {to_words(r)}" if r else "")


def only(counts: list[Count], quantity: str) -> list[Count]:
    return [c for c in counts if c.quantity == quantity]


def one(text: str, quantity: str = "killed") -> Count:
    got = only(find_counts(text), quantity)
    assert len(got) == 1, f"{text!r}: {got}"
    return got[0]


# ------------------------------------------------------------------------------ parse_number


@pytest.mark.parametrize(
    ("s", "expected"),
    [
        ("1,500", (1500, 1500, "exact")),
        ("48,500", (48500, 48500, "exact")),
        ("1.5 million", (1500000, 1500000, "exact")),
        ("five", (5, 5, "exact")),
        ("Twenty-three", (23, 23, "exact")),
        ("2-3", (2, 3, "range")),
        ("two to three", (2, 3, "range")),
        ("between 2 and 4", (2, 4, "range")),
        ("at least 13", (13, None, "at least")),
        ("more than 50", (50, None, "more than")),
        ("nearly 20", (20, 20, "nearly")),
        ("about 300", (300, 300, "about")),
        ("up to 12", (1, 12, "up to")),
        ("some 40", (40, 40, "about")),
        ("one hundred and fifty", (150, 150, "exact")),
        ("two thousand five hundred", (2500, 2500, "exact")),
        ("a dozen", (12, 12, "exact")),
        ("several", (3, 10, "vague")),
        ("dozens", (12, 99, "vague")),
        ("hundreds", (100, 999, "vague")),
        ("tens of thousands", (10000, 99999, "vague")),
    ],
)
def test_parse_number(s: str, expected: tuple[int, int | None, str]) -> None:
    assert parse_number(s) == expected


@pytest.mark.parametrize("s", ["", "a", "the", "soldiers", "1.5", "2020s", "4th", "twenty people"])
def test_parse_number_rejects(s: str) -> None:
    assert parse_number(s) is None


@given(st.integers(min_value=0, max_value=99))
def test_words_round_trip_small(n: int) -> None:
    assert parse_number(to_words(n)) == (n, n, "exact")


@given(st.integers(min_value=1, max_value=999_999))
def test_words_round_trip_thousands(n: int) -> None:
    assert parse_number(to_words(n)) == (n, n, "exact")


@given(st.integers(min_value=0, max_value=10_000_000))
def test_digits_round_trip(n: int) -> None:
    assert parse_number(f"{n:,}") == (n, n, "exact")
    if not 1900 <= n <= 2099:  # a bare 19xx/20xx is read as a year
        assert parse_number(str(n)) == (n, n, "exact")


def test_vague_words_follow_acled() -> None:
    data = load_numbers_data()
    assert data.vague["several"].best == 3
    assert data.vague["many"].best == 3
    assert data.vague["a few"].best == 3
    assert data.vague["dozens"].best == 12
    assert data.vague["hundreds"].best == 100


# ------------------------------------------------------------------------------ killed counts


@pytest.mark.parametrize(
    ("text", "best", "high", "qualifier", "who"),
    [
        ("Government jets killed at least 13 civilians near the market.", 13, None, "at least", "civilians"),
        ("Shells hit the camp, killing four civilians.", 4, 4, "exact", "civilians"),
        ("Nine people were killed in the raid.", 9, 9, "exact", "people"),
        ("The rockets killed six children and three women in the village.", 9, 9, "exact", "children, women"),
        ("The drone killed at least 4 men and 2 boys.", 6, None, "at least", "men, boys"),
        ("A sniper shot and killed a member of the town council.", 1, 1, "exact", "members"),
        ("The militia killed a soldier at the gate.", 1, 1, "exact", "soldiers"),
        ("The army said it killed 8 Taliban militants overnight.", 8, 8, "exact", "militants"),
        ("A dead body was found by farmers near the canal.", 1, 1, "exact", ""),
        ("The bodies of 3 young men were recovered from the rubble.", 3, 3, "exact", "men"),
        ("A farmer's body was found in the orchard.", 1, 1, "exact", "farmers"),
        ("Officials said the death toll rose to 20.", 20, 20, "exact", ""),
        ("The bombing claimed the lives of 5 worshippers.", 5, 5, "exact", "worshippers"),
        ("The attack resulted in the deaths of at least 31 people.", 31, None, "at least", "people"),
        ("The strike caused at least 9 deaths and dozens of injuries.", 9, 9, "exact", ""),
        ("The blast went off in the square, leaving 3 people dead and 15 more injured.", 3, 3, "exact", "people"),
        ("Gunmen opened fire, killing between 2 and 5 guards.", 2, 5, "range", "guards"),
        ("Eleven killed and 40 injured when the bus hit a mine.", 11, 11, "exact", ""),
        ("1 ranger and 3 porters were shot and killed on the trail.", 4, 4, "exact", "rangers, porters"),
        ("A teacher, a nurse, and a driver were killed by the shelling.", 3, 3, "exact", "teachers, nurses, drivers"),
        ("5 people, including 2 children, were killed in the fire.", 5, 5, "exact", "people"),
        ("Nine gunmen including a commander were killed at the dam.", 9, 9, "exact", "gunmen"),
        ("Men with machetes hacked to death a night watchman.", 1, 1, "exact", ""),
        ("A mob beat two suspected thieves to death in the market.", 2, 2, "exact", "thieves"),
        ("A man from the valley died after being tortured in custody.", 1, 1, "exact", "men"),
        ("Several soldiers were killed in the ambush.", 3, 10, "vague", "soldiers"),
        ("The raids killed dozens of fighters.", 12, 99, "vague", "fighters"),
        ("Two aid workers were on Tuesday morning shot dead on the highway.", 2, 2, "exact", "workers"),
        ("Police said a suspected smuggler was killed in the shootout.", 1, 1, "exact", "smugglers"),
        ("Raiders killed a herdsman and his son near the well.", 2, 2, "exact", "herdsmen, sons"),
        ("The gang killed 2 drivers in addition to 3 of their passengers.", 5, 5, "exact", "drivers, passengers"),
        ("Guards fired back, killing either three or six of the intruders.", 3, 6, "range", ""),
    ],
)
def test_killed(text: str, best: int, high: int | None, qualifier: str, who: str) -> None:
    c = one(text)
    assert (c.best, c.high, c.qualifier, c.who) == (best, high, qualifier, who)
    assert not c.negated


def test_sum_low_high() -> None:
    c = one("The drone killed at least 4 men and 2 boys.")
    assert (c.low, c.best, c.high) == (6, 6, None)
    c = one("The rockets killed six children and three women.")
    assert (c.low, c.best, c.high) == (9, 9, 9)


@pytest.mark.parametrize(
    ("text", "quantity", "best"),
    [
        ("The shelling killed two civilians and wounded 14 others.", "injured", 14),
        ("4 children were killed and 6 other people were injured.", "injured", 6),
        ("12 others were wounded in the blast.", "injured", 12),
        ("The blast left 3 people dead and 15 more injured.", "injured", 15),
        ("Floods and fighting displaced more than 48,500 people.", "displaced", 48500),
        ("More than 2,000 families' members had been displaced, it said.", "displaced", 2000),
        ("Troops arrested 14 suspects in the sweep.", "arrested", 14),
        ("Gunmen abducted 9 passengers from the bus.", "abducted", 9),
        ("Six fishermen were still missing two days later.", "missing", 6),
        ("Rebels captured 30 soldiers at the base.", "captured", 30),
        ("The strike caused many casualties among the guards.", "casualties", 3),
        ("The blast caused 5 casualties, officials said.", "casualties", 5),
    ],
)
def test_other_quantities(text: str, quantity: str, best: int) -> None:
    assert one(text, quantity).best == best


def test_clauses_not_merged() -> None:
    counts = find_counts("The shells killed 3 soldiers and 2 civilians were wounded in the crossfire.")
    assert [(c.quantity, c.best) for c in counts] == [("killed", 3), ("injured", 2)]
    counts = find_counts("Three herders were killed and five others injured when raiders hit the camp.")
    assert [(c.quantity, c.best) for c in counts] == [("killed", 3), ("injured", 5)]


def test_casualties_are_not_fatalities() -> None:
    counts = find_counts("The shelling left 8 casualties in the market.")
    assert [(c.quantity, c.best) for c in counts] == [("casualties", 8)]


def test_a_means_one_before_a_person_only() -> None:
    assert one("Shrapnel wounded a child and a nurse.", "injured").best == 2
    assert not only(find_counts("The veto killed a major peace plan."), "killed")
    assert one("A couple of guards were hurt.", "injured").best == 2


def test_killed_and_wounded_is_ambiguous() -> None:
    c = one("The air raids killed and wounded dozens of fighters.", "killed_or_injured")
    assert (c.best, c.high, c.qualifier) == (12, 99, "vague")
    assert not only(find_counts("The air raids killed and wounded dozens of fighters."), "killed")


def test_including_is_a_subset() -> None:
    counts = only(find_counts("The strike killed at least three people, including two who died in hospital."), "killed")
    assert [(c.best, c.qualifier) for c in counts] == [(3, "at least"), (2, "including")]


@pytest.mark.parametrize(
    "text",
    [
        "Crowds blocked the highway protesting the killing of a shopkeeper.",
        "Residents rioted following the death of a young driver.",
        "Two men accused of killing three herders were arrested.",
        "The plot to assassinate the governor was foiled.",
        "He was sentenced to death by the court.",
        "Shops were closed for 3 days after the raid.",
        "On 4 May 2020, fighters shelled the town.",
        "The 2020 offensive was the largest so far.",
    ],
)
def test_no_killed_count(text: str) -> None:
    assert not [c for c in find_counts(text) if c.quantity == "killed" and not c.negated]


# ------------------------------------------------------------------------------------ negation


@pytest.mark.parametrize(
    ("text", "quantities"),
    [
        ("No injuries were reported.", {"injured"}),
        ("No fatalities were reported.", {"killed"}),
        ("Neither fatalities nor injuries were reported.", {"killed", "injured"}),
        ("Neither injuries nor fatalities were reported.", {"killed", "injured"}),
        ("There were no casualties.", {"killed", "injured"}),
        ("The convoy passed the mine without casualties.", {"killed", "injured"}),
        ("No one was hurt in the explosion.", {"injured"}),
        ("Nobody was killed, officials said.", {"killed"}),
        ("No civilians were injured and no buildings were damaged.", {"injured"}),
        ("There were no immediate reports of casualties.", {"killed", "injured"}),
    ],
)
def test_negation(text: str, quantities: set[str]) -> None:
    counts = find_counts(text)
    assert all(c.negated and c.low == c.high == c.best == 0 for c in counts), counts
    assert {c.quantity for c in counts} == quantities


def test_negation_beside_positive() -> None:
    counts = find_counts("Four people were injured in the blast. No fatalities were reported.")
    assert [(c.quantity, c.best, c.negated) for c in counts] == [("injured", 4, False), ("killed", 0, True)]


# ------------------------------------------------------------------------------ ACLED coding


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Militants attacked a post. Fatalities coded as 0 (the website reported 4 fatalities).", 0),
        ("Several soldiers were killed. Unknown fatalities coded as 10.", 10),
        ("A mine hit a lorry, killing and wounding several escorts. Total fatalities coded to 6.", 6),
        ("Fighting on two fronts. Unknown fatalities coded as 8 and split between the two events with 4 coded to each.", 4),
        ("Raids in four districts killed 9. Fatalities are split across 4 events (2).", 2),
        ("Clashes killed two fighters. Total fatalities 2.", 2),
        ("Strikes hit two villages. Fatalities split over 2 locations (4).", 4),
        ("A shelling spree hit the valley. 3 fatalities coded for this location.", 3),
    ],
)
def test_acled_coding_statements(text: str, value: int) -> None:
    coded = only(find_counts(text), "fatalities_coded")
    assert [c.best for c in coded] == [value]


def test_coding_statement_parenthesis_is_not_a_count() -> None:
    counts = find_counts("Fatalities coded as 0 (the website reported 4 fatalities).")
    assert [c.quantity for c in counts] == ["fatalities_coded"]


def test_who_class() -> None:
    assert who_class("civilians") == "civilians"
    assert who_class("children, women") == "civilians"
    assert who_class("soldiers") == "security"
    assert who_class("soldiers, civilians") == ""
    assert who_class("") == ""


# ------------------------------------------------------------------------------ data and offsets


def test_numbers_yaml_compiles_to_matchers() -> None:
    """Every casualty phrase of the data file is found by the compiled trigger matcher."""
    data = load_numbers_data()
    lex = numbers._lexicon()
    for qty, forms in data.quantities.items():
        for phrase in forms.active + forms.passive + forms.noun:
            text = f"Yesterday {phrase} here."
            m = lex.trigger_re.search(text)
            assert m is not None and m.group().lower() == phrase, phrase
            assert (qty, "active") in lex.triggers[phrase] or (qty, "passive") in lex.triggers[phrase] or (
                qty,
                "noun",
            ) in lex.triggers[phrase]
    for p in data.persons:
        for w in (p.singular, p.plural):
            if w:
                assert w.split()[-1] in lex.persons


def test_invalid_yaml_raises_data_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(numbers, "_data_text", lambda: "units: {one: x}\n")
    numbers.load_numbers_data.cache_clear()
    try:
        with pytest.raises(DataError):
            numbers.load_numbers_data()
    finally:
        monkeypatch.undo()
        numbers.load_numbers_data.cache_clear()
        numbers.load_numbers_data()


_FILLER = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
_PHRASES = [
    ("the shelling killed 7 civilians", "killed", 7),
    ("at least 12 soldiers were wounded", "injured", 12),
    ("neither fatalities nor injuries were reported", "killed", 0),
]


@settings(max_examples=150, deadline=None)
@given(before=_FILLER, after=_FILLER, idx=st.integers(min_value=0, max_value=len(_PHRASES) - 1))
def test_offsets_index_whole_text(before: str, after: str, idx: int) -> None:
    phrase, qty, best = _PHRASES[idx]
    text = f"{before}. {phrase}. {after}"
    start = len(before) + 2
    counts = find_counts(text)
    for c in counts:
        assert c.span is not None and text[c.span.start : c.span.end] == c.span.text
    inside = [c for c in find_counts(text, start, start + len(phrase)) if c.quantity == qty]
    assert inside and inside[0].best == best
    assert all(start <= c.span.start and c.span.end <= start + len(phrase) for c in inside)  # type: ignore[union-attr]


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300), a=st.integers(min_value=-5, max_value=320), b=st.integers(min_value=-5, max_value=320))
def test_arbitrary_text_never_crashes(text: str, a: int, b: int) -> None:
    for c in find_counts(text, a, b):
        assert c.span is not None and text[c.span.start : c.span.end] == c.span.text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(
    "killed wounded at least 3 two a the soldiers civilians were and , . of dozens no injuries neither nor "
    "fatalities reported body found including people died leaving dead between to 1,500".split()
), max_size=25))
def test_casualty_word_salad_never_crashes(words: list[str]) -> None:
    text = " ".join(words)
    for c in find_counts(text):
        assert text[c.span.start : c.span.end] == c.span.text  # type: ignore[union-attr]
        assert c.low >= 0 and (c.high is None or c.high >= c.low or c.quantity == "killed_or_injured")


# ------------------------------------------------------------------------------ ACLED notes


def _note_fatalities(note: str) -> int:
    counts = find_counts(note)
    coded = only(counts, "fatalities_coded")
    if coded:
        return coded[-1].best
    killed = [c for c in counts if c.quantity == "killed" and not c.negated and c.qualifier != "including"]
    if not killed:
        return 0
    ends = [m.end() for m in re.finditer(r"[.;!?](?:\s+|$)", note)]
    first = sum(1 for e in ends if e <= killed[0].span.start)  # type: ignore[union-attr]
    return sum(c.best for c in killed if sum(1 for e in ends if e <= c.span.start) == first)  # type: ignore[union-attr]


@pytest.mark.parametrize(("corpus", "floor"), [("acled-syria-2020", 0.9), ("acled-afghanistan-2020", 0.9)])
def test_acled_notes_fatalities(corpus: str, floor: float) -> None:
    path = SHARED / corpus / "events.csv"
    if not path.exists():
        pytest.skip(f"{path} not available")
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    ok = sum(_note_fatalities(r["notes"]) == int(r["fatalities"]) for r in rows)
    assert ok / len(rows) >= floor


@pytest.mark.parametrize(
    ("text", "best", "who"),
    [
        ("Soldiers reportedly gunned down four youth near the market.", 4, "youth"),  # a hedge is no auxiliary
        ("Three women allegedly killed by militiamen in Bunia.", 3, "women"),  # headline passive keeps its reading
        ("A trader reportedly shot dead in Gao.", 1, "traders"),
    ],
)
def test_hedged_verbs(text: str, best: int, who: str) -> None:
    counts = [c for c in find_counts(text, 0, len(text)) if c.quantity == "killed"]
    assert [(c.best, c.who) for c in counts] == [(best, who)]
