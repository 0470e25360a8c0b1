"""Performance claims: percent/point change over a period, streaks, relative, from a high.

A period return runs from the last close BEFORE the period start to the close of the last
session on or before its end, so "Q3 2025" is 2025-06-30 -> 2025-09-30; a claim whose
``period_base`` is ``start_close`` ("since July 11", "over two days of trading" from its base
session) runs from the close ON its start day (the last one on or before it). Both the price
return (``close``) and, where the series has one, the total return (``adj_close``) are
computed; an index is also read through its ETF stand-in (percent change only).
"""

from __future__ import annotations

import datetime as dt
import math
import re

import numpy as np

from crosscheck.market_data import MarketData, PriceSeries
from crosscheck.readings import Reading, Unverifiable, decide
from crosscheck.tolerances import (
    etf_for_index,
    group_series,
    hedge,
    percent_tolerance,
    points_tolerance,
    stand_in_slack,
    streak_tolerance,
)
from thesisdesk.records import START_CLOSE, Claim, Verdict


def reaches(series: PriceSeries, day: dt.date) -> bool:
    """Whether the data covers ``day``: it has a row on/after it, or only a weekend follows."""
    last = series.last_date
    if last is None:
        return False
    if day <= last:
        return True
    gap = (day - last).days
    return gap <= 2 and all((last + dt.timedelta(k)).weekday() >= 5 for k in range(1, gap + 1))


def sources(subject: str, market: MarketData) -> list[tuple[PriceSeries, str | None]]:
    """Series whose percent change can answer for ``subject`` (own series first; memoized)."""
    key = ("sources", subject)
    if key not in market.memo:
        market.memo[key] = _sources(subject, market)
    return market.memo[key]


def _sources(subject: str, market: MarketData) -> list[tuple[PriceSeries, str | None]]:
    out: list[tuple[PriceSeries, str | None]] = []
    names: list[tuple[str, str | None]] = [(subject, None)]
    groups = group_series(subject)
    if groups:
        names = [(g, subject) for g in groups]
    seen: set[str] = set()
    for name, stand_for in list(names):
        etf = etf_for_index(name)
        if etf:
            names.append((etf, stand_for or subject))
    for name, stand_for in names:
        if name in seen:
            continue
        seen.add(name)
        series = market.prices(name)
        if series is not None and len(series):
            out.append((series, stand_for))
    return out


def _period(claim: Claim, published: dt.date | None) -> tuple[dt.date, dt.date]:
    start, end = claim.period_start, claim.period_end
    if start is None and end is None:
        raise Unverifiable("the claim states no period, so there is nothing to measure")
    if end is None:
        end = claim.as_of or published
        if end is None:
            raise Unverifiable("the claim's period has no end and the article has no date")
    if start is None:
        raise Unverifiable("the claim's period has no start")
    if start > end:
        raise Unverifiable(f"the period starts ({start}) after it ends ({end})")
    return start, end


def starts_on_close(claim: Claim) -> bool:
    """Whether the claim's change is measured from the close ON its start day."""
    return claim.period_base == START_CLOSE


def _base_index(series: PriceSeries, start: dt.date, on_start: bool) -> int | None:
    return series.on_or_before(start) if on_start else series.before(start)


def _ends(
    series: PriceSeries,
    start: dt.date,
    end: dt.date,
    published: dt.date | None,
    on_start: bool = False,
) -> list[tuple[int, int, str]]:
    """(base index, end index, note) pairs: every fair pair of closes for the period.

    The base is the close before the start day (the usual convention; ``on_start``: the close
    on it, the last one on or before it) or, for a longer period, also the close of the next
    session ("the past month" to September 3 from August 3, a Sunday, also from the close of
    Monday August 4; "since September 17" also from the 18th's close, a day late).
    The end is the last close on or before the end, or, when the end is the article's own day,
    the session before it (a piece written before that day's close).
    """
    if not reaches(series, end):
        return []
    i = _base_index(series, start, on_start)
    j = series.on_or_before(end)
    if i is None or j is None or j <= i:
        return []
    bases = [(i, "")]
    on = i + 1  # the first session after the base
    if start < end and on < j:
        if on_start:
            what = "the next session"
        else:
            what = "the start day" if series.days[on] == start.toordinal() else "the first session"
        bases.append((on, f", from the close on {what}"))
    ends = [(j, "")]
    if published is not None and end >= published:
        ends.append((j - 1, ", previous session (the article may predate the close)"))
    return [(b, e, nb + ne) for b, nb in bases for e, ne in ends if e > b]


def change_readings(
    claim: Claim, market: MarketData, start: dt.date, end: dt.date, published: dt.date | None
) -> tuple[list[Reading], list[str]]:
    """Percent-change readings of the subject; also the reasons some sources were skipped.

    Memoized per (subject, period, article day): many claims share a period ("Q3"), and the
    readings depend only on the data, not on the figure claimed.
    """
    on_start = starts_on_close(claim)
    key = (
        "change",
        claim.subject,
        start,
        end,
        published if published and end >= published else None,
        on_start,
    )
    cached = market.memo.get(key)
    if cached is None:
        cached = market.memo[key] = _change_readings(
            claim.subject, market, start, end, published, on_start
        )
    readings, skipped = cached
    basis = claim.basis
    if basis == "close":
        readings = [r for r in readings if r.basis == "price_return"] or readings
    elif basis == "total_return":
        readings = [r for r in readings if r.basis == "total_return"] or readings
    return readings, skipped


def _change_readings(
    subject: str,
    market: MarketData,
    start: dt.date,
    end: dt.date,
    published: dt.date | None,
    on_start: bool = False,
) -> tuple[list[Reading], list[str]]:
    readings: list[Reading] = []
    skipped: list[str] = []
    for series, stand_for in sources(subject, market):
        pairs = _ends(series, start, end, published, on_start)
        if not pairs:
            skipped.append(f"{series.symbol} data {series.first_date}..{series.last_date}")
            continue
        for i, j, note in pairs:
            d0, d1 = series.date_at(i), series.date_at(j)
            slack = stand_in_slack((d1 - d0).days) if stand_for else 0.0
            pr = (series.closes[j] / series.closes[i] - 1.0) * 100.0
            readings.append(
                Reading(
                    pr,
                    series.symbol,
                    d0,
                    d1,
                    "price_return",
                    f"{series.symbol} price return {d0} -> {d1}{note}",
                    stand_for,
                    slack,
                )
            )
            tr = (series.adjs[j] / series.adjs[i] - 1.0) * 100.0
            if series.has_adj(i, j) and abs(tr - pr) > 1e-3:  # no dividends: one reading
                readings.append(
                    Reading(
                        tr,
                        series.symbol,
                        d0,
                        d1,
                        "total_return",
                        f"{series.symbol} total return {d0} -> {d1}{note}",
                        stand_for,
                        slack,
                    )
                )
    return readings, skipped


def _no_data(claim: Claim, skipped: list[str], start: dt.date, end: dt.date) -> Unverifiable:
    if skipped:
        return Unverifiable(
            f"no data covers {start}..{end} for {claim.subject} ({'; '.join(skipped)})",
            series=skipped[0].split()[0],
        )
    return Unverifiable(f"no market data for subject {claim.subject!r}", series=claim.subject)


#: Words that make a multi-year "period" a statistic ("historical Q4 gains of 4.1% since 1950"),
#: which the contract says is not a claim; checked only when the period spans over a year.
_STATISTIC = re.compile(
    r"\b(on average|average[sd]?|historical(?:ly)?|typically|seasonal(?:ly)?|per year|"
    r"annuali[sz]ed|annually|per annum|yearly|compound(?:ed|ing)?|cagr)\b"
    # "returned 7.2% a year over the past decade" (not "in a year", "a year ago")
    r"|(?<!\bin\s)(?<!\bover\s)(?<!\bwithin\s)(?<!\bfor\s)\b(?:a|each|every)\syear\b"
    r"(?!-)(?!\s(?:ago|earlier|before|prior|later|from|after|to\sdate|or\s(?:so|two)))",
    re.I,
)


