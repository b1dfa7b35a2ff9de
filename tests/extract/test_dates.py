"""Tests for sitrep.extract.dates: explicit, relative, weekday, range, month, anchored and background dates."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.extract.dates import best_event_date, default_date, find_dates
from sitrep.model import DateRange

SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpus"
PUB = date(2024, 12, 2)  # a Monday


def single(text: str, published: date | None = PUB, anchor: date | None = None) -> DateRange:
    got = find_dates(text, published=published, anchor=anchor)
    assert len(got) == 1, f"{text!r}: {got}"
    return got[0]


def d(s: str) -> date:
    return date.fromisoformat(s)


# -------------------------------------------------------------------------------- explicit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The strike happened on February 2, 2020.", "2020-02-02"),
        ("The strike happened on 2 February 2020.", "2020-02-02"),
        ("Fighting resumed on 9-May-20 near the border.", "2020-05-09"),
        ("On 9 May 2020, gunmen attacked a checkpoint.", "2020-05-09"),
        ("The report is dated 2020-02-02.", "2020-02-02"),
        ("Clashes erupted on Jun 13th in the valley.", "2024-06-13"),
        ("Clashes erupted on June 13 in the valley.", "2024-06-13"),
        ("Clashes erupted on the 13th of June.", "2024-06-13"),
        ("Talks collapsed on Sept. 5, 2019.", "2019-09-05"),
        ("A raid took place on the 29th near the base.", "2024-11-29"),
        ("The army said on the 1st that it had retaken the town.", "2024-12-01"),
        ("13 March: a dispute over a well turned violent.", "2024-03-13"),
        ("On October 9th, raiders drove off goats from the hamlet.", "2024-10-09"),
    ],
)
def test_explicit(text: str, expected: str) -> None:
    dr = single(text)
    assert dr.event_date == dr.date_min == dr.date_max == d(expected)
    assert dr.time_precision == 1


def test_day_month_takes_year_on_or_before_published() -> None:
    assert single("It began on December 30.", published=d("2021-01-03")).event_date == d("2020-12-30")
    assert single("It began on January 2.", published=d("2021-01-03")).event_date == d("2021-01-02")
    assert single("It began on January 3.", published=d("2021-01-03")).event_date == d("2021-01-03")


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Protesters gathered on 07/10 in the square.", "2024-10-20", "2024-10-07"),  # 10 July is too old
        ("Protesters gathered on 25/11 in the square.", "2024-12-02", "2024-11-25"),
        ("Protesters gathered on 11/25 in the square.", "2024-12-02", "2024-11-25"),
        ("The trader vanished on 23/04/2020.", "2020-05-03", "2020-04-23"),
    ],
)
def test_numeric_when_unambiguous(text: str, published: str, expected: str) -> None:
    assert single(text, published=d(published)).event_date == d(expected)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("The trader vanished on 3/4/2020 at the market.", "2020-05-03"),  # 3 April or 4 March: both recent
        ("The shop is open 24/7 now.", "2024-12-02"),
        ("Growth was 1.5 percent.", "2024-12-02"),
        ("Scores were 3/4 on the test.", "2024-12-02"),
    ],
)
def test_numeric_ambiguous_is_skipped(text: str, published: str) -> None:
    assert find_dates(text, published=d(published)) == []


# -------------------------------------------------------------------------------- weekdays


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jets struck the town early Sunday.", "2024-12-01"),
        ("The power station went dark on Friday night.", "2024-11-29"),
        ("Shelling resumed late on Monday.", "2024-12-02"),  # same weekday as publication = that day
        ("The strike hit a clinic on Saturday (November 30).", "2024-11-30"),
        ("The strike hit a clinic on Saturday, November 30.", "2024-11-30"),
        ("The talks failed on Tuesday last week.", "2024-11-26"),
        ("The talks failed last week on Tuesday.", "2024-11-26"),
        ("Police raided the camp last Monday.", "2024-11-25"),  # "last Monday": strictly before
        ("Monday's attack killed three.", "2024-12-02"),
    ],
)
def test_weekdays(text: str, expected: str) -> None:
    dr = single(text)
    assert dr.event_date == d(expected) and dr.time_precision == 1


def test_weekday_span_covers_the_date_in_parentheses() -> None:
    text = "The ferry stopped running on Saturday (November 30) for good."
    dr = single(text)
    assert dr.span is not None and dr.span.text == "Saturday (November 30)"


@pytest.mark.parametrize(
    ("published", "weekday", "expected"),
    [
        ("2020-01-01", "Sunday", "2019-12-29"),  # across a year boundary
        ("2020-03-02", "Saturday", "2020-02-29"),  # across a month boundary, leap day
        ("2024-03-01", "Thursday", "2024-02-29"),
        ("2021-01-01", "Friday", "2021-01-01"),
        ("2021-01-01", "Saturday", "2020-12-26"),
    ],
)
def test_weekday_across_boundaries(published: str, weekday: str, expected: str) -> None:
    assert single(f"It happened on {weekday}.", published=d(published)).event_date == d(expected)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)), st.integers(min_value=0, max_value=6))
def test_weekday_is_within_the_week_before_publication(pub: date, wd: int) -> None:
    name = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][wd]
    got = single(f"Troops advanced on {name}.", published=pub).event_date
    assert got.weekday() == wd and 0 <= (pub - got).days <= 6


def test_next_weekday_is_not_an_event_date() -> None:
    assert find_dates("Talks will resume next Monday.", published=PUB) == []


# -------------------------------------------------------------------------------- relative


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The market was hit yesterday.", "2024-12-01"),
        ("The market was hit today.", "2024-12-02"),
        ("The market was hit last night.", "2024-12-01"),
        ("The market was hit this morning.", "2024-12-02"),
        ("The market was hit the day before yesterday.", "2024-11-30"),
        ("The market was hit three days ago.", "2024-11-29"),
    ],
)
def test_relative_days(text: str, expected: str) -> None:
    dr = single(text)
    assert dr.event_date == d(expected) and dr.time_precision == 1


@pytest.mark.parametrize(
    ("text", "lo", "hi", "event"),
    [
        ("Fighting intensified last week.", "2024-11-25", "2024-12-01", "2024-11-27"),  # Wednesday, as ACLED
        ("Fighting intensified over the weekend.", "2024-11-30", "2024-12-01", "2024-11-30"),
        ("Fighting intensified in recent days.", "2024-11-26", "2024-12-02", "2024-11-29"),
        ("Fighting intensified over the past week.", "2024-11-25", "2024-12-02", "2024-11-28"),
        ("Between November 26 and December 1, the road stayed shut.", "2024-11-26", "2024-12-01", "2024-11-28"),
        ("From 26 to 28 November there were clashes.", "2024-11-26", "2024-11-28", "2024-11-27"),
        ("Clashes on November 26-28 displaced hundreds.", "2024-11-26", "2024-11-28", "2024-11-27"),
    ],
)
def test_week_ranges(text: str, lo: str, hi: str, event: str) -> None:
    dr = single(text)
    assert (dr.date_min, dr.date_max, dr.event_date, dr.time_precision) == (d(lo), d(hi), d(event), 2)


def test_this_week_stops_at_publication() -> None:
    dr = single("Government forces advanced this week.", published=d("2020-02-01"))  # a Saturday
    assert (dr.date_min, dr.date_max, dr.event_date) == (d("2020-01-27"), d("2020-02-01"), d("2020-01-29"))


@pytest.mark.parametrize(
    ("text", "lo", "hi", "event"),
    [
        ("The siege ended last month.", "2024-11-01", "2024-11-30", "2024-11-15"),
        ("The siege ended in May.", "2024-05-01", "2024-05-31", "2024-05-15"),
        ("The siege ended in early May.", "2024-05-01", "2024-05-10", "2024-05-01"),
        ("The siege ended in mid-May.", "2024-05-11", "2024-05-20", "2024-05-15"),
        ("The siege ended in late May.", "2024-05-21", "2024-05-31", "2024-05-31"),
        ("The siege ended at the end of May.", "2024-05-21", "2024-05-31", "2024-05-31"),
        ("The siege ended in November 2024.", "2024-11-01", "2024-11-30", "2024-11-15"),
    ],
)
def test_months(text: str, lo: str, hi: str, event: str) -> None:
    dr = single(text, published=d("2024-12-20"))
    assert (dr.date_min, dr.date_max, dr.event_date, dr.time_precision) == (d(lo), d(hi), d(event), 3)


def test_current_month_is_cut_at_publication() -> None:
    dr = single("The offensive began in December.", published=d("2024-12-05"))
    assert dr.date_max == d("2024-12-05") and dr.event_date <= d("2024-12-05")


def test_may_the_modal_verb_is_not_a_month() -> None:
    assert find_dates("May God protect them, he said.", published=PUB) == []


def test_since_late_april_is_a_period_to_publication() -> None:
    dr = single("More than 500 were killed since late April.", published=d("2019-05-20"))
    assert (dr.date_min, dr.date_max, dr.background) == (d("2019-04-21"), d("2019-05-20"), False)


# -------------------------------------------------------------------------------- anchored


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The following day, a bomb hit the market.", "2024-12-02"),
        ("The next day, a bomb hit the market.", "2024-12-02"),
        ("A day later, a bomb hit the market.", "2024-12-02"),
        ("Two days later, a bomb hit the market.", "2024-12-03"),
        ("The same day, a bomb hit the market.", "2024-12-01"),
        ("That day, a bomb hit the market.", "2024-12-01"),
        ("The previous day, a bomb hit the market.", "2024-11-30"),
    ],
)
def test_anchored(text: str, expected: str) -> None:
    assert single(text, anchor=d("2024-12-01")).event_date == d(expected)


def test_anchored_without_anchor_is_unresolved() -> None:
    assert find_dates("The following day, a bomb hit the market.", published=PUB) == []


def test_anchor_moves_inside_the_span() -> None:
    got = find_dates("Jets struck on Saturday and again the following day.", published=PUB)
    assert [g.event_date for g in got] == [d("2024-11-30"), d("2024-12-01")]


# -------------------------------------------------------------------------------- background


@pytest.mark.parametrize(
    "text",
    [
        "The old bridge was blown up in December 2016.",
        "The port has been closed to fishing since 2016.",
        "It was the first snowfall there since 2017.",
        "The group was formed in 2017.",
        "The region is tired of the years-long feud.",
        "The long-running conflict has displaced millions.",
        "The town was shelled on 3 March 2024.",
        "The agreement was signed last year.",
        "Rebels were driven out in the 1990s.",
    ],
)
def test_background(text: str) -> None:
    got = find_dates(text, published=PUB)
    assert got and all(g.background for g in got), got
    assert best_event_date(got) is None


def test_recent_explicit_date_is_not_background() -> None:
    dr = single("The town was shelled on 3 November 2024.")
    assert not dr.background


def test_published_none_only_self_dating() -> None:
    assert [g.event_date for g in find_dates("On 9 May 2020, gunmen attacked.", published=None)] == [d("2020-05-09")]
    assert find_dates("Jets struck on Sunday and yesterday, on June 13.", published=None) == []
    got = find_dates("The next day, on June 14, they returned.", published=None, anchor=d("2020-06-13"))
    assert [g.event_date for g in got] == [d("2020-06-14"), d("2020-06-14")]


def test_datetime_published_is_accepted() -> None:
    assert single("It happened yesterday.", published=datetime(2024, 12, 2, 9, 30)).event_date == d("2024-12-01")


# -------------------------------------------------------------------------------- helpers


def test_best_event_date_prefers_precise_first() -> None:
    got = find_dates("Between November 26 and December 1, and on Sunday, and on Saturday.", published=PUB)
    best = best_event_date(got)
    assert best is not None and best.event_date == d("2024-12-01")
    assert best_event_date([]) is None


def test_best_event_date_skips_uncodable_ranges() -> None:
    got = find_dates("Earlier this year the group grew.", published=PUB)
    assert got and best_event_date(got) is None


def test_default_date() -> None:
    dr = default_date(PUB)
    assert (dr.event_date, dr.date_min, dr.date_max, dr.time_precision) == (PUB, PUB - timedelta(days=1), PUB, 2)


# -------------------------------------------------------------------------------- offsets


_FILLER = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=50)
_PHRASES = [
    ("on 2 February 2020", date(2020, 2, 2)),
    ("early Sunday", date(2024, 12, 1)),
    ("yesterday", date(2024, 12, 1)),
]


@settings(max_examples=150, deadline=None)
@given(before=_FILLER, after=_FILLER, idx=st.integers(min_value=0, max_value=len(_PHRASES) - 1))
def test_offsets_index_whole_text(before: str, after: str, idx: int) -> None:
    phrase, expected = _PHRASES[idx]
    text = f"{before} . {phrase} . {after}"
    start = len(before) + 3
    for g in find_dates(text, published=PUB):
        assert g.span is not None and text[g.span.start : g.span.end] == g.span.text
    inside = find_dates(text, start, start + len(phrase), published=PUB)
    assert [g.event_date for g in inside] == [expected]
    assert inside[0].span is not None and start <= inside[0].span.start


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(max_size=200),
    pub=st.one_of(st.none(), st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))),
    anchor=st.one_of(st.none(), st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))),
)
def test_arbitrary_text_never_crashes(text: str, pub: date | None, anchor: date | None) -> None:
    for g in find_dates(text, published=pub, anchor=anchor):
        assert g.span is not None and text[g.span.start : g.span.end] == g.span.text
        assert g.date_min <= g.event_date <= g.date_max


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.sampled_from(
        "on the 29th 31 February 2020 May mid- late early since between and to Sunday last week next "
        "yesterday following day same 07/10 30/02 2019-02-30 9-Feb-21 of in , ( ) years-long".split()
    ), max_size=15),
    pub=st.dates(min_value=date(1999, 1, 1), max_value=date(2031, 12, 31)),
)
def test_date_word_salad_never_crashes(words: list[str], pub: date) -> None:
    text = " ".join(words)
    for g in find_dates(text, published=pub, anchor=pub):
        assert text[g.span.start : g.span.end] == g.span.text  # type: ignore[union-attr]
        assert g.date_min <= g.event_date <= g.date_max


# -------------------------------------------------------------------------------- ACLED notes


def test_acled_notes_event_date() -> None:
    path = SHARED / "acled-syria-2020" / "events.csv"
    if not path.exists():
        pytest.skip(f"{path} not available")
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    ok = 0
    for r in rows:
        gold = datetime.strptime(r["event_date"], "%d-%b-%y").date()
        best = best_event_date(find_dates(r["notes"], published=gold))
        ok += best is not None and best.event_date == gold
    assert ok / len(rows) >= 0.95


def test_month_abbreviations_are_whole_words():
    pub = date(2019, 9, 10)
    assert find_dates("Clashes in Marsabit and Maywand.", published=pub) == []


def test_a_day_just_after_publication_keeps_the_year():
    (d,) = find_dates("On 12 Sep, police arrested two men.", published=date(2019, 9, 10))
    assert d.event_date == date(2019, 9, 12) and not d.background
