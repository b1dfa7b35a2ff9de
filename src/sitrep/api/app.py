"""The FastAPI application: the JSON API under /api/, the web app at /, OpenAPI docs at /docs."""

from __future__ import annotations

import hmac
import json
import os
import threading
from collections.abc import Callable
from contextlib import asynccontextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from sitrep.api.middleware import (
    DOCS_CSP,
    BodyLimitMiddleware,
    ResponseCache,
    ResponseCacheMiddleware,
    SecurityHeadersMiddleware,
)
from sitrep.errors import InputError, SitrepError, StoreError
from sitrep.model import RunResult
from sitrep.store import adapter
from sitrep.store.db import Store, StoredDocument
from sitrep.store.ingest import Ingestor
from sitrep.store.query import IncidentFilter, parse_bbox

MAX_PAGE = 1000
DEFAULT_PAGE = 100
MAX_OFFSET = 2**31 - 1
"""Largest accepted offset: past it SQLite and PostgreSQL overflow their integers (a 500 before)."""
MAX_BODY_BYTES = 10_000_000
MAX_ARTICLES_PER_POST = 1000
CACHE_BYTES = 64_000_000
"""Default size of the response cache (GET /api/..., valid until the stored data change)."""
TOKEN_ENV = "SITREP_API_TOKEN"
WEB_DIR = Path(__file__).resolve().parent.parent / "web" / "static"
API_DESCRIPTION = """Incidents extracted from conflict news, with their sources (sentence and offsets in the
article), contradictions between sources, how outlets frame actors, and humanitarian totals.
`POST /api/documents` needs `Authorization: Bearer <token>` (the server's env SITREP_API_TOKEN)."""


class Settings:
    """What one app instance runs with."""

    def __init__(
        self,
        *,
        api_token: str | None,
        max_body_bytes: int,
        engine_factory: Callable[[], adapter.Processor] | None,
        resolver: Callable[..., RunResult] | None,
    ) -> None:
        self.api_token = api_token or None
        self.max_body_bytes = max_body_bytes
        self.engine_factory = engine_factory
        self.resolver = resolver
        self.engine: adapter.Processor | None = None
        self.ingest_lock = threading.Lock()


def create_app(
    db: str | Store | None = None,
    *,
    api_token: str | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
    engine_factory: Callable[[], adapter.Processor] | None = None,
    resolver: Callable[..., RunResult] | None = None,
    cache_bytes: int = CACHE_BYTES,
) -> FastAPI:
    """The app over a store (a Store, a URL, or env SITREP_DB); the upload token defaults to env SITREP_API_TOKEN.

    ``cache_bytes`` sizes the response cache of GET /api/... (0: none); it is keyed by the store's version.
    """
    store = db if isinstance(db, Store) else Store(db)
    owns_store = not isinstance(db, Store)
    token = api_token if api_token is not None else os.environ.get(TOKEN_ENV)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        if owns_store:
            store.close()

    app = FastAPI(
        title="sitrep",
        description=API_DESCRIPTION,
        version=_version(),
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.settings = Settings(
        api_token=token, max_body_bytes=max_body_bytes, engine_factory=engine_factory, resolver=resolver
    )
    app.state.cache = ResponseCache(max_bytes=cache_bytes)
    if cache_bytes > 0:
        app.add_middleware(ResponseCacheMiddleware, cache=app.state.cache, version=store.version)
    app.add_middleware(SecurityHeadersMiddleware, policies={"/docs": DOCS_CSP})
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)
    _add_error_handlers(app)
    _add_read_routes(app)
    _add_write_routes(app)
    _add_web_routes(app)
    return app


def app_from_env() -> FastAPI:
    """The app for `sitrep serve --workers N` (each worker builds its own): env SITREP_DB, SITREP_MAX_BODY,
    SITREP_CACHE_BYTES."""
    return create_app(
        os.environ.get("SITREP_DB"),
        max_body_bytes=int(os.environ.get("SITREP_MAX_BODY") or MAX_BODY_BYTES),
        cache_bytes=int(os.environ.get("SITREP_CACHE_BYTES") or CACHE_BYTES),
    )


def _version() -> str:
    """The package version."""
    from sitrep import __version__

    return __version__


def _store(request: Request) -> Store:
    """The app's store (dependency)."""
    return request.app.state.store


