"""Periods a move takes from its context (hand-written texts): a dateline, a bullet heading,
a finished span narrated just before it."""

from __future__ import annotations

import datetime as dt

import pytest

from nlp.extract import extract_claims
from thesisdesk.records import Claim

D = dt.date


def _period(claims: list[Claim], value: float) -> tuple[dt.date | None, dt.date | None]:
    got = [c for c in claims if c.kind == "performance" and c.value == value]
    assert got, [(c.kind, c.subject, c.value) for c in claims]
    return got[0].period_start, got[0].period_end


@pytest.mark.usefixtures("claims_nlp")
def test_a_dateline_over_a_quote_row_dates_its_moves_to_that_day() -> None:
    text = (
        "Stocks drift lower\n\n14-Nov-25 10:30 ET\n"
        "Dow -120.50 at 47100.25, Nasdaq -88.10 at 22900.40\n\n"
        "Small caps are under pressure again this morning."
    )
    claims = extract_claims(text, D(2025, 11, 14))
    assert _period(claims, -120.5) == (D(2025, 11, 14), D(2025, 11, 14))


@pytest.mark.usefixtures("claims_nlp")
def test_a_bullet_heading_dates_the_bullets_under_it() -> None:
    text = (
        "Futures check\n\n"
        "  • Three-month returns\n"
        "    • ES: +4.10%\n"
        "    • RTY: -2.35%\n"
        "  • Year-to-date returns, where RTY still trails:\n"
        "    • ES: +9.80%\n"
        "    • RTY: +1.15%\n"
    )
    claims = extract_claims(text, D(2025, 6, 3))
    assert _period(claims, -2.35) == (D(2025, 3, 3), D(2025, 6, 3))
    assert _period(claims, 1.15) == (D(2025, 1, 1), D(2025, 6, 3))


@pytest.mark.usefixtures("claims_nlp")
def test_a_bare_move_after_a_finished_span_shares_it() -> None:
    text = (
        "The Russell 2000 rose 3.2 percent between Friday, March 7 and Friday, March 14. "
        "The S&P MidCap 400 index advanced 1.9 percent."
    )
    claims = extract_claims(text, D(2025, 3, 18))
    assert _period(claims, 1.9) == (D(2025, 3, 10), D(2025, 3, 14))
    # after a span still running ("so far this year"), a bare "rose" is the session
    text = "The Russell 2000 has gained 6.2% so far this year. The Dow rose 1.1%."
    assert _period(extract_claims(text, D(2025, 3, 3)), 1.1) == (D(2025, 3, 3), D(2025, 3, 3))


@pytest.mark.usefixtures("claims_nlp")
def test_a_distance_from_a_high_named_with_its_day_runs_from_that_day() -> None:
    text = "The iShares Russell 2000 ETF (IWM) closed 9.5% below its intraday high on November 25."
    c = next(x for x in extract_claims(text, D(2024, 12, 19)) if x.kind == "performance")
    assert (c.role, c.value) == ("from_high", -9.5)
    assert (c.period_start, c.period_end, c.period_base) == (
        D(2024, 11, 25),
        D(2024, 12, 19),
        "start_close",
    )


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    "text",
    [
        "The Russell 2000 rose 0.6% on Tuesday, set to break a three-day losing streak.",
        "The Russell 2000 is on track to snap a three-day losing streak.",
    ],
)
def test_a_streak_about_to_break_ran_to_the_session_before(text: str) -> None:
    c = next(x for x in extract_claims(text, D(2025, 12, 9)) if x.value == 3.0)
    assert (c.period_start, c.period_end) == (D(2025, 12, 4), D(2025, 12, 8))
