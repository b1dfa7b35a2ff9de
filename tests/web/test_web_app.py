"""The web app in real headless Chromium: map and markers, timeline, filters, incident page, inert hostile text."""

from __future__ import annotations

from urllib.parse import quote


def _open_map(page) -> None:
    page.goto(page.base + "/")
    page.wait_for_selector("body[data-ready=map]")
    page.wait_for_selector("path.incident-marker")


def _markers(page) -> int:
    return page.locator("path.incident-marker").count()


def test_map_shows_markers_timeline_and_legend(page, artifacts_dir) -> None:
    _open_map(page)
    assert _markers(page) == 4
    assert page.locator("#status").get_attribute("data-count") == "4"
    assert page.locator("#timeline svg rect.bar").count() == 4
    assert page.locator("#legend div").count() == 3
    assert page.locator(".leaflet-pane path").count() > 4  # graticule lines are drawn too
    assert page.locator("#incident-list tbody tr").count() == 4
    page.wait_for_timeout(300)
    shot = artifacts_dir / "map.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert page.problems == []


def test_filters_narrow_map_list_and_timeline(page) -> None:
    _open_map(page)
    page.select_option("#f-event-type", "Protests")
    page.click("#f-apply")
    page.wait_for_selector("#status[data-count='1']")
    assert _markers(page) == 1
    assert page.locator("#incident-list tbody tr").count() == 1
    assert "Nairobi" in page.locator("#incident-list tbody").inner_text()
    page.click("#f-reset")
    page.wait_for_selector("#status[data-count='4']")
    page.fill("#f-actor", "russia")
    page.click("#f-apply")
    page.wait_for_selector("#status[data-count='1']")
    assert "Idlib" in page.locator("#incident-list tbody").inner_text()
    page.fill("#f-actor", "")
    page.select_option("#f-grade", "contested")
    page.fill("#f-from", "2024-03-01")
    page.fill("#f-to", "2024-03-01")
    page.click("#f-apply")
    page.wait_for_selector("#status[data-count='1']")
    assert _markers(page) == 1 and page.locator("#timeline svg rect.bar").count() == 1
    page.fill("#f-actor", "' OR 1=1 --")
    page.click("#f-apply")
    page.wait_for_selector("#status[data-count='0']")
    assert _markers(page) == 0
    assert page.problems == []


def test_open_incident_from_marker_shows_highlighted_sentences(page, live_server, artifacts_dir) -> None:
    _open_map(page)
    page.select_option("#f-grade", "contested")
    page.click("#f-apply")
    page.wait_for_selector("#status[data-count='1']")
    page.locator("path.incident-marker").first.click()
    page.locator(".leaflet-popup a.open-incident").click()
    page.wait_for_selector("body[data-ready=incident]")
    assert page.locator("#incident-view").is_visible() and not page.locator("#map-view").is_visible()
    inc = live_server["store"].incidents().items
    contested = next(i for i in inc if i.grade == "contested")
    marks = page.locator("#incident mark.claim")
    assert marks.count() == 2
    assert sorted(marks.all_text_contents()) == sorted(s.sentence for s in contested.sources)
    for card in page.locator("#incident article.source").all():
        text = card.locator(".article-text").inner_text()
        assert card.locator("mark.claim").inner_text() in text
    assert page.locator("#incident .warn").count() == 0  # offsets matched the stored texts
    assert "contested" in page.locator("#incident .facts").inner_text()
    assert page.locator("#incident .contradiction td").first.inner_text() in {"5", "7"}
    framing = page.locator("#incident table.framing").inner_text()
    assert "Daily Ledger" in framing and "Evening Post" in framing and "government forces" in framing
    page.screenshot(path=str(artifacts_dir / "incident.png"), full_page=True)
    page.click("#back")
    page.wait_for_selector("body[data-ready=map]")
    assert page.locator("#map-view").is_visible()
    assert page.problems == []


def test_hostile_article_renders_inert(page, live_server, artifacts_dir) -> None:
    hostile = next(i for i in live_server["store"].incidents().items if i.location == "Homs")
    page.goto(page.base + "/")
    page.wait_for_selector("body[data-ready=map]")
    page.evaluate(
        "document.querySelectorAll('path.incident-marker').forEach(p => p.dispatchEvent(new MouseEvent('mouseover')))"
    )
    page.goto(page.base + "/#/incident/" + quote(hostile.incident_id, safe=""))
    page.wait_for_selector("body[data-ready=incident]")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    incident = page.locator("#incident")
    assert incident.locator("script, img, b, [onerror], [onmouseover]").count() == 0
    mark = incident.locator("mark.claim").inner_text()
    assert "<script>window.__pwned = 1</script>" in mark and 'onerror="window.__pwned = 1"' in mark
    assert "<img src=x" in incident.locator(".source-head").inner_text()
    incident.locator(".article-text").hover()
    page.screenshot(path=str(artifacts_dir / "hostile.png"), full_page=True)
    assert page.evaluate("window.__pwned") is None
    assert page.problems == []


def test_unknown_incident_shows_not_found(page) -> None:
    page.goto(page.base + "/#/incident/" + quote("' OR 1=1 --", safe=""))
    page.wait_for_selector("body[data-ready=incident]")
    assert "not found" in page.locator("#incident").inner_text()


def test_offsets_count_code_points_not_utf16_units(page, live_server) -> None:
    nairobi = next(i for i in live_server["store"].incidents().items if i.location == "Nairobi")
    page.goto(page.base + "/#/incident/" + quote(nairobi.incident_id, safe=""))
    page.wait_for_selector("body[data-ready=incident]")
    text = page.locator("#incident .article-text").inner_text()
    assert "📣" in text and text.index("🇰🇪") < text.index("Police")
    assert page.locator("#incident mark.claim").inner_text() == nairobi.sources[0].sentence
    assert page.locator("#incident .warn").count() == 0
