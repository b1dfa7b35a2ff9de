"""Situation reports: figures, windows, escaping, charts, Markdown and HTML output, CLI."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from sitrep.report.cli import app
from sitrep.report.data import build_report, fatality_range
from sitrep.report.render import charts, md, render_html, render_markdown

runner = CliRunner()


def test_figures_by_area_and_type(store) -> None:
    data = build_report(store)
    assert (data.date_from, data.date_to) == (date(2024, 3, 1), date(2024, 3, 5))
    assert (data.total.incidents, data.total.fatalities, data.total.low, data.total.high) == (4, 7, 7, 9)
    idleb = data.by_area[0]
    assert idleb.key == ("Syria", "Idleb") and (idleb.incidents, idleb.fatalities, idleb.low, idleb.high) == (
        2,
        7,
        7,
        9,
    )
    assert {t.key[0]: t.incidents for t in data.by_type} == {
        "Explosions/Remote violence": 2,
        "Battles": 1,
        "Protests": 1,
    }
    assert data.key_incidents[0].location == "Saraqib"  # deadliest first
    assert len(data.contested) == 1
    assert [a.value_low for a in data.displacement] == [3000, 4500]
    assert data.civilian_targeting == 1 and "Daily Ledger" in data.outlets


def test_window_and_area_filters(store) -> None:
    data = build_report(store, date_from=date(2024, 3, 5), date_to=date(2024, 3, 5))
    assert {i.location for i in data.incidents} == {"Homs", "Nairobi"}
    assert data.contested == [] and [a.area for a in data.displacement] == ["Idlib"]
    kenya = build_report(store, country="Kenya")
    assert [i.location for i in kenya.incidents] == ["Nairobi"]


def test_empty_window(store) -> None:
    data = build_report(store, date_from=date(2020, 1, 1), date_to=date(2020, 1, 31))
    assert data.total.incidents == 0
    text = render_markdown(data)
    assert "No incidents were recorded" in text and "No displacement figures" in text
    assert "<svg" in render_html(data)


def test_markdown_escapes_untrusted_text(store) -> None:
    text = render_markdown(build_report(store))
    assert "<script" not in text and "<img" not in text
    assert "&lt;script&gt;window.\\_\\_pwned = 1&lt;/script&gt;" in text
    for line in text.splitlines():
        if line.startswith("|"):
            assert len(re.findall(r"(?<!\\)\|", line)) == line.count("|") - line.count("\\|")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]


def test_html_is_inert_and_has_inline_charts(store) -> None:
    page = render_html(build_report(store))
    parser = _Tags()
    parser.feed(page)
    assert "script" not in parser.tags and "img" not in parser.tags
    assert not any(a.startswith("on") for a in parser.attrs)
    assert parser.tags.count("svg") == 3
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert "Content-Security-Policy" in page


def test_charts_are_well_formed_svg(store) -> None:
    for name, (_alt, svg) in charts(build_report(store)).items():
        root = ET.fromstring(svg)
        assert root.tag.endswith("svg"), name
        assert root.findall(".//{http://www.w3.org/2000/svg}rect") or root.findall(
            ".//{http://www.w3.org/2000/svg}circle"
        )


@given(st.text())
def test_md_escape_property(text: str) -> None:
    out = md(text)
    assert "<" not in out and ">" not in out and "\n" not in out
    assert re.search(r"(?<!\\)[|*_`\[\]]", out) is None


def test_fatality_range() -> None:
    assert fatality_range(None, None) == "—"
    assert fatality_range(5, 5) == "5"
    assert fatality_range(5, 7) == "5–7"
    assert fatality_range(1200, None) == "1,200+"


def test_cli_markdown_with_chart_files(db_url, tmp_path) -> None:
    out = tmp_path / "out" / "flash.md"
    res = runner.invoke(
        app, ["report", "--db", db_url, "--from", "2024-03-01", "--to", "2024-03-05", "--format", "md", "-o", str(out)]
    )
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    for name in ("timeline", "areas", "displacement"):
        svg = out.with_name(f"flash-{name}.svg")
        assert svg.exists() and f"]({svg.name})" in text
        ET.fromstring(svg.read_text(encoding="utf-8"))
    assert "## Contested figures" in text and "## Displacement" in text and "## Key incidents" in text


def test_cli_markdown_to_stdout_embeds_charts(db_url) -> None:
    res = runner.invoke(app, ["report", "--db", db_url, "--format", "md"])
    assert res.exit_code == 0
    assert res.stdout.count("](data:image/svg+xml;base64,") == 3


def test_cli_html(db_url, tmp_path) -> None:
    out = tmp_path / "flash.html"
    assert (
        runner.invoke(
            app, ["report", "--db", db_url, "--format", "html", "-o", str(out), "--title", "Flash <update>"]
        ).exit_code
        == 0
    )
    page = out.read_text(encoding="utf-8")
    assert "<h1>Flash &lt;update&gt;</h1>" in page and page.count("<svg") == 3


@pytest.mark.parametrize(
    "args", [["--format", "pdf"], ["--from", "2024-13-01"], ["--from", "2024-03-05", "--to", "2024-03-01"]]
)
def test_cli_bad_options(db_url, args) -> None:
    assert runner.invoke(app, ["report", "--db", db_url, *args]).exit_code == 2


def test_cli_help() -> None:
    res = runner.invoke(app, ["report", "--help"])
    assert res.exit_code == 0 and "--from" in res.output


def test_html_report_runs_no_script_in_chromium(db_url, tmp_path) -> None:
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("/usr/bin/chromium is absent (apt-get install chromium; .ci/services.sh does it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python) is not installed")
    out = tmp_path / "flash.html"
    runner.invoke(app, ["report", "--db", db_url, "--format", "html", "-o", str(out)])
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        page = browser.new_page()
        page.goto(out.as_uri())
        assert page.evaluate("window.__pwned") is None
        assert page.locator("svg").count() == 3
        browser.close()
