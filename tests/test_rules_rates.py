"""Rules for Fed rates, each called on its own (``nlp/rules/rates.py``)."""

from __future__ import annotations

import pytest
from rule_context import figure

from nlp.rules import rates
from nlp.rules.registry import NO_CLAIM

CASES = [
    (
        rates.basis_points,
        "The Fed lowered rates by 25 basis points on Wednesday.",
        "25",
        ("rate", None),
    ),
    (rates.basis_points, "Two officials wanted a 50 bp cut instead.", "50", NO_CLAIM),
    (rates.basis_points, "The 10-year yield fell 12 bps.", "12", None),
    (rates.count_of_moves, "Futures now price two more cuts by December.", "two", ("rate", None)),
    (rates.count_of_moves, "The Fed made three cuts last year.", "three", NO_CLAIM),
    (rates.probability, "FedWatch shows a 64% probability of a cut.", "64%", ("probability", None)),
    (
        rates.economic_figure,
        "Core inflation ran at 2.9% in August, the Fed noted.",
        "2.9%",
        NO_CLAIM,
    ),
    (rates.earlier_probability, "Odds of a Fed cut are 80%, up from about 55%.", "55%", NO_CLAIM),
    (
        rates.probability_in_sentence,
        "Traders put the odds of a Fed cut in March at 58%.",
        "58%",
        ("probability", None),
    ),
    (
        rates.target_range,
        "The Fed cut rates to a range of 3.50% to 3.75%.",
        "3.50%",
        ("rate_range", None),
    ),
    (rates.level_after_move, "The Fed cut its policy rate to 4%.", "4%", ("rate_level", None)),
    (
        rates.named_level,
        "Officials see the fed funds rate near 3.1% by the end of 2026.",
        "3.1%",
        ("rate_level", None),
    ),
    (rates.named_level, "IWM rose 2.1% after the Fed meeting.", "2.1%", None),
]


@pytest.mark.parametrize(("rule", "text", "at", "expected"), CASES)
def test_rate_rule(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected
