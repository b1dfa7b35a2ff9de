"""Choosing ONE ACLED sub-event type for a clause from the cue families it holds and the actors in it.

The rules follow ACLED's codebook: remote weapons name their own sub-event type unless ground fighting
is reported in the same clause (then Battles wins, higher in the hierarchy); territory changes beat
armed clashes; violence is an Attack on civilians when the victims are civilians and a clash when
both sides are armed; crowds are Riots, their targets decide Mob violence; protests are peaceful
unless force is used against them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

REMOTE_ORDER = ("chemical", "suicide", "air", "shelling", "ied", "grenade")
"""Remote-violence families in ACLED's order (earlier wins when several are named)."""

WEAK_IED = frozenset({"explosion", "explosions", "exploded", "explodes", "exploding", "blast", "blasts",
                      "detonated", "detonation", "detonate", "detonates", "detonating", "bomb", "a bomb", "an bomb"})
"""IED-family words that only say something blew up: they yield to any other remote weapon."""

WEAK_AIR = frozenset({"aircraft", "jets", "bombers", "drones", "air force"})

PASSIVE_TAKEN = re.compile(r"^(?:were|was) taken$")
REPELLED = re.compile(r"repel|repuls|thwart|beat back|pushed back")
LOSS = re.compile(r"\b(?:cost|lost|lose|loses|fell|fallen|falls)\b")

ARMED_TARGET = re.compile(
    r"\b(?:positions?|posts?|checkpoints?|bases?|outposts?|convoys?|barracks|troops|soldiers|forces|fighters|militants|police stations?)$"
)
"""An attack phrase that ends on a military or police target ("attacked a police post")."""

ARMED_KINDS = frozenset({"state", "rebel", "political_militia", "identity_militia", "external"})
NONSTATE_ARMED = frozenset({"rebel", "political_militia", "identity_militia"})


@dataclass(slots=True)
class ClauseFacts:
    """What the classifier needs to know about one clause."""

    families: dict[str, list[str]]  # family -> matched surface words (lower case)
    actor1_kind: str | None = None
    actor2_kind: str | None = None
    victims_civilian: bool = False
    victims_armed: bool = False
    territorial_object: bool = False  # a place or a military site follows a capture verb
    crowd_actor: bool = False  # protesters / rioters / youths / supporters act (before the verb)
    crowd_any: bool = False  # such a crowd is on either side
    armed_nonstate: bool = False  # a rebel group, militia, gang or raiders is named
    mob_subject: bool = False  # residents, villagers, students, a crowd act (not youths or gangs)
    target_civilian: bool = False  # the thing attacked is people or civilian property (a village, a bus)
    armed_named: bool = False  # an armed actor (state, rebel, militia, gunmen) is named in the clause
    mutual: bool = False  # the sides fight "each other" / "one another"
    livestock: bool = False  # cattle, goats, camels ... are named (raids on herds)
    state_force: bool = False  # "shot/injured/killed by police": state forces are the agent of violence


DEATH_WORDS = re.compile(r"kill|dead|death|murder|behead|execut|slaughter|massacr|assassinat|bod(?:y|ies)|lynch")
TORTURE_WORDS = re.compile(r"tortur|beat|flogg|assault")


def _killed(f: ClauseFacts) -> bool:
    """The clause's violence words say someone died."""
    return any(DEATH_WORDS.search(w) for w in f.families.get("kill", []))


def _tortured(f: ClauseFacts) -> bool:
    """The clause's violence words say someone was tortured or beaten."""
    return any(TORTURE_WORDS.search(w) for w in f.families.get("kill", []))


def _has(f: ClauseFacts, *families: str) -> bool:
    return any(fam in f.families for fam in families)


def remote_family(f: ClauseFacts) -> str | None:
    """The remote-violence family the clause names, with weak IED/air words yielding to strong ones."""
    named = [fam for fam in REMOTE_ORDER if fam in f.families]
    strong = [
        fam
        for fam in named
        if not (fam == "ied" and all(w in WEAK_IED for w in f.families["ied"]))
        and not (fam == "air" and all(w in WEAK_AIR for w in f.families["air"]))
    ]
    if strong:
        # a car bomb driven by a suicide attacker is a suicide bomb; air beats shelling (missiles from jets)
        return strong[0]
    return named[0] if named else None


WEAK_MOB = re.compile(r"^(?:suspected|alleged) ")
"""Mob words that only name a suspect ("a suspected thief"): a crowd's victim, or a police target."""


CROWD_RIOT = re.compile(r"riot|unrest|running battles|violent (?:protest|demonstrat)|ston|pelt|bonfire|barricad|tyres|tires")
"""Riot words that only a crowd does (not "blockaded", which armies do too)."""


def _partisan_crowd(f: ClauseFacts) -> bool:
    """"the governor's supporters put up barricades": a party's or community's crowd rioting, no armed men named."""
    return f.actor1_kind in ("political_militia", "identity_militia") and f.crowd_any and not f.armed_nonstate and _crowd_riot(f)


