"""Merge and no-merge cases of incident resolution, on mentions built by hand."""

from datetime import date

from sitrep.model import (
    Actor,
    ActorMention,
    Aggregate,
    Article,
    Claim,
    Count,
    DateRange,
    DocumentResult,
    Mention,
    Place,
    PlaceMention,
    Span,
)
from sitrep.resolve import resolve

SYR = Actor("SYR_MIL", "Military Forces of Syria (2000-2024)", "state", "SY")
RUS = Actor("RUS_MIL", "Military Forces of Russia (2000-)", "state", "RU")
TOWN_A = Place("Kafr Example", "Syria", "SY", 35.70, 36.60, admin1="Idleb")
TOWN_B = Place("Tell Sample", "Syria", "SY", 35.80, 36.75, admin1="Idleb")  # ~17 km away


def mention(doc, *, day, place=TOWN_A, actor=SYR, killed=None, sub="Air/drone strike", claim=None, start=0):
    text = f"sentence {doc} {start}"
    return Mention(
        doc_id=doc,
        sentence=Span(start, start + len(text), text),
        trigger=Span(start, start + 3, "air"),
        event_type="Explosions/Remote violence" if sub != "Armed clash" else "Battles",
        sub_event_type=sub,
        actor1=ActorMention(Span(0, 0, ""), actor, "forces"),
        place=PlaceMention(Span(0, 0, place.name), place, 1),
        date=DateRange(day, day, day, 1),
        fatalities=Count(killed, killed, killed, "killed", "civilians") if killed is not None else None,
        claim=Claim(claim) if claim else None,
    )


def result(doc, outlet, published, *mentions, aggregates=()):
    art = Article(doc_id=doc, text="x", outlet=outlet, published=published)
    return DocumentResult(article=art, mentions=list(mentions), aggregates=list(aggregates))


D1 = date(2024, 12, 1)
D2 = date(2024, 12, 2)


def test_same_strike_across_three_outlets_is_one_incident_with_three_sources():
    rs = [
        result("a.txt", "Outlet A", D2, mention("a.txt", day=D1, killed=7)),
        result("b.txt", "Outlet B", D2, mention("b.txt", day=D1, killed=7)),
        result("c.txt", "Outlet C", D2, mention("c.txt", day=D1, killed=6)),
    ]
    out = resolve(rs, level="incident")
    assert len(out.incidents) == 1
    inc = out.incidents[0]
    assert sorted(s.doc_id for s in inc.sources) == ["a.txt", "b.txt", "c.txt"]
    assert inc.grade == "corroborated"
    assert (inc.fatalities, inc.fatalities_low, inc.fatalities_high) == (6, 6, 7)


def test_document_level_never_merges_across_documents():
    rs = [result("a.txt", "A", D2, mention("a.txt", day=D1)), result("b.txt", "B", D2, mention("b.txt", day=D1))]
    assert len(resolve(rs, level="document").incidents) == 2


def test_neighbouring_towns_on_one_day_stay_apart():
    rs = [result("a.txt", "A", D2, mention("a.txt", day=D1)), result("b.txt", "B", D2, mention("b.txt", day=D1, place=TOWN_B))]
    assert len(resolve(rs, level="incident").incidents) == 2


def test_one_town_on_two_days_stays_apart():
    rs = [result("a.txt", "A", D2, mention("a.txt", day=D1)), result("b.txt", "B", D2, mention("b.txt", day=D2))]
    assert len(resolve(rs, level="incident").incidents) == 2


def test_never_merged_across_years():
    old = date(2020, 12, 1)
    rs = [result("a.txt", "A", D2, mention("a.txt", day=D1)), result("b.txt", "B", old, mention("b.txt", day=old))]
    out = resolve(rs, level="incident")
    assert len(out.incidents) == 2


def test_conflicting_counts_are_contested_and_a_contradiction():
    rs = [
        result("a.txt", "A", D2, mention("a.txt", day=D1, killed=3)),
        result("b.txt", "B", D2, mention("b.txt", day=D1, killed=30)),
    ]
    out = resolve(rs, level="incident")
    assert len(out.incidents) == 1
    assert out.incidents[0].grade == "contested"
    assert out.incidents[0].fatalities == 3  # ACLED: the most conservative figure
    assert any("fatalities" in c.subject for c in out.contradictions)


def test_two_outlets_relaying_one_claimant_are_one_source():
    rs = [
        result("a.txt", "A", D2, mention("a.txt", day=D1, claim="SANA")),
        result("b.txt", "B", D2, mention("b.txt", day=D1, claim="SANA")),
    ]
    out = resolve(rs, level="incident")
    assert out.incidents[0].grade == "single source"


def test_different_perpetrators_for_one_strike_are_contested():
    rs = [result("a.txt", "A", D2, mention("a.txt", day=D1)), result("b.txt", "B", D2, mention("b.txt", day=D1, actor=RUS))]
    out = resolve(rs, level="incident")
    assert len(out.incidents) == 1
    assert out.incidents[0].grade == "contested"


def test_different_perpetrators_on_vague_dates_stay_apart():
    m1, m2 = mention("a.txt", day=D1), mention("b.txt", day=D1, actor=RUS)
    m2.date = DateRange(D1, date(2024, 11, 28), D2, 2)
    rs = [result("a.txt", "A", D2, m1), result("b.txt", "B", D2, m2)]
    assert len(resolve(rs, level="incident").incidents) == 2


def test_growing_series_is_not_a_contradiction():
    def agg(doc, value, end):
        return Aggregate(doc, "displaced", value, None, "Idleb", date(2024, 11, 27), end, "OCHA", "s", 0, 1)

    rs = [
        result("a.txt", "A", D2, aggregates=[agg("a.txt", 14000, date(2024, 11, 29))]),
        result("b.txt", "B", D2, aggregates=[agg("b.txt", 48500, date(2024, 11, 30))]),
    ]
    out = resolve(rs, level="incident")
    assert out.contradictions == []
    assert len(out.aggregates) == 2


def test_ids_are_deterministic_and_stable_when_documents_are_added():
    base = [result("a.txt", "A", D2, mention("a.txt", day=D1))]
    first = resolve(base, level="incident").incidents[0].incident_id
    again = resolve(base, level="incident").incidents[0].incident_id
    more = resolve(base + [result("b.txt", "B", D2, mention("b.txt", day=D1))], level="incident")
    assert first == again
    assert [i.incident_id for i in more.incidents] == [first]


def test_acled_aggregation_merges_same_sides_place_and_day_into_the_higher_type():
    strike = mention("a.txt", day=D1, sub="Air/drone strike", start=0)
    clash = mention("a.txt", day=D1, sub="Armed clash", start=40)
    clash.actor2 = ActorMention(Span(0, 0, ""), RUS, "troops")
    strike.actor2 = ActorMention(Span(0, 0, ""), RUS, "troops")
    rs = [result("a.txt", "A", D2, strike, clash)]
    assert len(resolve(rs, level="incident").incidents) == 2
    merged = resolve(rs, level="incident", acled_aggregation=True).incidents
    assert len(merged) == 1
    assert (merged[0].event_type, merged[0].sub_event_type) == ("Battles", "Armed clash")
    assert len(merged[0].sources) == 2


def test_acled_aggregation_keeps_other_days_apart():
    rs = [result("a.txt", "A", D2, mention("a.txt", day=D1), mention("a.txt", day=D2, start=50, sub="Armed clash"))]
    assert len(resolve(rs, level="incident", acled_aggregation=True).incidents) == 2


def test_aggregates_of_one_area_and_claimant_form_a_dated_series():
    def agg(doc, value, end):
        return Aggregate(doc, "displaced", value, None, "Idleb", date(2024, 11, 27), end, "OCHA", "s", 0, 1)

    rs = [
        result("b.txt", "B", D2, aggregates=[agg("b.txt", 48500, date(2024, 11, 30))]),
        result("a.txt", "A", D2, aggregates=[agg("a.txt", 14000, date(2024, 11, 29))]),
    ]
    series = resolve(rs, level="incident").series
    assert len(series) == 1
    assert [p.value_low for p in series[0].points] == [14000, 48500]
