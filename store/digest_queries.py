"""The queries behind the digest: aggregate in SQL, hand back small rows.

A window of days can hold tens of thousands of articles and hundreds of thousands of claims,
so nothing here loads claims wholesale: stances are grouped per (subject, article), lists
are cut per subject with ``ROW_NUMBER()``, and only targets/levels/rate calls (a small
fraction of claims) come back row by row. A syndicated copy (``duplicate_of_id``) is read
as its original: its claims count for the original article and the original's source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Join, Select, and_, case, desc, func, literal, select
from sqlalchemy.engine import Engine

from store.claims import ClaimBrief
from store.models import (
    Article,
    ClaimRow,
    FlagReview,
    Instrument,
    PriceBarRow,
    Source,
    SubjectDay,
    VerdictRow,
    table_of,
)

A = table_of(Article).alias("a")
ORIG = table_of(Article).alias("o")  # the original of a syndicated copy (or the article itself)
C = table_of(ClaimRow).alias("c")
V = table_of(VerdictRow).alias("v")
S = table_of(Source).alias("s")
SD = table_of(SubjectDay)
FR = table_of(FlagReview)
P = table_of(PriceBarRow)
INSTR = table_of(Instrument)

CANON = func.coalesce(A.c.duplicate_of_id, A.c.id)
ABSOLUTE_UNITS = ("usd", "points", "usd_per_share")


def source_label(name: str | None, url: str | None, article_id: int | None = None) -> str:
    """A readable name for a voice: the source's name, its URL, or the lone article."""
    return name or url or f"article {article_id}"


def voice_key(source_id: int | None, canon_id: int) -> str:
    """One voice per source; an article with no source is a voice of its own."""
    return f"s{source_id}" if source_id is not None else f"a{canon_id}"


def _window(stmt: Select, start: dt.date, end: dt.date) -> Select:
    return stmt.where(A.c.published >= start, A.c.published <= end)


def _canon_join(stmt: Select) -> Select:
    return stmt.join(ORIG, ORIG.c.id == CANON).outerjoin(S, S.c.id == ORIG.c.source_id)


def _rows(engine: Engine, stmt: Select) -> list[dict[str, Any]]:
    """Plain dicts: several times cheaper to read than ``RowMapping`` in the digest's loops."""
    with engine.connect() as conn:
        result = conn.execute(stmt)
        keys = list(result.keys())
        return [dict(zip(keys, row, strict=True)) for row in result]


def latest_article_day(engine: Engine, on_or_before: dt.date | None = None) -> dt.date | None:
    """The newest day with articles (optionally not after ``on_or_before``)."""
    stmt = select(func.max(A.c.published))
    if on_or_before is not None:
        stmt = stmt.where(A.c.published <= on_or_before)
    with engine.connect() as conn:
        value = conn.execute(stmt).scalar()
    if isinstance(value, str):  # defensive: a raw SQLite text date
        value = dt.date.fromisoformat(value[:10])
    return value


def busiest_article_day(engine: Engine) -> dt.date | None:
    """The day with the most articles (the later one on a tie): a store's richest digest."""
    n = func.count().label("n")
    stmt = (
        select(A.c.published, n)
        .where(A.c.published.is_not(None))
        .group_by(A.c.published)
        .order_by(desc(n), desc(A.c.published))
        .limit(1)
    )
    with engine.connect() as conn:
        row = conn.execute(stmt).first()
    return row[0] if row else None


def has_articles_on(engine: Engine, day: dt.date) -> bool:
    with engine.connect() as conn:
        stmt = select(A.c.id).where(A.c.published == day).limit(1)
        return conn.execute(stmt).first() is not None