def check_change(claim: Claim, market: MarketData, published: dt.date | None) -> Verdict:
    start, end = _period(claim, published)
    if _STATISTIC.search(claim.quote or "") and (end - start).days > 370:
        raise Unverifiable(
            "an average or historical statistic, not the change over the stated period"
        )
    if claim.value is None and (claim.low is None or claim.high is None):
        raise Unverifiable("the claim states no figure")
    if claim.unit in ("points", "usd"):
        return _check_point_change(claim, market, start, end, published)
    if claim.unit != "pct":
        raise Unverifiable(f"a performance figure in {claim.unit!r} cannot be computed")
    readings, skipped = change_readings(claim, market, start, end, published)
    if published is not None and start <= published < end:
        # A period resolved past the article's date ("Q3" in a September article): the author
        # can only have meant "so far". Both readings count (the date itself may be estimated).
        so_far, _ = change_readings(claim, market, start, published, published)
        readings = readings + so_far
    if not readings:
        raise _no_data(claim, skipped, start, end)
    if claim.basis == "intraday":
        readings = _intraday_readings(claim, market, start, end) or readings
    elif claim.basis != "close" and (start == end or (published and end >= published)):
        # a one-day move, or one to the article's own day, may be a snapshot taken during
        # the session ("was down 5.2% on May 6" at its low): the day's range is a reading
        readings = readings + _intraday_readings(claim, market, start, end)
    ref = claim.value if claim.value is not None else (claim.high or 0.0)
    tol = percent_tolerance(ref, claim.comparator)
    return decide(claim, readings, tol, hedged=hedge(claim.quote), what="change")


def _intraday_readings(
    claim: Claim, market: MarketData, start: dt.date, end: dt.date
) -> list[Reading]:
    """'Up 2.1% in afternoon trading': any move within the session's high-low range fits."""
    out = []
    for series, stand_for in sources(claim.subject, market):
        if not reaches(series, end):
            continue
        i = _base_index(series, start, starts_on_close(claim))
        j = series.on_or_before(end)
        if i is None or j is None or math.isnan(series.high[j]) or math.isnan(series.low[j]):
            continue
        lo = (series.low[j] / series.close[i] - 1) * 100
        hi = (series.high[j] / series.close[i] - 1) * 100
        v = claim.value if claim.value is not None else lo
        actual = min(max(v, lo), hi)  # the closest point of the intraday range
        d0, d1 = series.date_at(i), series.date_at(j)
        out.append(
            Reading(
                actual,
                series.symbol,
                d0,
                d1,
                "intraday",
                f"{series.symbol} intraday range {lo:+.2f}%..{hi:+.2f}% on {d1}",
                stand_for,
            )
        )
    return out


def _check_point_change(
    claim: Claim, market: MarketData, start: dt.date, end: dt.date, published: dt.date | None
) -> Verdict:
    """A change in points (or dollars) of the subject's OWN series: an ETF never stands in."""
    series = market.prices(claim.subject)
    if series is None:
        raise Unverifiable(f"no data for {claim.subject}; an ETF cannot stand in for points")
    pairs = _ends(series, start, end, published, starts_on_close(claim))
    if not pairs:
        raise _no_data(
            claim, [f"{series.symbol} data {series.first_date}..{series.last_date}"], start, end
        )
    readings = []
    for i, j, note in pairs:
        d0, d1 = series.date_at(i), series.date_at(j)
        readings.append(
            Reading(
                series.closes[j] - series.closes[i],
                series.symbol,
                d0,
                d1,
                "close",
                f"{series.symbol} close change {d0} -> {d1}{note}",
            )
        )
    tol = points_tolerance(claim.value if claim.value is not None else 0.0, claim.comparator)
    return decide(claim, readings, tol, hedged=hedge(claim.quote), what="point change")


