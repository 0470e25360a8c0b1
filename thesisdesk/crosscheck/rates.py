"""Rate decisions against the Fed's target range (FRED DFEDTARU / DFEDTARL).

FRED dates a change from the day it takes effect, the day AFTER the FOMC announcement, so a
decision in the period ``start..end`` shows in the range between ``start`` and ``end + 1 day``.
"""

from __future__ import annotations

import datetime as dt

from thesisdesk.crosscheck.market_data import MarketData, RateSeries
from thesisdesk.crosscheck.readings import Reading, Unverifiable, decide
from thesisdesk.crosscheck.tolerances import rate_bp_tolerance, rate_pct_tolerance
from thesisdesk.records import Claim, Verdict

POLICY_SUBJECTS = {"FEDFUNDS", "FED", "FED FUNDS", "FEDERAL FUNDS"}
ONE_DAY = dt.timedelta(days=1)


def _window(claim: Claim, published: dt.date | None) -> tuple[dt.date, dt.date]:
    start = claim.period_start or claim.as_of
    end = claim.period_end or claim.as_of
    if start is None and end is None:
        raise Unverifiable("the rate decision has no period to look for a change in")
    start = start or end
    end = end or start
    assert start is not None and end is not None
    return start, end


def _series(market: MarketData, sid: str, until: dt.date) -> RateSeries:
    series = market.rates(sid)
    if series is None:
        raise Unverifiable(f"no {sid} data (the Fed target range)", sid)
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
        return _check_range(claim, market, after)
    raise Unverifiable(f"a rate decision in {claim.unit!r} cannot be checked")


def _check_change(claim: Claim, market: MarketData, start: dt.date, after: dt.date) -> Verdict:
    """Total change over the window, and each single change inside it (either may be meant)."""
    if claim.value is None:
        raise Unverifiable("the rate decision states no size")
    upper = _series(market, "DFEDTARU", after)
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


def _check_range(claim: Claim, market: MarketData, after: dt.date) -> Verdict:
    """The range in force the day after the period: low vs DFEDTARL, high vs DFEDTARU."""
    upper = _series(market, "DFEDTARU", after).value_on(after)
    lower = _series(market, "DFEDTARL", after).value_on(after)
    if upper is None or lower is None:
        raise Unverifiable(f"no target range in force on {after}", "DFEDTARU")
    tol = rate_pct_tolerance()
    lo, hi = lower[1], upper[1]
    label = f"target range {lo:.2f}–{hi:.2f}% in force on {after}"
    if claim.low is not None and claim.high is not None:
        dev_lo, dev_hi = lo - claim.low, hi - claim.high
        worst = dev_lo if abs(dev_lo) >= abs(dev_hi) else dev_hi
        # one reading whose 'actual' is the stated high shifted by the worst bound's deviation
        reading = Reading(claim.high + worst, "DFEDTARU/DFEDTARL", after, after, "level_pct", label)
        return decide(
            claim,
            [reading],
            tol,
            value=claim.high,
            comparator="eq",
            what="target range (upper bound)",
        )
    if claim.value is None:
        raise Unverifiable("the rate decision states no level")
    readings = [
        Reading(hi, "DFEDTARU", after, after, "level_pct", f"upper bound, {label}"),
        Reading(lo, "DFEDTARL", after, after, "level_pct", f"lower bound, {label}"),
    ]
    return decide(claim, readings, tol, what="policy rate (%)")


def expectation_outcome(claim: Claim, market: MarketData, published: dt.date | None) -> str | None:
    """What the Fed did by an expectation's horizon, once it has passed (None before that).

    An expectation ("an 81% chance of a 25 bp cut by September 17") is odds or a forecast,
    not a fact, so it stays unverifiable; this only tells the reader how it turned out.
    """
    from thesisdesk.crosscheck.targets import deadline

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
