"""Queries on the ``article`` table: identity look-ups for de-duplication, listing, showing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TypedDict, cast

from sqlalchemy import Connection, Delete, bindparam, delete, func, insert, or_, update
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from store import rollup
from store.db import session_scope
from store.models import Article, ArticleStance, ClaimRow, Source, VerdictRow, table_of

_CHUNK = 500


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


_T = table_of(Article)
# Core statements built once: the per-article write path runs thousands of times per run,
# and constant statements are compiled once and then served from SQLAlchemy's cache.
_BY_CANONICAL = sa_select(_T.c.id).where(_T.c.canonical_url == bindparam("u"))
_BY_HASH = (
    sa_select(_T.c.id, _T.c.duplicate_of_id, _T.c.canonical_url)
    .where(_T.c.content_hash == bindparam("h"))
    .order_by(_T.c.id)
    .limit(1)
)
_GROUP = sa_select(_T.c.id, _T.c.duplicate_of_id).where(_T.c.id == bindparam("i"))
_DATES = sa_select(_T.c.published, _T.c.published_at).where(_T.c.id == bindparam("i"))
_TEXT = sa_select(_T.c.text).where(_T.c.id == bindparam("i"))
_INSERT = insert(_T).returning(_T.c.id)
_REPOINT = (
    update(_T)
    .where(or_(_T.c.id == bindparam("old"), _T.c.duplicate_of_id == bindparam("old")))
    .values(duplicate_of_id=bindparam("new"))
)


def id_by_canonical_url(conn: Connection, url: str) -> int | None:
    return conn.execute(_BY_CANONICAL, {"u": url}).scalar()


def first_by_content_hash(
    conn: Connection, digest: str
) -> tuple[int, int | None, str | None] | None:
    """(id, duplicate_of_id, canonical_url) of the oldest article with this text hash."""
    row = conn.execute(_BY_HASH, {"h": digest}).first()
    return (int(row[0]), row[1], row[2]) if row else None


def group_head(
    conn: Connection, article_id: int
) -> tuple[int, dt.date | None, dt.datetime | None] | None:
    """(first copy id, its published date, its published time) for an article's group."""
    row = conn.execute(_GROUP, {"i": article_id}).first()
    if row is None:
        return None
    head = int(row[1] or row[0])
    info = conn.execute(_DATES, {"i": head}).first()
    return (head, info[0], info[1]) if info else None


def text_of(conn: Connection, article_id: int) -> str | None:
    return conn.execute(_TEXT, {"i": article_id}).scalar()


def insert_article(conn: Connection, values: dict[str, object]) -> int:
    return int(conn.execute(_INSERT, values).scalar_one())


def repoint_group(conn: Connection, old_head: int, new_head: int) -> None:
    """Make ``new_head`` the first copy of ``old_head``'s group (``old_head`` included)."""
    before = rollup.scope_of(conn, [old_head, new_head])
    conn.execute(_REPOINT, {"old": old_head, "new": new_head})
    rollup.refresh_articles(conn, [old_head, new_head], before)  # who speaks for the group


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


def summary_only_ids(engine: Engine, urls: Iterable[str], since: dt.datetime) -> dict[str, int]:
    """Stored articles among ``urls`` (as linked) that hold only their feed summary and were
    saved after ``since``: url -> article id (the ones worth another try at the page)."""
    urls = sorted(set(urls))
    found: dict[str, int] = {}
    with session_scope(engine) as s:
        for chunk in _chunks(urls):
            rows = s.exec(
                select(Article.url, Article.id).where(
                    col(Article.url).in_(chunk),
                    col(Article.summary_only).is_(True),
                    col(Article.fetched_at) >= since,
                )
            ).all()
            found.update({u: i for u, i in rows if u and i is not None})
    return found


def claim_deletes(article_id: int) -> list[Delete]:
    """The statements that remove an article's claims and their verdicts (a verdict points at
    its claim, so it goes first); run them on a session or a connection."""
    claim_ids = sa_select(col(ClaimRow.id)).where(col(ClaimRow.article_id) == article_id)
    return [
        delete(VerdictRow).where(col(VerdictRow.claim_id).in_(claim_ids)),
        delete(ClaimRow).where(col(ClaimRow.article_id) == article_id),
    ]


def replace_text(conn: Connection, article_id: int, values: dict[str, object]) -> None:
    """New text (and its hashes) for a stored article. Its claims, their verdicts and its
    stances quoted the old text, so they go in the same transaction, and the article is due
    for extraction again."""
    before = rollup.scope_of(conn, [article_id])
    for stmt in claim_deletes(article_id):
        conn.execute(stmt)
    conn.execute(delete(ArticleStance).where(col(ArticleStance.article_id) == article_id))
    conn.execute(
        update(Article)
        .where(col(Article.id) == article_id)
        .values(**values, extractor_version=None, extracted_at=None, checked_at=None)
    )
    rollup.refresh_articles(conn, [article_id], before)


def iter_fingerprints(engine: Engine, batch: int = 5000) -> Iterator[tuple[int, bytes | None]]:
    """(id, fingerprint) of every first copy (duplicates are never a "first copy")."""
    last = 0
    while True:
        with session_scope(engine) as s:
            rows = s.exec(
                select(col(Article.id), col(Article.fingerprint))
                .where(col(Article.id) > last, col(Article.duplicate_of_id).is_(None))
                .where(col(Article.fingerprint).is_not(None))
                .order_by(col(Article.id))
                .limit(batch)
            ).all()
        if not rows:
            return
        for art_id, fingerprint in rows:
            assert art_id is not None  # a stored row has its id
            yield art_id, fingerprint
            last = art_id


def count_articles(engine: Engine) -> int:
    with session_scope(engine) as s:
        return int(s.exec(select(func.count()).select_from(Article)).one())


class ArticleSummary(TypedDict):
    """One row of ``list_articles``."""

    id: int
    title: str | None
    published: dt.date | None
    url: str | None
    canonical_url: str | None
    word_count: int
    duplicate_of_id: int | None
    summary_only: bool
    origin: str
    source: str | None


def list_articles(
    engine: Engine,
    *,
    since: dt.date | None = None,
    limit: int | None = 50,
    include_duplicates: bool = True,
) -> list[ArticleSummary]:
    """Article summaries (no text), newest published first."""
    with session_scope(engine) as s:
        q = (
            sa_select(  # sqlmodel's select is typed for at most four columns
                col(Article.id),
                col(Article.title),
                col(Article.published),
                col(Article.url),
                col(Article.canonical_url),
                col(Article.word_count),
                col(Article.duplicate_of_id),
                col(Article.summary_only),
                col(Article.origin),
                col(Source.name),
            )
            .join(Source, col(Source.id) == col(Article.source_id), isouter=True)
            .order_by(col(Article.published).desc(), col(Article.id).desc())
        )
        if since is not None:
            q = q.where(col(Article.published) >= since)
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
        rows = [dict(zip(keys, row, strict=True)) for row in s.execute(q).all()]
        return cast("list[ArticleSummary]", rows)  # the keys above, in select order


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
