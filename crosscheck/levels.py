"""Price-level claims that are facts: closes, highs and lows, current prices, moving averages.

Levels are read on the subject's own series only: an ETF can stand in for an index's percent
change but never for its level. Support, resistance, entry and stop levels are opinions and
are unverifiable unless the quote states a checkable fact ("closed above $245").

A level above/below which something *would* happen ("a weekly close above $245 would complete
the base", "below 2,400 on a closing basis we flip neutral") is a condition, not a fact about
any close: only a close stated as having happened is checked. The extractor says which is
which (``Claim.conditional``: True for a trigger, False for a crossing that happened, its side
in the comparator) and a moving average's window (``Claim.ma_window``); the quote is not
re-read here.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import replace

import numpy as np

from crosscheck.market_data import MarketData, PriceSeries
from crosscheck.performance import extreme_windows, reaches
from crosscheck.readings import Reading, Unverifiable, decide
from crosscheck.tolerances import (
    etf_for_index,
    group_series,
    hedge,
    index_for_etf,
    level_tolerance,
    ma_tolerance,
    range_tolerance,
)
from thesisdesk.records import Claim, Verdict, VerdictLabel

OPINION_ROLES = {"support", "resistance", "entry", "stop", "target"}
_RECORD = re.compile(r"\b(record|all-time|all time|52-week|highest|lowest)\b", re.I)


def _series(claim: Claim, market: MarketData) -> PriceSeries:
    series = market.prices(claim.subject)
    if series is None or not len(series):
        extra = (
            " (an ETF cannot stand in for an index level)" if claim.subject.startswith("^") else ""
        )
        raise Unverifiable(f"no price data for {claim.subject}{extra}", claim.subject)
    return series


def _session(series: PriceSeries, day: dt.date, what: str) -> int:
    if not reaches(series, day):
        raise Unverifiable(
            f"{series.symbol} data ends {series.last_date}, before {what} {day}", series.symbol
        )
    j = series.on_or_before(day)
    if j is None:
        raise Unverifiable(
            f"{series.symbol} data starts {series.first_date}, after {day}", series.symbol
        )
    return j


def _figure(claim: Claim) -> float:
    if claim.value is not None:
        return claim.value
    if claim.low is not None and claim.high is not None:
        return (claim.low + claim.high) / 2
    raise Unverifiable("the claim states no level")


def _tol(claim: Claim, role: str | None = None):
    if claim.value is None and claim.low is not None and claim.high is not None:
        return range_tolerance(claim.low, claim.high)
    return level_tolerance(_figure(claim), claim.comparator, role=role)


def unit_series(claim: Claim) -> str | None:
    """The index or ETF whose level the claim's UNIT names, when its subject is the other one.

    An index is quoted in points and its ETF in dollars: "the Russell 2000 at $235" is a
    price of IWM, "IWM at 2,507 points" a level of the Russell 2000. The unit is the author's
    own word, so it decides which series is read (and the verdict says so).
    """
    if claim.unit == "usd" and claim.subject.startswith("^"):
        etf = etf_for_index(claim.subject)
        return etf if etf and not etf.startswith("^") else None
    if claim.unit == "points" and not claim.subject.startswith("^"):
        return index_for_etf(claim.subject)
    return None


def check_level(claim: Claim, market: MarketData, published: dt.date | None) -> Verdict:
    if claim.unit not in ("usd", "points"):
        raise Unverifiable(f"a level in {claim.unit!r} is not a price")
    if group_series(claim.subject):
        return _check_group_level(claim, market, published)
    other = unit_series(claim)
    if other is None or market.prices(other) is None:
        return _check_level(claim, market, published)
    # both the subject's own series and the one its unit names are fair readings: the
    # extractor may have the unit wrong ("IWM at 249.43" read as points) or the subject
    try:
        own: Verdict | None = _check_level(claim, market, published)
    except Unverifiable:
        own = None
    if own is not None and own.verdict == VerdictLabel.supported:
        return own
    verdict = _check_level(claim.model_copy(update={"subject": other}), market, published)
    if verdict.verdict == VerdictLabel.unverifiable and own is not None:
        return own
    note = (
        f"; {other} is read for {claim.subject} because the claim is in {claim.unit} "
        f"({'an index is quoted in points' if claim.unit == 'points' else 'an ETF in dollars'})"
    )
    readings = [replace(r, stand_in_for=claim.subject) for r in verdict.readings]
    if own is not None and own.verdict == VerdictLabel.contradicted:
        if verdict.verdict == VerdictLabel.contradicted and (own.severity or 0) <= (
            verdict.severity or 0
        ):
            return own.model_copy(update={"readings": own.readings + readings})
        readings = own.readings + readings
    update: dict[str, object] = {
        "reason": verdict.reason + note,
        "stand_in": other,
        "readings": readings,
    }
    if verdict.confidence:  # only a stand-in was read: one step less sure
        update["confidence"] = {"high": "medium"}.get(verdict.confidence, "low")
    return verdict.model_copy(update=update)


def _check_group_level(claim: Claim, market: MarketData, published: dt.date | None) -> Verdict:
    """A level of a group ("small caps closed at 2,507.87"): each of the group's series quoted
    in the claim's unit (indices in points, funds in dollars) is a fair reading of it."""
    want_index = claim.unit == "points"
    names = [n for n in group_series(claim.subject) if n.startswith("^") == want_index]
    verdicts: list[Verdict] = []
    for name in names:
        if market.prices(name) is None:
            continue
        try:
            v = _check_level(claim.model_copy(update={"subject": name}), market, published)
        except Unverifiable:
            continue
        if v.verdict != VerdictLabel.unverifiable:
            verdicts.append(v)
    if not verdicts:
        raise Unverifiable(
            f"no {claim.unit} series of {claim.subject!r} ({', '.join(names) or 'none'}) "
            "could be read for this level"
        )
    fits = [v for v in verdicts if v.verdict == VerdictLabel.supported]
    best = fits[0] if fits else min(verdicts, key=lambda v: v.severity or 0.0)
    readings = [replace(r, stand_in_for=claim.subject) for v in verdicts for r in v.readings]
    note = f"; {best.series} read for {claim.subject} (tried {', '.join(names)})"
    update: dict[str, object] = {
        "reason": best.reason + note,
        "stand_in": best.series,
        "readings": readings,
    }
    if best.confidence:  # a proxy for a group: one step less sure
        update["confidence"] = {"high": "medium"}.get(best.confidence, "low")
    return best.model_copy(update=update)


def _check_level(claim: Claim, market: MarketData, published: dt.date | None) -> Verdict:
    role = (claim.role or "").lower() or None
    if role == "moving_average":
        return check_moving_average(claim, market, published)
    fact = _close_fact(claim)
    if role in OPINION_ROLES:
        if not fact:
            raise Unverifiable(
                f"a level given as {role} is an opinion or a condition (what would happen "
                "if it were crossed), not a checkable fact"
            )
        return _check_close_fact(claim, market, published, fact)
    if claim.comparator in ("gt", "lt", "gte", "lte") and claim.conditional:
        raise Unverifiable(
            "the level is a condition (what would happen if it were crossed), not a fact "
            "about any close"
        )
    if role in ("high", "low") or (role is None and _RECORD.search(claim.quote or "")):
        return check_extreme(claim, market, published, role or _extreme_kind(claim.quote))
    if role == "current":
        return check_current(claim, market, published)
    return check_close(claim, market, published)


def _close_fact(claim: Claim) -> str | None:
    """'above' / 'below': the extractor read a crossing that happened (``conditional`` False)."""
    if claim.conditional is not False:
        return None
    if claim.comparator in ("gt", "gte"):
        return "above"
    if claim.comparator in ("lt", "lte"):
        return "below"
    return None


def _extreme_kind(quote: str) -> str:
    return "low" if re.search(r"\b(low|lowest|bottom)\b", quote, re.I) else "high"