StoreDep = Annotated[Store, Depends(_store)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size (at most {MAX_PAGE}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]


def _add_error_handlers(app: FastAPI) -> None:
    """Domain errors become JSON with their stable code."""

    @app.exception_handler(StoreError)
    async def store_error(_request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"detail": exc.message, "code": exc.code}, status_code=503)

    @app.exception_handler(InputError)
    async def input_error(_request: Request, exc: InputError) -> JSONResponse:
        return JSONResponse({"detail": exc.message, "code": exc.code}, status_code=400)

    @app.exception_handler(SitrepError)
    async def sitrep_error(_request: Request, exc: SitrepError) -> JSONResponse:
        return JSONResponse({"detail": exc.message, "code": exc.code}, status_code=500)


def incident_filter(
    date_from: Annotated[date | None, Query(alias="from", description="Earliest event date.")] = None,
    date_to: Annotated[date | None, Query(alias="to", description="Latest event date.")] = None,
    country: Annotated[str | None, Query(max_length=200)] = None,
    admin1: Annotated[str | None, Query(max_length=200)] = None,
    event_type: Annotated[str | None, Query(max_length=200)] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Text contained in any actor field.")] = None,
    grade: Annotated[str | None, Query(max_length=200)] = None,
    bbox: Annotated[str | None, Query(max_length=200, description="min_lon,min_lat,max_lon,max_lat")] = None,
) -> IncidentFilter:
    """The incident filters shared by the listing endpoints (dependency)."""
    try:
        box = parse_bbox(bbox)
    except StoreError as e:
        raise HTTPException(status_code=422, detail=e.message) from e
    return IncidentFilter(date_from, date_to, country, admin1, event_type, actor, grade, box)


FilterDep = Annotated[IncidentFilter, Depends(incident_filter)]


def _json_default(value: Any) -> Any:
    """JSON for the few non-JSON values records may hold (dates)."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def json_response(content: Any, status_code: int = 200) -> Response:
    """A JSON response serialised directly (FastAPI's generic encoder costs more than the query on big pages)."""
    body = json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=_json_default).encode("utf-8")
    return Response(body, status_code=status_code, media_type="application/json")


def _document_dict(doc: StoredDocument) -> dict[str, Any]:
    """A stored document's metadata and bookkeeping (text added by the caller when wanted)."""
    data = adapter.record_to_dict(doc.article)
    data.update(
        content_hash=doc.content_hash,
        ingested_at=doc.ingested_at.isoformat(),
        updated_at=doc.updated_at.isoformat(),
        n_mentions=doc.n_mentions,
    )
    return data


def _contradiction_dict(item: Any) -> dict[str, Any]:
    """A stored contradiction with its id and the incidents it touches."""
    return {
        "contradiction_id": item.contradiction_id,
        **adapter.record_to_dict(item.contradiction),
        "incident_ids": item.incident_ids,
    }


