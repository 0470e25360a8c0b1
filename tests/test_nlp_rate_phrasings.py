"""Rate decisions and expectations in the phrasings of wires, Fed previews and FedWatch
recaps, read end to end (sentences written here; issue 11's families)."""

from __future__ import annotations

import datetime as dt

import pytest

from nlp.extract import extract_claims
from nlp.numbers import find_quantities
from thesisdesk.records import Claim

THU = dt.date(2025, 12, 11)  # the morning after the 2025-12-10 decision


def _rates(text: str, published: dt.date = THU) -> list[Claim]:
    return [c for c in extract_claims(text, published) if c.subject == "FEDFUNDS"]


def _one(claims: list[Claim], kind: str, **want: object) -> Claim:
    hits = [
        c for c in claims if c.kind == kind and all(getattr(c, k) == v for k, v in want.items())
    ]
    assert len(hits) == 1, (kind, want, claims)
    return hits[0]


@pytest.mark.parametrize(
    ("text", "unit", "value", "low", "high"),
    [
        ("three consecutive quarter-point cuts", "bp", 75.0, None, None),
        ("two more 25 bp hikes", "bp", 50.0, None, None),
        ("back-to-back rate cuts", "count", 2.0, None, None),
        ("another cut is expected", "count", 1.0, None, None),
        ("one more quarter-point reduction", "bp", 25.0, None, None),
        ("one half-point hike", "bp", 50.0, None, None),
        ("a half-a-percentage point reduction", "bp", 50.0, None, None),
        ("a 70-30 split between a cut and a hold", "odds", None, 70.0, 30.0),
    ],
)
def test_rate_quantities(
    text: str, unit: str, value: float | None, low: float | None, high: float | None
) -> None:
    (q,) = find_quantities(text)
    assert (q.unit, q.value, q.low, q.high) == (unit, value, low, high)


def test_a_move_in_percent_and_the_range_it_reached_are_two_figures() -> None:
    qs = find_quantities("The Fed cut rates by 0.25% to 3.50%-3.75% on Wednesday.")
    assert [(q.value, q.low, q.high) for q in qs] == [(0.25, None, None), (None, 3.5, 3.75)]
    # a range of moves is still one range
    (q,) = find_quantities("Shares rose by 2% to 3% today.")
    assert (q.low, q.high) == (2.0, 3.0)


def test_cumulative_moves_are_decisions_over_the_months_named() -> None:
    quarter = _rates(
        "The Fed delivered three consecutive quarter-point cuts in the fourth quarter of 2025.",
        dt.date(2026, 1, 20),
    )
    c = _one(quarter, "rate_decision", value=-75.0)
    assert (c.period_start, c.period_end) == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    pair = _rates("Back-to-back cuts in September and October brought relief to lenders.")
    c = _one(pair, "rate_decision", value=2.0)
    assert (c.unit, c.period_start, c.period_end) == (
        "count",
        dt.date(2025, 9, 1),
        dt.date(2025, 10, 31),
    )
    hikes = _rates("Two consecutive 75-basis-point hikes in June and July 2022 hurt small caps.")
    c = _one(hikes, "rate_decision", value=150.0)
    assert (c.period_start, c.period_end, c.stance) == (
        dt.date(2022, 6, 1),
        dt.date(2022, 7, 31),
        "bearish",
    )


