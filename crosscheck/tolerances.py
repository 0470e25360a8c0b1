"""Tolerances and stand-ins, read from their TOML data files, and the one comparison rule.

Every number that decides between `supported` and `contradicted` comes from
``tolerances.toml`` so that it can be read, argued about and changed in one place.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent


@cache
def tolerances() -> dict[str, Any]:
    """The parsed ``tolerances.toml`` (cached: read once per process)."""
    with (HERE / "tolerances.toml").open("rb") as fh:
        return tomllib.load(fh)


@cache
def standins() -> dict[str, Any]:
    with (HERE / "standins.toml").open("rb") as fh:
        return tomllib.load(fh)


def etf_for_index(symbol: str) -> str | None:
    """The ETF (or index) whose percent change may stand in for ``symbol``'s."""
    return standins()["index_etf"].get(symbol)


def index_for_etf(symbol: str) -> str | None:
    """The index an ETF tracks (the reverse of ``etf_for_index``), for levels quoted in points."""
    for index, etf in standins()["index_etf"].items():
        if etf == symbol and index.startswith("^"):
            return index
    return None


def group_series(subject: str) -> list[str]:
    """Series a group subject ("small caps") may be read as; empty when unknown."""
    return list(standins()["groups"].get(subject.strip().lower(), []))


@lru_cache(maxsize=4096)
def decimals(value: float) -> int:
    """Decimals the author stated (12.4 -> 1, 10.38 -> 2, 60.0 -> 0), capped at 2."""
    text = f"{abs(value):.6f}".rstrip("0").rstrip(".")
    return min(2, len(text.split(".")[1])) if "." in text else 0


def _hedge_regex(words: list[str]) -> re.Pattern[str]:
    """A hedge word right before a number ("nearly 60%", "close to $300"), not "nearly doubled"."""
    alts = "|".join(re.escape(w) for w in words)
    return re.compile(r"\b(" + alts + r")\s+(?:a\s+)?[-+~$€£]?\s?\d", re.IGNORECASE)


@cache
def _hedges() -> tuple[re.Pattern[str], re.Pattern[str]]:
    h = tolerances()["hedges"]
    return _hedge_regex(h["at_most"]), _hedge_regex(h["at_least"])


def hedge(quote: str | None) -> str | None:
    """'at_most' for "nearly 60%", 'at_least' for "just over", else None."""
    if not quote:
        return None
    at_most, at_least = _hedges()
    if at_most.search(quote):
        return "at_most"
    if at_least.search(quote):
        return "at_least"
    return None


@dataclass(frozen=True)
class Tolerance:
    """How far the data may be from the stated figure, and why (shown to readers)."""

    value: float
    reason: str
    precision: float  # the tolerance from stated precision alone (one-sided hedges use it)


def _by_decimals(section: dict[str, Any], value: float) -> float:
    return float(section["by_decimals"][str(decimals(value))])


def _approx(section: dict[str, Any], value: float, base: float, what: str) -> Tolerance:
    rel = float(section["approx_relative"])
    floor = float(section.get("approx_min", 0.0))
    tol = max(base, rel * abs(value), floor)
    return Tolerance(tol, f"approximate figure: {rel:.0%} of the stated {what}", base)


@lru_cache(maxsize=4096)
def percent_tolerance(value: float, comparator: str, *, spread: bool = False) -> Tolerance:
    """Percentage-point tolerance for a stated percent change (or a pp spread)."""
    section = tolerances()["spread" if spread else "percent"]
    base = _by_decimals(section, value)
    what = "spread" if spread else "change"
    if comparator == "approx":
        return _approx(section, value, base, what)
    rel = float(section.get("round_relative", 0.0))
    if decimals(value) == 0 and rel * abs(value) > base:
        tol = rel * abs(value)
        return Tolerance(tol, f"a whole-number figure, often rounded: {rel:.1%} of it", tol)
    return Tolerance(
        base, f"stated to {decimals(value)} decimal(s): {base:g} pp for rounding", base
    )


@lru_cache(maxsize=4096)
def level_tolerance(value: float, comparator: str, *, role: str | None = None) -> Tolerance:
    """Tolerance (in the level's unit) for a price or index level."""
    section = tolerances()["level"]
    base = _by_decimals(section, value) * abs(value)
    if role == "current":
        rel = float(section["current_relative"])
        tol = max(base, rel * abs(value))
        return Tolerance(tol, f"a current price, often implied or quoted intraday: {rel:.0%}", base)
    if comparator == "approx":
        rel = float(section["approx_relative"])
        return Tolerance(max(base, rel * abs(value)), f"approximate level: {rel:.1%}", base)
    frac = _by_decimals(section, value)
    return Tolerance(base, f"level stated to {decimals(value)} decimal(s): {frac:.2%}", base)


