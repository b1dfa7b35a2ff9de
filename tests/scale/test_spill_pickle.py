"""The spill file's pickler: model records come back equal (positional reducers), other classes as pickle does."""

from __future__ import annotations

import pickle
from dataclasses import InitVar, dataclass, field
from datetime import date

from sitrep.model import (
    Actor,
    ActorMention,
    Article,
    Claim,
    Count,
    DateRange,
    Fact,
    Framing,
    Incident,
    Mention,
    Place,
    PlaceMention,
    Source,
    Span,
)
from sitrep.scale.resolution import _dispatch_table, _Dumper, _positional_reducer

DAY = date(2024, 5, 9)


def _mention() -> Mention:
    actor = ActorMention(Span(0, 4, "army"), Actor("SYR_MIL", "Military Forces of Syria (2000-2024)", "state", "SY"), "army", ["regime"])
    sentence = Span(0, 30, "The army shelled Kafr Example.")
    return Mention(
        doc_id="a.txt", sentence=sentence, trigger=Span(9, 16, "shelled"), event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack", actor1=actor, assoc_actor_1=[actor],
        place=PlaceMention(Span(17, 29, "Kafr Example"), Place("Kafr Example", "Syria", "SY", 35.7, 36.6, admin1="Idleb"), 1),
        date=DateRange(DAY, DAY, DAY, 1, Span(0, 0, "")), fatalities=Count(3, None, 3, "killed", span=sentence),
        claim=Claim("SOHR", None), confidence=0.5,
    )  # fmt: skip


def test_model_records_round_trip_to_equal_records():
    dump = _Dumper()
    m = _mention()
    source = Source("a.txt", "A", DAY, None, "s", 0, 1)
    inc = Incident("SR-1", DAY, DAY, DAY, 1, m.event_type, m.sub_event_type, sources=[source], mentions=[m])
    records = [
        m, inc, Article("a.txt", "", outlet="A", published=DAY, line=3), Framing("X", "a.txt", None, ["a", "b"]),
        Fact("rank", "rank of X", ("rank", "x"), "third", "3", "a.txt", Span(1, 2, "t"), ref_date=DAY), m.sentence,
    ]  # fmt: skip
    for rec in records:
        back = pickle.loads(dump(rec))
        assert type(back) is type(rec)
        assert repr(back) == repr(rec)
    assert pickle.loads(dump(m)) == m
    back = pickle.loads(dump(m))
    assert back.actor1 is back.assoc_actor_1[0]  # objects shared inside one record stay shared
    assert hash(back.sentence) == hash(m.sentence)  # the frozen Span is rebuilt through its __init__


def test_records_do_not_share_a_memo():
    dump = _Dumper()
    m = _mention()
    first, second = dump(m), dump(m)
    assert first == second
    assert pickle.loads(second) == m


@dataclass(slots=True)
class _WithInitVar:
    a: int
    b: InitVar[int] = 0


@dataclass(slots=True)
class _KeywordOnly:
    a: int
    b: int = field(default=0, kw_only=True)


@dataclass(slots=True)
class _NotInInit:
    a: int
    b: int = field(default=0, init=False)


@dataclass(slots=True)
class _PostInit:
    a: int

    def __post_init__(self) -> None:
        self.a += 1


@dataclass
class _NoSlots:
    a: int


def test_classes_not_rebuilt_by_their_init_keep_default_pickling():
    for cls in (_WithInitVar, _KeywordOnly, _NotInInit, _PostInit, _NoSlots):
        assert _positional_reducer(cls) is None, cls
    assert _positional_reducer(Mention) is not None
    assert Mention in _dispatch_table() and Span in _dispatch_table()
