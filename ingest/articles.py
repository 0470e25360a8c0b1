"""Saving one article: identity rules, then one transaction per article.

Rules, in order:

1. same canonical URL as a stored article -> ``duplicate_url`` (we have it; nothing written);
2. same normalised text and no URL to tell the two apart (or the same URL) -> ``duplicate_url``;
3. same text hash, or a near-duplicate (exact 3-shingle Jaccard >= 0.8, candidates found by
   MinHash LSH) of an article from another URL -> stored as ``syndicated`` with
   ``duplicate_of_id`` = the group's first copy, so that a syndicated copy counts as one
   voice later. "First" is the earliest published: when the original turns up after its
   copy, it is stored as ``new`` and the group is re-pointed at it (``demoted_id``);
4. otherwise ``new``.

An article stored from its feed summary because its page could not be had gets the page
later (``upgrade_article``, ``upgraded``) when a poll finds the page answering again.

An article and its children are written in one transaction, so a crash leaves either the
whole article or nothing; re-running an ingest therefore resumes where it stopped.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Connection
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ingest import identity
from ingest.sanitize import clean_text
from store import articles as q
from store.sources import OUTLET, get_or_create_source, outlet_key
from thesisdesk.records import ArticleRecord

log = logging.getLogger(__name__)

SaveStatus = Literal["new", "duplicate_url", "syndicated", "upgraded", "failed"]


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
    published_at: dt.datetime | None,
    published: dt.date | None,
    other_published: dt.date | None,
    other_published_at: dt.datetime | None,
) -> bool:
    """Whether the new article was published strictly before the stored one."""
    if published_at is not None and other_published_at is not None:
        if other_published_at.tzinfo is None:  # SQLite hands back naive UTC
            other_published_at = other_published_at.replace(tzinfo=dt.UTC)
        return published_at < other_published_at
    if published is not None and other_published is not None:
        return published < other_published
    return False


def _near_copy(
    conn: Connection, index: DedupIndex, mh: object, toks: list[str]
) -> tuple[int, float] | None:
    """The oldest stored article whose exact 3-shingle Jaccard with ours reaches the
    threshold, among the LSH candidates (a handful at most)."""
    cands = index.near.candidates(mh)
    if not cands:
        return None
    mine = set(identity.shingle_hashes(toks))
    for cand_id, _est in cands:
        other = q.text_of(conn, cand_id)
        if other is None:
            continue
        sim = identity.jaccard(mine, identity.shingle_set(other))
        if sim >= identity.NEAR_DUP_THRESHOLD:
            return cand_id, sim
    return None


def _record_canonical(record: ArticleRecord) -> str | None:
    return identity.canonical_url(record.canonical_url or record.url)


def _source_id_for(conn: Connection, record: ArticleRecord) -> int | None:
    """An outlet row for a record that names its publication but came with no source id.

    An outlet is not a feed: it is never polled, so it is keyed by its name
    (``outlet:<name>``), not by a URL; an address the item gave goes to ``site_url``.
    """
    if not record.source_name and not record.source_url:
        return None
    return get_or_create_source(
        conn,
        outlet_key(record.source_name, record.source_url),
        name=record.source_name,
        kind=OUTLET,
        site_url=record.source_url,
    )


_TEXT_FIELDS = ("url", "canonical_url", "title", "author", "text", "source_name", "source_url")


def save_article(
    engine: Engine,
    record: ArticleRecord,
    source_id: int | None = None,
    *,
    index: DedupIndex | None = None,
) -> SaveResult:
    """Store ``record`` unless we already have it; never raises for bad data (``failed``)."""
    record = record.model_copy(  # a lone surrogate or NUL would cost the whole article
        update={k: clean_text(getattr(record, k)) for k in _TEXT_FIELDS}
    )
    text = (record.text or "").strip()
    if not text:
        return SaveResult("failed", error="article has no text")
    index = index or DedupIndex(engine)
    canon = _record_canonical(record)
    digest, toks, mh = identity.analyse(text)
    n_words = len(toks)
    published_at = record.published_at
    if published_at is not None and published_at.tzinfo is None:
        published_at = published_at.replace(tzinfo=dt.UTC)
    published = record.published or (published_at.date() if published_at else None)
    first: int | None = None
    similarity: float | None = None
    demoted: int | None = None
    try:
        with engine.begin() as conn:  # one transaction: the article (and later its children)
            if canon and (have := q.id_by_canonical_url(conn, canon)) is not None:
                return SaveResult("duplicate_url", have)
            same_text = q.first_by_content_hash(conn, digest)
            hit: tuple[int, float] | None = None
            if same_text is not None:
                art_id, _dup_of, other_canon = same_text
                if canon is None or other_canon == canon:
                    return SaveResult("duplicate_url", art_id)
                hit = (art_id, 1.0)
            elif n_words >= identity.MIN_WORDS_FOR_NEAR_DUP:
                hit = _near_copy(conn, index, mh, toks)
            head = q.group_head(conn, hit[0]) if hit else None
            if hit and head:
                first, similarity = head[0], hit[1]
                if _published_before(published_at, published, head[1], head[2]):
                    # We met the copy before the original: the original becomes the first
                    # copy and the group is re-pointed at it, in this same transaction.
                    demoted, first = first, None
            article_id = q.insert_article(
                conn,
                {
                    "source_id": source_id
                    if source_id is not None
                    else _source_id_for(conn, record),
                    "url": record.url,
                    "canonical_url": canon,
                    "title": record.title or None,
                    "author": (record.author or "")[:300] or None,
                    "published": published,
                    "published_at": published_at,
                    "fetched_at": dt.datetime.now(dt.UTC),
                    "text": text,
                    "word_count": n_words,
                    "content_hash": digest,
                    "fingerprint": identity.fingerprint_bytes(mh),
                    "duplicate_of_id": first,
                    "summary_only": record.summary_only,
                    "origin": record.origin,
                },
            )
            if demoted is not None:
                q.repoint_group(conn, demoted, article_id)
    except IntegrityError as exc:
        # Another writer stored the same canonical URL (or, without one, the same text:
        # migration 0006's unique index) between our check and our insert.
        with engine.connect() as conn:
            existing = q.id_by_canonical_url(conn, canon) if canon else None
            if existing is None and canon is None:
                same = q.first_by_content_hash(conn, digest)
                existing = same[0] if same is not None else None
        if existing is not None:
            return SaveResult("duplicate_url", existing)
        return SaveResult("failed", error=f"store refused the article: {exc.orig}")
    if first is None:
        if n_words >= identity.MIN_WORDS_FOR_NEAR_DUP:
            index.near.add(article_id, mh)
        return SaveResult("new", article_id, similarity=similarity, demoted_id=demoted)
    return SaveResult("syndicated", article_id, duplicate_of_id=first, similarity=similarity)


def upgrade_article(engine: Engine, article_id: int, record: ArticleRecord) -> SaveResult:
    """Replace a summary-only article's text with its page's, in one transaction; its claims,
    verdicts and stances (drawn from the summary) go and it is extracted again. It stays in
    its syndication group; the page's canonical URL is taken unless another article has it."""
    text = (record.text or "").strip()
    if not text:
        return SaveResult("failed", article_id, error="page has no text")
    digest, toks, mh = identity.analyse(text)
    values: dict[str, object] = {
        "text": text,
        "word_count": len(toks),
        "content_hash": digest,
        "fingerprint": identity.fingerprint_bytes(mh),
        "summary_only": False,
        "origin": record.origin,
        "fetched_at": dt.datetime.now(dt.UTC),
    }
    if record.title:
        values["title"] = record.title
    if record.author:
        values["author"] = record.author[:300]
    try:
        with engine.begin() as conn:
            canon = _record_canonical(record)
            if canon and q.id_by_canonical_url(conn, canon) in (None, article_id):
                values["canonical_url"] = canon
            q.replace_text(conn, article_id, values)
    except SQLAlchemyError as exc:
        return SaveResult("failed", article_id, error=f"store refused the page: {exc}")
    return SaveResult("upgraded", article_id)
