"""Rules for valuations, each called on its own (``nlp/rules/valuation.py``)."""

from __future__ import annotations

import pytest
from rule_context import figure

from nlp.rules import valuation
from nlp.rules.registry import NO_CLAIM

CASES = [
    (
        valuation.multiple,
        "Small caps trade at 15.2x forward earnings.",
        "15.2x",
        ("valuation", None),
    ),
    (valuation.multiple, "TNA is a 3x leveraged fund.", "3x", NO_CLAIM),
    (
        valuation.discount_after,
        "The group sits at a 14% discount to fair value.",
        "14%",
        ("valuation", None),
    ),
    (valuation.discount_after, "The 5% discount rate matters.", "5%", None),
    (
        valuation.discount_of,
        "Small caps trade at a discount of 22% to large caps on a P/E basis.",
        "22%",
        ("valuation", None),
    ),
    (
        valuation.market_value,
        "The deal gives it a market value of $12 billion.",
        "$12 billion",
        ("valuation", None),
    ),
    (valuation.market_value, "Revenue reached $12 billion.", "$12 billion", None),
    (
        valuation.relative,
        "Microcaps are valued roughly 28% cheaper than the S&P 500.",
        "28%",
        ("valuation", None),
    ),
    (
        valuation.relative,
        "Its forward P/E of 12 is about 40% below the multiple of large caps.",
        "40%",
        ("valuation", None),
    ),
    (
        valuation.relative,
        "Small caps carry a valuation lower than large caps by almost 27%.",
        "27%",
        ("valuation", None),
    ),
    # a price 12% below another is no valuation
    (valuation.relative, "The stock trades 12% below its 52-week high.", "12%", None),
    (
        valuation.bare_multiple,
        "That compares with the 24.5 multiple on the Nasdaq 100.",
        "24.5",
        ("valuation", None),
    ),
    (valuation.bare_multiple, "Support holds near 2,210 for now.", "2,210", None),
]


@pytest.mark.parametrize(("rule", "text", "at", "expected"), CASES)
def test_valuation_rule(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("rule", "text", "at", "expected"),
    [
        (
            valuation.ratio_clause,
            "On a price-to-earnings basis the index stands at 17.5.",
            "17.5",
            ("valuation", None),
        ),
        (valuation.ratio_clause, "Its forward P/E, at 17.2, is rich.", "17.2", ("valuation", None)),
        (valuation.ratio_clause, "The index rose to 2,310 on Friday.", "2,310", None),
        (valuation.ratio_clause, "P/E talk aside; the index closed at 23.5.", "23.5", None),
        (
            valuation.discount_stated,
            "The index's discount to large caps is roughly 27%.",
            "27%",
            ("valuation", None),
        ),
        (
            valuation.discount_stated,
            "The stock's premium has widened to 14%.",
            "14%",
            ("valuation", None),
        ),
        (valuation.discount_stated, "The discount retailer rose 14%.", "14%", None),
    ],
)
def test_valuation_phrasings(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Its forward PE of 19 looks stretched.", 19.0),
        ("The lender trades at 11 times next year's expected earnings.", 11.0),
        ("It carries an enterprise-value-to-EBITDA ratio of 13.", 13.0),
        ("The price/earnings-to-growth ratio stands at 0.9.", 0.9),
        ("Small caps sit at 0.65 times the large-cap multiple.", 0.65),
    ],
)
def test_multiple_spellings_are_multiples(text: str, value: float) -> None:
    from nlp.numbers import find_quantities

    assert [(q.unit, q.value) for q in find_quantities(text)] == [("x", value)]


@pytest.mark.parametrize(
    ("rule", "text", "at", "expected"),
    [
        # activity and demand written as multiples are no valuation
        (valuation.multiple, "Volume in IWM ran at 2x its 30-day average.", "2x", NO_CLAIM),
        (valuation.multiple, "Short interest stands at 6x days to cover.", "6x", NO_CLAIM),
        (valuation.multiple, "The deal was oversubscribed 4x.", "4x", NO_CLAIM),
        (
            valuation.multiple,
            "Small caps trade at 15x, below their 20-year average of 16x.",
            "15x",
            ("valuation", None),
        ),
        # a deal's price against the last close is no discount to fair value
        (
            valuation.discount_after,
            "It priced the offering at a 7% discount to Thursday's close.",
            "7%",
            NO_CLAIM,
        ),
        (
            valuation.discount_after,
            "Small caps trade at a 25% discount to their historical average.",
            "25%",
            ("valuation", None),
        ),
        # market values of index members are a definition; one company's is a valuation
        (
            valuation.market_value,
            "It tracks companies with a median market cap of about $1 billion.",
            "$1 billion",
            NO_CLAIM,
        ),
        (
            valuation.market_value,
            "The miner now has a market cap of about $11 billion.",
            "$11 billion",
            ("valuation", None),
        ),
        (
            valuation.discount_later,
            "The group's discount to the S&P 500 on forward earnings is the widest since "
            "2001, at 34%.",
            "34%",
            ("valuation", None),
        ),
        (
            valuation.discount_later,
            "The discount retailer's sales rose in the spring, at 4%.",
            "4%",
            None,
        ),
    ],
)
def test_valuation_precision_and_recall(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


def test_a_ratio_of_a_named_index_is_a_multiple() -> None:
    from nlp.numbers import find_quantities

    text = "The forward price-to-earnings ratio of the Russell 2000 is 26, a high."
    masked = [(text.index("Russell 2000"), text.index("Russell 2000") + 12)]
    assert [(q.unit, q.value) for q in find_quantities(text, masked)] == [("x", 26.0)]


# issue #11: broker notes, ETF blogs and trading ideas (our own sentences)
@pytest.mark.parametrize(
    ("rule", "text", "at", "expected"),
    [
        (
            valuation.discount_after,
            "That puts small caps at a 31% valuation discount to large caps.",
            "31%",
            ("valuation", None),
        ),
        (
            valuation.discount_after,
            "The group trades at a 12% P/E premium to its history.",
            "12%",
            ("valuation", None),
        ),
        (valuation.multiple, "The lender grew EPS 3x in two years.", "3x", NO_CLAIM),
        (
            valuation.multiple,
            "The forward P/E has expanded to 18x this year.",
            "18x",
            ("valuation", None),
        ),
        (
            valuation.market_value,
            "The merger, valued at $2.4 billion, closes next quarter.",
            "$2.4 billion",
            NO_CLAIM,
        ),
        (
            valuation.market_value,
            "After the deal, the company has a market value of $5 billion.",
            "$5 billion",
            ("valuation", None),
        ),
        (
            valuation.multiple,
            "At 8.5 times enterprise value to EBITDA, the chipmaker looks cheap.",
            "8.5 times",
            ("valuation", None),
        ),
    ],
)
def test_issue11_valuation_families(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("rule", "text", "at", "expected"),
    [
        (valuation.under_over, "Microcaps screen 22% undervalued.", "22%", ("valuation", None)),
        (valuation.under_over, "Sales were 22% under plan.", "22%", None),
        (valuation.multiple, "The stock is up 4x since its listing.", "4x", NO_CLAIM),
        (valuation.multiple, "It could 2x from here.", "2x", NO_CLAIM),
        (valuation.multiple, "Growth stocks are 1.3x more volatile.", "1.3x", NO_CLAIM),
        (valuation.multiple, "The utility has a beta of 0.6x.", "0.6x", NO_CLAIM),
        (
            valuation.multiple,
            "The S&P 600 trades at 0.7x the S&P 500 on earnings.",
            "0.7x",
            ("valuation", None),
        ),
        (
            valuation.discount_after,
            "The stock sits at a 30% discount to its record high.",
            "30%",
            ("performance", "from_high"),
        ),
    ],
)
def test_issue11_more_valuation_families(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("rule", "text", "at", "expected"),
    [
        (
            valuation.relative,
            "Microcaps are cheaper by 20% on sales multiples.",
            "20%",
            ("valuation", None),
        ),
        (valuation.relative, "Oil got cheaper by 20% this year.", "20%", None),
        (
            valuation.gap_between,
            "The P/E gap between the two indexes has widened to 35%.",
            "35%",
            NO_CLAIM,
        ),
        (valuation.gap_between, "The gap between the two is 35%.", "35%", None),
    ],
)
def test_issue11_valuation_gaps(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


def test_leverage_set_against_another_is_no_valuation() -> None:
    text = "Net debt to EBITDA is 2.8x for small caps versus 1.4x for large caps."
    assert valuation.multiple(figure(text, "1.4x")) == NO_CLAIM
    text = "Net debt is low, and the stock trades at 11x earnings versus 15x for peers."
    assert valuation.multiple(figure(text, "15x")) == ("valuation", None)


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("Acme agreed to be acquired for $30 a share in cash, a 28% premium.", "28%", NO_CLAIM),
        (
            "Globex will buy Acme for a 16% premium in a deal valued at $900 million.",
            "16%",
            NO_CLAIM,
        ),
        (
            "After the merger, Acme trades at a 12% premium to peers on earnings.",
            "12%",
            ("valuation", None),
        ),
        ("Acme trades at a 20% premium to the sector.", "20%", ("valuation", None)),
    ],
)
def test_issue11_a_takeover_premium_is_no_valuation(text: str, at: str, expected: object) -> None:
    assert valuation.discount_after(figure(text, at)) == expected


def test_undervaluation_noun_is_a_valuation() -> None:
    ctx = figure("Is the trucker's 35% undervaluation a buying chance?", "35%")
    assert valuation.under_over(ctx) == ("valuation", None)


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("Acme trades 15% above our fair value estimate.", "15%", ("valuation", None)),
        ("The trust sits 12% below its net asset value.", "12%", ("valuation", None)),
        ("Acme now sells 8% under its book value.", "8%", ("valuation", None)),
        # a price against its own average is a level or a move, not a valuation
        ("The fund trades 5% above its 200-day moving average.", "5%", None),
    ],
)
def test_val_above_or_below_a_value_estimate(text: str, at: str, expected: object) -> None:
    assert valuation.relative(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        (
            "25%: the discount regional lenders trade at against the S&P 500 on book value.",
            "25%",
            ("valuation", None),
        ),
        ("12%: the premium growth names command over their peers.", "12%", ("valuation", None)),
        # a numbers box line that is a move, or a gap with no yardstick, is no valuation
        ("9%: the gain in the small-cap index since June.", "9%", None),
        ("Investors now see a 25% discount as normal.", "25%", None),
    ],
)
def test_val_numbers_box_gap(text: str, at: str, expected: object) -> None:
    assert valuation.figure_first(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("The index is priced at a multiple of 13.9 on next year's earnings.", "x", 13.9),
        ("13.9: the forward P/E of the small-cap index.", "x", 13.9),
        ("0.72: the relative P/E of small caps against large caps.", "x", 0.72),
        # a figure after a copula stays bare: the ratio_clause rule reads it as a multiple
        ("On price-to-book the Russell 2000 sits at 1.7, near its long-run low.", "bare", 1.7),
        ("By EV/EBITDA the group stands at 9.4.", "bare", 9.4),
    ],
)
def test_val_multiples_written_without_x_are_figures(text: str, unit: str, value: float) -> None:
    from nlp.numbers import find_quantities

    assert [(q.unit, q.value) for q in find_quantities(text)] == [(unit, value)]


def test_val_a_small_multiple_after_a_copula_is_read_by_ratio_clause() -> None:
    ctx = figure("On price-to-book the Russell 2000 sits at 1.7, near its long-run low.", "1.7")
    assert valuation.ratio_clause(ctx) == ("valuation", None)


@pytest.mark.parametrize(
    "text",
    [
        # the ratio's own figure came first: the later one is a price, not a multiple
        "Acme has a P/E of 40, and the stock is at 61.",
        # a level written with a thousands comma is no small multiple
        "The Russell 2000 has a P/E of 26 and is at 2,400.",
        # a figure after a copula with no ratio named in its clause
        "The stock sits at 52 after the rally.",
    ],
)
def test_val_no_bare_multiple_without_its_ratio(text: str) -> None:
    from nlp.numbers import find_quantities

    small = [q.value for q in find_quantities(text) if q.value is not None and q.value < 100]
    assert small in ([40.0], [26.0], [])


@pytest.mark.parametrize(
    ("text", "value", "comparator"),
    [
        ("The stock has a price-to-sales ratio above 200.", 200.0, "gt"),
        ("The group carries an EV/EBITDA north of 30.", 30.0, "gt"),
        ("The bank trades on a P/B under 0.9.", 0.9, "lt"),
    ],
)
def test_val_a_ratio_with_a_bound_is_a_multiple(text: str, value: float, comparator: str) -> None:
    from nlp.numbers import find_quantities

    qs = find_quantities(text)
    assert [(q.unit, q.value, q.comparator) for q in qs] == [("x", value, comparator)]


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("Only 25% of index companies trade above 20 times earnings.", "20 times", NO_CLAIM),
        ("The share of stocks trading at more than 30x sales has doubled.", "30x", NO_CLAIM),
        ("Small caps trade above 20 times earnings again.", "20 times", ("valuation", None)),
    ],
)
def test_val_a_multiple_that_sorts_members_is_a_threshold(
    text: str, at: str, expected: object
) -> None:
    assert valuation.multiple(figure(text, at)) == expected


def test_val_a_relative_forward_pe_written_before_its_name() -> None:
    from nlp.numbers import find_quantities

    qs = find_quantities("The index trades at a 0.68 relative forward P/E against large caps.")
    assert [(q.unit, q.value) for q in qs] == [("x", 0.68)]


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("The miner trades at a discount to NAV of 12%.", "12%", ("valuation", None)),
        ("It carries a premium to peers of roughly 60% on sales.", "60%", ("valuation", None)),
        # no valuation yardstick in the sentence: a price cut, not a valuation
        ("The retailer offered a discount to shoppers of 20%.", "20%", None),
    ],
)
def test_val_discount_with_its_yardstick_before_of(text: str, at: str, expected: object) -> None:
    assert valuation.discount_of(figure(text, at)) == expected


def test_val_where_a_bare_multiple_stood_before_is_the_same_multiple() -> None:
    from nlp.extract import extract_claims

    got = extract_claims("The Russell 2000's forward multiple has shrunk to 14.6 from 16.9.")
    assert sorted((c.kind, c.subject, c.value, c.unit) for c in got) == [
        ("valuation", "^RUT", 14.6, "x"),
        ("valuation", "^RUT", 16.9, "x"),
    ]


def test_val_a_decimal_point_ends_no_ratio_clause() -> None:
    """ "is 14.9, below its 10-year average of 15.8, while the S&P 500 trades at 22.3": the
    first figure's decimal point is no sentence end, so the later bare multiples keep the P/E
    the clause names."""
    text = (
        "The forward P/E ratio for the S&P 600 is 13.7, below its 20-year average of 15.1, "
        "while the S&P 500 trades at 21.9."
    )
    assert valuation.ratio_clause(figure(text, "15.1")) == ("valuation", None)
    assert valuation.ratio_clause(figure(text, "21.9")) == ("valuation", None)


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        (
            "The stock trades at 12.4 times forward earnings, and short interest is 6% of "
            "the float.",
            "12.4 times",
            ("valuation", None),
        ),
        ("The shares trade at 8x, a 30% discount to the peer average of 11.5x.", "11.5x", NO_CLAIM),
        ("It sells for 20x, well above the industry median of 15x.", "15x", NO_CLAIM),
    ],
)
def test_a_multiple_is_the_companys_unless_a_peer_group_owns_it(
    text: str, at: str, expected: object
) -> None:
    assert valuation.multiple(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("Price/sales is at 4.2 for the group.", "4.2", ("valuation", None)),
        ("The forward P/E is 15.1, against 16.3 on average.", "16.3", ("valuation", None)),
        ("The PEG ratio aside; the index closed at 23.5.", "23.5", None),
    ],
)
def test_a_bare_figure_is_a_multiple_when_its_clause_names_the_ratio(
    text: str, at: str, expected: object
) -> None:
    assert valuation.ratio_clause(figure(text, at)) == expected
