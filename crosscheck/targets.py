"""Price-target outcomes: was a target reached within its horizon, and when.

A target above the price at publication is hit on the first close at or above it (one
below, at or below), after publication and no later than the horizon's deadline (12 months
after publication when no horizon is stated). A target touched only intraday is also
``hit``, but on the ``intraday`` basis, and says so. Past the deadline without a hit it is
``missed``; before the deadline (or beyond the data) it is ``pending``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from functools import partial

import numpy as np

from crosscheck.market_data import MarketData
from crosscheck.tolerances import tolerances
from thesisdesk.records import Claim, TargetOutcome

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}


@dataclass(frozen=True)
class TargetResult:
    """The outcome of one price target, with the evidence."""

    outcome: TargetOutcome | None  # None: not a checkable target (no data, no price, ...)
    reason: str
    target: float | None = None
    direction: str | None = None  # up | down
    deadline: dt.date | None = None
    outcome_date: dt.date | None = None
    basis: str | None = None  # close | intraday
    series: str | None = None
    base_price: float | None = None  # close at publication
    final_price: float | None = None  # close on the hit date, or at the deadline
    error_pct: float | None = None  # (final - target) / target, for resolved targets


def add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def deadline(horizon: str | None, published: dt.date) -> tuple[dt.date, str]:
    """The last day a target may be reached, from its horizon text, and how it was read."""
    default = int(tolerances()["targets"]["default_horizon_months"])
    if not horizon or not horizon.strip():
        return add_months(published, default), f"no horizon: {default} months after publication"
    h = horizon.lower()
    if m := re.search(r"\b(20\d\d)-(\d\d)-(\d\d)\b", h):
        return dt.date(int(m[1]), int(m[2]), int(m[3])), f"horizon date {m[0]}"
    if re.search(r"year[- ]end|end of (the |this )?year|this year", h):
        return dt.date(published.year, 12, 31), "year-end"
    if "next year" in h:
        return dt.date(published.year + 1, 12, 31), "end of next year"
    if m := re.search(r"(\d+)\s*(?:-|–|to)?\s*(\d+)?\s*(month|week|year|day)", h):
        n = int(m[2] or m[1])
        unit = m[3]
        if unit == "month":
            return add_months(published, n), f"{n} months"
        if unit == "year":
            return add_months(published, 12 * n), f"{n} years"
        days = n * 7 if unit == "week" else n
        return published + dt.timedelta(days=days), f"{n} {unit}s"
    if m := re.search(
        r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*(20\d\d)?", h
    ):
        month = _MONTHS[m[1]]
        year = int(m[2]) if m[2] else published.year + (month < published.month)
        end = add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
        return end, f"end of {m[0].strip()}"
    if m := re.search(r"\bq([1-4])\b", h):
        q = int(m[1])
        year = published.year + (q * 3 < published.month)
        return add_months(dt.date(year, 3 * q - 2, 1), 3) - dt.timedelta(days=1), f"Q{q}"
    return add_months(published, default), f"horizon {horizon!r} not understood: {default} months"


def target_outcome(
    claim: Claim, market: MarketData, *, published: dt.date | None = None
) -> TargetResult:
    """Resolve a ``price_target`` claim against the subject's closes (and intraday highs/lows)."""
    if claim.kind != "price_target":
        return TargetResult(None, "not a price target")
    published = published or claim.as_of
    if published is None:
        return TargetResult(None, "no publication date to start the horizon from")
    series = market.prices(claim.subject)
    if series is None or not len(series):
        return TargetResult(None, f"no price data for {claim.subject}")
    j0 = series.on_or_before(published)
    if j0 is None:
        return TargetResult(None, f"{series.symbol} data starts after {published}")
    base = float(series.close[j0])
    figure = claim.value if claim.value is not None else claim.high or claim.low
    if figure is None:
        return TargetResult(None, "the target states no figure")
    if claim.unit == "pct":
        target = base * (1 + figure / 100.0)
    elif claim.unit in ("usd", "points"):
        target = float(figure)
    else:
        return TargetResult(None, f"a target in {claim.unit!r} is not a price")
    # The price decides which way a target points; the stance (a model's reading of the tone)
    # only breaks a tie, so a re-scored stance can never flip an outcome.
    tie_down = target == base and claim.stance == "bearish"
    direction = "down" if target < base or tie_down else "up"
    end, how = deadline(claim.horizon, published)
    # the fields every checked outcome carries
    result = partial(
        TargetResult,
        target=round(target, 6),
        direction=direction,
        deadline=end,
        series=series.symbol,
        base_price=base,
    )
    j_end = series.on_or_before(end)
    window = slice(j0 + 1, (j_end if j_end is not None else j0) + 1)
    closes = series.close[window]
    hits = (closes >= target) if direction == "up" else (closes <= target)
    word = "at or above" if direction == "up" else "at or below"
    if hits.any():
        k = j0 + 1 + int(hits.argmax())
        price = float(series.close[k])
        return result(
            TargetOutcome.hit,
            f"first close {word} {target:,.2f}: {price:,.2f} on "
            f"{series.date_at(k)} (deadline {end}, {how})",
            outcome_date=series.date_at(k),
            basis="close",
            final_price=price,
            error_pct=round((price - target) / target * 100, 4),
        )
    extremes = series.high[window] if direction == "up" else series.low[window]
    with_values = ~np.isnan(extremes)
    touch = with_values & ((extremes >= target) if direction == "up" else (extremes <= target))
    if touch.any():
        k = j0 + 1 + int(touch.argmax())
        price = float(series.close[k])
        return result(
            TargetOutcome.hit,
            f"no close {word} {target:,.2f}, but the intraday "
            f"{'high' if direction == 'up' else 'low'} reached it on {series.date_at(k)}",
            outcome_date=series.date_at(k),
            basis="intraday",
            final_price=price,
            error_pct=round((price - target) / target * 100, 4),
        )
    last = series.last_date
    if last is None or last < end:
        return result(TargetOutcome.pending, f"not reached by {last}; deadline {end} ({how})")
    assert j_end is not None
    price = float(series.close[j_end])
    return result(
        TargetOutcome.missed,
        f"no close {word} {target:,.2f} by {end} ({how}); close then {price:,.2f}",
        basis="close",
        final_price=price,
        error_pct=round((price - target) / target * 100, 4),
    )


def fmt_result(r: TargetResult) -> dict[str, object]:
    """JSON-ready form of a target result."""
    out = {k: getattr(r, k) for k in r.__dataclass_fields__}
    out["outcome"] = r.outcome.value if r.outcome else None
    for k in ("deadline", "outcome_date"):
        v = out[k]
        out[k] = v.isoformat() if isinstance(v, dt.date) else v
    if isinstance(out.get("error_pct"), float) and math.isnan(out["error_pct"]):
        out["error_pct"] = None
    return out
