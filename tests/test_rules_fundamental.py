"""Rules for company fundamentals, each called on its own (``nlp/rules/fundamental.py``)."""

from __future__ import annotations

import pytest
from rule_context import figure

from nlp.rules import fundamental
from nlp.rules.registry import NO_CLAIM

CASES = [
    (
        fundamental.eps,
        "The bank reported EPS of $1.12 for the quarter.",
        "$1.12",
        ("fundamental", "eps"),
    ),
    (
        fundamental.eps,
        "Analysts had a consensus estimate of $0.95 a share.",
        "$0.95",
        ("fundamental", "eps_estimate"),
    ),
    (fundamental.eps, "Shares closed at $41.20.", "$41.20", None),
    (
        fundamental.revenue,
        "Quarterly revenue came in at $410 million.",
        "$410 million",
        ("fundamental", "revenue"),
    ),
    (fundamental.income, "Net income was $38 million.", "$38 million", ("fundamental", None)),
    (
        fundamental.other_amount,
        "The fund took in $900 million of inflows.",
        "$900 million",
        NO_CLAIM,
    ),
    (
        fundamental.margin,
        "Its gross margin reached 44.5% in the quarter.",
        "44.5%",
        ("fundamental", "margin"),
    ),
    (
        fundamental.growth_sequential,
        "Deposits +6% q/q at the lender.",
        "6%",
        ("fundamental", "growth"),
    ),
    (fundamental.ratio, "Its efficiency ratio ~55% improved.", "55%", ("fundamental", None)),
    (
        fundamental.margin_near,
        "It posted a 31% operating margin.",
        "31%",
        ("fundamental", "margin"),
    ),
    (
        fundamental.revenue_change,
        "Revenue rose 14% on strong demand.",
        "14%",
        ("fundamental", "growth"),
    ),
    (
        fundamental.surprise,
        "Earnings beat the consensus estimate by 9%.",
        "9%",
        ("fundamental", "surprise"),
    ),
    (
        fundamental.growth_year_ago,
        "Quarterly earnings came in 18% higher than a year earlier.",
        "18%",
        ("fundamental", "growth"),
    ),
    (
        fundamental.growth_words,
        "The company posted 12% revenue growth.",
        "12%",
        ("fundamental", "growth"),
    ),
    (
        fundamental.growth_estimate,
        "Analysts expected 15% growth year-over-year.",
        "15%",
        ("fundamental", "growth"),
    ),
    (fundamental.revenue_change, "IWM rose 14% this year.", "14%", None),
]


@pytest.mark.parametrize(("rule", "text", "at", "expected"), CASES)
def test_fundamental_rule(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected
