"""Flagged articles: the ones whose numbers the market data contradicts.

An article is flagged when any of its claims is contradicted; its severity is the largest
|difference| / tolerance among them, labelled by the tolerance table's ``[severity]``
thresholds. The list puts the articles with the most contradicted claims first, then the
newest. A syndicated copy (``Article.duplicate_of_id``) shares its original's flags; the
digest, which speaks of a copy only through its original, asks for originals only. The
``flags`` command, the digest and the app all read this one list. Readers' marks
(``store.verdicts.mark_flag``) hide a flag called "not an error" unless asked for.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy.engine import Engine

from crosscheck.tolerances import severity_label
from store import digest_queries as q
from store import verdicts
from store.claims import ClaimBrief
from store.verdicts import CONFIDENCE_LEVELS


class FlaggedClaim(ClaimBrief):
    """A contradicted claim with how far off it is, how sure the flag is, every reading the
    checker judged (its proof) and a reader's mark (``not_error`` | ``confirmed``)."""

    severity: float | None = None
    basis: str | None = None
    confidence: str | None = None  # high | medium | low
    tolerance_reason: str | None = None
    stand_in: str | None = None
    data_through: dt.date | None = None
    readings: list[dict[str, Any]] = Field(default_factory=list)
    review: str | None = None
    review_reason: str | None = None


class FlaggedArticle(BaseModel):
    """An article with at least one contradicted claim (its own, or its original's)."""

    article_id: int
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None
    contradicted: int = 0
    max_severity: float | None = None
    severity_label: str = "low"
    shared_from: int | None = None  # the original's id when this is a syndicated copy
    claims: list[FlaggedClaim] = Field(default_factory=list)


def _head(r: dict[str, Any]) -> FlaggedArticle:
    return FlaggedArticle(
        article_id=r["article_id"],
        title=r["title"],
        url=r["url"],
        source=q.source_label(r["source_name"], r["source_url"], r["article_id"]),
        published=r["published"],
    )


def _claim(r: dict[str, Any]) -> FlaggedClaim:
    return FlaggedClaim(
        **q.brief(r).model_dump(),
        severity=r["severity"],
        basis=r["basis"],
        confidence=r["confidence"],
        tolerance_reason=r["tolerance_reason"],
        stand_in=r["stand_in"],
        data_through=r["data_through"],
        readings=verdicts.parse_readings(r["readings"]),
    )


def _at_least(have: str | None, wanted: str | None) -> bool:
    if wanted is None:
        return True
    rank = CONFIDENCE_LEVELS.index(have) if have in CONFIDENCE_LEVELS else 0
    return rank >= CONFIDENCE_LEVELS.index(wanted)


def _finish(flagged: FlaggedArticle) -> FlaggedArticle:
    severities = [c.severity for c in flagged.claims if c.severity is not None]
    flagged.contradicted = len(flagged.claims)
    flagged.max_severity = max(severities) if severities else None
    flagged.severity_label = severity_label(flagged.max_severity or 0.0) or "low"
    return flagged


def _order(f: FlaggedArticle) -> tuple[int, bool, int, int]:
    day = f.published.toordinal() if f.published else 0
    return (-f.contradicted, f.published is None, -day, -f.article_id)


def flagged_articles(
    engine: Engine,
    since: dt.date | None = None,
    until: dt.date | None = None,
    ticker: str | None = None,
    *,
    confidence: str | None = None,
    include_dismissed: bool = False,
    copies: bool = True,
    limit: int | None = None,
    article_ids: list[int] | None = None,
) -> list[FlaggedArticle]:
    """Flagged articles: most contradicted claims first, then the newest.

    ``since``/``until`` bound the publication date, ``ticker`` keeps the claims about that
    subject (case-insensitive), ``confidence`` the flags at least that sure (high > medium >
    low); flags a reader marked "not an error" are left out unless ``include_dismissed``;
    ``copies=False`` leaves syndicated copies out; ``article_ids`` (candidates picked in
    SQL) keeps to those articles.
    """
    if confidence is not None and confidence not in CONFIDENCE_LEVELS:
        raise ValueError(f"confidence is one of {', '.join(CONFIDENCE_LEVELS)}")
    rows = q.contradicted_briefs(
        engine,
        article_ids=article_ids,
        since=None if copies else since,
        until=None if copies else until,
        originals_only=not copies,
        limit=None,
    )
    claims = [_claim(r) for r in sorted(rows, key=lambda r: r["claim_id"])]
    reviews = verdicts.reviews_by_key(engine, (verdicts.claim_key(c) for c in claims))
    heads = {int(r["article_id"]): r for r in rows}
    by_article: dict[int, FlaggedArticle] = {}
    for claim in claims:
        review = reviews.get(verdicts.claim_key(claim))
        if review is not None:
            claim.review, claim.review_reason = review.mark, review.reason
        if claim.review == "not_error" and not include_dismissed:
            continue
        if not _at_least(claim.confidence, confidence):
            continue
        if claim.article_id not in by_article:
            by_article[claim.article_id] = _head(heads[claim.article_id])
        by_article[claim.article_id].claims.append(claim)
    if copies:
        for r in q.copies_of(engine, list(by_article)):
            original = by_article[int(r["duplicate_of_id"])]
            mine = by_article.get(int(r["article_id"]))
            if mine is None:
                mine = by_article[int(r["article_id"])] = _head(r)
            known = {c.claim_id for c in mine.claims}
            mine.claims += [c for c in original.claims if c.claim_id not in known]
            mine.shared_from = original.article_id
    out = []
    for flagged in by_article.values():
        day = flagged.published
        if (since is not None and (day is None or day < since)) or (
            until is not None and (day is None or day > until)
        ):
            continue
        if ticker is not None:
            wanted = ticker.upper()
            flagged.claims = [c for c in flagged.claims if c.subject.upper() == wanted]
            if not flagged.claims:
                continue
        out.append(_finish(flagged))
    out.sort(key=_order)
    return out[:limit] if limit is not None else out
