"""Rules for company fundamentals, each called on its own (``nlp/rules/fundamental.py``)."""

from __future__ import annotations

import pytest
from rule_context import figure

from nlp.rules import fundamental
from nlp.rules.registry import NO_CLAIM

CASES = [
    (
        fundamental.eps,
        "The bank reported EPS of $1.12 for the quarter.",
        "$1.12",
        ("fundamental", "eps"),
    ),
    (
        fundamental.eps,
        "Analysts had a consensus estimate of $0.95 a share.",
        "$0.95",
        ("fundamental", "eps_estimate"),
    ),
    (fundamental.eps, "Shares closed at $41.20.", "$41.20", None),
    (
        fundamental.revenue,
        "Quarterly revenue came in at $410 million.",
        "$410 million",
        ("fundamental", "revenue"),
    ),
    (fundamental.income, "Net income was $38 million.", "$38 million", ("fundamental", None)),
    (
        fundamental.revenue,
        "Sales climbed 9% to $812 million from a year earlier, ahead of the $790 million expected.",
        "$790 million",
        ("fundamental", "revenue"),
    ),
    (
        fundamental.other_amount,
        "The fund took in $900 million of inflows.",
        "$900 million",
        NO_CLAIM,
    ),
    (
        fundamental.margin,
        "Its gross margin reached 44.5% in the quarter.",
        "44.5%",
        ("fundamental", "margin"),
    ),
    (
        fundamental.growth_sequential,
        "Deposits +6% q/q at the lender.",
        "6%",
        ("fundamental", "growth"),
    ),
    (fundamental.ratio, "Its efficiency ratio ~55% improved.", "55%", ("fundamental", None)),
    (
        fundamental.margin_near,
        "It posted a 31% operating margin.",
        "31%",
        ("fundamental", "margin"),
    ),
    (
        fundamental.revenue_change,
        "Revenue rose 14% on strong demand.",
        "14%",
        ("fundamental", "growth"),
    ),
    (
        fundamental.surprise,
        "Earnings beat the consensus estimate by 9%.",
        "9%",
        ("fundamental", "surprise"),
    ),
    (
        fundamental.growth_year_ago,
        "Quarterly earnings came in 18% higher than a year earlier.",
        "18%",
        ("fundamental", "growth"),
    ),
    (
        fundamental.growth_words,
        "The company posted 12% revenue growth.",
        "12%",
        ("fundamental", "growth"),
    ),
    (
        fundamental.growth_estimate,
        "Analysts expected 15% growth year-over-year.",
        "15%",
        ("fundamental", "growth"),
    ),
    (fundamental.revenue_change, "IWM rose 14% this year.", "14%", None),
]


@pytest.mark.parametrize(("rule", "text", "at", "expected"), CASES)
def test_fundamental_rule(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("Its sales growth of 4.1% lagged peers.", "4.1%", ("fundamental", "growth")),
        ("EPS grew by only 3.6% a year since 2021.", "3.6%", ("fundamental", "growth")),
        ("Order backlog rose 27% in the quarter.", "27%", ("fundamental", "growth")),
        ("Net income has compounded at 12.5% annually.", "12.5%", ("fundamental", "growth")),
        ("The group's revenue growth stands at 0.8%.", "0.8%", ("fundamental", "growth")),
        ("Shares rose 6% on the news.", "6%", None),
        ("After earnings, shares rose 6%.", "6%", None),
        (
            "Earnings for S&P 600 members are expected to grow 18% next year.",
            "18%",
            ("fundamental", "growth"),
        ),
        ("Earnings season came and the stock index rose 4% on it.", "4%", None),
        # a forecast of the metric, with its hedge
        (
            "Cheaper credit could help earnings to rise more than 9% in 2026.",
            "9%",
            ("fundamental", "growth"),
        ),
    ],
)
def test_named_growth(text: str, at: str, expected: object) -> None:
    assert fundamental.named_growth(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("New bookings of $61 million set a record.", "$61 million", ("fundamental", None)),
        ("Deposits climbed to about $18 billion.", "$18 billion", ("fundamental", None)),
        ("It posted a net loss of $9.4 million.", "$9.4 million", ("fundamental", None)),
        (
            "Management lifted its full-year outlook to $140 million.",
            "$140 million",
            ("fundamental", None),
        ),
        ("That topped estimates of $7.2 million.", "$7.2 million", ("fundamental", None)),
        ("The fund took in $900 million of inflows.", "$900 million", None),
    ],
)
def test_business_amount(text: str, at: str, expected: object) -> None:
    assert fundamental.business_amount(figure(text, at)) == expected


