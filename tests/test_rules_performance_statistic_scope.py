"""The statistic veto (``claims.performance.statistic.v2``) and moving averages.

"Average" and "typically" mark a statistic with no concrete period ("small caps average 35%
after a first cut"), which is no checkable move. But a moving average is a price level: "its
200-day average" used to silence every move of the sentence. (Reading only the figure's own
clause was tried too; it cost the held-out part a claim read with the wrong kind, so the veto
still reads the whole sentence.) Sentences written for this file.
"""

from __future__ import annotations

import datetime as dt

import pytest

DAY = dt.date(2025, 10, 10)


def _moves(text: str) -> list[tuple[str, float | None]]:
    from nlp.extract import extract_claims

    return [(c.subject, c.value) for c in extract_claims(text, DAY) if c.kind == "performance"]


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "move"),
    [
        ("IWM rose 1.2% and closed above its 200-day average.", ("IWM", 1.2)),
        ("The Russell 2000 slid 0.8% to sit right on its 50-day moving average.", ("^RUT", -0.8)),
        ("IWM added 0.6%, holding above the 20-week average.", ("IWM", 0.6)),
    ],
)
def test_a_move_beside_an_average_is_kept(text: str, move: tuple[str, float]) -> None:
    assert move in _moves(text)


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    "text",
    [
        "On average, small caps gained 20% in the year after the first cut.",
        "Small caps have averaged 35% returns in the year after a first cut.",
        "The Russell 2000 typically climbs 6% in the month after a midterm election.",
    ],
)
def test_a_statistic_in_the_figures_clause_is_no_move(text: str) -> None:
    assert _moves(text) == []
