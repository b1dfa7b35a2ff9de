"""Pure ASGI middleware: request body size limit, security headers (CSP etc.) and a response cache."""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool

Scope = dict[str, Any]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
"""The Swagger UI page (/docs): scripts from this server only; inline style attributes, which it sets, allowed."""
HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class BodyLimitMiddleware:
    """Refuse (413) requests whose declared Content-Length exceeds ``max_bytes``; chunked bodies are counted by the reader."""

    def __init__(self, app: Any, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            length = dict(scope.get("headers") or ()).get(b"content-length")
            if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
                await _reply(send, 413, {"detail": f"request body larger than {self.max_bytes} bytes"})
                return
        await self.app(scope, receive, send)


class SecurityHeadersMiddleware:
    """Add a strict Content-Security-Policy and related headers; ``policies`` maps path prefixes to other CSPs."""

    def __init__(self, app: Any, *, policies: dict[str, str] | None = None) -> None:
        self.app = app
        self.policies = {p: v.encode() for p, v in (policies or {}).items()}

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        csp = next((v for p, v in self.policies.items() if path.startswith(p)), CSP.encode())

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                headers.extend(HEADERS)
                headers.append((b"content-security-policy", csp))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _reply(send: Any, status: int, body: dict[str, Any]) -> None:
    """Send a small JSON response."""
    data = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": data})


_HIT = (b"x-sitrep-cache", b"hit")


class ResponseCache:
    """Bodies of successful GET responses keyed by (path, query), valid while the store's version is unchanged.

    Bounded by total bytes (least recently used first out); bodies over ``max_item`` are not kept.
    """

    def __init__(self, *, max_bytes: int, max_item: int = 4_000_000) -> None:
        self.max_bytes = max_bytes
        self.max_item = max_item
        self._items: OrderedDict[tuple, tuple[Any, list, bytes]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple, version: Any) -> tuple[list, bytes] | None:
        """The cached (headers, body) for ``key`` at ``version``, or None."""
        with self._lock:
            found = self._items.get(key)
            if found is None or found[0] != version:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return found[1], found[2]

    def put(self, key: tuple, version: Any, headers: list, body: bytes) -> None:
        """Keep a response (if it fits)."""
        if len(body) > self.max_item or self.max_bytes <= 0:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._size -= len(old[2])
            self._items[key] = (version, headers, body)
            self._size += len(body)
            while self._size > self.max_bytes and self._items:
                _, (_, _, dropped) = self._items.popitem(last=False)
                self._size -= len(dropped)

    def clear(self) -> None:
        """Forget everything (after a write through this process)."""
        with self._lock:
            self._items.clear()
            self._size = 0


class ResponseCacheMiddleware:
    """Serve repeated GET requests under ``prefix`` from a ResponseCache while the data version is unchanged.

    ``version()`` is a (blocking) call that reads the store's version; it is asked at most every
    ``version_ttl`` seconds, so an ingest by another process shows after at most that long.
    """

    def __init__(self, app: Any, *, cache: ResponseCache, version: Callable[[], Any], prefix: str = "/api/",
                 version_ttl: float = 1.0) -> None:
        self.app = app
        self.cache = cache
        self.version = version
        self.prefix = prefix
        self.ttl = version_ttl
        self._known: tuple[float, Any] = (-1e9, None)

    async def _current(self) -> Any:
        """The store's version, re-read when older than the TTL; None when it cannot be read (no caching then)."""
        at, value = self._known
        now = time.monotonic()
        if now - at > self.ttl:
            try:
                value = await run_in_threadpool(self.version)
            except Exception:  # noqa: BLE001 - the database is down: no cache, the route reports the error
                self._known = (-1e9, None)
                return None
            self._known = (now, value)
        return value

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        version = await self._current()
        if version is None:
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        found = self.cache.get(key, version)
        if found is not None:
            headers, body = found
            await send({"type": "http.response.start", "status": 200, "headers": [*headers, _HIT]})
            await send({"type": "http.response.body", "body": body})
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body") and start.get("status") == 200:
                    self.cache.put(key, version, list(start.get("headers") or []), b"".join(chunks))
            await send(message)

        await self.app(scope, receive, capture)
