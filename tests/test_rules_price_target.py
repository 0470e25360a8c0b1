"""Rules for price targets, each called on its own (``nlp/rules/price_target.py``)."""

from __future__ import annotations

import pytest
from rule_context import figure

from nlp.rules import price_target
from nlp.rules.registry import NO_CLAIM

CASES = [
    (price_target.target, "We set a price target of $275 on IWM.", "$275", ("price_target", None)),
    (
        price_target.target,
        "The index could drop to 2,250 in a sell-off.",
        "2,250",
        ("price_target", None),
    ),
    (price_target.target, "Next stop: $262.", "$262", ("price_target", None)),
    (price_target.target, "Clear $249 and the next stop is $255.", "$255", ("price_target", None)),
    # the next objective a scenario brings into play
    (
        price_target.target,
        "A weekly close above 2,470 would put 2,560 in play.",
        "2,560",
        ("price_target", None),
    ),
    (
        price_target.target,
        "That breakout brings $71 into view for Onto.",
        "$71",
        ("price_target", None),
    ),
    (price_target.target, "With 2,400 in focus, traders held their fire.", "2,400", None),
    # a level foreseen: reached by a date ahead, or in the writer's expectation
    (
        price_target.target,
        "We think the S&P 600 reaches 1,600 by the end of 2026.",
        "1,600",
        ("price_target", None),
    ),
    (
        price_target.target,
        "Bulls expect IWM to top $270 next year.",
        "$270",
        ("price_target", None),
    ),
    (price_target.target, "The S&P 600 reached 1,480 by the end of October.", "1,480", None),
    (price_target.target, "IWM hit $250 on Friday.", "$250", None),
    (
        price_target.previous,
        "Needham cut its target on HIMS to $38 from $52.",
        "$52",
        ("price_target", None),
    ),
    (
        price_target.previous,
        "B. Riley lifted its price target to $95 a share, up from $80.",
        "$80",
        ("price_target", None),
    ),
    (price_target.previous, "IWM rose to $240 from $231 over the week.", "$231", None),
    (price_target.target, "Entry 224, SL 217.8, TP1 232.", "232", ("price_target", None)),
    (price_target.target, "We would take profit at $88.", "$88", ("price_target", None)),
    (price_target.target, "Profit-taking hit IWM, down to $231.", "$231", None),
    (price_target.target, "Small caps could rise 15% next year.", "15%", ("price_target", None)),
    (price_target.target, "IWM closed at $238.10 on Friday.", "$238.10", None),
    (price_target.target, "Bulls are now eyeing $262 for IWM.", "$262", ("price_target", None)),
    (
        price_target.spread,
        "The consensus price target is $31, with a high of $44 and a low of $22.",
        "$44",
        ("price_target", None),
    ),
    (
        price_target.spread,
        "The lowest estimate of $18 still sits above the last close.",
        "$18",
        ("price_target", None),
    ),
    # a high with no analysts' targets named is the stock's own high
    (price_target.spread, "Shares hit a high of $44 in March.", "$44", None),
]
TARGET = ("price_target", None)
# forecasts and hypotheticals: a percent the author does not report as having happened
FORECASTS = [
    ("One strategist says the Russell 2000 will be up 35% by December.", "35%", TARGET),
    ("She thinks small caps will likely gain about 18% next year.", "18%", TARGET),
    ("The S&P 600 is expected to climb 7.4% over the rest of 2026.", "7.4%", TARGET),
    ("Our model has the index poised to add 11% from here.", "11%", TARGET),
    ("The desk sees 22% upside for IWM into the spring.", "22%", TARGET),
    ("Small Caps Seen Outrunning Large Caps With 12% Upside In 2026", "12%", TARGET),
    ("That leaves roughly 9% of downside for the fund.", "9%", TARGET),
    ("The bank forecasts a 6% rise for the Russell 2000.", "6%", TARGET),
    ("They pencil in an expected gain of about 10% for small caps.", "10%", TARGET),
    ("The index could rally as much as 25% if rates fall.", "25%", TARGET),
    ("An investor in IWM would have gained 31% over that stretch.", "31%", NO_CLAIM),
    ("If small caps rally another 10%, the gap closes.", "10%", NO_CLAIM),
    # reported moves stay moves (no forecast word governs the figure)
    ("The Russell 2000 rose 4.2% last week.", "4.2%", None),
    ("Small caps, which many expected to lag, rose 8% in Q3.", "8%", None),
    ("The index rose more than expected to finish up 2.1% on Friday.", "2.1%", None),
    ("Stocks were up 3% on the week.", "3%", None),
    ("The index has gained 12% this year and could rise further.", "12%", None),
]


