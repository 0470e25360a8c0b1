"""Queries on the ``article`` table: identity look-ups for de-duplication, listing, showing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from sqlalchemy import func, or_
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from thesisdesk.store.db import session_scope
from thesisdesk.store.models import Article, Source

_CHUNK = 500


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def id_by_canonical_url(session: Session, url: str) -> int | None:
    return session.exec(select(Article.id).where(Article.canonical_url == url)).first()


def ids_by_content_hash(session: Session, digest: str) -> list[tuple[int, int | None, str | None]]:
    """(id, duplicate_of_id, canonical_url) of every article with this text hash, oldest first."""
    rows = session.exec(
        select(Article.id, Article.duplicate_of_id, Article.canonical_url)
        .where(Article.content_hash == digest)
        .order_by(col(Article.id))
    ).all()
    return [(int(r[0]), r[1], r[2]) for r in rows]


def known_urls(engine: Engine, urls: Iterable[str], canonical: Iterable[str]) -> set[str]:
    """Which of ``urls`` (as linked) or ``canonical`` (canonical forms) are stored already."""
    urls, canonical = sorted(set(urls)), sorted(set(canonical))
    found: set[str] = set()
    with session_scope(engine) as s:
        for chunk in _chunks(canonical):
            found.update(
                u
                for u in s.exec(
                    select(Article.canonical_url).where(col(Article.canonical_url).in_(chunk))
                ).all()
                if u
            )
        for chunk in _chunks(urls):
            found.update(
                u for u in s.exec(select(Article.url).where(col(Article.url).in_(chunk))).all() if u
            )
    return found


def iter_fingerprints(engine: Engine, batch: int = 5000) -> Iterator[tuple[int, bytes | None]]:
    """(id, fingerprint) of every first copy (duplicates are never a "first copy")."""
    last = 0
    while True:
        with session_scope(engine) as s:
            rows = s.exec(
                select(Article.id, Article.fingerprint)
                .where(col(Article.id) > last, col(Article.duplicate_of_id).is_(None))
                .where(col(Article.fingerprint).is_not(None))
                .order_by(col(Article.id))
                .limit(batch)
            ).all()
        if not rows:
            return
        for r in rows:
            yield int(r[0]), r[1]
        last = int(rows[-1][0])


def count_articles(engine: Engine) -> int:
    with session_scope(engine) as s:
        return int(s.exec(select(func.count()).select_from(Article)).one())


def list_articles(
    engine: Engine,
    *,
    since: dt.date | None = None,
    limit: int | None = 50,
    include_duplicates: bool = True,
) -> list[dict[str, object]]:
    """Article summaries (no text), newest published first."""
    with session_scope(engine) as s:
        q = (
            select(
                Article.id,
                Article.title,
                Article.published,
                Article.url,
                Article.canonical_url,
                Article.word_count,
                Article.duplicate_of_id,
                Article.summary_only,
                Article.origin,
                Source.name,
            )
            .join(Source, col(Source.id) == col(Article.source_id), isouter=True)
            .order_by(col(Article.published).desc(), col(Article.id).desc())
        )
        if since is not None:
            q = q.where(or_(col(Article.published) >= since))
        if not include_duplicates:
            q = q.where(col(Article.duplicate_of_id).is_(None))
        if limit:
            q = q.limit(limit)
        keys = (
            "id",
            "title",
            "published",
            "url",
            "canonical_url",
            "word_count",
            "duplicate_of_id",
            "summary_only",
            "origin",
            "source",
        )
        return [dict(zip(keys, row, strict=True)) for row in s.exec(q).all()]


def get_article(engine: Engine, article_id: int) -> dict[str, object] | None:
    """One article with its text and identity fields (fingerprint left out)."""
    with session_scope(engine) as s:
        art = s.get(Article, article_id)
        if art is None:
            return None
        out = art.model_dump(exclude={"fingerprint"})
        out["has_fingerprint"] = art.fingerprint is not None
        src = s.get(Source, art.source_id) if art.source_id else None
        out["source"] = src.name or src.url if src else None
        return out
