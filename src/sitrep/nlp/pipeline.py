"""spaCy pipeline assembly: a blank English tokenizer, line-aware sentence splitting, and sitrep's
components. Each component declares what it reads and writes; ``sitrep.extract.events`` turns the
processed Doc into typed records."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.extract.triggers import TriggerLexicon

if not Doc.has_extension("cues"):
    Doc.set_extension("cues", default=None)
if not Doc.has_extension("relevant"):
    Doc.set_extension("relevant", default=True)


@Language.component("sitrep_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence (headlines, captions and paragraphs carry no final stop)."""
    for i, tok in enumerate(doc[:-1]):
        if "\n" in tok.text or "\n" in tok.whitespace_:
            doc[i + 1].is_sent_start = True
    return doc


@Language.component("sitrep_cues", assigns=["doc._.cues", "doc._.relevant"])
def cues_component(doc: Doc) -> Doc:
    """Event cues of the trigger lexicon over the whole text; a document without any is not relevant."""
    doc._.cues = TriggerLexicon.default().find(doc.text)
    doc._.relevant = bool(doc._.cues)
    return doc


@lru_cache(maxsize=1)
def build_nlp() -> Language:
    """The sitrep pipeline: no statistical model, only tokenizer, sentence rules and cue matching."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sitrep_line_breaks")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("sitrep_cues")
    nlp.max_length = 5_000_000
    return nlp


def sentences(doc: Doc) -> list[tuple[int, int, int]]:
    """(start, end, paragraph index) of each sentence, whitespace trimmed."""
    out = []
    text = doc.text
    para = 0
    last_end = 0
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        if "\n\n" in text[last_end:start] or (last_end and "\n" in text[last_end:start]):
            para += 1
        out.append((start, end, para))
        last_end = end
    return out