@pytest.mark.parametrize(("rule", "text", "at", "expected"), CASES)
def test_price_target_rule(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


@pytest.mark.parametrize(("text", "at", "expected"), FORECASTS)
def test_forecast_move(text: str, at: str, expected: object) -> None:
    assert price_target.forecast_move(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("The measured move points to $61 for the stock.", "$61", ("price_target", None)),
        ("A close above $40 opens the door to $46.", "$46", ("price_target", None)),
        ("Our bull case has the index climbing to 2,900.", "2,900", ("price_target", None)),
        ("The stock could retest $18 before long.", "$18", ("price_target", None)),
        ("We expect the ETF to end next year near $280.", "$280", ("price_target", None)),
        ("The stock tested $18 on Tuesday.", "$18", None),
        ("If it had closed at $18, it would be up.", "$18", None),
    ],
)
def test_projection_words(text: str, at: str, expected: object) -> None:
    assert price_target.projection_words(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("The ETF looks ripe for another 9% rally.", "9%", ("price_target", None)),
        ("The chart leaves room for a 14% slide.", "14%", ("price_target", None)),
        (
            "The $40 target implies a 22% gain from the current price.",
            "22%",
            ("price_target", None),
        ),
        ("The stock posted a 22% gain from the current quarter's start.", "22%", None),
        ("Shares notched a 9% rally on Monday.", "9%", None),
    ],
)
def test_room_for_move(text: str, at: str, expected: object) -> None:
    assert price_target.room_for_move(figure(text, at)) == expected


# broker notes and wire headlines: the target written after its figure, revision chains, and
# the size of a revision (no claim)
@pytest.mark.parametrize(
    ("rule", "text", "at", "expected"),
    [
        (
            price_target.target,
            "Arlo started at outperform with a $19 stock price target at Lake Street.",
            "$19",
            TARGET,
        ),
        (price_target.target, "Lake Street lifts Arlo to buy, $19 PT.", "$19", TARGET),
        (price_target.target, "Craig-Hallum moves its Axcelis PT to $140.", "$140", TARGET),
        (price_target.target, "Its PT of $62 stands.", "$62", TARGET),
        # "pt" after a count of points is a point move, not a broker's target
        (price_target.target, "The futures ran 700 pt in a session.", "700", None),
        (
            price_target.previous,
            "Roth walked its target down from $31 to $27, then to $24.",
            "$24",
            TARGET,
        ),
        (
            price_target.previous,
            "B. Riley set its PT at $9 (from $7), and later to $11.",
            "$11",
            TARGET,
        ),
        (price_target.previous, "The stock slid from $31 to $27, then to $24.", "$24", None),
        (price_target.previous, "Arlo: upgraded to buy, $18 PT, from $11.", "$11", TARGET),
        (price_target.previous, "Arlo gets a $95 price target (vs. $80).", "$80", TARGET),
        (price_target.previous, "Arlo trades at $18, from $11 a month ago.", "$11", None),
        (
            price_target.previous,
            "Jefferies now targets $18 for Arlo Technologies (ARLO), up from $15.",
            "$15",
            TARGET,
        ),
        (price_target.previous, "Its new target of $160 is up from $98.", "$98", TARGET),
        (price_target.previous, "Arlo closed at $18, up from $15.", "$15", None),
        (
            price_target.revised_by,
            "Stifel trims its price target on Arlo by 12% after the quarter.",
            "12%",
            NO_CLAIM,
        ),
        (
            price_target.revised_by,
            "The broker upgraded the stock while paring the price target 19%.",
            "19%",
            NO_CLAIM,
        ),
        (price_target.revised_by, "A 15% cut to its target weighed on Arlo.", "15%", NO_CLAIM),
        (price_target.revised_by, "Its new target implies 15% upside.", "15%", None),
        (price_target.forecast_move, "Axcelis: 30%+ upside on the cycle.", "30%", TARGET),
        (
            price_target.forecast_move,
            "A $25 target means the upside for Arlo Technologies (ARLO) is about 40%.",
            "40%",
            TARGET,
        ),
        (
            price_target.forecast_move,
            "Analysts expect the S&P 600 to gain about 9% by June.",
            "9%",
            TARGET,
        ),
        (price_target.forecast_move, "The upside case was a topic; shares rose 4%.", "4%", None),
        (
            price_target.room_for_move,
            "The index target of 2,700 implies another 10% gain.",
            "10%",
            TARGET,
        ),
        (price_target.room_for_move, "The print implies another 10% gain.", "10%", None),
        (price_target.target, "Traders have set their sights on 2,550.", "2,550", TARGET),
        (price_target.target, "The fund aims for $60 by spring.", "$60", TARGET),
    ],
)
def test_broker_note_targets(rule, text: str, at: str, expected: object) -> None:  # type: ignore[no-untyped-def]
    assert rule(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        (
            "If you had bought the small-cap ETF three years ago, you could pocket a 40% gain now.",
            "40%",
            NO_CLAIM,
        ),
        ("Had investors bought the dip in March, they would sit on 25% today.", "25%", NO_CLAIM),
        ("The analyst sees 30%+ downside for the regional bank.", "30%", ("price_target", None)),
        ("Small caps could rally 15% next year.", "15%", ("price_target", None)),
    ],
)
def test_forecast_move_hypotheticals(text: str, at: str, expected: object) -> None:
    assert price_target.forecast_move(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        # chat shorthand written before the figure: "pt", "tgt", a numbered "tgt2"
        ("pt 250 on iwm by spring if rates keep falling", "250", ("price_target", None)),
        ("$RUT tgt 2,600 on a clean break of the highs", "2,600", ("price_target", None)),
        ("$TNA PT: 44 for the swing", "44", ("price_target", None)),
        ("tgt2 @ 48.50 if it runs", "48.50", ("price_target", None)),
        # after the figure "pt" is an index point, not a target
        ("The Russell 2000 slid 40 pts at the open.", "40", None),
        # a word that only ends in the letters is no label
        ("The script 250 lines long", "250", None),
    ],
)
def test_chat_shorthand_targets(text: str, at: str, expected: object) -> None:
    assert price_target.target(figure(text, at)) == expected


