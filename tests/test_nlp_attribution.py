"""Period, subject and role attribution per figure (hand-written sentences).

Each case is a mechanism that used to give a false flag: a figure took another clause's
period, a "since <date>" span was read as that one day, a change from a dated level was
read as a one-day move, "the index" took the wrong name, a buy zone became the price.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nlp.extract import extract_claims
from nlp.periods import find_periods
from thesisdesk.records import Claim

D = dt.date(2025, 6, 13)  # a Friday


def _one(claims: list[Claim], kind: str, value: float) -> Claim:
    got = [
        c for c in claims if c.kind == kind and c.value is not None and abs(c.value - value) < 1e-6
    ]
    assert got, [(c.kind, c.subject, c.value, c.period_start) for c in claims]
    return got[0]


# --- periods.py: "since <date>" / event-relative spans (fast) ---------------------------


@pytest.mark.parametrize(
    ("text", "first", "last", "base"),
    [
        (
            "since the central bank's last hike on March 4, the stock rose",
            "2025-03-04",
            "2025-06-13",
            "start_close",
        ),
        ("since that April 7 bottom it has doubled", "2025-04-07", "2025-06-13", "start_close"),
        ("up 9% since May 30", "2025-05-30", "2025-06-13", "start_close"),
        ("since the end of March it rose", "2025-04-01", "2025-06-13", "prior_close"),
    ],
)
def test_since_a_day_starts_on_that_day_and_its_close(
    text: str, first: str, last: str, base: str
) -> None:
    found = [p for p in find_periods(text, D) if p.first is not None]
    assert found, text
    got = (found[0].first.isoformat(), found[0].last.isoformat(), found[0].base)
    assert got == (first, last, base)


def test_since_an_event_without_a_day_is_left_unresolved() -> None:
    ps = find_periods("Since the ECB's surprise cut in April, the index has added 6%.", D)
    assert [p.kind for p in ps] == ["since_event"]
    assert ps[0].first is None


def test_a_gain_in_n_sessions_but_not_a_cut_in_n_weeks() -> None:
    (p,) = find_periods("That makes a 4% gain in three sessions for the index.", D)
    assert (p.first, p.last) == (dt.date(2025, 6, 11), D)
    assert find_periods("traders see a cut in two weeks", D) == []


def test_same_period_and_named_weeks() -> None:
    assert [p.kind for p in find_periods("gained 3% over the same period", D)] == ["same"]
    # a named holiday's week is that holiday's (the calendar fixes it), not the running week:
    # in June, last December's
    (week,) = find_periods("it rose 4% in the holiday-shortened Christmas week alone", D)
    assert (week.first, week.last) == (dt.date(2024, 12, 23), dt.date(2024, 12, 27))
    (week,) = find_periods("it rose 4% in the holiday-shortened week alone", D)
    assert (week.first, week.last) == (dt.date(2025, 6, 9), D)


# --- extraction (loads spaCy) -------------------------------------------------------------


@pytest.mark.usefixtures("claims_nlp")
def test_a_possessive_day_dates_only_its_own_figure() -> None:
    text = (
        "Stocks rallied on Friday.\n\n"
        "The S&P 500 added 1.2% and the Nasdaq 100 climbed 1.8%, erasing Thursday's 0.9% drop."
    )
    claims = extract_claims(text, D)
    assert _one(claims, "performance", 1.2).period_start == D
    assert _one(claims, "performance", 1.8).period_start == D
    assert _one(claims, "performance", -0.9).period_start == dt.date(2025, 6, 12)


@pytest.mark.usefixtures("claims_nlp")
def test_a_day_for_another_figure_does_not_move_the_session() -> None:
    text = (
        "Odds of a July cut rose to 70%, from 55% on Wednesday.\n\n"
        "The Russell 2000 jumped 2.1% to 2,150.30."
    )
    claims = extract_claims(text, D)
    assert _one(claims, "performance", 2.1).period_start == D


@pytest.mark.usefixtures("claims_nlp")
def test_a_modifier_period_dates_no_figure() -> None:
    text = "For the week, the Russell 2000 fell 3.1%, wiping out its entire May gain."
    c = _one(extract_claims(text, D), "performance", -3.1)
    assert c.period_start == dt.date(2025, 6, 9) and c.period_end == D


@pytest.mark.usefixtures("claims_nlp")
def test_since_a_dated_event_and_an_undated_one() -> None:
    text = (
        "Since the central bank's hike on March 4, Tesla has lost 12%. "
        "Since the ECB's surprise cut in April, the Russell 2000 has gained 6.5%."
    )
    claims = extract_claims(text, D)
    c = _one(claims, "performance", -12.0)
    assert (c.period_start, c.period_end, c.period_base) == (dt.date(2025, 3, 4), D, "start_close")
    undated = _one(claims, "performance", 6.5)
    assert undated.period_start is None and undated.period_base is None


@pytest.mark.usefixtures("claims_nlp")
def test_change_from_a_dated_close_is_a_distance_from_that_level() -> None:
    text = "Nvidia (NVDA) is down about 18% from its February 10 close of $140.50."
    claims = extract_claims(text, D)
    c = _one(claims, "performance", -18.0)
    assert c.role == "from_high"
    assert (c.period_start, c.period_end) == (dt.date(2025, 2, 10), D)
    level = _one(claims, "price_level", 140.50)
    assert level.role == "high" and level.as_of == dt.date(2025, 2, 10)


@pytest.mark.usefixtures("claims_nlp")
def test_a_past_peak_is_not_the_current_price() -> None:
    text = "The S&P 500 sits 6% below its record close of 6,144.15 from February."
    claims = extract_claims(text, D)
    level = _one(claims, "price_level", 6144.15)
    assert level.role == "high" and level.as_of != D
    assert _one(claims, "performance", -6.0).period_start == dt.date(2025, 2, 1)


@pytest.mark.usefixtures("claims_nlp")
def test_the_index_is_the_sentence_subject_not_a_possessive() -> None:
    text = (
        "The Nasdaq 100 ended May with a gain of 9.0%, beating the S&P 500's 6.2% rise, "
        "and the index fell 0.4% on Friday alone."
    )
    c = _one(extract_claims(text, D), "performance", -0.4)
    assert c.subject == "^NDX"


@pytest.mark.usefixtures("claims_nlp")
def test_zones_and_bands_are_not_the_current_price() -> None:
    text = (
        "Our plan for Tesla: buy dips into the $280-$290 zone.\n\n"
        "Resistance: $330 first, then the $345-$350 band."
    )
    claims = extract_claims(text, D)
    ranges = {(c.low, c.high): c.role for c in claims if c.kind == "price_level" and c.low}
    assert ranges[(280.0, 290.0)] == "entry"
    assert ranges[(345.0, 350.0)] == "resistance"


@pytest.mark.usefixtures("claims_nlp")
def test_a_close_before_a_moving_average_is_the_close() -> None:
    text = "Tesla's $301.10 close sits below its 200-day moving average near $315."
    claims = extract_claims(text, D)
    assert _one(claims, "price_level", 301.10).role == "current"
    assert _one(claims, "price_level", 315.0).role == "moving_average"


@pytest.mark.usefixtures("claims_nlp")
def test_a_heading_dates_the_list_under_it() -> None:
    text = (
        "Year in review\n\nReturns (price, 2024)\n"
        "S&P 500: 5,881.63, +23.31%\nNasdaq 100: 21,012.17, +24.88%\n"
    )
    claims = extract_claims(text, dt.date(2024, 12, 31))
    c = _one(claims, "performance", 23.31)
    assert (c.period_start, c.period_end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


@pytest.mark.usefixtures("claims_nlp")
def test_an_ended_streak_stops_before_this_month() -> None:
    text = "Tesla's 4% drop in June ended its five-month winning streak."
    claims = extract_claims(text, D)
    (streak,) = [c for c in claims if c.role == "streak"]
    assert (streak.period_start, streak.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 5, 31))


@pytest.mark.usefixtures("claims_nlp")
def test_a_total_spans_every_period_named_before_it() -> None:
    text = (
        "The Fed cut by 50 basis points in September 2024 and by 25 in November, "
        "a total of 75 basis points."
    )
    claims = extract_claims(text, D)
    c = _one(claims, "rate_decision", -75.0)
    assert (c.period_start, c.period_end) == (dt.date(2024, 9, 1), dt.date(2024, 11, 30))


@pytest.mark.usefixtures("claims_nlp")
def test_same_period_takes_the_span_named_before() -> None:
    text = (
        "The S&P 500 rose 10.6% in the second quarter. "
        "The Russell 1000 gained 11.1% over the same period."
    )
    c = _one(extract_claims(text, dt.date(2025, 7, 2)), "performance", 11.1)
    assert (c.period_start, c.period_end) == (dt.date(2025, 4, 1), dt.date(2025, 6, 30))


@pytest.mark.usefixtures("claims_nlp")
def test_earlier_in_the_month_dates_an_event_not_the_move() -> None:
    text = (
        "Stocks fell on Friday.\n\n"
        "Small caps slipped 0.7% after the index's run to highs earlier in the month."
    )
    c = _one(extract_claims(text, D), "performance", -0.7)
    assert c.period_start == D
