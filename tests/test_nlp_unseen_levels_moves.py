# ruff: noqa: E501  (a table: one row per line reads best)
"""Levels and moves in phrasings the first rules had not met (issue #11), read through the
whole extractor.

Each row is a sentence written for this table (no third-party text), in the styles of
trading-idea posts, AI-written recaps, ETF-issuer blogs, wires and newsletters, and the
claims it must carry: (kind, subject, signed value or (low, high), unit). A row with no
claims is a negative: the extractor must stay silent. Every row is dated Friday 2025-11-21.
``demo/gold/phrasebook/phrasebook.txt`` (families ``pb120``+) scores the same families.
"""

from __future__ import annotations

import datetime as dt

import pytest

DAY = dt.date(2025, 11, 21)
Want = tuple[str, str, float | tuple[float, float], str]

ROWS: list[tuple[str, list[Want]]] = [
    # a number in an index's name counts no members: the move is the index's
    ("The Russell 2000 index of smaller companies gained 1.7% on the day.", [("performance", "^RUT", 1.7, "pct")]),
    # "gave up", "given back": the longer phrase wins over its "up"
    ("The small-cap benchmark gave up 27 points in the final hour.", [("performance", "^RUT", -27, "points")]),
    ("IWM has given back 6% since its early-November high.", [("performance", "IWM", -6, "pct")]),
    # a point change with its direction after it, and where it ended
    ("The Russell 2000 finished 18.4 points lower at 2,377.9.", [("performance", "^RUT", -18.4, "points"), ("price_level", "^RUT", 2377.9, "points")]),
    # a signed point change in a recap's parentheses
    ("Russell 2000: settled at 2,391.02 (-12.3 points, -0.51%).", [("price_level", "^RUT", 2391.02, "points"), ("performance", "^RUT", -12.3, "points"), ("performance", "^RUT", -0.51, "pct")]),
    # a relative return in basis points is no Fed move
    ("Small caps lagged large caps by about 420 basis points in the quarter.", [("performance", "small caps", -4.2, "pp")]),
    ("The Fed cut by 25 basis points, and small caps outperformed.", [("rate_decision", "FEDFUNDS", -25, "bp")]),
    # a high or low named by its noun, then its level
    ("IonQ (IONQ) is up sharply from its summer trough of $24.", [("price_level", "IONQ", 24, "usd")]),
    ("IWM set a session low of $228.40 before buyers returned.", [("price_level", "IWM", 228.4, "usd")]),
    # the level a plan needs held is support, not a forecast
    ("Bulls need to see the Russell 2000 defend 2,300 into the weekend.", [("price_level", "^RUT", 2300, "points")]),
    # where a from-to move ended
    ("The Russell 2000 moved from 2,050 in June to 2,440 in October.", [("price_level", "^RUT", 2050, "points"), ("price_level", "^RUT", 2440, "points")]),
    # chart words: the side a plan wants the price on, and lids it cannot pass
    ("IWM looks bullish above $233, with room to run.", [("price_level", "IWM", 233, "usd")]),
    ("Russell 2000 futures are stuck below 2,455 for now.", [("price_level", "RTY=F", 2455, "points")]),
    ("The Russell 2000 has struggled to push through 2,470 since July.", [("price_level", "^RUT", 2470, "points")]),
    ("The Russell 2000 keeps knocking on the door of 2,500.", [("price_level", "^RUT", 2500, "points")]),
    ("The weekly pivot point for the Russell 2000 sits at 2,388.", [("price_level", "^RUT", 2388, "points")]),
    # the rise from a low, and the distance from a high said another way
    ("The Russell 2000 now sits 31% above its spring lows.", [("performance", "^RUT", 31, "pct")]),
    ("The Russell 2000 is about 4% away from its all-time high.", [("performance", "^RUT", -4, "pct")]),
    ("IWM is 7% shy of its record.", [("performance", "IWM", -7, "pct")]),
    # verbs whose object is a level, a level named by what follows it, a price "worth" a share
    ("IWM retested $226 on Wednesday and held.", [("price_level", "IWM", 226, "usd")]),
    ("The Russell 2000 reclaimed 2,400 in the last hour.", [("price_level", "^RUT", 2400, "points")]),
    ("For the Russell 2000, 2,350 remains the key level.", [("price_level", "^RUT", 2350, "points")]),
    ("After the slide, IWM is worth about $231 a share.", [("price_level", "IWM", 231, "usd")]),
    # a percentage to the target stated just before implies where the price stands
    ("Analysts' average price target for Kratos Defense (KTOS) is $80. This represents 25% upside.", [("price_target", "KTOS", 80, "usd"), ("price_target", "KTOS", 25, "pct"), ("price_level", "KTOS", 64, "usd")]),
    ("Kratos Defense (KTOS) carries a $80 price target, which is 25% higher than the current price.", [("price_target", "KTOS", 80, "usd"), ("price_target", "KTOS", 25, "pct"), ("price_level", "KTOS", 64, "usd")]),
    # a VWAP is a level; "could extend towards" a forecast; a model portfolio forecasts nothing
    ("The day's VWAP for IWM came in at $233.70.", [("price_level", "IWM", 233.7, "usd")]),
    ("From here the Russell 2000 could extend toward 2,520.", [("price_target", "^RUT", 2520, "points")]),
    ("Our model portfolio gained 2% this month, though past results guide nothing.", []),
    # the index a fund is said to track describes the fund: the figures are the fund's
    ("IWM, the fund that tracks the Russell 2000, slipped 1.4% to $230.15.", [("performance", "IWM", -1.4, "pct"), ("price_level", "IWM", 230.15, "usd")]),
    ("IWM (which follows the Russell 2000) added 0.6% on the day.", [("performance", "IWM", 0.6, "pct")]),
    # a move from the last session's close is that session's move, not a distance from a high
    ("Kratos Defense (KTOS) was 4.1% lower from the prior close.", [("performance", "KTOS", -4.1, "pct")]),
    # a distance from a high named with its noun, and "within X% of their" high
    ("The Russell 2000 suffered a 12% drawdown from its autumn peak.", [("performance", "^RUT", -12, "pct")]),
    ("Small caps are within 4% of their record.", [("performance", "small caps", -4, "pct")]),
    # the author's own book is no instrument: no discourse subject for it
    ("The Russell 2000 fell 1.2% on the day. Our model portfolio gained 2% this month.", [("performance", "^RUT", -1.2, "pct")]),
    # automated write-ups: the share price with the name between, a gap to an average
    ("The share price of Oklo (OKLO) is $96.20 after the open.", [("price_level", "OKLO", 96.2, "usd")]),
    ("Oklo (OKLO) is trading 6.3% below its 50-day SMA.", []),
    # futures written as chart symbols or contracts
    ("RTY1! is pressing against 2,445 resistance.", [("price_level", "RTY=F", 2445, "points")]),
    ("The Russell contract slipped 0.7% overnight.", [("performance", "RTY=F", -0.7, "pct")]),
    # the ends of a stated trading range are its low and its high
    ("Kratos Defense (KTOS) has a 52-week range of $24.90 to $91.20.", [("price_level", "KTOS", 24.9, "usd"), ("price_level", "KTOS", 91.2, "usd")]),
    ("The Russell 2000 has been stuck between 2,380 and 2,470 for weeks.", [("price_level", "^RUT", (2380, 2470), "points")]),
    # negatives: a generic figure named a correction, a strategy's hit rate
    ("A 20% drop from a peak is generally called a bear market.", []),
    ("Our screen has flagged 30 setups since 2021, with a 58% win rate.", []),
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
@pytest.mark.parametrize(("text", "want"), ROWS)
def test_unseen_phrasing(text: str, want: list[Want]) -> None:
    from nlp.extract import extract_claims

    got = sorted({_key(c) for c in extract_claims(text, DAY)}, key=str)
    assert got == sorted({_want(w) for w in want}, key=str), text


PERIOD_ROWS = [
    # a fund's trailing span, ended on a stated day
    ("Over the five years ended June 30, 2025, IWM returned 10.1% a year.", "IWM", 10.1, "2020-06-30", "2025-06-30"),
    ("For the year ended September 30, the Russell 2000 returned 10.8%.", "^RUT", 10.8, "2024-10-01", "2025-09-30"),
    # from the last session's close: today's move; from an earlier day's close: the days since
    ("IonQ (IONQ) traded 3.4% below the previous close.", "IONQ", -3.4, "2025-11-21", "2025-11-21"),
    ("IonQ (IONQ) is down 3.4% from Thursday's close.", "IONQ", -3.4, "2025-11-21", "2025-11-21"),
    ("IonQ (IONQ) is down 5% from Monday's close.", "IONQ", -5, "2025-11-18", "2025-11-21"),
]


@pytest.mark.usefixtures("claims_nlp")
@pytest.mark.parametrize(("text", "subject", "value", "first", "last"), PERIOD_ROWS)
def test_unseen_period(text: str, subject: str, value: float, first: str, last: str) -> None:
    from nlp.extract import extract_claims

    got = [
        c
        for c in extract_claims(text, DAY)
        if c.subject == subject and c.value is not None and abs(c.value - value) < 1e-6
    ]
    assert len(got) == 1, text
    c = got[0]
    assert (str(c.period_start), str(c.period_end)) == (first, last), text
