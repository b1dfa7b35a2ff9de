"""Database URLs: the default, user forms (paths, postgresql://) and redaction. No heavy imports here."""

from __future__ import annotations

import os

DEFAULT_URL = "sqlite:///sitrep.db"
URL_ENV = "SITREP_DB"


def default_url() -> str:
    """The database URL from env SITREP_DB, else ``sqlite:///sitrep.db`` in the current directory."""
    return os.environ.get(URL_ENV) or DEFAULT_URL


def normalise_url(url: str | None) -> str:
    """SQLAlchemy URL for a user's URL: plain paths are SQLite files, postgresql:// uses psycopg 3."""
    url = (url or default_url()).strip()
    if "://" not in url:
        return f"sqlite:///{url}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def redact_url(url: str) -> str:
    """URL with any password replaced by ***."""
    head, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    cred, _, host = rest.rpartition("@")
    user = cred.split(":", 1)[0]
    return f"{head}://{user}:***@{host}" if ":" in cred else url