def test_numbered_targets_in_capitals() -> None:
    assert price_target.target(figure("T1: $48.50 (prior high). T2: $53", "$48.50")) == (
        "price_target",
        None,
    )
    assert price_target.target(figure("T1: $48.50 (prior high). T2: $53", "$53")) == (
        "price_target",
        None,
    )
    # a lowercase "t1" in a word is no label
    assert price_target.target(figure("the vault1 opened at $48", "$48")) is None


def test_po_is_a_price_objective_and_its_prior_one() -> None:
    text = "They cut the PO on Acme to $31 from $40, implying 12% downside."
    assert price_target.previous(figure(text, "$40")) == ("price_target", None)


def test_consensus_in_a_spread_of_targets() -> None:
    text = "A Street-high objective of $75 against a consensus of $66."
    assert price_target.spread(figure(text, "$66")) == ("price_target", None)


def test_a_modal_with_a_hedge_before_the_figure() -> None:
    text = "Our target would be a gain of roughly 11% from Monday's close."
    assert price_target.forecast_move(figure(text, "11%")) == ("price_target", None)


def test_a_forecast_table_row() -> None:
    row = "March 2026: minimum $41.10, average $44.80, maximum $49.30"
    for cell in ("$41.10", "$44.80", "$49.30"):
        assert price_target.forecast_row(figure(row, cell)) == ("price_target", None)
    # a past month's row of lows and highs is no forecast
    past = "October 2025: low $38.20, high $45.90, close $44.10"
    assert price_target.forecast_row(figure(past, "$38.20")) is None


def test_a_pt_with_a_name_between_it_and_to() -> None:
    text = "Truist boosts its PT on Acme (ACME) to $95."
    assert price_target.target(figure(text, "$95")) == ("price_target", None)


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("Acme (ACME) has a price target of $90 a share at Cantor.", "$90 a share"),
        ("Analysts see Acme (ACME) reaching $100 per share within a year.", "$100 per share"),
    ],
)
def test_a_target_written_per_share(text: str, at: str) -> None:
    from nlp.rules import fundamental

    ctx = figure(text, at)
    assert fundamental.eps(ctx) is None  # no earnings
    assert price_target.target(ctx) == ("price_target", None)


def test_earnings_per_share_stay_earnings() -> None:
    from nlp.rules import fundamental

    ctx = figure("Acme (ACME) is expected to earn $2.10 a share next year.", "$2.10 a share")
    assert price_target.target(ctx) is None
    assert fundamental.eps(ctx) is not None


def test_taking_profits_near_a_price_is_a_target() -> None:
    text = "Consider taking profits on Acme (ACME) near $60."
    assert price_target.target(figure(text, "$60")) == ("price_target", None)
