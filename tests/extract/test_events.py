"""End to end: short invented conflict notes → the ACLED sub-event type the assembler gives them."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.extract.events import _inside_word, _without_grievances
from sitrep.extract.triggers import TriggerLexicon
from sitrep.model import Article, Span


@pytest.fixture(scope="module")
def engine():
    """One default Engine for the module."""
    from sitrep.pipeline import Engine

    return Engine()


def sub_types(engine, text: str, published: date = date(2016, 5, 20)) -> list[str]:
    """Sub-event types of the mentions of one note, in text order."""
    result = engine.process(Article(doc_id="t", text=text, published=published))
    return [m.sub_event_type for m in sorted(result.mentions, key=lambda m: m.trigger.start)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # grievances are what a crowd protests about, not what it does
        ("Traders in Kisumu held a demonstration after a hawker was killed by a lorry.", "Peaceful protest"),
        ("Nurses in Nakuru protested over the murder of a colleague.", "Peaceful protest"),
        ("Following the shooting of a boda boda rider, residents of Kitale protested.", "Peaceful protest"),
        ("Youths in Nyeri rioted in response to the killing of a shopkeeper.", "Violent demonstration"),
        # a later sentence about the same protest raises it
        ("Teachers protested in Kisumu over late pay. Police fired tear gas.", "Protest with intervention"),
        ("Students protested in Eldoret over fees. They lit bonfires and blocked roads.", "Violent demonstration"),
        ("Traders gathered in Nakuru to protest new levies. Police intervened in the demonstration, killing one.",
         "Excessive force against protesters"),
        # police action against a crowd named after the verb
        ("Police lobbed tear gas to disperse hundreds of party supporters in Kisumu.", "Protest with intervention"),
        ("Police fired in the air to disperse a rowdy crowd in Nakuru.", "Violent demonstration"),
        # crowds: against the state a riot, against people a mob
        ("Stone-throwing youths battle police in Eldoret.", "Violent demonstration"),
        ("Rioting youths attack traders in Kisumu market.", "Mob violence"),
        ("Rival groups of students in Nyeri rioted and threw stones at each other.", "Mob violence"),
        ("A vigilante group lynches a suspected cattle thief in Kitale.", "Mob violence"),
        # armed sides and civilian victims
        ("Police engage cattle raiders in a gunfight near Kitale.", "Armed clash"),
        ("Two killed when gunmen attack a police post in Garissa.", "Armed clash"),
        ("Gunmen shot dead a village elder who had sheltered militiamen near Garissa.", "Attack"),
        ("Unknown men attacked a local official in Nakuru, killing two people.", "Attack"),
        ("Journalist attacked by unknown men in Nakuru.", "Attack"),
        ("Police open fire on youths gathering for a meeting in Nakuru.", "Attack"),
        # a fresh report in the present perfect with a place of its own
        ("Three people have been killed in a bandit attack in Garissa town.", "Attack"),
        # road blocks, stoning, burning dormitories: the protest is a riot
        ("Boda boda riders blocked the Kisumu-Busia highway in Kisumu to protest over levies.", "Violent demonstration"),
        ("College students in Nyeri stoned cars on the main road over a fees increase.", "Violent demonstration"),
        ("Pupils of a boarding school in Kitale burn their dormitory in protest over a transfer.", "Violent demonstration"),
        ("Violent student protests in Eldoret over exam results.", "Violent demonstration"),
        # what a protest verb takes as its object is the grievance, not the crowd's act
        ("Traders in Nakuru protested the killing of a hawker.", "Peaceful protest"),
        ("Nurses in Kisumu protest a stabbing of a colleague.", "Peaceful protest"),
        # a crowd destroying property is a mob; armed raiders driving off herds attack the herders
        ("Villagers in Kitale torched the houses of a man suspected of theft.", "Mob violence"),
        ("Armed bandits raided a village near Marsabit and stole 200 goats.", "Attack"),
        # police killing a suspect are no mob
        ("Police shot dead a suspected robber in Nakuru.", "Attack"),
        # an attack with no armed opponent named is an attack on civilians
        ("Unknown assailants attacked Kolowa village in Baringo overnight.", "Attack"),
        ("Raiders attacked a farm near Kitale at night.", "Attack"),
        # dispersing people implies a gathering
        ("Officers in Nakuru dispersed a gathering of matatu owners outside the county offices.", "Protest with intervention"),
    ],
)
def test_note_sub_event_type(engine, text, expected):
    assert expected in sub_types(engine, text), sub_types(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Police officers didn't intervene in the demonstration in Nakuru.",
    ],
)
def test_negated_intervention_is_not_an_intervention(engine, text):
    assert "Protest with intervention" not in sub_types(engine, text)


def test_word_cut_by_window_is_not_a_negation(engine):
    # "no" inside a name just before the verb must not negate it
    assert sub_types(engine, "Fans of Bruno gathered and protested outside the court in Nakuru.") == ["Peaceful protest"]


def test_word_cut_by_window_is_not_a_prior_marker(engine):
    # "old" inside "hold" must not make the demonstration a past event
    assert sub_types(engine, "Hundreds of drivers hold a demonstration outside City Hall in Nairobi.") == ["Peaceful protest"]


def test_month_inside_a_place_name_is_not_a_date(engine):
    # "Mar" of "Marsabit" is no date (it made the event look like history)
    assert sub_types(engine, "Bandits killed two herders in Marsabit.", date(2017, 7, 26)) == ["Attack"]


def test_armed_pro_government_militia_victims_make_a_clash(engine):
    text = "On 3 May 2020, Taliban militants ambushed a group of Arbakis in Nahrin district, Baghlan, killing three."
    assert sub_types(engine, text, date(2020, 5, 3)) == ["Armed clash"]


def test_coded_fatalities_apply_to_every_event_of_the_note(engine):
    text = (
        "On 3 May 2020, 2 soldiers were killed following an attack by Taliban militants in Nahrin district, Baghlan. "
        "3 others were killed following another attack in Nahrin district. Fatalities coded as 0."
    )
    result = engine.process(Article(doc_id="t", text=text, published=date(2020, 5, 3)))
    assert result.mentions
    assert all(m.fatalities is not None and m.fatalities.best == 0 for m in result.mentions)


def test_inside_word():
    text = "clashes in Marsabit on 3 Mar"
    i = text.index("Mar")
    assert _inside_word(text, Span(i, i + 3, "Mar"))
    j = text.rindex("Mar")
    assert not _inside_word(text, Span(j, j + 3, "Mar"))
    assert not _inside_word(text, None)


def test_grievance_cues_are_dropped_but_acts_are_kept():
    lex = TriggerLexicon.default()
    text = "Students protested over the killing of a classmate and torched a bus."
    kept = {c.span.text for c in _without_grievances(text, 0, lex.find(text))}
    assert "killing" not in kept
    assert "torched" in kept


def test_a_violent_crowd_is_coded_as_rioters(engine):
    result = engine.process(Article(doc_id="t", text="Protesters blocked the Nakuru-Eldoret highway at Salgaa over a land dispute.",
                                    published=date(2016, 5, 20)))
    riots = [m for m in result.mentions if m.event_type == "Riots"]
    assert riots and riots[0].actor1 is not None and riots[0].actor1.actor.name.startswith("Rioters")


def test_an_attack_in_that_area_takes_the_type_of_the_event_just_reported(engine):
    text = (
        "Rebels attacked army positions near Kismayo on Monday, a militia source said. "
        "The state broadcaster made no mention of an attack in that area."
    )
    assert sub_types(engine, text) == ["Armed clash", "Armed clash"]