# -- streaks ---------------------------------------------------------------------------------
#: Grains a streak can be counted in from daily closes.
_STREAK_GRAINS = ("days", "weeks", "months")


def is_streak(claim: Claim) -> bool:
    """Role 'streak', or a count of consecutive periods the extractor read a grain for."""
    return claim.role == "streak" or claim.streak_grain is not None


def _grain(claim: Claim) -> str:
    """The streak's grain as the extractor recorded it (its unit, or ``streak_grain``)."""
    grain = claim.streak_grain or (claim.unit if claim.unit in _STREAK_GRAINS else None)
    if grain is None:
        raise Unverifiable("a streak without a stated length unit (days, weeks, months)")
    if grain not in _STREAK_GRAINS:
        raise Unverifiable(f"a streak of {grain} cannot be counted (days, weeks, months only)")
    return str(grain)


def _streak_sides(claim: Claim) -> tuple[list[bool], str]:
    """Which streaks to count (gains, losses or both when nothing says which) and why."""
    if claim.streak_direction is not None:
        return [claim.streak_direction == "up"], "the streak's own words"
    if claim.value is not None and claim.value < 0:
        return [False], "the negative count"
    if claim.stance == "bullish":
        return [True], "the claim's bullish stance"
    if claim.stance == "bearish":
        return [False], "the claim's bearish stance"
    return [True, False], "nothing says which way, so both"


def _streak_back(closes: list[float], gains: bool) -> int:
    """Consecutive gains (or losses) counted back from the last element."""
    n = 0
    for k in range(len(closes) - 1, 0, -1):
        up = closes[k] > closes[k - 1]
        down = closes[k] < closes[k - 1]
        if (gains and up) or (not gains and down):
            n += 1
        else:
            break
    return n


def check_streak(claim: Claim, market: MarketData, published: dt.date | None) -> Verdict:
    """Exact count of consecutive up (down) periods ending at the claim's period end.

    Two readings: ending with the last COMPLETE period before the end date, and including the
    partial period to date (an article on Sep 24 may count September so far).
    """
    if claim.value is None:
        raise Unverifiable("the streak states no length")
    end = claim.period_end or claim.as_of or published
    if end is None:
        raise Unverifiable("the streak has no end date and the article has no date")
    grain = _grain(claim)
    sides, why = _streak_sides(claim)
    value = abs(claim.value)
    readings: list[Reading] = []
    skipped: list[str] = []
    for series, stand_for in sources(claim.subject, market):
        if not reaches(series, end):
            skipped.append(f"{series.symbol} data {series.first_date}..{series.last_date}")
            continue
        j = series.on_or_before(end)
        if j is None:
            continue
        for gains in sides:
            key = ("streak", series.symbol, j, end, grain, gains, stand_for)
            if key not in market.memo:  # the same streak is asked about by many claims
                market.memo[key] = _streak_readings(series, j, end, grain, gains, stand_for)
            readings += market.memo[key]
    if not readings:
        raise _no_data(claim, skipped, claim.period_start or end, end)
    word = "gains or losses" if len(sides) > 1 else "gains" if sides[0] else "losses"
    return decide(
        claim,
        readings,
        streak_tolerance(),
        value=value,
        comparator=claim.comparator,
        what=f"streak of {grain} with {word} (direction from {why})",
    )


