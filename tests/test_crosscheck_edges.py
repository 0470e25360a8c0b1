"""Edge cases on small hand-written series: holidays, weekends, gaps, splits, data ending early,
and how tolerances follow the comparator and the stated precision.

The CSV directory is ``tests/resources/crosscheck/market`` (its README says what each file
is for); other series are written inline as (date, close) rows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from crosscheck import MarketData, check_claim
from crosscheck.tolerances import decimals, hedge
from thesisdesk.records import Claim, PriceBar

D = dt.date
HAND = Path(__file__).parent / "resources" / "crosscheck" / "market"


@pytest.fixture(scope="module")
def hand() -> MarketData:
    return MarketData.from_directory(HAND)


def claim(**kw: object) -> Claim:
    base: dict[str, object] = dict(
        kind="performance", subject="AAA", unit="pct", quote="(test)", start=0, end=6
    )
    base.update(kw)
    return Claim(**base)  # type: ignore[arg-type]


def series(symbol: str, rows: list[tuple[str, float]], **extra: float) -> MarketData:
    """A one-symbol market from (ISO date, close) rows; high/low = close unless given."""
    bars = [
        PriceBar(symbol=symbol, date=D.fromisoformat(d), close=c, high=c, low=c, adj_close=c)
        for d, c in rows
    ]
    return MarketData.from_bars({symbol: bars})


def two_point(end_close: float) -> MarketData:
    """100 at the end of 2024, ``end_close`` at the end of June 2025."""
    return series("T", [("2024-12-31", 100.0), ("2025-06-30", end_close)])


H1 = dict(subject="T", period_start=D(2025, 1, 1), period_end=D(2025, 6, 30))


def test_period_starting_on_a_holiday(hand: MarketData) -> None:
    # January 2025 starts on New Year's Day (no row): base is 2024-12-31 (100),
    # end 2025-01-31 (110): +10.0%.
    v = check_claim(claim(value=10.0, period_start=D(2025, 1, 1), period_end=D(2025, 1, 31)), hand)
    assert v.verdict == "supported"
    assert (v.date_start, v.date_end) == (D(2024, 12, 31), D(2025, 1, 31))
    assert v.actual == pytest.approx(10.0)


def test_period_starting_on_a_weekend(hand: MarketData) -> None:
    # March 2025 starts on Saturday 03-01: base is Friday 02-28 (120); 03-31 is 132: +10.0%.
    v = check_claim(claim(value=10.0, period_start=D(2025, 3, 1), period_end=D(2025, 3, 31)), hand)
    assert v.date_start == D(2025, 2, 28) and v.actual == pytest.approx(10.0)


def test_missing_day(hand: MarketData) -> None:
    # 2025-02-14 is missing: a close "on Feb 14" is read from the last session before it
    # (02-13, 114) and the reason says so; a one-day move on that day has no data at all.
    close = check_claim(
        claim(kind="price_level", unit="usd", value=114.0, as_of=D(2025, 2, 14)), hand
    )
    assert close.verdict == "supported" and close.date_end == D(2025, 2, 13)
    assert "last session on or before 2025-02-14" in close.reason
    move = check_claim(
        claim(value=1.0, period_start=D(2025, 2, 14), period_end=D(2025, 2, 14)), hand
    )
    assert move.verdict == "unverifiable"


def test_split_left_in_close_is_caught_by_total_return(hand: MarketData) -> None:
    # BBB: close 200 on 01-31, a 2:1 split, 110 on 02-28 (price "return" -45%);
    # adj_close 100 -> 110: +10%. A claim of +10% in February is supported on total return.
    v = check_claim(
        claim(subject="BBB", value=10.0, period_start=D(2025, 2, 1), period_end=D(2025, 2, 28)),
        hand,
    )
    assert v.verdict == "supported" and v.basis == "total_return"
    assert "price return" in v.reason and "-45" in v.reason


def test_data_ending_before_the_period(hand: MarketData) -> None:
    v = check_claim(claim(value=5.0, period_start=D(2025, 4, 1), period_end=D(2025, 4, 30)), hand)
    assert v.verdict == "unverifiable"
    assert "2025-03-31" in v.reason and v.series == "AAA"


def test_period_ending_on_the_weekend_after_the_data(hand: MarketData) -> None:
    # BBB ends Friday 2025-02-28: a period to Sunday 03-02 is covered, to Monday 03-03 is not.
    ok = claim(subject="BBB", value=10.0, period_start=D(2025, 2, 1), period_end=D(2025, 3, 2))
    assert check_claim(ok, hand).verdict == "supported"
    late = ok.model_copy(update={"period_end": D(2025, 3, 3)})
    assert check_claim(late, hand).verdict == "unverifiable"


def test_index_point_change(hand: MarketData) -> None:
    # XYZ: 1000 on 01-31 -> 1050 on 02-28: +50 points (+5.0%).
    pts = claim(
        subject="XYZ",
        unit="points",
        value=50,
        period_start=D(2025, 2, 1),
        period_end=D(2025, 2, 28),
    )
    assert check_claim(pts, hand).verdict == "supported"
    assert check_claim(pts.model_copy(update={"value": 60.0}), hand).verdict == "contradicted"


def test_rate_data_ending_too_early(hand: MarketData) -> None:
    # DFEDTARU here ends 2025-09-19; a decision on 09-19 shows on 09-20: not in the data.
    c = claim(
        kind="rate_decision",
        subject="FEDFUNDS",
        unit="bp",
        value=-25,
        period_start=D(2025, 9, 19),
        period_end=D(2025, 9, 19),
    )
    assert check_claim(c, hand).verdict == "unverifiable"
    c2 = c.model_copy(update={"period_start": D(2025, 9, 17), "period_end": D(2025, 9, 17)})
    assert check_claim(c2, hand).verdict == "supported"


# -- tolerances ------------------------------------------------------------------------------
def test_nearly_means_at_most() -> None:
    # "nearly 60%": approx tolerance max(1.0, 8% of 60 = 4.8) below, 1.0 (integer) above.
    q = "has advanced nearly 60% this year"
    assert hedge(q) == "at_most"
    c = claim(value=60, comparator="approx", quote=q, **H1)
    assert check_claim(c, two_point(158.0)).verdict == "supported"  # 58%
    assert check_claim(c, two_point(160.5)).verdict == "supported"  # 60.5%: rounding
    assert check_claim(c, two_point(162.0)).verdict == "contradicted"  # 62% is not "nearly 60"
    assert check_claim(c, two_point(150.0)).verdict == "contradicted"  # 50%


def test_over_is_supported_by_more() -> None:
    c = claim(value=150, comparator="gt", **H1)
    assert check_claim(c, two_point(270.0)).verdict == "supported"  # +170%
    assert check_claim(c, two_point(249.5)).verdict == "supported"  # 149.5: within 1 pp
    assert check_claim(c, two_point(240.0)).verdict == "contradicted"  # +140%


def test_precision_sets_the_tolerance() -> None:
    # 12.6% actual: "12.4%" (stated to 0.1, tolerance 0.15) is off; "12%" (integer, 1.0) is not.
    m = two_point(112.6)
    tight = check_claim(claim(value=12.4, **H1), m)
    assert tight.verdict == "contradicted" and tight.tolerance == pytest.approx(0.15)
    assert tight.tolerance > 0
    assert check_claim(claim(value=12.0, **H1), m).verdict == "supported"
    assert decimals(12.4) == 1 and decimals(10.38) == 2 and decimals(20.0) == 0


def test_signed_declines_and_ranges() -> None:
    down = claim(value=-10, comparator="lt", **H1)  # "down more than 10%"
    assert check_claim(down, two_point(88.0)).verdict == "supported"
    assert check_claim(down, two_point(95.0)).verdict == "contradicted"
    rng = claim(low=8, high=12, comparator="range", **H1)
    assert check_claim(rng, two_point(110.0)).verdict == "supported"
    assert check_claim(rng, two_point(115.0)).verdict == "contradicted"


def test_about_twenty_percent() -> None:
    # approx: max(1.0, 8% of 20 = 1.6) = 1.6 pp
    c = claim(value=20, comparator="approx", quote="about 20%", **H1)
    assert check_claim(c, two_point(121.5)).verdict == "supported"
    v = check_claim(c, two_point(122.0))
    assert v.verdict == "contradicted" and v.tolerance == pytest.approx(1.6)
    assert "approximate" in (v.tolerance_reason or "")


def test_daily_and_weekly_streaks() -> None:
    # Mon 06-02 .. Fri 06-13 2025: up, up, down, then six straight daily gains.
    rows = [
        ("2025-06-02", 10.0),
        ("2025-06-03", 11.0),
        ("2025-06-04", 12.0),
        ("2025-06-05", 11.5),
        ("2025-06-06", 11.6),
        ("2025-06-09", 11.7),
        ("2025-06-10", 11.8),
        ("2025-06-11", 11.9),
        ("2025-06-12", 12.1),
        ("2025-06-13", 12.2),
    ]
    m = series("S", rows)
    days = claim(subject="S", role="streak", unit="days", value=6, period_end=D(2025, 6, 13))
    v = check_claim(days, m)
    assert v.verdict == "supported" and v.actual == 6
    assert check_claim(days.model_copy(update={"value": 7.0}), m).verdict == "contradicted"
    # weeks: week closes 06-06 11.6 (week 1 has no prior week) and 06-13 12.2 (up): 1 week
    weeks = claim(subject="S", role="streak", unit="weeks", value=1, period_end=D(2025, 6, 13))
    assert check_claim(weeks, m).actual == 1


def test_losing_streak() -> None:
    rows = [("2025-01-31", 10.0), ("2025-02-28", 9.0), ("2025-03-31", 8.0), ("2025-04-30", 7.0)]
    c = claim(
        subject="S",
        role="streak",
        unit="months",
        value=-3,
        period_end=D(2025, 4, 30),
        quote="three straight monthly losses",
    )
    v = check_claim(c, series("S", rows))
    assert v.verdict == "supported" and v.actual == 3


def test_intraday_snapshot() -> None:
    # prev close 100; the day's range 99..103: "up 2.1% in afternoon trading" fits, 5% does not.
    bars = [
        PriceBar(symbol="I", date=D(2025, 6, 2), close=100, high=100, low=100),
        PriceBar(symbol="I", date=D(2025, 6, 3), close=100.5, high=103, low=99),
    ]
    m = MarketData.from_bars({"I": bars})
    day = dict(subject="I", period_start=D(2025, 6, 3), period_end=D(2025, 6, 3), basis="intraday")
    v = check_claim(claim(value=2.1, **day), m)
    assert v.verdict == "supported" and v.basis == "intraday"
    assert check_claim(claim(value=5.0, **day), m).verdict == "contradicted"


def test_group_subject_reads_any_of_its_series() -> None:
    # "small caps" may mean the Russell 2000 or the S&P 600: either fitting is enough.
    rut = [
        PriceBar(symbol="^RUT", date=D(2025, 6, 30), close=100),
        PriceBar(symbol="^RUT", date=D(2025, 9, 30), close=110),
    ]
    ijr = [
        PriceBar(symbol="IJR", date=D(2025, 6, 30), close=100),
        PriceBar(symbol="IJR", date=D(2025, 9, 30), close=105),
    ]
    m = MarketData.from_bars({"^RUT": rut, "IJR": ijr})
    q3 = dict(subject="small caps", period_start=D(2025, 7, 1), period_end=D(2025, 9, 30))
    assert check_claim(claim(value=5, **q3), m).series == "IJR"
    assert check_claim(claim(value=10, **q3), m).verdict == "supported"
    assert check_claim(claim(value=20, **q3), m).verdict == "contradicted"


def test_hedge_words_only_count_before_a_number() -> None:
    assert hedge("shares have nearly doubled, up 12.4% in the quarter") is None
    assert hedge("IonQ is up close to 60% this year") == "at_most"
    assert hedge("a target of just over $300") == "at_least"


def test_period_ending_after_the_article_reads_so_far_too(hand: MarketData) -> None:
    # "up 10% in Q1" in an article of 2025-01-31: Q1 to date is 100 -> 110 (+10%), while the
    # whole quarter (to 2025-03-31, 132) is +32%: the "so far" reading fits.
    c = claim(value=10.0, period_start=D(2025, 1, 1), period_end=D(2025, 3, 31))
    v = check_claim(c, hand, published=D(2025, 1, 31))
    assert v.verdict == "supported" and v.date_end == D(2025, 1, 31)
    assert check_claim(c, hand).verdict == "contradicted"  # without the article date: +32%
