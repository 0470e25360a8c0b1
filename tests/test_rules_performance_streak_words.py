"""Streaks said the British way or with "running": "five sessions on the trot", "a fifth
session running", "four days in succession" (``claims.performance.streak.v1``). Sentences
written for this file."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "n", "first"),
    [
        (
            "The Russell 2000 has outperformed the S&P 500 for five sessions on the trot.",
            5.0,
            "2025-11-26",
        ),
        ("The Russell 2000 rose for a fifth session running.", 5.0, "2025-11-26"),
        ("The Russell 2000 has fallen for four days on the trot.", 4.0, "2025-11-28"),
        ("IWM slipped for three sessions in succession.", 3.0, "2025-12-01"),
    ],
)
def test_streak_words(text: str, n: float, first: str) -> None:
    from nlp.extract import extract_claims

    got = [c for c in extract_claims(text, dt.date(2025, 12, 3)) if c.role == "streak"]
    assert got and got[0].value == n
    assert got[0].period_start == dt.date.fromisoformat(first)
    assert got[0].period_end == dt.date(2025, 12, 3)


@pytest.mark.usefixtures("claims_nlp")
def test_running_alone_is_no_streak() -> None:
    from nlp.extract import extract_claims

    assert extract_claims("The running total is 5 days.", dt.date(2025, 12, 3)) == []