def summary_rows(engine: Engine, start: dt.date, end: dt.date) -> list[tuple]:
    """The ``subject_day`` summary summed over the window, per (subject, voice): (subject,
    voice, source_id, articles, article_net, articles_bullish, articles_bearish, claims,
    bullish, bearish, performance, supported, contradicted, unverifiable, flags)."""
    t = SD
    stmt = (
        select(
            t.c.subject,
            t.c.voice,
            t.c.source_id,
            *(
                func.sum(t.c[name])
                for name in (
                    "articles",
                    "article_net",
                    "articles_bullish",
                    "articles_bearish",
                    "claims",
                    "bullish",
                    "bearish",
                    "performance",
                    "performance_supported",
                    "performance_contradicted",
                    "performance_unverifiable",
                    "flags",
                )
            ),
        )
        .where(t.c.day >= start, t.c.day <= end)
        .group_by(t.c.subject, t.c.voice, t.c.source_id)
    )
    return _tuples(engine, stmt)


def _latest_ids(engine: Engine, stmt: Select, n: int) -> list[int]:
    with engine.connect() as conn:
        return [int(r[0]) for r in conn.execute(stmt.limit(n))]


def performance_ids(
    engine: Engine, subject: str, start: dt.date, end: dt.date, n: int
) -> list[int]:
    """The ``n`` performance claims a reader sees first: contradicted ones, then the newest
    (originals only: a copy's claims are its original's)."""
    contradicted = case((V.c.verdict == "contradicted", 1), else_=0)
    stmt = (
        select(C.c.id)
        .select_from(C.join(A, A.c.id == C.c.article_id).outerjoin(V, V.c.claim_id == C.c.id))
        .where(
            C.c.subject == subject,
            C.c.kind == "performance",
            A.c.duplicate_of_id.is_(None),
        )
        .order_by(desc(contradicted), desc(A.c.published), desc(C.c.id))
    )
    return _latest_ids(engine, _window(stmt, start, end), n)


def sided_ids(
    engine: Engine, subject: str, stance: str, start: dt.date, end: dt.date, n: int
) -> list[int]:
    """The newest ``n`` claims on ``subject`` with ``stance`` (originals only)."""
    stmt = (
        select(C.c.id)
        .select_from(C.join(A, A.c.id == C.c.article_id))
        .where(C.c.subject == subject, C.c.stance == stance, A.c.duplicate_of_id.is_(None))
        .order_by(desc(A.c.published), desc(C.c.id))
    )
    return _latest_ids(engine, _window(stmt, start, end), n)


def list_candidates(engine: Engine, start: dt.date, end: dt.date) -> list[tuple]:
    """(subject, kind, stance, claim_id, published, verdict) of every original article's
    claim in the window: one pass that lists claims under many subjects at once."""
    stmt = (
        select(C.c.subject, C.c.kind, C.c.stance, C.c.id, A.c.published, V.c.verdict)
        .select_from(C.join(A, A.c.id == C.c.article_id).outerjoin(V, V.c.claim_id == C.c.id))
        .where(A.c.duplicate_of_id.is_(None))
    )
    return _tuples(engine, _window(stmt, start, end))


def flagged_article_ids(
    engine: Engine,
    start: dt.date | None,
    end: dt.date | None,
    n: int,
    *,
    subject: str | None = None,
    confidences: list[str] | None = None,
) -> list[int]:
    """The ``n`` original articles with the most contradicted claims (then the newest),
    published in ``start`` .. ``end`` (None: open), about ``subject``, at these confidences:
    what a limited list of flagged articles is drawn from."""
    count = func.count().label("n")
    stmt = (
        select(A.c.id)
        .select_from(C.join(A, A.c.id == C.c.article_id).join(V, V.c.claim_id == C.c.id))
        .where(V.c.verdict == "contradicted", A.c.duplicate_of_id.is_(None))
        .group_by(A.c.id, A.c.published)
        .order_by(desc(count), desc(A.c.published), desc(A.c.id))
    )
    if start is not None:
        stmt = stmt.where(A.c.published >= start)
    if end is not None:
        stmt = stmt.where(A.c.published <= end)
    if subject:
        stmt = stmt.where(func.upper(C.c.subject) == subject.upper())
    if confidences is not None:
        stmt = stmt.where(V.c.confidence.in_(confidences))
    return _latest_ids(engine, stmt, n)


