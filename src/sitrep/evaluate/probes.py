"""Contradiction probes for the seeds gold: how the reference scorer decides a gold contradiction was found.

The seeds' ``gold.json`` describes its contradictions in prose, so the reference scorer checks each
required one with a few key words over the flagged claims (values + sentences + subject, lower-cased)
and the 3-character prefixes of the claims' document ids. These probes restate those checks as data so
that ``score_seeds`` gives the same ``contradictions_found`` / ``false_contradictions`` figures.
They are evaluation settings for one dev set, never used by the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True, frozen=True)
class ContradictionProbe:
    """A gold contradiction counts as found if one flagged contradiction passes every test below."""

    gold_id: str
    all_patterns: tuple[str, ...]  # regexes that must all occur in the contradiction's text
    docs_all: frozenset[str] = field(default_factory=frozenset)  # doc prefixes that must all be claimed
    docs_any: frozenset[str] = field(default_factory=frozenset)  # at least one of these must be claimed


@dataclass(slots=True, frozen=True)
class FalseContradictionProbe:
    """A flagged contradiction is false when its text holds every pattern (figures of a series)."""

    all_patterns: tuple[str, ...]


SEEDS_CONTRADICTIONS: tuple[ContradictionProbe, ...] = (
    ContradictionProbe("C1", ("million",), docs_all=frozenset({"003", "004"})),
    ContradictionProbe("C2", ("largest",), docs_all=frozenset({"004"}), docs_any=frozenset({"001", "003"})),
    ContradictionProbe("C3", ("repel|thwart", "taken|took|seiz|captur")),
)
SEEDS_FALSE_CONTRADICTIONS: tuple[FalseContradictionProbe, ...] = (
    FalseContradictionProbe(("14,000", "48,500")),
    FalseContradictionProbe((r"\b24\b", r"\b44\b")),
)
