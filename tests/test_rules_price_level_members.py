"""A count of what a fund holds is no level, even after "holds" (``level_to_hold`` reads "hold
2,340" as support). Sentences written for this file."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("The fund follows the CRSP US Small Cap Value Index and holds 840 stocks.", []),
        ("IWM holds roughly 1,950 companies.", []),
        ("Bulls need IWM to hold 240.", [240.0]),
        ("Buyers must hold $238 for IWM's uptrend to survive.", [238.0]),
    ],
)
def test_holdings_counts_are_no_support(text: str, levels: list[float]) -> None:
    from nlp.extract import extract_claims

    got = [c.value for c in extract_claims(text, dt.date(2025, 10, 10)) if c.kind == "price_level"]
    assert got == levels
