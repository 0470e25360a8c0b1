"""Saving one article: identity rules, then one transaction per article.

Rules, in order:

1. same canonical URL as a stored article -> ``duplicate_url`` (we have it; nothing written);
2. same normalised text and no URL to tell the two apart (or the same URL) -> ``duplicate_url``;
3. same text hash, or a near-duplicate (MinHash Jaccard >= 0.8) of an article from another
   URL -> stored as ``syndicated`` with ``duplicate_of_id`` = the first copy, so that a
   syndicated copy counts as one voice later;
4. otherwise ``new``.

An article and its children are written in one transaction, so a crash leaves either the
whole article or nothing; re-running an ingest therefore resumes where it stopped.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import or_, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from thesisdesk.ingest import identity
from thesisdesk.records import ArticleRecord
from thesisdesk.store import articles as q
from thesisdesk.store.db import session_scope
from thesisdesk.store.models import Article
from thesisdesk.store.sources import get_or_create_source

log = logging.getLogger(__name__)

SaveStatus = Literal["new", "duplicate_url", "syndicated", "failed"]


class IngestRecord(ArticleRecord):
    """An ``ArticleRecord`` plus the page's declared canonical URL (``<link rel=canonical>``).

    (Until ``ArticleRecord`` grows a ``canonical_url`` field; ``save_article`` reads it from
    either.)"""

    canonical_url: str | None = None


@dataclass
class SaveResult:
    status: SaveStatus
    article_id: int | None = None
    duplicate_of_id: int | None = None
    similarity: float | None = None
    error: str | None = None
    #: set when this article turned out to be the original of an already-stored copy
    demoted_id: int | None = None


class DedupIndex:
    """The near-duplicate LSH index for one run, loaded once from the store.

    Pass one to ``save_article`` for a batch; without one, each call loads its own (fine for
    a single article, wasteful for thousands)."""

    def __init__(self, engine: Engine) -> None:
        self.near = identity.NearDuplicateIndex()
        self.near.add_many(q.iter_fingerprints(engine))


def _published_before(
    published_at: dt.datetime | None, published: dt.date | None, other: Article
) -> bool:
    """Whether the new article was published strictly before the stored one."""
    if published_at is not None and other.published_at is not None:
        return published_at < other.published_at
    if published is not None and other.published is not None:
        return published < other.published
    return False


def _record_canonical(record: ArticleRecord) -> str | None:
    declared = getattr(record, "canonical_url", None)
    return identity.canonical_url(declared or record.url)


def _source_id_for(session, record: ArticleRecord) -> int | None:  # type: ignore[no-untyped-def]
    """A source row for a record that names its source but came with no source id."""
    if not record.source_name and not record.source_url:
        return None
    url = record.source_url or f"source:{record.source_name.strip().lower()}"  # type: ignore[union-attr]
    return get_or_create_source(session, url, name=record.source_name, kind="web")


def save_article(
    engine: Engine,
    record: ArticleRecord,
    source_id: int | None = None,
    *,
    index: DedupIndex | None = None,
) -> SaveResult:
    """Store ``record`` unless we already have it; never raises for bad data (``failed``)."""
    text = (record.text or "").strip()
    if not text:
        return SaveResult("failed", error="article has no text")
    index = index or DedupIndex(engine)
    canon = _record_canonical(record)
    digest = identity.content_hash(text)
    n_words = len(identity.words(text))
    mh = identity.minhash(text)
    published_at = record.published_at
    if published_at is not None and published_at.tzinfo is None:
        published_at = published_at.replace(tzinfo=dt.UTC)
    published = record.published or (published_at.date() if published_at else None)
    try:
        with session_scope(engine) as s:
            if canon and q.id_by_canonical_url(s, canon) is not None:
                return SaveResult("duplicate_url", q.id_by_canonical_url(s, canon))
            first: int | None = None
            similarity: float | None = None
            same_text = q.ids_by_content_hash(s, digest)
            if same_text:
                art_id, dup_of, other_canon = same_text[0]
                if canon is None or other_canon == canon:
                    return SaveResult("duplicate_url", art_id)
                first, similarity = dup_of or art_id, 1.0
            elif n_words >= identity.MIN_WORDS_FOR_NEAR_DUP:
                hit = index.near.query(mh)
                if hit is not None:
                    cand = s.get(Article, hit[0])
                    if cand is not None:  # the hit may itself have been demoted to a copy
                        first, similarity = cand.duplicate_of_id or cand.id, hit[1]
            demoted: int | None = None
            if first is not None:
                first_row = s.get(Article, first)
                if first_row is not None and _published_before(published_at, published, first_row):
                    # We met the copy before the original: the original becomes the first
                    # copy and the group is re-pointed at it, in this same transaction.
                    demoted, first = first, None
            art = Article(
                source_id=source_id if source_id is not None else _source_id_for(s, record),
                url=record.url,
                canonical_url=canon,
                title=(record.title or None),
                author=(record.author or "")[:300] or None,
                published=published,
                published_at=published_at,
                text=text,
                word_count=n_words,
                content_hash=digest,
                fingerprint=identity.fingerprint_bytes(mh),
                duplicate_of_id=first,
                summary_only=record.summary_only,
                origin=record.origin,
            )
            s.add(art)
            s.flush()
            article_id = art.id
            if demoted is not None:
                s.execute(
                    update(Article)
                    .where(or_(Article.id == demoted, Article.duplicate_of_id == demoted))
                    .values(duplicate_of_id=article_id)
                )
    except IntegrityError as exc:
        # Another writer stored the same canonical URL between our check and our insert.
        with session_scope(engine) as s:
            existing = q.id_by_canonical_url(s, canon) if canon else None
        if existing is not None:
            return SaveResult("duplicate_url", existing)
        return SaveResult("failed", error=f"store refused the article: {exc.orig}")
    assert article_id is not None
    if first is None:
        if n_words >= identity.MIN_WORDS_FOR_NEAR_DUP:
            index.near.add(article_id, mh)
        return SaveResult("new", article_id, similarity=similarity, demoted_id=demoted)
    return SaveResult("syndicated", article_id, duplicate_of_id=first, similarity=similarity)
