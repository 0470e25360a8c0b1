"""Small, bounded queries for the app's pages (the app never touches tables directly).

Everything returns plain dicts/tuples (cheap to cache and to hand to pandas) and is bounded:
grouped in SQL or limited, so a page stays quick with a million claims.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel
from sqlalchemy import case, desc, func, or_, select
from sqlalchemy.engine import Engine

from store.claims import ClaimListing
from store.models import (
    Article,
    ArticleStance,
    ClaimRow,
    Instrument,
    PriceBarRow,
    Source,
    VerdictRow,
    table_of,
)

A = table_of(Article).alias("a")
C = table_of(ClaimRow).alias("c")
S = table_of(Source).alias("s")
AS = table_of(ArticleStance).alias("ast")
P = table_of(PriceBarRow)
INSTR = table_of(Instrument)


def store_counts(engine: Engine) -> dict[str, int]:
    """How much is in the store (the first-run page shows when articles == 0)."""
    with engine.connect() as conn:
        has_article = conn.execute(select(A.c.id).limit(1)).first() is not None
        n_sources = conn.execute(select(func.count()).select_from(S)).scalar_one()
        n_instruments = conn.execute(select(func.count()).select_from(INSTR)).scalar_one()
        max_id = conn.execute(select(func.max(A.c.id))).scalar() or 0
        max_claim = conn.execute(select(func.max(C.c.id))).scalar() or 0
    # max(id) is O(1) on both engines; an exact count(*) over a million rows is not needed here
    return {
        "articles": int(max_id) if has_article else 0,
        "claims": int(max_claim),
        "sources": int(n_sources),
        "instruments": int(n_instruments),
    }


def subject_options(engine: Engine, limit: int = 5000) -> list[tuple[str, str]]:
    """(symbol, label) pairs for the ticker pickers: the instrument table, named."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(INSTR.c.symbol, INSTR.c.name).order_by(INSTR.c.symbol).limit(limit)
        ).all()
    return [(r[0], f"{r[0]} — {r[1]}") for r in rows]


def claimed_subjects(engine: Engine, since: dt.date, limit: int = 200) -> list[tuple[str, int]]:
    """The most-claimed subjects since ``since`` (groups like "small caps" included)."""
    stmt = (
        select(C.c.subject, func.count().label("n"))
        .select_from(C.join(A, A.c.id == C.c.article_id))
        .where(A.c.published >= since)
        .group_by(C.c.subject)
        .order_by(desc("n"))
        .limit(limit)
    )
    with engine.connect() as conn:
        return [(r[0], int(r[1])) for r in conn.execute(stmt)]


def source_options(engine: Engine) -> list[tuple[int, str]]:
    with engine.connect() as conn:
        rows = conn.execute(select(S.c.id, S.c.name, S.c.url).order_by(S.c.name, S.c.id)).all()
    return [(int(r[0]), r[1] or r[2]) for r in rows]


def source_health(engine: Engine) -> list[dict[str, Any]]:
    """Every source with its fetch health and how many articles it gave."""
    counts = (
        select(A.c.source_id, func.count().label("articles"), func.max(A.c.published).label("last"))
        .group_by(A.c.source_id)
        .subquery("counts")
    )
    stmt = (
        select(
            S.c.id,
            S.c.name,
            S.c.url,
            S.c.kind,
            S.c.active,
            S.c.last_fetch_at,
            S.c.last_ok_at,
            S.c.last_status,
            S.c.last_error,
            S.c.consecutive_failures,
            S.c.next_fetch_at,
            S.c.entries_seen,
            func.coalesce(counts.c.articles, 0).label("articles"),
            counts.c.last.label("last_article"),
        )
        .select_from(S.outerjoin(counts, counts.c.source_id == S.c.id))
        .order_by(S.c.id)
    )
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]


def price_series(
    engine: Engine, symbol: str, start: dt.date | None = None, end: dt.date | None = None
) -> list[tuple[dt.date, float]]:
    """(date, close) ascending; the market module's loader when present."""
    try:
        from store.market import load_bars

        return [(b.date, float(b.close)) for b in load_bars(engine, symbol, start, end)]
    except ImportError:
        pass
    stmt = select(P.c.date, P.c.close).where(P.c.symbol == symbol)
    if start:
        stmt = stmt.where(P.c.date >= start)
    if end:
        stmt = stmt.where(P.c.date <= end)
    with engine.connect() as conn:
        return [(r[0], float(r[1])) for r in conn.execute(stmt.order_by(P.c.date))]


def rate_series(
    engine: Engine, series_id: str, start: dt.date | None = None, end: dt.date | None = None
) -> list[tuple[dt.date, float]]:
    """(date, value) of a stored rate series in percent, ascending (the flag card's chart)."""
    from store.market import load_rates

    return [(o.date, float(o.value)) for o in load_rates(engine, series_id, start, end)]


