"""Hostile articles render inert in real headless Chromium (Debian's, driven by Playwright).

The store holds records whose every text field carries script tags, event-handler attributes,
javascript: URLs, SVG/iframe payloads and template syntax; the incident ids themselves are hostile.
Every view is opened and every element hovered and clicked: no payload may run (window.__pwned stays
unset, no dialog), no element may carry an event-handler attribute or a javascript: link, the page
asks nothing of any other host, and every page, /docs included, is served with a strict CSP.
Skipped (with the reason) when Chromium, Playwright or the vendored map library is missing.
"""

from __future__ import annotations

import dataclasses
import tempfile
from datetime import date
from urllib.parse import quote

import pytest
from security_data import fill_store, make_client
from security_live import serve

from sitrep.model import Article, DocumentResult, Incident, Source
from sitrep.web.testing import VENDOR_DIR, browser_skip_reason, headless_chromium

PWN = "window.__pwned=1"
PAYLOADS = [
    f"<script>{PWN}</script>",
    f'<img src=x onerror="{PWN}">',
    f"<svg onload={PWN}><circle r=5 /></svg>",
    f'"><iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
    f"<a href=\"javascript:{PWN}\">click</a>",
    f"{{{{constructor.constructor('{PWN}')()}}}}",
    f"</title><script>{PWN}</script>",
    f"<style>body{{display:none}}</style><b onmouseover='{PWN}'>x</b>",
    f"javascript:{PWN}",
    f"<math><mtext><table><mglyph><style><img src=x onerror={PWN}>",
]


def _extra_records() -> tuple[list[DocumentResult], list[Incident]]:
    """One hostile document and incident per payload, ids included."""
    docs, incs = [], []
    for n, p in enumerate(PAYLOADS):
        doc_id = f"doc-{n}-{p[:20]}"
        text = f"Before the claim. {p} Clashes {p} erupted in the town. After the claim {p}."
        start = text.index("Clashes")
        sentence = text[start:text.index("town.") + 5]
        art = Article(doc_id, text, title=p, outlet=p, published=date(2024, 3, 10), url=p, path="x.jsonl", line=n)
        docs.append(DocumentResult(art))
        src = Source(doc_id, p, art.published, p if n % 2 else f"https://ok.example/{quote(p)}", sentence, start,
                     start + len(sentence), claimed_by=p)
        incs.append(Incident(f"inc-{n}-{p}", date(2024, 3, 10), date(2024, 3, 10), date(2024, 3, 10), 1, "Battles",
                             "Armed clash", actor1=p, actor2=p, assoc_actor_1=p, country=p, admin1=p, location=p,
                             latitude=30 + n, longitude=40 + n, geo_precision=1, grade=p, notes=p, sources=[src]))
    return docs, incs


@pytest.fixture(scope="module")
def site():
    """A live server over a SQLite store with the sample corpus, the hostile records and the payloads."""
    reason = browser_skip_reason()
    if reason:
        pytest.skip(reason)
    with tempfile.TemporaryDirectory(prefix="sitrep-xss-") as tmp:
        store = fill_store(f"sqlite:///{tmp}/xss.db")
        docs, incs = _extra_records()
        store.save_documents([(f"k{n}", d) for n, d in enumerate(docs)])
        run = store.run_result(with_text=False)
        store.replace_resolved(dataclasses.replace(run, incidents=[*run.incidents, *incs]))
        with make_client(store, token="") as client, serve(client.app) as base:
            yield {"base": base, "store": store}
        store.close()


@pytest.fixture(scope="module")
def browser(site):
    with headless_chromium() as b:
        yield b


