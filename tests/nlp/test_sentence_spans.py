"""sentence_spans: the sentences of the full spaCy pipeline, read off the tokenizer's arrays."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.nlp.pipeline import build_nlp, sentence_punct, sentence_spans, sentences

ATOMS = ["Rebels", "shelled", "the", "town", "U.S.", "Mr.", "a.m.", ".", "!", "?", "...", "\n", "\n\n", " \n", "\r\n",
         '"', "“", "”", ")", "(", "'", "’", "-", "—", ";", ":", "5.", "3.5", "No.", "\t", "  ", "Gen.", "_", "।",
         "?!", "al-Bab", "e.g.", "Jan.", "12"]  # fmt: skip


def _spans(text: str):
    nlp = build_nlp()
    return sentence_spans(nlp.make_doc(text), sentence_punct(nlp))


def _pipeline_sentences(text: str):
    nlp = build_nlp()
    return sentences(nlp(text, disable=["sitrep_cues"]))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ATOMS), st.sampled_from(["", " ", " ", "  "])), max_size=40))
def test_property_same_sentences_as_the_pipes(parts):
    text = "".join(a + sep for a, sep in parts)
    got = _spans(text)
    assert got == _pipeline_sentences(text)
    nlp = build_nlp()
    assert sentence_spans(nlp.make_doc(text), sentence_punct(nlp), text=text) == got  # the caller's own string
    for start, end, _para in got:
        assert text[start:end] == text[start:end].strip() and end > start


def test_news_layout_headline_paragraphs_and_quotes():
    text = ("Clashes in the north\n\nGunmen killed 3 people on Monday. “We fled,” a resident said.\n"
            "The army (FAA) said it had retaken the town... Fighting resumed!\n\n\nPHOTO: AFP")
    got = _spans(text)
    assert got == _pipeline_sentences(text)
    assert text[got[0][0] : got[0][1]] == "Clashes in the north"
    assert text[got[1][0] : got[1][1]].startswith("Gunmen killed 3 people on Monday.")
    assert [p for _, _, p in got] == sorted(p for _, _, p in got)


def test_empty_and_blank_texts():
    for text in ("", " ", "\n\n", "..."):
        assert _spans(text) == _pipeline_sentences(text)
