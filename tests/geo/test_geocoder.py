"""Toponym finding and resolution: precision rules, containers, context, unknown names."""

from __future__ import annotations

from sitrep.geo import Geocoder, best_mention
from sitrep.model import Span



def by_text(mentions, span_text: str):
    """The mention whose span reads span_text."""
    hits = [m for m in mentions if m.span.text == span_text]
    assert hits, f"no mention {span_text!r} in {[m.span.text for m in mentions]}"
    return hits[0]


def test_city_versus_governorate(resolve) -> None:
    text = "Jets struck the city of Aleppo at dawn, and shelling went on across Aleppo province."
    ms = resolve(text)
    city, province = [m for m in ms if m.span.text == "Aleppo"]
    assert (city.place.feature, city.geo_precision, city.relation) == ("city", 1, "in")
    assert (province.place.feature, province.geo_precision, province.relation) == ("admin1", 3, "region")
    assert province.place.name == "Aleppo"


def test_northern_countryside_is_precision_2(resolve) -> None:
    m = by_text(resolve("Two drones hit farms in Aleppo's northern countryside on Friday."), "Aleppo")
    assert (m.place.feature, m.relation, m.geo_precision) == ("city", "countryside", 2)


def test_countryside_of_and_rural(resolve) -> None:
    ms = resolve("Artillery pounded the western countryside of Hama and rural Idlib overnight.")
    assert by_text(ms, "Hama").geo_precision == 2
    assert by_text(ms, "Idlib").relation == "countryside"


def test_near_outskirts_and_direction(resolve) -> None:
    ms = resolve("Militants attacked a post near Saraqib, then the outskirts of Maarat al-Numan, "
                 "and finally a hill 5 km south of Ariha in Idlib.")
    for name in ("Saraqib", "Maarat al-Numan", "Ariha"):
        m = by_text(ms, name)
        assert (m.relation, m.geo_precision) == ("near", 2), name
        assert m.place.country_code == "SY" and m.place.admin1 == "Idleb", name


def test_spellings_resolve_to_the_same_town(resolve) -> None:
    a = by_text(resolve("Residents fled Ma'arrat an-Nu'man in Idleb."), "Ma'arrat an-Nu'man")
    b = by_text(resolve("Residents fled Maarrat al-Numan in Idlib."), "Maarrat al-Numan")
    assert a.place.name == b.place.name and a.geo_precision == b.geo_precision == 1
    c = by_text(resolve("Turkish artillery shelled Tall Rif'at in Aleppo."), "Tall Rif'at")
    d = by_text(resolve("Turkish artillery shelled Tal Rifaat in Aleppo."), "Tal Rifaat")
    assert c.place.name == d.place.name and c.place.admin1 == "Aleppo"


def test_lowercase_article_and_bab(resolve) -> None:
    for text, span in (("A car bomb exploded in al-Bab on Sunday.", "al-Bab"),
                       ("A car bomb exploded in Al-Bab, Aleppo, on Sunday.", "Al-Bab")):
        m = by_text(resolve(text), span)
        assert (m.place.name, m.place.feature, m.geo_precision) == ("Al Bab", "city", 1)


def test_container_is_not_reported_but_used(resolve) -> None:
    ms = resolve("Rockets landed in Kafr Takharim in Idlib.")
    assert [m.span.text for m in ms] == ["Kafr Takharim"]
    assert ms[0].place.admin1 == "Idleb"


def test_neighbourhood_and_street_resolve_to_their_city(resolve) -> None:
    m = by_text(resolve("Clashes broke out in the Salah Ad-Deen neighbourhood of Aleppo."), "Salah Ad-Deen")
    assert (m.place.name, m.place.feature, m.geo_precision) == ("Aleppo", "city", 1)
    m = by_text(resolve("A mortar round fell on the Al-Jalaa Street neighborhood in Deir ez-Zor city."), "Al-Jalaa")
    assert (m.place.name, m.place.feature, m.geo_precision) == ("Deir-ez-Zor", "city", 1)
    m = by_text(resolve("A grenade was thrown in the Sheikh Maqsoud district of Aleppo."), "Sheikh Maqsoud")
    assert (m.place.name, m.geo_precision) == ("Aleppo", 1)


def test_neighbourhood_alone_needs_its_city_in_context(resolve) -> None:
    text = "Gunmen opened fire in Salah Ad-Deen on Tuesday."
    assert not [m for m in resolve(text) if m.place is not None and m.place.feature == "city"
                and m.place.name == "Aleppo"]
    ms = resolve(text, context_text="Aleppo saw heavy fighting. " + text)
    assert by_text(ms, "Salah Ad-Deen").place.name == "Aleppo"


def test_unknown_village_falls_back_to_its_governorate(resolve) -> None:
    m = by_text(resolve("Gunmen killed a farmer in the village of Zqarbuniyeh in Idlib."), "Zqarbuniyeh")
    assert (m.place.name, m.place.feature, m.geo_precision, m.relation) == ("Idleb", "admin1", 3, "region")


def test_unknown_village_near_a_town_is_precision_2(resolve) -> None:
    m = by_text(resolve("Shells hit Zqarbuniyeh village near Saraqib in Idlib."), "Zqarbuniyeh")
    assert m.place.feature == "city" and m.geo_precision == 2