def _state_meets_riot(f: ClauseFacts) -> bool:
    """"riots that the police put down": the force is the other side of a riot."""
    return f.actor1_kind == "state" and _crowd_riot(f)


def _crowd_riot(f: ClauseFacts) -> bool:
    return any(CROWD_RIOT.search(w) for w in f.families.get("riot", []))


def _state_acts(f: ClauseFacts) -> bool:
    """Police or soldiers are the ones acting: suspects they kill and residents who complain are no mob."""
    return f.actor1_kind in ("state", "external")


def _without_weak_mob(f: ClauseFacts) -> ClauseFacts:
    """"Police shot dead a suspected robber": with state forces acting, a suspect named is no sign of a mob."""
    words = f.families.get("mob")
    if not words or not _state_acts(f) or not all(WEAK_MOB.match(w) for w in words):
        return f
    families = {k: v for k, v in f.families.items() if k != "mob"}
    return replace(f, families=families, mob_subject=False)


def classify(f: ClauseFacts) -> str | None:
    """ACLED sub-event type for the clause, or None when the clause reports no event."""
    f = _without_weak_mob(f)
    protest_like = _has(f, "protest", "mob", "intervention", "excessive") or (
        _has(f, "riot") and (f.actor1_kind not in ARMED_KINDS or _partisan_crowd(f) or _state_meets_riot(f))
    )
    if _has(f, "clash") and f.crowd_any and not f.armed_nonstate and not _has(f, "protest"):
        if _has(f, "riot") and "state" in (f.actor1_kind, f.actor2_kind):
            return "Violent demonstration"  # "stone-throwing youths battle police": a riot against the state
        return "Mob violence"  # "rival youths clash", "mourners clashed with police": crowds fighting
    if protest_like:
        sub = _crowd_event(f)
        if sub:
            return sub
    if _has(f, "disrupted") and not (_seizure_only(f) and _has(f, "kill", "clash", "assault")):
        return "Disrupted weapons use"  # but "troops killed five insurgents and took their rifles" is the fight
    if _has(f, "transfer"):
        return "Non-violent transfer of territory"
    if _has(f, "capture", "recapture") and f.territorial_object and not _weak_entry(f):
        if any(REPELLED.search(w) for w in f.families.get("clash", [])) and any(
            PASSIVE_TAKEN.search(w) for w in f.families.get("capture", [])
        ):
            return "Armed clash"  # "repelled" versus "were taken": the outcome is disputed, the fighting is not
        return _territory(f)
    remote = remote_family(f)
    if remote == "chemical":
        return "Chemical weapon"
    if remote == "suicide":
        return "Suicide bomb"
    if remote and _has(f, "clash"):
        return "Armed clash"
    if remote:
        return {
            "air": "Air/drone strike",
            "shelling": "Shelling/artillery/missile attack",
            "ied": "Remote explosive/landmine/IED",
            "grenade": "Grenade",
        }[remote]
    if _has(f, "sexual"):
        return "Sexual violence"
    if _has(f, "abduct"):
        # combatants seized by armed men are a battle, not violence against civilians
        if f.victims_armed or (f.actor2_kind in ARMED_KINDS and f.actor1_kind in ARMED_KINDS):
            return "Armed clash"
        if _killed(f):
            return "Attack"  # "seized and then murdered": the killing is the graver event (ACLED)
        return "Abduction/forced disappearance"
    if _has(f, "arrest") and not (_killed(f) or _tortured(f)):
        if f.actor1_kind in (None, "state", "external"):
            return "Arrests"
        return "Abduction/forced disappearance"
    if _has(f, "clash"):
        return "Armed clash"  # civilians killed in a battle add to its fatalities (ACLED)
    if _has(f, "kill", "assault"):
        return _violence(f)
    if _has(f, "looting"):
        return _property_event(f)
    if _has(f, "agreement"):
        return "Agreement"
    if _has(f, "hq"):
        return "Headquarters or base established"
    if _has(f, "change"):
        return "Change to group/activity"
    if _has(f, "displacement"):
        return "Other"
    return None


WEAK_ENTRY = re.compile(r"^(?:entered|advanced (?:into|on)|occupied|in the hands of|under (?:\w+ )*control)$")


SEIZURE = re.compile(r"^(?:seiz|recover|f(?:ou)?nd|discover|uncover)")


def _seizure_only(f: ClauseFacts) -> bool:
    """The disrupted-weapons words only say that arms were found or seized."""
    return all(SEIZURE.match(w) for w in f.families.get("disrupted", []))


def _weak_entry(f: ClauseFacts) -> bool:
    """"a Turkish column entered Idleb": entering is taking ground only for non-state fighters."""
    words = f.families.get("capture", []) + f.families.get("recapture", [])
    return all(WEAK_ENTRY.match(w) for w in words) and f.actor1_kind in ("state", "external")


