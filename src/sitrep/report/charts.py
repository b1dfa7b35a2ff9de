"""Small self-contained SVG charts for reports (every text escaped; no scripts, no external references)."""

from __future__ import annotations

from datetime import date, timedelta
from xml.sax.saxutils import escape, quoteattr

from sitrep.model import Aggregate

COLORS = {
    "Battles": "#d7301f",
    "Explosions/Remote violence": "#fc8d59",
    "Violence against civilians": "#7b3294",
    "Protests": "#2b83ba",
    "Riots": "#1a9641",
    "Strategic developments": "#636363",
}
OTHER = "#999999"
FONT = "font-family:system-ui,sans-serif;font-size:11px;fill:#333"


def color(event_type: str) -> str:
    """Colour of an event type (ACLED types fixed, others grey)."""
    return COLORS.get(event_type, OTHER)


def _svg(width: int, height: int, body: list[str], title: str) -> str:
    """Wrap chart elements into a standalone SVG document."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label={quoteattr(title)} style="{FONT}">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )


def _text(
    x: float, y: float, s: str, *, anchor: str = "start", size: int | None = None, weight: str | None = None
) -> str:
    """An escaped text element."""
    extra = (f' font-size="{size}"' if size else "") + (f' font-weight="{weight}"' if weight else "")
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{escape(s)}</text>'


def timeline_chart(daily: list[dict], date_from: date, date_to: date, *, width: int = 640, height: int = 220) -> str:
    """Stacked bars: incidents per day by event type, with a legend."""
    days = [date_from + timedelta(n) for n in range(min((date_to - date_from).days + 1, 366))]
    per_day: dict[date, list[dict]] = {d: [] for d in days}
    for row in daily:
        if row["date"] in per_day:
            per_day[row["date"]].append(row)
    types = sorted({r["event_type"] for r in daily}, key=lambda t: list(COLORS).index(t) if t in COLORS else 99)
    left, right, top, bottom = 34, 10, 10, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([sum(r["incidents"] for r in rows) for rows in per_day.values()] + [1])
    bw = plot_w / max(len(days), 1)
    body = [
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#999"/>',
        _text(left - 4, top + 8, str(peak), anchor="end"),
        _text(left - 4, top + plot_h, "0", anchor="end"),
    ]
    for i, d in enumerate(days):
        y = top + plot_h
        for r in sorted(per_day[d], key=lambda r: types.index(r["event_type"])):
            h = r["incidents"] / peak * plot_h
            y -= h
            tip = escape(f"{d.isoformat()} · {r['event_type']}: {r['incidents']}")
            body.append(
                f'<rect x="{left + i * bw + 0.5:.1f}" y="{y:.1f}" width="{max(bw - 1, 1):.1f}" height="{h:.1f}" '
                f'fill="{color(r["event_type"])}"><title>{tip}</title></rect>'
            )
    body.append(_text(left, top + plot_h + 14, days[0].isoformat() if days else ""))
    body.append(_text(width - right, top + plot_h + 14, days[-1].isoformat() if days else "", anchor="end"))
    x = left
    for t in types:
        body.append(f'<rect x="{x}" y="{height - 16}" width="10" height="10" fill="{color(t)}"/>')
        body.append(_text(x + 14, height - 7, t))
        x += 20 + 6.2 * len(t)
    return _svg(width, height, body, "Incidents per day by event type")


def area_chart(rows: list[tuple[str, int, int, int]], *, width: int = 640, bar_h: int = 18) -> str:
    """Horizontal bars of the conservative fatality count per area, with the reported range as a whisker.

    ``rows``: (label, fatalities, low, high).
    """
    rows = rows[:15]
    label_w, right, top = 190, 60, 8
    height = top * 2 + bar_h * max(len(rows), 1) + 18
    peak = max([max(r[1], r[3]) for r in rows] + [1])
    scale = (width - label_w - right) / peak
    body = []
    for i, (label, fat, low, high) in enumerate(rows):
        y = top + i * bar_h
        body.append(_text(label_w - 6, y + bar_h * 0.7, label[:32], anchor="end"))
        body.append(
            f'<rect x="{label_w}" y="{y + 3}" width="{fat * scale:.1f}" height="{bar_h - 6}" fill="#e4572e">'
            f"<title>{escape(f'{label}: {fat} (reported {low}–{high})')}</title></rect>"
        )
        if high > low:
            cy = y + bar_h / 2
            body.append(
                f'<line x1="{label_w + low * scale:.1f}" y1="{cy:.1f}" x2="{label_w + high * scale:.1f}" y2="{cy:.1f}" '
                'stroke="#333" stroke-width="1.5"/>'
            )
            for v in (low, high):
                body.append(
                    f'<line x1="{label_w + v * scale:.1f}" y1="{cy - 4:.1f}" x2="{label_w + v * scale:.1f}" '
                    f'y2="{cy + 4:.1f}" stroke="#333" stroke-width="1.5"/>'
                )
        rng = str(fat) if high == low == fat else f"{fat} ({low}–{high})"
        body.append(_text(label_w + max(fat, high) * scale + 6, y + bar_h * 0.7, rng))
    body.append(_text(label_w, height - 4, "bar: conservative count · whisker: lowest–highest reported", size=10))
    return _svg(width, height, body, "Fatalities by area")


def displacement_chart(aggs: list[Aggregate], *, width: int = 640, height: int = 220) -> str:
    """Reported displacement figures over time (one series per area), as points joined by lines."""
    pts = [
        (a.period_end or a.period_start, a.area or "unspecified", a.value_low, a.value_high or a.value_low)
        for a in aggs
        if a.period_end or a.period_start
    ]
    left, right, top, bottom = 60, 10, 10, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    if not pts:
        return _svg(width, 40, [_text(10, 24, "No dated displacement figures.")], "Displacement figures")
    d0, d1 = min(p[0] for p in pts), max(p[0] for p in pts)
    span = max((d1 - d0).days, 1)
    peak = max(p[3] for p in pts) or 1

    def xy(d: date, v: int) -> tuple[float, float]:
        x = left + ((d - d0).days / span if d1 > d0 else 0.5) * plot_w
        return x, top + plot_h - v / peak * plot_h

    body = [
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#999"/>',
        _text(left - 4, top + 8, f"{peak:,}", anchor="end"),
        _text(left - 4, top + plot_h, "0", anchor="end"),
        _text(left, top + plot_h + 14, d0.isoformat()),
        _text(width - right, top + plot_h + 14, d1.isoformat(), anchor="end"),
    ]
    palette = ["#1f78b4", "#33a02c", "#e31a1c", "#ff7f00", "#6a3d9a", "#b15928"]
    areas = sorted({p[1] for p in pts})
    for k, area in enumerate(areas):
        col = palette[k % len(palette)]
        series = sorted(p for p in pts if p[1] == area)
        coords = [xy(p[0], p[2]) for p in series]
        if len(coords) > 1:
            body.append(
                '<polyline fill="none" stroke="{}" stroke-width="2" points="{}"/>'.format(
                    col, " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
                )
            )
        for (d, _, lo, hi), (x, y) in zip(series, coords, strict=True):
            if hi > lo:
                _, yh = xy(d, hi)
                body.append(f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{yh:.1f}" stroke="{col}"/>')
            body.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{col}"><title>'
                f"{escape(f'{area}, {d.isoformat()}: {lo:,}' + (f'–{hi:,}' if hi > lo else ''))}</title></circle>"
            )
        lx = left + k * 150
        body.append(f'<rect x="{lx}" y="{height - 16}" width="10" height="10" fill="{col}"/>')
        body.append(_text(lx + 14, height - 7, area[:22]))
    return _svg(width, height, body, "Displacement figures reported over time")
