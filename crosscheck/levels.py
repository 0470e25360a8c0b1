"""Price-level claims that are facts: closes, highs and lows, current prices, moving averages.

Levels are read on the subject's own series only: an ETF can stand in for an index's percent
change but never for its level. Support, resistance, entry and stop levels are opinions and
are unverifiable unless the quote states a checkable fact ("closed above $245").

A level above/below which something *would* happen ("a weekly close above $245 would complete
the base", "below 2,400 on a closing basis we flip neutral") is a condition, not a fact about
any close: only a close stated as having happened (``close_fact``) is checked.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import numpy as np

from crosscheck.market_data import MarketData, PriceSeries
from crosscheck.performance import reaches
from crosscheck.readings import Reading, Unverifiable, decide
from crosscheck.tolerances import hedge, level_tolerance, range_tolerance
from thesisdesk.records import Claim, Verdict

OPINION_ROLES = {"support", "resistance", "entry", "stop", "target"}
#: A close stated as a fact: a finite verb ("closed", "has closed", "finished", "settled"),
#: never the noun ("a weekly close above", "a close back below", "on a closing basis").
_CLOSE_VERB = re.compile(
    r"\b(?P<verb>(?:clos|finish|settl)(?:ed|es)|end(?:ed|s))\s+"
    r"(?:[\w-]+\s+){0,3}?(?P<side>above|over|below|under|beneath)\b",
    re.I,
)
_CLOSE_NOUN = re.compile(
    r"\b(?:a|an|another|its|their)\s+(?:[\w-]+\s+){0,2}?(?:close|finish)\s+(?:back\s+)?"
    r"(?P<side>above|over|below|under|beneath)\b",
    re.I,
)
#: Words that make what follows (in the same sentence) hypothetical: "if it closed above".
#: A present-tense verb is also conditional after "once"/"when"/"until" ("once it closes above").
_CONDITIONAL = re.compile(
    r"\b(if|unless|would|should|could|might|must|needs?|needed|wants?|requires?|"
    r"in case|provided)\b|\bwhether\b",
    re.I,
)
_CONDITIONAL_PRESENT = re.compile(r"\b(once|when|whenever|until|as long as|after)\b", re.I)
_NEGATED = re.compile(r"(\bnot|\bnever|n['’]t|\bno longer|\byet to)\s+(?:\w+\s+)?$", re.I)
#: A level named as a trigger: "a (weekly) close above", "a break below", "to close above"
#: (needs to, has to), "on a closing basis", or an explicit "if"/"unless"/"once".
_TRIGGER = re.compile(
    r"\b(?:a|an|any|another|one|the\s+first|to)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:close|closing|break|breakout|breakdown|move|push|drop|fall|rally|reclaim|recapture|"
    r"finish|settle|hold)\s+(?:back\s+)?(?:above|over|below|under|beneath|through)\b"
    r"|\bon\s+a\s+(?:daily\s+|weekly\s+|monthly\s+)?closing\s+basis\b"
    r"|\b(?:if|unless|once|whenever)\b",
    re.I,
)
#: A noun trigger after these happened ("IWM posted a weekly close above $245").
_HAPPENED = re.compile(
    r"\b(set|sets|posted|notched|logged|marked|recorded|scored|saw|made|got|delivered|"
    r"managed|booked|printed)\s+(?:[\w-]+\s+){0,3}$",
    re.I,
)
_SENTENCE_BREAK = re.compile(r"[.;:!?]\s|\s[-\u2013\u2014]\s")
_RECORD = re.compile(r"\b(record|all-time|all time|52-week|highest|lowest)\b", re.I)
_MA = re.compile(
    r"\b(\d{1,3})[- ]?(day|week|hour|hr|minute|min|d|w|h)\b[^.]{0,25}?"
    r"(moving average|\bma\b|\bdma\b|\bsma\b|\bema\b)"
    r"|\b(\d{1,3})[- ]?(dma|sma|ema|wma)\b",
    re.I,
)


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


def check_level(claim: Claim, market: MarketData, published: dt.date | None) -> Verdict:
    role = (claim.role or "").lower() or None
    if claim.unit not in ("usd", "points"):
        raise Unverifiable(f"a level in {claim.unit!r} is not a price")
    if role == "moving_average":
        return check_moving_average(claim, market, published)
    fact = close_fact(claim.quote)
    if role in OPINION_ROLES:
        if not fact:
            raise Unverifiable(
                f"a level given as {role} is an opinion or a condition (what would happen "
                "if it were crossed), not a checkable fact"
            )
        return _check_close_fact(claim, market, published, fact)
    if claim.comparator in ("gt", "lt", "gte", "lte") and not fact and is_condition(claim.quote):
        raise Unverifiable(
            "the level is a condition (what would happen if it were crossed), not a fact "
            "about any close"
        )
    if role in ("high", "low") or (role is None and _RECORD.search(claim.quote or "")):
        return check_extreme(claim, market, published, role or _extreme_kind(claim.quote))
    if role == "current":
        return check_current(claim, market, published)
    return check_close(claim, market, published)


def _clause_before(quote: str, pos: int) -> str:
    """The text of ``quote`` from the start of the clause holding ``pos`` up to ``pos``."""
    head = quote[:pos]
    breaks = list(_SENTENCE_BREAK.finditer(head))
    return head[breaks[-1].end() :] if breaks else head


def close_fact(quote: str | None) -> str | None:
    """'above' or 'below' when the quote states, as a fact, a close beyond a level.

    "IWM closed above $240 on Thursday" -> 'above'; "has not closed above $245" -> 'below'
    (at or below, strictly); "posted a weekly close above $245" -> 'above'. None for a
    condition or an opinion: "a weekly close above $245 would...", "if it closed below 2,400",
    "once it closes above", "a close back under 2,520".
    """
    text = quote or ""
    for m in (*_CLOSE_VERB.finditer(text), *_CLOSE_NOUN.finditer(text)):
        before = _clause_before(text, m.start())
        if _CONDITIONAL.search(before):
            continue
        verb = m.groupdict().get("verb")
        if verb is None and not _HAPPENED.search(before[-40:]):
            continue  # "a weekly close above": a fact only after "posted", "set", ...
        if verb and verb.lower().endswith("s") and _CONDITIONAL_PRESENT.search(before):
            continue  # "once it closes above": a trigger in the present tense
        up = m.group("side").lower() in ("above", "over")
        if _NEGATED.search(before):
            up = not up
        return "above" if up else "below"
    return None


def is_condition(quote: str | None) -> bool:
    """Whether the quote states a level as a trigger rather than a fact about a close.

    Only the trigger's own wording counts ("a close above $245", "if it breaks 2,400"), not
    a modal anywhere in the sentence: "IWM traded above $244, which could mark a top" is a fact.
    """
    text = quote or ""
    for m in _TRIGGER.finditer(text):
        if not _HAPPENED.search(_clause_before(text, m.start())[-40:]):
            return True
    return False


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
    return decide(claim, readings, _tol(claim), hedged=hedge(claim.quote), what="close")


def check_extreme(
    claim: Claim, market: MarketData, published: dt.date | None, kind: str
) -> Verdict:
    """Highest (lowest) close and intraday high (low) from period_start (or the data's start)."""
    series = _series(claim, market)
    end = _as_of(claim, published)
    j = _session(series, end, "the date")
    i = series.on_or_after(claim.period_start) if claim.period_start else 0
    if i is None or i > j:
        raise Unverifiable(f"no {series.symbol} sessions in the period", series.symbol)
    key = ("extreme", series.symbol, i, j, kind)
    if key not in market.memo:  # the same high is quoted by many articles
        market.memo[key] = _extreme_readings(series, i, j, kind)
    readings: list[Reading] = market.memo[key]  # type: ignore[assignment]
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


def ma_window(quote: str) -> tuple[int, str, str] | None:
    """(length, grain, kind) of a moving average named in the quote: (200, 'day', 'sma')."""
    m = _MA.search(quote or "")
    if not m:
        return None
    if m.group(1):
        n, unit, name = int(m.group(1)), m.group(2).lower(), m.group(3).lower()
    else:
        n, name = int(m.group(4)), m.group(5).lower()
        unit = "week" if name == "wma" else "day"
    grain = {"d": "day", "w": "week", "h": "hour", "hr": "hour", "min": "minute"}.get(unit, unit)
    return n, grain, "ema" if "ema" in name else "sma"


def check_moving_average(claim: Claim, market: MarketData, published: dt.date | None) -> Verdict:
    spec = ma_window(claim.quote)
    if spec is None:
        raise Unverifiable("a moving average without a stated length cannot be computed")
    n, grain, kind = spec
    if grain in ("hour", "minute"):
        raise Unverifiable(f"a {n}-{grain} moving average needs intraday data, which we lack")
    series = _series(claim, market)
    day = _as_of(claim, published)
    j = _session(series, day, "the date")
    if grain == "week":
        ends = series.week_ends()
        idx = np.append(ends[ends < j], j)
    else:
        idx = np.arange(0, j + 1)
    readings = []
    for back, note in ((0, ""), (1, " (previous session)")):
        ix = idx[: idx.size - back] if back else idx
        if grain == "day" and back:
            ix = np.arange(0, j)
        if ix.size < n:
            continue
        closes = series.close[ix]
        if kind == "sma":
            val = float(np.mean(closes[-n:]))
        else:
            alpha, val = 2.0 / (n + 1), float(closes[max(0, closes.size - 5 * n)])
            for c in closes[max(0, closes.size - 5 * n) + 1 :]:
                val = alpha * float(c) + (1 - alpha) * val
        d = series.date_at(int(ix[-1]))
        readings.append(
            Reading(
                val,
                series.symbol,
                series.date_at(int(ix[-n])),
                d,
                "close",
                f"{series.symbol} {n}-{grain} {kind.upper()} on {d}{note}",
            )
        )
    if not readings:
        raise Unverifiable(f"fewer than {n} {grain}s of {series.symbol} data", series.symbol)
    return decide(claim, readings, _tol(claim), what="moving average")
