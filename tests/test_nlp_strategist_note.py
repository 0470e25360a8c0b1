"""A strategist's outlook note, read through the whole extractor (text written for this
test): "the index" in a paragraph means the index its sentences were about, not one named
in passing as a yardstick; "markets now price about 75 basis points of easing" is an
expectation, not a decision; a bear case's target is bearish.
"""

from __future__ import annotations

import datetime as dt

import pytest

NOTE = """Small caps: our view for 2026

We think the Russell 2000 can reach 2,800 by the end of 2026. Our bear case puts it at 2,150.

Three things support the view. First, earnings: analysts expect Russell 2000 companies to grow \
profits by about 20% next year, versus roughly 13% for the S&P 500. Second, rates: markets now \
price about 75 basis points of Fed easing through 2026. Third, valuation: the index trades at \
14.8 times forward earnings.
"""


@pytest.fixture(scope="module")
def claims(claims_nlp: object) -> list:
    from nlp.extract import extract_claims

    return extract_claims(NOTE, dt.date(2025, 12, 1))


def test_the_index_is_the_one_the_paragraph_is_about(claims: list) -> None:
    assert [(c.subject, c.value) for c in claims if c.kind == "valuation"] == [("^RUT", 14.8)]


def test_priced_easing_is_an_expectation(claims: list) -> None:
    rates = [(c.kind, c.value) for c in claims if c.subject == "FEDFUNDS"]
    assert rates == [("rate_expectation", -75.0)]


def test_a_bear_case_target_is_bearish(claims: list) -> None:
    targets = {
        c.value: str(getattr(c.stance, "value", c.stance))
        for c in claims
        if c.kind == "price_target"
    }
    assert targets == {2800.0: "bullish", 2150.0: "bearish"}
