"""Publication-date inference from article text (invented sentences only)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitrep.ingest import infer_publication, infer_published, infer_year, read_inputs
from sitrep.ingest.pubdate import FULL_DATE, WEEKDAY_DATE

SEEDS = Path("/work/shared/corpus/seeds")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rockets hit the port on March 3, 2021, officials said.", date(2021, 3, 3)),
        ("Rockets hit the port on 3 March 2021, officials said.", date(2021, 3, 3)),
        ("Rockets hit the port on 3rd of March, 2021.", date(2021, 3, 3)),
        ("Rockets hit the port on Mar. 3, 2021.", date(2021, 3, 3)),
        ("Photo taken 2021-03-03 shows the damage.", date(2021, 3, 3)),
        ("On 9 May 2020 the siege began; by May 12, 2020 the town had fallen.", date(2020, 5, 12)),
    ],
)
def test_explicit_dates_latest_wins(text: str, expected: date) -> None:
    assert infer_published(text)[0] == expected


def test_explicit_date_evidence_quotes_the_text() -> None:
    day, evidence = infer_published("A car bomb exploded in the square on July 14, 2019, killing four.")
    assert day == date(2019, 7, 14)
    assert evidence == "'July 14, 2019'"


def test_future_dates_are_ignored() -> None:
    text = ("Fighting resumed on 2 October 2023 around the airport. A ceasefire conference will be held on "
            "15 November 2023 in the capital.")
    assert infer_published(text)[0] == date(2023, 10, 2)


def test_historical_dates_give_way_to_later_years() -> None:
    text = "The town fell on 12 June 2014. In 2022 it was still a frontline, and fighting went on."
    assert infer_published(text) == (None, None)
    assert infer_year(text) == 2022


def test_invalid_days_are_ignored() -> None:
    assert infer_published("Reported on February 30, 2021 by nobody.") == (None, None)


def test_may_as_a_verb_is_not_a_month() -> None:
    assert infer_published("Officials said 3 may 2021 be a turning point.")[0] is None


@pytest.mark.parametrize(
    "phrase",
    ["On Sunday (March 7)", "on Sunday, March 7", "on Sunday March 7", "on Sunday, 7 March", "on Sunday 7th March",
     "on March 7 (Sunday)", "on Sunday the 7th of March"],
)
def test_weekday_fixes_the_year(phrase: str) -> None:
    text = f"Drones struck a fuel depot {phrase}, the army said. The depot was built in 2015."
    guess = infer_publication(text)
    assert guess.date == date(2021, 3, 7)  # the first year >= 2015 in which 7 March is a Sunday
    assert guess.rule == "weekday"
    assert "fits 2021" in (guess.evidence or "")


def test_weekday_with_no_year_in_text_is_ambiguous() -> None:
    assert infer_published("Drones struck a fuel depot on Sunday, March 7, the army said.") == (None, None)


def test_several_weekday_pairs_agree_and_the_latest_is_taken() -> None:
    text = ("Shelling began on Saturday, November 9 and grew heavier on Monday (November 11). "
            "The district had been quiet since 2016.")
    assert infer_published(text)[0] == date(2019, 11, 11)


def test_weekday_pairs_across_new_year() -> None:
    text = ("Protests started on Tuesday, December 29 and went on until Saturday, January 2. "
            "They were the largest since the 2019 elections.")
    assert infer_published(text)[0] == date(2021, 1, 2)


def test_weekday_pair_and_explicit_date_combine() -> None:
    text = "A report dated 1 April 2022 counted the dead. On Tuesday, April 5, new strikes hit the camp."
    assert infer_published(text)[0] == date(2022, 4, 5)


def test_following_day_after_the_latest_dated_day() -> None:
    text = ("Jets bombed the bridge on Thursday (June 9), a year after the 2021 offensive. "
            "Local officials said that in the raids the following day a school was hit.")
    guess = infer_publication(text)
    assert guess.date == date(2022, 6, 10)
    assert guess.rule == "weekday+following-day"


def test_following_day_with_another_anchor_in_between_is_not_used() -> None:
    text = ("Jets bombed the bridge on Thursday (June 9), a year after the 2021 offensive. On Monday the "
            "governor visited the area and the following day he left.")
    assert infer_published(text)[0] == date(2022, 6, 9)


def test_year_only_gives_no_date() -> None:
    text = "Since 2011 the conflict has displaced millions; in 2019 the front lines barely moved."
    assert infer_published(text) == (None, None)
    guess = infer_publication(text)
    assert guess.year == 2019 and guess.date is None


def test_year_mentions_skip_quantities_and_future() -> None:
    assert infer_year("Some 2000 people fled in 2016; the plan will run until 2030.") == 2016
    assert infer_year("Around 1990 soldiers and 2025 civilians were counted.") is None
    assert infer_year("Between 2011 and 2020 the city changed hands four times.") == 2020
    assert infer_year("Prices rose 2.2019 percent.") is None


def test_nothing_to_go_on() -> None:
    assert infer_publication("Gunmen opened fire at a wedding on Friday.").date is None


def test_inferred_date_is_marked_on_the_article(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Clashes erupted on 14 August 2018 near the dam.", "utf-8")
    (art,) = read_inputs([tmp_path])
    assert (art.published, art.published_inferred, art.published_evidence) == (
        date(2018, 8, 14), True, "'14 August 2018'")
    (art,) = read_inputs([tmp_path], infer_dates=False)
    assert (art.published, art.published_inferred) == (None, False)


def test_patterns_do_not_overmatch() -> None:
    assert FULL_DATE.search("Marching 3 2020") is None
    assert WEEKDAY_DATE.search("Saturday, 13 March 2021") is None  # has a year: a full date


def test_seed_corpus_spot_check() -> None:
    """Inference on the dev seeds (read at run time, never copied): 000 and 004 are exactly inferable."""
    if not (SEEDS / "meta.jsonl").exists():
        pytest.skip("seed corpus not available")
    gold = {}
    for line in (SEEDS / "meta.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            gold[rec["doc"]] = date.fromisoformat(rec["published"])
    arts = {a.doc_id: a for a in read_inputs(sorted(SEEDS.glob("*.txt")))}
    exact = {d for d, a in arts.items() if a.published == gold.get(d)}
    assert {"000_2d825460497280ce.txt", "004_17ae50fad13160ff.txt"} <= exact
    for doc, art in arts.items():  # never later than the true date: inference is a lower bound
        assert art.published is None or art.published <= gold[doc]
