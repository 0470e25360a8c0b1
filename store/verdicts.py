"""Queries over verdicts: flagged articles, price-target track records, verdict counts.

An article is flagged when any of its claims is contradicted; its severity is the largest
|difference| / tolerance among them. A syndicated copy (``Article.duplicate_of_id``) shares
its original's flags. The UI and CLI read these and never query verdict tables themselves.

Readers mark flags "not an error" (dismissed: hidden unless asked for) or "confirmed"
(``mark_flag``); the marks are keyed by what the claim says (``claim_key``), so they survive
re-checks and re-extraction, and ``review_export`` writes them out for regression tests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from store.db import session_scope
from store.models import Article, ClaimRow, FlagReview, Source, VerdictRow

MARKS = ("not_error", "confirmed")
CONFIDENCE_LEVELS = ("low", "medium", "high")


def claim_key(claim: Any) -> str:
    """A claim's identity for reader marks: article, kind, subject, unit, figures and quote."""
    parts = [
        claim.article_id,
        claim.kind,
        claim.subject,
        claim.unit,
        claim.comparator,
        claim.value,
        claim.low,
        claim.high,
        claim.quote,
    ]
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class FlaggedClaim:
    """One contradicted claim, with what the data said."""

    claim_id: int
    kind: str
    subject: str
    quote: str
    value: float | None
    low: float | None
    high: float | None
    unit: str
    actual: float | None
    difference: float | None
    tolerance: float | None
    severity: float | None
    series: str | None
    basis: str | None
    reason: str
    comparator: str = "eq"
    confidence: str | None = None
    tolerance_reason: str | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    stand_in: str | None = None
    data_through: dt.date | None = None
    readings: list[dict[str, Any]] = field(default_factory=list)
    review: str | None = None  # a reader's mark: not_error | confirmed
    review_reason: str | None = None


@dataclass
class FlaggedArticle:
    """An article with at least one contradicted claim (its own, or its original's)."""

    article_id: int
    title: str | None
    url: str | None
    published: dt.date | None
    source: str | None
    severity: float
    severity_label: str
    claims: list[FlaggedClaim] = field(default_factory=list)
    shared_from: int | None = None  # the original's id when this is a syndicated copy


@dataclass
class SourceRecord:
    """How a source's price targets turned out (field names as the digest reads them)."""

    source: str
    source_id: int | None
    targets: int
    resolved: int
    hits: int
    misses: int
    pending: int
    hit_rate: float | None
    avg_error_pct: float | None


def _label(severity: float) -> str:
    from crosscheck.tolerances import severity_label

    return severity_label(severity) or "low"


def _source_name(source: Source | None, article: Article) -> str:
    if source is not None:
        return source.name or source.url
    return article.author or "unknown"


def _readings(text: str | None) -> list[dict[str, Any]]:
    if not text:
        return []
    try:
        return list(json.loads(text))
    except ValueError:
        return []


def _at_least(confidence: str | None, wanted: str | None) -> bool:
    if wanted is None:
        return True
    have = CONFIDENCE_LEVELS.index(confidence) if confidence in CONFIDENCE_LEVELS else 0
    return have >= CONFIDENCE_LEVELS.index(wanted)


