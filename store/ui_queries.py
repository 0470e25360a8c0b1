"""Small, bounded queries for the app's pages (the app never touches tables directly).

Everything returns plain dicts/tuples (cheap to cache and to hand to pandas) and is bounded:
grouped in SQL or limited, so a page stays quick with a million claims.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import case, desc, func, select
from sqlalchemy.engine import Engine

from store.models import (
    Article,
    ArticleStance,
    ClaimRow,
    Instrument,
    PriceBarRow,
    Source,
)

A = Article.__table__.alias("a")
C = ClaimRow.__table__.alias("c")
S = Source.__table__.alias("s")
AS = ArticleStance.__table__.alias("ast")
P = PriceBarRow.__table__
INSTR = Instrument.__table__


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
