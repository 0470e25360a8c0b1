"""Build the context one claim rule sees for a figure in a hand-written sentence."""

from __future__ import annotations

import re

from nlp.claims import _RATE_CTX, Context, make_context
from nlp.numbers import find_quantities

#: Names that contain numbers, masked as instrument mentions are in the pipeline.
_NAMES = re.compile(r"Russell (?:2000|1000)|S&P (?:500|600)|Nasdaq 100", re.I)


def figure(
    text: str, at: str, *, mention_before: bool = False, mention_adjacent: bool = False
) -> Context:
    """The context of the figure written ``at`` (its first occurrence) in ``text``."""
    masked = [(m.start(), m.end()) for m in _NAMES.finditer(text)]
    qs = find_quantities(text, masked)
    start = text.index(at)
    end = start + len(at)
    i = next(k for k, q in enumerate(qs) if q.start < end and start < q.end)
    ctx = make_context(text, qs, i)
    ctx.rate_sentence = bool(_RATE_CTX.search(text))
    ctx.mention_before = mention_before
    ctx.mention_adjacent = mention_adjacent
    return ctx
