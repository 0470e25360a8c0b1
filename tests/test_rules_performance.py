"""Rules for performance, each called on its own (``nlp/rules/performance.py``)."""

from __future__ import annotations

import pytest
from rule_context import figure

from nlp.rules import performance
from nlp.rules.registry import NO_CLAIM

MOVE = ("performance", None)
CASES = [
    (performance.yield_move, "The two-year yield dropped 15 basis points.", "15", MOVE),
    (
        performance.relative_points,
        "IWM beat SPY by 4.2 points in October.",
        "4.2",
        ("performance", "relative"),
    ),
    (
        performance.relative_points,
        "The value index returned 9.1%, 2.3 points ahead of the growth index.",
        "2.3",
        ("performance", "relative"),
    ),
    (
        performance.relative_points,
        "Microcaps finished 0.8 points behind the S&P 600.",
        "0.8",
        ("performance", "relative"),
    ),
    (performance.relative_points, "The index sits 12 points above 2,400.", "12", None),
    (performance.point_move, "The Russell 2000 gained 31 points on Monday.", "31", MOVE),
    (performance.points_then_direction, "The index closed 22 points higher at 2,410.", "22", MOVE),
    (performance.points_then_direction, "The index sits 22 points from 2,410.", "22", None),
    (performance.signed_points, "Russell 2000 2,391.02 (-12.3 points)", "12.3", MOVE),
    (performance.signed_points, "The index added 12.3 points.", "12.3", None),
    (
        performance.point_move_wide,
        "The index gave back its early gains, closing 41 points.",
        "41",
        MOVE,
    ),
    (performance.streak, "IWM rose for six straight weeks.", "six", ("performance", "streak")),
    # an ordinal, a move noun and "in a row": a run of sessions, weeks or months
    (
        performance.streak,
        "The gauge logged its fourth weekly advance in a row.",
        "fourth",
        ("performance", "streak"),
    ),
    (
        performance.streak,
        "Shares of the lender fell, a sixth drop in a row.",
        "sixth",
        ("performance", "streak"),
    ),
    (performance.streak, "The Fed held for a third straight meeting.", "third", None),
    (performance.other_count, "It was the third straight meeting on hold.", "third", NO_CLAIM),
    (performance.from_high, "IWM is 9% below its record high.", "9%", ("performance", "from_high")),
    (
        performance.from_high,
        "IWM is within 3% of its record.",
        "3%",
        ("performance", "from_high"),
    ),
    (
        performance.from_high,
        "The contract still trades 14% below its ATH of 2,650.",
        "14%",
        ("performance", "from_high"),
    ),
    (performance.from_high, "It is 4% away from its record.", "4%", ("performance", "from_high")),
    (
        performance.from_high,
        "It is 4% shy of the all-time high.",
        "4%",
        ("performance", "from_high"),
    ),
    (performance.from_low, "It sits 31% above its spring lows.", "31%", MOVE),
    (performance.from_low, "It sits 31% above its 200-day average.", "31%", None),
    (performance.not_a_move, "The setup has a 58% hit rate.", "58%", NO_CLAIM),
    (performance.not_a_move, "Banks are a 17% weight in the index.", "17%", NO_CLAIM),
    (performance.not_a_move, "Banks, a big weight, fell 2.3% on Friday.", "2.3%", None),
    (performance.not_a_move, "IWM fell 1.2% on Friday as yields rose.", "1.2%", None),
    # a signed figure closing an aside is its own move; the yields belong to the next clause
    (
        performance.not_a_move,
        "Small caps slid (IWM -1.1%, S&P 600 -0.7%) as yields rose.",
        "0.7%",
        None,
    ),
    (
        performance.not_a_move,
        "Stocks were mixed (10-year yield +0.05%) on Friday.",
        "0.05%",
        NO_CLAIM,
    ),
    (performance.not_a_move, "The dividend yield is 3.1% today.", "3.1%", NO_CLAIM),
    (performance.not_a_move, "It pays 2.4% in dividends as a yield.", "2.4%", NO_CLAIM),
    (performance.statistic, "Small caps typically gain 12% after a first cut.", "12%", NO_CLAIM),
    # an average's name is no statistic: the Dow's transport and utility gauges
    (performance.statistic, "The Dow Jones Transportation Average shed 1.3%.", "1.3%", None),
    (performance.statistic, "The Dow Jones Utility Average added 0.6% today.", "0.6%", None),
    (
        performance.relative,
        "Small caps outperformed large caps by 5.5% in July.",
        "5.5%",
        ("performance", "relative"),
    ),
    (
        performance.relative_pp,
        "IWM finished 3 percentage points ahead of SPY.",
        "3 percentage points",
        ("performance", "relative"),
    ),
    # a numbers box: the figure, then the move it measures after a colon or a dash
    (
        performance.figure_first,
        "8.7%: the S&P 600's total return in the second quarter",
        "8.7%",
        MOVE,
    ),
    (performance.figure_first, "-2.2% - IWM's loss for the week", "2.2%", MOVE),
    (
        performance.figure_first,
        "6.1%: the Russell 2000's drop from its November record",
        "6.1%",
        ("performance", "from_high"),
    ),
    (performance.figure_first, "1.6%: the S&P 600's dividend yield", "1.6%", None),
    (performance.figure_first, "41%: the share of members with no profits", "41%", None),
    # what was halved or doubled is a rate, a loss or a position, not the price
    (performance.metric_not_move, "The ECB has halved its deposit rate.", "halved", NO_CLAIM),
    (performance.metric_not_move, "The fund doubled its position in IWM.", "doubled", NO_CLAIM),
    (performance.metric_not_move, "Plug Power has halved since March.", "halved", None),
    (performance.move, "The Russell 2000 surged 4.6% last week.", "4.6%", MOVE),
    (performance.move, "Russell 2000: +1.3% on the day.", "1.3%", MOVE),
    (performance.move, "About 40% of the index has no earnings.", "40%", None),
    (performance.move, "Mortgage rates eased to 6.2% for a 30-year loan.", "6.2%", None),
    (performance.move, "Jobless claims rose to 4.4% of the labor force.", "4.4%", None),
    (performance.move, "The S&P 500 eased 0.2% on the day.", "0.2%", MOVE),
    # a minus written on the figure is a sign, as a plus before it is
    (performance.move, "Weekly laggards: Zebra Tools (ZBRA) -7.5%", "7.5%", MOVE),
    (performance.move, "Futures: NQ -1.25%, YM +0.40%", "1.25%", MOVE),
    (performance.period_return, "IonQ is 85% year-to-date.", "85%", MOVE),
    # a fund page's trailing returns said in a line: each figure under its span's label
    (
        performance.span_label,
        "Annualized returns for IWM as of June 30: 1 year 7.5%, 5 years 10.1%.",
        "10.1%",
        MOVE,
    ),
    (performance.span_label, "Trailing returns: 3-yr: 12.0%, 10-yr: 8.2%.", "8.2%", MOVE),
    (performance.span_label, "Its returns were 6.4% (3 years) and 7.9% (10 years).", "6.4%", MOVE),
    (performance.span_label, "About 40% of members are 5 years old.", "40%", None),
    (performance.span_label, "IWM calendar-year returns: 2023 16.8%, 2024 11.3%.", "11.3%", MOVE),
    (performance.span_label, "The fund's returns: 1 year 7.5 points.", "7.5 points", None),
    (
        performance.compounded,
        "IWM has compounded at roughly 8% a year since 2000.",
        "8%",
        MOVE,
    ),
    (performance.compounded, "Earnings compounded at an annual rate of 9%.", "9%", MOVE),
    (performance.compounded, "The index rose 9% and compounded gains.", "9%", None),
    # "average annual total returns for X as of ...": a fund's trailing returns, no statistic
    (
        performance.statistic,
        "Average annual total returns for IWM as of June 30: 1 year 7.5%.",
        "7.5%",
        None,
    ),
    (
        performance.statistic,
        "Small caps post an average annual gain of 14% after a first cut.",
        "14%",
        NO_CLAIM,
    ),
    (
        performance.respective,
        "It beat the Dow and S&P's 0.2% and 0.6% respective gains.",
        "0.2%",
        MOVE,
    ),
    (performance.respective, "Their respective weights are 3% and 5%.", "3%", None),
]


