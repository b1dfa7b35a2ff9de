"""(De)serialise the typed records of sitrep.model (DocumentResult and everything in it) to/from JSON.

The codec is driven by the dataclasses' type hints, so fields the model gains later round-trip
without changes here. A value whose declared type does not say which dataclass it is (a bare
``list`` such as ``DocumentResult.facts``, ``Any``, or a subclass) is written with a ``"__type__"``
tag (``module:QualName``) that is resolved on load against an allow-list of modules (``sitrep.*``).
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import types
import typing
from datetime import date, datetime
from functools import cache
from typing import Any, Literal, Union

from sitrep.errors import StoreError
from sitrep.model import Article, DocumentResult

TYPE_TAG = "__type__"
_ALLOWED_MODULE_PREFIX = "sitrep."
_NONE_TYPE = type(None)


@cache
def _hints(cls: type) -> dict[str, Any]:
    """Resolved type hints of a dataclass's fields (cached per class)."""
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in typing.get_type_hints(cls).items() if k in names}


def _type_name(cls: type) -> str:
    """``module:QualName`` tag of a class."""
    return f"{cls.__module__}:{cls.__qualname__}"


@cache
def _resolve_tag(tag: str) -> type:
    """The dataclass that a ``__type__`` tag names (only sitrep's own modules are imported)."""
    module, _, qualname = tag.partition(":")
    if not module.startswith(_ALLOWED_MODULE_PREFIX) or not qualname:
        raise StoreError(f"refusing to decode type tag {tag!r}")
    try:
        obj: Any = importlib.import_module(module)
        for part in qualname.split("."):
            obj = getattr(obj, part)
    except (ImportError, AttributeError) as e:
        raise StoreError(f"unknown type tag {tag!r}") from e
    if not (isinstance(obj, type) and dataclasses.is_dataclass(obj)):
        raise StoreError(f"type tag {tag!r} is not a dataclass")
    return obj


