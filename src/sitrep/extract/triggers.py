"""Event cues: the trigger lexicon (``data/triggers.yaml``) validated and compiled into one regex."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sitrep.errors import DataError
from sitrep.model import SUB_EVENT_TYPES, Span


class FamilySpec(BaseModel):
    """One cue family as written in the YAML source."""

    model_config = ConfigDict(extra="forbid")

    sub_event_type: str
    strength: int = Field(ge=1, le=3)
    patterns: list[str] = Field(min_length=1)
    examples: list[str] = Field(default_factory=list)
    counter_examples: list[str] = Field(default_factory=list)

    @field_validator("sub_event_type")
    @classmethod
    def _known_sub_event_type(cls, v: str) -> str:
        if v not in SUB_EVENT_TYPES:
            raise ValueError(f"unknown ACLED sub-event type {v!r}")
        return v

    @field_validator("patterns")
    @classmethod
    def _patterns_compile(cls, v: list[str]) -> list[str]:
        for p in v:
            try:
                re.compile(p)
            except re.error as e:
                raise ValueError(f"pattern {p!r} does not compile: {e}") from e
        return v


class LexiconSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    families: dict[str, FamilySpec]
    irrealis: list[str] = Field(default_factory=list)
    negation: list[str] = Field(default_factory=list)
    background: list[str] = Field(default_factory=list)
    topics: dict[str, str] = Field(default_factory=dict)
    prior: list[str] = Field(default_factory=list)

    @field_validator("topics")
    @classmethod
    def _topics_known(cls, v: dict[str, str]) -> dict[str, str]:
        for label, sub in v.items():
            if sub not in SUB_EVENT_TYPES:
                raise ValueError(f"topic {label!r}: unknown ACLED sub-event type {sub!r}")
        return v
    denial: list[str] = Field(default_factory=list)


@dataclass(slots=True, frozen=True)
class Cue:
    """One trigger occurrence: which family, where, and the sub-event type it points to."""

    family: str
    sub_event_type: str
    strength: int
    span: Span


def _word_bounded(pattern: str) -> str:
    return rf"(?<![\w-]){pattern}(?![\w])"


class TriggerLexicon:
    """Compiled cue families; ``find`` scans a whole text in one regex pass."""

    def __init__(self, spec: LexiconSpec) -> None:
        self.spec = spec
        self.families = spec.families
        self._group_family: dict[str, str] = {}
        entries = [
            (name, fi, pi, pat)
            for fi, (name, fam) in enumerate(spec.families.items())
            for pi, pat in enumerate(fam.patterns)
        ]
        # Python's alternation takes the first alternative that matches, not the longest: put the
        # more specific (multi-word, longer) patterns first so that they win over their prefixes.
        entries.sort(key=lambda e: (-e[3].count(" "), -len(e[3])))
        parts = []
        for name, fi, pi, pat in entries:
            group = f"f{fi}_{pi}"
            self._group_family[group] = name
            parts.append(f"(?P<{group}>{_word_bounded(pat)})")
        self.regex = re.compile("|".join(parts), re.IGNORECASE)
        self.irrealis = re.compile(
            "|".join(_word_bounded(p) for p in spec.irrealis) or r"(?!x)x", re.IGNORECASE
        )
        self.negation = re.compile(
            "|".join(_word_bounded(p) for p in spec.negation) or r"(?!x)x", re.IGNORECASE
        )
        self.background = re.compile(
            "|".join(_word_bounded(p) for p in spec.background) or r"(?!x)x", re.IGNORECASE
        )
        self.prior = re.compile(
            r"(?:" + "|".join(spec.prior) + r")\s+(?:(?-i:[a-z][\w-]*)\s+)?$" if spec.prior else r"(?!x)x", re.IGNORECASE
        )
        self.topics = {k.lower(): v for k, v in spec.topics.items()}
        self.denial = re.compile("|".join(_word_bounded(p) for p in spec.denial) or r"(?!x)x", re.IGNORECASE)

    @classmethod
    def from_yaml(cls, text: str, *, source: str = "<string>") -> TriggerLexicon:
        try:
            raw = yaml.safe_load(text)
            spec = LexiconSpec.model_validate(raw)
        except (yaml.YAMLError, ValidationError) as e:
            raise DataError(f"invalid trigger lexicon: {e}", path=source) from e
        return cls(spec)

    @classmethod
    def default(cls) -> TriggerLexicon:
        return _default_lexicon()

    def topic(self, label: str) -> str | None:
        """The sub-event type an ACLED topic label ("Looting", "Movement of forces") names, if any."""
        return self.topics.get(label.strip().lower())

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Cue]:
        """All cues in ``text[start:end]``, leftmost-longest per position, offsets into ``text``."""
        end = len(text) if end is None else end
        cues = []
        for m in self.regex.finditer(text, start, end):
            family = self._group_family[m.lastgroup]
            fam = self.families[family]
            cues.append(Cue(family, fam.sub_event_type, fam.strength, Span(m.start(), m.end(), m.group())))
        return cues


@lru_cache(maxsize=1)
def _default_lexicon() -> TriggerLexicon:
    path = resources.files("sitrep.data").joinpath("triggers.yaml")
    return TriggerLexicon.from_yaml(path.read_text(encoding="utf-8"), source=str(path))
