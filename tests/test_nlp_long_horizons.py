"""Long-horizon commentary read through the whole extractor (texts written for this test):
a fund's trailing returns said in a line, annualised returns since a launch, one figure
stated for two years, episodes after a dated event, and anchors nobody dates."""

from __future__ import annotations

import datetime as dt

import pytest

from nlp.extract import extract_claims
from thesisdesk.records import Claim

D = dt.date


def _moves(claims: list[Claim]) -> set[tuple[str, float, dt.date | None, dt.date | None]]:
    return {
        (c.subject, float(c.value), c.period_start, c.period_end)
        for c in claims
        if c.kind == "performance" and c.value is not None
    }


@pytest.mark.usefixtures("claims_nlp")
def test_trailing_returns_in_a_line_end_at_the_as_of_day() -> None:
    text = (
        "Average annual total returns for the S&P 600 as of June 30, 2025: "
        "1 year 4.1%, 5 years 10.2%, 10 years 7.7%."
    )
    got = _moves(extract_claims(text, D(2025, 7, 9)))
    assert got == {
        ("^SP600", 4.1, D(2024, 6, 30), D(2025, 6, 30)),
        ("^SP600", 10.2, D(2020, 6, 30), D(2025, 6, 30)),
        ("^SP600", 7.7, D(2015, 6, 30), D(2025, 6, 30)),
    }


@pytest.mark.usefixtures("claims_nlp")
def test_a_span_in_brackets_after_the_figure() -> None:
    text = "IWM's annualized returns at the end of June 2025 were 4.0% (1 year) and 9.9% (5 years)."
    got = _moves(extract_claims(text, D(2025, 7, 9)))
    assert ("IWM", 9.9, D(2020, 7, 9), D(2025, 7, 9)) in got or (
        "IWM",
        9.9,
        D(2020, 6, 30),
        D(2025, 6, 30),
    ) in got


@pytest.mark.usefixtures("claims_nlp")
def test_compounded_since_a_launch_year_through_a_month() -> None:
    text = "Since its launch in 2000, IWM has compounded at about 8% a year through June."
    got = _moves(extract_claims(text, D(2025, 7, 9)))
    assert got == {("IWM", 8.0, D(2000, 1, 1), D(2025, 6, 30))}


@pytest.mark.usefixtures("claims_nlp")
def test_one_figure_for_two_years_is_two_claims() -> None:
    text = "The S&P 600 rose more than 12% in 2019 and again in 2021."
    got = _moves(extract_claims(text, D(2025, 7, 9)))
    assert got == {
        ("^SP600", 12.0, D(2019, 1, 1), D(2019, 12, 31)),
        ("^SP600", 12.0, D(2021, 1, 1), D(2021, 12, 31)),
    }
    # the second year opening its own move keeps that move's figure
    text = "The S&P 600 rose 12% in 2019 and in 2021 it fell 3%."
    got = _moves(extract_claims(text, D(2025, 7, 9)))
    assert got == {
        ("^SP600", 12.0, D(2019, 1, 1), D(2019, 12, 31)),
        ("^SP600", -3.0, D(2021, 1, 1), D(2021, 12, 31)),
    }


@pytest.mark.usefixtures("claims_nlp")
def test_episodes_after_dated_events_and_statistics_after_undated_ones() -> None:
    text = (
        "In the six months after the 2021 peak, IWM slid 18%. "
        "In the 12 months after a first cut, small caps have gained 11% on average."
    )
    claims = extract_claims(text, D(2025, 7, 9))
    got = _moves(claims)
    assert ("IWM", -18.0, D(2021, 11, 8), D(2022, 5, 8)) in got
    assert not [c for c in claims if c.value == 11]  # a statistic, no claim (rule 5)


@pytest.mark.usefixtures("claims_nlp")
def test_an_anchor_nobody_dates_is_undated_not_the_session() -> None:
    claims = extract_claims("IWM has added 6% since the spring sell-off.", D(2025, 7, 9))
    got = [c for c in claims if c.kind == "performance"]
    assert [(c.value, c.period_start, c.period_end) for c in got] == [(6.0, None, None)]


@pytest.mark.usefixtures("claims_nlp")
def test_decades_and_year_spans_in_a_strategist_note() -> None:
    text = (
        "Between 2001 and 2010, the S&P 600 gained 95%. "
        "In the 2010s, IWM returned 150%. "
        "From the financial-crisis low to the end of 2013, the S&P 600 tripled, rising 200%."
    )
    got = _moves(extract_claims(text, D(2025, 7, 9)))
    assert ("^SP600", 95.0, D(2001, 1, 1), D(2010, 12, 31)) in got
    assert ("IWM", 150.0, D(2010, 1, 1), D(2019, 12, 31)) in got
    assert ("^SP600", 200.0, D(2009, 3, 10), D(2013, 12, 31)) in got