def _streak_readings(
    series: PriceSeries, j: int, end: dt.date, grain: str, gains: bool, stand_for: str | None
) -> list[Reading]:
    if grain == "days":
        idx = np.arange(max(0, j - 1000), j + 1)
    else:
        ends = series.month_ends() if grain == "months" else series.week_ends()
        idx = np.append(ends[ends < j], j)
    if idx.size < 2:
        return []
    out: list[Reading] = []
    partial = grain != "days" and not _period_complete(series, j, end, grain)
    variants = [("to date", idx)] if grain == "days" else []
    if grain != "days":
        complete = idx[:-1] if partial else idx
        variants.append(("complete " + grain, complete))
        if partial:
            variants.append((f"{grain} incl. the partial one to {end}", idx))
    way = "up" if gains else "down"
    for label, ix in variants:
        if ix.size < 2:
            continue
        n = _streak_back(series.close[ix].tolist(), gains)
        first = series.date_at(int(ix[max(0, ix.size - 1 - n)]))
        last = series.date_at(int(ix[-1]))
        out.append(
            Reading(
                float(n),
                series.symbol,
                first,
                last,
                "count",
                f"{series.symbol} closes, {label}, {way} streak ending {last}",
                stand_for,
            )
        )
    return out


def _period_complete(series: PriceSeries, j: int, end: dt.date, grain: str) -> bool:
    """Whether the month/week holding session ``j`` had ended by ``end`` (its last session)."""
    day = series.date_at(j)
    if grain == "months":
        nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    else:
        nxt = day + dt.timedelta(days=7 - day.weekday())
    last_cal = nxt - dt.timedelta(days=1)
    if end >= last_cal:
        return True
    # the month/week is also complete if no weekday remains after ``day`` in it
    return all((day + dt.timedelta(k)).weekday() >= 5 for k in range(1, (last_cal - day).days + 1))


# -- relative and from-high ------------------------------------------------------------------
_WEEKS52 = re.compile(r"\b(52[- ]week|12[- ]month|one[- ]year|year'?s? (?:high|low))\b", re.I)
_ALL_TIME = re.compile(r"\b(record|all[- ]time|ever|highest|lowest)\b", re.I)


def extreme_windows(
    claim: Claim, end: dt.date, *, default_both: bool
) -> list[tuple[dt.date | None, str]]:
    """The windows a high or low may be taken over: (first day or None for all data, label).

    A stated period wins; "52-week" means the year to ``end``; "record"/"all-time" all data.
    With none of these a high is a swing level the text does not date: ``default_both`` reads
    it as either the 52-week or the all-time high (a distance from "its high"), else none.
    """
    if claim.period_start is not None:
        return [(claim.period_start, "")]
    quote = claim.quote or ""
    year = (end - dt.timedelta(days=365), "52-week ")
    if _WEEKS52.search(quote):
        return [year]
    if _ALL_TIME.search(quote):
        return [(None, "all-time ")]
    return [year, (None, "all-time ")] if default_both else []


