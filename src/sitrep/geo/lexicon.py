"""The toponym lexicon (src/sitrep/data/geo/*.yaml): validated with pydantic, compiled once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sitrep.errors import DataError

_DATA_PACKAGE = "sitrep.data"
_GEO_DIR = "geo"


def _lower_unique(values: list[str]) -> list[str]:
    """Lower-case, strip and de-duplicate (order kept)."""
    seen: dict[str, None] = {}
    for value in values:
        v = " ".join(str(value).split()).lower()
        if v:
            seen.setdefault(v, None)
    return list(seen)


class LexiconModel(BaseModel):
    """Schema of lexicon.yaml."""

    model_config = ConfigDict(extra="forbid")

    version: int
    particles: list[str]
    leading_particles: list[str]
    place_prefixes: list[str]
    near_before: list[str]
    directions: list[str]
    countryside_before: list[str]
    countryside_after: list[str]
    near_after: list[str]
    admin1_types: list[str]
    admin2_types: list[str]
    admin3_types: list[str]
    settlement_types: list[str]
    site_types: list[str]
    org_heads: list[str]
    org_leads: list[str]
    titles: list[str]
    speech_verbs: list[str]
    group_nouns_after: list[str]
    function_words: list[str]
    stopnames: list[str]

    @field_validator("*", mode="before")
    @classmethod
    def _normalise(cls, v: Any) -> Any:
        """Lists become lower-cased, de-duplicated lists of non-empty strings."""
        if isinstance(v, list):
            return _lower_unique([str(x) for x in v])
        return v


class CountryEntry(BaseModel):
    """One country in countries.yaml."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    aliases: list[str] = Field(default_factory=list)
    demonyms: list[str] = Field(default_factory=list)


class CountriesModel(BaseModel):
    """Schema of countries.yaml."""

    model_config = ConfigDict(extra="forbid")

    version: int
    countries: dict[str, CountryEntry]

    @field_validator("countries")
    @classmethod
    def _iso2(cls, v: dict[str, CountryEntry]) -> dict[str, CountryEntry]:
        """Keys must be ISO 3166-1 alpha-2 codes."""
        for cc in v:
            if not re.fullmatch(r"[A-Z]{2}", cc):
                raise ValueError(f"not an ISO alpha-2 code: {cc!r}")
        return v


class Admin1Entry(BaseModel):
    """One canonical admin1 name and its variants."""

    model_config = ConfigDict(extra="forbid")

    name: str
    variants: list[str] = Field(default_factory=list)


class Admin1Model(BaseModel):
    """Schema of admin1.yaml."""

    model_config = ConfigDict(extra="forbid")

    version: int
    strip_suffixes: list[str]
    countries: dict[str, list[Admin1Entry]]


class FeaturesModel(BaseModel):
    """Schema of geonames_features.yaml."""

    model_config = ConfigDict(extra="forbid")

    version: int
    populated_skip: list[str]
    populated_sections: list[str]
    admin: dict[str, str]
    sites: list[str]

    @field_validator("admin")
    @classmethod
    def _features(cls, v: dict[str, str]) -> dict[str, str]:
        """Admin codes map to admin1/admin2/admin3 or skip."""
        for code, feat in v.items():
            if feat not in {"admin1", "admin2", "admin3", "skip"}:
                raise ValueError(f"{code}: unknown feature {feat!r}")
        return v


def _read_yaml(name: str) -> Any:
    """Parse one packaged YAML file of the geo data directory."""
    path = resources.files(_DATA_PACKAGE) / _GEO_DIR / name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise DataError(f"cannot read geo data file: {e}", path=str(path)) from e


def _validated(model: type[BaseModel], name: str) -> Any:
    """Load and validate one YAML file against its model."""
    try:
        return model.model_validate(_read_yaml(name))
    except ValidationError as e:
        raise DataError(f"invalid geo data file: {e}", path=name) from e


@lru_cache(maxsize=1)
def load_lexicon() -> LexiconModel:
    """The validated lexicon.yaml."""
    return _validated(LexiconModel, "lexicon.yaml")


@lru_cache(maxsize=1)
def load_countries() -> CountriesModel:
    """The validated countries.yaml."""
    return _validated(CountriesModel, "countries.yaml")


@lru_cache(maxsize=1)
def load_admin1() -> Admin1Model:
    """The validated admin1.yaml."""
    return _validated(Admin1Model, "admin1.yaml")


@lru_cache(maxsize=1)
def load_features() -> FeaturesModel:
    """The validated geonames_features.yaml."""
    return _validated(FeaturesModel, "geonames_features.yaml")


