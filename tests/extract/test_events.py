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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # grievances: nouns joined by "and" stay the grievance; an object without a determiner too
        ("Shopkeepers in Arusha demonstrated over burglaries and livestock theft.", ["Peaceful protest"]),
        ("A large crowd in Lagos protested army raids on two newspapers.", ["Peaceful protest"]),
        ("Market women in Maiduguri rallied against the latest insurgent attack on a bus station.", ["Peaceful protest"]),
        ("Students protested over fees and looted shops in Nakuru.", ["Violent demonstration"]),
        # a violence word before the protest word, after a cause phrase, or in the pluperfect
        ("In Mombasa, following the death of a pupil hit by a bus, parents protested at the school.", ["Peaceful protest"]),
        ("Nurses marched in Kano to demand answers over a colleague who had been kidnapped and murdered.", ["Peaceful protest"]),
        # negated violence is no violence
        ("Teachers rallied peacefully in Jinja; there were no reports of clashes.", ["Peaceful protest"]),
        ("Supporters marched through Kisumu; the march was devoid of running battles.", ["Peaceful protest"]),
        ("Late on 18 May (time not confirmed) fighting broke out in Gedo between two clan militias.", ["Armed clash"]),
        # force against a crowd that was not violent
        ("Two demonstrators were wounded by police during a fuel-price protest in Gulu.",
         ["Excessive force against protesters"]),
        ("Wardens opened fire during a violent protest in Kisii, wounding four.", ["Violent demonstration"]),
        # the same crowd turning violent in the next sentence makes the protest a riot
        ("Dock workers demonstrated at the port gates in Tema. A few of them then assaulted a manager.",
         ["Violent demonstration"]),
        # a killing later named "the clash" was a battle
        ("Seven people were killed in Moyale. The clash was over grazing land.", ["Armed clash"]),
        # passive agents a few words away; hedged active verbs
        ("A herder was late on Monday shot dead near Lodwar by suspected raiders.", ["Attack"]),
        ("On 4 June 2016, soldiers allegedly shot dead four youth at a market in Juba.", ["Attack"]),
        ("Police killed two armed men in a shootout in Thika.", ["Armed clash"]),
        ("A suspected goat thief was beaten to death by residents of Siaya.", ["Mob violence"]),
        ("Soldiers shot three men whom they described as suspected robbers near Bunia.", ["Attack"]),
        # seizing arms during a fight is part of the fight
        ("Troops killed five insurgents in a firefight near Diffa and recovered rifles.", ["Armed clash"]),
        ("Customs officers seize explosives hidden in a truck at Busia.", ["Disrupted weapons use"]),
        # present-tense and other verb forms
        ("Militants detonate a device outside a hotel in Mogadishu and injure nine guests.", ["Remote explosive/landmine/IED"]),
        ("Bandits gun down three soldiers at a checkpoint near Zamfara.", ["Armed clash"]),
        ("Angry hawkers burnt down two warehouses in Kumasi after their stalls were demolished.", ["Mob violence"]),
        ("Hundreds of workers poured into the streets of Kampala over unpaid wages.", ["Peaceful protest"]),
        ("A march against land grabbing was staged in Dodoma.", ["Peaceful protest"]),
        ("Coffee growers gathered outside the mill in Mbale demanding higher prices.", ["Peaceful protest"]),
        ("A herdsman dies in a clan war over pasture near Dolo.", ["Armed clash"]),
        ("The army engaged insurgents near Mopti.", ["Armed clash"]),
        ("Kidnappers are holding hostages in a school in Katsina.", ["Abduction/forced disappearance"]),
        ("Soldiers flogged traders at a checkpoint in Maiduguri.", ["Attack"]),
    ],
)
def test_crowd_and_violence_rules(engine, text, expected):
    assert sub_types(engine, text) == expected


def test_the_month_may_is_not_a_modal(engine):
    text = "Nurses who lost their jobs in May held a sit-in at the hospital in Jinja."
    assert sub_types(engine, text, date(2016, 6, 20)) == ["Peaceful protest"]


def test_a_recent_running_period_does_not_make_the_event_history(engine):
    text = "Bank clerks demonstrated in Accra over wages unpaid since May."
    assert sub_types(engine, text, date(2017, 7, 4)) == ["Peaceful protest"]


def test_an_attributive_year_does_not_date_the_event(engine):
    text = "Gunmen shot dead a candidate of the 2015 local elections in Kaduna."
    assert sub_types(engine, text, date(2018, 4, 3)) == ["Attack"]


