"""Checkable facts (population, city rank, an attack's outcome) for contradiction finding.

Patterns live in ``data/facts.yaml``. The subject of a fact is the place named nearest to it in the
sentence; the claimant is the one the sentence (or clause) attributes the statement to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sitrep.errors import DataError
from sitrep.model import Fact, Span

ORDINALS = {"second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5, "5th": 5}
SMALL_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "a few": 3, "several": 3,
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
CLAIM_BEFORE = re.compile(
    r"(?P<who>(?:[A-Z][\w-]*|pro-[\w-]+|anti-[\w-]+)(?:[\s-]+[\w-]+){0,3}?)\s+(?:said|says|claimed|claims|reported|insisted|stated|announced)\b[^.;]*$"
)


class PopulationSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    patterns: list[str] = Field(min_length=1)
    tolerance: float = 0.25


class RankSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    patterns: list[str] = Field(min_length=1)
    country_owners: list[str] = Field(default_factory=list)


class OutcomeSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    failed: list[str] = Field(min_length=1)
    succeeded: list[str] = Field(min_length=1)


class FactSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    population: PopulationSpec
    rank: RankSpec
    outcome: OutcomeSpec


@dataclass(frozen=True, slots=True)
class FactPatterns:
    spec: FactSpec
    population: tuple[re.Pattern, ...]
    rank: tuple[re.Pattern, ...]
    failed: re.Pattern
    succeeded: re.Pattern


def _alternation(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(rf"(?<!\w)(?:{p})(?!\w)" for p in patterns), re.IGNORECASE)


def load_patterns(text: str, *, source: str = "<string>") -> FactPatterns:
    try:
        spec = FactSpec.model_validate(yaml.safe_load(text))
        return FactPatterns(
            spec=spec,
            population=tuple(re.compile(p, re.IGNORECASE) for p in spec.population.patterns),
            rank=tuple(re.compile(p) for p in spec.rank.patterns),
            failed=_alternation(spec.outcome.failed),
            succeeded=_alternation(spec.outcome.succeeded),
        )
    except (yaml.YAMLError, ValidationError, re.error) as e:
        raise DataError(f"invalid fact patterns: {e}", path=source) from e


@lru_cache(maxsize=1)
def default_patterns() -> FactPatterns:
    path = resources.files("sitrep.data").joinpath("facts.yaml")
    return load_patterns(path.read_text(encoding="utf-8"), source=str(path))


def parse_amount(value: str, scale: str | None) -> float | None:
    v = value.lower().replace(",", "")
    if v in SMALL_NUMBERS:
        n = float(SMALL_NUMBERS[v])
    else:
        try:
            n = float(v)
        except ValueError:
            return None
    return n * SCALES.get((scale or "").lower(), 1.0)


def _nearest_place(places, pos: int):
    named = [p for p in places if p.place is not None]
    if not named:
        return None
    return min(named, key=lambda p: abs(p.span.start - pos)).place


def _claimant(text: str, start: int, pos: int, default: str | None) -> str | None:
    m = CLAIM_BEFORE.search(text[start:pos])
    if m:
        return " ".join(m.group("who").split())
    return default


def find_facts(text: str, start: int, end: int, *, doc_id: str, places, claim: str | None, ref_date) -> list[Fact]:
    """Population, rank and attack-outcome statements in one sentence."""
    pats = default_patterns()
    sentence = Span(start, end, text[start:end])
    out: list[Fact] = []
    for rx in pats.population:
        for m in rx.finditer(text, start, end):
            amount = parse_amount(m.group("value"), m.groupdict().get("scale"))
            place = _nearest_place(places, m.start())
            if amount is None or place is None:
                continue
            out.append(Fact("population", f"population of {place.name}", ("population", place.name), m.group(0), amount, doc_id, sentence, _claimant(text, start, m.start(), claim), ref_date))
    for rx in pats.rank:
        for m in rx.finditer(text, start, end):
            place = _nearest_place(places, m.start())
            if place is None:
                continue
            owner = (m.group("owner") or "").lower()
            scope = "country" if owner in pats.spec.rank.country_owners or (owner and owner == place.country.lower()) else ("region" if m.group("scope_tail") else "country")
            if m.group("scope_tail"):
                scope = "region"
            rank = ORDINALS.get((m.group("ordinal") or "").lower(), 1)
            out.append(Fact("rank", f"{place.name}'s rank among {place.country}'s cities", ("rank", place.name, scope), m.group(0), rank, doc_id, sentence, _claimant(text, start, m.start(), claim), ref_date))
    for rx, outcome in ((pats.failed, "failed"), (pats.succeeded, "succeeded")):
        for m in rx.finditer(text, start, end):
            place = _nearest_place(places, m.start())
            if place is None:
                continue
            out.append(Fact("outcome", f"outcome of the attack at {place.name}", ("outcome", place.name), m.group(0), outcome, doc_id, sentence, _claimant(text, start, m.start(), claim), ref_date))
    return out
