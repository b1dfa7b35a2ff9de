"""Generated ACLED-style notes: "On 9 May 2020, X shelled Y (Idleb). 2 fatalities were reported."

Every word of a note comes from an incident field or from the templates in ``note_templates.yaml``;
a field that is empty is never mentioned.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from sitrep.errors import DataError
from sitrep.model import SUB_EVENT_TYPES, Incident

PLACEHOLDERS = frozenset({"a1", "a2", "where"})
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_OPTIONAL = re.compile(r"\[([^\[\]|]*)(?:\|([^\[\]|]*))?\]")
_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")
_GENERIC = re.compile(r"^(?P<base>.+?)\s*\((?P<country>[^()]+)\)$")
_FORMATTER = string.Formatter()


def _fields(text: str) -> set[str]:
    """Placeholder names used in a template fragment."""
    return {name for _, name, _, _ in _FORMATTER.parse(text) if name is not None}


class TemplatePair(BaseModel):
    """The two phrasings of one sub-event type."""

    model_config = ConfigDict(extra="forbid")

    active: str
    passive: str

    @model_validator(mode="after")
    def _placeholders(self) -> TemplatePair:
        for label, text in (("active", self.active), ("passive", self.passive)):
            if "[" in _OPTIONAL.sub("", text) or "]" in _OPTIONAL.sub("", text):
                raise ValueError(f"{label}: unbalanced or nested [ ]")
            unknown = _fields(text) - PLACEHOLDERS
            if unknown:
                raise ValueError(f"{label}: unknown placeholders {sorted(unknown)}")
        if "a1" not in _fields(_OPTIONAL.sub("", self.active)):
            raise ValueError("active: must use {a1} outside [ ]")
        if "a1" in _fields(self.passive):
            raise ValueError("passive: must not use {a1}")
        return self


class NoteSpec(BaseModel):
    """``note_templates.yaml`` as written."""

    model_config = ConfigDict(extra="forbid")

    sub_event_types: dict[str, TemplatePair]
    generic_actors: dict[str, str]

    @field_validator("sub_event_types")
    @classmethod
    def _all_sub_event_types(cls, v: dict[str, TemplatePair]) -> dict[str, TemplatePair]:
        unknown = set(v) - set(SUB_EVENT_TYPES)
        missing = set(SUB_EVENT_TYPES) - set(v)
        if unknown or missing:
            raise ValueError(f"unknown sub-event types {sorted(unknown)}, missing {sorted(missing)}")
        return v


@dataclass(slots=True, frozen=True)
class Optional_:
    """A ``[part|fallback]`` segment: ``part`` when all its placeholders have values, else ``fallback``."""

    part: str
    fallback: str
    needs: frozenset[str]


@dataclass(slots=True, frozen=True)
class Template:
    """A compiled template: literal/placeholder text and optional segments, in order."""

    pieces: tuple[str | Optional_, ...]

    def render(self, values: dict[str, str]) -> str:
        """Fill the template; optional segments whose placeholders are empty fall back."""
        out = []
        for piece in self.pieces:
            if isinstance(piece, Optional_):
                if all(values.get(n) for n in piece.needs):
                    out.append(piece.part.format_map(values))
                else:
                    out.append(piece.fallback)
            else:
                out.append(piece.format_map(values))
        return "".join(out)


def compile_template(text: str) -> Template:
    """Split a template into plain pieces and optional segments."""
    pieces: list[str | Optional_] = []
    pos = 0
    for m in _OPTIONAL.finditer(text):
        if m.start() > pos:
            pieces.append(text[pos : m.start()])
        part = m.group(1)
        pieces.append(Optional_(part, m.group(2) or "", frozenset(_fields(part))))
        pos = m.end()
    if pos < len(text):
        pieces.append(text[pos:])
    return Template(tuple(pieces))


@dataclass(slots=True, frozen=True)
class NoteTemplates:
    """Compiled templates per sub-event type plus the generic-actor phrasings."""

    active: dict[str, Template]
    passive: dict[str, Template]
    generic_actors: dict[str, str]


def load_note_spec() -> NoteSpec:
    """Read and validate the packaged note templates."""
    text = resources.files("sitrep.data").joinpath("note_templates.yaml").read_text(encoding="utf-8")
    try:
        return NoteSpec.model_validate(yaml.safe_load(text))
    except (ValidationError, yaml.YAMLError) as e:
        raise DataError(f"note_templates.yaml is invalid: {e}") from e


def compile_notes(spec: NoteSpec) -> NoteTemplates:
    """Compile every template of a validated spec."""
    return NoteTemplates(
        active={k: compile_template(v.active) for k, v in spec.sub_event_types.items()},
        passive={k: compile_template(v.passive) for k, v in spec.sub_event_types.items()},
        generic_actors=dict(spec.generic_actors),
    )


@lru_cache(maxsize=1)
def note_templates() -> NoteTemplates:
    """The process-wide compiled templates."""
    return compile_notes(load_note_spec())


def format_day(d: date) -> str:
    """'9 May 2020' (locale-independent)."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def date_phrase(inc: Incident) -> str:
    """'On 9 May 2020' / 'Between 4 and 10 May 2020' / 'Around 9 May 2020' / 'In May 2020' ('' if undated)."""
    if inc.event_date is None or inc.time_precision is None:
        return ""
    if inc.time_precision >= 3:
        return f"In {MONTHS[inc.event_date.month - 1]} {inc.event_date.year}"
    lo, hi = inc.date_min, inc.date_max
    if inc.time_precision == 2 and lo and hi and lo < hi:
        if lo.year != hi.year:
            first = format_day(lo)
        elif lo.month != hi.month:
            first = f"{lo.day} {MONTHS[lo.month - 1]}"
        else:
            first = str(lo.day)
        return f"Between {first} and {format_day(hi)}"
    if inc.time_precision == 2:
        return f"Around {format_day(inc.event_date)}"
    return f"On {format_day(inc.event_date)}"


