"""Rules for price levels, each called on its own (``nlp/rules/price_level.py``)."""

from __future__ import annotations

import pytest
from rule_context import figure

from nlp.rules import price_level
from nlp.rules.registry import NO_CLAIM

CASES = [
    (
        price_level.implied_current,
        "Our $300 target sits 19% above current levels.",
        "19%",
        ("implied", None),
    ),
    # "over the last two trading days" is a span, not the last close the figure is over
    (price_level.implied_current, "IWM is down 1.9% over the last two trading days.", "1.9%", None),
    (price_level.implied_current, "It trades 19% over the last close.", "19%", ("implied", None)),
    (
        price_level.implied_current,
        "A $140 target at Cantor, 35% above where it trades.",
        "35%",
        ("implied", None),
    ),
    (price_level.implied_current, "The stock ran 35% above where it began.", "35%", None),
    (
        price_level.yield_level,
        "The 10-year Treasury yield climbed to 4.3%.",
        "4.3%",
        ("price_level", "current"),
    ),
    (
        price_level.yield_level,
        "The yield on the 10-year note had touched 4.2% before the data.",
        "4.2%",
        ("price_level", "current"),
    ),
    # a label's colon or a level word puts a yield at a figure, like "to" and "at"
    (
        price_level.yield_level,
        "- 10-year Treasury yield: 4.08%, up 10 bp since the decision.",
        "4.08%",
        ("price_level", "current"),
    ),
    (
        price_level.yield_level,
        "A 10-year yield of 4.06% leaves little room.",
        "4.06%",
        ("price_level", "current"),
    ),
    (price_level.yield_level, "The 10-year yield is up 2% this month.", "2%", None),
    (
        price_level.yield_level,
        "The two-year yield sits near 3.5% after the cut.",
        "3.5%",
        ("price_level", "current"),
    ),
    (price_level.yield_level, "The 10-year yield fell 12 bps to 4.05%.", "12 bps", None),
    (price_level.after_move, "IWM fell 1.6% to $229.40.", "$229.40", ("price_level", "current")),
    (
        price_level.after_move,
        "IWM rose 1.1% to a record close of $251.30.",
        "$251.30",
        ("price_level", "high"),
    ),
    (
        price_level.moved_to,
        "The VIX eased to 15.2 by the close.",
        "15.2",
        ("price_level", "current"),
    ),
    (price_level.role_words, "Support sits near $226 for IWM.", "$226", ("price_level", "support")),
    # a trade plan: its invalidation and stop are stops, its side and fill an entry
    (price_level.role_words, "Invalidation below $217.80.", "$217.80", ("price_level", "stop")),
    (
        price_level.role_words,
        "The setup is invalidated on a daily close under 2,380.",
        "2,380",
        ("price_level", "stop"),
    ),
    (price_level.role_words, "Entry 224, SL 217.8, TP 232.", "217.8", ("price_level", "stop")),
    (price_level.role_words, "Long RTY @ 2,410 into the open.", "2,410", ("price_level", "entry")),
    (
        price_level.role_words,
        "We would go long on a retest of $224.",
        "$224",
        ("price_level", "entry"),
    ),
    (price_level.role_words, "Long-term holders paid $200.", "$200", None),
    (
        price_level.role_words,
        "Resistance is at 2,560 on the index.",
        "2,560",
        ("price_level", "resistance"),
    ),
    (
        price_level.role_words,
        "It holds above the 200-day moving average at $219.",
        "$219",
        ("price_level", "moving_average"),
    ),
    (price_level.unplaced, "The fund holds 1,950 stocks.", "1,950", NO_CLAIM),
    # a count of what an index holds is no level
    (
        price_level.member_count,
        "The benchmark spans roughly 1,700 micro-cap companies.",
        "1,700",
        NO_CLAIM,
    ),
    (price_level.member_count, "Of its 412 index members, most reported.", "412", NO_CLAIM),
    (price_level.member_count, "Support holds at 1,700 for the index.", "1,700", None),
    (price_level.role_words, "Small caps rose 1.5% on Friday.", "1.5%", None),
    # a level crossed
    (
        price_level.reached,
        "The S&P 600 topped 1,500 for the first time.",
        "1,500",
        ("price_level", "current"),
    ),
    (price_level.reached, "IWM crossed $250 in late trading.", "$250", ("price_level", "current")),
    # the price now, named as such
    (
        price_level.present_price,
        "The shares could climb 60% from today's $18.40.",
        "$18.40",
        ("price_level", "current"),
    ),
    (
        price_level.present_price,
        "At its current share price of $71.05, Onto looks cheap.",
        "$71.05",
        ("price_level", "current"),
    ),
    (price_level.present_price, "Its $2 dividend is safe.", "$2", None),
    # a move's size in dollars is no price; the price it reached after it is
    (price_level.dollar_change, "Shares of Upstart dropped $3.15 to $41.60.", "$3.15", NO_CLAIM),
    (price_level.dollar_change, "The ETF was up about $2 at midday.", "$2", NO_CLAIM),
    (price_level.dollar_change, "Upstart dropped to $41.60 at the close.", "$41.60", None),
    (price_level.dollar_change, "Support for IWM sits at $224.", "$224", None),
    (
        price_level.after_move,
        "Shares of Upstart dropped $3.15 to $41.60.",
        "$41.60",
        ("price_level", "current"),
    ),
    (
        price_level.after_move,
        "Hims & Hers climbed $2.40, or 5.1%, to $49.30.",
        "$49.30",
        ("price_level", "current"),
    ),
    (price_level.after_move, "The desk moved its stop $4 to $36.", "$36", None),
    # the level a scenario turns on, named as what a move would cross
    (
        price_level.crossing_noun,
        "For traders, a break of 2,310 would reopen the summer lows.",
        "2,310",
        ("price_level", None),
    ),
    (
        price_level.crossing_noun,
        "Any slide below $218 would undo the breakout in IWM.",
        "$218",
        ("price_level", "support"),
    ),
    (
        price_level.crossing_noun,
        "A push through 2,505 is what the bulls want to see.",
        "2,505",
        ("price_level", "resistance"),
    ),
    (
        price_level.crossing_noun,
        "Reclaiming $247 would flip the tape back to the buyers.",
        "$247",
        ("price_level", "resistance"),
    ),
    (
        price_level.crossing_noun,
        "Losing 2,280 leaves little support until 2,150.",
        "2,280",
        ("price_level", "support"),
    ),
    # a move's size in points is no level; a hypothetical drop of a percentage is no level
    (price_level.crossing_noun, "A drop of 60 points would be its worst day.", "60 points", None),
    (price_level.crossing_noun, "A move through the year saw it gain 9%.", "9%", None),
]


@pytest.mark.parametrize(("rule", "text", "at", "expected"), CASES)
def test_price_level_rule(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


def test_named_at_needs_a_name_right_before() -> None:
    text = "IWM at $244.80 leads the tape."
    assert price_level.named_at(figure(text, "$244.80", mention_before=True)) == (
        "price_level",
        "current",
    )
    assert price_level.named_at(figure(text, "$244.80")) is None


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("Over the year it set its highest point at $52.10.", "$52.10", ("price_level", "high")),
        ("Its lowest price of the day was $3.05.", "$3.05", ("price_level", "low")),
        ("That beat a prior record of 2,301.55.", "2,301.55", ("price_level", "high")),
        ("The future sits 9% below its ATH of 2,390.40.", "2,390.40", ("price_level", "high")),
        ("The stock gained 3% after earnings.", "3%", None),
    ],
)
def test_extreme(text: str, at: str, expected: object) -> None:
    assert price_level.extreme(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("The index reached 2,388.10 points at midday.", "2,388.10", ("price_level", "current")),
        ("At the bell it was at 2301.65 points.", "2301.65", ("price_level", "current")),
        ("The stock has a current value of $12.34.", "$12.34", ("price_level", "current")),
        ("A target of $40 looks ambitious.", "$40", None),
    ],
)
def test_reached(text: str, at: str, expected: object) -> None:
    assert price_level.reached(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("Silver rose 1.2% to about $31.40 an ounce.", "$31.40", ("price_level", "current")),
        ("The Dow edged 0.1% higher to 44,120.", "44,120", ("price_level", "current")),
        ("Ether jumped more than 5% above $3,900.", "$3,900", ("price_level", "current")),
        ("Shares fell 2% and $4 billion left the fund.", "$4 billion", None),
    ],
)
def test_after_move_hedged(text: str, at: str, expected: object) -> None:
    assert price_level.after_move_hedged(figure(text, at)) == expected


def test_reached_is_not_an_economic_figure() -> None:
    assert (
        price_level.reached(figure("Initial jobless claims stood at 231,000.", "231,000")) is None
    )


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        (
            "The stock closed the prior trading session at $41.08.",
            "$41.08",
            ("price_level", "current"),
        ),
        ("The index finished Friday's session near 2,410.", "2,410", ("price_level", "current")),
        ("Shares gained 4% after the close.", "4%", None),
    ],
)
def test_closed_at(text: str, at: str, expected: object) -> None:
    assert price_level.closed_at(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        (
            "Dow -118.20 at 44,010.55, S&P +31.10 at 6,002.40",
            "44,010.55",
            ("price_level", "current"),
        ),
        (
            "Dow -118.20 at 44,010.55, S&P +31.10 at 6,002.40",
            "6,002.40",
            ("price_level", "current"),
        ),
        ("Support sits at 2,310 for now.", "2,310", None),
    ],
)
def test_tape_level(text: str, at: str, expected: object) -> None:
    assert price_level.tape_level(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "adjacent", "expected"),
    [
        ("S&P 500 6,912.40 -0.4%", "6,912.40", True, ("price_level", "current")),
        ("IWM | 231.40 | +1.2%", "231.40", True, ("price_level", "current")),
        # no change after it: not a quote row
        ("Russell 2000 2,410 stocks were screened.", "2,410", True, None),
        # a ticker strip across the page top is furniture
        ("IWM 231.40 +1.2%   SPY 655.10 -0.3%", "231.40", True, None),
        (
            "Index Last Change S&P 500 6,702.10 +0.2% Dow 46,410.00 -0.1%",
            "6,702.10",
            True,
            ("price_level", "current"),
        ),
        # no name right before it
        ("It closed the week 2,455.10 +0.8%", "2,455.10", False, None),
    ],
)
def test_tape_row(text: str, at: str, adjacent: bool, expected: object) -> None:
    assert price_level.tape_row(figure(text, at, mention_adjacent=adjacent)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        (
            "Harbor Foods is trading at $38.20 per share, or 9x earnings.",
            "$38.20",
            ("price_level", "current"),
        ),
        (
            "The stock, at around $19 per share, sits above every target.",
            "$19",
            ("price_level", "current"),
        ),
        ("It earned $1.10 per share last quarter.", "$1.10", None),
        ("Its EPS was trading at $0.80 per share in the estimate.", "$0.80", None),
    ],
)
def test_share_price(text: str, at: str, expected: object) -> None:
    assert price_level.share_price(figure(text, at)) == expected


def test_broke_out_above_is_resistance() -> None:
    ctx = figure("IWM broke out above $231 on heavy volume.", "$231")
    assert price_level.role_words(ctx) == ("price_level", "resistance")


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("The stock jumped from $3.10 on Monday to $5.02.", "$3.10", ("price_level", None)),
        ("Shares climbed from under $2 in January to $4.46.", "$2", ("price_level", None)),
        # no "to" after it: where the move is measured from, not a level it stood at
        ("The stock has fallen from its peak of $88.", "$88", None),
    ],
)
def test_moved_from(text: str, at: str, expected: object) -> None:
    assert price_level.moved_from(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("The stock ran into a wall at $88 twice in May.", "$88", ("price_level", "resistance")),
        ("Bulls drew a line in the sand at 2,290.", "2,290", ("price_level", "support")),
        ("The next shelf down is $31.50.", "$31.50", ("price_level", "support")),
        ("R2 comes in at $251.10 for the session.", "$251.10", ("price_level", "resistance")),
        ("S1 sits at $239.60 for the session.", "$239.60", ("price_level", "support")),
        ("Watch for a slip through $40 on volume.", "$40", ("price_level", "support")),
        ("A weekly close above 2,520 would confirm it.", "2,520", ("price_level", "resistance")),
        ("The daily pivot is $52.40.", "$52.40", ("price_level", None)),
        ("Jobless claims hit a wall at 240,000.", "240,000", None),
        ("The stock rose 4% on the news.", "4%", None),
    ],
)
def test_chart_words(text: str, at: str, expected: object) -> None:
    assert price_level.chart_words(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("It held $71, a floor since March.", "$71", ("price_level", "support")),
        (
            "Sellers appeared at 2,505, the ceiling of the range.",
            "2,505",
            ("price_level", "resistance"),
        ),
        ("It traded at $71, a level seen in March.", "$71", None),  # no role: not this rule's
        ("It held $71 and bounced.", "$71", None),
    ],
)
def test_apposition(text: str, at: str, expected: object) -> None:
    assert price_level.apposition(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("Units changed hands at $18.45 near noon.", "$18.45", ("price_level", "current")),
        ("The index wrapped up Monday at 2,318.70.", "2,318.70", ("price_level", "current")),
        ("At the bell the stock sat at $9.12.", "$9.12", ("price_level", "current")),
        ("Initial claims stood at 228,000 last week.", "228,000", None),
        ("Quarterly revenue stood at $410 million.", "$410 million", None),
        ("Its EPS stood at $1.35 for the year.", "$1.35", None),
        ("Daily turnover stood at 41,500 shares on Friday.", "41,500", None),
    ],
)
def test_session_verbs(text: str, at: str, expected: object) -> None:
    assert price_level.session_verbs(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        (
            "The index set an intraday record of 2,540.8 on Monday.",
            "2,540.8",
            ("price_level", "high"),
        ),
        ("Shares topped out at $77.30 in June.", "$77.30", ("price_level", "high")),
        ("The ETF bottomed out near $168 in April.", "$168", ("price_level", "low")),
        ("The index rose to 2,410 on Monday.", "2,410", None),
    ],
)
def test_extreme_verbs(text: str, at: str, expected: object) -> None:
    assert price_level.extreme_verbs(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        (
            "The index has been boxed in between 2,205 and 2,290 since May.",
            "2,205",
            ("price_level", None),
        ),
        ("Shares stayed range-bound from $14 to $17 all summer.", "$14", ("price_level", None)),
        ("Shares rose from $14 to $17 in a week.", "$14", None),  # a move, two figures
        ("Support lies between 2,205 and 2,290.", "2,205", None),
    ],
)
def test_trading_range(text: str, at: str, expected: object) -> None:
    assert price_level.trading_range(figure(text, at)) == expected


def test_between_levels_is_one_zone() -> None:
    from nlp.numbers import find_quantities

    (q,) = find_quantities("It has held between 2,205 and 2,290 since May.")
    assert (q.low, q.high, q.comparator) == (2205.0, 2290.0, "range")
    # years are not a zone
    assert all(q.comparator != "range" for q in find_quantities("between 2019 and 2021"))


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("Bulls get their breakout if 2,515 gives way.", "2,515", ("price_level", None)),
        ("The uptrend is intact as long as $44 holds.", "$44", ("price_level", "support")),
        ("Momentum returns once $61 is cleared.", "$61", ("price_level", None)),
        ("The stock gave way to $61 after earnings.", "$61", None),
    ],
)
def test_conditional_break(text: str, at: str, expected: object) -> None:
    assert price_level.conditional_break(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("By the bell the stock sat at $18.20 a share.", "$18.20", ("price_level", "current")),
        ("The stock ended at $7.05 per share.", "$7.05", ("price_level", "current")),
        ("Adjusted EPS was at $0.44 a share.", "$0.44", None),
    ],
)
def test_share_price_past(text: str, at: str, expected: object) -> None:
    assert price_level.share_price_past(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        (
            "We would treat a drop toward 2,300 as a buying opportunity.",
            "2,300",
            ("price_level", "entry"),
        ),
        (
            "We would see a pullback to $225 in IWM as a chance to add.",
            "$225",
            ("price_level", "entry"),
        ),
        ("A dip to 2,280 would be an entry point for us.", "2,280", ("price_level", "entry")),
        # a forecast that the price goes there, or a move that happened, is no entry
        ("The Russell 2000 could drop to 2,300 by March.", "2,300", None),
        ("The index fell to 2,300 as buyers stepped in.", "2,300", None),
    ],
)
def test_dip_to_buy(text: str, at: str, expected: object) -> None:
    assert price_level.dip_to_buy(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        (
            "The $72.50 target compares with a last price near $48.",
            "$48",
            ("price_level", "current"),
        ),
        (
            "At a current share price of $12.30, the upside is large.",
            "$12.30",
            ("price_level", "current"),
        ),
        ("The stock's closing price was $31.05.", "$31.05", ("price_level", "current")),
        ("The price target is $72.50.", "$72.50", None),
    ],
)
def test_last_price(text: str, at: str, expected: object) -> None:
    assert price_level.last_price(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("left", "expected"),
    [
        ("IWM's 200-day moving average sits at $", "moving_average"),
        ("Support for IWM sits at $", "support"),
        ("Resistance on the Russell 2000 stands at ", "resistance"),
        ("The index is now at ", None),  # no role named: the verb's "current" stands
        ("IWM sits at $240, and its 50-day average is ", None),  # no placing verb before
    ],
)
def test_copula_role(left: str, expected: str | None) -> None:
    from nlp.claims import copula_role

    assert copula_role(left) == expected


def test_a_close_at_a_record_is_a_high() -> None:
    from nlp.claims import level_role

    assert level_role("The Russell 2000 closed at a record ", " on Monday.") == "high"


LEVEL = ("price_level", None)
NEW_CASES = [
    # a high or low named by its noun, then its level (issue #11)
    (
        price_level.named_extreme,
        "It climbed from its spring trough of $31.",
        "$31",
        ("price_level", "low"),
    ),
    (
        price_level.named_extreme,
        "The October 28 peak of 2,502 still stands.",
        "2,502",
        ("price_level", "high"),
    ),
    (price_level.named_extreme, "Jobless claims hit a low of 210,000.", "210,000", None),
    # the level a plan needs held
    (
        price_level.level_to_hold,
        "Bulls must defend 2,300 this week.",
        "2,300",
        ("price_level", "support"),
    ),
    (price_level.level_to_hold, "It could climb to 2,300 this week.", "2,300", None),
    # where a from-to move ended
    (price_level.moved_from_to, "It rose from 2,050 in June to 2,440 in October.", "2,440", LEVEL),
    (price_level.moved_from_to, "It traded at 2,050 in June and 2,440 in October.", "2,440", None),
    # verbs whose object is a level; a level named by what follows it
    (price_level.level_object, "IWM retested $226 on Wednesday.", "$226", LEVEL),
    (price_level.level_object, "IWM gained $2.26 on Wednesday.", "$2.26", None),
    (price_level.is_the_level, "For IWM, $240 is the line to watch.", "$240", LEVEL),
    (price_level.is_the_level, "For IWM, $240 is a lot to pay.", "$240", None),
    # chart words: the side a plan wants, and lids
    (price_level.chart_words, "IWM stays bullish above $233.", "$233", ("price_level", "support")),
    (
        price_level.chart_words,
        "It is coiling under 2,455 again.",
        "2,455",
        ("price_level", "resistance"),
    ),
    (
        price_level.chart_words,
        "It is knocking on the door of 2,500.",
        "2,500",
        ("price_level", "resistance"),
    ),
]


@pytest.mark.parametrize(("rule", "text", "at", "expected"), NEW_CASES)
def test_price_level_rule_unseen_phrasings(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        # a recap's levels with their changes in parentheses, several on one line
        (
            "Dow 46,245.41 (+1.08%), S&P 500 6,602.99 (+0.98%)",
            "6,602.99",
            ("price_level", "current"),
        ),
        # a ticker widget: names and changes, no parenthesised change after a level
        ("Dow 46,245.41 +1.08% S&P 500 6,602.99 +0.98%", "6,602.99", None),
    ],
)
def test_tape_row_parenthesised_change(text: str, at: str, expected: object) -> None:
    assert price_level.tape_row(figure(text, at, mention_adjacent=True)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("Its 52-week range is $171.73 to $252.77.", "$171.73", ("price_level", "low")),
        ("The day's range was 2,377-2,418.", "2,377", ("price_level", "low")),
        ("It has been stuck between 2,380 and 2,470.", "2,380", None),
    ],
)
def test_year_range(text: str, at: str, expected: object) -> None:
    assert price_level.year_range(figure(text, at)) == expected


def test_price_is() -> None:
    ctx = figure("The share price of Oklo (OKLO) is $96.20.", "$96.20")
    assert price_level.price_is(ctx) == ("price_level", "current")
    assert price_level.price_is(figure("The price of gold is $4,100.", "$4,100")) is None


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        (
            "The stock is down 12% to $41 a share since the offering.",
            "$41",
            ("price_level", "current"),
        ),
        ("Shares climbed 8% to $17.20 per share on Friday.", "$17.20", ("price_level", "current")),
        # earnings per share after a change word are the company's, not the stock's price
        ("EPS rose 10% to $2.13 a share.", "$2.13", None),
    ],
)
def test_share_price_after_move(text: str, at: str, expected: object) -> None:
    assert price_level.share_price(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("Full-year estimates run from $1.12 at the top to $0.94 at the low.", "$0.94", NO_CLAIM),
        ("The consensus sits at $2.40 for next year.", "$2.40", NO_CLAIM),
        # a price or a target near estimates stays open
        ("Estimates aside, the stock found support at $41.", "$41", None),
        ("The Street's price target estimates cluster near $55.", "$55", None),
    ],
)
def test_estimate_figure(text: str, at: str, expected: object) -> None:
    assert price_level.estimate_figure(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("Open: $58.20", "$58.20", ("price_level", "current")),
        ("Prior close: 1,402.75", "1,402.75", ("price_level", "current")),
        ("- Last price – $19.45", "$19.45", ("price_level", "current")),
        ("Market cap: $4.8 billion", "$4.8 billion", None),
        ("The stock opened near $58.20 and faded.", "$58.20", None),
    ],
)
def test_quote_label(text: str, at: str, expected: object) -> None:
    assert price_level.quote_label(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        (
            "- 1,402.75: the level the S&P 600 closed at on Monday",
            "1,402.75",
            ("price_level", "current"),
        ),
        ("* $41.10 – where the stock finished the week", "$41.10", ("price_level", "current")),
        ("- 2,520: the record the index set in October", "2,520", None),
        ("- $41.10 – the support line chartists watch", "$41.10", ("price_level", "support")),
        ("Shares rose to $41.10 – a gain on the week", "$41.10", None),
    ],
)
def test_numbers_box(text: str, at: str, expected: object) -> None:
    assert price_level.numbers_box(figure(text, at)) == expected


def test_a_glossed_figure_is_no_clock_time() -> None:
    from nlp.numbers import find_quantities

    assert [q.value for q in find_quantities("- 1,402.75: where it closed", [])] == [1402.75]
    assert find_quantities("at 10:30 the index turned", []) == [] or all(
        q.value != 10 for q in find_quantities("at 10:30 the index turned", [])
    )


def test_quote_label_reads_a_cell_of_a_piped_row() -> None:
    row = "Prior close: $58.90 | Open: $58.20 | Volume: 2.2M"
    assert price_level.quote_label(figure(row, "$58.20")) == ("price_level", "current")


def test_a_day_range_label_splits_into_low_and_high() -> None:
    row = "Day range: $57.40 - $59.10"
    assert price_level.year_range(figure(row, "$57.40")) == ("price_level", "low")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SPY last: $671.20", ("price_level", "current")),
        ("Entry price: $671.20", None),  # a plan's entry: role words read it
        ("Target price: $671.20", None),
    ],
)
def test_quote_label_after_a_ticker(text: str, expected: object) -> None:
    assert price_level.quote_label(figure(text, "$671.20")) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        # a trade plan's cells in shorthand: entry, stop, pivots S1/R1
        ("$IWM swing: in 231.40 | sl 226.90 | tp 240", "231.40", ("price_level", "entry")),
        ("$IWM swing: in 231.40 | sl 226.90 | tp 240", "226.90", ("price_level", "stop")),
        ("RTY pivots S1 2,371 / S2 2,344 / R1 2,418", "2,344", ("price_level", "support")),
        ("RTY pivots S1 2,371 / S2 2,344 / R1 2,418", "2,418", ("price_level", "resistance")),
        ("entry: 64.10 on the retest", "64.10", ("price_level", "entry")),
        # an open-high-low-close row
        ("IWM 1D: O 232.10 H 235.75 L 231.05 C 234.90", "231.05", ("price_level", "low")),
        ("IWM 1D: O 232.10 H 235.75 L 231.05 C 234.90", "235.75", ("price_level", "high")),
        ("IWM 1D: O 232.10 H 235.75 L 231.05 C 234.90", "234.90", ("price_level", "current")),
        # a lone capital letter outside such a row is no label; "in" mid-sentence is no entry
        ("Plan C 2,300 if all else fails", "2,300", None),
        ("IWM traded in 229.50 to 233.80 range", "229.50", None),
    ],
)
def test_plan_cell(text: str, at: str, expected: object) -> None:
    assert price_level.plan_cell(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("the russell filled the gap down to 2,352 and held", "2,352", ("price_level", "support")),
        ("IWM may fill the open gap up to $241.20", "$241.20", ("price_level", "resistance")),
        ("RTY completed the gap fill at 2,405.", "2,405", ("price_level", None)),
    ],
)
def test_gap_fill_levels(text: str, at: str, expected: object) -> None:
    assert price_level.chart_words(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("$OKLO gapping up to $112.40 on the permit", "$112.40", ("price_level", "current")),
        ("IWM gapped down to $229.90 at the bell", "$229.90", ("price_level", "current")),
        ("The VIX eased to 16.87 by noon.", "16.87", ("price_level", "current")),
        # a gap filled to a level is the chart rules' (support or resistance), not a print
        ("IWM filled the gap to $229.90", "$229.90", None),
    ],
)
def test_moved_to_after_a_gap(text: str, at: str, expected: object) -> None:
    assert price_level.moved_to(figure(text, at)) == expected


HIGH = ("price_level", "high")
RESISTANCE = ("price_level", "resistance")


@pytest.mark.parametrize(
    ("rule", "text", "at", "expected"),
    [
        # a record named right before its figure, in chat shorthand
        (price_level.extreme, "$RUT tagged ATH 2,519 and reversed", "2,519", HIGH),
        (price_level.extreme, "ATH: $252.77 on IWM", "$252.77", HIGH),
        # a rejection names a lid
        (price_level.chart_words, "IWM got rejected at $241 twice", "$241", RESISTANCE),
        (price_level.chart_words, "R2K rejected again from 2,470", "2,470", RESISTANCE),
    ],
)
def test_chat_extremes_and_rejections(rule, text: str, at: str, expected: object) -> None:  # type: ignore[no-untyped-def]
    assert rule(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("rule", "text", "at", "expected"),
    [
        # the day's, overnight and weekly ranges are a low and a high
        (
            price_level.year_range,
            "Today's range: $18.05 - $19.40.",
            "$18.05 - $19.40",
            ("price_level", "low"),
        ),
        (
            price_level.year_range,
            "The overnight range was 2,301.5-2,322.0.",
            "2,301.5-2,322.0",
            ("price_level", "low"),
        ),
        # "opened at", "last at": a wire's prints
        (
            price_level.session_verbs,
            "Shares of Acme opened at $51.20.",
            "$51.20",
            ("price_level", "current"),
        ),
        (
            price_level.session_verbs,
            "The index dipped early, last at 2,390.4, off 0.3%.",
            "2,390.4",
            ("price_level", "current"),
        ),
        # a volume profile's acceptance, a plan that opens on "Below"
        (price_level.chart_words, "Buyers want acceptance above 2,415 first.", "2,415", RESISTANCE),
        (
            price_level.chart_words,
            "Below 2,300, little stands in the way.",
            "2,300",
            ("price_level", "support"),
        ),
        # options-chain statistics in dollars are strikes
        (price_level.options_stat, "Max pain for the monthly expiry sits at $61.", "$61", NO_CLAIM),
        (price_level.options_stat, "The gamma flip is at 2,380 on the index.", "2,380", NO_CLAIM),
    ],
)
def test_ta_post_levels(rule, text: str, at: str, expected: object) -> None:  # type: ignore[no-untyped-def]
    assert rule(figure(text, at)) == expected


def test_distance_to_here_or_the_stock_implies_the_level() -> None:
    text = "The Street-high objective of $90, about 15% above the stock."
    assert price_level.implied_current(figure(text, "15%")) == ("implied", None)
    text = "Our objective is 2,600, some 4% above here."
    assert price_level.implied_current(figure(text, "4%")) == ("implied", None)
    # "above the stock market's average" is no price of the stock
    text = "Its target return is 6% above the stock market average."
    assert price_level.implied_current(figure(text, "6%")) is None


def test_traded_between_over_a_year_is_its_low_and_high() -> None:
    text = "Over the past 12 months the stock has traded between $8.10 and $19.75."
    assert price_level.year_range(figure(text, "$8.10 and $19.75")) == ("price_level", "low")
    # a zone with no year around it stays a zone
    text = "It has traded between $18 and $19 this week."
    assert price_level.year_range(figure(text, "$18 and $19")) is None


def test_pinned_in_a_range() -> None:
    text = "Rate worries kept the index pinned in a 2,050-2,120 range all month."
    assert price_level.trading_range(figure(text, "2,050-2,120")) == ("price_level", None)


@pytest.mark.parametrize(
    ("rule", "text", "at", "expected"),
    [
        (
            price_level.reached,
            "The index crossed the 2,380 threshold at noon.",
            "2,380",
            ("price_level", "current"),
        ),
        (
            price_level.level_object,
            "The ETF is flirting with $245 again.",
            "$245",
            ("price_level", None),
        ),
        (
            price_level.price_is,
            "Acme stock price today is $18.40.",
            "$18.40",
            ("price_level", "current"),
        ),
        (
            price_level.moved_to,
            "Stocks sold off, with the index sliding to 2,210.",
            "2,210",
            ("price_level", "current"),
        ),
        (
            price_level.moved_to,
            "It may fall further, with the index likely sliding to 2,210.",
            "2,210",
            None,
        ),
    ],
)
def test_more_level_phrasings(rule, text: str, at: str, expected: object) -> None:  # type: ignore[no-untyped-def]
    assert rule(figure(text, at)) == expected


def test_a_quote_row_with_a_point_change_then_the_percent() -> None:
    text = "Russell 2000 2,388.10 -12.40 (-0.52%)"
    assert price_level.tape_row(figure(text, "2,388.10", mention_adjacent=True)) == (
        "price_level",
        "current",
    )


def test_above_where_shares_closed_implies_the_level() -> None:
    text = "A Street-high target of $80, roughly 20% above where shares closed Monday."
    assert price_level.implied_current(figure(text, "20%")) == ("implied", None)


def test_the_current_price_of_a_named_fund_is() -> None:
    text = "The current price of Acme (ACME) is $41.85."
    assert price_level.price_is(figure(text, "$41.85")) == ("price_level", "current")
    assert price_level.quote_label(figure("Current value: 2,401.22", "2,401.22")) == (
        "price_level",
        "current",
    )


@pytest.mark.parametrize(
    "text",
    [
        "RTY futures closed Monday at 2,084.3, after trading between 2,061 and 2,092.",
        "In Tuesday's session the fund traded between $230.10 and $234.80.",
    ],
)
def test_a_sessions_traded_range_beside_its_close_is_its_low_and_high(text: str) -> None:
    at = "2,061" if "2,061" in text else "$230.10"
    assert price_level.year_range(figure(text, at)) == ("price_level", "low")


@pytest.mark.parametrize(
    "text",
    [
        "The fund has been trading between $230 and $240 for weeks; it closed at $236.",
        "The fund could trade between $230 and $240 after it closed at $236 on Friday.",
    ],
)
def test_a_band_or_a_forecast_range_is_no_session_range(text: str) -> None:
    assert price_level.year_range(figure(text, "$230")) is None


def test_a_traded_range_beside_a_move_to_that_days_close() -> None:
    text = "The index rose 0.5% to 2,513.48 on Friday, after trading between 2,498 and 2,531."
    assert price_level.year_range(figure(text, "2,498")) == ("price_level", "low")