def flagged_articles(
    engine: Engine,
    since: dt.date | None = None,
    ticker: str | None = None,
    *,
    confidence: str | None = None,
    include_dismissed: bool = False,
) -> list[FlaggedArticle]:
    """Flagged articles, most severe first; ``since`` on publication, ``ticker`` on subject.

    ``confidence`` keeps flags at least that sure (high > medium > low); flags a reader marked
    "not an error" are left out unless ``include_dismissed``.
    """
    if confidence is not None and confidence not in CONFIDENCE_LEVELS:
        raise ValueError(f"confidence is one of {', '.join(CONFIDENCE_LEVELS)}")
    with session_scope(engine) as session:
        rows = session.execute(
            select(VerdictRow, ClaimRow, Article, Source)
            .join(ClaimRow, ClaimRow.id == VerdictRow.claim_id)
            .join(Article, Article.id == ClaimRow.article_id)
            .outerjoin(Source, Source.id == Article.source_id)
            .where(VerdictRow.verdict == "contradicted")
            .order_by(ClaimRow.id)
        ).all()
        keys = {claim.id: claim_key(claim) for _, claim, _, _ in rows}
        reviews = {
            r.claim_key: r
            for r in session.execute(
                select(FlagReview).where(FlagReview.claim_key.in_(list(keys.values())))  # type: ignore[attr-defined]
            ).scalars()
        }
        by_article: dict[int, FlaggedArticle] = {}
        for verdict, claim, article, source in rows:
            review = reviews.get(keys[claim.id])
            if review is not None and review.mark == "not_error" and not include_dismissed:
                continue
            if not _at_least(verdict.confidence, confidence):
                continue
            flagged = by_article.get(article.id)
            if flagged is None:
                flagged = by_article[article.id] = FlaggedArticle(
                    article.id,
                    article.title,
                    article.url,
                    article.published,
                    _source_name(source, article),
                    0.0,
                    "low",
                )
            sev = float(verdict.severity or 0.0)
            flagged.claims.append(
                FlaggedClaim(
                    claim.id,
                    claim.kind,
                    claim.subject,
                    claim.quote,
                    claim.value,
                    claim.low,
                    claim.high,
                    claim.unit,
                    verdict.actual,
                    verdict.difference,
                    verdict.tolerance,
                    verdict.severity,
                    verdict.series,
                    verdict.basis,
                    verdict.reason,
                    claim.comparator,
                    verdict.confidence,
                    verdict.tolerance_reason,
                    verdict.date_start,
                    verdict.date_end,
                    claim.period_start,
                    claim.period_end,
                    verdict.stand_in,
                    verdict.data_through,
                    _readings(verdict.readings),
                    review.mark if review else None,
                    review.reason if review else None,
                )
            )
            flagged.severity = max(flagged.severity, sev)
        copies = []
        if by_article:
            copies = session.execute(
                select(Article, Source)
                .outerjoin(Source, Source.id == Article.source_id)
                .where(Article.duplicate_of_id.in_(list(by_article)))  # type: ignore[union-attr]
            ).all()
        for copy, source in copies:
            original = by_article[copy.duplicate_of_id]
            if copy.id in by_article:  # a copy with contradictions of its own keeps them too
                mine = by_article[copy.id]
                known = {c.claim_id for c in mine.claims}
                mine.claims += [c for c in original.claims if c.claim_id not in known]
                mine.severity = max(mine.severity, original.severity)
                mine.shared_from = original.article_id
                continue
            by_article[copy.id] = FlaggedArticle(
                copy.id,
                copy.title,
                copy.url,
                copy.published,
                _source_name(source, copy),
                original.severity,
                "low",
                list(original.claims),
                original.article_id,
            )
    out = []
    for flagged in by_article.values():
        if since is not None and (flagged.published is None or flagged.published < since):
            continue
        if ticker is not None:
            wanted = ticker.upper()
            flagged.claims = [c for c in flagged.claims if c.subject.upper() == wanted]
            if not flagged.claims:
                continue
            flagged.severity = max(float(c.severity or 0.0) for c in flagged.claims)
        flagged.severity_label = _label(flagged.severity)
        out.append(flagged)
    out.sort(key=lambda f: (-f.severity, f.article_id))
    return out


class ReviewError(ValueError):
    """A mark that cannot be stored (unknown claim, claim not checked, bad mark)."""


def mark_flag(engine: Engine, claim_id: int, mark: str, reason: str | None = None) -> FlagReview:
    """Store (or replace) a reader's mark on a claim's verdict: not_error or confirmed."""
    if mark not in MARKS:
        raise ReviewError(f"mark is one of {', '.join(MARKS)}, not {mark!r}")
    with session_scope(engine) as session:
        found = session.execute(
            select(ClaimRow, VerdictRow, Article)
            .join(VerdictRow, VerdictRow.claim_id == ClaimRow.id)
            .join(Article, Article.id == ClaimRow.article_id)
            .where(ClaimRow.id == claim_id)
        ).first()
        if found is None:
            raise ReviewError(f"no checked claim with id {claim_id} (run `thesisdesk check --all`)")
        claim, verdict, article = found
        key = claim_key(claim)
        row = session.execute(
            select(FlagReview).where(FlagReview.claim_key == key)
        ).scalar_one_or_none()
        if row is None:
            row = FlagReview(
                claim_key=key,
                article_id=claim.article_id,
                mark=mark,
                claim_json="",
                verdict_json="",
            )
        row.claim_id = claim.id
        row.mark = mark
        row.reason = reason
        row.claim_json = json.dumps(_claim_dict(claim))
        row.verdict_json = json.dumps(_verdict_dict(verdict))
        row.published = article.published
        row.marked_at = dt.datetime.now(dt.UTC)
        session.add(row)
        session.flush()
        session.expunge(row)
        return row


