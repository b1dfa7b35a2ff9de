"""Contradictions: the same quantity or fact, for the same place and time, stated differently.

Figures for different reference dates or windows are a series (aggregates), never a contradiction.
"""

from __future__ import annotations

from collections import defaultdict

from sitrep.extract.facts import default_patterns
from sitrep.model import Aggregate, Contradiction, ContradictionClaim, DocumentResult, Fact, Incident


def _claim(f: Fact) -> ContradictionClaim:
    return ContradictionClaim(doc_id=f.doc_id, value=f.value, sentence=f.sentence.text, start=f.sentence.start, end=f.sentence.end, claimed_by=f.claimed_by)


def _population_conflict(facts: list[Fact]) -> bool:
    tol = default_patterns().spec.population.tolerance
    values = [float(f.norm) for f in facts]
    lo, hi = min(values), max(values)
    return hi > 0 and (hi - lo) / hi > tol


def _close_in_time(a: Fact, b: Fact, days: int = 1) -> bool:
    if a.ref_date is None or b.ref_date is None:
        return True
    return abs((a.ref_date - b.ref_date).days) <= days


def fact_contradictions(facts: list[Fact]) -> list[Contradiction]:
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    for f in facts:
        groups[f.key].append(f)
    out: list[Contradiction] = []
    for key, fs in sorted(groups.items(), key=lambda kv: kv[0]):
        kind = key[0]
        if kind == "population" and len(fs) > 1 and _population_conflict(fs):
            out.append(Contradiction(fs[0].subject, [_claim(f) for f in fs], "population figures differ by more than the tolerance"))
        elif kind == "rank" and len({f.norm for f in fs}) > 1:
            out.append(Contradiction(fs[0].subject, [_claim(f) for f in fs], "different ranks stated"))
        elif kind == "outcome":
            failed = [f for f in fs if f.norm == "failed"]
            succeeded = [f for f in fs if f.norm == "succeeded"]
            pairs = [(a, b) for a in failed for b in succeeded if _close_in_time(a, b)]
            if pairs:
                involved = list(dict.fromkeys([f for pair in pairs for f in pair]))
                involved.sort(key=lambda f: (f.doc_id, f.sentence.start, f.norm))
                out.append(Contradiction(fs[0].subject, [_claim(f) for f in involved], "the attack is said both to have failed and to have succeeded"))
    return out


def incident_contradictions(incidents: list[Incident]) -> list[Contradiction]:
    """Different fatality figures or perpetrators for one incident across sources."""
    out = []
    for inc in incidents:
        by_value: dict[int, list] = defaultdict(list)
        for m in inc.mentions:
            if m.fatalities is not None and not m.fatalities.negated and m.fatalities.quantity == "killed":
                by_value[m.fatalities.best].append(m)
        if len(by_value) > 1 and len({m.doc_id for ms in by_value.values() for m in ms}) > 1:
            values = sorted(by_value)
            if values[-1] - values[0] > max(2, 0.25 * values[-1]):
                claims = [
                    ContradictionClaim(m.doc_id, str(v), m.sentence.text, m.sentence.start, m.sentence.end, m.claim.claimant if m.claim else None)
                    for v in values
                    for m in by_value[v]
                ]
                out.append(Contradiction(f"fatalities of {inc.incident_id} ({inc.sub_event_type}, {inc.location}, {inc.event_date})", claims, "sources give different death tolls"))
    return out


def aggregate_contradictions(aggregates: list[Aggregate]) -> list[Contradiction]:
    """Same quantity, same area, same window: different values conflict; other windows are a series."""
    groups: dict[tuple, list[Aggregate]] = defaultdict(list)
    for a in aggregates:
        if a.area and a.period_start and a.period_end:
            groups[(a.quantity, a.area.lower(), a.period_start, a.period_end)].append(a)
    out = []
    for key, aggs in sorted(groups.items(), key=lambda kv: str(kv[0])):
        if len({(a.value_low, a.value_high) for a in aggs}) > 1 and len({a.doc_id for a in aggs}) > 1:
            claims = [ContradictionClaim(a.doc_id, str(a.value_low), a.sentence, a.start, a.end, a.claimed_by) for a in aggs]
            out.append(Contradiction(f"{key[0]} in {aggs[0].area}, {key[2]}..{key[3]}", claims, "same window, different totals"))
    return out


def contradictions(results: list[DocumentResult], incidents: list[Incident] | None = None, aggregates: list[Aggregate] | None = None) -> list[Contradiction]:
    facts = [f for r in results for f in r.facts]
    out = fact_contradictions(facts)
    if incidents:
        out.extend(incident_contradictions(incidents))
    if aggregates:
        out.extend(aggregate_contradictions(aggregates))
    return out
