"""Extraction over the store: new or stale articles get their claims (re)written.

An article is due when its ``extractor_version`` differs from ``EXTRACTOR_VERSION`` (never
extracted, or by an older extractor). Its claims are replaced and the article is stamped in
one transaction, so a crash leaves either the old claims or the new ones, never a mix, and a
re-run finds nothing to do. Syndicated copies (``duplicate_of_id`` set) are extracted too:
the digest counts them as one voice, but their claims must exist to be counted.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from sqlalchemy import delete, or_
from sqlalchemy.engine import Engine
from sqlmodel import select

from thesisdesk.nlp.extract import EXTRACTOR_VERSION, extract_many
from thesisdesk.store.db import session_scope
from thesisdesk.store.models import Article, ClaimRow

log = logging.getLogger(__name__)
CHUNK = 64


@dataclass
class ExtractSummary:
    """What one run did."""

    articles_seen: int = 0
    articles_done: int = 0
    articles_failed: int = 0
    claims_written: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def due_article_ids(engine: Engine, *, all_new: bool = True) -> list[int]:
    """Articles whose claims are missing or from another extractor version.

    ``all_new=False`` re-extracts every article (e.g. after editing the instrument list).
    """
    with session_scope(engine) as s:
        q = select(Article.id).order_by(Article.id)
        if all_new:
            q = q.where(
                or_(
                    Article.extractor_version.is_(None),
                    Article.extractor_version != EXTRACTOR_VERSION,
                )
            )
        return [int(i) for i in s.exec(q).all()]


def extract_stored(
    engine: Engine, *, all_new: bool = True, progress: bool = True
) -> ExtractSummary:
    """Extract claims for due articles; one transaction per article; idempotent."""
    import time

    from thesisdesk.ui.common import progress as progress_bar

    t0 = time.perf_counter()
    summary = ExtractSummary()
    ids = due_article_ids(engine, all_new=all_new)
    summary.articles_seen = len(ids)
    bar = progress_bar(range(len(ids)), len(ids), "extracting", enabled=progress)
    for lo in range(0, len(ids), CHUNK):
        chunk = ids[lo : lo + CHUNK]
        with session_scope(engine) as s:
            rows = s.exec(
                select(Article.id, Article.text, Article.published)
                .where(Article.id.in_(chunk))
                .order_by(Article.id)
            ).all()
        items = [(text or "", published, str(aid)) for aid, text, published in rows]
        for (aid, _, _), claims in zip(rows, extract_many(items), strict=True):
            try:
                _replace_claims(engine, int(aid), claims)
                summary.articles_done += 1
                summary.claims_written += len(claims)
            except Exception as exc:  # one bad article never stops the run
                log.exception("storing claims for article %s failed", aid)
                summary.articles_failed += 1
                summary.errors.append(f"article {aid}: {exc}")
            next(bar, None)
    for _ in bar:  # finish the bar
        pass
    summary.seconds = round(time.perf_counter() - t0, 3)
    return summary


def _replace_claims(engine: Engine, article_id: int, claims: list) -> None:
    with session_scope(engine) as s:
        s.exec(delete(ClaimRow).where(ClaimRow.article_id == article_id))  # type: ignore[call-overload]
        for c in claims:
            data = c.model_dump(exclude={"article", "extractor_version"})
            data["extractor_version"] = c.extractor_version or EXTRACTOR_VERSION
            s.add(ClaimRow(article_id=article_id, **data))
        art = s.get(Article, article_id)
        if art is not None:
            art.extractor_version = EXTRACTOR_VERSION
            art.extracted_at = dt.datetime.now(dt.UTC)
            s.add(art)