def dismissed_flags_by_subject(engine: Engine, start: dt.date, end: dt.date) -> dict[str, int]:
    """Per subject, the window's contradicted claims a reader marked "not an error" (the
    review table is small; the summary counts every contradicted claim).

    Read from the review table first: joined in one statement, SQLite's planner starts from
    the claims and scans the window (0.2 s at 1M claims) even when nothing is marked."""
    with engine.connect() as conn:
        marked = [
            int(r[0])
            for r in conn.execute(
                select(FR.c.claim_id).where(FR.c.mark == "not_error", FR.c.claim_id.is_not(None))
            )
        ]
        out: dict[str, int] = {}
        for i in range(0, len(marked), 500):
            stmt = (
                select(C.c.subject, func.count())
                .select_from(C.join(A, A.c.id == C.c.article_id).join(V, V.c.claim_id == C.c.id))
                .where(
                    C.c.id.in_(marked[i : i + 500]),
                    V.c.verdict == "contradicted",
                    A.c.duplicate_of_id.is_(None),
                )
                .group_by(C.c.subject)
            )
            for subject, n in conn.execute(_window(stmt, start, end)):
                out[str(subject)] = out.get(str(subject), 0) + int(n)
    return out


def dismissed_articles(engine: Engine) -> int:
    """How many articles hold a flag a reader marked "not an error" (a small table)."""
    with engine.connect() as conn:
        stmt = select(func.count(func.distinct(FR.c.article_id))).where(FR.c.mark == "not_error")
        return int(conn.execute(stmt).scalar_one())


def briefs_by_id(engine: Engine, claim_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Full brief rows (claim, article, source, verdict) for chosen claims."""
    ids = list(claim_ids)
    out: dict[int, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        stmt = (
            select(*_brief_columns()).select_from(_brief_from()).where(C.c.id.in_(ids[i : i + 500]))
        )
        out.update({r["claim_id"]: r for r in _rows(engine, stmt)})
    return out


def source_labels(engine: Engine) -> dict[int, str]:
    """Every source's readable name (the source table is small: hundreds of rows)."""
    with engine.connect() as conn:
        rows = conn.execute(select(S.c.id, S.c.name, S.c.url)).all()
    return {int(r[0]): source_label(r[1], r[2]) for r in rows}


def window_article_count(engine: Engine, start: dt.date, end: dt.date) -> int:
    with engine.connect() as conn:
        stmt = _window(select(func.count()).select_from(A), start, end)
        return int(conn.execute(stmt).scalar_one())


def _tuples(engine: Engine, stmt: Select) -> list[tuple]:
    """Rows as the driver returns them, skipping SQLAlchemy's per-row processing (several
    times faster on 100,000 rows). Dates stay ISO strings on SQLite, ``date`` on PostgreSQL:
    callers only compare them with each other."""
    compiled = stmt.compile(dialect=engine.dialect, compile_kwargs={"render_postcompile": True})
    params = dict(compiled.params)
    if engine.dialect.name == "sqlite":
        params = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in params.items()}
    args: object = (
        tuple(params[k] for k in compiled.positiontup or ()) if compiled.positional else params
    )
    with engine.connect() as conn:
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(str(compiled), args)
            return [tuple(r) for r in cursor.fetchall()]
        finally:
            cursor.close()


def target_tuples(engine: Engine, start: dt.date, end: dt.date) -> list[tuple]:
    """(subject, point, unit, source_id, canon_id, published, horizon, stance) per distinct
    absolute target; a syndicated copy's repeat of its original collapses in ``DISTINCT``."""
    point = func.coalesce(C.c.value, (C.c.low + C.c.high) / 2.0, C.c.low, C.c.high)
    stmt = (
        select(
            C.c.subject,
            point,
            C.c.unit,
            ORIG.c.source_id,
            CANON,
            ORIG.c.published,
            C.c.horizon,
            C.c.stance,
        )
        .select_from(C.join(A, A.c.id == C.c.article_id).join(ORIG, ORIG.c.id == CANON))
        .where(C.c.kind == "price_target", C.c.unit.in_(ABSOLUTE_UNITS), point.is_not(None))
    )
    return list(set(_tuples(engine, _window(stmt, start, end))))  # set(): cheaper than DISTINCT


