"""Phrasings met in a cold test across genres (wires, recaps, stats pages, trader posts):
the year so far "through" a weekday, a capital "May" at a clause's start, and the subject a
paragraph carries after a sentence that measures it against a yardstick. Sentences are ours."""

from __future__ import annotations

import datetime as dt

import pytest

from nlp.extract import extract_claims

PUB = dt.date(2025, 12, 10)  # a Wednesday


def _perf(text: str, pub: dt.date = PUB) -> list[tuple[str, float | None, str, str]]:
    return [
        (c.subject, c.value, str(c.period_start), str(c.period_end))
        for c in extract_claims(text, pub)
        if c.kind.value == "performance"
    ]


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("The Russell 2000 has gained 13% this year through Tuesday.", "2025-01-01", "2025-12-09"),
        ("Small caps are up 9% so far this year through Monday.", "2025-01-01", "2025-12-08"),
    ],
)
def test_the_year_so_far_through_a_weekday(text: str, first: str, last: str) -> None:
    assert [(p[2], p[3]) for p in _perf(text)] == [(first, last)]


def test_a_trailing_year_through_a_weekday_stays_trailing() -> None:
    got = _perf("The Russell 2000 rose 11% in the year through Tuesday.")
    assert [(p[2], p[3]) for p in got] == [("2024-12-09", "2025-12-09")]


@pytest.mark.parametrize(
    "text",
    [
        "In May the Russell 2000 added 5.2%.",
        "For May, the Russell 2000 added 5.2%.",
        "For May as a whole, the Russell 2000 added 5.2%.",
    ],
)
def test_a_capital_may_opening_the_clause_is_the_month(text: str) -> None:
    claims = extract_claims(text, PUB)
    assert [(c.kind.value, c.subject, str(c.period_start), str(c.period_end)) for c in claims] == [
        ("performance", "^RUT", "2025-05-01", "2025-05-31")
    ]


def test_the_modal_may_still_forecasts() -> None:
    claims = extract_claims("Analysts say the Russell 2000 may rise 5% next year.", PUB)
    assert [c.kind.value for c in claims] == ["price_target"]


def test_a_yardstick_opening_a_relative_sentence_does_not_become_the_topic() -> None:
    text = (
        "Russell 2000 futures closed Monday at 2,084.3, up 0.4%. The S&P 500 e-mini gained "
        "0.6%, so small caps trailed by 0.2 percentage points. Support sits at 2,040, with "
        "resistance at 2,120."
    )
    levels = {
        c.value: c.subject
        for c in extract_claims(text, dt.date(2025, 6, 3))
        if c.kind.value == "price_level"
    }
    assert levels == {2084.3: "RTY=F", 2040: "RTY=F", 2120: "RTY=F"}


def test_a_relative_move_against_a_named_yardstick_keeps_the_measured_one() -> None:
    text = (
        "IWM closed at $240.10. The S&P 500 rose 1.1% on Tuesday while IWM lagged it by "
        "0.6 percentage points. Support is at $236."
    )
    levels = {
        c.value: c.subject for c in extract_claims(text, PUB) if c.kind.value == "price_level"
    }
    assert levels == {240.1: "IWM", 236: "IWM"}


def _rates(text: str, pub: dt.date = PUB) -> list[tuple[str, str, float | None, str, float | None]]:
    return [
        (c.kind.value, c.subject, c.value, c.unit.value if c.unit else "", c.probability)
        for c in extract_claims(text, pub)
    ]


def test_a_clause_about_earnings_after_the_odds_is_no_probability() -> None:
    text = (
        "Traders put the chance of an October rate cut at 88%, and small-cap earnings are "
        "forecast to climb 18% next year."
    )
    got = _rates(text, dt.date(2025, 9, 20))
    assert ("rate_expectation", "FEDFUNDS", -25.0, "bp", 88.0) in got
    assert not any(r[0] == "rate_expectation" and r[4] == 18.0 for r in got)


def test_a_path_counted_in_its_own_clause_takes_no_odds() -> None:
    text = (
        "Futures show a 30% chance of a quarter-point cut in March, and the dot plot shows "
        "only one reduction next year."
    )
    got = _rates(text)
    assert ("rate_expectation", "FEDFUNDS", -25.0, "bp", 30.0) in got
    assert ("rate_expectation", "FEDFUNDS", 1.0, "count", None) in got


def test_odds_on_a_counted_path_stay_its_own() -> None:
    got = _rates("Markets see a 60% chance of two cuts in 2026.")
    assert got == [("rate_expectation", "FEDFUNDS", 2.0, "count", 60.0)]


@pytest.mark.parametrize(
    "text",
    [
        "Acme Corp (ACME) jumped 6.1% after third-quarter earnings of $1.10 a share beat.",
        "Acme Corp (ACME) jumped 6.1% following Q3 results.",
    ],
)
def test_a_quarter_named_in_the_cause_does_not_date_the_move(text: str) -> None:
    got = [p for p in _perf(text, dt.date(2025, 10, 24)) if p[1] == 6.1]
    assert [(p[2], p[3]) for p in got] == [("2025-10-24", "2025-10-24")]
