"""Bare levels, ranges and dated highs, read through the whole extractor: a fund's or a share's bare
figure is a price in dollars (the checker reads the unit to choose the series, so a fund's
231.5 in points would be checked against its index); an index's or a contract's stays in
points; a range's ends run low to high whichever the text names first; a level the text
says a break under would matter is support, and one whose break "invalidates" the idea a stop; a
distance below a high dated inside its noun phrase ("its Oct. 15 record close") is a fall
from that day's high to the article's date.

Sentences written for this table (no third-party text), dated Tuesday 2025-11-18.
"""

from __future__ import annotations

import datetime as dt

import pytest

DAY = dt.date(2025, 11, 18)

ROWS: list[tuple[str, str, tuple[float | None, float | None, float | None], str, str | None]] = [
    # (sentence, subject, (value, low, high), unit, role)
    (
        "IWM spent the session boxed between 231.5 and 228.",
        "IWM",
        (None, 228.0, 231.5),
        "usd",
        None,
    ),
    (
        "The Russell 2000 has chopped between 2,470 and 2,380 all month.",
        "^RUT",
        (None, 2380.0, 2470.0),
        "points",
        None,
    ),
    ("IWM traded near 228.40 at midday.", "IWM", (228.4, None, None), "usd", "current"),
    ("Kratos Defense (KTOS) found support at 71.50.", "KTOS", (71.5, None, None), "usd", "support"),
    (
        "Russell 2000 futures found support at 2,405.",
        "RTY=F",
        (2405.0, None, None),
        "points",
        "support",
    ),
    ("The Russell 2000 found support at 2,405.", "^RUT", (2405.0, None, None), "points", "support"),
    (
        "For IWM, a break under 226 would expose the lows.",
        "IWM",
        (226.0, None, None),
        "usd",
        "support",
    ),
    (
        "A break under 226 would put the 50-day moving average near 221 in play for IWM.",
        "IWM",
        (226.0, None, None),
        "usd",
        "support",
    ),
    # where the idea is wrong, said after the level
    (
        "IWM: a daily close below 224 invalidates the setup.",
        "IWM",
        (224.0, None, None),
        "usd",
        "stop",
    ),
    (
        "A close under 2,380 would negate the pattern for the Russell 2000.",
        "^RUT",
        (2380.0, None, None),
        "points",
        "stop",
    ),
    # a role named after a forecasting verb: a level seen, not a target
    (
        "For IonQ (IONQ), technical analysts see support near $48.",
        "IONQ",
        (48.0, None, None),
        "usd",
        "support",
    ),
    (
        "We expect resistance at 2,480 for the Russell 2000.",
        "^RUT",
        (2480.0, None, None),
        "points",
        "resistance",
    ),
    # a past high dated inside its own noun phrase
    (
        "The Russell 2000 is still 5% below its Oct. 15 record close of 2,500.",
        "^RUT",
        (2500.0, None, None),
        "points",
        "high",
    ),
]

FROM_HIGH_ROWS = [
    # (sentence, subject, signed value, period_start, period_end)
    (
        "The Russell 2000 remains about 5% below its Oct. 15 record close.",
        "^RUT",
        -5.0,
        "2025-10-15",
        "2025-11-18",
    ),
    (
        "The small-cap index sits 5% under its Oct. 15, 2025 record close.",
        "^RUT",
        -5.0,
        "2025-10-15",
        "2025-11-18",
    ),
    (
        "After a 7% pullback from its late-October peak, IWM is trying to base.",
        "IWM",
        -7.0,
        "2025-10-01",
        "2025-11-18",
    ),
    (
        "The Russell 2000 is in a 12% drawdown from its Nov. 2021 peak.",
        "^RUT",
        -12.0,
        "2021-11-01",
        "2025-11-18",
    ),
]


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(("text", "subject", "numbers", "unit", "role"), ROWS)
def test_bare_price_units(
    text: str,
    subject: str,
    numbers: tuple[float | None, float | None, float | None],
    unit: str,
    role: str | None,
) -> None:
    from nlp.extract import extract_claims

    got = [
        c
        for c in extract_claims(text, DAY)
        if c.kind == "price_level" and (c.value, c.low, c.high) == numbers
    ]
    assert len(got) == 1, (
        text,
        [(c.value, c.low, c.high, c.subject) for c in extract_claims(text, DAY)],
    )
    assert (got[0].subject, got[0].unit, got[0].role) == (subject, unit, role), text


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(("text", "subject", "value", "first", "last"), FROM_HIGH_ROWS)
def test_distance_from_a_dated_high(
    text: str, subject: str, value: float, first: str, last: str
) -> None:
    from nlp.extract import extract_claims

    got = [c for c in extract_claims(text, DAY) if c.kind == "performance" and c.subject == subject]
    assert [(c.value, c.role, str(c.period_start), str(c.period_end)) for c in got] == [
        (value, "from_high", first, last)
    ], text


TARGET_ROWS = [
    # (sentence, subject, target, stance): a target set off by breaking a level runs from it
    ("A break of 2,380 would send the Russell 2000 toward 2,300.", "^RUT", 2300.0, "bearish"),
    (
        "A close above 2,470 would open the way for the Russell 2000 to 2,560.",
        "^RUT",
        2560.0,
        "bullish",
    ),
    ("IWM: lose $226 and the next stop is $218.", "IWM", 218.0, "bearish"),
    (
        "For the Russell 2000, below 2,380 the structure breaks and I'd look for 2,300.",
        "^RUT",
        2300.0,
        "bearish",
    ),
    ("IWM: lose $226 and I'm looking at $218 next.", "IWM", 218.0, "bearish"),
]


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(("text", "subject", "value", "stance"), TARGET_ROWS)
def test_target_after_a_trigger_level(text: str, subject: str, value: float, stance: str) -> None:
    from nlp.extract import extract_claims

    got = [
        (c.subject, c.value, str(c.stance.value if hasattr(c.stance, "value") else c.stance))
        for c in extract_claims(text, DAY)
        if c.kind == "price_target"
    ]
    assert got == [(subject, value, stance)], text


@pytest.mark.usefixtures("claims_nlp")
def test_a_level_to_lose_is_support_and_next_stop_no_stop() -> None:
    from nlp.extract import extract_claims

    levels = [
        (c.value, c.role)
        for c in extract_claims("IWM: lose $226 and the next stop is $218.", DAY)
        if c.kind == "price_level"
    ]
    assert levels == [(226.0, "support")]
