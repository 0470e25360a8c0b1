"""Which close a period's change starts from: ``Claim.period_base``.

"Since July 11" starts ON July 11 and is measured from that day's close (``start_close``);
"Q3 2025" starts July 1 and is measured from the close before it (``prior_close``, also what
a claim with no base means). Series are written inline as (date, close) rows.
"""

from __future__ import annotations

import datetime as dt

import pytest

from crosscheck import MarketData, check_claim
from thesisdesk.records import Claim, PriceBar

D = dt.date
# Thu 10th 100, Fri 11th 110, Mon 14th 121, Tue 15th 133.1: each session +10%
ROWS = [("2025-07-10", 100.0), ("2025-07-11", 110.0), ("2025-07-14", 121.0), ("2025-07-15", 133.1)]


@pytest.fixture(scope="module")
def market() -> MarketData:
    bars = [
        PriceBar(symbol="AAA", date=D.fromisoformat(d), close=c, high=c, low=c, adj_close=c)
        for d, c in ROWS
    ]
    return MarketData.from_bars({"AAA": bars})


def claim(value: float, start: dt.date, end: dt.date, base: str | None, **kw: object) -> Claim:
    return Claim(
        kind="performance",
        subject="AAA",
        value=value,
        unit=kw.pop("unit", "pct"),  # type: ignore[arg-type]
        period_start=start,
        period_end=end,
        period_base=base,
        quote="(test)",
        start=0,
        end=6,
        **kw,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("value", "base", "verdict", "first_close"),
    [
        # since July 11 (start_close): 110 -> 133.1 is +21%; from the next session +10%
        (21.0, "start_close", "supported", D(2025, 7, 11)),
        (10.0, "start_close", "supported", D(2025, 7, 14)),
        # the close before the start day is not a reading of "since July 11": +33.1% is not
        (33.1, "start_close", "contradicted", None),
        # the same dates read as "prior_close" (and with no base): from the 10th's close
        (33.1, "prior_close", "supported", D(2025, 7, 10)),
        (33.1, None, "supported", D(2025, 7, 10)),
    ],
)
def test_the_base_close_follows_the_claims_period_base(
    market: MarketData, value: float, base: str | None, verdict: str, first_close: dt.date | None
) -> None:
    v = check_claim(claim(value, D(2025, 7, 11), D(2025, 7, 15), base), market)
    assert v.verdict == verdict, v.reason
    if first_close is not None:
        assert v.date_start == first_close


def test_a_start_day_without_a_session_takes_the_last_close_before_it(market: MarketData) -> None:
    # "since Saturday July 12" measured from the close on it: Friday's 110 -> 133.1
    v = check_claim(claim(21.0, D(2025, 7, 12), D(2025, 7, 15), "start_close"), market)
    assert v.verdict == "supported" and v.date_start == D(2025, 7, 11)


def test_points_change_from_the_start_days_close(market: MarketData) -> None:
    v = check_claim(
        claim(23.1, D(2025, 7, 11), D(2025, 7, 15), "start_close", unit="points"), market
    )
    assert v.verdict == "supported" and v.date_start == D(2025, 7, 11)