@pytest.fixture
def page(browser, site):
    """A page recording dialogs, page errors and every request it makes."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.problems, pg.requests = [], []
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.on("pageerror", lambda e: pg.problems.append(f"pageerror: {e}"))
    pg.on("request", lambda r: pg.requests.append(r.url))
    yield pg
    context.close()


DOM_AUDIT = """() => {
  const bad = [];
  for (const e of document.querySelectorAll('*')) {
    for (const a of e.attributes) {
      if (a.name.toLowerCase().startsWith('on')) bad.push(e.tagName + ' ' + a.name);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'].includes(a.name.toLowerCase())
          && /^\\s*(javascript|data|vbscript):/i.test(a.value)) bad.push(e.tagName + ' ' + a.name + '=' + a.value);
    }
    if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'IMG', 'MATH', 'STYLE'].includes(e.tagName.toUpperCase())
        && !(e.tagName === 'SCRIPT' && e.src.startsWith(location.origin + '/static/'))
        && !(e.tagName === 'IMG' && e.src.startsWith(location.origin + '/static/'))) bad.push('element ' + e.tagName);
  }
  return bad;
}"""


def _audit(page, base: str) -> None:
    """No payload ran, no dangerous markup exists, nothing was asked of another host."""
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate(DOM_AUDIT) == []
    assert [u for u in page.requests if not (u.startswith(base + "/") or u.startswith("data:"))] == []
    assert page.problems == []


def test_map_list_and_popups_render_payloads_as_text(page, site) -> None:
    base = site["base"]
    res = page.goto(base + "/")
    assert "script-src 'self'" in res.headers["content-security-policy"]
    page.wait_for_selector("body[data-ready=map]")
    page.wait_for_selector("path.incident-marker")
    markers = page.locator("path.incident-marker")
    assert markers.count() >= len(PAYLOADS)
    page.evaluate("document.querySelectorAll('path.incident-marker').forEach(p => "
                  "['mouseover', 'mouseout', 'click'].forEach(t => p.dispatchEvent(new MouseEvent(t, {bubbles: true}))))")
    for i in range(min(markers.count(), 20)):
        markers.nth(i).dispatch_event("click")
        page.wait_for_timeout(30)
    body = page.locator("#incident-list tbody").inner_text()
    assert "<script>" in body and "onerror=" in body  # shown, as text
    for row in page.locator("#incident-list tbody tr").all()[:5]:
        row.hover()
    page.select_option("#f-grade", PAYLOADS[0])
    page.click("#f-apply")
    page.wait_for_selector("#status[data-count='1']")
    _audit(page, base)


def test_every_incident_page_is_inert(page, site) -> None:
    base = site["base"]
    ids = [i.incident_id for i in site["store"].incidents().items]
    for iid in ids:
        page.goto(base + "/#/incident/" + quote(iid, safe=""))
        page.wait_for_selector("body[data-ready=incident]")
        assert "not found" not in page.locator("#incident").inner_text(), iid
        for el in page.locator("#incident *").all()[:60]:
            el.hover(timeout=2000, force=True)
        _audit(page, base)
    page.goto(base + "/#/incident/" + quote(next(i for i in ids if i.startswith("inc-0-")), safe=""))
    page.wait_for_selector("body[data-ready=incident]")
    originals = page.locator("#incident a[target=_blank]")
    assert originals.count() == 1 and originals.first.get_attribute("href").startswith("https://ok.example/")
    assert originals.first.get_attribute("rel") == "noopener noreferrer nofollow"


def test_malformed_and_hostile_hashes(page, site) -> None:
    base = site["base"]
    for frag in ("%", "%E0%A4%A", quote(f"<img src=x onerror={PWN}>", safe=""), f"<script>{PWN}</script>",
                 "javascript:" + PWN):
        page.goto(base + "/#/incident/" + frag)
        page.wait_for_selector("body[data-ready=incident]")
        assert "not found" in page.locator("#incident").inner_text().lower(), frag
    _audit(page, base)


def test_docs_page_has_a_csp_and_renders(page, site) -> None:
    base = site["base"]
    if not (VENDOR_DIR / "swagger-ui" / "swagger-ui-bundle.js").exists():
        pytest.skip("Swagger UI is not vendored")
    console = []
    page.on("console", lambda m: console.append(m.text) if m.type in ("error", "warning") else None)
    res = page.goto(base + "/docs")
    csp = res.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-eval" not in csp
    page.wait_for_selector(".opblock", timeout=20_000)
    assert page.locator(".opblock").count() >= 9
    assert [c for c in console if "Content Security Policy" in c or "Refused" in c] == []
    _audit(page, base)
