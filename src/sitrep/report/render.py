"""Render report data as Markdown or as a standalone HTML page (inline SVG charts, no scripts).

Every string from the store (article sentences, names, outlets) is escaped for the target format.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable
from datetime import date

from sitrep.model import Incident
from sitrep.report.charts import area_chart, color, displacement_chart, timeline_chart
from sitrep.report.data import ReportData, fatality_range, overview

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
METHOD = (
    "Incidents were extracted automatically by sitrep from the news articles stored in its database and resolved "
    "across sources. Fatalities: the conservative figure follows ACLED's convention (the lowest reported figure); "
    "the range shows the lowest and highest figures reported by sources. Grades: single source, corroborated "
    "(two or more independent outlets), contested (sources disagree), denied. Figures are as reported and unverified."
)


def md(text: object) -> str:
    """Markdown-safe inline text: HTML special characters as entities, inline Markdown punctuation escaped, one line.

    Callers never start a line with it, so block markers (#, -, +, >) need no escaping.
    """
    s = html.escape(str(text if text is not None else ""), quote=False)
    s = " ".join(s.split())
    return _MD_SPECIAL.sub(r"\\\1", s)


def _reported(inc: Incident) -> str:
    """``reported 5–7`` or ``no figure reported``."""
    if inc.fatalities_low is None:
        return "no figure reported"
    return "reported " + fatality_range(inc.fatalities_low, inc.fatalities_high)


def _d(value: date | None) -> str:
    return value.isoformat() if value else "undated"


def charts(data: ReportData) -> dict[str, tuple[str, str]]:
    """Chart name -> (alt text, SVG)."""
    out = {"timeline": ("Incidents per day by event type", timeline_chart(data.daily, data.date_from, data.date_to))}
    if data.by_area:
        rows = [
            (f"{t.key[1]} ({t.key[0]})" if t.key[0] else t.key[1], t.fatalities, t.low, t.high) for t in data.by_area
        ]
        out["areas"] = ("Fatalities by area", area_chart(rows))
    if data.displacement:
        out["displacement"] = ("Displacement figures over time", displacement_chart(data.displacement))
    return out


def data_uri(svg: str) -> str:
    """An SVG as a base64 data URI (for Markdown written to standard output)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


# -- Markdown ------------------------------------------------------------------------------------


def render_markdown(data: ReportData, *, save_chart: Callable[[str, str], str] | None = None) -> str:
    """The report in Markdown; ``save_chart(name, svg) -> relative path`` writes chart files, else data URIs are used."""
    images = {
        name: (alt, save_chart(name, svg) if save_chart else data_uri(svg)) for name, (alt, svg) in charts(data).items()
    }
    t = data.total
    out = [f"# {md(data.title)}: {data.date_from.isoformat()} to {data.date_to.isoformat()}", ""]
    out.append(
        f"*Generated {data.generated_at.strftime('%Y-%m-%d %H:%M UTC')} by sitrep from {len(data.documents)} "
        f"article(s) by {len(data.outlets)} outlet(s). Figures are as reported by the sources.*"
    )
    out += [
        "",
        "## Key figures",
        "",
        "| Incidents | Fatalities (conservative) | Fatalities (reported range) | Civilians targeted | Contested figures |",
        "|---:|---:|---:|---:|---:|",
        f"| {t.incidents} | {t.fatalities} | {fatality_range(t.low, t.high)} | {data.civilian_targeting} | {len(data.contested)} |",
        "",
        "## Situation overview",
        "",
    ]
    out += [f"- {md(line)}" for line in overview(data)]
    out += ["", "## Incidents and fatalities by area", ""]
    if data.by_area:
        out += [
            "| Area (admin1) | Country | Incidents | Fatalities | Reported range | Event types |",
            "|---|---|---:|---:|---:|---|",
        ]
        for a in data.by_area:
            types = ", ".join(f"{md(k)} {v}" for k, v in sorted(a.by_type.items()))
            out.append(
                f"| {md(a.key[1])} | {md(a.key[0])} | {a.incidents} | {a.fatalities} | {fatality_range(a.low, a.high)} | {types} |"
            )
        out += ["", f"![{images['areas'][0]}]({images['areas'][1]})"]
    else:
        out.append("No incidents.")
    out += ["", "## Incidents by event type", ""]
    if data.by_type:
        out += ["| Event type | Incidents | Fatalities | Reported range |", "|---|---:|---:|---:|"]
        out += [
            f"| {md(e.key[0])} | {e.incidents} | {e.fatalities} | {fatality_range(e.low, e.high)} |"
            for e in data.by_type
        ]
    out += ["", f"![{images['timeline'][0]}]({images['timeline'][1]})", "", "## Key incidents", ""]
    out += _md_key_incidents(data) or ["No incidents."]
    out += ["", "## Contested figures", ""]
    out += _md_contested(data) or ["No source contradicts another in this period."]
    out += ["", "## Displacement", ""]
    out += _md_displacement(data, images) or ["No displacement figures were reported in this period."]
    out += ["", "## Sources and method", "", md(METHOD), ""]
    out += [f"- {md(o)}" for o in data.outlets] or ["- (no outlet named)"]
    return "\n".join(out) + "\n"


def _md_key_incidents(data: ReportData) -> list[str]:
    out = []
    for inc in data.key_incidents:
        where = ", ".join(x for x in dict.fromkeys((inc.location, inc.admin1, inc.country)) if x)
        out.append(f"### {inc.event_date.isoformat()}: {md(inc.sub_event_type)}, {md(where)}")
        out.append("")
        actors = " vs ".join(md(a) for a in (inc.actor1, inc.actor2) if a) or "unidentified"
        out.append(f"- **Actors:** {actors}")
        out.append(f"- **Fatalities:** {inc.fatalities} ({_reported(inc)}) · **Grade:** {md(inc.grade)}")
        if inc.notes:
            out.append(f"- **Notes:** {md(inc.notes)}")
        out.append("- **Sources:**")
        for s in inc.sources:
            who = f" (according to {md(s.claimed_by)})" if s.claimed_by else ""
            out.append(f"  - {md(s.outlet or s.doc_id)}, {_d(s.published)}{who}: “{md(s.sentence)}”")
        out.append("")
    return out


def _md_contested(data: ReportData) -> list[str]:
    out = []
    for c in data.contested:
        out.append(f"**{md(c.contradiction.subject)}**: {md(c.contradiction.reason)}")
        out.append("")
        out += ["| Value | Claimed by | Outlet | Sentence |", "|---|---|---|---|"]
        for cl in c.contradiction.claims:
            outlet = (data.documents.get(cl.doc_id) or {}).get("outlet") or cl.doc_id
            out.append(f"| {md(cl.value)} | {md(cl.claimed_by or '—')} | {md(outlet)} | {md(cl.sentence)} |")
        out.append("")
    return out


def _md_displacement(data: ReportData, images: dict[str, tuple[str, str]]) -> list[str]:
    if not data.displacement:
        return []
    out = ["| Period | Area | People | Claimed by | Sentence |", "|---|---|---:|---|---|"]
    for a in data.displacement:
        period = f"{_d(a.period_start)} – {_d(a.period_end)}" if a.period_start != a.period_end else _d(a.period_end)
        out.append(
            f"| {period} | {md(a.area or '—')} | {fatality_range(a.value_low, a.value_high)} | "
            f"{md(a.claimed_by or '—')} | {md(a.sentence)} |"
        )
    out += ["", f"![{images['displacement'][0]}]({images['displacement'][1]})"]
    return out


# -- HTML ----------------------------------------------------------------------------------------

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b2430;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
header{border-bottom:4px solid #1f3a5f;margin-bottom:1rem}h1{margin:.2rem 0}h2{color:#1f3a5f;border-bottom:1px solid #d5dbe3;padding-bottom:.2rem;margin-top:2rem}
.sub{color:#5b6675;font-size:.9rem}.figures{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}
.figure{background:#f5f7fa;border:1px solid #d5dbe3;border-radius:6px;padding:.6rem 1rem;min-width:9rem}
.figure b{display:block;font-size:1.6rem;color:#1f3a5f}.figure span{font-size:.8rem;color:#5b6675}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0}th,td{border-bottom:1px solid #d5dbe3;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right}.incident{border-left:4px solid #999;padding:.2rem .8rem;margin:1rem 0}
.incident h3{margin:.2rem 0;font-size:1rem}.grade{border:1px solid #d5dbe3;border-radius:999px;padding:0 .4rem;font-size:.8rem}
blockquote{margin:.3rem 0;padding:.2rem .6rem;background:#fff8d6;border-left:3px solid #f0c36d}figure{margin:1rem 0}
figcaption{font-size:.8rem;color:#5b6675}svg{max-width:100%;height:auto}footer{margin-top:2rem;font-size:.8rem;color:#5b6675}
.swatch{display:inline-block;width:.7rem;height:.7rem;border-radius:50%;margin-right:.3rem}
"""


def h(text: object) -> str:
    """HTML-escaped text."""
    return html.escape(str(text if text is not None else ""))


def render_html(data: ReportData) -> str:
    """The report as one standalone HTML page (inline CSS and SVG; no script, no external resource)."""
    figs = charts(data)
    t = data.total
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{h(data.title)}: {data.date_from.isoformat()} to {data.date_to.isoformat()}</title>",
        f"<style>{CSS}</style></head><body>",
        f'<header><h1>{h(data.title)}</h1><p class="sub">{data.date_from.isoformat()} to {data.date_to.isoformat()} · '
        f"generated {data.generated_at.strftime('%Y-%m-%d %H:%M UTC')} by sitrep from {len(data.documents)} article(s) "
        f"by {len(data.outlets)} outlet(s)</p></header>",
        '<section class="figures">',
        _figure(t.incidents, "incidents"),
        _figure(t.fatalities, "fatalities (conservative)"),
        _figure(fatality_range(t.low, t.high), "fatalities (reported range)"),
        _figure(data.civilian_targeting, "incidents targeting civilians"),
        _figure(len(data.contested), "contested figures"),
        "</section>",
        "<h2>Situation overview</h2><ul>",
        *[f"<li>{h(line)}</li>" for line in overview(data)],
        "</ul>",
        "<h2>Incidents and fatalities by area</h2>",
        _html_areas(data),
    ]
    if "areas" in figs:
        parts.append(_svg_figure(*figs["areas"]))
    parts += [
        "<h2>Incidents by event type</h2>",
        _html_types(data),
        _svg_figure(*figs["timeline"]),
        "<h2>Key incidents</h2>",
        _html_key_incidents(data) or "<p>No incidents.</p>",
        "<h2>Contested figures</h2>",
        _html_contested(data) or "<p>No source contradicts another in this period.</p>",
        "<h2>Displacement</h2>",
        _html_displacement(data) or "<p>No displacement figures were reported in this period.</p>",
    ]
    if "displacement" in figs:
        parts.append(_svg_figure(*figs["displacement"]))
    parts += [
        "<h2>Sources and method</h2>",
        f"<p>{h(METHOD)}</p>",
        "<ul>",
        *[f"<li>{h(o)}</li>" for o in data.outlets],
        "</ul>",
        "<footer>sitrep situation report</footer></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _figure(value: object, label: str) -> str:
    return f'<div class="figure"><b>{h(value)}</b><span>{h(label)}</span></div>'


def _svg_figure(alt: str, svg: str) -> str:
    return f"<figure>{svg}<figcaption>{h(alt)}</figcaption></figure>"


def _html_areas(data: ReportData) -> str:
    if not data.by_area:
        return "<p>No incidents.</p>"
    rows = [
        "<table><thead><tr><th>Area (admin1)</th><th>Country</th><th class=n>Incidents</th><th class=n>Fatalities</th>"
        "<th class=n>Reported range</th><th>Event types</th></tr></thead><tbody>"
    ]
    for a in data.by_area:
        types = ", ".join(f"{h(k)} {v}" for k, v in sorted(a.by_type.items()))
        rows.append(
            f"<tr><td>{h(a.key[1])}</td><td>{h(a.key[0])}</td><td class=n>{a.incidents}</td><td class=n>{a.fatalities}</td>"
            f"<td class=n>{fatality_range(a.low, a.high)}</td><td>{types}</td></tr>"
        )
    return "".join(rows) + "</tbody></table>"


def _html_types(data: ReportData) -> str:
    if not data.by_type:
        return "<p>No incidents.</p>"
    rows = [
        "<table><thead><tr><th>Event type</th><th class=n>Incidents</th><th class=n>Fatalities</th>"
        "<th class=n>Reported range</th></tr></thead><tbody>"
    ]
    for e in data.by_type:
        rows.append(
            f'<tr><td><span class="swatch" style="background:{color(e.key[0])}"></span>{h(e.key[0])}</td>'
            f"<td class=n>{e.incidents}</td><td class=n>{e.fatalities}</td><td class=n>{fatality_range(e.low, e.high)}</td></tr>"
        )
    return "".join(rows) + "</tbody></table>"


def _html_key_incidents(data: ReportData) -> str:
    out = []
    for inc in data.key_incidents:
        where = ", ".join(x for x in dict.fromkeys((inc.location, inc.admin1, inc.country)) if x)
        actors = " vs ".join(h(a) for a in (inc.actor1, inc.actor2) if a) or "unidentified"
        out.append(
            f'<article class="incident" style="border-color:{color(inc.event_type)}">'
            f"<h3>{inc.event_date.isoformat()}: {h(inc.sub_event_type)}, {h(where)}</h3>"
            f"<p><b>Actors:</b> {actors}<br><b>Fatalities:</b> {inc.fatalities} ({_reported(inc)}) · "
            f"<span class=grade>{h(inc.grade)}</span>"
            + (f"<br><b>Notes:</b> {h(inc.notes)}" if inc.notes else "")
            + "</p>"
        )
        for s in inc.sources:
            who = f", according to {h(s.claimed_by)}" if s.claimed_by else ""
            out.append(
                f"<blockquote>{h(s.sentence)}<br><small>{h(s.outlet or s.doc_id)}, {_d(s.published)}{who}</small></blockquote>"
            )
        out.append("</article>")
    return "".join(out)


def _html_contested(data: ReportData) -> str:
    out = []
    for c in data.contested:
        out.append(
            f"<p><b>{h(c.contradiction.subject)}</b>: {h(c.contradiction.reason)}</p>"
            "<table><thead><tr><th>Value</th><th>Claimed by</th><th>Outlet</th><th>Sentence</th></tr></thead><tbody>"
        )
        for cl in c.contradiction.claims:
            outlet = (data.documents.get(cl.doc_id) or {}).get("outlet") or cl.doc_id
            out.append(
                f"<tr><td>{h(cl.value)}</td><td>{h(cl.claimed_by or '—')}</td><td>{h(outlet)}</td><td>{h(cl.sentence)}</td></tr>"
            )
        out.append("</tbody></table>")
    return "".join(out)


def _html_displacement(data: ReportData) -> str:
    if not data.displacement:
        return ""
    rows = [
        "<table><thead><tr><th>Period</th><th>Area</th><th class=n>People</th><th>Claimed by</th><th>Sentence</th></tr>"
        "</thead><tbody>"
    ]
    for a in data.displacement:
        period = f"{_d(a.period_start)} – {_d(a.period_end)}" if a.period_start != a.period_end else _d(a.period_end)
        rows.append(
            f"<tr><td>{period}</td><td>{h(a.area or '—')}</td><td class=n>{fatality_range(a.value_low, a.value_high)}</td>"
            f"<td>{h(a.claimed_by or '—')}</td><td>{h(a.sentence)}</td></tr>"
        )
    return "".join(rows) + "</tbody></table>"