def stance_timeline(
    engine: Engine, subject: str, start: dt.date, end: dt.date
) -> list[tuple[dt.date, str, int]]:
    """(day, stance, claims) for one subject: the stance split over time, grouped in SQL."""
    stmt = (
        select(A.c.published, C.c.stance, func.count().label("n"))
        .select_from(C.join(A, A.c.id == C.c.article_id))
        .where(
            C.c.subject == subject,
            A.c.published >= start,
            A.c.published <= end,
            A.c.duplicate_of_id.is_(None),
        )
        .group_by(A.c.published, C.c.stance)
        .order_by(A.c.published)
    )
    with engine.connect() as conn:
        return [(r[0], str(r[1]), int(r[2])) for r in conn.execute(stmt)]


def subject_sources(
    engine: Engine, subject: str, since: dt.date | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    """Who covers ``subject``: per source, articles, claims, last date, stance counts."""
    stmt = (
        select(
            A.c.source_id,
            func.coalesce(S.c.name, S.c.url).label("source"),
            func.count(func.distinct(A.c.id)).label("articles"),
            func.count().label("claims"),
            func.max(A.c.published).label("last"),
            func.sum(case((C.c.stance == "bullish", 1), else_=0)).label("bullish"),
            func.sum(case((C.c.stance == "bearish", 1), else_=0)).label("bearish"),
        )
        .select_from(C.join(A, A.c.id == C.c.article_id).outerjoin(S, S.c.id == A.c.source_id))
        .where(C.c.subject == subject)
        .group_by(A.c.source_id, S.c.name, S.c.url)
        .order_by(desc("claims"))
        .limit(limit)
    )
    if since:
        stmt = stmt.where(A.c.published >= since)
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]


class SubjectChoice(BaseModel):
    """One entry of a subject picker: the symbol, its instrument name, how often it is claimed."""

    symbol: str
    name: str | None = None
    claims: int = 0

    @property
    def label(self) -> str:
        named = f"{self.symbol} — {self.name}" if self.name else self.symbol
        return f"{named} · {self.claims:,} claims" if self.claims else named


def subject_claim_counts(engine: Engine) -> dict[str, int]:
    """Claims per subject, all time (an index-only scan of ``ix_claim_subject_kind``)."""
    stmt = select(C.c.subject, func.count().label("n")).group_by(C.c.subject)
    with engine.connect() as conn:
        return {str(r[0]): int(r[1]) for r in conn.execute(stmt)}


def subject_choices(
    engine: Engine,
    query: str | None = None,
    *,
    limit: int = 50,
    counts: dict[str, int] | None = None,
) -> list[SubjectChoice]:
    """What a picker offers: the most-discussed subjects, or those matching ``query``.

    The query matches the whole instrument table (symbol prefix, name or alias substring,
    case-insensitive) and claimed groups such as "small caps"; matches are ordered by how
    often they are claimed, then exact symbol, symbol prefix, then shorter names.
    """
    counts = subject_claim_counts(engine) if counts is None else counts
    q = (query or "").strip()
    if not q:
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        names = instrument_names(engine, [s for s, _ in top])
        return [SubjectChoice(symbol=s, name=names.get(s), claims=n) for s, n in top]
    low = q.lower()
    sym = q.upper()
    like = "%" + low.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    sym_like = sym.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    stmt = (
        select(INSTR.c.symbol, INSTR.c.name)
        .where(
            or_(
                INSTR.c.symbol.like(sym_like, escape="\\"),
                INSTR.c.symbol.like("^" + sym_like.lstrip("^"), escape="\\"),
                func.lower(INSTR.c.name).like(like, escape="\\"),
                func.lower(INSTR.c.aliases).like(like, escape="\\"),
            )
        )
        .limit(2000)
    )
    with engine.connect() as conn:
        found = {str(r[0]): r[1] for r in conn.execute(stmt)}
    for subject in counts:  # groups and unlisted subjects ("small caps")
        if subject not in found and low in subject.lower():
            found[subject] = None

    def rank(item: tuple[str, str | None]) -> tuple:
        s, name = item
        exact = s.upper() in (sym, "^" + sym.lstrip("^"))
        return (
            not exact,
            -counts.get(s, 0),
            not s.upper().startswith(sym.lstrip("^")),
            len(name or s),
            s,
        )

    ranked = sorted(found.items(), key=rank)[:limit]
    return [SubjectChoice(symbol=s, name=n, claims=counts.get(s, 0)) for s, n in ranked]


def instrument_names(engine: Engine, symbols: list[str]) -> dict[str, str]:
    """Instrument names for ``symbols`` (those not in the table are left out)."""
    if not symbols:
        return {}
    with engine.connect() as conn:
        rows = conn.execute(
            select(INSTR.c.symbol, INSTR.c.name).where(INSTR.c.symbol.in_(symbols))
        ).all()
    return {str(r[0]): str(r[1]) for r in rows}


