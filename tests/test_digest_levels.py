"""Target statistics and level zones, with plain numbers."""

from __future__ import annotations

import pytest

from digest.levels import LevelMention, cluster_levels, summarize_targets, target_point
from digest.model import StanceSplit, TargetItem


def _t(value: float, source: str = "s") -> TargetItem:
    return TargetItem(value=value, source=source, article_id=1)


def test_target_point_uses_range_middle() -> None:
    assert target_point(None, 240, 250) == 245
    assert target_point(300, 240, 250) == 300
    assert target_point(None, None, None) is None


def test_summarize_targets() -> None:
    s = summarize_targets([_t(300, "a"), _t(280, "b"), _t(320, "a"), _t(210, "c")], 250.0)
    assert (s.count, s.median, s.low, s.high) == (4, 290.0, 210.0, 320.0)
    assert s.upside_pct == pytest.approx(16.0)
    assert s.sources == ["a", "b", "c"]
    assert summarize_targets([], 250.0) is None
    assert summarize_targets([_t(100)], None).upside_pct is None


def test_cluster_merges_within_tolerance_only() -> None:
    zones = cluster_levels(
        [
            LevelMention("support", 2350, 2350, "a"),
            LevelMention("support", 2360, 2360, "b"),  # +0.43%: same zone
            LevelMention("support", 2385, 2385, "c"),  # +1.49% from 2350: same zone
            LevelMention("support", 2400, 2400, "d"),  # +2.1%: a new zone
            LevelMention("resistance", 2500, 2510, "a"),
        ]
    )
    first = zones[0]
    assert (first.low, first.high, first.n_sources, first.mentions) == (2350, 2385, 3, 3)
    assert [(z.low, z.high) for z in zones[1:]] == [(2400, 2400), (2500, 2510)]


def test_cluster_does_not_chain() -> None:
    # 1% steps: each is near its neighbour, but a zone may not span more than 1.5%
    levels = [LevelMention("support", 100 * 1.01**i, 100 * 1.01**i, f"s{i}") for i in range(6)]
    zones = cluster_levels(levels)
    assert all((z.high - z.low) / z.low <= 0.015 + 1e-9 for z in zones)
    assert sum(z.mentions for z in zones) == 6


def test_cluster_counts_sources_not_mentions_and_marks_mixed() -> None:
    zones = cluster_levels(
        [
            LevelMention("support", 50, 50, "a"),
            LevelMention("support", 50.2, 50.2, "a"),
            LevelMention("resistance", 50.3, 50.3, "b"),
        ]
    )
    assert len(zones) == 1
    assert (zones[0].mentions, zones[0].n_sources, zones[0].role) == (3, 2, "mixed")


def test_stance_split_consensus() -> None:
    assert StanceSplit(bullish=3, bearish=1).consensus == "bullish"
    assert StanceSplit(bullish=1, bearish=2, neutral=5).consensus == "bearish"
    assert StanceSplit(bullish=2, bearish=2).consensus == "mixed"
    assert StanceSplit(neutral=4).consensus == "neutral"
    assert StanceSplit(bullish=1, bearish=1, neutral=2).share("neutral") == 0.5
