"""Misreads that used to turn honest figures into flags, each held by a sentence written here.

Each test reads a hand-written sentence through the whole extractor and asserts what the claim
must (or must not) be: a forecast is a target, a breadth figure or a chart ratio is no move,
a sector inside an index is not the index (unsure subject), a lost sign is kept, a figure in an
"after ..." clause lends its day to no other figure, and "by the close" is one session.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nlp.extract import INFERRED_PERIOD_MAX, extract_claims
from thesisdesk.records import Claim
from thesisdesk.settings import PERIOD_SURE_MIN, SUBJECT_SURE_MIN

pytestmark = pytest.mark.usefixtures("claims_nlp")
DAY = dt.date(2025, 11, 14)  # a Friday


def _claims(text: str, day: dt.date = DAY) -> list[Claim]:
    return extract_claims(text, day)


def _with(claims: list[Claim], value: float) -> list[Claim]:
    return [c for c in claims if c.value is not None and abs(abs(c.value) - value) < 1e-9]


def test_forecasts_are_targets_not_moves() -> None:
    for text, value in [
        ("One strategist believes the Russell 2000 will be up 40% next year.", 40.0),
        ("The S&P 600 is expected to advance 5.1% over the rest of the year.", 5.1),
        ("Small Caps Tipped To Beat Large Caps With 14% Upside In 2026", 14.0),
    ]:
        got = _with(_claims(text), value)
        assert got, text
        assert all(c.kind == "price_target" for c in got), (text, [c.kind for c in got])


def test_breadth_and_chart_ratios_are_no_moves() -> None:
    text = (
        "The Russell 2000 fell 2.2% on Friday, with 55% of its members now down more than "
        "15% from their six-month highs."
    )
    claims = _claims(text)
    assert not _with(claims, 15.0), [(c.kind, c.value) for c in claims]
    assert [c.value for c in claims if c.kind == "performance"] == [-2.2]
    claims = _claims("IWM is sitting on a 61.8% retracement of its spring advance.")
    assert not [c for c in claims if c.kind == "performance"]


def test_a_sector_inside_the_index_is_an_unsure_subject() -> None:
    claims = _claims("The energy sector in the S&P 600 has climbed about 6% this year.")
    got = _with(claims, 6.0)
    assert got and all((c.subject_confidence or 0) < SUBJECT_SURE_MIN for c in got)
    claims = _claims("The S&P 600 has climbed about 6% this year.")
    got = _with(claims, 6.0)
    assert got and all((c.subject_confidence or 0) >= SUBJECT_SURE_MIN for c in got)


def test_fallen_keeps_its_sign() -> None:
    got = _with(_claims("The Russell 2000 has fallen roughly 4% this year."), 4.0)
    assert got and got[0].value == -4.0
    got = _with(_claims("Small caps have risen 7% so far this year."), 7.0)
    assert got and got[0].value == 7.0


def test_a_figure_after_after_lends_no_period() -> None:
    text = (
        "The Russell 2000 ended with an 11.2% gain, after being down as much as 6.4% "
        "on Oct. 20."
    )
    got = _with(_claims(text), 11.2)
    assert got
    c = got[0]
    assert (c.period_start, c.period_end) != (dt.date(2025, 10, 20), dt.date(2025, 10, 20))
    assert c.period_start is None or (c.period_confidence or 0) < PERIOD_SURE_MIN


def test_a_period_shared_by_parallel_figures_is_inferred() -> None:
    got = _with(_claims("IWM rose 6% in October, beating SPY's 2.3%."), 2.3)
    assert got and got[0].period_start == dt.date(2025, 10, 1)
    assert (got[0].period_confidence or 0) <= INFERRED_PERIOD_MAX


def test_by_the_close_is_the_session_the_text_named() -> None:
    text = "On Wednesday the Dow started higher.\n\nIt lost 0.8% by the close, after the CPI data."
    got = _with(_claims(text), 0.8)
    assert got and (got[0].period_start, got[0].period_end) == (
        dt.date(2025, 11, 12),
        dt.date(2025, 11, 12),
    )


def test_finished_the_year_is_last_year_early_in_the_next() -> None:
    got = _with(_claims("The S&P 500 finished the year up 16.4%.", dt.date(2026, 1, 8)), 16.4)
    assert got and (got[0].period_start, got[0].period_end) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 12, 31),
    )


def test_since_a_close_is_not_a_close_basis() -> None:
    got = _with(_claims("IONQ is now up 41.5% since last Friday's close."), 41.5)
    assert got and got[0].basis is None


def test_a_period_bound_to_its_own_figure_is_not_shared() -> None:
    text = "IWM climbed 2.6% to a record, lifting its year-to-date gain toward 19%."
    claims = _claims(text)
    ytd = _with(claims, 19.0)
    assert ytd and ytd[0].period_start == dt.date(2025, 1, 1)
    day = _with(claims, 2.6)
    assert day and day[0].period_start != dt.date(2025, 1, 1)
