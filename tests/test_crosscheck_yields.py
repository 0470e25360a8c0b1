"""Treasury yields against FRED's DGS10 / DGS2 rows in ``shared/data/market``, worked by hand.

Rows used: DGS10 2025-10-03 4.13, 10-06 4.18, 10-09 4.14, 10-10 4.05, (10-13 Columbus Day:
no value), 10-14 4.03; DGS2 2025-10-09 3.60, 10-10 3.52.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from crosscheck import MarketData, check_claim
from thesisdesk.records import Claim

D = dt.date


@pytest.fixture(scope="module")
def market(market_dir: Path) -> MarketData:
    return MarketData.from_directory(market_dir)


def claim(**kw: object) -> Claim:
    base: dict[str, object] = dict(
        kind="price_level",
        subject="DGS10",
        unit="pct",
        role="current",
        quote="(test)",
        start=0,
        end=6,
    )
    base.update(kw)
    return Claim(**base)  # type: ignore[arg-type]


def test_a_level_on_its_day_is_read_at_that_close(market: MarketData) -> None:
    v = check_claim(claim(value=4.05, as_of=D(2025, 10, 10)), market)
    assert v.verdict == "supported" and v.actual == 4.05 and v.series == "DGS10"


def test_a_level_quoted_before_the_close_fits_the_session_before(market: MarketData) -> None:
    # 4.15 is 0.10 from Friday's 4.05 (outside 0.08) but 0.01 from Thursday's 4.14
    v = check_claim(claim(value=4.15, as_of=D(2025, 10, 10)), market)
    assert v.verdict == "supported" and v.date_end == D(2025, 10, 9)


def test_a_level_far_from_both_closes_is_contradicted(market: MarketData) -> None:
    # 4.50: 0.45 above 4.05 and 0.36 above 4.14; both outside 0.08
    v = check_claim(claim(value=4.5, as_of=D(2025, 10, 10)), market)
    assert v.verdict == "contradicted"
    assert v.difference == pytest.approx(4.14 - 4.5)


def test_a_holiday_reads_the_last_close_before_it(market: MarketData) -> None:
    # Columbus Day 2025-10-13 has no DGS10 value: the close of 10-10 (4.05) is in force
    v = check_claim(claim(value=4.05, as_of=D(2025, 10, 13)), market)
    assert v.verdict == "supported" and v.date_end == D(2025, 10, 10)


def test_the_two_year_is_its_own_series(market: MarketData) -> None:
    v = check_claim(claim(subject="DGS2", value=3.52, as_of=D(2025, 10, 10)), market)
    assert v.verdict == "supported" and v.series == "DGS2"


def test_a_weekly_move_in_basis_points(market: MarketData) -> None:
    # the week of Oct. 6-10 runs from the Oct. 3 close 4.13 to the Oct. 10 close 4.05: -8 bp
    c = claim(kind="performance", role=None, unit="bp", value=-8.0)
    c = c.model_copy(update={"period_start": D(2025, 10, 6), "period_end": D(2025, 10, 10)})
    v = check_claim(c, market)
    assert v.verdict == "supported" and v.actual == pytest.approx(-8.0)


def test_a_move_of_the_wrong_size_is_contradicted(market: MarketData) -> None:
    # -25 bp stated; the readings are -8 (to Friday) and +1 (to Thursday); tolerance 4 bp
    c = claim(kind="performance", role=None, unit="bp", value=-25.0)
    c = c.model_copy(update={"period_start": D(2025, 10, 6), "period_end": D(2025, 10, 10)})
    v = check_claim(c, market)
    assert v.verdict == "contradicted" and v.actual == pytest.approx(-8.0)


def test_a_one_day_move(market: MarketData) -> None:
    # Oct. 10: 4.14 -> 4.05, -9 bp
    c = claim(kind="performance", role=None, unit="bp", value=-9.0)
    c = c.model_copy(update={"period_start": D(2025, 10, 10), "period_end": D(2025, 10, 10)})
    assert check_claim(c, market).verdict == "supported"


@pytest.mark.parametrize(
    ("kw", "why"),
    [
        (dict(role="support", value=4.0, as_of=D(2025, 10, 10)), "chart level"),
        (dict(kind="performance", role=None, unit="pct", value=-2.0), "ambiguous"),
        (dict(kind="performance", role=None, unit="bp", value=-8.0), "no period"),
    ],
)
def test_what_cannot_be_read_is_unverifiable(
    market: MarketData, kw: dict[str, object], why: str
) -> None:
    v = check_claim(claim(**kw), market)
    assert v.verdict == "unverifiable" and why in v.reason
