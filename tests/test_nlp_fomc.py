"""The FOMC calendar (``nlp/fomc.py``) against the policy-rate series, and its look-ups."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from nlp import fomc


def test_every_move_of_the_target_range_follows_a_decision_day(market_dir: Path) -> None:
    """FRED dates a move from the day it takes effect: the day after the announcement."""
    with (market_dir / "DFEDTARU.csv").open(encoding="utf-8") as fh:
        rows = [(dt.date.fromisoformat(r["date"]), r["value"]) for r in csv.DictReader(fh)]
    moved = [
        day for (day, value), (_, before) in zip(rows[1:], rows, strict=False) if value != before
    ]
    moved = [day for day in moved if fomc.DECISION_DAYS[0] <= day]
    assert len(moved) >= 20
    for day in moved:
        assert fomc.decision_day_near(day, back=1) == day - dt.timedelta(days=1), day


def test_days_are_ordered_and_eight_or_so_a_year() -> None:
    days = fomc.DECISION_DAYS
    assert list(days) == sorted(set(days))
    for year in range(2019, 2027):
        assert 8 <= sum(d.year == year for d in days) <= 9


def test_lookups() -> None:
    # a Thursday recap of Wednesday's decision; the morning after; no meeting that week
    assert fomc.decision_day_near(dt.date(2024, 9, 19)) == dt.date(2024, 9, 18)
    assert fomc.decision_day_near(dt.date(2025, 12, 10)) == dt.date(2025, 12, 10)
    assert fomc.decision_day_near(dt.date(2025, 12, 15)) is None
    # "last week" around a meeting holds one decision; a month is no single day
    assert fomc.decision_day_in(dt.date(2025, 9, 15), dt.date(2025, 9, 19)) == dt.date(2025, 9, 17)
    assert fomc.decision_day_in(dt.date(2025, 9, 1), dt.date(2025, 9, 30)) is None
    assert fomc.decision_day_in(dt.date(2025, 9, 22), dt.date(2025, 9, 26)) is None
    assert not fomc.covered(dt.date(2010, 1, 1))
