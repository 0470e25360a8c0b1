"""A multi-year return stated per year is an average, not the change over the span.

"Returned 7.2% a year over the past decade" is no claim that the index rose 7.2% in ten
years: checked as one, an honest author is flagged. ``crosscheck.performance`` leaves such
figures unverifiable (and "up 20% in a year", "from a year ago" checkable).
"""

from __future__ import annotations

import datetime as dt

import pytest

from crosscheck import MarketData, check_claim
from thesisdesk.records import Claim, PriceBar

D = dt.date


@pytest.fixture(scope="module")
def market() -> MarketData:
    # ten years of +7.2% a year: 100 -> ~200
    bars = [
        PriceBar(symbol="AAA", date=D(2015 + k, 11, 20), close=c, high=c, low=c, adj_close=c)
        for k, c in enumerate(100.0 * 1.072**k for k in range(11))
    ]
    return MarketData.from_bars({"AAA": bars})


def claim(value: float, quote: str, start: dt.date) -> Claim:
    return Claim(
        kind="performance",
        subject="AAA",
        value=value,
        unit="pct",  # type: ignore[arg-type]
        period_start=start,
        period_end=D(2025, 11, 20),
        quote=quote,
        start=0,
        end=len(quote),
    )


@pytest.mark.parametrize(
    "quote",
    [
        "Over the past decade the index has returned 7.2% a year.",
        "It has compounded at 7.2% annually since 2015.",
        "A 7.2% per annum return over ten years.",
        "That is a 7.2% compound annual growth rate.",
    ],
)
def test_a_return_per_year_is_not_checked_as_the_spans_change(
    market: MarketData, quote: str
) -> None:
    v = check_claim(claim(7.2, quote, D(2015, 11, 20)), market, published=D(2025, 11, 20))
    assert v.verdict == "unverifiable", v


@pytest.mark.parametrize(
    "quote",
    [
        "The index is up 7.2% from a year ago.",
        "The index rose 7.2% in a year, its best run since 2021.",
    ],
)
def test_a_change_over_a_year_is_still_checked(market: MarketData, quote: str) -> None:
    v = check_claim(claim(7.2, quote, D(2024, 11, 20)), market, published=D(2025, 11, 20))
    assert v.verdict == "supported", v
