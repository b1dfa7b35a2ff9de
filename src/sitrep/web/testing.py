"""Test support for the web pages: Debian's headless Chromium driven by Playwright (never a downloaded browser).

Used by the browser tests (``tests/web``, ``tests/security/test_browser_xss.py``); Playwright is imported
only when a browser is launched."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = os.environ.get("SITREP_CHROMIUM", "/usr/bin/chromium")
"""The Chromium binary the tests drive (Debian's package; ``SITREP_CHROMIUM`` overrides)."""
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",  # no calls home: this machine's network is closed
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
)
VENDOR_DIR = Path(__file__).resolve().parent / "static" / "vendor"
"""The browser libraries the pages load (vendored by ``npm ci`` in src/sitrep/web)."""
VENDORED_MAP = VENDOR_DIR / "leaflet" / "leaflet.js"


def browser_skip_reason() -> str | None:
    """Why browser tests cannot run here (no Chromium, no Playwright, no vendored map library), or None."""
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is absent (apt-get install chromium; .ci/services.sh does it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright (Python) is not installed"
    if not VENDORED_MAP.exists():
        return "the map library is not vendored: run `npm ci` in src/sitrep/web (.ci/services.sh does it)"
    return None


@contextmanager
def headless_chromium() -> Iterator[object]:
    """A headless Chromium (Playwright ``Browser``) at ``CHROMIUM``, closed on exit. Playwright gives it a
    fresh temporary --user-data-dir of its own and removes it on close."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=list(CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()
