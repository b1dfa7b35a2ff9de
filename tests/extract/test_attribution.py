"""Tests for sitrep.extract.attribution: claimants, reporting verbs, coreference, denials, responsibility."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.errors import DataError
from sitrep.extract import attribution
from sitrep.extract.attribution import (
    UNATTRIBUTED,
    canonical_claimant,
    claimant_info,
    find_claims,
    load_claimants_data,
)
from sitrep.model import Claim


def claims(text: str, previous: Claim | None = None) -> list[tuple[str, str]]:
    return [(c.claimant, c.kind) for c in find_claims(text, previous=previous)]


# -------------------------------------------------------------------------------- known claimants


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two children were killed, according to the White Helmets.", [("White Helmets", "said")]),
        ("The White Helmets said two children were killed.", [("White Helmets", "said")]),
        ("The White Helmets reported that rescuers pulled two bodies out.", [("White Helmets", "said")]),
        ("Rescuers worked all night, Syria Civil Defence told reporters.", [("White Helmets", "said")]),
        ("SANA said troops repelled the attack.", [("SANA", "said")]),
        ("State news agency SANA insisted that the bridge was intact.", [("SANA", "claimed")]),
        ("Jets hit the town, the Syrian Observatory for Human Rights said.", [("Syrian Observatory for Human Rights", "said")]),
        ("Jets hit the town, said the Syrian Observatory for Human Rights.", [("Syrian Observatory for Human Rights", "said")]),
        ("Jets hit the town, the SOHR war monitor reported.", [("Syrian Observatory for Human Rights", "said")]),
        ("Aid stocks ran low, the UN Office for the Coordination of Humanitarian Affairs (OCHA) said.", [("OCHA", "said")]),
        ("Russian state agency TASS reported heavy losses.", [("TASS", "said")]),
        ("Taliban spokesman Zabihullah Mujahid said the post had fallen.", [("Taliban", "said")]),
        ("Pajhwok Afghan News reported that five soldiers died.", [("Pajhwok Afghan News", "said")]),
        ("The Kenya Red Cross said 12 people were injured.", [("Kenya Red Cross", "said")]),
        ("A Kremlin spokesperson said the strikes would continue.", [("Kremlin", "said")]),
    ],
)
def test_known_claimants(text: str, expected: list[tuple[str, str]]) -> None:
    assert claims(text) == expected


def test_claim_span_is_the_attribution() -> None:
    text = "Two children were killed, according to the White Helmets."
    (c,) = find_claims(text)
    assert c.span is not None and c.span.text == "according to the White Helmets"


# -------------------------------------------------------------------------------- generic sources


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Local sources said warplanes targeted the market.", [("local sources", "said")]),
        ("The tunnel was dug over months, a source with the group said.", [("source with the group", "said")]),
        ("Only one checkpoint was taken, rebel sources said.", [("rebel sources", "said")]),
        ("Pro-government outlets claimed the airport was still open.", [("pro-government outlets", "claimed")]),
        ("An HTS-linked outlet said dozens of soldiers were killed.", [("HTS-linked outlet", "said")]),
        ("Activists said the town was shelled.", [("activists", "said")]),
        ("Witnesses said the gunmen fled on motorbikes.", [("witnesses", "said")]),
        ("Residents reported heavy gunfire overnight.", [("residents", "said")]),
        ("Officials said the road was reopened.", [("officials", "said")]),
        ("Rescue workers on the scene said five people died.", [("rescue workers", "said")]),
        ("According to Syrian media reports, a curfew was declared.", [("Syrian media", "said")]),
        ("A depot burned for hours, according to social media footage checked by a broadcaster.", [("social media", "said")]),
    ],
)
def test_generic_sources(text: str, expected: list[tuple[str, str]]) -> None:
    assert claims(text) == expected


def test_coordinated_subjects() -> None:
    text = "Two villages changed hands, an opposition source and the Syrian Observatory for Human Rights reported."
    assert claims(text) == [("opposition source", "said"), ("Syrian Observatory for Human Rights", "said")]
    assert claims("Witnesses and local residents told us the bakery was hit twice.") == [
        ("witnesses", "said"),
        ("local residents", "said"),
    ]


def test_relative_and_appositive_clauses_are_skipped() -> None:
    text = "A television channel run by Hezbollah, which has fighters in the area, said the push was beaten back."
    assert claims(text) == [("Hezbollah military media", "said")]
    text = "The Syrian army, backed by militia units, claims to hold the ridge again."
    assert claims(text) == [("Syrian Arab Army", "claimed")]
    text = "Jane Doe, a fellow at a research institute, told a newspaper the war would go on."
    assert claims(text) == [("Jane Doe", "said")]


def test_named_people_and_bodies() -> None:
    assert claims("The foreign minister of Italy said the convent was damaged.") == [
        ("foreign minister of Italy", "said")
    ]
    assert claims("President Erdogan said on Friday an operation was possible.") == [("President Erdogan", "said")]


# -------------------------------------------------------------------------------- coreference


def test_it_said_refers_to_previous_claimant() -> None:
    prev = Claim("White Helmets")
    assert claims("It said two ambulances were hit.", previous=prev) == [("White Helmets", "said")]
    assert claims("More than 1,000 people fled, it said.", previous=prev) == [("White Helmets", "said")]


def test_it_said_prefers_this_sentences_claimant() -> None:
    text = "SANA said a dam was damaged, and the army was clearing mines there, it said."
    assert [c for c, _ in claims(text, previous=Claim("White Helmets"))] == ["SANA", "SANA"]


def test_main_clause_it_ignores_organisations_in_the_content() -> None:
    text = "The Syrian army moved tanks toward the northern hills overnight, it said."
    assert claims(text, previous=Claim("SANA")) == [("SANA", "said")]


def test_relative_clause_it_refers_to_the_named_outlet() -> None:
    text = "An outlet close to the rebels, Ebaa, posted a clip which it said was filmed at dawn."
    assert claims(text, previous=Claim("local sources")) == [("Ebaa", "said")]


def test_the_agency_needs_a_compatible_antecedent() -> None:
    assert claims("The agency said five people died.", previous=Claim("SANA")) == [("SANA", "said")]
    assert claims("The agency said five people died.", previous=Claim("activists")) == [("agency", "said")]
    assert claims("The ministry said the attack was repelled.", previous=Claim("White Helmets")) == [
        ("ministry", "said")
    ]


# -------------------------------------------------------------------------------- kinds


def test_cited_sources() -> None:
    text = "Floods of displaced people reached the camps, OCHA said on Friday, citing local health authorities."
    assert claims(text) == [("OCHA", "said"), ("local health authorities", "cited")]
    text = "TASS cited the Syrian army command in a dispatch as saying two drones were downed."
    assert claims(text) == [("TASS", "said"), ("Syrian Arab Army", "cited")]


@pytest.mark.parametrize(
    "text",
    [
        "Several fighters were reportedly captured.",
        "The gunmen allegedly fled across the border.",
        "Reports said the bridge was destroyed.",
        "Fighting was reported in the eastern district.",
        "Five people were reported killed.",
    ],
)
def test_unattributed(text: str) -> None:
    assert claims(text) == [(UNATTRIBUTED, "reported")]


def test_negative_report_is_not_a_claim() -> None:
    assert claims("No fatalities were reported.") == []
    assert claims("Neither injuries nor fatalities were reported.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SANA made no mention of the convoy ambush.", [("SANA", "denied")]),
        ("The army denied targeting civilians.", [("army", "denied")]),
        ("The ministry rejected claims that a hospital was hit.", [("ministry", "denied")]),
        ("Police dismissed the reports as false.", [("police", "denied")]),
    ],
)
def test_denials(text: str, expected: list[tuple[str, str]]) -> None:
    assert claims(text) == expected


def test_coordinated_denial_keeps_subject() -> None:
    text = "Army and militia commanders stated that only depots were shelled and denied hitting homes."
    assert claims(text) == [("army and militia commanders", "said"), ("army and militia commanders", "denied")]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("Al-Shabaab has claimed responsibility for the attack.", "Al-Shabaab"),
        ("The Islamic State claimed responsibility for the bombing.", "Islamic State"),
        ("Responsibility was claimed by the Taliban.", "Taliban"),
        (
            "A little-known group calling itself the Free Brigade took responsibility.",
            "little-known group calling itself the Free Brigade",
        ),
    ],
)
def test_claimed_responsibility(text: str, claimant: str) -> None:
    assert claims(text) == [(claimant, "claimed_responsibility")]


def test_claimed_the_attack_was_is_not_responsibility() -> None:
    assert claims("The army claimed the attack was repelled.") == [("army", "claimed")]


def test_nouns_are_not_verbs() -> None:
    assert claims("The claims could not be verified.") == []
    assert claims("Police denied the claims.") == [("police", "denied")]


# -------------------------------------------------------------------------------- claimant_info


def test_claimant_info_known() -> None:
    info = claimant_info("SANA")
    assert info is not None and info["kind"] == "state_media" and info["country"] == "SY"
    assert "Syrian" in info["affiliation"] and info["party"] == "Syrian government"
    assert claimant_info("Syria Civil Defence")["name"] == "White Helmets"  # type: ignore[index]
    assert claimant_info("White Helmets")["kind"] == "rescue_service"  # type: ignore[index]
    assert claimant_info("Amaq")["party"] == "Islamic State"  # type: ignore[index]
    assert claimant_info("TOLOnews")["country"] == "AF"  # type: ignore[index]
    assert claimant_info("KNA")["country"] == "KE"  # type: ignore[index]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("local sources", "local_sources"),
        ("rebel sources", "armed_group"),
        ("security officials", "government"),
        ("medical sources", "health_authority"),
        ("pro-Assad outlets", "state_media"),
        ("HTS-linked outlet", "armed_group_media"),
        ("social media", "social_media"),
    ],
)
def test_claimant_info_generic(name: str, kind: str) -> None:
    info = claimant_info(name)
    assert info is not None and info["kind"] == kind


def test_claimant_info_unknown() -> None:
    assert claimant_info("the weather") is None
    assert canonical_claimant("nobody in particular") is None


# -------------------------------------------------------------------------------- data


def test_every_alias_compiles_and_matches_its_claimant() -> None:
    data = load_claimants_data()
    for c in data.claimants:
        for alias in [c.name, *c.aliases]:
            text = f"Earlier, {alias} said nothing."
            found = attribution._alias_matches(text, 0, len(text))
            assert found and found[0][2] == c.name, (alias, found)
            assert text[found[0][0] : found[0][1]] == alias
            assert canonical_claimant(alias) == c.name


def test_aliases_are_unambiguous() -> None:
    seen: dict[str, str] = {}
    for c in load_claimants_data().claimants:
        for alias in [c.name, *c.aliases]:
            key = " ".join(alias.lower().split())
            assert seen.setdefault(key, c.name) == c.name, f"{alias!r} names {seen[key]} and {c.name}"


def test_verbs_and_source_nouns_compile() -> None:
    data = load_claimants_data()
    index = attribution._compiled().verb_index
    for verb in data.verbs:
        text = f"They {verb} it."
        assert [h[2].lower() for h in index.find(text, 0, len(text))] == [verb.lower()]


def test_one_word_aliases_are_case_sensitive() -> None:
    assert find_claims("Sana Noor said she saw the strike.") == [] or all(
        c.claimant != "SANA" for c in find_claims("Sana Noor said she saw the strike.")
    )


def test_invalid_yaml_raises_data_error(monkeypatch: pytest.MonkeyPatch) -> None:
    bad = "claimants:\n  - {name: X, kind: wizard, aliases: [X]}\nsource_nouns: {}\nsource_modifiers: {}\nverbs: {}\nresponsibility: []\n"
    monkeypatch.setattr(attribution, "_data_text", lambda: bad)
    attribution.load_claimants_data.cache_clear()
    try:
        with pytest.raises(DataError):
            attribution.load_claimants_data()
    finally:
        monkeypatch.undo()
        attribution.load_claimants_data.cache_clear()
        attribution.load_claimants_data()


# -------------------------------------------------------------------------------- offsets


_FILLER = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
_PHRASES = [
    ("according to the White Helmets", "White Helmets"),
    ("SANA said", "SANA"),
    ("local sources said", "local sources"),
]


@settings(max_examples=150, deadline=None)
@given(before=_FILLER, after=_FILLER, idx=st.integers(min_value=0, max_value=len(_PHRASES) - 1))
def test_offsets_index_whole_text(before: str, after: str, idx: int) -> None:
    phrase, claimant = _PHRASES[idx]
    text = f"{before}. {phrase}. {after}"
    start = len(before) + 2
    for c in find_claims(text):
        assert c.span is not None and text[c.span.start : c.span.end] == c.span.text
    inside = find_claims(text, start, start + len(phrase))
    assert [c.claimant for c in inside] == [claimant]
    assert inside[0].span is not None and start <= inside[0].span.start


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300), a=st.integers(min_value=-5, max_value=320), b=st.integers(min_value=-5, max_value=320))
def test_arbitrary_text_never_crashes(text: str, a: int, b: int) -> None:
    for c in find_claims(text, a, b, previous=Claim("SANA")):
        assert c.span is not None and text[c.span.start : c.span.end] == c.span.text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(
    "said according to the SANA it White Helmets , . sources local denied claimed responsibility for "
    "reportedly was reported which citing and a source with group ( ) told made no mention of".split()
), max_size=25))
def test_claim_word_salad_never_crashes(words: list[str]) -> None:
    text = " ".join(words)
    for c in find_claims(text, previous=Claim("OCHA")):
        assert text[c.span.start : c.span.end] == c.span.text  # type: ignore[union-attr]
        assert c.claimant