def _add_read_routes(app: FastAPI) -> None:
    """GET endpoints."""

    @app.get("/api/incidents", tags=["incidents"], summary="Incidents (filters, pagination, JSON or GeoJSON)")
    def list_incidents(
        store: StoreDep,
        flt: FilterDep,
        limit: Limit = DEFAULT_PAGE,
        offset: Offset = 0,
        format: Literal["json", "geojson"] = "json",
        order: Literal["date", "resolved"] = "date",
    ) -> dict:
        page = store.incidents(flt, limit=limit, offset=offset, order="date" if order == "date" else "ordinal")
        items = [adapter.incident_to_dict(i) for i in page.items]
        if format == "geojson":
            return json_response({**adapter.incidents_geojson(items), "total": page.total, "limit": limit,
                                  "offset": offset})
        return json_response({"total": page.total, "limit": limit, "offset": offset, "incidents": items})

    @app.get(
        "/api/incidents/{incident_id:path}",
        tags=["incidents"],
        summary="One incident with its sources, the contradictions touching it and the framing of its actors",
    )
    def get_incident(incident_id: str, store: StoreDep) -> dict:
        inc = store.incident(incident_id)
        if inc is None:
            raise HTTPException(status_code=404, detail="no such incident")
        doc_ids = sorted({s.doc_id for s in inc.sources})
        actors = [
            a for a in (inc.actor1, inc.actor2, *inc.assoc_actor_1.split("; "), *inc.assoc_actor_2.split("; ")) if a
        ]
        contradictions = store.contradictions(incident_ids=[inc.incident_id]).items
        framing = store.framing(actors=actors, doc_ids=doc_ids).items if actors and doc_ids else []
        return json_response({
            **adapter.incident_to_dict(inc),
            "contradictions": [_contradiction_dict(c) for c in contradictions],
            "framing": [adapter.record_to_dict(f) for f in framing],
        })

    @app.get("/api/timeline", tags=["incidents"], summary="Incident counts and fatalities per day and event type")
    def timeline(store: StoreDep, flt: FilterDep) -> list[dict]:
        return json_response(store.timeline(flt))

    @app.get("/api/facets", tags=["incidents"], summary="Values present in the store (for filter choices) and counts")
    def facets(store: StoreDep) -> dict:
        return json_response(store.facets())

    @app.get("/api/documents", tags=["documents"], summary="Stored documents (metadata, newest first)")
    def list_documents(
        store: StoreDep,
        outlet: Annotated[str | None, Query(max_length=200)] = None,
        date_from: Annotated[date | None, Query(alias="from")] = None,
        date_to: Annotated[date | None, Query(alias="to")] = None,
        limit: Limit = DEFAULT_PAGE,
        offset: Offset = 0,
    ) -> dict:
        page = store.documents(outlet=outlet, date_from=date_from, date_to=date_to, limit=limit, offset=offset)
        return json_response({
            "total": page.total,
            "limit": limit,
            "offset": offset,
            "documents": [_document_dict(d) for d in page.items],
        })

    @app.get("/api/documents/{doc_id:path}", tags=["documents"], summary="One document, its text included")
    def get_document(doc_id: str, store: StoreDep) -> dict:
        doc = store.document(doc_id)
        if doc is None:
            raise HTTPException(status_code=404, detail="no such document")
        return json_response(
            {**_document_dict(doc), "text": doc.article.text, "incident_ids": store.incident_ids_citing(doc_id)}
        )

    @app.get("/api/aggregates", tags=["aggregates"], summary="Humanitarian totals stated by documents")
    def list_aggregates(
        store: StoreDep,
        quantity: Annotated[str | None, Query(max_length=200)] = None,
        date_from: Annotated[date | None, Query(alias="from")] = None,
        date_to: Annotated[date | None, Query(alias="to")] = None,
        limit: Limit = DEFAULT_PAGE,
        offset: Offset = 0,
    ) -> dict:
        page = store.aggregates(quantity=quantity, date_from=date_from, date_to=date_to, limit=limit, offset=offset)
        items = [{"aggregate_id": a.aggregate_id, **adapter.record_to_dict(a.aggregate)} for a in page.items]
        return json_response({"total": page.total, "limit": limit, "offset": offset, "aggregates": items})

    @app.get("/api/contradictions", tags=["contradictions"], summary="Figures or facts that sources state differently")
    def list_contradictions(
        store: StoreDep,
        incident_id: Annotated[str | None, Query(max_length=200)] = None,
        limit: Limit = DEFAULT_PAGE,
        offset: Offset = 0,
    ) -> dict:
        ids = [incident_id] if incident_id else None
        page = store.contradictions(incident_ids=ids, limit=limit, offset=offset)
        return json_response({
            "total": page.total,
            "limit": limit,
            "offset": offset,
            "contradictions": [_contradiction_dict(c) for c in page.items],
        })

    @app.get("/api/framing", tags=["framing"], summary="The words each document uses for each actor")
    def list_framing(
        store: StoreDep,
        actor: Annotated[str | None, Query(max_length=200)] = None,
        outlet: Annotated[str | None, Query(max_length=200)] = None,
        doc_id: Annotated[str | None, Query(max_length=500)] = None,
        limit: Limit = DEFAULT_PAGE,
        offset: Offset = 0,
    ) -> dict:
        page = store.framing(
            actor_contains=actor, outlet=outlet, doc_ids=[doc_id] if doc_id else None, limit=limit, offset=offset
        )
        return json_response({
            "total": page.total,
            "limit": limit,
            "offset": offset,
            "framing": [adapter.record_to_dict(f) for f in page.items],
        })


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """Bearer-token check for writes: 403 when no token is configured, 401 when missing or wrong."""
    expected = request.app.state.settings.api_token
    if not expected:
        raise HTTPException(status_code=403, detail=f"uploads are disabled: the server has no {TOKEN_ENV}")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise HTTPException(status_code=401, detail="missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode("utf-8"), expected.encode("utf-8")):
        raise HTTPException(
            status_code=401, detail="invalid token", headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}
        )