@pytest.mark.parametrize(("rule", "text", "at", "expected"), CASES)
def test_performance_rule(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("Dow -118.20 at 44,010.55, S&P +31.10 at 6,002.40", "118.20", ("performance", None)),
        ("Dow -118.20 at 44,010.55, S&P +31.10 at 6,002.40", "31.10", ("performance", None)),
        ("The index sits near 2,310 at the open.", "2,310", None),
    ],
)
def test_signed_tape(text: str, at: str, expected: object) -> None:
    assert performance.signed_tape(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("The ETF sits 4% below its $231.50 peak.", "4%", ("performance", "from_high")),
        ("The index is 9% off the 2,466 record.", "9%", ("performance", "from_high")),
        ("The ETF rose 4% to its $231.50 peak.", "4%", None),
    ],
)
def test_from_named_high(text: str, at: str, expected: object) -> None:
    assert performance.from_named_high(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("It traded 3.4% below the previous close.", "3.4%", MOVE),
        ("It sat 1.1% above its prior close.", "1.1%", MOVE),
        ("It sat 1.1% above its 50-day average.", "1.1%", None),
        # the distance of a target from the close is no move
        ("The $200 target, a level that sits 22% above the day's close.", "22%", None),
        ("IWM, which sits 1.1% above its prior close, leads.", "1.1%", MOVE),
    ],
)
def test_vs_last_close(text: str, at: str, expected: object) -> None:
    assert performance.vs_last_close(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("Comparable sales rose 3.1%; the Street consensus was up 2.4%.", "2.4%", NO_CLAIM),
        ("The retailer's revs +4.6% yr/yr beat the estimate.", "4.6%", NO_CLAIM),
        ("The toolmaker posted a 38% increase in new orders.", "38%", NO_CLAIM),
        ("Analysts' forecasts call for +6% in the quarter.", "6%", NO_CLAIM),
        ("The lender's market share has decreased by 1.4% this year.", "1.4%", NO_CLAIM),
        ("The miner saw a 41 percent increase in fourth-quarter profit.", "41 percent", NO_CLAIM),
        ("A broker doubled its price target on the biotech to $12.", "doubled", NO_CLAIM),
        ("Kratos (KTOS) doubled in 2025.", "doubled", None),
        # a stock's or an index's move with a metric elsewhere in the sentence stays a move
        ("The stock jumped 12% after revenue beat estimates.", "12%", None),
        ("IWM fell 1.8% as earnings disappointed.", "1.8%", None),
        ("Shares rallied 9% on the sales beat.", "9%", None),
    ],
)
def test_metric_not_move(text: str, at: str, expected: object) -> None:
    assert performance.metric_not_move(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("Small caps cheer the Fed's move to a 3.75% range.", "3.75%", NO_CLAIM),
        ("After the cut, policy sits in a 3.5% target range.", "3.5%", NO_CLAIM),
        # a move in a sentence about the Fed is still a move
        ("The Russell 2000 jumped 2.1% after the Fed cut rates.", "2.1%", None),
    ],
)
def test_policy_level(text: str, at: str, expected: object) -> None:
    assert performance.policy_level(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        # a stock's payout said with the verb: no move of a yield
        ("The lender fetches 11 times earnings and yields 1.5%.", "1.5%", NO_CLAIM),
        ("The trust, yielding about 6%, trades below its NAV.", "6%", None),
        # a yield's move stays a move
        (
            "The 10-year yield fell 12 basis points on Friday.",
            "12 basis points",
            ("performance", None),
        ),
    ],
)
def test_val_a_yield_said_as_a_verb_is_no_move(text: str, at: str, expected: object) -> None:
    assert performance.yield_move(figure(text, at)) == expected
