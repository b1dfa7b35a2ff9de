"""Lookups in the compiled gazetteer (built once per machine in the data directory)."""

from __future__ import annotations

import csv
import io
from importlib import resources

import pytest

from sitrep.geo import Gazetteer


def _first(gz: Gazetteer, name: str, cc: str | None = None):
    places = gz.lookup(name, country_code=cc)
    assert places, name
    return places[0]


@pytest.mark.parametrize("name", ["Idlib", "Idleb"])
def test_idlib_spellings(gazetteer: Gazetteer, name: str) -> None:
    p = _first(gazetteer, name)
    assert (p.country_code, p.feature, p.admin1) == ("SY", "city", "Idleb")


def test_variant_of_a_governorate_only(gazetteer: Gazetteer) -> None:
    places = gazetteer.lookup("Edlib")  # listed as a variant of the governorate; the city matches by skeleton
    assert (places[0].feature, places[0].name) == ("admin1", "Idleb")
    assert any(p.feature == "city" and p.admin1 == "Idleb" for p in places)


@pytest.mark.parametrize("name", ["Maarat al-Numan", "Ma'arrat an-Nu'man", "Maarrat al-Numan",
                                  "Ma\u2019arat al-Nu\u2019man"])
def test_maarat_spellings(gazetteer: Gazetteer, name: str) -> None:
    p = _first(gazetteer, name)
    assert p.country_code == "SY" and p.admin1 == "Idleb"
    assert abs(p.latitude - 35.64) < 0.05 and abs(p.longitude - 36.67) < 0.05


@pytest.mark.parametrize("name", ["Tal Rifaat", "Tall Rif'at", "Tell Rifat"])
def test_tal_rifaat_spellings(gazetteer: Gazetteer, name: str) -> None:
    p = _first(gazetteer, name)
    assert (p.country_code, p.admin1) == ("SY", "Aleppo")


@pytest.mark.parametrize("name", ["Al-Bab", "al-Bab", "Al Bab"])
def test_al_bab(gazetteer: Gazetteer, name: str) -> None:
    p = _first(gazetteer, name, "SY")
    assert (p.country_code, p.feature, p.admin1) == ("SY", "city", "Aleppo")


def test_exact_matches_rank_before_skeleton_matches(gazetteer: Gazetteer) -> None:
    cands = gazetteer.match("Idlib")
    exact = [c.exact for c in cands]
    assert exact == sorted(exact, reverse=True)


def test_country_code_ranks_first(gazetteer: Gazetteer) -> None:
    assert _first(gazetteer, "Tripoli", "LB").country_code == "LB"
    assert _first(gazetteer, "Tripoli", "LY").country_code == "LY"


def test_admin1_units_use_acled_names(gazetteer: Gazetteer) -> None:
    assert set(gazetteer.admin1_names("SY")) == {
        "Aleppo", "Idleb", "Al-Hasakeh", "Ar-Raqqa", "Deir-ez-Zor", "Dar'a", "As-Sweida", "Rural Damascus",
        "Lattakia", "Tartous", "Hama", "Homs", "Quneitra", "Damascus"}
    assert gazetteer.admin1("Nakuru County", country_code="KE").name == "Nakuru"
    assert gazetteer.admin1("Maidan Wardak", country_code="AF").name == "Wardak"
    assert gazetteer.admin1("Rif Dimashq", country_code="SY").name == "Rural Damascus"


def test_kenyan_and_afghan_places(gazetteer: Gazetteer) -> None:
    for name in ("Nairobi", "Mombasa", "Mandera", "Garissa", "Lamu", "Kisumu"):
        assert _first(gazetteer, name, "KE").country_code == "KE", name
    for name in ("Kandahar", "Kunduz", "Jalalabad"):
        assert _first(gazetteer, name, "AF").country_code == "AF", name
    assert gazetteer.admin1("Helmand", country_code="AF") is not None
    assert gazetteer.admin1("Nangarhar", country_code="AF") is not None


def test_countries_and_demonyms(gazetteer: Gazetteer) -> None:
    assert gazetteer.country_of("Syria") == "SY"
    assert gazetteer.country_of("Syrian Arab Republic") == "SY"
    assert gazetteer.country_of("USA") == "US"
    assert gazetteer.country_of("Turkish") == "TR"
    assert gazetteer.country_of("Atlantis") is None
    assert gazetteer.country_name("CD") == "Democratic Republic of Congo"
    assert gazetteer.country_place("KE").feature == "country"


def test_neighbourhood_is_a_site_in_its_city(gazetteer: Gazetteer) -> None:
    sites = [c for c in gazetteer.match("Salah Ad-Deen") if c.feature == "site"]
    assert sites and sites[0].admin1 == "Aleppo"
    city = gazetteer.city_of(sites[0])
    assert city.feature == "city" and city.name == "Aleppo"
    assert (city.lat, city.lon) == (sites[0].lat, sites[0].lon)


def test_compiled_ocha_units_match_the_packaged_source(gazetteer: Gazetteer) -> None:
    text = (resources.files("sitrep.data") / "geo" / "syria_ocha_admin.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    for r in rows:
        if r["level"] not in ("admin1", "admin2", "admin3"):
            continue
        found = [c for c in gazetteer.match(r["name_en"]) if c.feature == r["level"] and c.cc == "SY"
                 and c.admin1 == r["admin1_en"]]
        assert found, (r["level"], r["name_en"])


def test_unknown_name(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Qwxzvbnm") == []
    assert gazetteer.lookup("") == []


def test_metadata(gazetteer: Gazetteer) -> None:
    meta = gazetteer.stats()
    assert "OCHA Syria COD-AB (CC BY-IGO)" in meta["attribution"]


def test_build_is_a_no_op_when_current(gazetteer: Gazetteer) -> None:
    from sitrep.geo.store import build_gazetteer, is_current

    assert is_current(gazetteer.path)
    assert build_gazetteer(path=gazetteer.path) == gazetteer.path