def test_a_long_running_period_still_dates_history(engine):
    text = "Since 2016, when the army recaptured the city, this is the first time rebels have entered it."
    assert "Government regains territory" not in sub_types(engine, text, date(2024, 12, 1))


def test_a_small_present_perfect_toll_is_an_event_but_a_large_one_a_running_total(engine):
    assert sub_types(engine, "One herder has been killed by bandits.") == ["Attack"]
    assert sub_types(engine, "Forty people have been killed by bandits.") == []


def test_a_death_toll_alone_is_not_a_period_total(engine):
    result = engine.process(Article(doc_id="t", text="Three killed in clan clashes near Wajir; the death toll is an estimate.",
                                    published=date(2016, 5, 20)))
    assert [m.sub_event_type for m in result.mentions] == ["Armed clash"]
    assert not result.aggregates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a killing outranks the abduction or the arrest it came with (ACLED's hierarchy)
        ("A shopkeeper was abducted and later murdered by gunmen near Kidal.", ["Attack"]),
        ("A priest kidnapped in Enugu was found dead two days later.", ["Attack"]),
        ("Soldiers detained and tortured a fisherman in Kisumu.", ["Attack"]),
        ("Police arrested two men in Kitui.", ["Arrests"]),
        ("Gunmen abducted two engineers in Mandera.", ["Abduction/forced disappearance"]),
        # an actor inside a relative clause after the victim is no side; off-duty police are civilians
        ("Assailants shot a preacher who had praised the rebels in Bukavu.", ["Attack"]),
        ("An off-duty police officer was stabbed to death by robbers in Dar es Salaam.", ["Attack"]),
        # "by V-ing" names the act, not the grievance
        ("Traders in Kumasi protested against new levies by burning the market office.", ["Violent demonstration"]),
    ],
)
def test_hierarchy_and_victims(engine, text, expected):
    assert sub_types(engine, text) == expected


def test_a_home_town_is_not_the_event_place(engine):
    text = "A man from Kitui died under torture in a prison in Machakos."
    result = engine.process(Article(doc_id="t", text=text, published=date(2016, 5, 20)))
    assert [m.place.span.text for m in result.mentions if m.place] == ["Machakos"]


def test_a_road_named_after_two_towns_is_one_event_at_the_first(engine):
    text = "Two soldiers were found dead on the Garissa - Dadaab road."
    result = engine.process(Article(doc_id="t", text=text, published=date(2016, 5, 20)))
    assert [m.place.span.text for m in result.mentions if m.place] == ["Garissa"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # crowds acting, named before the verb or as the passive agent
        ("A tax collector was beaten by traders at the market in Jinja.", ["Mob violence"]),
        ("A man accused of theft is killed by vigilantes in Mwanza.", ["Mob violence"]),
        ("Angry voters in Embu beat up a clerk they suspected of rigging.", ["Mob violence"]),
        # partisan crowds and police facing a riot
        ("Supporters of the ruling party barricaded the main road in Kisii.", ["Violent demonstration"]),
        ("Riots broke out in Eldoret and were quelled by the police.", ["Violent demonstration"]),
        ("Police battle rowdy party supporters in Nakuru.", ["Mob violence"]),
        # a word about the person, not the event: "former", an accusation, an adjective of the grievance
        ("Former senator assaulted by rival supporters in Nyeri.", ["Attack"]),
        ("An elderly couple accused of sorcery were lynched near Kisii.", ["Mob violence"]),
        ("Residents of Tororo demonstrate over frequent power cuts.", ["Peaceful protest"]),
        ("Internally displaced families protested in Goma demanding food aid.", ["Peaceful protest"]),
    ],
)
def test_crowds_and_modifiers(engine, text, expected):
    assert sub_types(engine, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an attempt to storm is already a riot; disrupting or invading a rally too
        ("Police used tear gas on party supporters who tried to storm the district offices in Lira.", ["Violent demonstration"]),
        ("Youths disrupted an opposition rally in Mbarara.", ["Violent demonstration"]),
        ("A group of men invaded a campaign rally in Tamale.", ["Violent demonstration"]),
        ("Rowdy youths blocked the gate of a polling centre in Kisumu.", ["Violent demonstration"]),
        ("Police detained 12 men who were planning to disrupt a rally in Jinja.", ["Arrests"]),
    ],
)
def test_attempts_and_disruptions(engine, text, expected):
    assert sub_types(engine, text) == expected
