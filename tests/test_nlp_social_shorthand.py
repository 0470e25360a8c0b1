# ruff: noqa: E501  (a table: one row per line reads best)
"""Social posts and chat-style trade plans (issue #11), read through the whole extractor.

Each row is a line written for this table (no third-party text) in the informal style of
trading chats and social posts: cashtags, lower-case tickers, emoji and arrows, "pt"/"tgt",
shorthand spans ("1M", "5d", "wk", "MTD"), cells split by pipes and slashes, and the noise
beside them (option strikes, leverage, wave ratios, position sizes) that is no claim. The
claims each must carry: (kind, subject, signed value or (low, high), unit); no claims: the
extractor must stay silent. Every row is dated Monday 2025-11-24.
``demo/gold/phrasebook/phrasebook.txt`` (families ``pb185``-``pb189``) scores the same families.
"""

from __future__ import annotations

import datetime as dt

import pytest

DAY = dt.date(2025, 11, 24)
Want = tuple[str, str, float | tuple[float, float], str]

ROWS: list[tuple[str, list[Want]]] = [
    # tickers written in lower case: the funds and indices no English word spells, any cashtag
    ("iwm down 0.9% at the open, nothing new", [("performance", "IWM", -0.9, "pct")]),
    ("tza up 2.7% as small caps bleed", [("performance", "TZA", 2.7, "pct")]),
    ("$tna ripping, +4.4% on the day", [("performance", "TNA", 4.4, "pct")]),
    ("rty needs to reclaim 2,420 before i care", [("price_level", "^RUT", 2420, "points")]),
    ("r2k sitting right on the 100dma @ 2,338", [("price_level", "^RUT", 2338, "points")]),
    ("the russell tagged 2,452 and faded hard", [("price_level", "^RUT", 2452, "points")]),
    # a span after "on the day" names no subject: the name before the figure keeps it
    ("iwm +1.1% on the day small caps finally showing up", [("performance", "IWM", 1.1, "pct")]),
    # "MTD" is the month so far, not Mettler-Toledo
    ("RTY MTD: -1.7%", [("performance", "^RUT", -1.7, "pct")]),
    # targets in shorthand, a plan's cells, a quote row's open-high-low-close
    ("$IWM pt 252 into year end", [("price_target", "IWM", 252, "usd")]),
    ("$SOXL scalp: in 31.60 | sl 30.10 | tp1 33.20 | tp2 35", [("price_level", "SOXL", 31.6, "usd"), ("price_level", "SOXL", 30.1, "usd"), ("price_target", "SOXL", 33.2, "usd"), ("price_target", "SOXL", 35, "usd")]),
    ("IWM pivots: S1 230.20 / R1 236.40", [("price_level", "IWM", 230.2, "usd"), ("price_level", "IWM", 236.4, "usd")]),
    ("RTY 1D: O 2,392.4 H 2,410.1 L 2,385.5 C 2,404.0", [("price_level", "^RUT", 2392.4, "points"), ("price_level", "^RUT", 2410.1, "points"), ("price_level", "^RUT", 2385.5, "points"), ("price_level", "^RUT", 2404.0, "points")]),
    # a record named right before its figure, a rejection, averages in chart shorthand
    ("$RUT rejected at ATH 2,519 twice now", [("price_level", "^RUT", 2519, "points")]),
    ("$IWM 21ema 233.40 / 200sma 219.85", [("price_level", "IWM", 233.4, "usd"), ("price_level", "IWM", 219.85, "usd")]),
    # a list of targets after "tgts", a short fill after "shorted ... @"
    ("$KTOS tgts 78 / 82, stop 69", [("price_target", "KTOS", 78, "usd"), ("price_target", "KTOS", 82, "usd"), ("price_level", "KTOS", 69, "usd")]),
    ("shorted $IWM @ 238.10 into the gap", [("price_level", "IWM", 238.1, "usd")]),
    # emoji arrows and trend charts sign the move after them
    ("RTY futs ⬇️ 0.6% into the open", [("performance", "RTY=F", -0.6, "pct")]),
    ("$OKLO 📈 5.2% | $IONQ 📉 2.4%", [("performance", "OKLO", 5.2, "pct"), ("performance", "IONQ", -2.4, "pct")]),
    # gaps and points in shorthand
    ("$RUT filled the gap up to 2,431 then stalled", [("price_level", "^RUT", 2431, "points")]),
    ("$RUT -21 pts into the close", [("performance", "^RUT", -21, "points")]),
    ("Russell 200 +9 pts midday (sic)", [("performance", "^RUT", 9, "points")]),
    # "futs" is futures; a premarket gap names where the price opened
    ("RTY futs -0.4% / -9 pts overnight", [("performance", "RTY=F", -0.4, "pct"), ("performance", "RTY=F", -9, "points")]),
    ("$BE gapping down to $88.20 after the downgrade", [("price_level", "BE", 88.2, "usd")]),
    # noise: option strikes, leverage, a wave ratio, the account's allocation
    ("picked up IWM $245c for jan on the dip", []),
    ("TZA is 3x the index inverse so size small", []),
    ("$TNA would give you 3x that on a good day", []),
    ("$RUT wave 5 could travel 1.618x wave 1 from here", []),
    ("$IWM is 20% of my account, sized down from 30%", []),
]


#: Rows of several sentences: the index carried over to a dollar figure hands it to the fund.
CARRIED: list[tuple[str, list[Want]]] = [
    (
        "$IWM long from the breakout. R2K neckline 2,430 is the tell. A close back under $235 invalidates it.",
        [("price_level", "^RUT", 2430, "points"), ("price_level", "IWM", 235, "usd")],
    ),
]


def _key(c: object) -> tuple[str, str, object, str]:
    value = getattr(c, "value", None)
    if value is None:
        value = (getattr(c, "low", None), getattr(c, "high", None))
    else:
        value = round(float(value), 4)
    return (getattr(c, "kind", ""), getattr(c, "subject", ""), value, getattr(c, "unit", ""))


def _want(w: Want) -> tuple[str, str, object, str]:
    kind, subject, value, unit = w
    v: object = tuple(float(x) for x in value) if isinstance(value, tuple) else round(float(value), 4)
    return (kind, subject, v, unit)


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(("text", "want"), ROWS + CARRIED)
def test_social_shorthand(text: str, want: list[Want]) -> None:
    from nlp.extract import extract_claims

    got = sorted({_key(c) for c in extract_claims(text, DAY)}, key=str)
    assert got == sorted({_want(w) for w in want}, key=str), text


PERIOD_ROWS = [
    # a label right before a signed percentage names the trailing span (a day count is sessions)
    ("IWM 5d: +2.2% | 1M: -3.0% | YTD: +8.1%", "IWM", 2.2, "2025-11-18", "2025-11-24"),
    ("IWM 5d: +2.2% | 1M: -3.0% | YTD: +8.1%", "IWM", -3.0, "2025-10-24", "2025-11-24"),
    ("IWM 5d: +2.2% | 1M: -3.0% | YTD: +8.1%", "IWM", 8.1, "2025-01-01", "2025-11-24"),
    ("$RUT 1wk +1.9% / 3M +7.5%", "^RUT", 1.9, "2025-11-17", "2025-11-24"),
    ("$RUT 1wk +1.9% / 3M +7.5%", "^RUT", 7.5, "2025-08-24", "2025-11-24"),
    ("$KTOS 1mo -12% and 1Y +140%", "KTOS", -12, "2025-10-24", "2025-11-24"),
    ("$KTOS 1mo -12% and 1Y +140%", "KTOS", 140, "2024-11-24", "2025-11-24"),
    # "wk:" a row's label for the week; a cell after a pipe keeps its own span
    ("$RUT wk: +0.8% / +19 pts | MTD: -2.9%", "^RUT", 19, "2025-11-24", "2025-11-24"),
    ("$RUT wk: +0.8% / +19 pts | MTD: -2.9%", "^RUT", -2.9, "2025-11-01", "2025-11-24"),
    ("$IWM up 2.6% this wk", "IWM", 2.6, "2025-11-24", "2025-11-24"),
    # a move week over week is the past week's
    ("$KTOS +6.5% w/w on the contract news", "KTOS", 6.5, "2025-11-17", "2025-11-24"),
]


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(("text", "subject", "value", "first", "last"), PERIOD_ROWS)
def test_shorthand_period(text: str, subject: str, value: float, first: str, last: str) -> None:
    from nlp.extract import extract_claims

    got = [
        c
        for c in extract_claims(text, DAY)
        if c.subject == subject and c.value is not None and abs(c.value - value) < 1e-6
    ]
    assert len(got) == 1, text
    c = got[0]
    assert (str(c.period_start), str(c.period_end)) == (first, last), text
