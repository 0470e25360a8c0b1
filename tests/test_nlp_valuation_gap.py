# ruff: noqa: E501  (a table: one row per line reads best)
"""Whose valuation gap a discount or premium is, read through the whole extractor.

"X trades at 16x, compared with 22x for Y, a 27% discount": Y is named last, but it is the
yardstick; the gap is X's. A premium or discount stated right after its owner stays there.
Sentences written for this table (no third-party text), dated 2025-11-21.
"""

from __future__ import annotations

import datetime as dt

import pytest

DAY = dt.date(2025, 11, 21)

ROWS = [
    (
        "The Russell 2000 trades at roughly 16 times next year's expected earnings, compared with about 22 times for the S&P 500, a discount of around 27%.",
        "^RUT",
        -27.0,
    ),
    (
        "Small caps trade at 15.5 times forward earnings versus 21.9 times for large caps, a 29% discount.",
        "small caps",
        -29.0,
    ),
    (
        "At 16x forward earnings, the Russell 2000 sits at a 27% discount to the S&P 500's 22x.",
        "^RUT",
        -27.0,
    ),
    (
        "The S&P 500 trades at 22 times earnings, a 35% premium to the Russell 2000's 16 times.",
        "^GSPC",
        35.0,
    ),
    (
        "Kratos Defense (KTOS) trades at 80 times earnings against 25 times for its peers, a premium of about 220%.",
        "KTOS",
        220.0,
    ),
]


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(("text", "subject", "value"), ROWS)
def test_gap_belongs_to_what_is_compared(text: str, subject: str, value: float) -> None:
    from nlp.extract import extract_claims

    gaps = [
        (c.subject, c.value)
        for c in extract_claims(text, DAY)
        if c.kind == "valuation" and c.unit == "pct"
    ]
    assert gaps == [(subject, value)], text