POST_BODY_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "oneOf": [
                        {"$ref": "#/components/schemas/ArticleIn"},
                        {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}},
                        {
                            "type": "object",
                            "properties": {
                                "articles": {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}}
                            },
                        },
                    ]
                }
            }
        },
    }
}
ARTICLE_SCHEMA = {
    "type": "object",
    "required": ["id", "text"],
    "properties": {k: {"type": "string"} for k in ("id", "text", "title", "url", "outlet", "published")},
}


async def _read_body(request: Request, max_bytes: int) -> bytes:
    """The request body, refused with 413 past ``max_bytes`` (chunked bodies included)."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise HTTPException(status_code=413, detail=f"request body larger than {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _articles_payload(body: bytes) -> list[Any]:
    """The list of article objects of a POST body: one object, a list, or {"articles": [...]}."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as e:  # bad JSON or encoding, over-long integers, too deep nesting
        raise HTTPException(status_code=400, detail=f"body is not JSON: {type(e).__name__}: {str(e)[:200]}") from e
    if isinstance(data, dict) and "articles" in data and "text" not in data:
        data = data["articles"]
    items = data if isinstance(data, list) else [data]
    if not items:
        raise HTTPException(status_code=400, detail="no article in the body")
    if len(items) > MAX_ARTICLES_PER_POST:
        raise HTTPException(status_code=413, detail=f"at most {MAX_ARTICLES_PER_POST} articles per request")
    return items


def _ingest_objects(app: FastAPI, objs: list[Any]) -> dict[str, Any]:
    """Ingest article objects into the store (serialised: one ingestion at a time)."""
    settings: Settings = app.state.settings
    store: Store = app.state.store
    with settings.ingest_lock:
        if settings.engine is None:
            settings.engine = (settings.engine_factory or adapter.make_engine)()
        level = store.info().get("level", "incident")
        ingestor = Ingestor(store, engine=settings.engine, resolver=settings.resolver, level=level)
        summary = ingestor.run(adapter.articles_from_json(objs, where="api"))
    app.state.cache.clear()  # this process's own readers see the upload at once
    return summary.as_dict()


def _add_write_routes(app: FastAPI) -> None:
    """POST endpoints (token protected)."""

    @app.post(
        "/api/documents",
        tags=["documents"],
        dependencies=[Depends(require_token)],
        openapi_extra=POST_BODY_SCHEMA,
        summary="Ingest article(s) shaped like the jsonl input; needs the bearer token",
    )
    async def post_documents(request: Request) -> JSONResponse:
        body = await _read_body(request, request.app.state.settings.max_body_bytes)
        objs = _articles_payload(body)
        summary = await run_in_threadpool(_ingest_objects, request.app, objs)
        status = (
            400
            if summary["documents"]["failed"]
            and not (
                summary["documents"]["new"] or summary["documents"]["updated"] or summary["documents"]["unchanged"]
            )
            else 200
        )
        return JSONResponse(summary, status_code=status)

    original = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        schema.setdefault("components", {}).setdefault("schemas", {})["ArticleIn"] = ARTICLE_SCHEMA
        schema["components"].setdefault("securitySchemes", {})["bearer"] = {"type": "http", "scheme": "bearer"}
        schema["paths"]["/api/documents"]["post"]["security"] = [{"bearer": []}]
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _add_web_routes(app: FastAPI) -> None:
    """The web app (/), its static files (/static) and the offline Swagger UI (/docs)."""
    app.mount("/static", StaticFiles(directory=WEB_DIR, check_dir=False), name="static")

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", media_type="text/html")

    @app.api_route("/docs", methods=["GET", "HEAD"], include_in_schema=False)
    def docs() -> FileResponse:
        # Swagger UI started by static/docs.js: no inline script, so /docs has a Content-Security-Policy too
        return FileResponse(WEB_DIR / "docs.html", media_type="text/html")
