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
