"""The rules registry and its one order: every rule is ordered once, earlier rules win."""

from __future__ import annotations

import pytest
from rule_context import figure

import nlp.rules as rules
from nlp.rules.registry import REGISTRY, rule


def test_every_registered_rule_is_ordered_once() -> None:
    assert sorted(rules.ORDER) == sorted(REGISTRY)
    assert not set(rules.ASSEMBLY_RULES) & set(REGISTRY)


def test_rule_names_are_versioned_and_unique() -> None:
    with pytest.raises(ValueError, match=r"claims\.<kind>"):
        rule("performance-move")
    with pytest.raises(ValueError, match="twice"):
        rule("claims.performance.move.v1")(lambda ctx: None)


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        # a Fed sentence's basis points are a rate move before any performance reading
        ("The Fed cut by 50 basis points and IWM jumped.", "50", "claims.rates.basis_points.v1"),
        # a target before a level: "could drop to" names where it may go, not where it is
        ("IWM could drop to $220 support.", "$220", "claims.price_target.target.v2"),
        # a statistic vetoes the move reading of the same figure
        ("Small caps typically rose 12% in such years.", "12%", None),
        ("Small caps rose 2.2% on Tuesday.", "2.2%", "claims.performance.move.v1"),
    ],
)
def test_classify_answers_with_the_first_rule_in_order(
    text: str, at: str, expected: str | None
) -> None:
    got = rules.classify(figure(text, at))
    assert (got.rule if got else None) == expected