def check_relative(claim: Claim, market: MarketData, published: dt.date | None) -> Verdict:
    """Spread in percentage points: subject's return minus the benchmark's, same basis."""
    if not claim.benchmark:
        raise Unverifiable("relative performance without a benchmark")
    if claim.benchmark.strip().upper() == claim.subject.strip().upper():
        # "value stocks in the index beat the index by 2.5%" read as the index against itself:
        # a spread of an instrument over itself is always 0, so this is a misread, not a claim
        raise Unverifiable("subject and yardstick are the same instrument (a misread group)")
    if claim.value is None:
        raise Unverifiable("the claim states no spread")
    if claim.unit not in ("pp", "pct"):
        raise Unverifiable(f"a relative figure in {claim.unit!r} cannot be computed")
    start, end = _period(claim, published)
    mine, skipped = change_readings(claim, market, start, end, published)
    bench_claim = claim.model_copy(update={"subject": claim.benchmark})
    theirs, skipped2 = change_readings(bench_claim, market, start, end, published)
    if not mine:
        raise _no_data(claim, skipped, start, end)
    if not theirs:
        raise _no_data(bench_claim, skipped2, start, end)
    readings = []
    # a series without dividends has one reading, its price return, which is also its total
    # return: it pairs with the other side's total return too
    mine_tr = {r.series for r in mine if r.basis == "total_return"}
    theirs_tr = {r.series for r in theirs if r.basis == "total_return"}
    for a in mine:
        for b in theirs:
            if a.basis != b.basis and not (
                (
                    a.basis == "price_return"
                    and a.series not in mine_tr
                    and b.basis == "total_return"
                )
                or (
                    b.basis == "price_return"
                    and b.series not in theirs_tr
                    and a.basis == "total_return"
                )
            ):
                continue
            if (a.date_start, a.date_end) != (b.date_start, b.date_end):
                continue  # both ends of a spread come from the same pair of days
            stand = a.stand_in_for or b.stand_in_for
            basis = "total return" if "total_return" in (a.basis, b.basis) else "price return"
            # a spread is usually the difference of two returns, sometimes their ratio
            ratio = ((1 + a.actual / 100) / (1 + b.actual / 100) - 1) * 100
            for actual, how in ((a.actual - b.actual, "minus"), (ratio, "relative to")):
                readings.append(
                    Reading(
                        actual,
                        f"{a.series} vs {b.series}",
                        a.date_start,
                        a.date_end,
                        basis.replace(" ", "_"),
                        f"{a.series} {how} {b.series} {basis} {a.date_start} -> {a.date_end}",
                        stand,
                        a.slack + b.slack,
                    )
                )
    tol = percent_tolerance(claim.value, claim.comparator, spread=True)
    return decide(claim, readings, tol, hedged=hedge(claim.quote), what="spread (pp)")


def check_from_high(claim: Claim, market: MarketData, published: dt.date | None) -> Verdict:
    """Distance below the period's high (closing and intraday), in percent (negative)."""
    if claim.value is None or claim.unit != "pct":
        raise Unverifiable("a distance from a high needs a percent figure")
    end = claim.period_end or claim.as_of or published
    if end is None:
        raise Unverifiable("no date to measure the distance from the high at")
    value = -abs(claim.value)
    readings: list[Reading] = []
    skipped: list[str] = []
    for series, stand_for in sources(claim.subject, market):
        if not reaches(series, end):
            skipped.append(f"{series.symbol} data {series.first_date}..{series.last_date}")
            continue
        j = series.on_or_before(end)
        for first, label in extreme_windows(claim, end, default_both=True):
            i = series.on_or_after(first) if first else 0
            if j is None or i is None or i > j:
                continue
            d0, d1 = series.date_at(i), series.date_at(j)
            top = float(np.max(series.close[i : j + 1]))
            readings.append(
                Reading(
                    (series.close[j] / top - 1) * 100,
                    series.symbol,
                    d0,
                    d1,
                    "close",
                    f"{series.symbol} close vs {label}closing high",
                    stand_for,
                )
            )
            highs = series.high[i : j + 1]
            if not np.all(np.isnan(highs)):
                top_i = float(np.nanmax(highs))
                readings.append(
                    Reading(
                        (series.close[j] / top_i - 1) * 100,
                        series.symbol,
                        d0,
                        d1,
                        "intraday",
                        f"{series.symbol} close vs {label}intraday high",
                        stand_for,
                    )
                )
                lo, hi = series.lows[j], series.highs[j]
                if published is not None and end >= published and lo == lo and hi == hi:
                    # written during the article's day: the price anywhere in its range
                    lo_pct, hi_pct = (lo / top_i - 1) * 100, (hi / top_i - 1) * 100
                    readings.append(
                        Reading(
                            min(max(value, lo_pct), hi_pct),
                            series.symbol,
                            d0,
                            d1,
                            "intraday",
                            f"{series.symbol} day's range {lo_pct:+.2f}%..{hi_pct:+.2f}% vs "
                            f"{label}intraday high",
                            stand_for,
                        )
                    )
    if not readings:
        raise _no_data(claim, skipped, claim.period_start or end, end)
    tol = percent_tolerance(value, claim.comparator)
    return decide(
        claim, readings, tol, value=value, hedged=hedge(claim.quote), what="distance from the high"
    )
