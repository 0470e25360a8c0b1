"""Rules for Fed rates, each called on its own (``nlp/rules/rates.py``)."""

from __future__ import annotations

import pytest
from rule_context import figure

from nlp.rules import rates
from nlp.rules.registry import NO_CLAIM

CASES = [
    (
        rates.basis_points,
        "The Fed lowered rates by 25 basis points on Wednesday.",
        "25",
        ("rate", None),
    ),
    (rates.basis_points, "Two officials wanted a 50 bp cut instead.", "50", NO_CLAIM),
    (rates.basis_points, "The 10-year yield fell 12 bps.", "12", None),
    # a spread between returns after a relative verb is no policy move
    (rates.basis_points, "Small caps trailed large caps by 350 basis points.", "350", None),
    (
        rates.basis_points,
        "The Fed cut by 25 basis points as small caps lagged.",
        "25",
        ("rate", None),
    ),
    (rates.count_of_moves, "Futures now price two more cuts by December.", "two", ("rate", None)),
    (rates.count_of_moves, "The Fed made three cuts last year.", "three", NO_CLAIM),
    (rates.probability, "FedWatch shows a 64% probability of a cut.", "64%", ("probability", None)),
    (
        rates.economic_figure,
        "Core inflation ran at 2.9% in August, the Fed noted.",
        "2.9%",
        NO_CLAIM,
    ),
    (rates.earlier_probability, "Odds of a Fed cut are 80%, up from about 55%.", "55%", NO_CLAIM),
    (
        rates.probability_in_sentence,
        "Traders put the odds of a Fed cut in March at 58%.",
        "58%",
        ("probability", None),
    ),
    (
        rates.target_range,
        "The Fed cut rates to a range of 3.50% to 3.75%.",
        "3.50%",
        ("rate_range", None),
    ),
    (rates.level_after_move, "The Fed cut its policy rate to 4%.", "4%", ("rate_level", None)),
    (
        rates.named_level,
        "Officials see the fed funds rate near 3.1% by the end of 2026.",
        "3.1%",
        ("rate_level", None),
    ),
    (rates.named_level, "IWM rose 2.1% after the Fed meeting.", "2.1%", None),
    # a move the sentence only supposes is none; a call stated outright still is
    (
        rates.conditional,
        "Without at least one more cut by mid-2026, small-cap margins could shrink.",
        "one more cut",
        NO_CLAIM,
    ),
    (
        rates.conditional,
        "Should the committee cut by 50 basis points, regional lenders would feel it.",
        "50 basis points",
        NO_CLAIM,
    ),
    (
        rates.conditional,
        "Small caps could retest their highs if the Fed delivers two more cuts.",
        "two more cuts",
        NO_CLAIM,
    ),
    (
        rates.conditional,
        "Assuming two quarter-point reductions next year, the model sees wider margins.",
        "two quarter-point reductions",
        NO_CLAIM,
    ),
    (rates.conditional, "Traders price two more cuts by June.", "two more cuts", None),
    (
        rates.conditional,
        "The Fed is expected to hold in January and should cut by 25 bp in March.",
        "25 bp",
        None,
    ),
    # sized moves add up to basis points (devset rule 10)
    (
        rates.sized_moves,
        "Traders now see two more quarter-point reductions by June.",
        "two more quarter-point reductions",
        ("rate", None),
    ),
    (
        rates.sized_moves,
        "Three consecutive 25-basis-point cuts came in the fourth quarter.",
        "Three consecutive 25-basis-point cuts",
        ("rate", None),
    ),
    (rates.sized_moves, "The Fed cut by 25 basis points.", "25 basis points", None),
    # a move written in percent
    (
        rates.percent_move,
        "The Fed cut rates by 0.25% to 3.50%-3.75% on Wednesday.",
        "0.25%",
        ("rate", None),
    ),
    (
        rates.percent_move,
        "Policymakers lowered the benchmark rate by 0.25 percentage point in October.",
        "0.25 percentage point",
        ("rate", None),
    ),
    (
        rates.percent_move,
        "In March 2020 the Fed slashed rates by 1% to 0%-0.25%.",
        "1%",
        ("rate", None),
    ),
    (rates.percent_move, "The Fed cut rates as the Russell 2000 rose by 0.8%.", "0.8%", None),
    (rates.percent_move, "The 10-year yield was cut by 0.12% after the Fed.", "0.12%", None),
    # moves already made, counted
    (
        rates.past_moves,
        "Back-to-back cuts in September and October lifted regional banks.",
        "Back-to-back cuts",
        ("rate_decided", None),
    ),
    (
        rates.past_moves,
        "Two consecutive rate cuts have eased the pressure on small borrowers.",
        "Two consecutive rate cuts",
        ("rate_decided", None),
    ),
    (
        rates.past_moves,
        "The Fed delivered three rate cuts in 2024, worth 100 basis points in all.",
        "three rate cuts",
        ("rate_decided", None),
    ),
    (rates.past_moves, "Futures price two more cuts by June.", "two more cuts", None),
    (
        rates.past_moves,
        "A third consecutive cut would help small caps most.",
        "third consecutive cut",
        None,
    ),
    (
        rates.past_moves,
        "Back-to-back cuts in March and April are likely, the strategist wrote.",
        "Back-to-back cuts",
        None,
    ),
    # odds that moved, odds on a range, a split of odds
    (
        rates.probability_moved,
        "The odds of a hold rose to 85% for the January meeting.",
        "85%",
        ("probability", None),
    ),
    (
        rates.probability_moved,
        "The chance of no change next week has fallen to 13% from 35% a month ago.",
        "13%",
        ("probability", None),
    ),
    (rates.probability_moved, "The Fed cut rates and IWM rose to 3% higher.", "3%", None),
    (
        rates.range_in_odds,
        "FedWatch assigns a 24.4% probability to a 3.25%-3.50% range after the meeting.",
        "3.25%-3.50%",
        ("rate_range", None),
    ),
    (
        rates.range_in_odds,
        "The Fed cut rates to a range of 3.50% to 3.75%.",
        "3.50% to 3.75%",
        None,
    ),
    (
        rates.odds_split,
        "Fed funds futures show a 70-30 split between a cut and a hold in December.",
        "70-30",
        NO_CLAIM,
    ),
]


@pytest.mark.parametrize(("rule", "text", "at", "expected"), CASES)
def test_rate_rule(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("The ECB left its deposit rate at 2% on Thursday.", "2%", NO_CLAIM),
        ("The Bank of England cut by 25 basis points to 4%.", "25 basis points", NO_CLAIM),
        ("The term loan was priced at SOFR plus 350 bps.", "350 bps", NO_CLAIM),
        ("Brazil's central bank lowered its key rate to 10.5%.", "10.5%", NO_CLAIM),
        ("The Turkish Central Bank raised rates by 500 bps.", "500 bps", NO_CLAIM),
        ("The notes pay 275 basis points over Treasuries.", "275 basis points", NO_CLAIM),
        # the Fed named, or a figure that is no rate, stays open
        ("The Fed cut by 25 basis points while the ECB held.", "25 basis points", None),
        ("Small caps rose 2% after the Bank of Japan surprised.", "2%", None),
    ],
)
def test_other_bank(text: str, at: str, expected: object) -> None:
    assert rates.other_bank(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("The Fed cut the rate to 4.25% in December.", "4.25%", ("rate_level", None)),
        # "up to" is a bound, and a cut of costs is no policy move
        ("The new rigs cut drilling costs by up to 30%.", "30%", None),
        ("Automation could cut labor costs up to 40% at the plant.", "40%", None),
    ],
)
def test_level_after_move(text: str, at: str, expected: object) -> None:
    assert rates.level_after_move(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        # what futures imply for a meeting or a month is a named level (an expectation)
        ("Swaps put the implied rate for June 2026 at 3.41%.", "3.41%", ("rate_level", None)),
        (
            "The implied policy rate for the March meeting now stands at 3.58%.",
            "3.58%",
            ("rate_level", None),
        ),
        (
            "Officials see the fed funds rate near 3.1% by the end of 2026.",
            "3.1%",
            ("rate_level", None),
        ),
        # an implied move of a stock is no rate
        ("The options market implies a 6% move in Kratos after earnings.", "6%", None),
    ],
)
def test_named_level(text: str, at: str, expected: object) -> None:
    assert rates.named_level(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        # the ECB's, the BoE's and the BoJ's rates are no FEDFUNDS claims, on a Fed day too
        ("The Bank of England held its benchmark at 4% on Thursday.", "4%", NO_CLAIM),
        ("The BoJ kept its policy rate at 0.5% but will sell ETF holdings.", "0.5%", NO_CLAIM),
        (
            "The ECB, by contrast, has halved its deposit rate to 2% since June 2024.",
            "2%",
            NO_CLAIM,
        ),
    ],
)
def test_other_banks_on_a_fed_day(text: str, at: str, expected: object) -> None:
    assert rates.other_bank(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        # the path priced before is no claim, and never a decision
        (
            "Rate futures now imply roughly 50 basis points of cuts in 2026, down from 75 bp.",
            "75 bp",
            NO_CLAIM,
        ),
        ("Traders expect 60 bp of easing next year, up from 40 bp last month.", "40 bp", NO_CLAIM),
        # a decision compared with an earlier one stays open
        ("The Fed cut by 25 bp, down from the 50 bp cut in September.", "50 bp", None),
    ],
)
def test_earlier_path(text: str, at: str, expected: object) -> None:
    assert rates.earlier_path(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        # odds said in words: "a long shot at 3%", "a near-certainty at 95%"
        ("A 25 bp cut is a long shot at 3%.", "3%", ("probability", None)),
        (
            "A quarter-point cut is a near-certainty at 95%, per FedWatch.",
            "95%",
            ("probability", None),
        ),
    ],
)
def test_odds_in_words(text: str, at: str, expected: object) -> None:
    assert rates.probability(figure(text, at)) == expected


@pytest.mark.parametrize(
    ("rule", "text", "at", "expected"),
    [
        # a move's size written before the move it sizes
        (
            rates.percent_move,
            "The Fed delivered a 0.5 percentage point reduction on Wednesday.",
            "0.5 percentage point",
            ("rate", None),
        ),
        (rates.percent_move, "The central bank made a 0.25% rate cut.", "0.25%", ("rate", None)),
        (rates.percent_move, "Rates fell while IWM took a 0.5% hit.", "0.5%", None),
        # the odds named before the move's own figure
        (
            rates.probability_moved,
            "Odds of another half-point cut in November surged to nearly 50%.",
            "50%",
            ("probability", None),
        ),
    ],
)
def test_sizes_and_odds_around_a_move(rule, text: str, at: str, expected: object) -> None:
    assert rule(figure(text, at)) == expected
