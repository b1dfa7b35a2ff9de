"""No path traversal in anything that serves files: /static (web app, vendored libraries, /docs assets),
the web root, /docs and the document ids; raw requests (not normalised by a client) on a live server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from security_data import make_client
from security_live import raw_request, serve

from sitrep.api import app as app_module

SECRET_MARK = b"def create_app("  # a line of src/sitrep/api/app.py: must never be served
TARGETS = [
    "/static/../api/app.py",
    "/static/../../sitrep/api/app.py",
    "/static/vendor/../../../api/app.py",
    "/static/vendor/swagger-ui/../../../../api/app.py",
    "/static/%2e%2e/%2e%2e/api/app.py",
    "/static/%2E%2E%2F%2E%2E%2Fapi%2Fapp.py",
    "/static/..%2f..%2fapi%2fapp.py",
    "/static/..%252f..%252fapi%252fapp.py",
    "/static/%c0%ae%c0%ae/%c0%ae%c0%ae/api/app.py",
    "/static/..\\..\\api\\app.py",
    "/static/%5c..%5c..%5capi%5capp.py",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/../../../../../../../../etc/passwd",
    "/static/vendor/leaflet/../../../../../../../../../../etc/passwd",
    "/static/app.js%00.png",
    "/static/%00",
    "/static/.%2e/api/app.py",
    "/static/....//....//api/app.py",
    "/../api/app.py",
    "/%2e%2e/api/app.py",
    "/docs/../static/../api/app.py",
    "/docs/..%2f..%2fapi%2fapp.py",
    "/api/documents/..%2f..%2f..%2fetc%2fpasswd",
    "/api/documents/../../../etc/passwd",
    "/api/incidents/..%2f..%2fapp.py",
    "//etc/passwd",
    "/static/vendor/.lock-sha256/../../../api/app.py",
]


@pytest.fixture(scope="module")
def live(ro_store):
    """A live server over the filled store."""
    with make_client(ro_store) as c, serve(c.app) as base:
        yield base


@pytest.mark.parametrize("target", TARGETS)
def test_traversal_is_refused_on_the_wire(live, target) -> None:
    status, body = raw_request(live, target)
    assert status in (400, 404, 405, 422), (target, status)
    assert SECRET_MARK not in body and b"root:" not in body, target


def test_static_files_and_docs_assets_are_still_served(live) -> None:
    for target in ("/static/app.js", "/static/style.css", "/static/favicon.svg", "/", "/docs"):
        status, body = raw_request(live, target)
        assert status == 200 and body, target


def test_symlink_out_of_the_static_directory_is_not_followed(tmp_path, ro_store, monkeypatch) -> None:
    web = tmp_path / "static"
    web.mkdir()
    (web / "index.html").write_text("<!doctype html><title>t</title>", encoding="utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text("TOP-SECRET", encoding="utf-8")
    os.symlink(outside, web / "link.txt")
    os.symlink(tmp_path, web / "up")
    monkeypatch.setattr(app_module, "WEB_DIR", web)
    with make_client(ro_store) as c:
        for target in ("/static/link.txt", "/static/up/secret.txt"):
            res = c.get(target)
            assert res.status_code == 404 and "TOP-SECRET" not in res.text, target
        assert c.get("/").status_code == 200


def test_served_files_stay_inside_the_web_directory(ro_client) -> None:
    """Every route that returns files is either the fixed index or the StaticFiles mount on WEB_DIR."""
    from starlette.routing import Mount

    mounts = [r for r in ro_client.app.routes if isinstance(r, Mount)]
    assert [m.path for m in mounts] == ["/static"]
    assert Path(mounts[0].app.directory).resolve() == app_module.WEB_DIR.resolve()
    assert mounts[0].app.follow_symlink is False