def unmark_flag(engine: Engine, claim_id: int) -> bool:
    """Remove a reader's mark on a claim; False when there was none."""
    with session_scope(engine) as session:
        claim = session.get(ClaimRow, claim_id)
        if claim is None:
            return False
        row = session.execute(
            select(FlagReview).where(FlagReview.claim_key == claim_key(claim))
        ).scalar_one_or_none()
        if row is None:
            return False
        session.delete(row)
        return True


def _claim_dict(claim: ClaimRow) -> dict[str, Any]:
    from thesisdesk.records import Claim

    data = {k: getattr(claim, k) for k in Claim.model_fields if hasattr(claim, k)}
    return Claim(**data).model_dump(mode="json", exclude_none=True)


def _verdict_dict(verdict: VerdictRow) -> dict[str, Any]:
    out = {
        k: getattr(verdict, k)
        for k in (
            "verdict", "reason", "actual", "difference", "tolerance", "tolerance_reason",
            "series", "date_start", "date_end", "basis", "stand_in", "severity", "confidence",
            "checker_version", "data_through",
        )
    }  # fmt: skip
    out["readings"] = _readings(verdict.readings)
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in out.items()}


def review_export(engine: Engine) -> list[dict[str, Any]]:
    """Every marked flag as a JSON-ready dict: the claim, its verdict when marked, the mark.

    The rows replay without a store: ``claim`` is a ``thesisdesk.records.Claim`` and
    ``published`` the article's date, so a test can re-check them against market data.
    """
    with session_scope(engine) as session:
        rows = session.execute(
            select(FlagReview, Article)
            .outerjoin(Article, Article.id == FlagReview.article_id)
            .order_by(FlagReview.id)
        ).all()
        return [
            {
                "mark": r.mark,
                "reason": r.reason,
                "published": r.published.isoformat() if r.published else None,
                "article_title": a.title if a else None,
                "marked_at": r.marked_at.isoformat(),
                "claim": json.loads(r.claim_json),
                "verdict_when_marked": json.loads(r.verdict_json),
            }
            for r, a in rows
        ]


def track_record(engine: Engine) -> list[SourceRecord]:
    """Per source: targets, resolved (hit + missed), hits, and mean |error| of resolved ones.

    Error is |close at the hit date or deadline − target| / target, from the verdict's
    ``difference`` (close − target) and ``actual`` (that close). Syndicated copies are
    skipped so a target is not counted twice.
    """
    with session_scope(engine) as session:
        rows = session.execute(
            select(VerdictRow, Article, Source)
            .join(ClaimRow, ClaimRow.id == VerdictRow.claim_id)
            .join(Article, Article.id == ClaimRow.article_id)
            .outerjoin(Source, Source.id == Article.source_id)
            .where(ClaimRow.kind == "price_target")
            .where(Article.duplicate_of_id.is_(None))  # type: ignore[union-attr]
        ).all()
        groups: dict[tuple[int | None, str], list[VerdictRow]] = defaultdict(list)
        for verdict, article, source in rows:
            groups[(article.source_id, _source_name(source, article))].append(verdict)
    out = []
    for (source_id, name), verdicts in groups.items():
        hits = sum(v.outcome == "hit" for v in verdicts)
        misses = sum(v.outcome == "missed" for v in verdicts)
        pending = sum(v.outcome == "pending" for v in verdicts)
        errors = [
            abs(v.difference) / abs(v.actual - v.difference) * 100
            for v in verdicts
            if v.outcome in ("hit", "missed")
            and v.actual is not None
            and v.difference is not None
            and v.actual != v.difference
        ]
        resolved = hits + misses
        out.append(
            SourceRecord(
                name,
                source_id,
                len(verdicts),
                resolved,
                hits,
                misses,
                pending,
                round(hits / resolved, 4) if resolved else None,
                round(sum(errors) / len(errors), 4) if errors else None,
            )
        )
    out.sort(key=lambda r: (-r.resolved, r.source))
    return out


def verdict_counts(engine: Engine) -> dict[str, int]:
    """Number of verdicts per label (for status lines)."""
    from sqlalchemy import func

    with session_scope(engine) as session:
        rows = session.execute(
            select(VerdictRow.verdict, func.count()).group_by(VerdictRow.verdict)
        ).all()
    return {label: int(n) for label, n in rows}
