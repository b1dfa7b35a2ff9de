"""parse_published: ISO fast paths, common formats, nothing relative to today."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from sitrep.ingest import parse_published


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-02-02", date(2020, 2, 2)),
        ("2020-02-02T23:30:00-05:00", date(2020, 2, 2)),
        ("2020-02-02T23:30:00Z", date(2020, 2, 2)),
        ("2020-02-02 10:15", date(2020, 2, 2)),
        ("20200202", date(2020, 2, 2)),
        ("2020/2/3", date(2020, 2, 3)),
        ("February 2, 2020", date(2020, 2, 2)),
        ("Sun, 02 Feb 2020 10:00:00 GMT", date(2020, 2, 2)),
        ("2nd of February 2020", date(2020, 2, 2)),
        ("2 février 2020", date(2020, 2, 2)),
        (date(2020, 2, 2), date(2020, 2, 2)),
        (datetime(2020, 2, 2, 23, 0), date(2020, 2, 2)),
    ],
)
def test_parses(value, expected) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", [None, "", "  ", "yesterday", "3 days ago", "February 2020", "2020", "soon",
                                   "2020-02-30", "today"])
def test_never_guesses(value) -> None:
    assert parse_published(value) is None
