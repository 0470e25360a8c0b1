"""The FOMC calendar (``nlp/fomc.py``) against the policy-rate series, and its look-ups."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
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


def test_moves_are_the_target_range_changes(market_dir: Path) -> None:
    """Every listed move shows in FRED's upper bound the day after, by the listed size."""
    with (market_dir / "DFEDTARU.csv").open(encoding="utf-8") as fh:
        upper = {dt.date.fromisoformat(r["date"]): float(r["value"]) for r in csv.DictReader(fh)}
    changes = {}
    days = sorted(upper)
    for before, after in itertools.pairwise(days):
        if upper[after] != upper[before] and after > fomc.DECISION_DAYS[0]:
            changes[after - dt.timedelta(days=1)] = round((upper[after] - upper[before]) * 100)
    assert changes == {d: bp for d, bp in fomc.MOVES.items() if d + dt.timedelta(days=1) in upper}
    assert set(fomc.MOVES) <= set(fomc.DECISION_DAYS)


def test_latest_decision_of_a_kind() -> None:
    assert fomc.latest_decision(dt.date(2025, 7, 31)) == dt.date(2025, 7, 30)  # a hold
    assert fomc.latest_decision(dt.date(2025, 7, 31), what="cut") == dt.date(2024, 12, 18)
    assert fomc.latest_decision(dt.date(2025, 7, 31), what="hike") == dt.date(2023, 7, 26)
    sept = fomc.latest_decision(dt.date(2025, 8, 20), what="cut", month=9)
    assert sept == dt.date(2024, 9, 18)
    assert fomc.latest_decision(dt.date(2010, 1, 1)) is None