def test_named_growth_rate_after_a_change_word() -> None:
    ctx = figure("Without energy, the index's earnings growth slows sharply to 3.9%.", "3.9%")
    assert fundamental.named_growth(ctx) == ("fundamental", "growth")
    ctx = figure("Profits rising only 0.7% left the group flat.", "0.7%")
    assert fundamental.named_growth(ctx) == ("fundamental", "growth")


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("The lender added $3 billion in deposit growth.", "$3 billion", ("fundamental", None)),
        ("It signed $41 million of new bookings.", "$41 million", ("fundamental", None)),
        ("Acme booked $1.1B in revenue.", "$1.1B", ("fundamental", "revenue")),
        ("Investors pulled $2 billion from the fund.", "$2 billion", None),
    ],
)
def test_amount_of_metric(text: str, at: str, expected: object) -> None:
    assert fundamental.amount_of_metric(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("Its backlog has averaged 85% growth since 2022.", "85%", ("fundamental", "growth")),
        ("Bookings posted 35% annual growth.", "35%", ("fundamental", "growth")),
        ("After earnings, shares logged 5% growth in a day.", "5%", None),
    ],
)
def test_metric_growth_after(text: str, at: str, expected: object) -> None:
    assert fundamental.metric_growth_after(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        (
            "Strategists raised earnings estimates for small caps, implying a growth rate of 16%.",
            "16%",
            ("fundamental", "growth"),
        ),
        ("Economists see a GDP growth rate of 1.9% for the year.", "1.9%", None),
        ("The index kept a growth rate of 4% in its holdings.", "4%", None),
    ],
)
def test_growth_rate_of(text: str, at: str, expected: object) -> None:
    assert fundamental.growth_rate_of(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("Adjusted EPS $0.81 vs. $0.70 expected.", "$0.81", ("fundamental", "eps")),
        ("Adjusted EPS $0.81 vs. $0.70 expected.", "$0.70", ("fundamental", "eps_estimate")),
        ("EPS of $0.81 vs. ~$0.74 in the consensus.", "$0.74", ("fundamental", "eps_estimate")),
        ("EPS of $0.81 vs. $0.66 a year ago.", "$0.66", ("fundamental", "eps")),
    ],
)
def test_eps_against_its_estimate(text: str, at: str, expected: object) -> None:
    assert fundamental.eps(figure(text, at)) == expected


F = ("fundamental",)
PHRASINGS = [
    # margin changes in basis points or percentage points are the company's, not the Fed's
    (
        fundamental.margin_bp,
        "Gross margin narrowed 140 basis points to 38.2%.",
        "140",
        (
            *F,
            "margin",
        ),
    ),
    (
        fundamental.margin_bp,
        "Operating margins rose 2.5 percentage points.",
        "2.5",
        (
            *F,
            "margin",
        ),
    ),
    (fundamental.margin_bp, "The Fed cut rates by 25 basis points; margins held up.", "25", None),
    # the estimate named by who expected it, after the figure
    (
        fundamental.eps_expected_after,
        "It earned 31 cents, above the 27 cents analysts expected.",
        "27 cents",
        (
            *F,
            "eps_estimate",
        ),
    ),
    (
        fundamental.eps_expected_after,
        "The loss of $0.22 compared with the $0.30 Wall Street had pencilled in for EPS.",
        "$0.30",
        (
            *F,
            "eps_estimate",
        ),
    ),
    (fundamental.eps_expected_after, "It earned 31 cents a share.", "31 cents", None),
    # a surprise stated in cents or dollars
    (
        fundamental.surprise_amount,
        "The miner beat by 7 cents a share.",
        "7 cents",
        (
            *F,
            "surprise",
        ),
    ),
    (
        fundamental.surprise_amount,
        "Results topped the consensus by $0.12.",
        "$0.12",
        (
            *F,
            "surprise",
        ),
    ),
    (fundamental.surprise_amount, "Shares rose by $3 on the day.", "$3", None),
    # a per-share figure introduced by its label, ranges included
    (
        fundamental.eps_label,
        "EPS: $0.58 vs. $0.51 expected.",
        "$0.58",
        (
            *F,
            "eps",
        ),
    ),
    (
        fundamental.eps_label,
        "The company guided full-year EPS to $2.20 to $2.35.",
        "$2.20",
        (
            *F,
            "eps",
        ),
    ),
    (
        fundamental.eps_label,
        "Fiscal Q2 EPS came in at $0.74.",
        "$0.74",
        (
            *F,
            "eps",
        ),
    ),
    (fundamental.eps_label, "The stock was at $0.74 on Friday.", "$0.74", None),
    # the year-ago figure of a metric
    (
        fundamental.year_ago_figure,
        "EPS rose to $0.90 from $0.61 a year ago.",
        "$0.61",
        (
            *F,
            "eps",
        ),
    ),
    (
        fundamental.year_ago_figure,
        "Revenue reached $412 million versus $350 million in the year-ago quarter.",
        "$350 million",
        (
            *F,
            "revenue",
        ),
    ),
    (fundamental.year_ago_figure, "Shares traded from $12 a year ago to $20.", "$12", None),
    # where a growth rate or margin moved to, and from
    (
        fundamental.trend_to,
        "Organic growth at the distributor slowed to 4%.",
        "4%",
        (
            *F,
            "growth",
        ),
    ),
    (
        fundamental.trend_to,
        "Its adjusted margin improved 90 bp to 12.6%.",
        "12.6%",
        (
            *F,
            "margin",
        ),
    ),
    (fundamental.trend_to, "GDP growth slowed to 1.2% in the quarter.", "1.2%", None),
    (
        fundamental.from_figure,
        "Gross margin widened to 44% from 41%.",
        "41%",
        (
            *F,
            "margin",
        ),
    ),
    (
        fundamental.from_figure,
        "Sales growth decelerated to 9% from 15%.",
        "15%",
        (
            *F,
            "growth",
        ),
    ),
    (fundamental.from_figure, "The stock rose to 9% of the fund from 5%.", "5%", None),
    # the verb before the metric
    (
        fundamental.verb_metric_by,
        "The lender grew deposits by 6%.",
        "6%",
        (
            *F,
            "growth",
        ),
    ),
    (fundamental.verb_metric_by, "The stock grew by 6%.", "6%", None),
    # a change noun after the figure, a metric before it
    (
        fundamental.change_noun,
        "Bookings of $88 million were an 18% increase from a year earlier.",
        "18%",
        (
            *F,
            "growth",
        ),
    ),
    (fundamental.change_noun, "The index posted an 18% increase from last year.", "18%", None),
    # the change of an amount just stated
    (
        fundamental.amount_then_change,
        "Orders came to $1.4 billion, up 11%.",
        "11%",
        (
            *F,
            "growth",
        ),
    ),
    (fundamental.amount_then_change, "ETF inflows were $1.4 billion, up 11%.", "11%", None),
    # the share of an index's members that lose money
    (
        fundamental.share_unprofitable,
        "Close to 43% of Russell 2000 members are unprofitable.",
        "43%",
        (
            *F,
            None,
        ),
    ),
    (
        fundamental.share_unprofitable,
        "About 30% of small-cap companies have negative earnings.",
        "30%",
        (
            *F,
            None,
        ),
    ),
    (fundamental.share_unprofitable, "About 30% of small-cap companies rose.", "30%", None),
]


@pytest.mark.parametrize(("rule", "text", "at", "expected"), PHRASINGS)
def test_fundamental_phrasings(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


def test_named_growth_reads_earnings_per_share() -> None:
    text = "Small-cap earnings per share are expected to climb 24% next year."
    assert fundamental.named_growth(figure(text, "24%")) == ("fundamental", "growth")
    text = "Earnings sent the small-cap stock index up a further 24% this year."
    assert fundamental.named_growth(figure(text, "24%")) is None


@pytest.mark.parametrize(
    ("rule", "text", "at", "expected"),
    [
        # payouts, flows, the shares' own moves and macro data are no company fundamental
        (
            fundamental.eps,
            "The board declared a quarterly dividend of $0.24 per share.",
            "$0.24 per share",
            NO_CLAIM,
        ),
        (fundamental.eps, "Including dividends, it returned 13.8% this year.", "13.8%", None),
        (
            fundamental.income,
            "After strong earnings, investors poured $2 billion into small-cap ETFs.",
            "$2 billion",
            NO_CLAIM,
        ),
        (fundamental.growth_sequential, "The shares are up 25% year-over-year.", "25%", None),
        (fundamental.growth_sequential, "Consumer prices rose 2.9% y/y.", "2.9%", None),
        (
            fundamental.growth_sequential,
            "Loans at the lender rose 3% q/q.",
            "3%",
            ("fundamental", "growth"),
        ),
        (
            fundamental.named_growth,
            "The company posted strong earnings and the stock rose 8% on Friday.",
            "8%",
            None,
        ),
        (fundamental.margin_near, "Margin debt climbed 3% to a record.", "3%", None),
        # recall: growth of a named subject, an estimate stated, a total after a change
        (
            fundamental.growth_of_subject,
            "Blended earnings growth for the Russell 2000 in the third quarter is 9.7%.",
            "9.7%",
            ("fundamental", "growth"),
        ),
        (
            fundamental.growth_of_subject,
            "GDP growth for the euro area in the third quarter was 1.1%.",
            "1.1%",
            None,
        ),
        (
            fundamental.eps_estimate_stated,
            "Next year's EPS estimate for the miner stands at -$0.58.",
            "$0.58",
            ("fundamental", "eps_estimate"),
        ),
        (
            fundamental.amount_to_total,
            "Deposits rose by $1.5 billion between March 31 and June 30, to $72 billion.",
            "$72 billion",
            ("fundamental", None),
        ),
        (
            fundamental.amount_to_total,
            "The index fell in June, to 2,100, after a $2 billion outflow.",
            "$2 billion",
            None,
        ),
        (
            fundamental.book_to_bill,
            "It reported a book-to-bill ratio of 1.3x.",
            "1.3x",
            ("fundamental", None),
        ),
        (
            fundamental.eps,
            "For the next quarter, analysts expect $0.75 a share.",
            "$0.75 a share",
            ("fundamental", "eps_estimate"),
        ),
    ],
)
def test_fundamental_precision_and_recall(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


# issue #11: phrasing families of wire recaps, recap bullets and AI-written recaps (our own
# sentences), and the payouts, cash piles and coupons around them that state no claim
@pytest.mark.parametrize(
    ("rule", "text", "at", "expected"),
    [
        (
            fundamental.surprise_versus,
            "The retailer made $2.10 a share, 15 cents above the mean analyst estimate.",
            "15 cents",
            ("fundamental", "surprise"),
        ),
        (
            fundamental.surprise_versus,
            "Quarterly profit was four cents better than expected.",
            "four cents",
            ("fundamental", "surprise"),
        ),
        (
            fundamental.surprise_versus,
            "Sales landed 3% below the consensus forecast.",
            "3%",
            ("fundamental", "surprise"),
        ),
        (
            fundamental.surprise_versus,
            "The stock closed $2 above its 50-day average.",
            "$2",
            None,
        ),
        (
            fundamental.prior_guidance,
            "It now sees EPS of $3.10 to $3.20, up from a prior range of $2.90 to $3.05.",
            "$2.90 to $3.05",
            ("fundamental", "eps"),
        ),
        (
            fundamental.prior_guidance,
            "Revenue guidance rose to $800 million from its previous outlook of $760 million.",
            "$760 million",
            ("fundamental", "revenue"),
        ),
        (
            fundamental.prior_guidance,
            "The target moved to $40 from a prior target of $35.",
            "$35",
            None,
        ),
        (
            fundamental.change_of,
            "Sales reached $90 million, a year-over-year increase of 14%.",
            "14%",
            ("fundamental", "growth"),
        ),
        (
            fundamental.change_of,
            "Inflation posted a year-over-year increase of 3%.",
            "3%",
            None,
        ),
        (
            fundamental.cash_balance,
            "At 8x earnings with $900M of cash on hand, it is cheap.",
            "$900M",
            NO_CLAIM,
        ),
        (
            fundamental.cash_balance,
            "Cash and equivalents of $410 million cover two years of spending.",
            "$410 million",
            NO_CLAIM,
        ),
        (
            fundamental.cash_balance,
            "Free cash flow of $75 million beat forecasts.",
            "$75 million",
            None,
        ),
        (
            fundamental.payout,
            "The utility lifted its quarterly dividend 4% to 61 cents a share.",
            "61 cents a share",
            NO_CLAIM,
        ),
        (
            fundamental.payout,
            "It declared a dividend of 30 cents, a 7% increase.",
            "7%",
            NO_CLAIM,
        ),
        (fundamental.payout, "The 2031 notes pay a 5.5% coupon.", "5.5%", NO_CLAIM),
        (fundamental.payout, "Buy this 8.3% yielding closed-end fund.", "8.3%", NO_CLAIM),
        (fundamental.payout, "A 7%-yielder among small-cap REITs.", "7%", NO_CLAIM),
        (fundamental.payout, "The REIT rose 8.3% yesterday.", "8.3%", None),
        (
            fundamental.payout,
            "The insurer yields 2.3% after raising its payout.",
            "2.3%",
            NO_CLAIM,
        ),
        (
            fundamental.payout,
            "With dividends reinvested, the ETF returned 9% this year.",
            "9%",
            None,
        ),
        (
            fundamental.payout,
            "Dividend stocks rallied 3% last month.",
            "3%",
            None,
        ),
        (
            fundamental.payout,
            "Despite the dividend cut, revenue rose 5%.",
            "5%",
            None,
        ),
        (
            fundamental.eps,
            "Adjusted EPS: $0.84 (est. $0.79).",
            "$0.79",
            ("fundamental", "eps_estimate"),
        ),
        (
            fundamental.eps,
            "The lender earned $1.05 per diluted share.",
            "$1.05 per diluted share",
            ("fundamental", "eps"),
        ),
    ],
)
def test_issue11_fundamental_families(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("rule", "text", "at", "expected"),
    [
        (
            fundamental.return_ratio,
            "The lender posted a return on equity of 11.8% for the year.",
            "11.8%",
            ("fundamental", None),
        ),
        (
            fundamental.return_ratio,
            "Its efficiency ratio fell to 57% from 60%.",
            "57%",
            ("fundamental", None),
        ),
        (
            fundamental.return_ratio,
            "The stock's return on the year was 12%.",
            "12%",
            None,
        ),
        (
            fundamental.surprise_noun,
            "The chipmaker reported a 7% EPS surprise.",
            "7%",
            ("fundamental", "surprise"),
        ),
        (
            fundamental.surprise_noun,
            "It was a 5-cent miss on the bottom line.",
            "5-cent",
            ("fundamental", "surprise"),
        ),
        (
            fundamental.surprise_noun,
            "EPS of $2.05 beat by $0.11.",
            "$2.05",
            None,
        ),
        (
            fundamental.surprise_amount,
            "The shares fell although revenue beat by 4%.",
            "4%",
            ("fundamental", "surprise"),
        ),
        (
            fundamental.surprise_amount,
            "The fund beat the index by 4% this year.",
            "4%",
            None,
        ),
        (
            fundamental.beat_rate,
            "Of the index members that have reported, 71% topped revenue forecasts.",
            "71%",
            ("fundamental", None),
        ),
        (
            fundamental.beat_rate,
            "The index beat the S&P 500 by 3% last month.",
            "3%",
            None,
        ),
        (
            fundamental.estimate_revision,
            "Earnings estimates for the group have been lowered by 5% since summer.",
            "5%",
            ("fundamental", None),
        ),
        (
            fundamental.estimate_revision,
            "Share price estimates rose 5% this month.",
            "5%",
            None,
        ),
        (
            fundamental.eps_guidance_moved,
            "Annual EPS guidance was raised to $3.40 from $3.25.",
            "$3.25",
            ("fundamental", "eps"),
        ),
        (
            fundamental.eps_guidance_moved,
            "After EPS was raised, the price target went to $45.",
            "$45",
            None,
        ),
        (
            fundamental.guided_growth,
            "The outlook implies 6% organic growth next year.",
            "6%",
            ("fundamental", "growth"),
        ),
        (
            fundamental.guided_growth,
            "The bank's forecast implies 2% GDP growth next year.",
            "2%",
            None,
        ),
        (
            fundamental.growth_label,
            "Sales Growth (YoY): 8.4%",
            "8.4%",
            ("fundamental", "growth"),
        ),
        (
            fundamental.eps_label,
            "Index earnings per share came in at $71 last year.",
            "$71",
            ("fundamental", "eps"),
        ),
        (
            fundamental.eps_label,
            "Earnings were strong; profit at $71 a share would be a record.",
            "$71 a share",
            None,
        ),
        (
            fundamental.named_growth,
            "Revenue at the retailer (ZZZ) is seen slipping 4% this year.",
            "4%",
            ("fundamental", "growth"),
        ),
        (
            fundamental.verb_metric_by,
            "Analysts see it growing earnings at a 15% annual pace.",
            "15%",
            ("fundamental", "growth"),
        ),
        (
            fundamental.change_noun,
            "EPS of $3 would be a 12% increase from fiscal 2025.",
            "12%",
            ("fundamental", "growth"),
        ),
    ],
)
def test_issue11_more_fundamental_families(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("rule", "text", "at", "expected"),
    [
        (
            fundamental.surprise_of,
            "The print amounts to an earnings surprise of +6.25%.",
            "6.25%",
            ("fundamental", "surprise"),
        ),
        (
            fundamental.surprise_of,
            "It delivered $1.10, a surprise of $0.08.",
            "$0.08",
            ("fundamental", "surprise"),
        ),
        (fundamental.surprise_of, "The index rose 6.25% by surprise.", "6.25%", None),
        (
            fundamental.eps_on_revenue,
            "The consensus calls for $1.45 on $310 million in revenues next quarter.",
            "$1.45",
            ("fundamental", "eps_estimate"),
        ),
        (
            fundamental.eps_on_revenue,
            "The lender earned $0.62 a share on sales of $88 million.",
            "$0.62 a share",
            ("fundamental", "eps"),
        ),
        (
            fundamental.eps_on_revenue,
            "The stock traded at $12 on $40 million of volume.",
            "$12",
            None,
        ),
        (
            fundamental.margin_clause,
            "Its EBITDA margin slipped over the year and averaged 18.2% since 2023.",
            "18.2%",
            ("fundamental", "margin"),
        ),
        (
            fundamental.margin_clause,
            "Margin debt rose again and was 5% higher.",
            "5%",
            None,
        ),
        (
            fundamental.eps_label,
            "Analysts expected that the firm would post earnings of $0.88 per share.",
            "$0.88 per share",
            ("fundamental", "eps_estimate"),
        ),
    ],
)
def test_issue11_write_up_families(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("rule", "text", "at", "expected"),
    [
        (
            fundamental.sales_mix,
            "Defense customers account for 60% of the group's revenue.",
            "60%",
            NO_CLAIM,
        ),
        (
            fundamental.sales_mix,
            "Cloud sales climbed to 35% of the total.",
            "35%",
            NO_CLAIM,
        ),
        (
            fundamental.sales_mix,
            "Operating income rose to 14% of revenue.",
            "14%",
            None,
        ),
        (
            fundamental.headcount,
            "The firm now has 900 employees, up 25% from last year.",
            "25%",
            NO_CLAIM,
        ),
        (
            fundamental.headcount,
            "It opened 30 stores, and sales rose 6%.",
            "6%",
            None,
        ),
    ],
)
def test_issue11_mix_and_headcount_are_no_claims(
    rule, text: str, at: str, expected: object
) -> None:
    assert rule(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("Group profits could climb 25% next year.", "25%", ("fundamental", "growth")),
        ("Analysts have sector earnings up 9% in 2026.", "9%", ("fundamental", "growth")),
        ("If sales grow 7%, margins widen.", "7%", ("fundamental", "growth")),
        ("Term loans make up 30% of the debt.", "30%", None),
        ("Earnings season arrived and stocks were up 5%.", "5%", None),
    ],
)
def test_issue11_forward_earnings_are_growth_not_targets(
    text: str, at: str, expected: object
) -> None:
    assert fundamental.named_growth(figure(text, at)) == expected


def test_issue11_a_share_of_a_whole_is_no_claim() -> None:
    text = "Bank loans make up 40%, and bonds the rest."
    assert fundamental.sales_mix(figure(text, "40%")) == NO_CLAIM


def test_issue11_a_move_after_earnings_news_stays_a_move() -> None:
    text = "The index jumped on chip earnings before closing down 1.2%."
    assert fundamental.named_growth(figure(text, "1.2%")) is None


# issue 11 (helper "fund"): wire-headline results, change nouns, amounts then changes
GROWTH = ("fundamental", "growth")


@pytest.mark.parametrize(
    ("rule", "text", "at", "expected"),
    [
        # a bare headline label, no verb: "Q3 adj. EPS 61 cents", "EPS $1.14 vs. ..."
        (fundamental.eps_label, "Acme Q2 adj. EPS 61 cents vs. 52 cents.", "61 cents", (*F, "eps")),
        (fundamental.eps_label, "Acme sees FY EPS $2.10 to $2.25.", "$2.10", (*F, "eps")),
        (fundamental.eps_label, "Widgets Inc. EPS of -$0.41 widens.", "$0.41", (*F, "eps")),
        (
            fundamental.eps_label,
            "Acme posts third-quarter earnings per diluted share of $0.93.",
            "$0.93",
            (*F, "eps"),
        ),
        (fundamental.eps_label, "Acme stock $14.20 after the report.", "$14.20", None),
        # the guidance a wire says it replaced
        (
            fundamental.prior_guidance,
            "Acme now sees EPS $1.80 to $1.90 vs. prior $1.95 to $2.05.",
            "$1.95",
            (*F, "eps"),
        ),
        # a surprise in percent, the metric after the verb
        (fundamental.surprise_amount, "Acme just beat EPS by 12%.", "12%", (*F, "surprise")),
        (fundamental.surprise_amount, "Acme missed Q3 sales by 3%.", "3%", (*F, "surprise")),
        (fundamental.surprise_amount, "Acme beat the index by 12%.", "12%", None),
        # the size of a revenue beat or miss in millions
        (
            fundamental.surprise_amount,
            "Revenue of $310M (+9% Y/Y) beats by $6M.",
            "$6M",
            (*F, "surprise"),
        ),
        # year-over-year spelled "yr/yr"
        (fundamental.growth_sequential, "Acme revs +4.5% yr/yr to $88 mln.", "4.5%", GROWTH),
        # perfect participles: "earnings have risen 15%"
        (
            fundamental.named_growth,
            "The stock is up 30% this year while earnings have risen 15%.",
            "15%",
            GROWTH,
        ),
        (
            fundamental.named_growth,
            "Operating profit improved by 21% to $40 million.",
            "21%",
            GROWTH,
        ),
        # the margin word after a figure counts only as that figure's own noun
        (fundamental.margin_near, "Acme sank 9% as gross margin narrowed to 41%.", "9%", None),
        (fundamental.margin_near, "Acme posted a 17% EBITDA margin.", "17%", (*F, "margin")),
    ],
)
def test_issue11_wire_results(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("rule", "text", "at", "expected"),
    [
        (fundamental.metric_change_noun, "Acme warned of a 15% profit drop.", "15%", GROWTH),
        (
            fundamental.metric_change_noun,
            "Acme posted a 21% rise in second-quarter net profit.",
            "21%",
            GROWTH,
        ),
        (fundamental.metric_change_noun, "Acme reported a 40% jump in Q2 revenue.", "40%", GROWTH),
        (fundamental.metric_change_noun, "Acme logged 90% order growth.", "90%", GROWTH),
        (
            fundamental.metric_change_noun,
            "Acme saw a 0.8% gain in comparable sales.",
            "0.8%",
            GROWTH,
        ),
        (fundamental.metric_change_noun, "Acme shares saw a 5% gain on the day.", "5%", None),
        (fundamental.metric_change_noun, "A 10% drop in earnings estimates followed.", "10%", None),
        (
            fundamental.metric_then_change,
            "Operating profit was $48.2 million, up 19% from a year earlier.",
            "19%",
            GROWTH,
        ),
        (
            fundamental.metric_then_change,
            "Net sales: $912 million; decrease of 6.5%.",
            "6.5%",
            GROWTH,
        ),
        (
            fundamental.metric_then_change,
            "Acme gapped up on earnings, up 11% on heavy volume.",
            "11%",
            None,
        ),
        (
            fundamental.metric_then_change,
            "Acme shares closed at $31 after the revenue report, up 4%.",
            "4%",
            None,
        ),
        (
            fundamental.consensus_change,
            "Comparable sales rose 3.1%; the consensus was up 2.2%.",
            "2.2%",
            GROWTH,
        ),
        (fundamental.consensus_change, "Forecasts were up 2% for the index.", "2%", None),
    ],
)
def test_issue11_change_of_a_stated_metric(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("rule", "text", "at", "expected"),
    [
        (fundamental.foreign_amount, "Net profit rose to 71.2 mln euro.", "71.2", NO_CLAIM),
        (
            fundamental.foreign_amount,
            "Sales reached 300.9 million euros in 2006.",
            "300.9",
            NO_CLAIM,
        ),
        (fundamental.foreign_amount, "Deliveries rose to 65.9 million pieces.", "65.9", NO_CLAIM),
        (fundamental.foreign_amount, "The Russell 2000 ended at 2,452.", "2,452", None),
        (
            fundamental.eps,
            "Acme is to be acquired by Globex for $52.50 a share.",
            "$52.50",
            NO_CLAIM,
        ),
        (fundamental.eps, "Acme is down 10% to $21 a share since May.", "$21", None),
        (fundamental.eps, "Acme earned $0.52 a share.", "$0.52", (*F, "eps")),
    ],
)
def test_issue11_amounts_that_state_no_fundamental(
    rule, text: str, at: str, expected: object
) -> None:
    assert rule(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("rule", "text", "at", "expected"),
    [
        (
            fundamental.guidance_from,
            "Acme cut its comparable sales outlook to up 1% to 2% from up 2% to 3%.",
            "2% to 3%",
            GROWTH,
        ),
        (fundamental.guidance_from, "Acme rose to $30 from $28, up 2% from 1%.", "1%", None),
        (
            fundamental.growth_outlook,
            "Acme raised its sales growth forecast to 14% from 10%.",
            "14%",
            GROWTH,
        ),
        (
            fundamental.growth_outlook,
            "Acme lifted its revenue estimate and the shares rose to 5% gains.",
            "5%",
            None,
        ),
    ],
)
def test_issue11_growth_guidance_moved(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("rule", "text", "at", "expected"),
    [
        (
            fundamental.payout,
            "Acme beats on revs; initiates $250 mln accelerated share repurchase program.",
            "$250 mln",
            NO_CLAIM,
        ),
        (fundamental.payout, "Acme revenue of $250 mln beat estimates.", "$250 mln", None),
        (
            fundamental.revenue,
            "Acme Q3 total revenue $3.3 bln vs. $3.2 bln a year ago; FactSet consensus $3.25 bln",
            "$3.25 bln",
            ("fundamental", "revenue"),
        ),
    ],
)
def test_issue11_buyback_amounts_and_revenue_consensus(
    rule, text: str, at: str, expected: object
) -> None:
    assert rule(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("It trades at a 10% discount to its net asset value of $31 a share.", "$31", NO_CLAIM),
        ("Acme has a tangible book value of $12.40 per share.", "$12.40", ("fundamental", None)),
        ("Acme reported earnings of $0.40 a share.", "$0.40", ("fundamental", "eps")),
    ],
)
def test_issue11_book_value_and_nav_per_share_are_no_eps(
    text: str, at: str, expected: object
) -> None:
    assert fundamental.eps(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("The brewers increased their domestic beer sales by 4.5% last year.", "4.5%", GROWTH),
        ("Acme boosted its sales last year 22% to a record.", "22%", GROWTH),
        ("The broker raised its price target sales by 5%.", "5%", None),
    ],
)
def test_issue11_a_verb_then_a_qualified_metric(text: str, at: str, expected: object) -> None:
    assert fundamental.verb_metric_by(figure(text, at)) == expected


def test_issue11_an_eps_estimates_label_makes_an_estimate() -> None:
    text = "Acme Q3 EPS 14 cents; FactSet EPS estimates were 11 cents."
    assert fundamental.eps_label(figure(text, "11 cents")) == (*F, "eps_estimate")
    text = "Acme full-year EPS guidance of $1.10 to $1.20 was reaffirmed."
    assert fundamental.eps_label(figure(text, "$1.10")) == (*F, "eps")


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("Is the lender's 14% return on equity sustainable?", "14%", ("fundamental", None)),
        ("The regional bank earns a 1.1% ROA on its loan book.", "1.1%", ("fundamental", None)),
        # a move of the shares is not the ratio
        ("The bank's shares returned 14% this year.", "14%", None),
    ],
)
def test_return_ratio_named_after(text: str, at: str, expected: object) -> None:
    assert fundamental.return_ratio(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("rule", "text", "at", "expected"),
    [
        # earnings-season beat rates: the reporters named as small caps, the beat named by
        # what was beaten
        (
            fundamental.beat_rate,
            "So far 64% of reporting small caps have topped EPS estimates.",
            "64%",
            ("fundamental", None),
        ),
        (
            fundamental.beat_rate,
            "Of the index members that have reported, 70% beat on EPS and 52% beat on sales.",
            "52%",
            ("fundamental", None),
        ),
        (fundamental.beat_rate, "The stock jumped 9% on a beat on sales.", "9%", None),
        # an estimate revision said verb first
        (
            fundamental.estimate_revision,
            "Strategists trimmed full-year EPS estimates for small caps by 3.1% since July.",
            "3.1%",
            ("fundamental", None),
        ),
        (
            fundamental.estimate_revision,
            "The broker cut its price target for the stock by 3.1%.",
            "3.1%",
            None,
        ),
        # a margin that recovered or rebounded to a figure
        (
            fundamental.trend_to,
            "Operating margins for the S&P 600 have recovered to 7.4% this year.",
            "7.4%",
            ("fundamental", "margin"),
        ),
        # an index's EPS runs to three digits when the EPS is named with whose it is
        (
            fundamental.eps,
            "Strategists put forward EPS for the S&P 600 at $92 for next year.",
            "$92",
            ("fundamental", "eps_estimate"),
        ),
        (fundamental.eps, "The Russell 2000 ETF traded at $92 on Friday.", "$92", None),
        # the share count and its change are no claim
        (
            fundamental.headcount,
            "The diluted share count has fallen by about 2% a year since 2015.",
            "2%",
            NO_CLAIM,
        ),
        (
            fundamental.share_unprofitable,
            "About 41% of Russell 2000 companies are still losing money.",
            "41%",
            ("fundamental", None),
        ),
    ],
)
def test_issue11_earnings_season_and_write_ups(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


def _read(text: str) -> list[tuple[str, str, float | None, str]]:
    from nlp.extract import extract_claims

    return sorted((c.kind, c.subject, c.value, c.unit) for c in extract_claims(text))


def test_issue11_the_same_metric_of_a_name_in_the_possessive() -> None:
    got = _read("The Russell 2000's operating margin is 6.1%, about half the S&P 500's 12.4%.")
    assert got == [("fundamental", "^GSPC", 12.4, "pct"), ("fundamental", "^RUT", 6.1, "pct")]


def test_issue11_growth_after_the_prior_years_change() -> None:
    got = _read("Analysts expect S&P 600 earnings to rise 19% in 2026, after a 4% drop this year.")
    assert got == [("fundamental", "^SP600", -4.0, "pct"), ("fundamental", "^SP600", 19.0, "pct")]


def test_issue11_where_an_estimate_stood_before() -> None:
    got = _read("Consensus puts forward EPS for the S&P 600 at $88, up from $84 in July.")
    assert got == [
        ("fundamental", "^SP600", 84.0, "usd_per_share"),
        ("fundamental", "^SP600", 88.0, "usd_per_share"),
    ]


def test_issue11_a_share_earlier_or_of_another_name_is_no_move() -> None:
    assert _read("Small caps make up only 5% of U.S. market value, down from 9% in 2001.") == []
    got = _read(
        "About 40% of Russell 2000 members are losing money, compared with 5% in the S&P 500."
    )
    assert got == [("fundamental", "^GSPC", 5.0, "pct"), ("fundamental", "^RUT", 40.0, "pct")]


@pytest.mark.parametrize(
    ("rule", "text", "at", "expected"),
    [
        # the amount a change reached, its metric named before the change
        (
            fundamental.business_amount,
            "Loans at the lender rose 4% to $12.5 billion in the quarter.",
            "$12.5 billion",
            ("fundamental", None),
        ),
        (
            fundamental.business_amount,
            "The ETF took in 4% to $12.5 billion of new money.",
            "$12.5 billion",
            None,
        ),
        # an amount the company guided to
        (
            fundamental.guided_amount,
            "Sales beat, and management guided the coming quarter to $140 million to $146 million.",
            "$140 million to $146 million",
            ("fundamental", "revenue"),
        ),
        (
            fundamental.guided_amount,
            "The buyer agreed to pay $140 million for the unit.",
            "$140 million",
            None,
        ),
        # cents earned or lost, per share when the sentence says so
        (
            fundamental.eps,
            "It lost 6 cents a share under GAAP but earned 21 cents on an adjusted basis.",
            "21 cents",
            ("fundamental", "eps"),
        ),
    ],
)
def test_issue11_amounts_in_write_ups(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


def test_issue11_a_sector_left_out_or_on_its_own_is_its_own_subject() -> None:
    got = _read("Excluding the energy sector, small-cap earnings would be up 3.4%.")
    assert got == [("fundamental", "small caps ex energy", 3.4, "pct")]
    got = _read(
        "For the Russell 2000, Financials earnings came to $9.1 billion, though down from "
        "$9.8 billion a year ago."
    )
    assert got == [
        ("fundamental", "russell 2000 financials", 9100.0, "usd_millions"),
        ("fundamental", "russell 2000 financials", 9800.0, "usd_millions"),
    ]
    # another subject brought in after the sector: the index's own figure
    got = _read("Energy earnings for the S&P 500 fell 20%, while overall earnings rose 5%.")
    assert ("fundamental", "^GSPC", 5.0, "pct") in got


@pytest.mark.parametrize(
    ("rule", "text", "at", "expected"),
    [
        # where per-share earnings moved to is EPS, not the share price
        (
            fundamental.eps,
            "Adjusted earnings per share rose 11% to $2.07 in the quarter.",
            "$2.07",
            ("fundamental", "eps"),
        ),
        (fundamental.eps, "Shares of the operator rose 11% to $207.", "$207", None),
        # a run of dividend increases is a payout's, not a streak of the stock
        (
            fundamental.payout,
            "The chemical maker has lifted its dividend for 31 consecutive years.",
            "31 consecutive years",
            NO_CLAIM,
        ),
    ],
)
def test_issue11_eps_moved_to_and_payout_runs(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


def test_issue11_the_change_an_estimate_indicates_is_growth() -> None:
    got = _read(
        "For next year, the consensus estimate of $3.40 for Hawkins (HWKN) indicates a +8.1% "
        "change from this year."
    )
    assert ("fundamental", "HWKN", 8.1, "pct") in got
    assert not any(kind == "performance" for kind, *_ in got)


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("Short interest in Sanmina (SANM) rose 14% to 3.2 million shares.", "14%", NO_CLAIM),
        ("Trading volume in the ETF jumped 35% on Friday.", "35%", NO_CLAIM),
        # the shares' own move beside a word of volume stays a move
        ("Sanmina (SANM) shares jumped 14% as volume surged.", "14%", None),
    ],
)
def test_issue11_short_interest_and_volume_changes_are_counts(
    text: str, at: str, expected: object
) -> None:
    assert fundamental.headcount(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("Acme (ACME) hit a 52-week high of $48.10 a share on Tuesday.", "$48.10 a share"),
        ("Acme (ACME) shares closed Friday at $41.20 per share, up 3%.", "$41.20 per share"),
        ("Acme (ACME) stock was as low as $35 a share in April.", "$35 a share"),
    ],
)
def test_a_price_level_per_share_is_no_earnings(text: str, at: str) -> None:
    from rule_context import figure as _figure

    from nlp.rules import fundamental as _fundamental

    assert _fundamental.eps(_figure(text, at)) is None


def test_earnings_at_a_per_share_figure_stay_earnings() -> None:
    from rule_context import figure as _figure

    from nlp.rules import fundamental as _fundamental

    text = "Acme (ACME) posted earnings at $1.10 a share, a record high."
    assert _fundamental.eps(_figure(text, "$1.10 a share")) is not None
