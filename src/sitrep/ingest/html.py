"""HTML pages → main text (boilerplate removed, via trafilatura) and page metadata."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from datetime import date

from lxml.etree import LxmlError

from sitrep.errors import EmptyInputError, InputError
from sitrep.ingest.dates import parse_published
from sitrep.ingest.decode import SNIFF_BYTES, bom_encoding, check_text, decode_bytes, normalize_newlines

_DATE_PARAMS = {"extensive_search": False, "original_date": True, "max_date": "2035-12-31"}
"""htmldate settings: page metadata only (no guessing from the body text), no dependence on today."""

_CANONICAL = "//link[contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]/@href"
_OG_URL = "//meta[@property='og:url' or @name='og:url']/@content"
_OG_SITE = "//meta[@property='og:site_name' or @name='og:site_name']/@content"


@dataclass(slots=True)
class HtmlPage:
    """What an HTML page yields: the main text and whatever metadata the page declares."""

    text: str
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    url: str | None = None


def extract_html(html: str, *, path: str | None = None) -> HtmlPage:
    """Main text and metadata of an HTML page; a page without main text is an EmptyInputError."""
    import trafilatura

    tree = trafilatura.load_html(html)
    if tree is None and "<" in html:  # a fragment (no <html>, one top element): parse it as a page's body
        html = f"<html><body>{html}</body></html>"
        tree = trafilatura.load_html(html)
    if tree is None:
        raise EmptyInputError("HTML page has no parseable content", path=path)
    canonical = _first(tree.xpath(_CANONICAL))
    og_url = _first(tree.xpath(_OG_URL))
    og_site = _first(tree.xpath(_OG_SITE))
    try:
        doc = _extract(tree, with_metadata=True)
    except _LIBRARY_ERRORS:
        # the metadata/date stage of the extraction libraries fails on some broken pages (e.g. an
        # <html> element nested in an <iframe> makes htmldate drop the root): keep the text without it
        try:
            doc = _extract(trafilatura.load_html(html), with_metadata=False)
        except _LIBRARY_ERRORS as e:
            raise InputError(f"cannot extract text from HTML: {type(e).__name__}: {e}", path=path) from e
    text = normalize_newlines(doc.text or "") if doc is not None else ""
    if not text.strip():
        raise EmptyInputError("no main text found in HTML page", path=path)
    return HtmlPage(
        text=text,
        title=_clean(doc.title),
        outlet=_clean(og_site) or _clean(doc.sitename),
        published=parse_published(doc.date) if doc.date else None,
        url=_clean(canonical) or _clean(og_url) or _clean(doc.url),
    )


_LIBRARY_ERRORS = (ValueError, LxmlError, AssertionError, TypeError, AttributeError, IndexError, KeyError,
                   RecursionError)
"""What trafilatura/htmldate/lxml raise on hostile pages (found by fuzzing); all mean "cannot extract"."""


def _extract(tree, *, with_metadata: bool):
    """trafilatura's extraction of a parsed page (None when it finds no main text)."""
    import trafilatura

    if tree is None:
        return None
    return trafilatura.bare_extraction(
        tree,
        with_metadata=with_metadata,
        include_comments=False,
        include_tables=True,
        date_extraction_params=_DATE_PARAMS,
    )


def _first(values: list) -> str | None:
    """First non-empty string of an XPath result."""
    for v in values:
        if isinstance(v, str) and v.strip():
            return v
    return None


def _clean(value: str | None) -> str | None:
    """Whitespace-collapsed value, or None when empty."""
    if not value:
        return None
    value = " ".join(value.split())
    return value or None


_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE
)
_BROWSER_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252",
                    "ascii": "cp1252", "iso8859-1": "cp1252"}


def decode_html(data: bytes, *, path: str | None = None) -> str:
    """Decode an HTML file: BOM, UTF-8, then the charset the page declares, then the generic detection."""
    if bom_encoding(data) is None and b"\x00" not in data[:SNIFF_BYTES]:
        try:
            return decode_bytes(data, path=path) if _is_utf8(data) else _declared(data, path=path)
        except LookupError:
            pass
    return decode_bytes(data, path=path)


def _is_utf8(data: bytes) -> bool:
    """True when the bytes are valid UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _declared(data: bytes, *, path: str | None) -> str:
    """Decode with the page's declared charset; LookupError when there is none (or it is unknown/wrong)."""
    m = _DECLARED_CHARSET.search(data[:4096])
    if m is None:
        raise LookupError("no declared charset")
    name = m.group(1).decode("ascii").lower()
    encoding = codecs.lookup(_BROWSER_ALIASES.get(name, name)).name
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        raise LookupError(f"declared charset {name} does not fit") from e
    check_text(text, path=path)
    return normalize_newlines(text)
