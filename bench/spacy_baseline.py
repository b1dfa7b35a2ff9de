"""An en_core_web_sm-class spaCy pipeline built offline, as the yardstick for sitrep's throughput.

spaCy's trained pipelines (en_core_web_sm ...) are not on PyPI and nothing is downloaded here, so this
builds the same ARCHITECTURE with random weights: ``spacy.blank("en")`` + tok2vec, tagger, parser and
ner from spaCy's own default CPU config (``init_config(..., optimize="efficiency")``), with the
parser/NER widths of en_core_web_sm 3.x (hidden_width 64, maxout_pieces 2) and no lemmatizer. Its
compute per token is what en_core_web_sm spends (a little less: no attribute_ruler/lemmatizer), which
is all a throughput comparison needs; its predictions are meaningless.
"""

from __future__ import annotations

import spacy
from spacy.cli.init_config import init_config
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

SM_WIDTHS = {"parser": (64, 2), "ner": (64, 2)}
"""en_core_web_sm 3.x: hidden_width and maxout_pieces of the transition-based parser and NER."""


def build_sm_class() -> Language:
    """tok2vec + tagger + parser + ner with en_core_web_sm's sizes, initialised on two dummy examples."""
    config = init_config(lang="en", pipeline=["tagger", "parser", "ner"], optimize="efficiency", gpu=False)
    for name, (width, pieces) in SM_WIDTHS.items():
        config["components"][name]["model"]["hidden_width"] = width
        config["components"][name]["model"]["maxout_pieces"] = pieces
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    nlp.initialize(lambda: _dummy_examples(nlp))
    return nlp


def _dummy_examples(nlp: Language) -> list[Example]:
    """Two tiny annotated sentences (our own words) so that every component gets its labels."""
    out = []
    for text, tags, ents in (
        ("Gunmen attacked a village on Monday .", ["NN", "VB", "DT", "NN", "IN", "NNP", "."], ["O", "O", "O", "O", "O", "B-DATE", "O"]),
        ("Police arrested two men in Nairobi .", ["NN", "VB", "CD", "NN", "IN", "NNP", "."], ["B-ORG", "O", "O", "O", "O", "B-GPE", "O"]),
    ):
        words = text.split()
        ref = Doc(nlp.vocab, words=words, tags=tags, heads=[1, 1, 3, 1, 1, 4, 1], deps=["nsubj", "ROOT", "nummod", "dobj", "prep", "pobj", "punct"], ents=ents)
        out.append(Example(nlp.make_doc(text), ref))
    return out


def count_tokens(nlp: Language, texts) -> int:
    """Tokens of the texts by spaCy's English tokenizer (the unit of tokens/s for both pipelines)."""
    return sum(len(nlp.make_doc(t)) for t in texts)