def _as_of(claim: Claim, published: dt.date | None) -> dt.date:
    day = claim.as_of or claim.period_end or published
    if day is None:
        raise Unverifiable("the level has no date and the article has no date")
    return day


def check_current(claim: Claim, market: MarketData, published: dt.date | None) -> Verdict:
    """The close on/before as_of, the session before, and that day's intraday range."""
    series = _series(claim, market)
    day = _as_of(claim, published)
    j = _session(series, day, "the date")
    d = series.date_at(j)
    readings = [
        Reading(series.closes[j], series.symbol, d, d, "close", f"{series.symbol} close on {d}")
    ]
    if j > 0:
        p = series.date_at(j - 1)
        readings.append(
            Reading(
                series.closes[j - 1],
                series.symbol,
                p,
                p,
                "close",
                f"{series.symbol} close on {p} (previous session)",
            )
        )
    lo, hi = series.lows[j], series.highs[j]
    if claim.value is not None and not (math.isnan(lo) or math.isnan(hi)):
        readings.append(
            Reading(
                float(min(max(claim.value, lo), hi)),
                series.symbol,
                d,
                d,
                "intraday",
                f"{series.symbol} intraday range {lo:g}..{hi:g} on {d}",
            )
        )
    return decide(
        claim, readings, _tol(claim, "current"), hedged=hedge(claim.quote), what="current level"
    )


def check_close(claim: Claim, market: MarketData, published: dt.date | None) -> Verdict:
    series = _series(claim, market)
    day = _as_of(claim, published)
    j = _session(series, day, "the date")
    d = series.date_at(j)
    note = "" if d == day else f" (last session on or before {day})"
    readings = [
        Reading(
            series.closes[j],
            series.symbol,
            d,
            d,
            "close",
            f"{series.symbol} close on {d}{note}",
        )
    ]
    if published is not None and day >= published and j > 0:
        # the article's own day: the piece may predate that close (or quote it intraday)
        p = series.date_at(j - 1)
        readings.append(
            Reading(
                series.closes[j - 1],
                series.symbol,
                p,
                p,
                "close",
                f"{series.symbol} close on {p} (previous session)",
            )
        )
        lo, hi = series.lows[j], series.highs[j]
        if claim.basis != "close" and claim.value is not None and lo == lo and hi == hi:
            readings.append(
                Reading(
                    float(min(max(claim.value, lo), hi)),
                    series.symbol,
                    d,
                    d,
                    "intraday",
                    f"{series.symbol} intraday range {lo:g}..{hi:g} on {d}",
                )
            )
    return decide(claim, readings, _tol(claim), hedged=hedge(claim.quote), what="close")


def check_extreme(
    claim: Claim, market: MarketData, published: dt.date | None, kind: str
) -> Verdict:
    """Highest (lowest) close and intraday high (low) over the claim's window (see
    ``extreme_windows``); a high or low the text does not date is a swing level: unverifiable."""
    series = _series(claim, market)
    end = _as_of(claim, published)
    j = _session(series, end, "the date")
    dated = claim.as_of is not None and (published is None or claim.as_of < published)
    # a high the text dates ("its October 13 closing high") is that day's close or extreme,
    # or the highest up to it; an undated one on the article's day is a swing level
    windows = extreme_windows(claim, end, default_both=dated)
    if not windows:
        # "briefly traded above $244" today: the day's own extreme may bear it out, but a
        # miss proves nothing (a swing level from another day): never a flag
        day = decide(claim, _extreme_readings(series, j, j, kind), _tol(claim), what=kind)
        if day.verdict == VerdictLabel.supported:
            return day
        raise Unverifiable(
            f"a {kind} with no period or date of its own (not a record, not a 52-week {kind}) "
            f"is a swing level, and the day's own {kind} is not it",
            series.symbol,
        )
    readings: list[Reading] = []
    for first, _ in windows:
        i = series.on_or_after(first) if first else 0
        if i is None or i > j:
            continue
        key = ("extreme", series.symbol, i, j, kind)
        if key not in market.memo:  # the same high is quoted by many articles
            market.memo[key] = _extreme_readings(series, i, j, kind)
        readings += market.memo[key]
    if dated and claim.period_start is None:
        readings += _extreme_readings(series, j, j, kind)  # that day's own close and extreme
    if not readings:
        raise Unverifiable(f"no {series.symbol} sessions in the period", series.symbol)
    return decide(claim, readings, _tol(claim), hedged=hedge(claim.quote), what=f"{kind}")


