"""Fixtures of the browser tests: a live server over the sample corpus and Debian's headless Chromium (Playwright).

Skipped (with the reason) when /usr/bin/chromium, Playwright or the vendored map library is missing.
Screenshots go to env SITREP_TEST_ARTIFACTS (default: build/test-artifacts, git-ignored) under web/.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

from sitrep.store import Ingestor, Store
from sitrep.store.testing import FakeEngine, sample_specs, toy_resolve
from sitrep.web.testing import browser_skip_reason, headless_chromium

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where screenshots are saved."""
    root = Path(os.environ.get("SITREP_TEST_ARTIFACTS") or REPO / "build" / "test-artifacts")
    path = root / "web"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def live_server():
    """Base URL of a uvicorn server (in a thread) over a SQLite store holding the sample corpus."""
    reason = browser_skip_reason()
    if reason:
        pytest.skip(reason)
    import uvicorn

    from sitrep.api.app import create_app

    tmp = tempfile.mkdtemp(prefix="sitrep-web-")
    specs = sample_specs()
    store = Store(f"sqlite:///{tmp}/web.db")
    Ingestor(store, engine=FakeEngine(specs), resolver=toy_resolve).run([s.article() for s in specs])
    app = create_app(store, api_token="", engine_factory=lambda: FakeEngine(specs), resolver=toy_resolve)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield {"url": f"http://127.0.0.1:{port}", "store": store}
    server.should_exit = True
    thread.join(timeout=10)
    store.close()
    shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def browser(live_server):
    """Headless Debian Chromium driven by Playwright (``sitrep.web.testing``)."""
    with headless_chromium() as b:
        yield b


@pytest.fixture
def page(browser, live_server):
    """A fresh page that records console errors, page errors and dialogs."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    pg = context.new_page()
    pg.problems = []
    pg.on(
        "console",
        lambda m: pg.problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None,
    )
    pg.on("pageerror", lambda e: pg.problems.append(f"pageerror: {e}"))
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.base = live_server["url"]
    yield pg
    context.close()
