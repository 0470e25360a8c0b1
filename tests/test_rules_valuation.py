"""Rules for valuations, each called on its own (``nlp/rules/valuation.py``)."""

from __future__ import annotations

import pytest
from rule_context import figure

from nlp.rules import valuation
from nlp.rules.registry import NO_CLAIM

CASES = [
    (
        valuation.multiple,
        "Small caps trade at 15.2x forward earnings.",
        "15.2x",
        ("valuation", None),
    ),
    (valuation.multiple, "TNA is a 3x leveraged fund.", "3x", NO_CLAIM),
    (
        valuation.discount_after,
        "The group sits at a 14% discount to fair value.",
        "14%",
        ("valuation", None),
    ),
    (valuation.discount_after, "The 5% discount rate matters.", "5%", None),
    (
        valuation.discount_of,
        "Small caps trade at a discount of 22% to large caps on a P/E basis.",
        "22%",
        ("valuation", None),
    ),
    (
        valuation.market_value,
        "The deal gives it a market value of $12 billion.",
        "$12 billion",
        ("valuation", None),
    ),
    (valuation.market_value, "Revenue reached $12 billion.", "$12 billion", None),
    (
        valuation.relative,
        "Microcaps are valued roughly 28% cheaper than the S&P 500.",
        "28%",
        ("valuation", None),
    ),
    (
        valuation.relative,
        "Its forward P/E of 12 is about 40% below the multiple of large caps.",
        "40%",
        ("valuation", None),
    ),
    (
        valuation.relative,
        "Small caps carry a valuation lower than large caps by almost 27%.",
        "27%",
        ("valuation", None),
    ),
    # a price 12% below another is no valuation
    (valuation.relative, "The stock trades 12% below its 52-week high.", "12%", None),
    (
        valuation.bare_multiple,
        "That compares with the 24.5 multiple on the Nasdaq 100.",
        "24.5",
        ("valuation", None),
    ),
    (valuation.bare_multiple, "Support holds near 2,210 for now.", "2,210", None),
]


@pytest.mark.parametrize(("rule", "text", "at", "expected"), CASES)
def test_valuation_rule(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected
