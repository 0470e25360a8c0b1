"""Queries over verdicts: flagged articles, price-target track records, verdict counts.

An article is flagged when any of its claims is contradicted; its severity is the largest
|difference| / tolerance among them. A syndicated copy (``Article.duplicate_of_id``) shares
its original's flags. The UI and CLI read these and never query verdict tables themselves.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.engine import Engine

from store.db import session_scope
from store.models import Article, ClaimRow, Source, VerdictRow


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


def flagged_articles(
    engine: Engine, since: dt.date | None = None, ticker: str | None = None
) -> list[FlaggedArticle]:
    """Flagged articles, most severe first; ``since`` on publication, ``ticker`` on subject."""
    with session_scope(engine) as session:
        rows = session.execute(
            select(VerdictRow, ClaimRow, Article, Source)
            .join(ClaimRow, ClaimRow.id == VerdictRow.claim_id)
            .join(Article, Article.id == ClaimRow.article_id)
            .outerjoin(Source, Source.id == Article.source_id)
            .where(VerdictRow.verdict == "contradicted")
            .order_by(ClaimRow.id)
        ).all()
        by_article: dict[int, FlaggedArticle] = {}
        for verdict, claim, article, source in rows:
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
