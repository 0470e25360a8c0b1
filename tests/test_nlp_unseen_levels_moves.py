# ruff: noqa: E501  (a table: one row per line reads best)
"""Levels and moves in phrasings the first rules had not met (issue #11), read through the
whole extractor.

Each row is a sentence written for this table (no third-party text), in the styles of
trading-idea posts, AI-written recaps, ETF-issuer blogs, wires and newsletters, and the
claims it must carry: (kind, subject, signed value or (low, high), unit). A row with no
claims is a negative: the extractor must stay silent. Every row is dated Friday 2025-11-21.
``demo/gold/phrasebook/phrasebook.txt`` (families ``pb120``+) scores the same families.
"""

from __future__ import annotations

import datetime as dt

import pytest

DAY = dt.date(2025, 11, 21)
Want = tuple[str, str, float | tuple[float, float], str]

ROWS: list[tuple[str, list[Want]]] = [
    # a number in an index's name counts no members: the move is the index's
    ("The Russell 2000 index of smaller companies gained 1.7% on the day.", [("performance", "^RUT", 1.7, "pct")]),
    # "gave up", "given back": the longer phrase wins over its "up"
    ("The small-cap benchmark gave up 27 points in the final hour.", [("performance", "^RUT", -27, "points")]),
    ("IWM has given back 6% since its early-November high.", [("performance", "IWM", -6, "pct")]),
    # a point change with its direction after it, and where it ended
    ("The Russell 2000 finished 18.4 points lower at 2,377.9.", [("performance", "^RUT", -18.4, "points"), ("price_level", "^RUT", 2377.9, "points")]),
    # a signed point change in a recap's parentheses
    ("Russell 2000: settled at 2,391.02 (-12.3 points, -0.51%).", [("price_level", "^RUT", 2391.02, "points"), ("performance", "^RUT", -12.3, "points"), ("performance", "^RUT", -0.51, "pct")]),
]


def _key(c: object) -> tuple[str, str, object, str]:
    value = getattr(c, "value", None)
    if value is None:
        value = (getattr(c, "low", None), getattr(c, "high", None))
    else:
        value = round(float(value), 4)
    return (getattr(c, "kind", ""), getattr(c, "subject", ""), value, getattr(c, "unit", ""))


def _want(w: Want) -> tuple[str, str, object, str]:
    kind, subject, value, unit = w
    v: object = tuple(float(x) for x in value) if isinstance(value, tuple) else round(float(value), 4)
    return (kind, subject, v, unit)


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(("text", "want"), ROWS)
def test_unseen_phrasing(text: str, want: list[Want]) -> None:
    from nlp.extract import extract_claims

    got = sorted({_key(c) for c in extract_claims(text, DAY)}, key=str)
    assert got == sorted({_want(w) for w in want}, key=str), text