def _alternation(phrases: list[str]) -> str:
    """A regex alternation of phrases, longest first, with flexible inner white space."""
    parts = sorted({re.escape(p).replace(r"\ ", r"\s+") for p in phrases}, key=len, reverse=True)
    return "(?:" + "|".join(parts) + ")"


_NUM = r"(?:\d+(?:[.,]\d+)?|a\s+few|several|some|about\s+\d+|around\s+\d+)"
_UNIT = r"(?:km|kms|kilometres|kilometers|kilometre|kilometer|miles|mile|m|metres|meters)"


@dataclass(frozen=True, slots=True)
class CompiledLexicon:
    """Regexes and sets compiled from the lexicon; patterns look at lower-cased text."""

    particles: frozenset[str]
    leading_particles: frozenset[str]
    place_prefixes: frozenset[str]
    org_heads: frozenset[str]
    org_leads: frozenset[str]
    stopnames: frozenset[str]
    function_words: frozenset[str]
    titles: frozenset[str]
    directions: frozenset[str]
    near_before: re.Pattern[str]  # searched in the text before a name (ends at the name)
    direction_of_before: re.Pattern[str]
    countryside_before: re.Pattern[str]
    settlement_before: re.Pattern[str]
    admin1_before: re.Pattern[str]
    admin2_before: re.Pattern[str]
    admin3_before: re.Pattern[str]
    site_before: re.Pattern[str]
    title_before: re.Pattern[str]
    prep_before: re.Pattern[str]
    type_after: re.Pattern[str]  # matched at the start of the text after a name (groups dir, phrase)
    type_kinds: dict[str, str]  # phrase -> countryside | near | admin1 | admin2 | admin3 | settlement | site
    speech_after: re.Pattern[str]
    group_after: re.Pattern[str]
    reversed_before: dict[str, re.Pattern[str]]  # field name -> that ``*_before`` pattern written backwards;
    # "any_cue" -> any of them but prep_before


def _before(phrases: list[str], *, with_of: bool = False) -> re.Pattern[str]:
    """Pattern for phrases that end right before a name ("near ", "the town of ")."""
    alt = _alternation(phrases)
    tail = r"\s+of\s+(?:the\s+)?" if with_of else r"\s+(?:the\s+)?"
    return re.compile(r"(?:^|[^\w'])" + alt + tail + r"$")


_PREPS = ("in", "at", "into", "inside", "from", "to", "across", "throughout", "within", "of", "on", "reached",
          "entered", "captured", "seized", "took", "stormed", "shelled", "bombed", "hit", "struck", "targeted",
          "attacked", "raided", "besieged", "recaptured", "retook", "liberated", "toward", "via", "through",
          "outside", "near", "around")


def _rev_alternation(phrases: list[str] | tuple[str, ...]) -> str:
    """:func:`_alternation` of the phrases written backwards (for matching reversed text)."""
    parts = sorted({re.escape(p[::-1]).replace(r"\ ", r"\s+") for p in phrases}, key=len, reverse=True)
    return "(?:" + "|".join(parts) + ")"


_REV_END = r"\n?"  # ``$`` read backwards: the start, or after a final newline
_REV_START = r"(?:[^\w']|\Z)"  # ``(?:^|[^\w'])`` read backwards
_REV_NUM = r"(?:(?:\d+[.,])?\d+|wef\s+a|lareves|emos|\d+\s+tuoba|\d+\s+dnuora)"
_REV_UNIT = _rev_alternation(("km", "kms", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile",
                              "m", "metres", "meters"))


def _reversed_before(lex: LexiconModel) -> dict[str, re.Pattern[str]]:
    """Each ``*_before`` pattern written backwards: ``rev.match(before[::-1])`` succeeds exactly when
    ``pattern.search(before)`` does, but looks only at the end of ``before`` instead of scanning it."""
    rdirs = _rev_alternation(lex.directions)
    the = r"(?:\s+eht)?"
    of = _REV_END + the + r"\s+fo\s+"
    pats = {
        "near_before": re.compile(_REV_END + the + r"\s+" + _rev_alternation(lex.near_before) + _REV_START),
        "direction_of_before": re.compile(
            of + rdirs + r"(?:\s+eht\s+ot|\s+tsuj)?(?:(?:\s+eht\s+ot)?\s+" + _REV_UNIT + r"\s*" + _REV_NUM + r")?"
            + _REV_START
        ),
        "countryside_before": re.compile(
            _REV_END + the + r"\s+" + _rev_alternation(lex.countryside_before) + r"(?:\s+" + rdirs + r")?" + _REV_START
        ),
        "settlement_before": re.compile(of + _rev_alternation(lex.settlement_types) + _REV_START),
        "admin1_before": re.compile(of + _rev_alternation(lex.admin1_types) + _REV_START),
        "admin2_before": re.compile(of + _rev_alternation(lex.admin2_types) + _REV_START),
        "admin3_before": re.compile(of + _rev_alternation(lex.admin3_types) + _REV_START),
        "site_before": re.compile(of + _rev_alternation(lex.site_types) + _REV_START),
        "title_before": re.compile(_REV_END + r"\s+\.?" + _rev_alternation(lex.titles) + _REV_START),
        "prep_before": re.compile(
            _REV_END + r"(?:\s+" + rdirs + r")?" + the + r"\s+" + _rev_alternation(_PREPS) + _REV_START
        ),
    }
    # "any_cue": any pattern but prep_before (which most names have); when it fails, none of them matches
    pats["any_cue"] = re.compile("|".join(f"(?:{p.pattern})" for name, p in pats.items() if name != "prep_before"))
    return pats


