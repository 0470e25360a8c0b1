"""Treasury yields (FRED DGS10, DGS2): where a yield stood and how far it moved in basis points.

Commentary about small caps quotes the 10-year yield constantly ("the 10-year fell 12 basis
points on the week to 4.02%"). FRED's constant-maturity series hold one end-of-day value per
business day, while authors quote a vendor's yield at some hour, often before the close: so
every claim is read against the close of its day and of the day before, and the tolerances
(``[yields]`` in ``tolerances.toml``) allow a few basis points of vendor and timing difference.
A yield's move is the change between two closes in basis points; a level is a yield in pct.
"""

from __future__ import annotations

import datetime as dt

from crosscheck.market_data import MarketData, RateSeries
from crosscheck.rates import rate_series
from crosscheck.readings import Reading, Unverifiable, decide
from crosscheck.tolerances import yield_bp_tolerance, yield_level_tolerance
from thesisdesk.records import START_CLOSE, Claim, Verdict

#: The Treasury series thesisdesk reads yields from (instrument ids in ``ingest/instruments.toml``).
TREASURY_SERIES = frozenset({"DGS10", "DGS2", "DGS5", "DGS30", "DGS3MO"})
ONE_DAY = dt.timedelta(days=1)
#: Roles of a yield level that are chart talk, not a stated close ("support at 4%").
_CHART_ROLES = {"support", "resistance", "target", "stop", "pivot", "breakout", "breakdown"}


def is_treasury_yield(subject: str | None) -> bool:
    return (subject or "").upper() in TREASURY_SERIES


def _close_on_or_before(series: RateSeries, day: dt.date) -> tuple[dt.date, float]:
    got = series.value_on(day)
    if got is None:
        raise Unverifiable(f"{series.series_id} has no value on or before {day}", series.series_id)
    return got


def check_yield_level(claim: Claim, market: MarketData, published: dt.date | None) -> Verdict:
    """A yield at a level on a day: the close of that day, or of the session before it."""
    sid = claim.subject.upper()
    if claim.unit != "pct":
        raise Unverifiable(f"a Treasury yield in {claim.unit!r} is not a yield level")
    role = (claim.role or "current").lower()
    if role in _CHART_ROLES:
        raise Unverifiable(f"a yield's {role} is a chart level, not a stated close")
    if role not in {"current", "close"}:
        raise Unverifiable(f"a yield's {role} level needs a span of data the claim does not give")
    day = claim.as_of or claim.period_end or published
    if day is None:
        raise Unverifiable("the yield level has no date to read it on")
    series = rate_series(market, sid, day, "Treasury yields")
    on_day = _close_on_or_before(series, day)
    before = _close_on_or_before(series, on_day[0] - ONE_DAY)
    readings = [
        Reading(on_day[1], sid, on_day[0], on_day[0], "level_pct", f"{sid} close on {on_day[0]}"),
        Reading(
            before[1],
            sid,
            before[0],
            before[0],
            "level_pct",
            f"{sid} close on {before[0]} (the session before: a yield quoted early in the day)",
        ),
    ]
    return decide(claim, readings, yield_level_tolerance(claim.value or 0.0, claim.comparator))


def check_yield_change(claim: Claim, market: MarketData, published: dt.date | None) -> Verdict:
    """A yield's move in basis points between the close before the period and its last close."""
    sid = claim.subject.upper()
    if claim.unit != "bp":
        raise Unverifiable(
            f"a Treasury yield's move in {claim.unit!r} is ambiguous (percent of the yield, or "
            "percentage points?); only basis points are checked"
        )
    if claim.value is None:
        raise Unverifiable("the yield's move states no size")
    start, end = claim.period_start, claim.period_end or published
    if start is None or end is None:
        raise Unverifiable("the yield's move has no period to measure it over")
    series = rate_series(market, sid, end, "Treasury yields")
    last = _close_on_or_before(series, end)
    base_day = start if claim.period_base == START_CLOSE else start - ONE_DAY
    base = _close_on_or_before(series, base_day)
    readings = [
        Reading(
            round((last[1] - base[1]) * 100.0, 6),
            sid,
            base[0],
            last[0],
            "change_bp",
            f"{sid} {base[1]:.2f}% on {base[0]} -> {last[1]:.2f}% on {last[0]}",
        )
    ]
    prior = _close_on_or_before(series, last[0] - ONE_DAY)
    if prior[0] > base[0]:  # written before the last close: the move up to the session before
        readings.append(
            Reading(
                round((prior[1] - base[1]) * 100.0, 6),
                sid,
                base[0],
                prior[0],
                "change_bp",
                f"{sid} {base[1]:.2f}% on {base[0]} -> {prior[1]:.2f}% on {prior[0]} "
                "(to the session before the last)",
            )
        )
    return decide(
        claim, readings, yield_bp_tolerance(claim.value, claim.comparator), what="yield move (bp)"
    )
