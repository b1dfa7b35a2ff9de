"""The geocoder's speed-ups change nothing: reuse of a text's tokens and names, cut plans, reversed cue
patterns, the name-token scan and the two-step skeleton query give what the plain code gives."""

from __future__ import annotations

import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.geo import Geocoder
from sitrep.geo import geocoder as geocoder_module
from sitrep.geo import lexicon as lx
from sitrep.geo.gazetteer import _COLUMNS, FUZZ_MIN, _row_to_candidate
from sitrep.geo.names import keys
from sitrep.geo.toponyms import _WORD, cuts_word, first_initial, name_tokens, runs, tokenize

# Our own words: names, particles, cue words, possessives, quotes, hyphens, digits, punctuation.
FRAGMENTS = [
    "Idlib", "Aleppo's", "Ma'arrat an-Nu'man", "Ma\u2019arat al-Nu\u2019man", "al-Bab", "Al-Bab", "Ras al Ain",
    "al Khalsiyeh", "bin", "al", "an", "at", "as", "el", "de", "abu", "Abu", "Kafr", "Tall", "Deir ez-Zor",
    "Nairobi", "Kenya", "Kenyan", "Syrian", "Helmand", "Nangarhar", "Sherzad", "Mogadishu", "Somalia",
    "northern", "countryside", "near", "north of", "12 km south of the", "in", "the", "village", "of",
    "province", "district", "town", "city", "sub-district", "area", "road", "airport", "Street",
    "outskirts of", "rural", "the town of", "President", "Gen.", "Commander", "said", "told", "Division",
    "Jaysh", "fighters", "Monday", "May", "US", "UN", "McCain", "iPhone", "x-Ray", "1st", "'Idlib'",
    "\u201cAleppo\u201d", "(Suki)", ",", ".", ";", ":", "-", "\u2013", "(", ")", "  ", "\n", "\u00e9t\u00e9",
    "\u00c9cole", "\u062d\u0644\u0628", "ʿAin", "al's", "Ali's", "and", "or", "between", "X", "Bota Kashan",
]

TEXTS = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=30).map(" ".join)


def _key(found) -> list[tuple]:
    """A comparable form of runs."""
    return [[(t.text, t.start, t.end, t.name, t.particle, t.possessive, t.initial) for t in r.tokens] for r in found]


@pytest.fixture(scope="module")
def plain(gazetteer) -> Geocoder:
    """A geocoder that recomputes everything for each call."""
    return Geocoder(gazetteer, reuse=False)


@pytest.fixture(scope="module")
def reusing(gazetteer) -> Geocoder:
    """A geocoder that reuses each text's tokens and names (the default)."""
    return Geocoder(gazetteer)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS, data=st.data())
def test_reuse_gives_the_same_places(plain: Geocoder, reusing: Geocoder, text: str, data) -> None:
    ctx = reusing.document_context(text)
    assert ctx == plain.document_context(text)
    for _ in range(4):
        start = data.draw(st.integers(min_value=0, max_value=len(text)))
        end = data.draw(st.integers(min_value=start, max_value=len(text)))
        blocked = data.draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, 12)), max_size=3))
        exclude = [(s, s + n) for s, n in blocked]
        got = reusing.find_places(text, start, end, context=ctx, exclude_spans=exclude)
        assert got == plain.find_places(text, start, end, context=ctx, exclude_spans=exclude)


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, data=st.data())
def test_name_tokens_make_the_same_runs(text: str, data) -> None:
    lex = lx.compiled()
    kept = name_tokens(text, lex)
    assert _key(runs(text, kept, lex)) == _key(runs(text, tokenize(text, 0, len(text), lex), lex))
    start = data.draw(st.integers(min_value=0, max_value=len(text)))
    end = data.draw(st.integers(min_value=start, max_value=len(text)))
    if cuts_word(text, start) or cuts_word(text, end):
        return
    part = [t for t in kept if start <= t.start < end]
    if part:
        part[0] = first_initial(text, part[0], start)
    blocked = data.draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(1, 12)), max_size=3))
    blocked = [(s, s + n) for s, n in blocked]
    want = runs(text, tokenize(text, start, end, lex), lex, blocked=blocked)
    assert _key(runs(text, part, lex, blocked=blocked)) == _key(want)


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, data=st.data())
def test_cuts_word_is_inside_a_word(text: str, data) -> None:
    pos = data.draw(st.integers(min_value=0, max_value=len(text)))
    inside = any(m.start() < pos < m.end() for m in _WORD.finditer(text))
    assert cuts_word(text, pos) == inside


def test_runs_read_their_words_one_space_apart() -> None:
    lex = lx.compiled()
    text = "Fighters in Ras al Ain and al-Bab's outskirts met Abu Ali in Kafr Nabl near Deir ez-Zor."
    for run in runs(text, name_tokens(text, lex), lex):
        assert text[run.start:run.end] == " ".join(t.text for t in run.tokens)


def _reversed_cases() -> list[str]:
    """Texts before a name: every cue phrase of the lexicon in several shapes, plus near misses."""
    lex = lx.load_lexicon()
    phrases = (lex.near_before + lex.countryside_before + lex.titles + lex.admin1_types + lex.admin2_types
               + lex.admin3_types + lex.settlement_types + lex.site_types + lex.directions)
    shapes = ["{p} ", "they went {p} ", "({p} the ", "x{p} ", "'{p} ", "{p} of ", "{p} of the\n", "{p}.  ",
              "12 km {p} of ", "about 3 miles to the {p} of the ", "just {p} of ", "in the {p} ", "{p}"]
    return [s.format(p=p) for p in phrases for s in shapes] + ["", " ", "\n", "in ", "of the ", "near\n"]


