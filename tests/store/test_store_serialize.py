"""DocumentResult <-> JSON: round trips (Hypothesis), tags, refusal of foreign type tags."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.errors import StoreError
from sitrep.model import (
    Actor,
    ActorMention,
    Aggregate,
    Article,
    Claim,
    Count,
    DateRange,
    DocumentResult,
    Fact,
    Mention,
    Place,
    PlaceMention,
    Span,
)
from sitrep.store.serialize import decode, dumps_result, encode, loads_result, result_from_dict, result_to_dict
from sitrep.store.testing import sample_results

texts = st.text(min_size=0, max_size=80)
opt_text = st.none() | texts
floats = st.floats(allow_nan=False, allow_infinity=False)
opt_int = st.none() | st.integers(-(10**6), 10**6)


@st.composite
def span_in(draw, text: str) -> Span:
    """A span of ``text`` whose offsets give back its text."""
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return Span(start, end, text[start:end])


actors = st.builds(
    Actor,
    actor_id=texts,
    name=texts,
    kind=st.sampled_from(["state", "rebel", "civilians", "external"]),
    country=texts,
    parent=texts,
    valid_from=st.none() | st.dates(),
    valid_to=st.none() | st.dates(),
)
places = st.builds(
    Place,
    name=texts,
    country=texts,
    country_code=texts,
    latitude=floats,
    longitude=floats,
    admin1=texts,
    admin2=texts,
    admin3=texts,
    geonameid=opt_int,
    feature=texts,
    population=st.integers(0, 10**8),
)
fact_keys = st.recursive(
    st.none() | st.integers() | texts | st.dates() | floats,
    lambda inner: st.tuples(inner, inner) | st.lists(inner, max_size=3),
    max_leaves=6,
)


@st.composite
def document_results(draw) -> DocumentResult:
    """Any DocumentResult whose spans are consistent with its article text."""
    text = draw(st.text(min_size=1, max_size=300))
    doc_id = draw(st.text(min_size=1, max_size=20))
    article = Article(
        doc_id,
        text,
        title=draw(opt_text),
        outlet=draw(opt_text),
        published=draw(st.none() | st.dates()),
        published_inferred=draw(st.booleans()),
        published_evidence=draw(opt_text),
        url=draw(opt_text),
        path=draw(opt_text),
        line=draw(st.none() | st.integers(1, 10**6)),
    )
    sp = lambda: draw(span_in(text))  # noqa: E731
    actor_mentions = [
        ActorMention(sp(), draw(actors), draw(texts), draw(st.lists(texts, max_size=2)))
        for _ in range(draw(st.integers(0, 3)))
    ]
    mentions = []
    for _ in range(draw(st.integers(0, 3))):
        d = draw(st.dates())
        mentions.append(
            Mention(
                doc_id,
                sp(),
                sp(),
                draw(texts),
                draw(texts),
                actor1=draw(st.none() | st.sampled_from(actor_mentions or [None])),
                assoc_actor_1=draw(st.lists(st.sampled_from(actor_mentions), max_size=2)) if actor_mentions else [],
                civilian_targeting=draw(st.booleans()),
                place=draw(
                    st.none()
                    | st.builds(
                        PlaceMention,
                        span=st.just(sp()),
                        place=st.none() | places,
                        geo_precision=st.integers(1, 3),
                        relation=texts,
                    )
                ),
                date=draw(
                    st.none()
                    | st.just(
                        DateRange(
                            d, d, d, draw(st.integers(1, 3)), draw(st.none() | st.just(sp())), draw(st.booleans())
                        )
                    )
                ),
                fatalities=draw(
                    st.none()
                    | st.builds(
                        Count,
                        low=st.integers(0, 999),
                        high=st.none() | st.integers(0, 999),
                        best=st.integers(0, 999),
                        quantity=texts,
                        who=texts,
                        span=st.none() | st.just(sp()),
                        qualifier=texts,
                        negated=st.booleans(),
                    )
                ),
                claim=draw(st.none() | st.builds(Claim, claimant=texts, span=st.none() | st.just(sp()), kind=texts)),
                negated=draw(st.booleans()),
                aggregate=draw(st.booleans()),
                confidence=draw(floats),
            )
        )
    aggregates = [
        Aggregate(
            doc_id,
            draw(texts),
            draw(st.integers(0, 10**6)),
            draw(opt_int),
            draw(texts),
            draw(st.none() | st.dates()),
            draw(st.none() | st.dates()),
            draw(opt_text),
            s.text,
            s.start,
            s.end,
        )
        for s in [sp() for _ in range(draw(st.integers(0, 2)))]
    ]
    facts = [
        Fact(
            draw(texts),
            draw(texts),
            draw(st.tuples(fact_keys, fact_keys)),
            draw(texts),
            draw(floats | texts),
            doc_id,
            sp(),
            draw(opt_text),
            draw(st.none() | st.dates()),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    return DocumentResult(article, mentions, aggregates, actor_mentions, facts)


def same(a, b) -> bool:
    """Deep field-by-field equality (some records, e.g. Fact, compare by identity with ==)."""
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        return type(a) is type(b) and all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


@settings(max_examples=150, deadline=None)
@given(document_results())
def test_document_result_round_trips_through_json(result: DocumentResult) -> None:
    text = dumps_result(result)
    back = loads_result(text)
    assert same(back, result)
    for m in back.mentions:
        assert back.article.text[m.sentence.start : m.sentence.end] == m.sentence.text
    assert json.loads(text) == json.loads(dumps_result(back))


@settings(max_examples=60, deadline=None)
@given(document_results())
def test_round_trip_with_article_stored_apart(result: DocumentResult) -> None:
    data = result_to_dict(result, with_article=False)
    assert "article" not in data
    assert same(result_from_dict(json.loads(json.dumps(data)), article=result.article), result)


def test_sample_results_round_trip() -> None:
    for res in sample_results():
        assert same(loads_result(dumps_result(res)), res)


def test_precisely_declared_values_are_not_tagged() -> None:
    res = sample_results()[0]
    data = result_to_dict(res)
    assert data["article"]["published"] == "2024-03-02"
    assert "__type__" not in json.dumps(data["mentions"])


def test_untyped_positions_keep_their_types() -> None:
    value = {"when": date(2024, 1, 2), "at": datetime(2024, 1, 2, 3, 4, tzinfo=timezone.utc), "key": ("a", (1, None))}
    assert same(decode(json.loads(json.dumps(encode(value)))), value)


@pytest.mark.parametrize("tag", ["os:system", "builtins:dict", "sitrep.model:EVENT_TYPES", "sitrep.nope:X"])
def test_foreign_or_unknown_type_tags_are_refused(tag: str) -> None:
    with pytest.raises(StoreError):
        decode({"__type__": tag})


def test_garbage_is_a_store_error() -> None:
    with pytest.raises(StoreError):
        loads_result("not json")
    with pytest.raises(StoreError):
        loads_result("[1, 2]")
    with pytest.raises(StoreError):
        loads_result("{}")
