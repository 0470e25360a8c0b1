"""Verdicts against the shared market files, with every expected figure worked out by hand.

Each test names the CSV rows it relies on (``shared/data/market/<FILE>.csv``) and the
arithmetic; the checker must reproduce those figures, not merely agree with itself.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from crosscheck import MarketData, check_claim, check_claims
from nlp.quote_facts import fill_provenance
from thesisdesk.records import Claim

D = dt.date


@pytest.fixture(scope="module")
def market(market_dir: Path) -> MarketData:
    return MarketData.from_directory(market_dir)


def claim(**kw: object) -> Claim:
    base: dict[str, object] = dict(
        kind="performance", subject="IWM", unit="pct", quote="(test)", start=0, end=6
    )
    base.update(kw)
    return Claim(**base)  # type: ignore[arg-type]


Q3 = dict(period_start=D(2025, 7, 1), period_end=D(2025, 9, 30))


def test_iwm_q3_price_and_total_return(market: MarketData) -> None:
    # IWM.csv 2025-06-30 close 215.79, adj 214.079648; 2025-09-30 close 241.96, adj 240.723123.
    # price: 241.96 / 215.79 - 1 = 12.128%; total: 240.723123 / 214.079648 - 1 = 12.446%.
    v = check_claim(claim(value=12.4, **Q3), market)
    assert v.verdict == "supported"
    assert v.basis == "total_return"
    assert v.actual == pytest.approx(12.446, abs=0.001)
    assert (v.date_start, v.date_end) == (D(2025, 6, 30), D(2025, 9, 30))
    assert v.stand_in is None and v.series == "IWM"
    price = check_claim(claim(value=12.13, basis="close", **Q3), market)
    assert price.verdict == "supported" and price.basis == "price_return"
    assert price.actual == pytest.approx(12.128, abs=0.001)


def test_rut_q3_is_supported_through_the_etf_total_return(market: MarketData) -> None:
    # RUT.csv 2025-06-30 2175.04 -> 2025-09-30 2436.48: +12.020% on price (too far from 12.4
    # at 0.15 pp), but IWM's total return is 12.446% (above): supported, IWM named as stand-in.
    v = check_claim(claim(subject="^RUT", value=12.4, **Q3), market)
    assert v.verdict == "supported"
    assert v.stand_in == "IWM" and v.series == "IWM" and v.basis == "total_return"
    assert "stands in for ^RUT" in v.reason
    assert "^RUT price return" in v.reason and "12.02" in v.reason


def test_large_miss_is_contradicted_with_severity(market: MarketData) -> None:
    # "^RUT rose 20% in Q3": the closest reading is IWM's 12.446% total return;
    # tolerance 1.0 (integer) + stand-in slack 0.1 + 0.25 * 92/365.25 = 1.163 pp.
    v = check_claim(claim(subject="^RUT", value=20, **Q3), market)
    assert v.verdict == "contradicted"
    assert v.actual == pytest.approx(12.446, abs=0.001)
    assert v.difference == pytest.approx(12.446 - 20, abs=0.001)
    assert v.tolerance == pytest.approx(1.163, abs=0.001)
    assert v.severity == pytest.approx(7.554 / 1.163, rel=0.01)


def test_ytd_claim_reads_last_close_of_previous_year(market: MarketData) -> None:
    # CRDO.csv 2024-12-31 close 67.21; 2025-09-10 close 163.96: 163.96/67.21 - 1 = 143.95%.
    # "more than 150%" is contradicted; CRDO pays no dividends so there is one close reading
    # (+ the previous session, 2025-09-09 149.03: 121.7%, for an article written before the
    # close, + the article day's intraday range, whose high gives +144.10%): ALL are below
    # 150% less the whole-number tolerance (2.5% of 150 = 3.75 pp).
    v = check_claim(
        claim(
            subject="CRDO",
            value=150,
            comparator="gt",
            period_start=D(2025, 1, 1),
            period_end=D(2025, 9, 10),
        ),
        market,
        published=D(2025, 9, 10),
    )
    assert v.verdict == "contradicted"
    assert v.actual == pytest.approx(144.10, abs=0.01)
    assert v.basis == "intraday"
    assert v.date_start == D(2024, 12, 31)
    closes = {round(r.actual, 2) for r in v.readings if r.basis == "price_return"}
    assert closes == {143.95, 121.74, 131.16, 110.11}  # + from the close of Jan 2, 2025
    assert not any(r.fits for r in v.readings)
    assert v.tolerance == pytest.approx(3.75)
    assert v.severity == pytest.approx((150 - 144.1006) / 3.75, abs=0.01)
    assert v.confidence == "low"  # 1.6 tolerances outside: a near miss
    # "over 140%" is supported by the same 143.95%
    ok = check_claim(
        claim(
            subject="CRDO",
            value=140,
            comparator="gt",
            period_start=D(2025, 1, 1),
            period_end=D(2025, 9, 10),
        ),
        market,
    )
    assert ok.verdict == "supported"


def test_monthly_streak_counts_exactly(market: MarketData) -> None:
    # IWM.csv month-end closes: 03-31 199.49, 04-30 194.86 (down), 05-30 205.07, 06-30 215.79,
    # 07-31 219.39, 08-29 235.17 (4 complete up months), 09-24 241.60 (September so far: up).
    five = claim(
        kind="performance",
        value=5,
        unit="months",
        role="streak",
        period_start=D(2025, 5, 1),
        period_end=D(2025, 9, 24),
    )
    v = check_claim(five, market, published=D(2025, 9, 24))
    assert v.verdict == "supported" and v.actual == 5
    # date_start is the base of the first gain: the April close
    assert "partial" in v.reason and v.date_start == D(2025, 4, 30)
    four = check_claim(five.model_copy(update={"value": 4.0}), market)
    assert four.verdict == "supported" and four.actual == 4  # complete months only
    six = check_claim(five.model_copy(update={"value": 6.0}), market)
    assert six.verdict == "contradicted" and six.tolerance == 0


def test_gold_style_streak_count_with_note(market: MarketData) -> None:
    # The gold seeds write streaks as unit "count" with the word in the note: the checker
    # counts one once its grain is recorded (as ``fill_provenance`` reads it from the quote).
    c = claim(
        value=5,
        unit="count",
        period_start=D(2025, 5, 1),
        period_end=D(2025, 9, 24),
        quote="five consecutive monthly gains",
        note="streak",
    )
    assert "not a streak" in check_claim(c, market).reason
    read = fill_provenance(c)
    assert (read.streak_grain, read.streak_direction) == ("months", "up")
    assert check_claim(read, market).verdict == "supported"
    quarters = c.model_copy(update={"streak_grain": "quarters"})
    assert "cannot be counted" in check_claim(quarters, market).reason


def test_relative_performance_spread(market: MarketData) -> None:
    # IWM price 12.128% (above); SPY.csv 617.85 -> 666.18: 7.822%; spread 4.306 pp.
    # Total return: IWM 12.446%, SPY 612.653346 -> 662.408278: 8.121%; spread 4.325 pp.
    v = check_claim(claim(role="relative", benchmark="SPY", unit="pp", value=4.3, **Q3), market)
    assert v.verdict == "supported"
    assert v.actual == pytest.approx(4.306, abs=0.01) or v.actual == pytest.approx(4.325, abs=0.01)
    bad = check_claim(claim(role="relative", benchmark="SPY", unit="pp", value=8, **Q3), market)
    assert bad.verdict == "contradicted"


def test_a_spread_of_an_instrument_over_itself_is_never_accused(market: MarketData) -> None:
    # "value names in the fund beat the fund by 2.5 points" misread as IWM against IWM
    self_spread = claim(role="relative", benchmark="iwm", unit="pp", value=2.5, **Q3)
    v = check_claim(self_spread, market)
    assert v.verdict == "unverifiable" and "same instrument" in (v.reason or "")


def test_closing_and_intraday_high(market: MarketData) -> None:
    # IWM.csv 2021-11-08: close 242.56 (highest close of Nov 2021), high 244.46 (highest high).
    nov = dict(
        kind="price_level",
        role="high",
        unit="usd",
        period_start=D(2021, 11, 1),
        period_end=D(2021, 11, 30),
        as_of=D(2021, 11, 30),
    )
    close = check_claim(claim(value=242.56, **nov), market)
    assert close.verdict == "supported" and close.basis == "close"
    assert close.date_end == D(2021, 11, 8)
    intraday = check_claim(claim(value=244.46, **nov), market)
    assert intraday.verdict == "supported" and intraday.basis == "intraday"
    assert check_claim(claim(value=250.0, **nov), market).verdict == "contradicted"


def test_implied_current_price(market: MarketData) -> None:
    # "$300 target, 19% upside" -> 300 / 1.19 = 252.10 as of 2025-09-10.
    # IWM.csv 2025-09-10: close 236.43, high 238.27; 2025-09-09 close 236.85. Nearest is the
    # intraday high: 238.27 - 252.10 = -13.83, tolerance 2% of 252.10 = 5.042.
    c = claim(
        kind="price_level",
        role="current",
        unit="usd",
        value=252.1,
        comparator="approx",
        as_of=D(2025, 9, 10),
    )
    v = check_claim(c, market)
    assert v.verdict == "contradicted"
    assert v.difference == pytest.approx(-13.83, abs=0.01)
    assert v.tolerance == pytest.approx(5.042, abs=0.001)
    ok = check_claim(c.model_copy(update={"value": 240.0}), market)  # 236.43 within 4.8
    assert ok.verdict == "supported"


def test_current_range_containment_uses_the_index_itself(market: MarketData) -> None:
    # RUT.csv 2025-12-18 close 2507.87 (2025-12-17: 2492.30): above 2400 + 0.5% * 2400 = 2412.
    c = claim(
        kind="price_level",
        subject="^RUT",
        role="current",
        unit="points",
        low=1600,
        high=2400,
        comparator="range",
        as_of=D(2025, 12, 18),
    )
    v = check_claim(c, market)
    assert v.verdict == "contradicted" and v.series == "^RUT" and v.stand_in is None
    assert v.difference == pytest.approx(2492.30 - 2400, abs=0.01)
    wide = check_claim(c.model_copy(update={"high": 2600.0}), market)
    assert wide.verdict == "supported"


def test_index_level_never_uses_an_etf(market: MarketData) -> None:
    # RUI.csv ends 2020-07-31: a 2025 level of the Russell 1000 cannot be read from IWB.
    c = claim(
        kind="price_level",
        subject="^RUI",
        role="current",
        unit="points",
        value=3500,
        as_of=D(2025, 9, 30),
    )
    v = check_claim(c, market)
    assert v.verdict == "unverifiable" and "ends 2020-07-31" in v.reason


def test_rui_change_through_iwb(market: MarketData) -> None:
    # IWB.csv adj 336.874695 -> 363.541901: 7.916%; close 339.57 -> 365.48: 7.630%.
    v = check_claim(claim(subject="^RUI", value=8.0, **Q3), market)
    assert v.verdict == "supported" and v.stand_in == "IWB"
    # the closest reading fits; the total return from the close before Q3 is among them
    assert any(abs(r.actual - 7.916) < 0.001 and r.fits for r in v.readings)


def test_fed_cut_september_2025(market: MarketData) -> None:
    # DFEDTARU.csv: 4.50 through 2025-09-17, 4.25 from 2025-09-18 (the day after the FOMC).
    sep = dict(
        kind="rate_decision",
        subject="FEDFUNDS",
        period_start=D(2025, 9, 1),
        period_end=D(2025, 9, 30),
    )
    v = check_claim(claim(unit="bp", value=-25, **sep), market)
    assert v.verdict == "supported" and v.actual == -25 and v.series == "DFEDTARU"
    assert check_claim(claim(unit="bp", value=-50, **sep), market).verdict == "contradicted"
    one_day = dict(sep, period_start=D(2025, 9, 17), period_end=D(2025, 9, 17))
    assert check_claim(claim(unit="bp", value=-25, **one_day), market).verdict == "supported"
    rng = check_claim(claim(unit="pct", low=4.0, high=4.25, comparator="range", **sep), market)
    assert rng.verdict == "supported"
    wrong = check_claim(claim(unit="pct", low=4.25, high=4.5, comparator="range", **sep), market)
    assert wrong.verdict == "contradicted"


def test_two_cuts_in_a_quarter(market: MarketData) -> None:
    # DFEDTARU: 4.25 on 2025-10-01, 4.00 from 10-30, 3.75 from 12-11: -50 bp in Q4, two -25s.
    q4 = dict(
        kind="rate_decision",
        subject="FEDFUNDS",
        unit="bp",
        period_start=D(2025, 10, 1),
        period_end=D(2025, 12, 31),
    )
    assert check_claim(claim(value=-50, **q4), market).actual == -50
    single = check_claim(claim(value=-25, **q4), market)
    assert single.verdict == "supported" and "single move" in single.reason
    assert check_claim(claim(value=-75, **q4), market).verdict == "contradicted"


def test_two_hundred_day_average(market: MarketData, market_dir: Path) -> None:
    # An independent computation: the mean of the 200 closes of IWM.csv up to 2025-09-30.
    import pandas as pd

    df = pd.read_csv(market_dir / "IWM.csv", parse_dates=["date"])
    expected = df[df["date"] <= "2025-09-30"]["close"].tail(200).mean()
    c = claim(
        kind="price_level",
        role="moving_average",
        unit="usd",
        value=round(expected, 2),
        as_of=D(2025, 9, 30),
        ma_window=200,
    )
    v = check_claim(c, market)
    assert v.verdict == "supported"
    assert v.actual == pytest.approx(expected, abs=1e-6)
    # no window in daily sessions (a 200-hour average): nothing to compute
    hourly = c.model_copy(update={"ma_window": None})
    v = check_claim(hourly, market)
    assert v.verdict == "unverifiable" and "window" in v.reason


@pytest.mark.parametrize(
    ("kw", "why"),
    [
        (dict(kind="valuation", unit="x", value=20), "fundamentals"),
        (dict(kind="fundamental", unit="usd_per_share", value=0.52), "fundamentals"),
        (dict(value=30), "no period"),
        (dict(subject="XYZQ", value=5, **Q3), "no market data"),
        (
            dict(subject="IONQ", value=5, period_start=D(2026, 7, 1), period_end=D(2026, 7, 31)),
            "data covers",
        ),
        (dict(kind="price_level", role="support", unit="usd", value=200), "opinion"),
        (
            dict(kind="rate_expectation", subject="FEDFUNDS", unit="bp", value=-25, probability=81),
            "expectation",
        ),
        (dict(subject="russell 2000 sectors", unit="count", value=11, **Q3), "not a streak"),
    ],
)
def test_unverifiable_with_a_reason(market: MarketData, kw: dict, why: str) -> None:
    v = check_claim(claim(**kw), market, published=D(2025, 9, 24))
    assert v.verdict == "unverifiable"
    assert why in v.reason


def test_batch_survives_a_broken_claim(market: MarketData) -> None:
    good = claim(value=12.4, **Q3)
    broken = claim(value=12.4, period_start=D(2025, 9, 30), period_end=D(2025, 7, 1))
    weird = Claim.model_construct(**{**claim(value=1).model_dump(), "kind": "nonsense"})
    out = check_claims([good, broken, weird], market)
    assert [v.verdict for v in out] == ["supported", "unverifiable", "unverifiable"]


def test_rate_expectation_stays_unverifiable_but_says_what_happened(market: MarketData) -> None:
    # DFEDTARU: 4.50 -> 4.25 effective 2025-09-18, after the 2025-09-17 meeting.
    c = claim(
        kind="rate_expectation",
        subject="FEDFUNDS",
        unit="bp",
        value=-25,
        probability=81,
        horizon="by 2025-09-17 (FOMC meeting)",
    )
    v = check_claim(c, market, published=D(2025, 9, 10))
    assert v.verdict == "unverifiable"
    assert "-25 bp effective 2025-09-18" in v.reason


def test_articles_get_their_own_dates(market: MarketData) -> None:
    # "current" 236.43 is IWM's 2025-09-10 close; on 2025-09-30 it closed at 241.96.
    c = claim(kind="price_level", role="current", unit="usd", value=236.43, article="a.txt")
    other = c.model_copy(update={"article": "b.txt"})
    dates = {"a.txt": D(2025, 9, 10), "b.txt": D(2025, 9, 30)}
    a, b = check_claims([c, other], market, published_by_article=dates)
    assert (a.date_end, b.date_end) == (D(2025, 9, 10), D(2025, 9, 30))
    assert a.verdict == "supported" and a.actual == 236.43
    assert "IWM close on 2025-09-30: 241.96" in b.reason


def test_record_close_without_a_role(market: MarketData) -> None:
    # RUT.csv: 2025-10-15 close 2519.75 is the highest close of the whole file up to that day
    # (checked with awk over every row <= 2025-10-15); the extractor may leave role empty.
    c = claim(
        kind="price_level",
        subject="^RUT",
        unit="points",
        value=2519.75,
        as_of=D(2025, 10, 15),
        quote="the index closed at a record 2,519.75",
    )
    v = check_claim(c, market)
    assert v.verdict == "supported" and v.basis == "close" and v.date_end == D(2025, 10, 15)
    wrong = check_claim(c.model_copy(update={"value": 2600.0}), market)
    assert wrong.verdict == "contradicted"  # 2600 was never the record close nor the high


def test_long_run_statistic_is_not_a_period_return(market: MarketData) -> None:
    # An average Q4 gain "since 1950" read as a 1950..2025 period would be a +40,000% change.
    c = claim(
        subject="^GSPC",
        value=4.1,
        period_start=D(1950, 1, 1),
        period_end=D(2025, 12, 18),
        quote="seasonal patterns: historical fourth-quarter gains of 4.1% since 1950",
    )
    v = check_claim(c, market)
    assert v.verdict == "unverifiable" and "statistic" in v.reason


def test_opinion_level_with_a_stated_close_fact(market: MarketData) -> None:
    # IWM.csv: 2025-09-18 close 244.84; 2025-09-24 close 241.60.
    c = claim(
        kind="price_level",
        role="resistance",
        unit="usd",
        value=240,
        as_of=D(2025, 9, 18),
        comparator="gt",
        conditional=False,  # the extractor read "IWM closed above its $240 resistance"
    )
    v = check_claim(c, market)
    assert v.verdict == "supported" and v.actual == 244.84
    late = c.model_copy(update={"value": 245.0, "as_of": D(2025, 9, 24)})
    assert check_claim(late, market).verdict == "contradicted"  # 241.60 is not above 245


# -- regressions from running the checker over the demo gold ---------------------------------
# IWM.csv closes: 2025-09-19 242.98, 09-22 244.39, 09-23 243.84, 09-24 241.60, 09-25 239.29,
# 09-26 241.34, 09-29 241.62, 09-30 241.96, 10-01 242.49, 10-02 244.02, 10-03 245.83,
# 10-06 246.81. RUT.csv: 2025-10-06 close 2,486.35.
OCT6 = D(2025, 10, 6)


def level(**kw: object) -> Claim:
    return claim(**{"kind": "price_level", "unit": "usd", "as_of": OCT6, **kw})


CONDITIONS = [
    ("resistance", 250, "gt", "A daily close above $250 would put IWM in a new range."),
    ("stop", 240, "lt", "We would exit on a close back under $240."),
    ("support", 240, "lt", "If IWM closed below $240, the breakout would be in doubt."),
    ("stop", 243, "lt", "Below $243 on a closing basis, we step aside."),
]


@pytest.mark.parametrize(("role", "value", "comparator", "quote"), CONDITIONS)
def test_conditional_level_is_not_a_fact_about_the_close(
    market: MarketData, role: str, value: float, comparator: str, quote: str
) -> None:
    # Each was read as a fact about the 2025-10-06 close (246.81) and contradicted: 246.81 is
    # not above 250 nor below 240/243. They are triggers (what would happen if), not facts.
    c = level(role=role, value=value, comparator=comparator, quote=quote)
    v = check_claim(c, market)
    assert v.verdict == "unverifiable" and "condition" in v.reason


def test_trigger_wording_makes_a_level_a_condition_without_a_role(market: MarketData) -> None:
    # RUT.csv 2025-10-06 close 2,486.35, below 2,500 less 12.5 (0.5% of a round level): read as
    # a close this would be contradicted; the extractor marked it a condition ("Only a close
    # above 2,500 would ...", see tests/test_nlp_quote_facts.py).
    c = level(subject="^RUT", unit="points", value=2500, comparator="gt", conditional=True)
    v = check_claim(c, market)
    assert v.verdict == "unverifiable" and "condition" in v.reason
    # A level that is not a condition is a fact: IWM closed at 246.81 on 2025-10-06, above $246.
    fact = level(role="current", value=246, comparator="gt", conditional=None)
    assert check_claim(fact, market).verdict == "supported"
    assert check_claim(c.model_copy(update={"conditional": None}), market).verdict == (
        "contradicted"
    )


def test_past_tense_close_beyond_a_level_is_still_checked(market: MarketData) -> None:
    # "IWM closed above its $245 resistance on Monday": a crossing that happened (conditional
    # False), its side in the comparator.
    fact = level(role="resistance", value=245, comparator="gt", conditional=False)
    v = check_claim(fact, market)
    assert v.verdict == "supported" and v.actual == 246.81 and v.date_end == OCT6
    # 246.81 < 250 - 1.25 (a round level: 0.5%), so "closed above $250" is contradicted...
    wrong = fact.model_copy(update={"value": 250.0})
    assert check_claim(wrong, market).verdict == "contradicted"
    # ...and "has not closed above $250" is the opposite comparison: supported
    negated = wrong.model_copy(update={"comparator": "lt"})
    ok = check_claim(negated, market)
    assert ok.verdict == "supported" and "close below" in ok.reason
    # the same resistance level not stated as crossed is an opinion
    opinion = fact.model_copy(update={"conditional": None})
    assert check_claim(opinion, market).verdict == "unverifiable"


def streak(**kw: object) -> Claim:
    return claim(**{"kind": "performance", "role": "streak", **kw})


def test_streak_direction_comes_from_the_streak_words(market: MarketData) -> None:
    # Month-end closes (IWM.csv): 03-31 199.49, 04-30 194.86 (down), 05-30 205.07, 06-30 215.79,
    # 07-31 219.39, 08-29 235.17, 09-30 241.96, 10-31 246.23, 11-28 248.75: seven up months
    # May..November ("A 1% drop in December broke IWM's seven-month winning streak": up).
    months = streak(
        unit="months",
        value=7,
        period_start=D(2025, 5, 1),
        period_end=D(2025, 11, 30),
        stance="neutral",
        streak_direction="up",
    )
    v = check_claim(months, market, published=D(2025, 12, 31))
    assert v.verdict == "supported" and v.actual == 7 and "with gains" in v.reason
    assert v.date_start == D(2025, 4, 30) and v.date_end == D(2025, 11, 28)
    # Daily: 09-26 .. 10-06 are seven up sessions (09-25 was down). A bearish stance on the
    # sentence does not overrule the streak's own direction.
    days = streak(unit="days", value=7, period_end=OCT6, stance="bearish", streak_direction="up")
    v = check_claim(days, market)
    assert v.verdict == "supported" and v.actual == 7 and v.date_start == D(2025, 9, 25)
    # 09-23, 09-24, 09-25 each closed lower: three losing sessions, whatever the stance says.
    down = streak(
        unit="days",
        value=3,
        period_end=D(2025, 9, 25),
        stance="bullish",
        streak_direction="down",
    )
    v = check_claim(down, market)
    assert v.verdict == "supported" and v.actual == 3 and "with losses" in v.reason
    # No direction and a neutral stance: both counts are tried (7 up, 0 down on 10-06).
    bare = days.model_copy(update={"stance": "neutral", "streak_direction": None})
    v = check_claim(bare, market)
    assert v.verdict == "supported" and "gains or losses" in v.reason


def test_range_held_until_a_decision_is_read_within_the_period(market: MarketData) -> None:
    # DFEDTARU.csv 5.50 / DFEDTARL.csv 5.25 from 2023-07-27 through 2024-09-18; the 2024-09-18
    # cut shows from 2024-09-19 (5.00 / 4.75). Read the day after the period, this was flagged.
    held = claim(
        kind="rate_decision",
        subject="FEDFUNDS",
        unit="pct",
        low=5.25,
        high=5.5,
        comparator="range",
        period_start=D(2023, 7, 26),
        period_end=D(2024, 9, 18),
        quote="Policymakers kept the range at 5.25%-5.50% from the July 2023 hike until "
        "the September 18, 2024 decision.",
    )
    v = check_claim(held, market)
    assert v.verdict == "supported" and v.difference == 0
    assert v.date_end == D(2024, 9, 18) and "throughout" in v.reason
    low = held.model_copy(update={"low": 5.0, "high": 5.25})
    assert check_claim(low, market).verdict == "contradicted"
    # A range that moved during the period is not one that "has been" held all year: DFEDTARU
    # 4.50 on 2025-01-01 -> 3.75 from 2025-12-11, so "4.25%-4.50% all of 2025" is contradicted.
    year = held.model_copy(
        update={
            "low": 4.25,
            "high": 4.5,
            "period_start": D(2025, 1, 1),
            "period_end": D(2025, 12, 31),
            "quote": "The range has been 4.25%-4.50% all of 2025.",
        }
    )
    assert check_claim(year, market).verdict == "contradicted"
    # A move INTO a range over a period ending on a decision day (2025-12-10; DFEDTARU 3.75 /
    # DFEDTARL 3.50 from 12-11) is read the day after, as a one-day decision is.
    into = held.model_copy(
        update={
            "low": 3.5,
            "high": 3.75,
            "period_start": D(2025, 9, 1),
            "period_end": D(2025, 12, 10),
            "quote": "Three cuts since September have brought the range down to 3.50%-3.75%.",
        }
    )
    v = check_claim(into, market, published=D(2025, 12, 10))
    assert v.verdict == "supported" and v.date_end == D(2025, 12, 11)
    wrong = into.model_copy(update={"low": 3.25, "high": 3.5})
    assert check_claim(wrong, market).verdict == "contradicted"


def test_an_unsure_period_never_flags(market: MarketData) -> None:
    # IWM's Q3 2025 total return is 12.446% (above): 30% is far outside any tolerance. Read
    # over a sure period it is contradicted; over a guessed one (below PERIOD_SURE_MIN) the
    # checker says why it will not flag, and still shows the reading.
    from thesisdesk.settings import PERIOD_SURE_MIN

    sure = check_claim(claim(value=30.0, period_confidence=1.0, **Q3), market)
    assert sure.verdict == "contradicted"
    unsure = check_claim(claim(value=30.0, period_confidence=PERIOD_SURE_MIN - 0.1, **Q3), market)
    assert unsure.verdict == "unverifiable"
    assert "period is unsure" in unsure.reason and "12.4" in unsure.reason
    fits = check_claim(claim(value=12.4, period_confidence=0.3, **Q3), market)
    assert fits.verdict == "supported"  # a figure that fits is still supported