@lru_cache(maxsize=20_000)
def actor_phrase(name: str) -> str:
    """An ACLED actor name as running text: regime period dropped, generic actors lower-cased."""
    name = _PERIOD.sub("", name).strip()
    m = _GENERIC.match(name)
    generic = note_templates().generic_actors
    if m and m.group("base") in generic:
        return generic[m.group("base")]
    return generic.get(name, name)


def where_phrase(inc: Incident) -> str:
    """' in Town (Province)', ' near Town (Province)', ' in Province' or ''."""
    place = inc.location or inc.admin2 or inc.admin1 or inc.country
    if not place:
        return ""
    region = inc.admin1 if inc.admin1 and inc.admin1 != place else ""
    if not region and inc.country and inc.country != place and not inc.admin1:
        region = inc.country
    label = f"{place} ({region})" if region else place
    if inc.location and inc.geo_precision == 2:
        return f" near {label}"
    if inc.location and inc.geo_precision == 3:
        return f" in the {label} area"
    return f" in {label}"


def _people(n: int, noun: str = "person", plural: str = "people") -> str:
    return f"{n} {noun if n == 1 else plural}"


def fatalities_sentence(inc: Incident) -> str:
    """What the fatality fields say, or '' when no source gave a figure."""
    n, low, high = inc.fatalities or 0, inc.fatalities_low, inc.fatalities_high
    if n <= 0:
        return "No fatalities were reported" if low == 0 else ""
    verb = "was" if n == 1 else "were"
    if low is not None and high is None and low == n:
        return f"At least {n} {'fatality' if n == 1 else 'fatalities'} {verb} reported"
    text = f"{n} {'fatality' if n == 1 else 'fatalities'} {verb} reported"
    if low is not None and high is not None and low != high:
        text += f" (reports range from {low} to {high})"
    return text


def injuries_sentence(inc: Incident) -> str:
    """What the injury fields say, or '' when no source gave a figure."""
    low, high = inc.injuries_low, inc.injuries_high
    if low is None:
        return ""
    if low == 0 and not high:
        return "No injuries were reported"
    if high is None:
        return f"At least {_people(low)} {'was' if low == 1 else 'were'} injured"
    if high != low:
        return f"Between {low} and {high} people were injured"
    return f"{_people(low)} {'was' if low == 1 else 'were'} injured"


def claimants(inc: Incident) -> list[str]:
    """Distinct claimants named by the incident's sources, in source order."""
    seen: dict[str, None] = {}
    for s in inc.sources:
        if s.claimed_by:
            seen.setdefault(s.claimed_by, None)
    return list(seen)


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def main_clause(inc: Incident) -> str:
    """'X carried out an air/drone strike on Y in Town (Province)' from the type templates."""
    t = note_templates()
    values = {"a1": actor_phrase(inc.actor1) if inc.actor1 else "",
              "a2": actor_phrase(inc.actor2) if inc.actor2 else "",
              "where": where_phrase(inc)}  # fmt: skip
    table = t.active if values["a1"] else t.passive
    template = table.get(inc.sub_event_type)
    if template is None:
        kind = inc.sub_event_type or inc.event_type or "an event"
        return f"{values['a1'] + ': ' if values['a1'] else ''}{kind.lower()} was reported{values['where']}"
    return template.render(values)


def make_note(inc: Incident) -> str:
    """One ACLED-style note for an incident, built only from its non-empty fields."""
    when, clause = date_phrase(inc), main_clause(inc)
    sentences = [f"{when}, {clause}" if when else clause[:1].upper() + clause[1:]]
    deaths = fatalities_sentence(inc)
    if deaths:
        sentences.append(deaths)
    who = claimants(inc)
    if who:
        sentences[-1] += f", according to {_join(who)}"
    hurt = injuries_sentence(inc)
    if hurt:
        sentences.append(hurt)
    if inc.grade == "contested":
        sentences.append("Sources disagree on who was involved or on the figures")
    elif inc.grade == "denied":
        sentences.append("One party denied the event")
    return ". ".join(sentences) + "."