def test_totals_span_the_months_or_the_year_they_add_up() -> None:
    listed = _rates("The cuts in October and December added up to 50 basis points.", THU)
    c = _one(listed, "rate_decision", value=-50.0)
    assert (c.comparator, c.period_start, c.period_end) == (
        "eq",
        dt.date(2025, 10, 1),
        dt.date(2025, 12, 31),
    )
    after = _rates(
        "The Fed lowered rates by a combined 50 basis points at its November and "
        "December 2024 meetings."
    )
    c = _one(after, "rate_decision", value=-50.0)
    assert (c.period_start, c.period_end) == (dt.date(2024, 11, 1), dt.date(2024, 12, 31))
    year = _rates("The Fed delivered three rate cuts in 2024, worth 100 basis points in all.")
    assert {(c.value, c.unit, c.period_start, c.period_end) for c in year} == {
        (3.0, "count", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        (-100.0, "bp", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    }


def test_a_decision_in_percent_with_its_new_range_on_the_decision_day() -> None:
    claims = _rates("The Fed cut rates by 0.25% to 3.50%-3.75% on Wednesday.")
    move = _one(claims, "rate_decision", value=-25.0)
    rng = _one(claims, "rate_decision", low=3.5, high=3.75)
    assert move.unit == "bp" and move.stance == "bullish"
    assert move.period_start == move.period_end == rng.period_start == dt.date(2025, 12, 10)


def test_holds_without_a_figure_and_on_the_decision_day() -> None:
    (c,) = _rates("Fed keeps interest rates unchanged as inflation lingers")
    assert (c.kind, c.value, c.period_start) == ("rate_decision", 0.0, dt.date(2025, 12, 10))
    (c,) = _rates(
        "Officials opted to leave interest rates unchanged at the close of their March meeting.",
        dt.date(2025, 3, 20),
    )
    assert (c.period_start, c.period_end) == (dt.date(2025, 3, 1), dt.date(2025, 3, 31))
    assert _rates("The Fed is expected to keep rates unchanged in January.") == []
    # "a day after" in a Thursday recap: Wednesday's decision, not Thursday
    (c,) = _rates(
        "Stocks rallied on Thursday, a day after the Fed delivered a half-point cut.",
        dt.date(2024, 9, 19),
    )
    assert (c.value, c.period_start) == (-50.0, dt.date(2024, 9, 18))


def test_expectations_counts_paths_and_odds() -> None:
    c = _one(
        _rates(
            "Following the October cut, the benchmark now stands at 3.75% to 4.00%, "
            "with another cut expected in December."
        ),
        "rate_expectation",
    )
    assert (c.value, c.unit) == (1.0, "count")
    _one(
        _rates(
            "Following the October cut, the benchmark now stands at 3.75% to 4.00%, "
            "with another cut expected in December."
        ),
        "rate_decision",
        low=3.75,
        high=4.0,
    )
    c = _one(
        _rates("The Fed forecast rates to fall by another 50 bps by year-end."), "rate_expectation"
    )
    assert (c.value, c.unit, c.stance) == (-50.0, "bp", "bullish")
    c = _one(
        _rates("Officials indicated that two quarter-point cuts were likely later this year."),
        "rate_expectation",
    )
    assert (c.value, c.unit) == (-50.0, "bp")
    odds = _rates(
        "There is a 12% probability for a 3.25% to 3.50% range "
        "and a 9% probability for 3.75% to 4.00%."
    )
    assert sorted((c.probability, c.low, c.high) for c in odds) == [
        (9.0, 3.75, 4.0),
        (12.0, 3.25, 3.5),
    ]
    assert all(c.kind == "rate_expectation" for c in odds)
    hold = _one(
        _rates("The odds of a hold rose to 85% for the January meeting."), "rate_expectation"
    )
    assert (hold.value, hold.probability) == (0.0, 85.0)
    split = _rates("Fed funds futures show a 70-30 split between a cut and a hold in December.")
    assert sorted((c.probability, c.value) for c in split) == [(30.0, 0.0), (70.0, -25.0)]


@pytest.mark.parametrize(
    "text",
    [
        "Without at least one more cut by mid-2026, small-cap earnings could come under pressure.",
        "If the Fed delivers two more cuts, the Russell 2000 could retest its highs.",
        "Should policymakers cut by 50 basis points, regional banks would feel the squeeze.",
        "Unless the Fed cuts twice next year, refinancing costs will stay high.",
    ],
)
def test_a_supposed_move_is_no_claim(text: str) -> None:
    assert _rates(text) == []


def test_a_range_points_the_way_of_the_move_it_came_with() -> None:
    held = _rates("The Fed left its benchmark rate unchanged in the 4.25 to 4.50 per cent range.")
    assert _one(held, "rate_decision", low=4.25, high=4.5).stance == "neutral"
    cut = _rates("The Fed cut rates by 0.25% to 3.50%-3.75% on Wednesday.")
    assert _one(cut, "rate_decision", low=3.5, high=3.75).stance == "bullish"
    odds = _rates(
        "There is a real chance of rates dropping further, with 24.4% probability for a "
        "2.75% to 3.00% range."
    )
    assert _one(odds, "rate_expectation", low=2.75, high=3.0).stance == "bullish"


@pytest.mark.parametrize(
    ("text", "symbol"),
    [
        ("The yield on the 10-year Treasury fell 12 basis points last week to 4.05%.", "DGS10"),
        ("Ten-year Treasury yields climbed 9 basis points to 4.2%.", "DGS10"),
        ("The yield on the two-year note slid 6 basis points to 3.48%.", "DGS2"),
    ],
)
def test_yields_named_with_of_and_plural_link(text: str, symbol: str) -> None:
    got = {c.subject for c in extract_claims("Small caps rose 2% on the week. " + text, THU)}
    assert symbol in got and "^RUT" not in got and "small caps" in got, got


def test_a_yield_nobody_links_does_not_fall_to_the_index_talked_about() -> None:
    text = (
        "The Russell 2000 rose 2% on the week. "
        "The yield on the 30-year bond fell 12 basis points to 4.65%."
    )
    got = [(c.subject, c.value) for c in extract_claims(text, THU)]
    assert got == [("^RUT", 2.0)], got


def test_a_fall_said_with_an_auxiliary_is_a_cut() -> None:
    """ "has come down 175 basis points since September 2024": the rate fell (the sign was
    lost when a helper verb stood between the rate and its verb)."""
    c = _one(
        _rates("The federal funds rate has come down 175 basis points since September 2024."),
        "rate_decision",
    )
    assert c.value == -175.0
    raised = _one(_rates("The policy rate was raised 50 basis points in May."), "rate_decision")
    assert raised.value == 50.0


def test_the_odds_of_another_move_are_a_rate_expectation() -> None:
    """After a cut, "a 22% chance of another move" is the odds on the next policy move, not
    a price target of whatever the article discusses."""
    text = (
        "The Fed cut again on Wednesday. "
        "For January, traders see only a 22% chance of another move."
    )
    claims = extract_claims(text, THU)
    assert not [c for c in claims if c.kind == "price_target"]
    _one([c for c in claims if c.subject == "FEDFUNDS"], "rate_expectation", probability=22.0)


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The Fed has taken 125 basis points off its policy rate since 2024.", -125.0),
        ("Policymakers have delivered 75 basis points of easing this autumn.", -75.0),
        ("The Fed delivered 425 basis points of tightening in 2022.", 425.0),
    ],
)
def test_the_noun_after_a_move_in_basis_points_signs_it(text: str, value: float) -> None:
    _one(_rates(text), "rate_decision", value=value)
