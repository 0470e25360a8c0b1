"""The extractor's rule stance reads a level's own verbs, a trade's side, a multiple's size
and the words that temper growth (``nlp.stance.rule_stance``)."""

from __future__ import annotations

import pytest

from nlp.stance import rule_stance


def _level(sentence: str, figure: str, role: str) -> str:
    before = sentence[: sentence.index(figure)]
    return rule_stance("price_level", value=1.0, role=role, sentence=sentence, before=before)[0]


@pytest.mark.parametrize(
    ("sentence", "figure", "role", "stance"),
    [
        (
            "The Russell 2000 hit a fresh record high of 2,611.40 on Monday.",
            "2,611.40",
            "high",
            "bullish",
        ),
        (
            "Shares soared to an all-time high of $48.20 after the report.",
            "$48.20",
            "high",
            "bullish",
        ),
        (
            "IWM is still about 12% below its all-time high of $244.98.",
            "$244.98",
            "high",
            "neutral",
        ),
        (
            "It closed above the previous record of 2,442.74 set in 2021.",
            "2,442.74",
            "high",
            "neutral",
        ),
        ("The stock slid to a new 52-week low of $3.15.", "$3.15", "low", "bearish"),
        ("Short IWM at 238 with a stop above 243.", "238", "entry", "bearish"),
        ("Long RTY @ 2,480, stop 2,440.", "2,480", "entry", "bullish"),
        ("Short-term support sits at $231.", "$231", "support", "neutral"),
    ],
)
def test_level_stance_from_its_own_words(
    sentence: str, figure: str, role: str, stance: str
) -> None:
    assert _level(sentence, figure, role) == stance


@pytest.mark.parametrize(
    ("sentence", "value", "stance"),
    [
        ("The S&P 600 trades at 12.9 times forward earnings.", 12.9, "bullish"),
        ("The stock trades at a forward P/E of 41x.", 41.0, "bearish"),
        ("The stock trades at a forward P/E of 19x.", 19.0, "neutral"),
        ("Altice trades at 5.1x EV/EBITDA.", 5.1, "bullish"),
        ("The name fetches 11x price-to-sales.", 11.0, "bearish"),
    ],
)
def test_a_bare_multiple_far_from_its_norm_says_cheap_or_rich(
    sentence: str, value: float, stance: str
) -> None:
    got = rule_stance("valuation", value=value, role=None, sentence=sentence, unit="x")[0]
    assert got == stance


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("Revenue grew 14% from a year earlier.", "bullish"),
        ("Revenue was up just 0.3% from a year earlier.", "neutral"),
        ("Its EPS grew 2.7% a year, underperforming the sector.", "bearish"),
    ],
)
def test_growth_words_temper_the_sign(sentence: str, stance: str) -> None:
    got = rule_stance("fundamental", value=3.0, role="growth", sentence=sentence)[0]
    assert got == stance


def _fundamental(sentence: str, figure: str, role: str | None = "revenue") -> str:
    at = sentence.index(figure)
    return rule_stance(
        "fundamental",
        value=1.0,
        role=role,
        sentence=sentence,
        before=sentence[:at],
        after=sentence[at:],
    )[0]


@pytest.mark.parametrize(
    ("sentence", "figure", "role", "stance"),
    [
        (
            "Sales reached $240 million, above the $212 million consensus.",
            "$212",
            "revenue",
            "neutral",
        ),
        (
            "Sales reached $240 million, above the $212 million consensus.",
            "$240",
            "revenue",
            "bullish",
        ),
        ("Revenue of $88M vs. $81M cons. beat handily.", "$81M", "revenue", "neutral"),
        ("It topped analysts' expectations of $4.1 million.", "$4.1", None, "neutral"),
        (
            "Wall Street estimates of a loss of $0.21 a share proved too gloomy.",
            "$0.21",
            "eps",
            "neutral",
        ),
        (
            "Management guided to revenue of $300 million for the year.",
            "$300",
            "revenue",
            "neutral",
        ),
        ("The company raised its outlook to $310 million.", "$310", None, "bullish"),
        ("The company cut its guidance to $250 million.", "$250", None, "bearish"),
        ("Quarterly EPS was $0.42, the best in two years.", "$0.42", "eps", "bullish"),
    ],
)
def test_an_estimate_is_neutral_unless_raised_or_cut(
    sentence: str, figure: str, role: str | None, stance: str
) -> None:
    assert _fundamental(sentence, figure, role) == stance


@pytest.mark.parametrize(
    ("sentence", "figure", "stance"),
    [
        ("The index reached 2,512.80 points, surpassing the prior record.", "2,512.80", "bullish"),
        ("Shares climbed to $61.05, topping their all-time high.", "$61.05", "bullish"),
        ("There was no clear breakout above resistance near 2,310.", "2,310", "neutral"),
        ("IWM failed to break above $236 again.", "$236", "neutral"),
        ("IWM broke above $236 on heavy volume.", "$236", "bullish"),
        ("Without a breakdown below 2,050 the trend holds.", "2,050", "neutral"),
    ],
)
def test_a_record_reached_and_a_negated_breakout(sentence: str, figure: str, stance: str) -> None:
    assert _stance_at("price_level", sentence, figure) == stance


def _stance_at(kind: str, sentence: str, figure: str) -> str:
    """The rule stance of a claim of ``kind`` whose figure is ``figure`` in ``sentence``."""
    at = sentence.index(figure)
    return rule_stance(
        kind, value=1.0, role=None, sentence=sentence, before=sentence[:at], after=sentence[at:]
    )[0]


@pytest.mark.parametrize(
    ("sentence", "stance"),
    [
        ("Traders see a 64% chance of rates falling to 3.5% by March.", "bullish"),
        ("Odds that rates rise again by June stand at 12%.", "bearish"),
        ("The probability of a hold in January is 78%.", "neutral"),
    ],
)
def test_rate_words_not_generic_words(sentence: str, stance: str) -> None:
    assert (
        rule_stance("rate_expectation", value=50.0, role=None, sentence=sentence, unit="pct")[0]
        == stance
    )


@pytest.mark.parametrize(
    ("sentence", "figure", "expected"),
    [
        # a drop named in another clause says nothing of this target's direction
        (
            "We keep a year-end target of 2,750 for the index and would treat a drop toward "
            "2,300 as a buying opportunity.",
            "2,750",
            "bullish",
        ),
        (
            "Our base case has the index finishing the year near 2,600, with risks skewed to "
            "the downside.",
            "2,600",
            "bullish",
        ),
        ("We see the index falling to 2,100 by March.", "2,100", "bearish"),
        ("Our target implies 8% downside for the index.", "8%", "bearish"),
    ],
)
def test_a_target_takes_its_direction_from_its_own_clause(
    sentence: str, figure: str, expected: str
) -> None:
    assert _stance_at("price_target", sentence, figure) == expected