def _territory(f: ClauseFacts) -> str:
    """Who took the ground decides: state forces regain it, anyone else overtakes it.
    "cost the regime control", "fell to": the named side lost it."""
    if any(LOSS.search(w) for w in f.families.get("capture", [])):
        return "Non-state actor overtakes territory" if f.actor1_kind in (None, "state", "external") else "Government regains territory"
    if f.actor1_kind in ("state", "external"):
        return "Government regains territory"
    if f.actor1_kind is None and _has(f, "recapture"):
        return "Government regains territory"
    return "Non-state actor overtakes territory"


def _crowd_event(f: ClauseFacts) -> str | None:
    violent_crowd = _has(f, "riot", "looting")
    if not violent_crowd and (
        _has(f, "excessive") or (_has(f, "protest") and _has(f, "kill") and (f.actor1_kind == "state" or f.state_force))
    ):
        return "Excessive force against protesters"  # force against a crowd that was not itself violent
    if _has(f, "protest") and _has(f, "intervention") and _has(f, "kill") and not _has(f, "riot", "looting", "clash"):
        return "Excessive force against protesters"  # "police intervened in the demonstration, killing one"
    if _has(f, "protest") and _has(f, "clash"):
        return "Violent demonstration"  # protesters fighting the police: a riot
    if _has(f, "protest") and (_has(f, "looting") or (_has(f, "kill", "assault") and f.crowd_actor)):
        return "Violent demonstration"  # protesters burning, destroying or beating: a riot
    if _has(f, "mob") and not _has(f, "protest"):
        return "Mob violence"
    if _has(f, "riot"):
        if not _has(f, "protest") and _crowd_hits_civilians(f):
            return "Mob violence"  # rioters burning kiosks or beating voters: no demonstration, a mob
        return "Violent demonstration"
    if _has(f, "mob"):
        return "Mob violence"
    if _has(f, "protest") and _has(f, "intervention", "arrest"):
        return "Protest with intervention"
    if _has(f, "protest"):
        return "Peaceful protest"
    if _has(f, "intervention") and (f.crowd_actor or f.crowd_any or _disperses(f)):
        # "police fired tear gas to disperse supporters": the crowd is the object, not the subject
        return "Violent demonstration" if "rioters" in (f.actor1_kind, f.actor2_kind) else "Protest with intervention"
    return None


def _armed_target(f: ClauseFacts) -> bool:
    """The attack words name an armed target: a post, a base, a convoy, troops."""
    return any(ARMED_TARGET.search(w) for w in f.families.get("assault", []))


def _armed_victims(f: ClauseFacts) -> str:
    """Violence against an armed side: a clash, or mob violence when a crowd fights the police."""
    return "Mob violence" if f.crowd_actor and f.actor2_kind == "state" and not f.armed_nonstate else "Armed clash"


def _crowd_hits_civilians(f: ClauseFacts) -> bool:
    """A crowd beats or attacks people, or each other, rather than facing the authorities."""
    if "state" in (f.actor1_kind, f.actor2_kind):
        return False
    return f.mutual or (_has(f, "kill", "assault") and (f.target_civilian or f.victims_civilian or f.actor2_kind == "civilians"))


def _violence(f: ClauseFacts) -> str | None:
    """Killing/attack words: who was hit decides between an attack on civilians and a clash; a crowd
    that beats or kills is mob violence only when no civilian target is named (ACLED codes a group
    attacking villagers or a journalist as an Attack)."""
    if f.mob_subject and not f.armed_nonstate:
        return "Mob violence"  # residents or villagers beating, burning or killing someone
    if f.victims_armed:
        return _armed_victims(f)
    if f.victims_civilian:
        return "Attack"  # the people killed or hurt are named as civilians, whoever else the clause mentions
    if f.actor2_kind in ARMED_KINDS or _armed_target(f):
        return _armed_victims(f)
    if f.actor2_kind == "civilians" or f.target_civilian:
        return "Attack"
    if f.crowd_actor or f.actor1_kind in ("rioters",):
        return "Mob violence"
    if f.actor1_kind == "civilians" and f.actor2_kind is None:
        return "Attack"  # "Journalist attacked by unknown men": a headline's victim stands first
    if _has(f, "kill"):
        return "Attack"
    if _has(f, "assault") and f.actor1_kind in (None, "political_militia", "identity_militia"):
        return "Attack"  # gangs, raiders or unknown men attack with no armed opponent named: violence against civilians
    if _has(f, "assault") and f.actor1_kind in ARMED_KINDS:
        return "Armed clash"
    return None


def _property_event(f: ClauseFacts) -> str:
    """Burning, destroying or stealing: a crowd doing it is mob violence, armed raiders driving off
    herds attack the herders (ACLED's cattle raids), anyone else loots or destroys property."""
    if f.mob_subject and not f.armed_nonstate:
        return "Mob violence"  # "villagers torched the houses of a suspect"
    if f.livestock and (f.armed_nonstate or f.actor1_kind in NONSTATE_ARMED):
        return "Attack"  # "bandits raided a village and stole 300 goats"
    return "Looting/property destruction"


def _disperses(f: ClauseFacts) -> bool:
    """"Police dispersed hundreds of dock workers": dispersing people implies a gathering."""
    return any(w.startswith("dispers") for w in f.families.get("intervention", []))
