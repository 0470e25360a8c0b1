"""Rate decisions against the Fed's target range (FRED DFEDTARU / DFEDTARL).

FRED dates a change from the day it takes effect, the day AFTER the FOMC announcement, so a
decision in the period ``start..end`` shows in the range between ``start`` and ``end + 1 day``.

A stated range is read by what the period means: one day is a decision day, so the range is the
one that decision put in force (the next day's); a longer period is a range that held over it
("held at 5.25%-5.50% from July 2023 until the September 2024 cut"), so it is read throughout
the period and at its end, never after it (the day after may already carry the next decision).
Only a move into the range ("cut to 3.50%-3.75% since September") whose period ends on a
decision day is also read the day after.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from crosscheck.market_data import MarketData, RateSeries
from crosscheck.readings import Reading, Unverifiable, decide
from crosscheck.tolerances import rate_bp_tolerance, rate_pct_tolerance
from thesisdesk.records import START_CLOSE, Claim, Verdict

POLICY_SUBJECTS = {"FEDFUNDS", "FED", "FED FUNDS", "FEDERAL FUNDS"}
ONE_DAY = dt.timedelta(days=1)


def _window(claim: Claim, published: dt.date | None) -> tuple[dt.date, dt.date]:
    start = claim.period_start or claim.as_of
    end = claim.period_end or claim.as_of
    if start is not None and claim.period_base == START_CLOSE and end is not None and start < end:
        # "since September 17": from that day's close, when its decision was already known,
        # i.e. the range FRED shows in force from the next day
        start += ONE_DAY
    if start is None and end is None:
        raise Unverifiable("the rate decision has no period to look for a change in")
    start = start or end
    end = end or start
    assert start is not None and end is not None
    return start, end


def rate_series(
    market: MarketData, sid: str, until: dt.date, what: str = "the Fed target range"
) -> RateSeries:
    """The series ``sid`` when it reaches ``until``; else the claim is unverifiable."""
    series = market.rates(sid)
    if series is None:
        raise Unverifiable(f"no {sid} data ({what})", sid)
    if series.last_date is None or series.last_date < until:
        raise Unverifiable(f"{sid} data ends {series.last_date}, before {until}", sid)
    return series


def check_rate_decision(claim: Claim, market: MarketData, published: dt.date | None) -> Verdict:
    if claim.subject.upper() not in POLICY_SUBJECTS:
        raise Unverifiable(f"no policy-rate data for {claim.subject!r}")
    start, end = _window(claim, published)
    after = end + ONE_DAY
    if claim.unit == "bp":
        return _check_change(claim, market, start, after)
    if claim.unit == "pct":
        return _check_range(claim, market, start, end)
    raise Unverifiable(f"a rate decision in {claim.unit!r} cannot be checked")


def _check_change(claim: Claim, market: MarketData, start: dt.date, after: dt.date) -> Verdict:
    """Total change over the window, and each single change inside it (either may be meant)."""
    if claim.value is None:
        raise Unverifiable("the rate decision states no size")
    upper = rate_series(market, "DFEDTARU", after)
    before = upper.value_on(start)
    now = upper.value_on(after)
    if before is None or now is None:
        raise Unverifiable(f"DFEDTARU has no value on {start}", "DFEDTARU")
    total = round((now[1] - before[1]) * 100.0, 6)
    readings = [
        Reading(
            total,
            "DFEDTARU",
            before[0],
            now[0],
            "change_bp",
            f"upper bound {before[1]:.2f}% on {start} -> {now[1]:.2f}% on {after}",
        )
    ]
    changes = upper.changes(start, after)
    if len(changes) > 1:
        for eff, old, new in changes:
            readings.append(
                Reading(
                    round((new - old) * 100.0, 6),
                    "DFEDTARU",
                    eff - ONE_DAY,
                    eff,
                    "change_bp",
                    f"single move {old:.2f}% -> {new:.2f}% from {eff}",
                )
            )
    return decide(claim, readings, rate_bp_tolerance(), what="rate change (bp)")


#: Words that say a range held over the period ("held at", "has been", "parked at", "until").
_HELD = re.compile(
    r"\b(held|holds?|holding|kept|keeps?|keeping|unchanged|steady|paused?|remain(?:s|ed)?|"
    r"stay(?:s|ed)?|sat|sits?|parked|has been|had been|have been|until|till|throughout|"
    r"all year)\b",
    re.I,
)


@dataclass(frozen=True)
class _Span:
    """The target range over ``first..last`` (the widest bounds seen, for a held range)."""

    first: dt.date
    last: dt.date
    lows: tuple[float, ...]
    highs: tuple[float, ...]
    label: str


def _span(lower: RateSeries, upper: RateSeries, first: dt.date, last: dt.date, label: str) -> _Span:
    """Every distinct (low, high) in force on a day of ``first..last``."""
    lows: list[float] = []
    highs: list[float] = []
    for series, out in ((lower, lows), (upper, highs)):
        at_first = series.value_on(first)
        if at_first is None:
            raise Unverifiable(f"no target range in force on {first}", series.series_id)
        out.append(at_first[1])
        out.extend(new for _, _, new in series.changes(first, last))
    return _Span(first, last, tuple(lows), tuple(highs), label)


def _range_reading(claim: Claim, span: _Span) -> Reading:
    """One reading whose 'actual' is the stated bound shifted by the worst deviation."""
    assert claim.low is not None and claim.high is not None
    devs = [x - claim.low for x in span.lows] + [x - claim.high for x in span.highs]
    worst = max(devs, key=abs)
    lo, hi = span.lows, span.highs
    if len(lo) == 1 and len(hi) == 1:
        seen = f"target range {lo[0]:.2f}–{hi[0]:.2f}%"
    else:
        moves = " -> ".join(f"{a:.2f}–{b:.2f}%" for a, b in zip(lo, hi, strict=False))
        seen = f"target range moved {moves}"
    return Reading(
        claim.high + worst,
        "DFEDTARU/DFEDTARL",
        span.first,
        span.last,
        "level_pct",
        f"{seen} {span.label}",
    )


def _check_range(claim: Claim, market: MarketData, start: dt.date, end: dt.date) -> Verdict:
    """The range a decision put in force, or one that held over the period (see the module)."""
    after = end + ONE_DAY
    lower = rate_series(market, "DFEDTARL", after)
    upper = rate_series(market, "DFEDTARU", after)
    spans: list[_Span] = []
    if claim.period_start is None and claim.period_end is None:
        # "as of" a date: the range in force that day, or the one a decision that day set
        spans.append(_span(lower, upper, end, end, f"in force on {end}"))
        spans.append(_span(lower, upper, after, after, f"in force on {after} (after {end})"))
    elif start >= end:
        # a decision day: the range it put in force takes effect the next day
        spans.append(_span(lower, upper, after, after, f"in force on {after}"))
    else:
        # a range over a period: held throughout it (from the day after its start, which may be
        # the decision that set it), or in force at its end; never read after the period...
        first = min(start + ONE_DAY, end)
        spans.append(_span(lower, upper, first, end, f"throughout {first}..{end}"))
        spans.append(_span(lower, upper, end, end, f"in force on {end}, the period's end"))
        # ...unless a move INTO the range is meant and the period ends on a decision day
        if not _HELD.search(claim.quote or "") and upper.changes(end, after):
            spans.append(_span(lower, upper, after, after, f"in force on {after}"))
    tol = rate_pct_tolerance()
    if claim.low is not None and claim.high is not None:
        return decide(
            claim,
            [_range_reading(claim, sp) for sp in spans],
            tol,
            value=claim.high,
            comparator="eq",
            what="target range (upper bound)",
        )
    if claim.value is None:
        raise Unverifiable("the rate decision states no level")
    readings = []
    for sp in spans:
        for series, vals, name in (("DFEDTARU", sp.highs, "upper"), ("DFEDTARL", sp.lows, "lower")):
            worst = max(vals, key=lambda x: abs(x - claim.value))  # type: ignore[operator]
            readings.append(
                Reading(worst, series, sp.first, sp.last, "level_pct", f"{name} bound {sp.label}")
            )
    return decide(claim, readings, tol, what="policy rate (%)")


def expectation_outcome(claim: Claim, market: MarketData, published: dt.date | None) -> str | None:
    """What the Fed did by an expectation's horizon, once it has passed (None before that).

    An expectation ("an 81% chance of a 25 bp cut by September 17") is odds or a forecast,
    not a fact, so it stays unverifiable; this only tells the reader how it turned out.
    """
    from crosscheck.targets import deadline

    start = claim.period_start or published
    if start is None or claim.subject.upper() not in POLICY_SUBJECTS:
        return None
    end = claim.period_end or deadline(claim.horizon, start)[0]
    upper = market.rates("DFEDTARU")
    after = end + ONE_DAY
    if upper is None or upper.last_date is None or upper.last_date < after:
        return None
    moves = upper.changes(start, after)
    if not moves:
        return f"by {end} the target range did not change"
    said = ", ".join(f"{(new - old) * 100:+.0f} bp effective {eff}" for eff, old, new in moves)
    return f"by {end} the Fed moved {len(moves)} time(s): {said}"
