"""Nothing good is lost in a long text (issue 14): it is read whole, in tokenizer pieces cut
at paragraph ends, and gives the claims its paragraphs give on their own."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from honest_article import honest_paragraphs

from nlp.extract import extract_claims, extract_many
from nlp.pipeline import (
    MAX_CHUNK_CHARS,
    MAX_SENT_CHARS,
    MAX_SENT_FIGURES,
    parse_texts,
    text_chunks,
)

pytestmark = pytest.mark.usefixtures("claims_nlp")

P = dt.date(2025, 10, 1)


def test_long_honest_article_gives_the_claims_of_its_paragraphs() -> None:
    paras = honest_paragraphs(200_000)
    text = "\n\n".join(paras)
    assert len(text_chunks(text)) >= 10  # read in many tokenizer pieces
    whole = extract_claims(text, P)
    expected = []
    offset = 0
    for para, claims in zip(paras, extract_many((p, P, None) for p in paras), strict=True):
        for c in claims:
            expected.append(c.model_copy(update={"start": c.start + offset, "end": c.end + offset}))
        offset += len(para) + 2
    assert len(expected) > 3_000
    assert [c.model_dump() for c in whole] == [c.model_dump() for c in expected]
    assert all(text[c.start : c.end] == c.quote for c in whole)


def test_chunks_cover_the_text_and_end_at_paragraphs() -> None:
    text = "\n\n".join(honest_paragraphs(100_000))
    spans = text_chunks(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a == b for (_, a), (b, _) in itertools.pairwise(spans))
    assert all(0 < b - a <= MAX_CHUNK_CHARS for a, b in spans)
    assert all(text[b - 2 : b] == "\n\n" for _, b in spans[:-1])


@pytest.mark.parametrize(
    "text",
    [
        "x" * 70_000,  # no break at all: hard cuts
        "word " * 20_000,  # blanks only
        "One sentence. " * 6_000,  # sentence ends, no lines
        "a line\n" * 9_000,
    ],
)
def test_chunks_are_bounded_whatever_the_text(text: str) -> None:
    spans = text_chunks(text)
    assert "".join(text[a:b] for a, b in spans) == text
    assert all(0 < b - a <= MAX_CHUNK_CHARS for a, b in spans)


def test_a_ticker_defined_early_links_pieces_later() -> None:
    """Mentions are resolved over the whole text, not per tokenizer piece."""
    intro = "Quizzical Widgets (NASDAQ: QZXW) makes sprockets for small factories."
    filler = "Nothing in this paragraph states a figure or names a company at all."
    late = "QZXW rose 4.2% last week."
    text = "\n\n".join([intro, *[filler] * 1_500, late])
    assert len(text) > 3 * MAX_CHUNK_CHARS
    claims = extract_claims(text, P)
    assert [(c.subject, c.value) for c in claims] == [("QZXW", 4.2)]
    assert text[claims[0].start : claims[0].end] == late
    # on its own the late paragraph names no known instrument: the link came from the intro
    assert not [c for c in extract_claims(late, P) if c.subject == "QZXW"]


def test_run_on_sentences_are_read_in_bounded_pieces() -> None:
    text = "IWM rose 3% last week, " * 2_000 + "\nThe Russell 2000 fell 1.1% in July."
    (parsed,) = parse_texts([text])
    for (a, b), qs in zip(parsed.sents, parsed.quantities, strict=True):
        assert b - a <= 2 * MAX_SENT_CHARS + 48
        assert len(qs) <= 2 * MAX_SENT_FIGURES + 24
    assert len(parsed.sents) > 2_000 * 23 // (2 * MAX_SENT_CHARS)
    claims = extract_claims(text, P)
    assert {(c.subject, c.value) for c in claims} == {("IWM", 3.0), ("^RUT", -1.1)}


def test_real_sentences_are_never_cut() -> None:
    """The bounds sit far above prose: a long sentence with many figures stays one."""
    sentence = (
        "The Russell 2000 rose 1.2% on Monday, 0.8% on Tuesday, 0.4% on Wednesday and 1.1% "
        "on Thursday before slipping 0.3% on Friday, leaving it up 3.2% for the week, while "
        "IWM added 3.1%, the S&P 500 gained 1.4% and the Nasdaq 100 advanced 1.9%, its best "
        "week since July, as Treasury yields eased to 4.1% from 4.3% a week earlier."
    )
    assert len(sentence) < MAX_SENT_CHARS
    (parsed,) = parse_texts([sentence])
    assert parsed.sents == [(0, len(sentence))]
    assert len(parsed.quantities[0]) >= 10