def test_unknown_village_without_container_has_no_place(resolve) -> None:
    m = by_text(resolve("Syrian troops shelled the village of Zqarbuniyeh again."), "Zqarbuniyeh")
    assert m.place is None and m.geo_precision == 1


def test_unknown_village_near_a_province_gets_the_province(resolve, gazetteer) -> None:
    m = by_text(resolve("Russian jets struck a bakery near Qarsuniyeh in Idlib province."), "Qarsuniyeh")
    assert not gazetteer.lookup("Qarsuniyeh", country_code="SY")
    assert m.geo_precision >= 2 and m.relation == "near"
    assert m.place is not None and m.place.admin1 == "Idleb"


def test_kenyan_places(resolve) -> None:
    text = ("Police in Kenya dispersed protesters in Nairobi and Kisumu, while bandits attacked a bus near "
            "Mandera. Separately, a blast hit a market in Garissa, and raiders struck a village in Lamu. "
            "In Mombasa traders closed shops, and in Nakuru county residents blocked a road.")
    ms = resolve(text)
    for name in ("Nairobi", "Kisumu", "Garissa", "Lamu", "Mombasa"):
        m = by_text(ms, name)
        assert (m.place.country_code, m.place.feature, m.geo_precision) == ("KE", "city", 1), name
    assert by_text(ms, "Mandera").geo_precision == 2
    nakuru = by_text(ms, "Nakuru")
    assert (nakuru.place.feature, nakuru.place.name, nakuru.geo_precision) == ("admin1", "Nakuru", 3)


def test_afghan_places(resolve) -> None:
    text = ("Taliban fighters attacked a checkpoint in Sherzad district, Nangarhar, clashed with troops in "
            "Kandahar and in Helmand province, and a drone strike hit Kunduz.")
    ms = resolve(text)
    sherzad = by_text(ms, "Sherzad")
    assert (sherzad.place.country_code, sherzad.place.admin1, sherzad.geo_precision) == ("AF", "Nangarhar", 2)
    assert sherzad.relation == "region"
    kandahar = by_text(ms, "Kandahar")
    assert (kandahar.place.feature, kandahar.geo_precision) == ("city", 1)
    helmand = by_text(ms, "Helmand")
    assert (helmand.place.feature, helmand.geo_precision) == ("admin1", 3)
    assert by_text(ms, "Kunduz").place.country_code == "AF"
    assert "Nangarhar" not in [m.span.text for m in ms]  # a container only


def test_nangarhar_alone_is_the_province(resolve) -> None:
    m = by_text(resolve("Clashes were reported in Nangarhar on Monday."), "Nangarhar")
    assert (m.place.feature, m.geo_precision) == ("admin1", 3)


def test_document_country_disambiguates(geocoder: Geocoder) -> None:
    sentence = "Gunfire was heard in Tripoli overnight."
    for background, cc in (("Lebanon's army deployed in the north of Lebanon.", "LB"),
                           ("Libya's rival governments traded accusations in Libya.", "LY")):
        text = background + " " + sentence
        ctx = geocoder.document_context(text)
        assert ctx.country_code == cc
        start = text.index(sentence)
        ms = geocoder.find_places(text, start, len(text), context=ctx)
        assert by_text(ms, "Tripoli").place.country_code == cc


def test_document_context_counts(geocoder: Geocoder) -> None:
    ctx = geocoder.document_context("Fighting in Idlib and Aleppo. Syria's army advanced in Idlib province.")
    assert ctx.country_code == "SY"
    assert ctx.admin1_hint == "Idleb"
    assert ctx.countries["SY"] >= 3


def test_rejected_words(resolve) -> None:
    text = ("On Monday, the Syrian Observatory for Human Rights said Hamza Division fighters and "
            "Jaysh al-Islam members met President Assad in May.")
    assert [m for m in resolve(text) if m.place is not None and m.place.feature != "country"] == []


def test_exclude_spans_and_stopnames(geocoder: Geocoder) -> None:
    text = "Fighters of Saraqib Brigade entered Ariha in Idlib."
    ctx = geocoder.document_context(text)
    start = text.index("Ariha")
    ms = geocoder.find_places(text, 0, len(text), context=ctx, exclude_spans=[Span(start, start + 5, "Ariha")])
    assert "Ariha" not in [m.span.text for m in ms]
    custom = Geocoder(geocoder.gazetteer)
    custom.stopnames.add("ariha")
    assert "Ariha" not in [m.span.text for m in custom.find_places(text, 0, len(text), context=ctx)]


def test_person_names_after_titles_are_skipped(resolve) -> None:
    ms = resolve("Commander Kandahar told reporters in Kabul that talks failed.")
    assert [m.span.text for m in ms] == ["Kabul"]


def test_best_mention_prefers_the_most_specific(resolve) -> None:
    text = "Clashes in Idlib province spread to Saraqib, where fighters from Homs joined."
    ms = resolve(text)
    best = best_mention(ms, text=text)
    assert best is not None and best.span.text == "Saraqib"
    assert best_mention([]) is None


def test_part_of_a_governorate_is_the_governorate(resolve) -> None:
    m = by_text(resolve("A roadside bomb killed two soldiers in north-western Idlib."), "Idlib")
    assert (m.place.feature, m.geo_precision, m.relation) == ("admin1", 3, "region")
