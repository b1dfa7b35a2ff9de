"""Scoring against the seeds' hand-made gold (``gold.json``), at document or incident level.

Matching (identical to the reference scorer ``score.py``):
- a prediction is admissible for a gold incident when the event type is the same, the sub-event type
  is the gold one or an accepted alternative, the event date lies in [date_min - 1, date_max + 1], and
  the place agrees: within 25 km of the gold point, or (for gold geo_precision >= 2) the same admin1,
  or a location name equal / similar (difflib ratio >= 0.8) to the gold name, an alias or that admin1;
- gold items and predictions are paired one-to-one, greedily, best "closeness" first (required x4,
  fatalities right x2, actor1 right x1), ties by gold order then prediction order;
- document level: gold items are (document, incident) pairs and a prediction belongs to the document
  of its first source; incident level: a prediction must share a document with the gold incident.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from difflib import SequenceMatcher
from typing import Any, Literal

from sitrep.evaluate.common import distance_km, doc_stem, parse_day, place_key, same_doc, source_doc_ids
from sitrep.evaluate.probes import (
    SEEDS_CONTRADICTIONS,
    SEEDS_FALSE_CONTRADICTIONS,
    ContradictionProbe,
    FalseContradictionProbe,
)

Level = Literal["doc", "document", "incident"]
Dict = dict[str, Any]
MATCH_KM = 25
NAME_SIMILARITY = 0.8
ONE_DAY = timedelta(days=1)


@dataclass(slots=True, frozen=True)
class GoldIncident:
    """A gold incident with its regexes and dates prepared once."""

    raw: Dict
    docs: tuple[str, ...]
    required: bool
    names: frozenset[str]


class Judge:
    """Decides admissibility and per-field correctness of predictions against one gold file."""

    def __init__(self, gold: Dict) -> None:
        self.actor_patterns = {k: re.compile(v["match"]) for k, v in gold["actors"].items()}
        self.incidents = [self._prepare(g) for g in gold["incidents"]]

    @staticmethod
    def _prepare(g: Dict) -> GoldIncident:
        names = {place_key(n) for n in [g.get("location"), *g.get("aliases", [])]}
        if g.get("geo_precision", 1) >= 2 and g.get("admin1"):
            names.add(place_key(g["admin1"]))
        return GoldIncident(g, tuple(g["reported_in"]), bool(g["required"]), frozenset(names))

    def admissible(self, g: GoldIncident, p: Dict) -> bool:
        """Same type, accepted sub type, date in window, and the same place."""
        raw = g.raw
        if p.get("event_type") != raw["event_type"]:
            return False
        if p.get("sub_event_type") not in (raw["sub_event_type"], *raw.get("also_accept_sub_event_types", [])):
            return False
        d = parse_day(p.get("event_date"))
        if d is None or not parse_day(raw["date_min"]) - ONE_DAY <= d <= parse_day(raw["date_max"]) + ONE_DAY:
            return False
        return self._same_place(g, p)

    @staticmethod
    def _same_place(g: GoldIncident, p: Dict) -> bool:
        raw = g.raw
        if raw.get("lat") is not None:
            if distance_km(raw["lat"], raw["lon"], p.get("latitude"), p.get("longitude")) <= MATCH_KM:
                return True
        if raw.get("geo_precision", 1) >= 2 and raw.get("admin1"):
            if place_key(p.get("admin1")) == place_key(raw["admin1"]):
                return True
        got = place_key(p.get("location"))
        if not got:
            return False
        return any(got == n or SequenceMatcher(None, got, n).ratio() >= NAME_SIMILARITY for n in g.names)

    def actor_ok(self, ids: Sequence[str], name: str | None) -> bool | None:
        """Whether ``name`` matches one of the gold actor ids (None when the gold does not score it)."""
        if not ids:
            return None
        text = (name or "").lower()
        return any(self.actor_patterns[i].search(text) for i in ids)

    @staticmethod
    def fatalities_ok(g: GoldIncident, p: Dict) -> bool | None:
        """Whether the predicted fatalities fall in the gold range (None when the gold gives none)."""
        rng = g.raw["fatalities"]
        if rng is None:
            return None
        f = p.get("fatalities")
        return f is not None and rng[0] <= int(f) <= rng[1]

    def closeness(self, g: GoldIncident, p: Dict) -> int:
        """Preference among admissible predictions: required, then fatalities, then actor1."""
        actor = self.actor_ok(g.raw["actor1_any_of"], p.get("actor1")) or False
        return g.required * 4 + (self.fatalities_ok(g, p) or False) * 2 + actor

    def shares_doc(self, g: GoldIncident, p: Dict) -> bool:
        """The prediction has a source among the documents reporting the gold incident."""
        return any(same_doc(d, gd) for d in source_doc_ids(p) for gd in g.docs)

    def covers_all_docs(self, g: GoldIncident, p: Dict) -> bool:
        """The prediction has sources from every document reporting the gold incident."""
        docs = source_doc_ids(p)
        return all(any(same_doc(d, gd) for d in docs) for gd in g.docs)


def assign_pairs(
    n_gold: int, n_pred: int, admissible: Callable[[int, int], bool], affinity: Callable[[int, int], int]
) -> dict[int, int]:
    """Greedy one-to-one gold→prediction pairing: best affinity first, ties by gold then prediction index."""
    candidates = sorted(
        (-affinity(gi, pi), gi, pi) for gi in range(n_gold) for pi in range(n_pred) if admissible(gi, pi)
    )
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, gi, pi in candidates:
        if gi not in pairs and pi not in taken:
            pairs[gi] = pi
            taken.add(pi)
    return pairs


def _ratio(hits: Sequence[bool | None]) -> float:
    """Share of True among the scored (non-None) items; 0 when none is scored."""
    scored = [h for h in hits if h is not None]
    return sum(scored) / max(1, len(scored))


def _field_accuracy(judge: Judge, matched: list[tuple[GoldIncident, Dict]]) -> dict[str, float]:
    return {
        "actor1_acc": _ratio([judge.actor_ok(g.raw["actor1_any_of"], p.get("actor1")) for g, p in matched]),
        "fatalities_acc": _ratio([judge.fatalities_ok(g, p) for g, p in matched]),
    }


def _first_doc(p: Dict) -> str:
    docs = source_doc_ids(p)
    return docs[0] if docs else ""


def score_doc_level(judge: Judge, incs: list[Dict]) -> dict[str, float]:
    """Recall/precision with one gold item per (reporting document, incident)."""
    golds = [(d, g) for g in judge.incidents for d in g.docs]
    preds = [(_first_doc(p), p) for p in incs]
    pairs = assign_pairs(
        len(golds),
        len(preds),
        lambda gi, pi: same_doc(golds[gi][0], preds[pi][0]) and judge.admissible(golds[gi][1], preds[pi][1]),
        lambda gi, pi: judge.closeness(golds[gi][1], preds[pi][1]),
    )
    required = [gi for gi, (_, g) in enumerate(golds) if g.required]
    right = sum(1 for d, p in preds if any(same_doc(d, gd) and judge.admissible(g, p) for gd, g in golds))
    matched = [(golds[gi][1], preds[pi][1]) for gi, pi in pairs.items()]
    return {
        "recall_required": sum(gi in pairs for gi in required) / max(1, len(required)),
        "precision": right / max(1, len(preds)),
        **_field_accuracy(judge, matched),
    }


def _contradiction_text(c: Dict) -> str:
    claims = " ".join(f"{x.get('value', '')} {x.get('sentence', '')}" for x in c.get("claims", []))
    return f"{claims.lower()} {str(c.get('subject', '')).lower()}"


def _contradiction_docs(c: Dict) -> set[str]:
    return {doc_stem(x.get("doc_id", ""))[:3] for x in c.get("claims", [])}


def _probe_hit(probe: ContradictionProbe, c: Dict) -> bool:
    text, docs = _contradiction_text(c), _contradiction_docs(c)
    return (
        all(re.search(p, text) for p in probe.all_patterns)
        and probe.docs_all <= docs
        and (not probe.docs_any or bool(probe.docs_any & docs))
    )


def contradiction_figures(
    cons: list[Dict],
    probes: Sequence[ContradictionProbe] = SEEDS_CONTRADICTIONS,
    false_probes: Sequence[FalseContradictionProbe] = SEEDS_FALSE_CONTRADICTIONS,
) -> dict[str, float]:
    """Share of probed gold contradictions found, and count of flagged non-contradictions."""
    found = sum(any(_probe_hit(probe, c) for c in cons) for probe in probes)
    false = sum(
        1 for c in cons if any(all(re.search(p, _contradiction_text(c)) for p in f.all_patterns) for f in false_probes)
    )
    return {"contradictions_found": found / max(1, len(probes)), "false_contradictions": false}


def framing_recall(judge: Judge, gold: Dict, framing: list[Dict]) -> float:
    """Share of gold (actor, document, label) triples that some framing record carries."""
    wanted = [
        (actor, doc, label)
        for actor, per_doc in gold["framing_labels"].items()
        for doc, labels in per_doc.items()
        for label in labels
    ]

    def carried(actor: str, doc: str, label: str) -> bool:
        want = label.lower()
        return any(
            same_doc(f.get("doc_id", ""), doc)
            and judge.actor_patterns[actor].search(str(f.get("actor", "")).lower())
            and any(want in str(x).lower() or str(x).lower() in want for x in f.get("labels", []))
            for f in framing
        )

    return sum(carried(*w) for w in wanted) / max(1, len(wanted))


def mixed_year_count(incs: list[Dict]) -> int:
    """Incidents whose sources were published in more than one year (a merge across years)."""
    count = 0
    for p in incs:
        years = {str(parse_day(s.get("published")) or "")[:4] for s in p.get("sources", [])} - {""}
        count += len(years) > 1
    return count


def score_incident_level(judge: Judge, out: Dict, gold: Dict) -> dict[str, float]:
    """Recall/precision of resolved incidents plus merging, contradictions and framing figures."""
    incs = out.get("incidents", [])
    golds = judge.incidents
    pairs = assign_pairs(
        len(golds),
        len(incs),
        lambda gi, pi: judge.shares_doc(golds[gi], incs[pi]) and judge.admissible(golds[gi], incs[pi]),
        lambda gi, pi: judge.closeness(golds[gi], incs[pi]),
    )
    required = [gi for gi, g in enumerate(golds) if g.required]
    multi = [g for g in golds if len(g.docs) > 1]
    merged = sum(any(judge.admissible(g, p) and judge.covers_all_docs(g, p) for p in incs) for g in multi)
    right = sum(1 for p in incs if any(judge.admissible(g, p) for g in golds))
    return {
        "recall_required": sum(gi in pairs for gi in required) / max(1, len(required)),
        "precision": right / max(1, len(incs)),
        "multi_source_merged": merged / max(1, len(multi)),
        "mixed_year_incidents": mixed_year_count(incs),
        **contradiction_figures(out.get("contradictions", [])),
        "framing_recall": framing_recall(judge, gold, out.get("framing", [])),
        **_field_accuracy(judge, [(golds[gi], incs[pi]) for gi, pi in pairs.items()]),
    }


def score_seeds(out: Dict, gold: Dict, *, level: Level = "doc") -> dict[str, float]:
    """Figures of a ``--format json`` output against the seeds gold, as the reference scorer computes them."""
    judge = Judge(gold)
    incs = out.get("incidents", [])
    if level in ("doc", "document"):
        figs = score_doc_level(judge, incs)
    else:
        figs = score_incident_level(judge, out, gold)
    figs["n_pred"] = len(incs)
    return figs
