"""The sub-event classifier follows ACLED's hierarchy and actor-based distinctions."""

import pytest

from sitrep.extract.classify import ClauseFacts, classify


def facts(*families, families_words=None, **kw):
    words = {f: [f] for f in families}
    words.update(families_words or {})
    return ClauseFacts(families=words, **kw)


@pytest.mark.parametrize(
    ("families", "kw", "expected"),
    [
        (("air",), {}, "Air/drone strike"),
        (("air", "shelling"), {}, "Air/drone strike"),
        (("suicide", "ied"), {}, "Suicide bomb"),
        (("chemical", "air"), {}, "Chemical weapon"),
        (("shelling", "clash"), {}, "Armed clash"),
        (("ied",), {}, "Remote explosive/landmine/IED"),
        (("grenade",), {}, "Grenade"),
        (("disrupted", "ied"), {}, "Disrupted weapons use"),
        (("capture",), {"territorial_object": True, "actor1_kind": "rebel"}, "Non-state actor overtakes territory"),
        (("capture",), {"territorial_object": True, "actor1_kind": "state"}, "Government regains territory"),
        (("recapture",), {"territorial_object": True}, "Government regains territory"),
        (("capture", "clash"), {"territorial_object": True, "actor1_kind": "rebel"}, "Non-state actor overtakes territory"),
        (("capture",), {"territorial_object": False}, None),
        (("kill",), {"victims_civilian": True, "actor1_kind": "rebel"}, "Attack"),
        (("kill",), {"victims_armed": True, "actor1_kind": "rebel"}, "Armed clash"),
        (("kill",), {"crowd_actor": True}, "Mob violence"),
        (("abduct",), {}, "Abduction/forced disappearance"),
        (("sexual", "kill"), {}, "Sexual violence"),
        (("arrest",), {"actor1_kind": "state"}, "Arrests"),
        (("arrest",), {"actor1_kind": "rebel"}, "Abduction/forced disappearance"),
        (("protest",), {}, "Peaceful protest"),
        (("protest", "intervention"), {}, "Protest with intervention"),
        (("protest", "riot"), {}, "Violent demonstration"),
        (("mob",), {}, "Mob violence"),
        (("protest", "excessive"), {}, "Excessive force against protesters"),
        (("agreement",), {}, "Agreement"),
        (("change",), {}, "Change to group/activity"),
        (("hq",), {}, "Headquarters or base established"),
        (("looting",), {}, "Looting/property destruction"),
        (("transfer", "capture"), {"territorial_object": True}, "Non-violent transfer of territory"),
        (("displacement",), {}, "Other"),
        ((), {}, None),
        # violence: named civilian victims beat an armed second actor; an armed target makes a clash
        (("kill",), {"victims_civilian": True, "actor2_kind": "state"}, "Attack"),
        (("kill",), {"victims_civilian": True, "victims_armed": True, "actor2_kind": "state"}, "Armed clash"),
        (("kill", "assault"), {"families_words": {"assault": ["attacks mandera police post"]}}, "Armed clash"),
        (("assault",), {"actor1_kind": "civilians"}, "Attack"),
        # police action against a crowd that is only the object of the verb
        (("intervention",), {"crowd_any": True, "actor1_kind": "state"}, "Protest with intervention"),
        (("intervention",), {"crowd_any": True, "actor1_kind": "state", "actor2_kind": "rioters"}, "Violent demonstration"),
        (("intervention",), {"actor1_kind": "state"}, None),
        (("protest", "intervention", "kill"), {}, "Excessive force against protesters"),
        (("protest", "intervention", "kill", "riot"), {"crowd_actor": True}, "Violent demonstration"),
        # crowds fighting: a riot against the state, a mob among themselves or against people
        (("clash", "riot"), {"crowd_any": True, "actor2_kind": "state"}, "Violent demonstration"),
        (("clash",), {"crowd_any": True, "actor2_kind": "state"}, "Mob violence"),
        (("riot",), {"mutual": True}, "Mob violence"),
        (("riot", "assault"), {"target_civilian": True}, "Mob violence"),
        (("riot", "assault"), {"target_civilian": True, "actor2_kind": "state"}, "Violent demonstration"),
        (("riot", "looting"), {}, "Violent demonstration"),
    ],
)
def test_classify(families, kw, expected):
    assert classify(facts(*families, **kw)) == expected


def test_weak_explosion_word_yields_to_air():
    f = ClauseFacts(families={"ied": ["explosion"], "air": ["airstrike"]})
    assert classify(f) == "Air/drone strike"


def test_weak_aircraft_word_yields_to_shelling():
    f = ClauseFacts(families={"air": ["aircraft"], "shelling": ["shelled"]})
    assert classify(f) == "Shelling/artillery/missile attack"


def test_armed_target_words():
    f = ClauseFacts(families={"assault": ["attacked the army barracks"]})
    assert classify(f) == "Armed clash"
    g = ClauseFacts(families={"assault": ["attacked"]}, target_civilian=True)
    assert classify(g) == "Attack"


@pytest.mark.parametrize(
    ("families", "kw", "expected"),
    [
        # a crowd burning or destroying property is a mob; armed raiders driving off herds attack the herders
        (("looting",), {"mob_subject": True}, "Mob violence"),
        (("looting",), {"mob_subject": True, "armed_nonstate": True}, "Looting/property destruction"),
        (("looting",), {"livestock": True, "armed_nonstate": True}, "Attack"),
        (("looting",), {"livestock": True, "actor1_kind": "identity_militia"}, "Attack"),
        (("looting",), {"livestock": True}, "Looting/property destruction"),
        # an attack with no armed opponent named: on civilians, unless a rebel or state force attacks
        (("assault",), {}, "Attack"),
        (("assault",), {"actor1_kind": "identity_militia"}, "Attack"),
        (("assault",), {"actor1_kind": "rebel"}, "Armed clash"),
        (("assault",), {"actor1_kind": "state"}, "Armed clash"),
        # dispersing people implies a gathering; tear gas alone does not
        (("intervention",), {"actor1_kind": "state", "families_words": {"intervention": ["disperse"]}}, "Protest with intervention"),
        (("intervention",), {"actor1_kind": "state", "families_words": {"intervention": ["tear gas"]}}, None),
    ],
)
def test_classify_kenya_rules(families, kw, expected):
    assert classify(facts(*families, **kw)) == expected


def test_suspect_named_with_police_acting_is_no_mob():
    police = ClauseFacts(families={"kill": ["shot dead"], "mob": ["suspected robbers"]}, actor1_kind="state")
    assert classify(police) == "Attack"
    crowd = ClauseFacts(families={"kill": ["lynched"], "mob": ["suspected robbers"]})
    assert classify(crowd) == "Mob violence"
    mob = ClauseFacts(families={"kill": ["killed"], "mob": ["a mob"]}, actor1_kind="state")
    assert classify(mob) == "Mob violence"
