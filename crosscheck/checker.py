"""``check_claim``: one claim in, one ``Verdict`` out; the dispatch by kind and role.

Every path ends in ``supported``, ``contradicted`` or ``unverifiable`` with a reason;
``check_claims`` never lets one bad claim stop a batch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from crosscheck.levels import check_level
from crosscheck.market_data import MarketData
from crosscheck.performance import (
    check_change,
    check_from_high,
    check_relative,
    check_streak,
    is_streak,
)
from crosscheck.rates import check_rate_decision, expectation_outcome
from crosscheck.readings import CHECKER_VERSION, Unverifiable, unverifiable
from crosscheck.targets import target_outcome
from thesisdesk.records import Claim, Verdict, VerdictLabel
from thesisdesk.settings import PERIOD_SURE_MIN

_NOT_MARKET = {
    "valuation": "a valuation needs fundamentals data, which thesisdesk does not hold",
    "fundamental": "company fundamentals (earnings, revenue) are not in the market data",
}


def _performance(claim: Claim, market: MarketData, published: dt.date | None) -> Verdict:
    role = (claim.role or "change").lower()
    if role == "streak" or is_streak(claim):
        return check_streak(claim, market, published)
    if role == "relative" or (claim.benchmark and claim.unit == "pp"):
        return check_relative(claim, market, published)
    if role == "from_high":
        return check_from_high(claim, market, published)
    if claim.unit in ("count", "months", "weeks", "days"):
        raise Unverifiable(f"a figure in {claim.unit} that is not a streak cannot be computed")
    return check_change(claim, market, published)


def _target(claim: Claim, market: MarketData, published: dt.date | None) -> Verdict:
    """A target is a forecast: not true or false today; its outcome says whether it came true."""
    result = target_outcome(claim, market, published=published)
    outcome = (
        f"outcome: {result.outcome.value}, {result.reason}" if result.outcome else result.reason
    )
    diff = None
    if result.final_price is not None and result.target is not None:
        diff = round(result.final_price - result.target, 6)
    return Verdict(
        verdict=VerdictLabel.unverifiable,
        reason=f"a price target is a forecast, judged by its outcome ({outcome})",
        actual=result.final_price,
        difference=diff,
        series=result.series or claim.subject,
        date_start=published,
        date_end=result.outcome_date or result.deadline,
        basis=result.basis,
        checker_version=CHECKER_VERSION,
    )


def _rate_expectation(claim: Claim, market: MarketData, published: dt.date | None) -> Verdict:
    reason = (
        "an expectation (odds or a forecast of Fed action) is not a market fact; "
        "the decision itself, once made, is checked as a rate_decision"
    )
    outcome = expectation_outcome(claim, market, published)
    if outcome:
        reason += f" (outcome: {outcome})"
    return unverifiable(reason, series="DFEDTARU" if outcome else None)


def check_claim(claim: Claim, market: MarketData, *, published: dt.date | None = None) -> Verdict:
    """The verdict on one claim. ``published`` resolves 'current' and article-day closes."""
    got = _check_claim(claim, market, published)
    unsure = claim.period_confidence is not None and claim.period_confidence < PERIOD_SURE_MIN
    if got.verdict == VerdictLabel.contradicted and unsure:
        # the extractor guessed the period (a bare move given the article's day, a fiscal
        # quarter read on the calendar): a figure that disagrees over a guess is no flag
        return unverifiable(
            f"the period is unsure (confidence {claim.period_confidence:.2f}); "
            f"over the guessed period: {got.reason}",
            series=got.series,
        )
    return got


def _check_claim(claim: Claim, market: MarketData, published: dt.date | None) -> Verdict:
    try:
        if claim.kind in _NOT_MARKET:
            return unverifiable(_NOT_MARKET[claim.kind])
        if claim.kind == "performance":
            return _performance(claim, market, published)
        if claim.kind == "price_level":
            return check_level(claim, market, published)
        if claim.kind == "rate_decision":
            return check_rate_decision(claim, market, published)
        if claim.kind == "rate_expectation":
            return _rate_expectation(claim, market, published)
        if claim.kind == "price_target":
            return _target(claim, market, published)
        return unverifiable(f"unknown claim kind {claim.kind!r}")
    except Unverifiable as exc:
        return unverifiable(exc.reason, series=exc.series)


def check_claims(
    claims: Iterable[Claim],
    market: MarketData,
    *,
    published: dt.date | None = None,
    published_by_article: dict[str, dt.date] | None = None,
) -> list[Verdict]:
    """Verdicts in claim order; a claim that breaks the checker gets an unverifiable verdict."""
    out: list[Verdict] = []
    for claim in claims:
        day = published
        if published_by_article and claim.article in published_by_article:
            day = published_by_article[claim.article]
        try:
            out.append(check_claim(claim, market, published=day))
        except Exception as exc:  # one bad claim never stops a batch
            out.append(unverifiable(f"checker error on this claim: {type(exc).__name__}: {exc}"))
    return out