def busiest_recent_day(engine: Engine, within_days: int = 30) -> dt.date | None:
    """The day with the most articles among the last ``within_days`` days that have any
    (ties go to the later day): a digest that opens there is never nearly empty."""
    with engine.connect() as conn:
        latest = conn.execute(select(func.max(A.c.published))).scalar()
        if latest is None:
            return None
        if isinstance(latest, str):
            latest = dt.date.fromisoformat(latest[:10])
        stmt = (
            select(A.c.published, func.count().label("n"))
            .where(A.c.published >= latest - dt.timedelta(days=within_days))
            .group_by(A.c.published)
            .order_by(desc("n"), desc(A.c.published))
            .limit(1)
        )
        row = conn.execute(stmt).first()
    return row[0] if row else latest


class ArticleClaim(ClaimListing):
    """A claim as the article view highlights it: where it sits and what the check found."""


class ArticleCopy(BaseModel):
    """Another outlet's copy of the same story (a syndicated duplicate)."""

    article_id: int
    source: str | None = None
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None


class ArticleView(BaseModel):
    """One article as the reader opens it: identity, text, claims, and its other copies."""

    article_id: int
    title: str | None = None
    source: str | None = None
    published: dt.date | None = None
    url: str | None = None
    canonical_url: str | None = None
    text: str
    duplicate_of_id: int | None = None
    claims: list[ArticleClaim] = []
    copies: list[ArticleCopy] = []

    @property
    def link(self) -> str | None:
        """The page's own web address: the canonical https URL beats a ``file://`` one."""
        for u in (self.canonical_url, self.url):
            if u and u.lower().startswith(("https://", "http://")):
                return u
        return None


def article_view(engine: Engine, article_id: int) -> ArticleView | None:
    """The article, its claims in text order with verdicts, and every copy of its story.

    A syndicated copy shows its own text and claims; the copies list holds the whole group
    (the first copy and its other duplicates) so the reader sees every outlet.
    """
    V = table_of(VerdictRow)
    with engine.connect() as conn:
        row = conn.execute(
            select(
                A.c.id,
                A.c.title,
                A.c.published,
                A.c.url,
                A.c.canonical_url,
                A.c.text,
                A.c.duplicate_of_id,
                func.coalesce(S.c.name, S.c.url).label("source"),
            )
            .select_from(A.outerjoin(S, S.c.id == A.c.source_id))
            .where(A.c.id == article_id)
        ).first()
        if row is None:
            return None
        claims = (
            conn.execute(
                select(
                    C.c.id.label("claim_id"),
                    C.c.article_id,
                    C.c.kind,
                    C.c.subject,
                    C.c.value,
                    C.c.low,
                    C.c.high,
                    C.c.unit,
                    C.c.stance,
                    C.c.quote,
                    C.c.start,
                    C.c.end,
                    V.c.verdict,
                    V.c.actual,
                    V.c.reason,
                )
                .select_from(C.outerjoin(V, V.c.claim_id == C.c.id))
                .where(C.c.article_id == article_id)
                .order_by(C.c.start, C.c.id)
            )
            .mappings()
            .all()
        )
        head = row.duplicate_of_id or row.id
        copies = (
            conn.execute(
                select(
                    A.c.id.label("article_id"),
                    func.coalesce(S.c.name, S.c.url).label("source"),
                    A.c.published,
                    A.c.title,
                    func.coalesce(A.c.canonical_url, A.c.url).label("url"),
                )
                .select_from(A.outerjoin(S, S.c.id == A.c.source_id))
                .where(or_(A.c.id == head, A.c.duplicate_of_id == head), A.c.id != article_id)
                .order_by(A.c.published, A.c.id)
            )
            .mappings()
            .all()
        )
    return ArticleView(
        article_id=row.id,
        title=row.title,
        source=row.source,
        published=row.published,
        url=row.url,
        canonical_url=row.canonical_url,
        text=row.text,
        duplicate_of_id=row.duplicate_of_id,
        claims=[ArticleClaim.model_validate(dict(c)) for c in claims],
        copies=[ArticleCopy.model_validate(dict(c)) for c in copies],
    )


def outlets(engine: Engine, article_ids: list[int]) -> dict[int, list[str]]:
    """For each first copy in ``article_ids``, the sources of its syndicated copies."""
    if not article_ids:
        return {}
    stmt = (
        select(A.c.duplicate_of_id, func.coalesce(S.c.name, S.c.url))
        .select_from(A.outerjoin(S, S.c.id == A.c.source_id))
        .where(A.c.duplicate_of_id.in_(sorted(set(article_ids))))
        .order_by(A.c.id)
    )
    out: dict[int, list[str]] = {}
    with engine.connect() as conn:
        for head, name in conn.execute(stmt):
            out.setdefault(int(head), []).append(str(name or "?"))
    return out
