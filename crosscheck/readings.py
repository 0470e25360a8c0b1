"""A *reading* is one way of computing a claim's figure from data; the verdict picks one.

Ambiguous claims have several honest readings (price or total return, close or intraday,
the index or its ETF stand-in, the close of the article's day or the one before). Each
checker produces its readings; ``decide`` judges them all and keeps the one that fits best,
or, if none fits, the one closest to the claim (so a flag is never bigger than it must be).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from crosscheck.tolerances import Judgement, Tolerance, judge, tolerances
from thesisdesk.records import Claim, ReadingRecord, Verdict, VerdictLabel

#: Code version plus the tolerance table's version: a change in either re-checks stored verdicts.
CHECKER_VERSION = f"crosscheck-6+{tolerances()['version']}"


@dataclass(frozen=True)
class Reading:
    """One figure computed from data, with where it came from."""

    actual: float
    series: str
    date_start: dt.date | None
    date_end: dt.date | None
    basis: str  # price_return | total_return | close | intraday | change_bp | level_pct | count
    label: str  # human description, e.g. "IWM total return 2025-06-30 -> 2025-09-30"
    stand_in_for: str | None = None  # the claim's subject when ``series`` is a stand-in
    slack: float = 0.0  # extra tolerance this reading needs (an ETF's tracking difference)


class Unverifiable(Exception):  # a verdict, not an error
    """Raised by a checker when the claim cannot be checked; the message is the reason."""

    def __init__(self, reason: str, series: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.series = series


def unverifiable(reason: str, *, series: str | None = None) -> Verdict:
    return Verdict(
        verdict=VerdictLabel.unverifiable,
        reason=reason,
        series=series,
        checker_version=CHECKER_VERSION,
    )


def widen(tol: Tolerance, slack: float) -> Tolerance:
    """The tolerance plus a reading's own slack, with the reason extended to say so."""
    if slack <= 0:
        return tol
    return Tolerance(
        tol.value + slack,
        f"{tol.reason}; + {slack:.2g} for an ETF's tracking difference from its index",
        tol.precision + slack,
    )


def _fmt(x: float) -> str:
    return f"{x:,.2f}" if abs(x) >= 100 else f"{x:.4g}" if abs(x) < 0.01 else f"{x:.2f}"


def stated(claim: Claim) -> str:
    """The claimed figure as words: 'gt 150 pct', '240–245 usd'."""
    if claim.value is None and claim.low is not None and claim.high is not None:
        return f"{_fmt(claim.low)}–{_fmt(claim.high)} {claim.unit}"
    cmp = "" if claim.comparator == "eq" else f"{claim.comparator} "
    return f"{cmp}{_fmt(claim.value) if claim.value is not None else '?'} {claim.unit}"


def decide(
    claim: Claim,
    readings: list[Reading],
    tol: Tolerance,
    *,
    value: float | None = None,
    low: float | None = None,
    high: float | None = None,
    comparator: str | None = None,
    hedged: str | None = None,
    what: str = "figure",
) -> Verdict:
    """Judge every reading; supported if any fits. The reason names the reading used.

    Contradicted only when every reading is outside its tolerance; the severity is how far
    outside the *closest* reading the claim is, in multiples of that reading's tolerance.
    """
    if not readings:
        raise Unverifiable("no data reading could be computed for this claim")
    comparator = comparator or claim.comparator
    value = claim.value if value is None and low is None and high is None else value
    low = claim.low if low is None else low
    high = claim.high if high is None else high
    judged: list[tuple[Reading, Judgement]] = [
        (
            r,
            judge(
                r.actual,
                comparator,
                tol,
                value=value,
                low=low,
                high=high,
                hedged=hedged,
                slack=r.slack,
            ),
        )
        for r in readings
    ]
    fits = [rj for rj in judged if rj[1].supported]
    if fits:
        best, j = min(fits, key=lambda rj: abs(rj[1].difference))
    else:
        best, j = min(judged, key=lambda rj: _ratio(rj[1], tol.value + rj[0].slack))
    others = [r for r, _ in judged if r is not best]
    base_t = tol.value
    tol = widen(tol, best.slack)
    label = VerdictLabel.supported if j.supported else VerdictLabel.contradicted
    verb = "within" if j.supported else "outside"
    unit = tolerance_unit(claim.unit, what)
    reason = (
        f"claimed {what} {stated(claim)}; data: {_fmt(best.actual)} ({best.label}), "
        f"difference {j.difference:+.4g}{unit}, {verb} tolerance {tol.value:.4g}{unit}"
    )
    if best.stand_in_for:
        reason += f"; {best.series} stands in for {best.stand_in_for}"
    if others:
        alt = "; ".join(f"{r.label}: {_fmt(r.actual)}" for r in others[:4])
        more = f" (+{len(others) - 4} more)" if len(others) > 4 else ""
        reason += f". Other readings: {alt}{more}"
        if j.supported and any(not jj.supported for _, jj in judged):
            reason += " (the claim fits one reading, so it is not flagged)"
        elif not j.supported:
            reason += f" (all {len(judged)} readings are outside tolerance)"
    severity = None
    if not j.supported:
        severity = min(_ratio(jj, base_t + r.slack) for r, jj in judged)
    records = [  # built without re-validation: every field is computed here (hot path)
        ReadingRecord(
            actual=float(r.actual),
            series=r.series,
            date_start=r.date_start,
            date_end=r.date_end,
            basis=r.basis,
            label=r.label,
            stand_in_for=r.stand_in_for,
            difference=float(jj.difference),
            tolerance=base_t + r.slack,
            fits=bool(jj.supported),
        )
        for r, jj in judged
    ]
    return Verdict(
        verdict=label,
        reason=reason,
        actual=round(float(best.actual), 6),
        difference=round(float(j.difference), 6),
        tolerance=round(tol.value, 6),
        tolerance_reason=tol.reason,
        series=best.series,
        date_start=best.date_start,
        date_end=best.date_end,
        basis=best.basis,
        stand_in=best.series if best.stand_in_for else None,
        severity=None if severity is None else round(severity, 3),
        confidence=None if severity is None else flag_confidence(claim, severity, judged),
        readings=records,
        checker_version=CHECKER_VERSION,
    )


def _ratio(j: Judgement, t: float) -> float:
    """How far a reading is from the claim in multiples of its tolerance (0 when it fits)."""
    if j.supported:
        return 0.0
    edge = j.excess + t  # distance from the claim's own edge (comparator-aware)
    return edge / t if t > 0 else edge


def tolerance_unit(unit: str | None, what: str = "") -> str:
    """The unit a difference is in: pp for percent changes, points, $, bp, count."""
    if "streak" in what:
        return ""
    return {
        "pct": " pp",
        "pp": " pp",
        "points": " points",
        "usd": " $",
        "bp": " bp",
    }.get(unit or "", "")


def flag_confidence(claim: Claim, severity: float, judged: list[tuple[Reading, Judgement]]) -> str:
    """high / medium / low: how sure a reader can be that a contradicted number is wrong.

    Starts from the severity band (``[confidence]`` in tolerances.toml) and steps down one
    level when the only data is a stand-in, or when the extractor was less than sure of the
    claim's period or subject (but sure enough to check it at all).
    """
    c = tolerances()["confidence"]
    level = 2 if severity >= float(c["high"]) else 1 if severity >= float(c["medium"]) else 0
    only_stand_in = bool(judged) and all(r.stand_in_for for r, _ in judged)
    doubt = float(c["doubt_below"])
    unsure = any(
        x is not None and x < doubt for x in (claim.period_confidence, claim.subject_confidence)
    )
    level -= int(only_stand_in) + int(unsure)
    return ("low", "medium", "high")[max(0, level)]
