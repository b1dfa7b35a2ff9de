"""Resolution: mentions → incidents, figures, grades, contradictions, framing."""

from __future__ import annotations

from datetime import date

from sitrep.model import DocumentResult, RunResult


def resolve(results: list[DocumentResult], *, level: str = "incident", acled_aggregation: bool = False) -> RunResult:
    """Resolve document results into a RunResult (documents/errors are filled by the caller).

    ``acled_aggregation`` merges incidents with the same sides, place and day into one event of the
    highest type, as ACLED codes them (``resolve.aggregation``)."""
    from sitrep.resolve.incidents import build_incident, group_mentions

    articles = {r.article.doc_id: r.article for r in results}
    mentions = [m for r in results for m in r.mentions if not (m.background or m.aggregate or m.negated)]
    groups = group_mentions(mentions, level=level)
    incidents = [build_incident(g, articles) for g in groups]
    if acled_aggregation:
        from sitrep.resolve.aggregation import acled_aggregate

        incidents = acled_aggregate(incidents, articles)
    incidents.sort(key=lambda i: (i.event_date or date.min, i.incident_id))
    out = RunResult(incidents=incidents, aggregates=[a for r in results for a in r.aggregates])
    from sitrep.resolve.series import aggregate_series

    out.series = aggregate_series(out.aggregates)
    _notes(out)
    try:
        from sitrep.resolve.framing import framing

        out.framing = framing(results)
    except ImportError:
        pass
    try:
        from sitrep.resolve.contradictions import contradictions

        out.contradictions = contradictions(results, incidents, out.aggregates)
    except ImportError:
        pass
    return out


def _notes(out: RunResult) -> None:
    try:
        from sitrep.output.notes import make_note
    except ImportError:
        return
    for inc in out.incidents:
        inc.notes = make_note(inc)