def _extreme_readings(series: PriceSeries, i: int, j: int, kind: str) -> list[Reading]:
    d0 = series.date_at(i)
    pick = np.argmax if kind == "high" else np.argmin
    k = i + int(pick(series.close[i : j + 1]))
    readings = [
        Reading(
            float(series.close[k]),
            series.symbol,
            d0,
            series.date_at(k),
            "close",
            f"{series.symbol} closing {kind} on {series.date_at(k)}",
        )
    ]
    col = series.high if kind == "high" else series.low
    window = col[i : j + 1]
    if not np.all(np.isnan(window)):
        pick_nan = np.nanargmax if kind == "high" else np.nanargmin
        k2 = i + int(pick_nan(window))
        readings.append(
            Reading(
                float(col[k2]),
                series.symbol,
                d0,
                series.date_at(k2),
                "intraday",
                f"{series.symbol} intraday {kind} on {series.date_at(k2)}",
            )
        )
    return readings


def _check_close_fact(
    claim: Claim, market: MarketData, published: dt.date | None, word: str
) -> Verdict:
    """'Closed above $245': the close on the date against the level, as a comparison."""
    series = _series(claim, market)
    day = _as_of(claim, published)
    j = _session(series, day, "the date")
    d = series.date_at(j)
    comparator = "gt" if word == "above" else "lt"
    r = Reading(series.closes[j], series.symbol, d, d, "close", f"{series.symbol} close on {d}")
    return decide(
        claim,
        [r],
        level_tolerance(_figure(claim), "eq"),
        value=_figure(claim),
        comparator=comparator,
        what=f"close {word}",
    )


def check_moving_average(claim: Claim, market: MarketData, published: dt.date | None) -> Verdict:
    n = claim.ma_window
    if n is None:
        raise Unverifiable(
            "a moving average without a stated window in daily sessions cannot be computed "
            "(an intraday, weekly or exponential average needs data or rules we lack)"
        )
    series = _series(claim, market)
    day = _as_of(claim, published)
    j = _session(series, day, "the date")
    readings = []
    for ix, note in ((np.arange(0, j + 1), ""), (np.arange(0, j), " (previous session)")):
        if ix.size < n:
            continue
        d = series.date_at(int(ix[-1]))
        closes = series.close[ix]
        # charting tools differ: a simple or an exponential average (seeded over 5 windows)
        alpha, ema = 2.0 / (n + 1), float(closes[max(0, closes.size - 5 * n)])
        for c in closes[max(0, closes.size - 5 * n) + 1 :]:
            ema = alpha * float(c) + (1 - alpha) * ema
        for kind, val in (("SMA", float(np.mean(closes[-n:]))), ("EMA", ema)):
            readings.append(
                Reading(
                    val,
                    series.symbol,
                    series.date_at(int(ix[-n])),
                    d,
                    "close",
                    f"{series.symbol} {n}-day {kind} on {d}{note}",
                )
            )
    if not readings:
        raise Unverifiable(f"fewer than {n} days of {series.symbol} data", series.symbol)
    return decide(claim, readings, ma_tolerance(_figure(claim)), what="moving average")
