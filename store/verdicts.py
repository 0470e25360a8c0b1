"""Queries over verdicts: readers' marks on flags, price-target track records, verdict counts.

The flagged-article list itself is ``crosscheck.flags`` (its severity labels come from the
cross-check's tolerance table); it reads the marks through ``reviews_by_key``. The UI and
CLI read these and never query verdict tables themselves.

Readers mark flags "not an error" (dismissed: hidden unless asked for) or "confirmed"
(``mark_flag``); the marks are keyed by what the claim says (``claim_key``), so they survive
re-checks and re-extraction, and ``review_export`` writes them out for regression tests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import col

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


class SourceRecord(BaseModel):
    """How a source's price targets turned out: the ``targets`` command, the digest, the app."""

    source: str
    source_id: int | None = None
    targets: int = 0
    hits: int = 0
    misses: int = 0
    pending: int = 0
    avg_error_pct: float | None = None

    def as_dict(self) -> dict[str, object]:
        """The fields plus ``resolved`` and ``hit_rate`` (for JSON output)."""
        return {**self.model_dump(), "resolved": self.resolved, "hit_rate": self.hit_rate}

    @property
    def resolved(self) -> int:
        return self.hits + self.misses

    @property
    def hit_rate(self) -> float | None:
        return round(self.hits / self.resolved, 4) if self.resolved else None


def _source_name(source: Source | None, article: Article) -> str:
    if source is not None:
        return source.name or source.url
    return article.author or "unknown"


def parse_readings(text: str | None) -> list[dict[str, Any]]:
    """A verdict's stored readings (JSON) as dicts; nothing when absent or unreadable."""
    if not text:
        return []
    try:
        return list(json.loads(text))
    except ValueError:
        return []


def reviews_by_key(engine: Engine, keys: Iterable[str]) -> dict[str, FlagReview]:
    """The readers' marks on these claims (by ``claim_key``), detached from the session."""
    wanted = list(set(keys))
    if not wanted:
        return {}
    with session_scope(engine) as session:
        rows = list(
            session.execute(
                select(FlagReview).where(col(FlagReview.claim_key).in_(wanted))
            ).scalars()
        )
        for row in rows:
            session.expunge(row)
    return {r.claim_key: r for r in rows}


class ReviewError(ValueError):
    """A mark that cannot be stored (unknown claim, claim not checked, bad mark)."""


def mark_flag(engine: Engine, claim_id: int, mark: str, reason: str | None = None) -> FlagReview:
    """Store (or replace) a reader's mark on a claim's verdict: not_error or confirmed."""
    if mark not in MARKS:
        raise ReviewError(f"mark is one of {', '.join(MARKS)}, not {mark!r}")
    with session_scope(engine) as session:
        found = session.execute(
            select(ClaimRow, VerdictRow, Article)
            .join(VerdictRow, col(VerdictRow.claim_id) == ClaimRow.id)
            .join(Article, col(Article.id) == ClaimRow.article_id)
            .where(col(ClaimRow.id) == claim_id)
        ).first()
        if found is None:
            raise ReviewError(f"no checked claim with id {claim_id} (run `thesisdesk check --all`)")
        claim, verdict, article = found
        key = claim_key(claim)
        row = session.execute(
            select(FlagReview).where(col(FlagReview.claim_key) == key)
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
            select(FlagReview).where(col(FlagReview.claim_key) == claim_key(claim))
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
    out["readings"] = parse_readings(verdict.readings)
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in out.items()}


def review_export(engine: Engine) -> list[dict[str, Any]]:
    """Every marked flag as a JSON-ready dict: the claim, its verdict when marked, the mark.

    The rows replay without a store: ``claim`` is a ``thesisdesk.records.Claim`` and
    ``published`` the article's date, so a test can re-check them against market data.
    """
    with session_scope(engine) as session:
        rows = session.execute(
            select(FlagReview, Article)
            .outerjoin(Article, col(Article.id) == FlagReview.article_id)
            .order_by(col(FlagReview.id))
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
            .join(ClaimRow, col(ClaimRow.id) == VerdictRow.claim_id)
            .join(Article, col(Article.id) == ClaimRow.article_id)
            .outerjoin(Source, col(Source.id) == Article.source_id)
            .where(col(ClaimRow.kind) == "price_target")
            .where(col(Article.duplicate_of_id).is_(None))
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
        out.append(
            SourceRecord(
                source=name,
                source_id=source_id,
                targets=len(verdicts),
                hits=hits,
                misses=misses,
                pending=pending,
                avg_error_pct=round(sum(errors) / len(errors), 4) if errors else None,
            )
        )
    out.sort(key=lambda r: (-r.resolved, r.source))
    return out


def verdict_counts(engine: Engine) -> dict[str, int]:
    """Number of verdicts per label (for status lines)."""
    from sqlalchemy import func

    with session_scope(engine) as session:
        rows = session.execute(
            select(col(VerdictRow.verdict), func.count()).group_by(col(VerdictRow.verdict))
        ).all()
    return {label: int(n) for label, n in rows}