def test_reversed_cue_patterns_match_as_the_patterns() -> None:
    comp = lx.compiled()
    names = [n for n in comp.reversed_before if n != "any_cue"]
    for before in _reversed_cases():
        back = before[::-1]
        for name in names:
            assert (comp.reversed_before[name].match(back) is not None) == \
                (getattr(comp, name).search(before) is not None), (name, before)
        others = any(getattr(comp, n).search(before) for n in names if n != "prep_before")
        assert (comp.reversed_before["any_cue"].match(back) is not None) == bool(others), before


@settings(max_examples=500, deadline=None)
@given(words=st.lists(st.sampled_from(
    ["near", "north", "of", "the", "to", "just", "12", "3.5", "about", "a few", "km", "kms", "miles", "in",
     "countryside", "outskirts", "village", "town", "gen.", "president", "x", "(", "'", ",", "\n"]),
    max_size=9), seps=st.lists(st.sampled_from([" ", "  ", "\n", "", " \n"]), min_size=9, max_size=9))
def test_reversed_cue_patterns_on_generated_text(words: list[str], seps: list[str]) -> None:
    comp = lx.compiled()
    before = "".join(w + s for w, s in zip(words, seps))
    for name in (n for n in comp.reversed_before if n != "any_cue"):
        assert (comp.reversed_before[name].match(before[::-1]) is not None) == \
            (getattr(comp, name).search(before) is not None), (name, before)


def test_similar_rows_are_those_of_one_joined_query(gazetteer) -> None:
    for name in ["Idlib", "Edlib", "Maarat al Numan", "Deir ez Zor", "Aleppo", "Mohamed", "Kafr Nabl",
                 "Nairobi", "Shugur", "Halab", "Al Bab"]:
        key, skel = keys(name)
        old = gazetteer._query(
            f"SELECT {_COLUMNS} FROM names n JOIN places p ON p.id = n.place_id "
            "WHERE n.skel = ? AND n.nkey <> ? LIMIT 400", (skel, key))
        kept = [row for row in old if _row_to_candidate(row, query_key=key).similarity >= FUZZ_MIN]
        assert gazetteer._similar_rows(key, skel) == kept, name


def test_candidates_keep_their_prominence(gazetteer) -> None:
    import math
    for c in gazetteer.match("Aleppo") + gazetteer.match("Idlib"):
        pop = c.population / 10 if c.feature in ("admin1", "admin2", "admin3") else c.population
        bonus = {"country": 30.0, "admin1": 6.0, "city": 6.0, "site": 5.0, "admin2": 3.0, "admin3": 2.0}
        assert c.prominence == 3.0 * math.log10(pop + 1) + bonus.get(c.feature, 0.0)


def test_demonym_memo_answers_as_the_table(gazetteer) -> None:
    for word in ["Syrian", "Kenyan", "Turkish", "Idlib", "syrian", "Syrian", "", "Somali"]:
        key = keys(word)[0]
        assert gazetteer.demonym_country(word) == gazetteer._demonyms.get(key)


def test_added_stopnames_apply_to_texts_read_before(gazetteer) -> None:
    geo = Geocoder(gazetteer)
    text = "Fighters entered Ariha in Idlib on Monday."
    ctx = geo.document_context(text)
    assert "Ariha" in [m.span.text for m in geo.find_places(text, 0, len(text), context=ctx)]
    geo.stopnames.add("ariha")
    assert "Ariha" not in [m.span.text for m in geo.find_places(text, 1, len(text), context=ctx)]  # cuts a word
    assert "Ariha" not in [m.span.text for m in geo.find_places(text, 0, len(text), context=ctx)]


def test_plan_memory_is_bounded(gazetteer, monkeypatch) -> None:
    monkeypatch.setattr(geocoder_module, "PLAN_CACHE", 5)
    geo = Geocoder(gazetteer)
    for i in range(40):
        text = f"Clashes hit Idlib and Town{chr(65 + i % 26)}{chr(97 + i // 26)} Kafr Nabl on Monday."
        geo.document_context(text)
        assert len(geo._plans) <= 5 and len(geo._older_plans) <= 5


def test_threads_read_their_own_texts(gazetteer) -> None:
    geo, plain = Geocoder(gazetteer), Geocoder(gazetteer, reuse=False)
    texts = [f"Shelling hit {town} in {prov} province on Monday, and {town}'s market burned."
             for town, prov in [("Saraqib", "Idlib"), ("Kandahar", "Kandahar"), ("Garissa", "Garissa"),
                                ("Marib", "Marib")]] * 5
    want = [plain.find_places(t, 0, len(t), context=plain.document_context(t)) for t in texts]
    got: dict[int, list] = {}

    def work(k: int) -> None:
        for i in range(k, len(texts), 2):
            t = texts[i]
            got[i] = geo.find_places(t, 0, len(t), context=geo.document_context(t))

    threads = [threading.Thread(target=work, args=(k,)) for k in (0, 1)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert [got[i] for i in range(len(texts))] == want