def level_tuples(engine: Engine, start: dt.date, end: dt.date) -> list[tuple]:
    """(subject, role, low, high, source_id, canon_id) per distinct support/resistance level."""
    lo = func.coalesce(C.c.low, C.c.value)
    hi = func.coalesce(C.c.high, C.c.value)
    stmt = (
        select(C.c.subject, C.c.role, lo, hi, ORIG.c.source_id, CANON)
        .select_from(C.join(A, A.c.id == C.c.article_id).join(ORIG, ORIG.c.id == CANON))
        .where(
            C.c.kind == "price_level",
            C.c.role.in_(["support", "resistance"]),
            lo.is_not(None),
            hi.is_not(None),
        )
    )
    return list(set(_tuples(engine, _window(stmt, start, end))))  # set(): cheaper than DISTINCT


def rate_groups(engine: Engine, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Rate expectations grouped by (subject, horizon, size, unit) in SQL, with the sources.

    ``mentions`` counts original articles, so a syndicated copy does not add one.
    """
    horizon = func.coalesce(C.c.horizon, literal("unspecified"))
    base = C.join(A, A.c.id == C.c.article_id).join(ORIG, ORIG.c.id == CANON)
    stmt = (
        select(
            C.c.subject,
            horizon.label("horizon"),
            C.c.value,
            C.c.unit,
            func.count(func.distinct(CANON)).label("mentions"),
            func.avg(C.c.probability).label("mean_p"),
            func.min(C.c.probability).label("min_p"),
            func.max(C.c.probability).label("max_p"),
        )
        .select_from(base)
        .where(C.c.kind == "rate_expectation")
        .group_by(C.c.subject, horizon, C.c.value, C.c.unit)
    )
    groups = _rows(engine, _window(stmt, start, end))
    who = (
        select(C.c.subject, horizon, C.c.value, C.c.unit, ORIG.c.source_id, CANON)
        .distinct()
        .select_from(base)
        .where(C.c.kind == "rate_expectation")
    )
    voices: dict[tuple, set[tuple]] = {}
    for subject, h, value, unit, source_id, canon in _tuples(engine, _window(who, start, end)):
        voices.setdefault((subject, h, value, unit), set()).add((source_id, canon))
    for g in groups:
        g["voices"] = sorted(
            voices.get((g["subject"], g["horizon"], g["value"], g["unit"]), set()),
            key=lambda v: (v[0] is None, v[0] or 0, v[1]),
        )
    return groups


def _brief_columns() -> list:
    return [
        C.c.id.label("claim_id"),
        C.c.article_id,
        C.c.kind,
        C.c.subject,
        C.c.value,
        C.c.low,
        C.c.high,
        C.c.unit,
        C.c.comparator,
        C.c.role,
        C.c.stance,
        C.c.quote,
        C.c.start,
        C.c.end,
        C.c.period_start,
        C.c.period_end,
        C.c.horizon,
        C.c.probability,
        A.c.source_id,
        A.c.published,
        A.c.title,
        func.coalesce(A.c.canonical_url, A.c.url).label("url"),  # the web page, not file://
        S.c.name.label("source_name"),
        S.c.url.label("source_url"),
        V.c.verdict,
        V.c.actual,
        V.c.difference,
        V.c.tolerance,
        V.c.reason,
        V.c.series,
        V.c.date_start,
        V.c.date_end,
    ]


def _brief_from() -> Join:
    return (
        C.join(A, A.c.id == C.c.article_id)
        .outerjoin(S, S.c.id == A.c.source_id)
        .outerjoin(V, V.c.claim_id == C.c.id)
    )


def contradicted_briefs(
    engine: Engine,
    *,
    article_ids: Iterable[int] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    subject: str | None = None,
    originals_only: bool = False,
    limit: int | None = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Contradicted claims with their verdicts, newest articles first (``limit`` None: all).

    ``originals_only`` leaves out syndicated copies' own claims.
    """
    stmt = (
        select(
            *_brief_columns(),
            V.c.severity,
            V.c.tolerance_reason,
            V.c.stand_in,
            V.c.basis,
            V.c.confidence,
            V.c.readings,
            V.c.data_through,
        )
        .select_from(_brief_from())
        .where(V.c.verdict == "contradicted")
    )
    if article_ids is not None:
        stmt = stmt.where(C.c.article_id.in_(list(article_ids)))
    if since is not None:
        stmt = stmt.where(A.c.published >= since)
    if until is not None:
        stmt = stmt.where(A.c.published <= until)
    if subject:
        stmt = stmt.where(C.c.subject == subject)
    if originals_only:
        stmt = stmt.where(A.c.duplicate_of_id.is_(None))
    stmt = stmt.order_by(desc(A.c.published), desc(C.c.id)).limit(limit).offset(offset)
    return _rows(engine, stmt)


def brief(r: dict[str, Any]) -> ClaimBrief:
    """A row of the brief columns (claim, article, source, verdict) as a ``ClaimBrief``."""
    return ClaimBrief(
        claim_id=r["claim_id"],
        article_id=r["article_id"],
        kind=r["kind"],
        subject=r["subject"],
        value=r["value"],
        low=r["low"],
        high=r["high"],
        unit=r["unit"],
        comparator=r["comparator"],
        role=r["role"],
        stance=r["stance"],
        quote=r["quote"],
        start=r["start"],
        end=r["end"],
        period_start=r["period_start"],
        period_end=r["period_end"],
        horizon=r["horizon"],
        probability=r["probability"],
        source=source_label(r["source_name"], r["source_url"], r["article_id"]),
        source_id=r["source_id"],
        published=r["published"],
        title=r["title"],
        url=r["url"],
        verdict=r["verdict"],
        actual=r["actual"],
        difference=r["difference"],
        tolerance=r["tolerance"],
        reason=r["reason"],
        series=r["series"],
        date_start=r["date_start"],
        date_end=r["date_end"],
    )


def copies_of(engine: Engine, article_ids: Iterable[int]) -> list[dict[str, Any]]:
    """The syndicated copies of these articles, with their own source."""
    ids = list(article_ids)
    if not ids:
        return []
    stmt = (
        select(
            A.c.id.label("article_id"),
            A.c.duplicate_of_id,
            A.c.title,
            func.coalesce(A.c.canonical_url, A.c.url).label("url"),
            A.c.published,
            S.c.name.label("source_name"),
            S.c.url.label("source_url"),
        )
        .select_from(A.outerjoin(S, S.c.id == A.c.source_id))
        .where(A.c.duplicate_of_id.in_(ids))
        .order_by(A.c.id)
    )
    return _rows(engine, stmt)


def close_as_of(engine: Engine, symbol: str, day: dt.date) -> tuple[dt.date, float] | None:
    """The last close on or before ``day`` (the subject's own series; ``^RUT`` is an index)."""
    return closes_as_of(engine, [symbol], day).get(symbol)


def closes_as_of(
    engine: Engine, symbols: Iterable[str], day: dt.date
) -> dict[str, tuple[dt.date, float]]:
    """The last close on or before ``day`` for each symbol that has one, in one query."""
    symbols = list(symbols)
    out: dict[str, tuple[dt.date, float]] = {}
    with engine.connect() as conn:
        for i in range(0, len(symbols), 500):
            chunk = symbols[i : i + 500]
            last = (
                select(P.c.symbol, func.max(P.c.date).label("d"))
                .where(P.c.symbol.in_(chunk), P.c.date <= day)
                .group_by(P.c.symbol)
                .subquery("last")
            )
            stmt = select(P.c.symbol, P.c.date, P.c.close).join(
                last, and_(P.c.symbol == last.c.symbol, P.c.date == last.c.d)
            )
            out.update({r[0]: (r[1], float(r[2])) for r in conn.execute(stmt)})
    return out


def instrument_names(engine: Engine, symbols: Iterable[str]) -> dict[str, str]:
    symbols = list(symbols)
    if not symbols:
        return {}
    out: dict[str, str] = {}
    with engine.connect() as conn:
        for i in range(0, len(symbols), 500):
            chunk = symbols[i : i + 500]
            stmt = select(INSTR.c.symbol, INSTR.c.name).where(INSTR.c.symbol.in_(chunk))
            out.update({r[0]: r[1] for r in conn.execute(stmt)})
    return out
