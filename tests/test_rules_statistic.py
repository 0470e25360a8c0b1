"""Non-price statistics, each rule called on its own (``nlp/rules/statistic.py``)."""

from __future__ import annotations

import pytest
from rule_context import figure

from nlp.rules import statistic
from nlp.rules.registry import NO_CLAIM

CASES = [
    # breadth: a share of an index's members, and the threshold each member passed
    (statistic.breadth, "Half of its members are now 20% below their highs.", "20%", NO_CLAIM),
    # a number in an index's name is no count of members
    (statistic.breadth, "The Russell 2000 index of small firms rose 1.2%.", "1.2%", None),
    (statistic.breadth, "With 1,400 of its stocks down 5% or more, it is weak.", "5%", NO_CLAIM),
    # members counted against a threshold, before or after it
    (statistic.breadth, "Gains of 3% or more came from 410 of its members.", "3%", NO_CLAIM),
    (statistic.breadth, "Some 650 stocks fell at least 8% on the week.", "8%", NO_CLAIM),
    (statistic.breadth, "The S&P 600 rose 3% or more on two days.", "3%", None),
    (
        statistic.breadth,
        "Some 45% of Russell 2000 companies are down more than 30% from their peaks.",
        "30%",
        NO_CLAIM,
    ),
    (
        statistic.breadth,
        "In all, 70% of these stocks finished more than 5% lower on the day.",
        "5%",
        NO_CLAIM,
    ),
    (
        statistic.breadth,
        "A third of the stocks in the index lost over 10% in October.",
        "10%",
        NO_CLAIM,
    ),
    (statistic.breadth, "Roughly 82% of small-cap stocks rose on Monday.", "82%", NO_CLAIM),
    (statistic.breadth, "Only 23% of its members beat the index.", "23%", NO_CLAIM),
    (statistic.breadth, "The Russell 2000 fell 3% on Friday.", "3%", None),
    (statistic.breadth, "IWM gained 4% of its value in a week.", "4%", None),
    (statistic.breadth, "Small-cap stocks are down 10% this year.", "10%", None),
    (
        statistic.breadth,
        "The index, with 40% of its members unprofitable, fell 3% on Friday.",
        "3%",
        None,
    ),
    # chart ratios
    (statistic.retracement, "IWM tests a 50% retracement of the summer rally.", "50%", NO_CLAIM),
    (statistic.retracement, "Support sits at the 38.2% Fibonacci level.", "38.2%", NO_CLAIM),
    (
        statistic.retracement,
        "The fund has retraced about 61.8% of its October slide.",
        "61.8%",
        NO_CLAIM,
    ),
    (statistic.retracement, "IWM fell 6.18% last month.", "6.18%", None),
    # a gap to a round level
    (
        statistic.distance_to_level,
        "The Dow sits roughly 150 points shy of the 50,000 mark.",
        "150",
        NO_CLAIM,
    ),
    (
        statistic.distance_to_level,
        "IWM trades 3% below the $250 level it failed at in July.",
        "3%",
        NO_CLAIM,
    ),
    (statistic.distance_to_level, "The Dow added 150 points on Friday.", "150", None),
    # valuation spreads and ratios
    (
        statistic.spread_words,
        "Small caps trade at a 6-point P/E discount to the S&P 500.",
        "6",
        ("valuation", None),
    ),
    (statistic.spread_words, "The Russell 2000 closed 6 points higher.", "6", None),
    (
        statistic.ratio_not_level,
        "The forward P/E ratio of the S&P 600 stood at 14.20 last week.",
        "14.20",
        NO_CLAIM,
    ),
    (
        statistic.ratio_not_level,
        "Its EV/EBITDA multiple stood at 11.5 at the end of May.",
        "11.5",
        NO_CLAIM,
    ),
    (statistic.ratio_not_level, "The Russell 2000 closed at 2,431.50 on Monday.", "2,431.50", None),
]


@pytest.mark.parametrize(("rule", "text", "at", "expected"), CASES)
def test_statistic_rule(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("rule", "text", "at", "expected"),
    [
        (statistic.fund_attribute, "The fund's expense ratio is 0.07%.", "0.07%", NO_CLAIM),
        (statistic.fund_attribute, "It pays a 30-day SEC yield of 1.4%.", "1.4%", NO_CLAIM),
        (
            statistic.fund_attribute,
            "The ETF tracked its index within 0.03% last year.",
            "0.03%",
            NO_CLAIM,
        ),
        (statistic.fund_attribute, "The fund rose 1.4% on Friday.", "1.4%", None),
        # the fund's own move after an aside naming what it tracks
        (
            statistic.fund_attribute,
            "VTWO, the Vanguard fund tracking the index, slid 0.6% on Monday.",
            "0.6%",
            None,
        ),
        # a fee said with a verb
        (statistic.fund_attribute, "IWM, which charges 0.19% a year, rose.", "0.19%", NO_CLAIM),
        (statistic.fund_attribute, "VB costs investors just 0.05% annually.", "0.05%", NO_CLAIM),
        (
            statistic.index_definition,
            "The gauge was created in 1995 with a base of 1,000.",
            "1,000",
            NO_CLAIM,
        ),
        (statistic.index_definition, "The stock built a base of 1,000 shares.", "1,000", None),
        (
            statistic.size_band,
            "We kept stocks with market caps below $500 million.",
            "$500 million",
            NO_CLAIM,
        ),
        (statistic.size_band, "It has a market cap of $500 million.", "$500 million", None),
        (
            statistic.size_band,
            "Its members have a median market cap of under $2 billion.",
            "$2 billion",
            NO_CLAIM,
        ),
        (
            statistic.size_band,
            "The stock trades at a market value above $9 billion.",
            "$9 billion",
            None,
        ),
        (statistic.group_count, "The screen returned 340 small caps.", "340", NO_CLAIM),
        (
            statistic.group_count,
            "The fund owned 1,912 stocks at the end of June.",
            "1,912",
            NO_CLAIM,
        ),
        (statistic.group_count, "1,968: the number of members in the index", "1,968", NO_CLAIM),
        (statistic.group_count, "The index closed at 2,412.6 on Friday.", "2,412.6", None),
        (statistic.group_count, "The index rose to 2,340 points.", "2,340", None),
    ],
)
def test_statistic_vetoes(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("rule", "text", "at", "expected"),
    [
        (
            statistic.definition,
            "A bear market is defined as a fall of 20% from the peak.",
            "20%",
            NO_CLAIM,
        ),
        # a generic figure, named by what follows it
        (statistic.definition, "A 10% drop is usually called a correction.", "10%", NO_CLAIM),
        (
            statistic.definition,
            "A fall of 20% from a peak is what many traders call a bear market.",
            "20%",
            NO_CLAIM,
        ),
        (statistic.definition, "A 20% slide from the high marks a bear market.", "20%", NO_CLAIM),
        (
            statistic.definition,
            "A 25% drop a bear market, a 10% one a correction.",
            "25%",
            NO_CLAIM,
        ),
        # the index's own drop, named by the phase it reached: a claim
        (statistic.definition, "The index logged a 12% drop, a correction.", "12%", None),
        (statistic.distance_to_level, "It sits 8% below its 50-day SMA.", "8%", NO_CLAIM),
        (statistic.distance_to_level, "It rose 8% above its 50-day line.", "8%", None),
        (statistic.definition, "The 10% drop was called a correction.", "10%", None),
        (
            statistic.definition,
            "A company qualifies as a micro cap when it is worth under $300 million.",
            "$300 million",
            NO_CLAIM,
        ),
        (statistic.definition, "The stock, a bellwether, rose 5% on Monday.", "5%", None),
        (
            statistic.dispersion,
            "Estimates show a standard deviation of $3.10 around the mean.",
            "$3.10",
            NO_CLAIM,
        ),
        (statistic.dispersion, "The mean estimate is $31.10.", "$31.10", None),
        # the odds of an outcome (not the Fed's: the rate rules read those first)
        (
            statistic.outcome_odds,
            "The desk puts a 60% probability on small caps leading next year.",
            "60%",
            None,
        ),
        (
            statistic.outcome_odds,
            "Our model gives a 70% chance that value beats growth in 2026.",
            "70%",
            NO_CLAIM,
        ),
        (
            statistic.outcome_odds,
            "Strategists see a 35% likelihood of a recession next year.",
            "35%",
            NO_CLAIM,
        ),
        (statistic.outcome_odds, "The index gained 3% on Friday.", "3%", None),
    ],
)
def test_definitions_and_dispersion(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("Officials expect the economy to grow at a 1.6 per cent pace.", "1.6", NO_CLAIM),
        ("They put core inflation at 2.9% next year, up from 2.7%.", "2.7%", NO_CLAIM),
        ("Small caps rose 2% as inflation cooled.", "2%", None),  # a market in the sentence
        ("Consumer-sensitive shares rose 2% after the CPI print.", "2%", None),
        # a price index is the economy's, not a market index
        ("August's producer price index climbed 2.6% on the year.", "2.6%", NO_CLAIM),
        ("The S&P 600 index climbed 2.6% after the CPI.", "2.6%", None),
        # a bare macro number is no level or target either
        ("Initial jobless claims are expected to come in at 231,000.", "231,000", NO_CLAIM),
        ("Jobless claims fell, and the Russell 2000 added 31 points.", "31", None),
        # survey gauges and debt tallies are the economy's too
        ("The Conference Board's confidence index slid 2.4 points to 94.1.", "2.4", NO_CLAIM),
        ("Margin debt reached $1.1 trillion, up 31% from a year earlier.", "31%", NO_CLAIM),
        # the figure's own clause decides when the next clause names a market
        ("The services PMI rose to 54.3, and small caps gained 1%.", "54.3", NO_CLAIM),
        ("The services PMI rose to 54.3, and small caps gained 1%.", "1%", None),
    ],
)
def test_macro_projection(text: str, at: str, expected: object) -> None:
    assert statistic.macro_projection(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("I'm long the Dec $250 calls (bought at $2.15) into the print.", "$2.15", NO_CLAIM),
        ("We sold the January puts for $3.40 each.", "$3.40", NO_CLAIM),
        ("A desk buys 900 March $30 puts to open at $1.45 on the bank ETF.", "$1.45", NO_CLAIM),
        ("I'm holding 300 shares with a stop at $239.80.", "300", NO_CLAIM),
        ("Risking about 3% to make 8-10% on the trade.", "3%", NO_CLAIM),
        ("Risking about 3% to make 8-10% on the trade.", "8-10%", NO_CLAIM),
        # the underlying's own price and moves are no trade sizing
        ("IWM closed at $246.10 after the calls traded heavily.", "$246.10", None),
        ("IWM rose 2.4% as traders bought calls.", "2.4%", None),
        ("The stop sits at $239.80.", "$239.80", None),
    ],
)
def test_trade_sizing(text: str, at: str, expected: object) -> None:
    assert statistic.trade_sizing(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("An activist fund disclosed a 9.4% stake in the regional lender.", "9.4%", NO_CLAIM),
        ("Insiders own 31% of the company after the spin-off.", "31%", NO_CLAIM),
        ("Roughly 64% of the bank's shares are held by two families.", "64%", NO_CLAIM),
        ("The founder kept a 12% equity interest in the new company.", "12%", NO_CLAIM),
        ("A director just bought 4.2% more shares of the lender.", "4.2%", NO_CLAIM),
        ("The insurer agreed to purchase an additional 20% of its partner.", "20%", NO_CLAIM),
        ("IWM lost 5% in a week.", "5%", None),
        ("The REIT plans to sell its 100%-owned hotel unit.", "100%", NO_CLAIM),
        ("The crane maker raised its stake in a Swiss supplier to 64%.", "64%", NO_CLAIM),
        ("A fund bought 12 million shares, or 9.5%, of the trucker.", "9.5%", NO_CLAIM),
        (
            "A pension fund bought a 6% stake, worth about $210 million, in the trucker.",
            "$210 million",
            NO_CLAIM,
        ),
        # a move after a stake is bought is still a move; a position's price is no stake
        ("The stock rose 7% after the fund disclosed its stake.", "7%", None),
        ("Small caps hold 10% gains for the month.", "10%", None),
        ("The miner's market value reached $900 million.", "$900 million", None),
    ],
)
def test_ownership(text: str, at: str, expected: object) -> None:
    assert statistic.ownership(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("The homebuilder closed on 1,850 homes in the quarter.", "1,850", NO_CLAIM),
        ("Its new plant covers 40,000 square feet in Ohio.", "40,000", NO_CLAIM),
        ("Preorders for the e-bike hit 120,000 in the first week.", "120,000", NO_CLAIM),
        ("The regional bank was founded in 1887 in Vermont.", "1887", NO_CLAIM),
        ("Quarterly profit fell to 12.4 mln euro at the Finnish unit.", "12.4", NO_CLAIM),
        ("The shipper moved 3,200 vehicles across the border.", "3,200", NO_CLAIM),
        ("The chipmaker expects 320 mln handsets to ship next year.", "320", NO_CLAIM),
        ("The payments app passed 2,500 active small-business merchants.", "2,500", NO_CLAIM),
        ("The Russell 2000 closed at 2,480 on Tuesday.", "2,480", None),
        ("The small-cap index logged 118 new 52-week highs on Monday.", "118", NO_CLAIM),
        ("New highs (212) outpaced new lows (14) across small caps.", "212", NO_CLAIM),
        ("The Russell 2000 set a new high of 2,512 on Monday.", "2,512", None),
        # index levels and points keep their readings
        ("The Russell 2000 hit 2,480 on Tuesday.", "2,480", None),
        ("The Russell 2000 fell 31 points to 2,402.", "31", None),
        ("IWM could run to 2100 if breadth improves.", "2100", None),
    ],
)
def test_measure_count(text: str, at: str, expected: object) -> None:
    assert statistic.measure_count(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("The chipmaker priced $400 million of 1.25% convertible senior notes.", "1.25%", NO_CLAIM),
        ("The lender sold 7.5% notes due 2031 to refinance.", "7.5%", NO_CLAIM),
        ("A trader bought the March $45 puts on the regional bank ETF.", "$45", NO_CLAIM),
        ("Two 3x small-cap ETFs saw record outflows.", "3x", NO_CLAIM),
        ("The REIT's 6.125% Series C cumulative preferred trades near par.", "6.125%", NO_CLAIM),
        ("Flow desk: 2,000 March $30 calls bought on the regional bank.", "2,000", NO_CLAIM),
        ("A buyer took the Jan $20/$25 call spreads on the ETF.", "$20", NO_CLAIM),
        # a coupon-free percent, a plain price and a multiple stay open
        ("The stock rose 4% after the notes were priced.", "4%", None),
        ("Support sits at $45 for the ETF.", "$45", None),
        ("Small caps trade at 15x forward earnings.", "15x", None),
    ],
)
def test_security_terms(text: str, at: str, expected: object) -> None:
    assert statistic.security_terms(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("A rival agreed to acquire the software maker for $18.25 per share.", "$18.25", NO_CLAIM),
        ("The biotech will sell its lead drug to a larger peer for $210M.", "$210M", NO_CLAIM),
        ("The parent confirmed the unit's sale to a buyout firm for $1.9B.", "$1.9B", NO_CLAIM),
        ("Private equity offered $9 a share in cash for the retailer.", "$9", NO_CLAIM),
        ("The buyout values the insurer at $31.40 per share in cash.", "$31.40", NO_CLAIM),
        # a price the stock trades at, a target, earnings: no deal
        ("The stock trades at $18.25 per share after the deal talk.", "$18.25", None),
        ("Buy the dip at $210 in IWM.", "$210", None),
        ("The company earned $1.12 a share last quarter.", "$1.12", None),
    ],
)
def test_deal_price(text: str, at: str, expected: object) -> None:
    assert statistic.deal_price(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        (
            "The share of Russell 2000 members trading above their 50-day average slid to 22%.",
            "22%",
            NO_CLAIM,
        ),
        ("% of small caps in IWM above their 200 day MA: now 41%", "41%", NO_CLAIM),
        # the index's own move beside an average is still a move
        ("The Russell 2000 fell 2% and closed below its 50-day average.", "2%", None),
    ],
)
def test_breadth_gauge(text: str, at: str, expected: object) -> None:
    assert statistic.breadth(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        # a strike with its option letter written onto it
        ("loaded up on IWM $235c for January", "$235", NO_CLAIM),
        ("sold the $220p against it", "$220", NO_CLAIM),
        # a quote row's letters stand apart from the figure: a low before a close, no strike
        ("RTY daily: O 2,391.5 H 2,405.0 L 2,380.2 C 2,399.9", "2,380.2", None),
        # a multiple of a move, not of earnings: a fund's leverage, a wave count's ratio
        ("TZA moves 3x the index, in the other direction", "3x", NO_CLAIM),
        ("the fund runs 2x daily leverage on small caps", "2x", NO_CLAIM),
        ("wave 5 often runs 1.618x wave 1 in a strong trend", "1.618x", NO_CLAIM),
        ("SOXL should move about 3x that on a good day", "3x", NO_CLAIM),
        # a multiple of earnings stays a valuation's, "that of" a peer's included
        ("IWM holdings trade at 16x earnings", "16x", None),
        ("Kratos trades at 95x, over 3x that of its peers", "3x", None),
        ("Modine fetches 28 times this year's earnings", "28 times", None),
    ],
)
def test_security_terms_in_chat(text: str, at: str, expected: object) -> None:
    assert statistic.security_terms(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        # what a holding added to (or took from) a fund's return: the fund's attribute
        (
            "Our top name, a medical-device maker, added 85 basis points to performance.",
            "85",
            NO_CLAIM,
        ),
        (
            "A homebuilder was the best contributor, adding 95 bp over the quarter.",
            "95 bp",
            NO_CLAIM,
        ),
        ("The software holding cost the fund 60 basis points in the period.", "60", NO_CLAIM),
        ("The meter maker detracted 55 bp as orders slowed.", "55 bp", NO_CLAIM),
        ("Stock selection in industrials contributed 1.2% to relative returns.", "1.2%", NO_CLAIM),
        ("Sector allocation added 35 bps of excess return.", "35 bps", NO_CLAIM),
        (
            "Against the benchmark, our underweight in biotech cost about 20 bps.",
            "20 bps",
            NO_CLAIM,
        ),
        # the stock's own move with the same verb is still a move; the Fed's cut is a rate
        ("Shares of the insurer added 3% on Tuesday.", "3%", None),
        ("The Fed cut rates by 25 basis points on Wednesday.", "25", None),
    ],
)
def test_attribution(text: str, at: str, expected: object) -> None:
    assert statistic.attribution(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        # a position's share of the trader's money, and how it was resized
        ("the TNA swing is 8% of my account right now", "8%", NO_CLAIM),
        ("trimmed the IWM calls, sized down from 12% to 5%", "12%", NO_CLAIM),
        ("trimmed the IWM calls, sized down from 12% to 5%", "5%", NO_CLAIM),
        # the fund's own move stays a move
        ("IWM is up 8% this month and I am still long", "8%", None),
    ],
)
def test_trade_sizing_allocation(text: str, at: str, expected: object) -> None:
    assert statistic.trade_sizing(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        # a fund letter's own fund: no symbol to check, and not the benchmark named later
        ("In the quarter our small-cap value strategy gained 6.2% net of fees.", "6.2%", NO_CLAIM),
        ("The portfolio trades at 13.1 times forward earnings.", "13.1", NO_CLAIM),
        ("Our fund returned 3.3% in the first half.", "3.3%", NO_CLAIM),
        ("The fund returned 7.7% for the year, behind the Russell 2000's 9.1%.", "7.7%", NO_CLAIM),
        # an index called a composite, or a named fund, is a subject of its own
        ("The Nasdaq Composite rose 2.4% on the day.", "2.4%", None),
        ("IWM returned 7.7% for the year, behind the Russell 2000's 9.1%.", "7.7%", None),
    ],
)
def test_own_fund(text: str, at: str, expected: object) -> None:
    ctx = figure(text, at)
    if text.startswith("IWM"):
        from nlp.linking import Mention

        ctx.names = (Mention(0, 3, "IWM", "etf"),)
    assert statistic.own_fund(ctx) == expected


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("The pump maker sells through about 2,100 distributors worldwide.", "2,100"),
        ("It serves 310 institutions across the country.", "310"),
        ("The brand is sold in 176 countries.", "176"),
    ],
)
def test_write_up_counts_are_no_levels(text: str, at: str) -> None:
    assert statistic.measure_count(figure(text, at)) == NO_CLAIM


def test_insiders_holding_is_ownership() -> None:
    ctx = figure("Insiders hold roughly 3% of the shares.", "3%")
    assert statistic.ownership(ctx) == NO_CLAIM


@pytest.mark.parametrize(
    ("text", "at"),
    [
        (
            "A director sold 2,500 shares on Monday at an average of $58.20, for a total "
            "transaction of $145,500.",
            "$145,500",
        ),
        ("After the sale the officer now owns 12,040 shares, valued at $700,728.", "$700,728"),
        ("The chief executive bought 10,000 shares at $14.75 apiece.", "$14.75"),
    ],
)
def test_an_insiders_trade_is_no_claim(text: str, at: str) -> None:
    assert statistic.insider_trade(figure(text, at)) == NO_CLAIM


def test_a_price_with_no_trade_is_left_to_the_other_rules() -> None:
    assert statistic.insider_trade(figure("The stock closed at $58.20.", "$58.20")) is None


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("The lender sold $300 million of senior notes due 2031 at 7.5%.", "7.5%", NO_CLAIM),
        ("It issued $250 million of bonds bearing 5.125% interest.", "5.125%", NO_CLAIM),
        ("The group ranks in the top 20% of all industries we track.", "20%", NO_CLAIM),
        ("The stock rose 7.5% after the notes were priced.", "7.5%", None),
    ],
)
def test_coupons_and_ranks_are_no_claims(text: str, at: str, expected: object) -> None:
    assert statistic.coupon_or_rank(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("The chain runs 310 clubs with 4,100 lanes in 28 states.", "4,100", NO_CLAIM),
        ("The driller operates 142 rigs in the Permian.", "142", NO_CLAIM),
        # a level with a verb after it, and a level with no counting word before it
        ("Analysts see a rally if 2,480 gives way.", "2,480", None),
        ("A close above 2,432 opens the way higher.", "2,432", None),
    ],
)
def test_a_whole_number_before_a_plural_noun_counts_things(
    text: str, at: str, expected: object
) -> None:
    assert statistic.plural_count(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        (
            "At year end the fund held 64 stocks with a weighted P/E of 14.1x, against 16.9x "
            "for the Russell 2000.",
            "14.1x",
            NO_CLAIM,
        ),
        (
            "At year end the fund held 64 stocks with a weighted P/E of 14.1x, against 16.9x "
            "for the Russell 2000.",
            "16.9x",
            None,
        ),
        (
            "The fund's expense ratio is 0.85%, and it gained 6.2% in the quarter against 8.1% "
            "for the Russell 2000.",
            "6.2%",
            NO_CLAIM,
        ),
    ],
)
def test_a_sentence_about_the_letters_own_fund(text: str, at: str, expected: object) -> None:
    assert statistic.fund_sentence(figure(text, at)) == expected


def test_a_fib_ratio_written_bare_is_no_level() -> None:
    from rule_context import figure

    from nlp.rules import statistic

    assert statistic.retracement(figure("the fibonacci 38.2 level is $44.10", "38.2")) is not None
    assert statistic.retracement(figure("the fibonacci 38.2 level is $44.10", "$44.10")) is None
