"""Rules for price targets, each called on its own (``nlp/rules/price_target.py``)."""

from __future__ import annotations

import pytest
from rule_context import figure

from nlp.rules import price_target

CASES = [
    (price_target.target, "We set a price target of $275 on IWM.", "$275", ("price_target", None)),
    (
        price_target.target,
        "The index could drop to 2,250 in a sell-off.",
        "2,250",
        ("price_target", None),
    ),
    (price_target.target, "Next stop: $262.", "$262", ("price_target", None)),
    (price_target.target, "Small caps could rise 15% next year.", "15%", ("price_target", None)),
    (price_target.target, "IWM closed at $238.10 on Friday.", "$238.10", None),
]


@pytest.mark.parametrize(("rule", "text", "at", "expected"), CASES)
def test_price_target_rule(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected
