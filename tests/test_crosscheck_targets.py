"""Price-target outcomes: hit (close, else intraday), missed, pending, with the hit date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from crosscheck import MarketData, target_outcome
from crosscheck.targets import deadline
from thesisdesk.records import Claim, PriceBar

D = dt.date


def target(**kw: object) -> Claim:
    base: dict[str, object] = dict(
        kind="price_target",
        subject="T",
        unit="usd",
        stance="bullish",
        quote="(test)",
        start=0,
        end=6,
    )
    base.update(kw)
    return Claim(**base)  # type: ignore[arg-type]


def market(rows: list[tuple[str, float, float, float]]) -> MarketData:
    """(date, close, high, low) rows of symbol T."""
    bars = [
        PriceBar(symbol="T", date=D.fromisoformat(d), close=c, high=h, low=lo)
        for d, c, h, lo in rows
    ]
    return MarketData.from_bars({"T": bars})


ROWS = [
    ("2025-01-10", 100.0, 101.0, 99.0),  # publication day: base 100
    ("2025-02-03", 108.0, 111.0, 107.0),  # intraday touch of 110/111
    ("2025-03-03", 112.0, 113.0, 109.0),  # first close >= 110
    ("2025-06-02", 95.0, 96.0, 89.0),  # intraday low 89 (bearish 90 touched)
    ("2025-12-31", 104.0, 105.0, 103.0),
    ("2026-03-31", 106.0, 107.0, 105.0),  # data ends here
]
PUB = D(2025, 1, 10)


def test_hit_on_the_first_close_at_the_target() -> None:
    r = target_outcome(target(value=110), market(ROWS), published=PUB)
    assert r.outcome == "hit" and r.basis == "close"
    assert r.outcome_date == D(2025, 3, 3) and r.final_price == 112.0
    assert r.deadline == D(2026, 1, 10)  # no horizon: 12 months


def test_hit_intraday_only_says_so() -> None:
    # 112.5: no close reaches it (max close 112); the 2025-03-03 high 113 does.
    r = target_outcome(target(value=112.5), market(ROWS), published=PUB)
    assert r.outcome == "hit" and r.basis == "intraday"
    assert r.outcome_date == D(2025, 3, 3)
    assert "intraday" in r.reason


def test_missed_after_the_horizon() -> None:
    # 120 by year-end 2025: never reached; resolved on the 2025-12-31 close 104.
    r = target_outcome(target(value=120, horizon="by year-end"), market(ROWS), published=PUB)
    assert r.outcome == "missed" and r.deadline == D(2025, 12, 31)
    assert r.final_price == 104.0
    assert r.error_pct == pytest.approx((104 - 120) / 120 * 100, abs=1e-4)


def test_pending_while_the_horizon_runs_past_the_data() -> None:
    # 130 within 24 months of 2025-01-10 -> deadline 2027-01-10, data ends 2026-03-31.
    r = target_outcome(target(value=130, horizon="12-24 months"), market(ROWS), published=PUB)
    assert r.outcome == "pending" and r.deadline == D(2027, 1, 10)


def test_bearish_target_and_percent_target() -> None:
    bear = target_outcome(target(value=90, stance="bearish"), market(ROWS), published=PUB)
    assert bear.outcome == "hit" and bear.basis == "intraday" and bear.direction == "down"
    # "could rise 10%": 100 * 1.10 = 110 -> the 2025-03-03 close
    pct = target_outcome(target(value=10, unit="pct"), market(ROWS), published=PUB)
    assert pct.target == pytest.approx(110.0) and pct.outcome_date == D(2025, 3, 3)


def test_not_a_target_or_no_data() -> None:
    assert (
        target_outcome(target(value=1, subject="NOPE"), market(ROWS), published=PUB).outcome is None
    )
    assert target_outcome(target(value=110), market(ROWS)).outcome is None  # no date


@pytest.mark.parametrize(
    ("horizon", "expected"),
    [
        (None, D(2026, 9, 10)),
        ("by year-end", D(2025, 12, 31)),
        ("next year", D(2026, 12, 31)),
        ("12-24 months", D(2027, 9, 10)),
        ("by 2025-09-17 (FOMC meeting)", D(2025, 9, 17)),
        ("by March 2026", D(2026, 3, 31)),
        ("in six weeks or so", D(2026, 9, 10)),  # not understood: the default, and it says so
    ],
)
def test_deadlines(horizon: str | None, expected: dt.date) -> None:
    assert deadline(horizon, D(2025, 9, 10))[0] == expected


def test_real_targets(market_dir: Path) -> None:
    m = MarketData.from_directory(market_dir)
    # GSPC.csv: first close <= 6550 after 2025-12-18 is 2026-03-20 (6506.48).
    spx = target(subject="^GSPC", unit="points", value=6550, stance="bearish")
    r = target_outcome(spx, m, published=D(2025, 12, 18))
    assert (r.outcome, r.outcome_date, r.final_price) == ("hit", D(2026, 3, 20), 6506.48)
    # IWM.csv: first close >= 300 after 2025-09-10 is 2026-06-30 (300.45); the intraday high
    # reached 301.5 on 2026-06-25, but a close comes first as the basis.
    iwm = target_outcome(target(subject="IWM", value=300), m, published=D(2025, 9, 10))
    assert (iwm.outcome, iwm.outcome_date, iwm.basis) == ("hit", D(2026, 6, 30), "close")
    # $312 by 2026-09-10: not reached by the last row (2026-08-20): pending.
    assert (
        target_outcome(target(subject="IWM", value=312), m, published=D(2025, 9, 10)).outcome
        == "pending"
    )


def test_the_price_not_the_stance_decides_the_direction() -> None:
    # Base 100 on 2025-01-10; 110 lies above it, so it is an upside target even when the
    # sentence's tone made the stance bearish: first close >= 110 is 112.0 on 2025-03-03.
    r = target_outcome(target(value=110, stance="bearish"), market(ROWS), published=PUB)
    assert r.direction == "up" and r.outcome == "hit" and r.outcome_date == D(2025, 3, 3)
    # 90 lies below: a downside target even with a bullish stance; no close <= 90 (min 95),
    # the 2025-06-02 low of 89 touches it intraday.
    r = target_outcome(target(value=90, stance="bullish"), market(ROWS), published=PUB)
    assert r.direction == "down" and r.outcome == "hit" and r.basis == "intraday"
