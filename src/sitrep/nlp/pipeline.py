"""spaCy pipeline assembly: a blank English tokenizer, line-aware sentence splitting, and sitrep's
components. Each component declares what it reads and writes; ``sitrep.extract.events`` turns the
processed Doc into typed records."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import spacy
from spacy.attrs import IDX, IS_PUNCT, LENGTH
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
    return _trim_paragraphs(doc.text, ((sent.start_char, sent.end_char) for sent in doc.sents))


def sentence_spans(doc: Doc, punct: frozenset[str], *, text: str | None = None) -> list[tuple[int, int, int]]:
    """``sentences`` of ``doc`` as the pipes would have split it, for a Doc that only went through the
    tokenizer: the starts that ``sitrep_line_breaks`` and spaCy's sentencizer (whose punctuation is
    ``punct = sentence_punct(nlp)``) would set are read off the token arrays (no Python loop over
    tokens), then trimmed and grouped into paragraphs as ``sentences`` does. ``text``: the string the
    Doc was made from, when the caller has it (``doc.text`` rebuilds it token by token)."""
    n = len(doc)
    if n == 0:
        return []
    if text is None:
        text = doc.text
    arr = doc.to_array([IDX, LENGTH, IS_PUNCT])
    idx, length = arr[:, 0].astype(np.int64), arr[:, 1].astype(np.int64)
    starts = np.zeros(n + 1, dtype=bool)  # one spare slot: "the token after the last one"
    starts[0] = True
    # sitrep_line_breaks: the token after one whose text holds a line break (only whitespace tokens do)
    nl = list(_find_all(text, "\n"))
    if nl:
        starts[np.searchsorted(idx, np.asarray(nl, dtype=np.int64), side="right")] = True
    # the sentencizer: after a token of its punct_chars, the next token that is neither one nor punctuation
    in_chars = _punct_char_tokens(text, idx, length, punct)
    plain = np.flatnonzero(~in_chars & (arr[:, 2] == 0))
    nxt = np.searchsorted(plain, np.flatnonzero(in_chars), side="right")
    starts[plain[nxt[nxt < len(plain)]]] = True
    first = np.flatnonzero(starts[:n])
    last = np.append(first[1:], n) - 1
    bounds = zip(idx[first].tolist(), (idx[last] + length[last]).tolist())
    return _trim_paragraphs(text, bounds)


def _punct_char_tokens(text: str, idx: np.ndarray, length: np.ndarray, chars: frozenset[str]) -> np.ndarray:
    """Which tokens are one of the sentencizer's punctuation characters (each is one character): the
    one-character tokens that start where the text has such a character (found with ``str.find`` for
    each such character the text holds: much faster than a regex's scan of every position)."""
    out = np.zeros(len(idx), dtype=bool)
    present = _ascii_only(chars) if text.isascii() else chars.intersection(text)
    found = sorted(i for c in present for i in _find_all(text, c))
    if found:
        pos = np.asarray(found, dtype=np.int64)
        at = np.minimum(np.searchsorted(idx, pos), len(idx) - 1)
        out[at[(idx[at] == pos) & (length[at] == 1)]] = True
    return out


@lru_cache(maxsize=4)
def _ascii_only(chars: frozenset[str]) -> tuple[str, ...]:
    """The ASCII characters among ``chars`` (all that an ASCII text can hold)."""
    return tuple(sorted(c for c in chars if c.isascii()))


def _find_all(text: str, sub: str):
    i = text.find(sub)
    while i >= 0:
        yield i
        i = text.find(sub, i + 1)


def sentence_punct(nlp: Language) -> frozenset[str]:
    """The punctuation characters of ``nlp``'s sentencizer (for ``sentence_spans``; each is one character)."""
    chars = frozenset(nlp.get_pipe("sentencizer").punct_chars)
    if any(len(c) != 1 for c in chars):
        raise ValueError("the sentencizer's punct_chars must be single characters")
    return chars


def _trim_paragraphs(text: str, bounds) -> list[tuple[int, int, int]]:
    """(start, end, paragraph index) of each sentence span, whitespace trimmed (the rule of ``sentences``)."""
    out = []
    para = 0
    last_end = 0
    for start, end in bounds:
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
