"""The direction of a move from the words around its figure (``nlp.claims.direction_of``)."""

from __future__ import annotations

import pytest
from rule_context import figure

from nlp.claims import direction_of


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("The Russell 2000 gave up 0.9% on Friday.", "0.9%", -1),
        ("Small caps gave up 2% on the week.", "2%", -1),
        ("The ETF is giving up 1.1% this morning.", "1.1%", -1),
        ("Banks could give up 3% if yields climb.", "3%", -1),
        ("The index gave back 1.4% in the last hour.", "1.4%", -1),
        ("IWM is up 1.2% so far today.", "1.2%", 1),
        ("Small caps moved up 0.8% after the data.", "0.8%", 1),
        ("Dow -118.20 at 44,010.55", "118.20", -1),
        # a quote row's arrow signs the changes after it, across the bracket
        ("S&P 600: 1,391.20 ▼ 9.80 (0.70%)", "0.70%", -1),
        ("Russell Microcap ▲ 1.3% | Nasdaq ▼ 0.2%", "0.2%", -1),
        ("Russell Microcap ▲ 1.3% | Nasdaq ▼ 0.2%", "1.3%", 1),
        ("▼ Oil slid, but small caps rose 0.4% on the day.", "0.4%", 1),
    ],
)
def test_direction_of_a_move(text: str, at: str, expected: int) -> None:
    assert direction_of(figure(text, at)) == expected
