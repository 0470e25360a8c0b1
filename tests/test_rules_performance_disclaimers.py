"""A risk disclaimer's hypothetical loss is no claim (``claims.performance.disclaimer.v1``); a
stock that "lost 2% of its value" moved. Sentences written for this file."""

from __future__ import annotations

import datetime as dt

import pytest


def _claims(text: str) -> list[tuple[str, str, float | None]]:
    from nlp.extract import extract_claims

    return [(c.kind.value, c.subject, c.value) for c in extract_claims(text, dt.date(2025, 12, 2))]


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    "text",
    [
        "An investment in IWM may lose 100% of its value.",
        "Investors in IWM can lose up to 50% of their investment.",
        "Shareholders of IWM could lose as much as 30% of their capital in a downturn.",
    ],
)
def test_a_disclaimers_loss_is_no_claim(text: str) -> None:
    assert _claims(text) == []


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("IWM lost 2% of its value on Friday.", ("performance", "IWM", -2.0)),
        (
            "IWM could lose as much as 20% of its value if a recession hits.",
            ("price_target", "IWM", -20.0),
        ),
    ],
)
def test_a_move_or_a_forecast_of_the_stock_stays(text: str, want: tuple[str, str, float]) -> None:
    assert want in _claims(text)


_LEAD = "IWM rose 1% on Friday.\n\n"


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(
    "text",
    [
        # a definition's threshold (claims.performance.threshold_definition.v1)
        "A 20% slide from the top is the standard definition of a bear market.",
        "A drop of 10% qualifies as a correction in most desks' books.",
        "The usual definition of a correction is a 10% fall from a recent peak.",
        "A bear market is commonly defined as a 20% decline from a high.",
    ],
)
def test_a_definitions_threshold_is_no_claim(text: str) -> None:
    assert _claims(_LEAD + text) == [("performance", "IWM", 1.0)]


@pytest.mark.usefixtures("claims_nlp")
def test_a_move_into_a_bear_market_is_a_move() -> None:
    got = _claims(_LEAD + "IWM has fallen 21% from its peak, deep in bear market territory.")
    assert ("performance", "IWM", -21.0) in got
