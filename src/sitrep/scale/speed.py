"""Output-preserving speed-ups that the default Engine applies (``Engine(fast=True)``).

- ``fast_lexicon``: the trigger lexicon with its one big regex replaced by a ``PrefixIndexedPattern``
  (same cues, ~80x faster on news text): cue finding was 60-90% of extraction time.
- ``memo_document_context``: the geocoder's document context computed once per text (the event
  assembler asks for it again for every aggregate sentence).
- ``cues_or_none``: the document-level relevance filter, run on the raw text BEFORE tokenisation:
  a text without any event cue is not relevant (the rule of ``sitrep.nlp.pipeline``'s cue
  component), and its empty result is returned without building a spaCy Doc.

``tests/scale/test_speed.py`` checks that an Engine with these gives the same results as one without.
"""

from __future__ import annotations

import copy

from sitrep.extract.triggers import Cue, TriggerLexicon
from sitrep.scale.prefix import PrefixIndexedPattern


CUE_PREFIX = 5
"""Letters of the cue alternatives' literal prefixes that the scan's prefilter looks ahead for: with 5,
ordinary words that share only the first 3 letters of a cue ("and", "are") are no longer tried (a
third of the scan's time on generated news, measured with ``bench/throughput.py``)."""


def fast_lexicon(lexicon: TriggerLexicon) -> TriggerLexicon:
    """A shallow copy of ``lexicon`` whose ``find`` scans with a ``PrefixIndexedPattern`` (same output)."""
    if isinstance(lexicon.regex, PrefixIndexedPattern):
        return lexicon
    fast = copy.copy(lexicon)
    fast.regex = PrefixIndexedPattern(lexicon.regex, k=CUE_PREFIX)
    return fast


def memo_document_context(geocoder) -> None:
    """Make ``geocoder.document_context`` remember its last answer (same text object, same hint)."""
    inner = geocoder.document_context
    last: list = [None, None, None]

    def document_context(text: str, *, country_hint: str | None = None):
        """The geocoder's own ``document_context``, computed once per text."""
        if last[0] is text and last[1] == country_hint:
            return last[2]
        ctx = inner(text, country_hint=country_hint)
        last[:] = [text, country_hint, ctx]
        return ctx

    geocoder.document_context = document_context


def cues_or_none(lexicon: TriggerLexicon, text: str) -> list[Cue] | None:
    """The text's event cues, or None when it has none (not a conflict report: nothing to extract)."""
    cues = lexicon.find(text)
    return cues or None
