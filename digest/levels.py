"""Pure arithmetic of the digest: target statistics and support/resistance zones.

Kept free of the store so it can be tested with plain numbers.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from typing import NamedTuple

from digest.model import LevelZone, TargetItem, TargetSummary

#: Targets listed per subject (the statistics use all of them).
MAX_TARGET_ITEMS = 30

#: Levels within this fraction of a zone's first level are one zone ("2,350" and "2,360").
ZONE_TOLERANCE = 0.015


class LevelMention(NamedTuple):
    """One source naming one level (or a range, as low/high) with a role."""

    role: str
    low: float
    high: float
    source: str


def target_point(value: float | None, low: float | None, high: float | None) -> float | None:
    """A single figure for a target: its value, else the middle of its range."""
    if value is not None:
        return float(value)
    if low is not None and high is not None:
        return (float(low) + float(high)) / 2
    return float(low) if low is not None else (float(high) if high is not None else None)


def summarize_targets(
    items: list[TargetItem], latest_close: float | None, close_date: object = None
) -> TargetSummary | None:
    """Count, median, low, high and implied upside of absolute targets (unit usd/points)."""
    points = [p for it in items if (p := target_point(it.value, it.low, it.high)) is not None]
    return summarize_points(
        points, items, sorted({it.source for it in items}), latest_close, close_date
    )


def summarize_points(
    points: list[float],
    items: list[TargetItem],
    sources: list[str],
    latest_close: float | None,
    close_date: object = None,
) -> TargetSummary | None:
    """The summary from all target figures; ``items`` (the newest ones) are listed."""
    if not points:
        return None
    median = float(statistics.median(points))
    upside = (median / latest_close - 1.0) * 100.0 if latest_close else None
    newest = sorted(items, key=lambda it: (it.published is not None, it.published), reverse=True)
    return TargetSummary(
        count=len(points),
        median=median,
        low=min(points),
        high=max(points),
        unit=items[0].unit if items else "usd",
        latest_close=latest_close,
        close_date=close_date,
        upside_pct=upside,
        sources=sources,
        items=sorted(
            newest[:MAX_TARGET_ITEMS], key=lambda it: target_point(it.value, it.low, it.high) or 0.0
        ),
    )


def cluster_levels(
    mentions: Iterable[LevelMention], tolerance: float = ZONE_TOLERANCE
) -> list[LevelZone]:
    """Merge nearby levels into zones, sorted by how many sources name them.

    Greedy over sorted levels: a level joins the current zone while it lies within
    ``tolerance`` of the zone's lowest level, so a zone is never wider than the tolerance
    (no chaining of 1%-steps into one giant zone).
    """
    ordered = sorted(mentions, key=lambda m: (m.low + m.high) / 2)
    zones: list[list[LevelMention]] = []
    for m in ordered:
        mid = (m.low + m.high) / 2
        if zones:
            first = zones[-1][0]
            anchor = (first.low + first.high) / 2
            if anchor > 0 and (mid - anchor) / anchor <= tolerance:
                zones[-1].append(m)
                continue
        zones.append([m])
    out: list[LevelZone] = []
    for zone in zones:
        roles = {m.role for m in zone}
        sources = sorted({m.source for m in zone})
        mids = [(m.low + m.high) / 2 for m in zone]
        out.append(
            LevelZone(
                role=roles.pop() if len(roles) == 1 else "mixed",
                low=min(m.low for m in zone),
                high=max(m.high for m in zone),
                center=float(statistics.median(mids)),
                mentions=len(zone),
                n_sources=len(sources),
                sources=sources,
            )
        )
    out.sort(key=lambda z: (-z.n_sources, -z.mentions, z.center))
    return out
