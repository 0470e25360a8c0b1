"""The price of a share sale is no earnings per share (``claims.fundamental.eps.v4`` vetoes
what ``_DEAL_FOR`` names: buyouts, offerings, placements, IPOs). Sentences written for this
file."""

from __future__ import annotations

import datetime as dt

import pytest


def _fundamentals(text: str) -> list[float | None]:
    from nlp.extract import extract_claims

    return [c.value for c in extract_claims(text, dt.date(2025, 10, 10)) if c.kind == "fundamental"]


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Kratos (KTOS) fell 4.6% after it priced a $75 million offering at $12.25 a share.",
            [],
        ),
        ("Kratos (KTOS) priced its IPO at $18 per share in 2004.", []),
        ("Kratos (KTOS) sold shares in a placement at $61.50 per share.", []),
        ("Kratos (KTOS) earned $0.25 a share, topping the $0.20 consensus.", [0.25, 0.2]),
    ],
)
def test_a_share_sales_price_is_no_eps(text: str, want: list[float]) -> None:
    assert _fundamentals(text) == want


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Oklo (OKLO) would be worth about $22 billion, or $150 a share.", []),
        ("Oklo (OKLO) is worth watching: it earned $0.25 a share last quarter.", [0.25]),
    ],
)
def test_what_a_company_would_be_worth_per_share_is_no_eps(text: str, want: list[float]) -> None:
    assert _fundamentals(text) == want
