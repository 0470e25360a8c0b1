# ruff: noqa: E501  (a table: one row per line reads best)
"""Periods in quarterly reviews written after the quarter: "the quarter" a review names,
period ends ("at quarter-end", "through month-end"), trailing annualized returns, and spans
from a low through a period's end. Sentences written for this file; the article is dated
2025-10-08, a week into the fourth quarter."""

from __future__ import annotations

import datetime as dt

import pytest

from thesisdesk.settings import PERIOD_SURE_MIN

OCT8 = dt.date(2025, 10, 8)


def _period(text: str, value: float) -> tuple[str | None, str | None, bool]:
    from nlp.extract import extract_claims

    got = [c for c in extract_claims(text, OCT8) if c.value == value]
    assert got, text
    c = got[0]
    sure = c.period_confidence is not None and c.period_confidence >= PERIOD_SURE_MIN
    return (
        c.period_start.isoformat() if c.period_start else None,
        c.period_end.isoformat() if c.period_end else None,
        sure,
    )


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "value", "first", "last"),
    [
        # "the quarter" after a named quarter is that quarter, not the running one
        (
            "Small caps had a strong third quarter. The Russell 2000 advanced 12.4% for the quarter.",
            12.4,
            "2025-07-01",
            "2025-09-30",
        ),
        (
            "3Q25 Small-Cap Review\n\nDuring the quarter, IWM rose 11.9%.",
            11.9,
            "2025-07-01",
            "2025-09-30",
        ),
        (
            "Small caps surged in Q3. Over the quarter the S&P 600 gained 9.1%.",
            9.1,
            "2025-07-01",
            "2025-09-30",
        ),
        (
            "In Q2 the index fell 2.2%, and in the quarter the S&P 600 lost 1.4%.",
            -1.4,
            "2025-04-01",
            "2025-06-30",
        ),
        # with no quarter named, "this quarter" / "the quarter so far" is the running one
        ("IWM is up 3.3% for the quarter so far.", 3.3, "2025-10-01", "2025-10-08"),
        # period ends
        (
            "From its April 8 low through quarter-end, the Russell 2000 gained 44.1%.",
            44.1,
            "2025-04-08",
            "2025-09-30",
        ),
        (
            "From the index's April 8 low through quarter-end, small caps gained 44.2%.",
            44.2,
            "2025-04-09",
            "2025-09-30",
        ),
        ("As of quarter-end, IWM was up 10.4% for the year.", 10.4, "2025-01-01", "2025-09-30"),
        (
            "The Russell 2000's trailing 10-year annualized return stood at 9.8% at quarter-end.",
            9.8,
            "2015-09-30",
            "2025-09-30",
        ),
        # trailing returns with "annualized", "total", "average annual"
        (
            "The Russell 2000's 10-year annualized return was 9.7% through September 30.",
            9.7,
            "2015-09-30",
            "2025-09-30",
        ),
        (
            "IWM posted a 3-year total return of 21% as of Sept. 30.",
            21.0,
            "2022-09-30",
            "2025-09-30",
        ),
    ],
)
def test_quarterly_review_periods(text: str, value: float, first: str, last: str) -> None:
    got = _period(text, value)
    assert got[:2] == (first, last)
    assert got[2], "a period stated this way is sure enough to check"


@pytest.mark.usefixtures("claims_nlp")
def test_a_level_at_the_end_of_the_quarter_is_dated_there() -> None:
    from nlp.extract import extract_claims

    got = [c for c in extract_claims("IWM closed at $241 at the end of the quarter.", OCT8)]
    assert got and got[0].as_of == dt.date(2025, 9, 30)


@pytest.mark.parametrize(
    ("unit", "day", "end"),
    [
        ("quarter", "2025-10-08", "2025-09-30"),
        ("quarter", "2025-09-30", "2025-09-30"),
        ("quarter", "2025-01-02", "2024-12-31"),
        ("month", "2025-10-08", "2025-09-30"),
        ("month", "2025-02-28", "2025-02-28"),
        ("year", "2025-10-08", "2024-12-31"),
        ("year", "2025-12-31", "2025-12-31"),
    ],
)
def test_last_period_end(unit: str, day: str, end: str) -> None:
    from nlp.periods import _last_period_end

    assert _last_period_end(unit, dt.date.fromisoformat(day)) == dt.date.fromisoformat(end)


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        (
            "The Russell 2000 lost about 58% from its July 2007 peak to its March 2009 trough.",
            "2007-07-01",
            "2009-03-31",
        ),
        (
            "The Russell 2000 lost about 28% from its November 2024 high to its April 2025 low.",
            "2024-11-01",
            "2025-04-30",
        ),
    ],
)
def test_a_drawdown_between_two_dated_extremes_spans_them(text: str, first: str, last: str) -> None:
    from nlp.extract import extract_claims

    got = [c for c in extract_claims(text, dt.date(2025, 11, 20)) if c.kind == "performance"]
    assert got and (got[0].period_start, got[0].period_end) == (
        dt.date.fromisoformat(first),
        dt.date.fromisoformat(last),
    )
    # the ends are months: the days are a guess, so the claim is never accused on them
    assert got[0].period_confidence is not None and got[0].period_confidence < PERIOD_SURE_MIN
