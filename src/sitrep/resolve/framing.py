"""Framing: for each actor and each document, the words the document uses for that actor."""

from __future__ import annotations

import re
from functools import lru_cache

from sitrep.model import DocumentResult, Framing

_LEADING_ARTICLE = re.compile(r"^(?:the|a|an|its|their|his|her)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"[’']s$")


def clean_label(label: str) -> str:
    """A label as a reader would quote it: no leading article, no trailing possessive, single spaces."""
    label = " ".join(label.split())
    label = _LEADING_ARTICLE.sub("", label)
    return _POSSESSIVE.sub("", label).strip(" ,.;:–—-\"“”'")


_clean_label = lru_cache(maxsize=1 << 14)(clean_label)  # labels recur across documents ("regime forces")


def framing(results: list[DocumentResult]) -> list[Framing]:
    """One Framing row per (actor, document) with the labels in order of first use."""
    rows: list[Framing] = []
    for r in results:
        per_actor: dict[str, list[str]] = {}
        seen: dict[str, set[str]] = {}  # per actor: its labels in lower case
        for am in r.actor_mentions:
            if am.actor.kind == "organisation":
                continue
            name = am.actor.name
            labels = per_actor.get(name)
            if labels is None:
                labels = per_actor[name] = []
                seen[name] = set()
            lowered = seen[name]
            for raw in [am.label, *(d for d in am.descriptors if d != "__implied__")]:
                label = _clean_label(raw or "")
                if label and (low := label.lower()) not in lowered:
                    labels.append(label)
                    lowered.add(low)
        for actor, labels in per_actor.items():
            if labels:
                rows.append(Framing(actor=actor, doc_id=r.article.doc_id, outlet=r.article.outlet, labels=labels))
    rows.sort(key=lambda f: (f.actor, f.doc_id))
    return rows