@lru_cache(maxsize=4096)
def ma_tolerance(value: float) -> Tolerance:
    """A moving average is a derived figure: tools differ in the close, the day and the kind."""
    rel = float(tolerances()["level"]["moving_average_relative"])
    tol = rel * abs(value)
    return Tolerance(tol, f"a moving average as a charting tool computes it: {rel:.1%}", tol)


@lru_cache(maxsize=4096)
def range_tolerance(low: float, high: float) -> Tolerance:
    rel = float(tolerances()["level"]["range_relative"])
    tol = rel * max(abs(low), abs(high))
    return Tolerance(tol, f"containment in a stated range, margin {rel:.1%}", tol)


@lru_cache(maxsize=4096)
def points_tolerance(value: float, comparator: str) -> Tolerance:
    section = tolerances()["points"]
    base = _by_decimals(section, value)
    if comparator == "approx":
        return _approx(section, value, base, "point change")
    return Tolerance(base, f"point change stated to {decimals(value)} decimal(s)", base)


def stand_in_slack(days: int) -> float:
    """Extra percentage points for an ETF read in place of its index over ``days``."""
    section = tolerances()["percent"]
    return float(section["stand_in_pp"]) + float(section["stand_in_pp_per_year"]) * days / 365.25


def rate_bp_tolerance() -> Tolerance:
    tol = float(tolerances()["rates"]["bp"])
    return Tolerance(tol, "Fed moves come in 25 bp steps: a few bp of slack", tol)


def rate_pct_tolerance() -> Tolerance:
    tol = float(tolerances()["rates"]["range_pct"])
    return Tolerance(tol, "target-range bounds are printed to 2 decimals", tol)


@lru_cache(maxsize=1024)
def yield_level_tolerance(value: float, comparator: str) -> Tolerance:
    """Percentage points for a Treasury yield's level: a quote at some hour, not the close."""
    section = tolerances()["yields"]
    if comparator == "approx":
        tol = float(section["level_approx_pct"])
        return Tolerance(tol, f"an approximate yield: {tol:g} pp", tol)
    tol = float(section["level_pct"])
    return Tolerance(tol, f"a yield quoted intraday or by another vendor: {tol:g} pp", tol)


@lru_cache(maxsize=1024)
def yield_bp_tolerance(value: float, comparator: str) -> Tolerance:
    """Basis points for a yield's move: each end's close differs a little between vendors."""
    section = tolerances()["yields"]
    base = float(section["bp"])
    rel = float(section["bp_relative"]) * abs(value) * (2 if comparator == "approx" else 1)
    if rel > base:
        return Tolerance(rel, f"a move of that size, stated round: {rel:.3g} bp", base)
    return Tolerance(base, f"vendors' closes differ by a few bp at each end: {base:g} bp", base)


def streak_tolerance() -> Tolerance:
    tol = float(tolerances()["count"]["streak"])
    return Tolerance(tol, "streaks are counted exactly", tol)


@dataclass(frozen=True)
class Judgement:
    """The comparison of one reading of the data with the claim."""

    supported: bool
    difference: float  # actual minus the nearest edge of what was claimed (0 inside a range)
    excess: float  # how far outside tolerance (0 when supported)


def judge(
    actual: float,
    comparator: str,
    tol: Tolerance,
    *,
    value: float | None = None,
    low: float | None = None,
    high: float | None = None,
    hedged: str | None = None,
    slack: float = 0.0,
) -> Judgement:
    """Compare ``actual`` with the stated figure under its comparator and tolerance.

    ``slack`` widens the tolerance for one reading (an ETF standing in for an index).
    """
    t = tol.value + slack
    if comparator == "range" or (value is None and low is not None and high is not None):
        lo = low if low is not None else -math.inf
        hi = high if high is not None else math.inf
        if lo > hi:
            lo, hi = hi, lo
        diff = actual - lo if actual < lo else (actual - hi if actual > hi else 0.0)
        return Judgement(abs(diff) <= t, diff, max(0.0, abs(diff) - t))
    if value is None:
        raise ValueError("claim states no value to compare")
    diff = actual - value
    if comparator in ("gt", "gte") or hedged == "at_least":
        ok = actual >= value - t
        return Judgement(ok, diff, 0.0 if ok else (value - t) - actual)
    if comparator in ("lt", "lte"):
        ok = actual <= value + t
        return Judgement(ok, diff, 0.0 if ok else actual - (value + t))
    if hedged == "at_most":  # "nearly 60%": below the figure by up to t, above by rounding only
        up = tol.precision + slack
        ok = value - t <= actual <= value + up
        excess = 0.0 if ok else (value - t - actual if actual < value - t else actual - value - up)
        return Judgement(ok, diff, excess)
    ok = abs(diff) <= t
    return Judgement(ok, diff, 0.0 if ok else abs(diff) - t)


def severity_label(severity: float | None) -> str | None:
    """'low' / 'medium' / 'high' from |difference| / tolerance."""
    if severity is None:
        return None
    s = tolerances()["severity"]
    if severity >= float(s["high"]):
        return "high"
    if severity >= float(s["medium"]):
        return "medium"
    return "low"