def encode(value: Any, declared: Any = Any) -> Any:
    """JSON-ready form of ``value`` given the type it was declared with.

    Where the declared type does not tell a date, datetime or tuple apart from a string or a list
    (``Any``, a bare container's items), the value is tagged so that it comes back as it went in.
    """
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, datetime):
        return (
            value.isoformat() if datetime in _non_none(declared) else {TYPE_TAG: "datetime", "value": value.isoformat()}
        )
    if isinstance(value, date):
        return value.isoformat() if date in _non_none(declared) else {TYPE_TAG: "date", "value": value.isoformat()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _encode_dataclass(value, declared)
    if isinstance(value, tuple):
        items = [encode(v, t) for v, t in zip(value, _tuple_item_types(declared, len(value)), strict=True)]
        return items if _declares(declared, tuple) else {TYPE_TAG: "tuple", "items": items}
    if isinstance(value, list):
        item = _item_type(declared)
        return [encode(v, item) for v in value]
    if isinstance(value, dict):
        val = _value_type(declared)
        return {str(k): encode(v, val) for k, v in value.items()}
    raise StoreError(f"cannot serialise a {type(value).__name__}")


def _declares(declared: Any, container: type) -> bool:
    """True when the declared type (or a member of its union) is ``container`` or ``container[...]``."""
    return any(tp is container or typing.get_origin(tp) is container for tp in _non_none(declared))


def _tuple_item_types(declared: Any, n: int) -> list[Any]:
    """Declared types of a tuple's items: ``tuple[X, ...]``, ``tuple[X, Y]`` or unknown."""
    for tp in _non_none(declared):
        if typing.get_origin(tp) is tuple:
            args = typing.get_args(tp)
            if len(args) == 2 and args[1] is Ellipsis:
                return [args[0]] * n
            if len(args) == n:
                return list(args)
    return [Any] * n


def _encode_dataclass(value: Any, declared: Any) -> dict[str, Any]:
    """Fields of a dataclass instance, tagged when ``declared`` does not pin its class."""
    cls = type(value)
    hints = _hints(cls)
    out: dict[str, Any] = {}
    if cls not in _dataclasses_in(declared):
        out[TYPE_TAG] = _type_name(cls)
    for f in dataclasses.fields(cls):
        out[f.name] = encode(getattr(value, f.name), hints.get(f.name, Any))
    return out


@cache
def _dataclasses_in(declared: Any) -> frozenset[type]:
    """The dataclasses a declared type admits directly (``X``, ``X | None``)."""
    if isinstance(declared, type) and dataclasses.is_dataclass(declared):
        return frozenset({declared})
    if _is_union(declared):
        return frozenset(a for a in typing.get_args(declared) if isinstance(a, type) and dataclasses.is_dataclass(a))
    return frozenset()


def _is_union(tp: Any) -> bool:
    """True for ``X | Y`` and ``Optional[X]``."""
    return typing.get_origin(tp) in (Union, types.UnionType)


def _item_type(declared: Any) -> Any:
    """Element type of ``list[X]`` / ``tuple[X, ...]`` (Any when unknown)."""
    for tp in _non_none(declared):
        args = typing.get_args(tp)
        if typing.get_origin(tp) in (list, tuple, set, frozenset) and args:
            return args[0]
    return Any


def _value_type(declared: Any) -> Any:
    """Value type of ``dict[K, V]`` (Any when unknown)."""
    for tp in _non_none(declared):
        args = typing.get_args(tp)
        if typing.get_origin(tp) is dict and len(args) == 2:
            return args[1]
    return Any


def _non_none(tp: Any) -> tuple[Any, ...]:
    """Members of a union other than None (or the type itself)."""
    if _is_union(tp):
        return tuple(a for a in typing.get_args(tp) if a is not _NONE_TYPE)
    return (tp,)


def decode(data: Any, declared: Any = Any) -> Any:
    """Rebuild a value of type ``declared`` from its JSON-ready form."""
    if isinstance(data, dict) and TYPE_TAG in data:
        return _decode_tagged(data)
    if data is None:
        return None
    for tp in _non_none(declared):
        done, value = _decode_as(data, tp)
        if done:
            return value
    return _decode_untyped(data)


def _decode_tagged(data: dict[str, Any]) -> Any:
    """A value written with a ``__type__`` tag."""
    tag = data[TYPE_TAG]
    if tag == "datetime":
        return datetime.fromisoformat(data["value"])
    if tag == "date":
        return date.fromisoformat(data["value"])
    if tag == "tuple":
        return tuple(decode(v) for v in data["items"])
    return _decode_dataclass(data, _resolve_tag(tag))


def _decode_as(data: Any, tp: Any) -> tuple[bool, Any]:
    """Try to read ``data`` as ``tp``: (True, value) on success, (False, None) if ``tp`` does not apply."""
    origin = typing.get_origin(tp)
    if tp is Any:
        return False, None
    if tp is datetime:
        return (True, datetime.fromisoformat(data)) if isinstance(data, str) else (False, None)
    if tp is date:
        return (True, date.fromisoformat(data)) if isinstance(data, str) else (False, None)
    if tp is float:
        return (True, float(data)) if isinstance(data, (int, float)) and not isinstance(data, bool) else (False, None)
    if tp in (bool, int, str):
        return (True, data) if type(data) is tp else (False, None)
    if origin is Literal:
        return (True, data) if data in typing.get_args(tp) else (False, None)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return (True, _decode_dataclass(data, tp)) if isinstance(data, dict) else (False, None)
    if origin is tuple or tp is tuple:
        if not isinstance(data, list):
            return False, None
        return True, tuple(decode(v, t) for v, t in zip(data, _tuple_item_types(tp, len(data)), strict=True))
    if origin is list or tp is list:
        if not isinstance(data, list):
            return False, None
        item = _item_type(tp)
        return True, [decode(v, item) for v in data]
    if origin is dict or tp is dict:
        if not isinstance(data, dict):
            return False, None
        val = _value_type(tp)
        return True, {k: decode(v, val) for k, v in data.items()}
    return False, None


def _decode_untyped(data: Any) -> Any:
    """A value whose declared type gives no guidance: containers are walked for tags."""
    if isinstance(data, list):
        return [decode(v) for v in data]
    if isinstance(data, dict):
        return {k: decode(v) for k, v in data.items()}
    return data


def _decode_dataclass(data: dict[str, Any], cls: type) -> Any:
    """Instance of ``cls`` from its field dict (unknown keys are ignored, missing ones default)."""
    hints = _hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            kwargs[f.name] = decode(data[f.name], hints.get(f.name, Any))
    try:
        return cls(**kwargs)
    except TypeError as e:
        raise StoreError(f"cannot rebuild {cls.__name__}: {e}") from e


def result_to_dict(result: DocumentResult, *, with_article: bool = True) -> dict[str, Any]:
    """JSON-ready dict of a DocumentResult (``article`` left out when the caller stores it apart)."""
    data = _encode_dataclass(result, DocumentResult)
    if not with_article:
        data.pop("article", None)
    return data


def result_from_dict(data: dict[str, Any], *, article: Article | None = None) -> DocumentResult:
    """DocumentResult from :func:`result_to_dict` output (``article`` supplies a left-out article)."""
    if article is not None:
        data = {**data, "article": None}
    result = _decode_dataclass(data, DocumentResult)
    if article is not None:
        result.article = article
    if not isinstance(result.article, Article):
        raise StoreError("document result has no article")
    return result


def dumps_result(result: DocumentResult, *, with_article: bool = True) -> str:
    """Compact JSON text of a DocumentResult."""
    return json.dumps(result_to_dict(result, with_article=with_article), ensure_ascii=False, separators=(",", ":"))


def loads_result(text: str, *, article: Article | None = None) -> DocumentResult:
    """DocumentResult from :func:`dumps_result` text."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise StoreError(f"stored document result is not JSON: {e}") from e
    if not isinstance(data, dict):
        raise StoreError("stored document result is not a JSON object")
    return result_from_dict(data, article=article)
