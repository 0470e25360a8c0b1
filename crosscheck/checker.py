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
from crosscheck.yields import check_yield_change, check_yield_level, is_treasury_yield
from thesisdesk.records import Claim, Verdict, VerdictLabel

#: Claims read by the extractor's learned step (``nlp.figure_model.RULE_NAME``) start so.
LEARNED_RULE_PREFIX = "claims.learned."

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


def unsure(claim: Claim) -> str | None:
    """Why the claim is too unsure to accuse its author ("period unclear"), or None.

    The extractor rates how sure it is of the period and subject it resolved; below the
    thresholds in ``thesisdesk.settings`` a disagreement with the data more likely says the
    claim was misread than that the author was wrong. A claim the learned step read (no rule
    knew its phrasing, ``nlp.figure_model``) is a guess at its kind: shown, never accused.
    """
    from thesisdesk.settings import PERIOD_SURE_MIN, SUBJECT_SURE_MIN

    pc, sc = claim.period_confidence, claim.subject_confidence
    if (claim.rule or "").startswith(LEARNED_RULE_PREFIX):
        return "kind unclear: no rule knew the phrasing; the learned step read it"
    if pc is not None and pc < PERIOD_SURE_MIN:
        return f"period unclear: the period is unsure (confidence {pc:.2f} < {PERIOD_SURE_MIN})"
    if sc is not None and sc < SUBJECT_SURE_MIN:
        return f"subject unclear: the subject is unsure (confidence {sc:.2f} < {SUBJECT_SURE_MIN})"
    return None


def check_claim(claim: Claim, market: MarketData, *, published: dt.date | None = None) -> Verdict:
    """The verdict on one claim. ``published`` resolves 'current' and article-day closes.

    Unsure in, unsure out: a claim the extractor was unsure of is never contradicted; it is
    unverifiable with the reason, and keeps the readings so a reader can still look.
    """
    verdict = _check(claim, market, published)
    if verdict.verdict == VerdictLabel.contradicted and (why := unsure(claim)):
        return verdict.model_copy(
            update={
                "verdict": VerdictLabel.unverifiable,
                "reason": f"{why}, so not flagged; the data under that reading: {verdict.reason}",
                "severity": None,
                "confidence": None,
            }
        )
    return verdict


def _check(claim: Claim, market: MarketData, published: dt.date | None) -> Verdict:
    try:
        if claim.kind in _NOT_MARKET:
            return unverifiable(_NOT_MARKET[claim.kind])
        if is_treasury_yield(claim.subject) and claim.kind == "performance":
            return check_yield_change(claim, market, published)
        if is_treasury_yield(claim.subject) and claim.kind == "price_level":
            return check_yield_level(claim, market, published)
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