def compile_lexicon(lex: LexiconModel | None = None) -> CompiledLexicon:
    """Compile the lexicon to sets and regexes."""
    lex = lex or load_lexicon()
    dirs = _alternation(lex.directions)
    after_kinds = {
        "countryside": lex.countryside_after,
        "near": lex.near_after,
        "admin1": lex.admin1_types,
        "admin2": lex.admin2_types,
        "admin3": lex.admin3_types,
        "settlement": lex.settlement_types,
        "site": lex.site_types,
    }
    kinds: dict[str, str] = {}
    for kind, phrases in after_kinds.items():
        for p in phrases:
            kinds.setdefault(p, kind)
    alt = _alternation(list(kinds))
    type_after = re.compile(
        r"^(?:'s|’s|['’\"”])?\s*(?:(?P<dir>" + dirs + r")\s+)?(?P<phrase>" + alt + r")(?![\w-])"
        r"(?:\s+" + alt + r"(?![\w-]))*"
    )
    return CompiledLexicon(
        particles=frozenset(lex.particles),
        leading_particles=frozenset(lex.leading_particles),
        place_prefixes=frozenset(p.replace("'", "") for p in lex.place_prefixes),
        org_heads=frozenset(lex.org_heads),
        org_leads=frozenset(lex.org_leads),
        stopnames=frozenset(lex.stopnames),
        function_words=frozenset(lex.function_words),
        titles=frozenset(lex.titles),
        directions=frozenset(lex.directions),
        near_before=re.compile(r"(?:^|[^\w'])" + _alternation(lex.near_before) + r"\s+(?:the\s+)?$"),
        direction_of_before=re.compile(
            r"(?:^|[^\w'])(?:" + _NUM + r"\s*" + _UNIT + r"\s+(?:to\s+the\s+)?)?(?:to\s+the\s+|just\s+)?"
            + dirs + r"\s+of\s+(?:the\s+)?$"
        ),
        countryside_before=re.compile(
            r"(?:^|[^\w'])(?:(?:" + dirs + r")\s+)?" + _alternation(lex.countryside_before) + r"\s+(?:the\s+)?$"
        ),
        settlement_before=_before(lex.settlement_types, with_of=True),
        admin1_before=_before(lex.admin1_types, with_of=True),
        admin2_before=_before(lex.admin2_types, with_of=True),
        admin3_before=_before(lex.admin3_types, with_of=True),
        site_before=_before(lex.site_types, with_of=True),
        title_before=re.compile(r"(?:^|[^\w'])" + _alternation(lex.titles) + r"\.?\s+$"),
        prep_before=re.compile(
            r"(?:^|[^\w'])(?:" + "|".join(_PREPS) + r")\s+(?:the\s+)?(?:(?:" + dirs + r")\s+)?$"
        ),
        type_after=type_after,
        type_kinds=kinds,
        speech_after=re.compile(r"^\s*(?:has\s+|had\s+|have\s+)?" + _alternation(lex.speech_verbs) + r"\b"),
        group_after=re.compile(r"^\s+" + _alternation(lex.group_nouns_after) + r"\b"),
        reversed_before=_reversed_before(lex),
    )


@lru_cache(maxsize=1)
def compiled() -> CompiledLexicon:
    """The process-wide compiled lexicon."""
    return compile_lexicon()


def type_kind(match: re.Match[str]) -> str:
    """The kind (countryside/near/admin1/admin2/admin3/settlement/site) of a ``type_after`` match."""
    return compiled().type_kinds.get(" ".join(match.group("phrase").split()), "")
