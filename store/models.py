"""The store's tables. Schema changes go through an alembic migration (store/migrations).

The claim table inherits ``ClaimFields`` so that it always holds every contract field.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, Index, LargeBinary, Table, Text, UniqueConstraint, inspect
from sqlalchemy import text as sql_text
from sqlmodel import Field, SQLModel

from thesisdesk.records import ClaimFields, ClaimProvenance


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Source(SQLModel, table=True):
    """Where articles come from: a feed, a folder of files, or a web site."""

    __tablename__ = "source"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(default="feed", max_length=16)  # feed | files | outlet
    url: str = Field(sa_column=Column(Text, unique=True, nullable=False))
    name: str | None = Field(default=None, max_length=300)
    site_url: str | None = Field(default=None, sa_column=Column(Text))
    active: bool = True
    added_at: dt.datetime = Field(default_factory=_now)
    # HTTP conditional-request state
    etag: str | None = Field(default=None, max_length=500)
    last_modified: str | None = Field(default=None, max_length=100)
    # health and back-off
    last_fetch_at: dt.datetime | None = None
    last_ok_at: dt.datetime | None = None
    last_status: int | None = None
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    consecutive_failures: int = 0
    next_fetch_at: dt.datetime | None = None
    entries_seen: int = 0


class Article(SQLModel, table=True):
    """One article's text and identity. A syndicated copy points at its first copy."""

    __tablename__ = "article"
    __table_args__ = (
        Index("ix_article_published", "published"),
        Index("ix_article_url", "url"),
        # one voice's articles on one day: what the subject_day summary recomputes (0008)
        Index("ix_article_source_published", "source_id", "published"),
        # syndicated copies by day: how the summary finds a slice's copies (0010)
        Index(
            "ix_article_copies_published",
            "published",
            sqlite_where=sql_text("duplicate_of_id IS NOT NULL"),
            postgresql_where=sql_text("duplicate_of_id IS NOT NULL"),
        ),
        # one row per text among articles without a URL: two writers racing on one file
        # cannot both store it (migration 0006)
        Index(
            "ux_article_text_without_url",
            "content_hash",
            unique=True,
            sqlite_where=sql_text("canonical_url IS NULL"),
            postgresql_where=sql_text("canonical_url IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    source_id: int | None = Field(default=None, foreign_key="source.id", index=True)
    url: str | None = Field(default=None, sa_column=Column(Text))
    canonical_url: str | None = Field(
        default=None, sa_column=Column(Text, unique=True, nullable=True)
    )
    title: str | None = Field(default=None, sa_column=Column(Text))
    author: str | None = Field(default=None, max_length=300)
    published: dt.date | None = None
    published_at: dt.datetime | None = None
    fetched_at: dt.datetime = Field(default_factory=_now)
    text: str = Field(sa_column=Column(Text, nullable=False))
    word_count: int = 0
    content_hash: str = Field(index=True, max_length=64)
    fingerprint: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
    duplicate_of_id: int | None = Field(default=None, foreign_key="article.id", index=True)
    summary_only: bool = False
    origin: str = Field(default="file", max_length=16)  # file | feed | page
    # pipeline progress: what has been done to this article, by which version
    extractor_version: str | None = Field(default=None, max_length=64)
    extracted_at: dt.datetime | None = None
    checked_at: dt.datetime | None = None


class ClaimRow(ClaimFields, ClaimProvenance, table=True):
    """A stored claim: the contract fields plus its article and provenance."""

    __tablename__ = "claim"
    __table_args__ = (Index("ix_claim_subject_kind", "subject", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    extractor_version: str = Field(max_length=64)
    stance_score: float | None = None
    note: str | None = Field(default=None, sa_column=Column(Text))
    created_at: dt.datetime = Field(default_factory=_now)


class VerdictRow(SQLModel, table=True):
    """The cross-check result for one claim (one row per claim, replaced on re-check)."""

    __tablename__ = "verdict"

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", unique=True)
    verdict: str = Field(index=True, max_length=16)
    #: the claim's subject and kind, copied (migration 0012): search counts and reads "this
    #: verdict about this ticker / of this kind" from the verdict's own indexes. The checker
    #: writes them; a trigger fills them when a writer does not, and follows claim edits.
    subject: str | None = Field(default=None, max_length=64)
    kind: str | None = Field(default=None, max_length=32)
    reason: str = Field(sa_column=Column(Text, nullable=False))
    actual: float | None = None
    difference: float | None = None
    tolerance: float | None = None
    tolerance_reason: str | None = Field(default=None, sa_column=Column(Text))
    series: str | None = Field(default=None, max_length=64)
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    basis: str | None = Field(default=None, max_length=32)
    stand_in: str | None = Field(default=None, max_length=64)
    severity: float | None = None
    confidence: str | None = Field(default=None, max_length=8)  # a flag's: high / medium / low
    #: every reading judged (JSON list of ``thesisdesk.records.ReadingRecord``): the flag's proof
    readings: str | None = Field(default=None, sa_column=Column(Text))
    # price targets only
    outcome: str | None = Field(default=None, max_length=16)
    outcome_date: dt.date | None = None
    checker_version: str = Field(max_length=64)
    data_through: dt.date | None = None
    checked_at: dt.datetime = Field(default_factory=_now)


class FlagReview(SQLModel, table=True):
    """A reader's mark on a flag: "not an error" (dismissed) or "confirmed".

    Keyed by what the claim says (``claim_key``: article, kind, subject, figures, quote), not
    by its row id, so a mark survives re-checks and re-extraction that recreates the claim.
    The verdict at marking time is kept so an exported review can be replayed later.
    """

    __tablename__ = "flag_review"

    id: int | None = Field(default=None, primary_key=True)
    claim_key: str = Field(max_length=64, unique=True)
    claim_id: int | None = Field(default=None, index=True)  # the row marked (may be re-made)
    article_id: int = Field(index=True)
    mark: str = Field(max_length=16)  # not_error | confirmed
    reason: str | None = Field(default=None, sa_column=Column(Text))
    claim_json: str = Field(sa_column=Column(Text, nullable=False))  # the claim, contract + prov.
    verdict_json: str = Field(sa_column=Column(Text, nullable=False))  # the verdict when marked
    published: dt.date | None = None
    marked_at: dt.datetime = Field(default_factory=_now)


class ArticleStance(SQLModel, table=True):
    """An article's stance on one subject: the aggregate of its sentences about it."""

    __tablename__ = "article_stance"
    __table_args__ = (UniqueConstraint("article_id", "subject"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    subject: str = Field(index=True, max_length=64)
    stance: str = Field(max_length=8)
    score: float = 0.0
    n_sentences: int = 0
    model_version: str | None = Field(default=None, max_length=64)


class SubjectDay(SQLModel, table=True):
    """What one voice said about one subject on one day: the digest's counts, precomputed.

    Kept in step by ``store.rollup`` inside the transactions that write claims, verdicts and
    article stances, so a page sums a few thousand rows instead of reading a million claims.
    A voice is a source (``s<id>``) or a source-less article (``a<id>``); a syndicated copy
    speaks with its original's voice and adds only to ``claims``. Every count but ``claims``
    is over original articles.
    """

    __tablename__ = "subject_day"
    __table_args__ = (Index("ix_subject_day_subject_day", "subject", "day"),)

    day: dt.date = Field(primary_key=True)
    subject: str = Field(primary_key=True, max_length=64)
    voice: str = Field(primary_key=True, max_length=24)
    source_id: int | None = None
    articles: int = 0  # original articles about the subject
    article_net: int = 0  # the sum of their stances (+1 bullish, -1 bearish, 0 neutral)
    articles_bullish: int = 0
    articles_bearish: int = 0
    claims: int = 0  # every claim, syndicated copies' included
    bullish: int = 0  # claims by stance
    bearish: int = 0
    # claims by kind
    performance: int = 0
    price_level: int = 0
    price_target: int = 0
    rate_decision: int = 0
    rate_expectation: int = 0
    valuation: int = 0
    fundamental: int = 0
    # performance claims by verdict (the rest are unchecked)
    performance_supported: int = 0
    performance_contradicted: int = 0
    performance_unverifiable: int = 0
    flags: int = 0  # claims of any kind the market data contradicts
    target_low: float | None = None  # absolute price targets (usd / points)
    target_high: float | None = None


class PriceBarRow(SQLModel, table=True):
    """One daily bar. ``close`` is as traded (split-adjusted); ``adj_close`` is total return."""

    __tablename__ = "price_bar"

    symbol: str = Field(primary_key=True, max_length=32)
    date: dt.date = Field(primary_key=True)
    open: float | None = None
    high: float | None = None
    low: float | None = None
    close: float
    adj_close: float | None = None
    volume: float | None = None
    provider: str = Field(default="csv", max_length=32)


class RateObservationRow(SQLModel, table=True):
    """One observation of a rate series in percent (FRED ids: DFEDTARU, DFF, ...)."""

    __tablename__ = "rate_observation"

    series_id: str = Field(primary_key=True, max_length=32)
    date: dt.date = Field(primary_key=True)
    value: float
    provider: str = Field(default="csv", max_length=32)


class Instrument(SQLModel, table=True):
    """Something a claim can be about: a stock, ETF, index, future, rate or group."""

    __tablename__ = "instrument"

    symbol: str = Field(primary_key=True, max_length=32)
    kind: str = Field(index=True, max_length=16)  # stock | etf | index | future | rate | group
    name: str = Field(sa_column=Column(Text, nullable=False))
    aliases: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    exchange: str | None = Field(default=None, max_length=32)
    sector: str | None = Field(default=None, max_length=64)
    memberships: str = Field(default="", max_length=200)  # "|"-joined: russell2000|sp500|ndx
    active: bool = True
    last_seen: dt.date | None = None


class IngestRun(SQLModel, table=True):
    """One run of an ingest-like command: what it saw, added, skipped and failed on."""

    __tablename__ = "ingest_run"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32)  # feeds | files | market | instruments | extract | check
    target: str | None = Field(default=None, sa_column=Column(Text))
    started_at: dt.datetime = Field(default_factory=_now)
    finished_at: dt.datetime | None = None
    seconds: float | None = None
    items_seen: int = 0
    items_new: int = 0
    items_duplicate: int = 0
    items_syndicated: int = 0  # stored, but as a copy of an earlier article
    items_changed: int = 0  # existing rows updated (market data revisions)
    items_failed: int = 0
    errors: str = Field(default="[]", sa_column=Column(Text, nullable=False, default="[]"))
    status: str = Field(default="running", max_length=16)  # running|ok|partial|failed|interrupted
    pid: int | None = None  # the process running it: a later run closes it if that is gone
    host: str | None = Field(default=None, max_length=255)


def table_of(model: type[SQLModel]) -> Table:
    """The model's Core table, typed: SQLModel does not declare ``__table__``."""
    found = inspect(model).local_table
    assert isinstance(found, Table), model
    return found


class Watch(SQLModel, table=True):
    """A symbol on the reader's watchlist. ``state`` (JSON) is the alert baseline: what the
    sources said when the reader was last told (consensus, median target, voices, ...)."""

    __tablename__ = "watch"

    symbol: str = Field(primary_key=True, max_length=32)
    added_at: dt.datetime = Field(default_factory=_now)
    note: str | None = Field(default=None, sa_column=Column(Text))
    state: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
    state_at: dt.datetime | None = None


class WatchSource(SQLModel, table=True):
    """A per-ticker feed subscribed because its symbol is watched (removed with the watch)."""

    __tablename__ = "watch_source"
    __table_args__ = (UniqueConstraint("symbol", "source_id"),)

    id: int | None = Field(default=None, primary_key=True)
    symbol: str = Field(foreign_key="watch.symbol", index=True, max_length=32)
    source_id: int = Field(foreign_key="source.id", index=True)
    site: str = Field(max_length=64)


class Alert(SQLModel, table=True):
    """Something that changed on a watched subject; ``key`` makes it unique (told once)."""

    __tablename__ = "alert"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=64, unique=True)
    rule: str = Field(index=True, max_length=32)  # flag | flip | target_move | new_voice | cross
    subject: str = Field(index=True, max_length=32)
    day: dt.date | None = None
    title: str = Field(sa_column=Column(Text, nullable=False))
    detail: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
    created_at: dt.datetime = Field(default_factory=_now)
    run_id: int | None = None


class AlertDelivery(SQLModel, table=True):
    """One alert on one channel: pending until sent; a failure is kept and retried."""

    __tablename__ = "alert_delivery"
    __table_args__ = (UniqueConstraint("alert_id", "channel"),)

    id: int | None = Field(default=None, primary_key=True)
    alert_id: int = Field(foreign_key="alert.id", index=True)
    channel: str = Field(max_length=16)  # webhook | email
    status: str = Field(default="pending", index=True, max_length=16)  # pending | sent | failed
    attempts: int = 0
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    sent_at: dt.datetime | None = None


class DigestSnapshot(SQLModel, table=True):
    """The digest a daily run built for one day (JSON of ``digest.model.Digest``)."""

    __tablename__ = "digest_snapshot"

    day: dt.date = Field(primary_key=True)
    days: int = 7
    built_at: dt.datetime = Field(default_factory=_now)
    body: str = Field(sa_column=Column(Text, nullable=False))
    n_subjects: int = 0
    mailed_at: dt.datetime | None = None
    mail_error: str | None = Field(default=None, sa_column=Column(Text))
