"""The queries behind the digest: aggregate in SQL, hand back small rows.

A window of days can hold tens of thousands of articles and hundreds of thousands of claims,
so nothing here loads claims wholesale: stances are grouped per (subject, article), lists
are cut per subject with ``ROW_NUMBER()``, and only targets/levels/rate calls (a small
fraction of claims) come back row by row. A syndicated copy (``duplicate_of_id``) is read
as its original: its claims count for the original article and the original's source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Select, and_, case, desc, func, literal, or_, select
from sqlalchemy.engine import Engine, RowMapping

from thesisdesk.store.models import (
    Article,
    ArticleStance,
    ClaimRow,
    Instrument,
    PriceBarRow,
    Source,
    VerdictRow,
)

A = Article.__table__.alias("a")
ORIG = Article.__table__.alias("o")  # the original of a syndicated copy (or the article itself)
C = ClaimRow.__table__.alias("c")
V = VerdictRow.__table__.alias("v")
S = Source.__table__.alias("s")
AS = ArticleStance.__table__.alias("ast")
P = PriceBarRow.__table__
INSTR = Instrument.__table__

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


def _rows(engine: Engine, stmt: Select) -> list[RowMapping]:
    with engine.connect() as conn:
        return list(conn.execute(stmt).mappings())


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


def has_articles_on(engine: Engine, day: dt.date) -> bool:
    with engine.connect() as conn:
        stmt = select(A.c.id).where(A.c.published == day).limit(1)
        return conn.execute(stmt).first() is not None


def window_counts(engine: Engine, start: dt.date, end: dt.date) -> tuple[int, int]:
    """(articles, claims) in the window, syndicated copies included."""
    with engine.connect() as conn:
        n_articles = conn.execute(
            _window(select(func.count()).select_from(A), start, end)
        ).scalar_one()
        n_claims = conn.execute(
            _window(
                select(func.count()).select_from(C.join(A, A.c.id == C.c.article_id)), start, end
            )
        ).scalar_one()
    return int(n_articles), int(n_claims)


def claim_stance_groups(engine: Engine, start: dt.date, end: dt.date) -> list[RowMapping]:
    """Per (subject, original article): its source and how many claims lean each way."""
    stmt = select(
        C.c.subject,
        CANON.label("canon_id"),
        ORIG.c.source_id,
        S.c.name.label("source_name"),
        S.c.url.label("source_url"),
        func.sum(case((C.c.stance == "bullish", 1), else_=0)).label("bull"),
        func.sum(case((C.c.stance == "bearish", 1), else_=0)).label("bear"),
        func.count().label("n"),
    ).select_from(C.join(A, A.c.id == C.c.article_id))
    stmt = _canon_join(_window(stmt, start, end)).group_by(
        C.c.subject, CANON, ORIG.c.source_id, S.c.name, S.c.url
    )
    return _rows(engine, stmt)


def article_stance_rows(engine: Engine, start: dt.date, end: dt.date) -> list[RowMapping]:
    """ArticleStance rows in the window, read as their original article."""
    stmt = select(
        AS.c.subject,
        CANON.label("canon_id"),
        ORIG.c.source_id,
        S.c.name.label("source_name"),
        S.c.url.label("source_url"),
        AS.c.stance,
        AS.c.score,
    ).select_from(AS.join(A, A.c.id == AS.c.article_id))
    return _rows(engine, _canon_join(_window(stmt, start, end)))


def claim_rows(
    engine: Engine,
    start: dt.date,
    end: dt.date,
    kind: str,
    *,
    roles: Sequence[str] | None = None,
    units: Sequence[str] | None = None,
) -> list[RowMapping]:
    """Every claim of one (rare) kind in the window with its original article and source."""
    stmt = select(
        C.c.id.label("claim_id"),
        C.c.subject,
        C.c.value,
        C.c.low,
        C.c.high,
        C.c.unit,
        C.c.role,
        C.c.horizon,
        C.c.probability,
        C.c.stance,
        C.c.period_start,
        C.c.period_end,
        CANON.label("canon_id"),
        ORIG.c.source_id,
        ORIG.c.published,
        S.c.name.label("source_name"),
        S.c.url.label("source_url"),
    ).select_from(C.join(A, A.c.id == C.c.article_id))
    stmt = _canon_join(_window(stmt, start, end)).where(C.c.kind == kind)
    if roles:
        stmt = stmt.where(C.c.role.in_(list(roles)))
    if units:
        stmt = stmt.where(C.c.unit.in_(list(units)))
    return _rows(engine, stmt)


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
        A.c.url,
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


def _brief_from() -> object:
    return (
        C.join(A, A.c.id == C.c.article_id)
        .outerjoin(S, S.c.id == A.c.source_id)
        .outerjoin(V, V.c.claim_id == C.c.id)
    )


def claim_briefs_per_subject(
    engine: Engine,
    start: dt.date,
    end: dt.date,
    *,
    kinds: Sequence[str] | None = None,
    stances: Sequence[str] | None = None,
    per_subject: int = 10,
    partition_by_stance: bool = False,
    contradicted_first: bool = True,
) -> list[RowMapping]:
    """Up to ``per_subject`` claims per subject (contradicted first, then newest).

    Syndicated copies are skipped: their claims are their original's.
    """
    partition = [C.c.subject, C.c.stance] if partition_by_stance else [C.c.subject]
    order = [desc(A.c.published), desc(C.c.id)]
    source = C.join(A, A.c.id == C.c.article_id)
    if contradicted_first:
        order.insert(0, desc(case((V.c.verdict == "contradicted", 1), else_=0)))
        source = source.outerjoin(V, V.c.claim_id == C.c.id)
    rn = func.row_number().over(partition_by=partition, order_by=order).label("rn")
    # rank on narrow rows first; the wide columns (quote, title) are joined for the winners only
    inner = select(C.c.id.label("cid"), rn).select_from(source)
    inner = _window(inner, start, end).where(A.c.duplicate_of_id.is_(None))
    if kinds:
        inner = inner.where(C.c.kind.in_(list(kinds)))
    if stances:
        inner = inner.where(C.c.stance.in_(list(stances)))
    ranked = inner.subquery("ranked")
    stmt = (
        select(*_brief_columns())
        .select_from(ranked.join(C, C.c.id == ranked.c.cid))
        .join(A, A.c.id == C.c.article_id)
        .outerjoin(S, S.c.id == A.c.source_id)
        .outerjoin(V, V.c.claim_id == C.c.id)
        .where(ranked.c.rn <= per_subject)
    )
    return _rows(engine, stmt)


def verdict_counts(
    engine: Engine, start: dt.date, end: dt.date, kind: str
) -> dict[str, dict[str, int]]:
    """{subject: {verdict: n}} for claims of ``kind`` in the window (copies skipped)."""
    label = func.coalesce(V.c.verdict, literal("unchecked"))
    stmt = (
        select(C.c.subject, label.label("verdict"), func.count().label("n"))
        .select_from(C.join(A, A.c.id == C.c.article_id).outerjoin(V, V.c.claim_id == C.c.id))
        .where(C.c.kind == kind, A.c.duplicate_of_id.is_(None))
        .group_by(C.c.subject, label)
    )
    out: dict[str, dict[str, int]] = {}
    for row in _rows(engine, _window(stmt, start, end)):
        out.setdefault(row["subject"], {})[row["verdict"]] = int(row["n"])
    return out


def stance_claim_counts(engine: Engine, start: dt.date, end: dt.date) -> dict[str, dict[str, int]]:
    """{subject: {stance: n}} over claims in the window (copies skipped)."""
    stmt = (
        select(C.c.subject, C.c.stance, func.count().label("n"))
        .select_from(C.join(A, A.c.id == C.c.article_id))
        .where(A.c.duplicate_of_id.is_(None))
        .group_by(C.c.subject, C.c.stance)
    )
    out: dict[str, dict[str, int]] = {}
    for row in _rows(engine, _window(stmt, start, end)):
        out.setdefault(row["subject"], {})[row["stance"]] = int(row["n"])
    return out


def flagged_article_rows(
    engine: Engine,
    start: dt.date | None,
    end: dt.date | None,
    *,
    ticker: str | None = None,
    limit: int = 50,
) -> list[RowMapping]:
    """Articles with contradicted claims, most contradictions first."""
    stmt = (
        select(
            A.c.id.label("article_id"),
            A.c.title,
            A.c.url,
            A.c.published,
            S.c.name.label("source_name"),
            S.c.url.label("source_url"),
            func.count().label("contradicted"),
            func.max(V.c.severity).label("max_severity"),
        )
        .select_from(
            V.join(C, C.c.id == V.c.claim_id)
            .join(A, A.c.id == C.c.article_id)
            .outerjoin(S, S.c.id == A.c.source_id)
        )
        .where(V.c.verdict == "contradicted", A.c.duplicate_of_id.is_(None))
        .group_by(A.c.id, A.c.title, A.c.url, A.c.published, S.c.name, S.c.url)
        .order_by(desc("contradicted"), desc(A.c.published), desc(A.c.id))
        .limit(limit)
    )
    if start is not None:
        stmt = stmt.where(A.c.published >= start)
    if end is not None:
        stmt = stmt.where(A.c.published <= end)
    if ticker:
        stmt = stmt.where(C.c.subject == ticker)
    return _rows(engine, stmt)


def contradicted_briefs(
    engine: Engine,
    *,
    article_ids: Iterable[int] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    subject: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[RowMapping]:
    """Contradicted claims with their verdicts, worst first within newest articles."""
    stmt = (
        select(*_brief_columns(), V.c.severity, V.c.tolerance_reason, V.c.stand_in, V.c.basis)
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
    stmt = stmt.order_by(desc(A.c.published), desc(C.c.id)).limit(limit).offset(offset)
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


@dataclass
class TargetOutcomeRow:
    source_id: int | None
    source: str
    outcome: str
    n: int
    avg_error_pct: float | None


def target_outcomes(engine: Engine) -> list[TargetOutcomeRow]:
    """Per-source outcome counts of price targets (hit/missed/pending), grouped in SQL."""
    stmt = (
        select(
            ORIG.c.source_id,
            S.c.name.label("source_name"),
            S.c.url.label("source_url"),
            func.coalesce(V.c.outcome, literal("pending")).label("outcome"),
            func.count().label("n"),
            func.avg(
                case(
                    (
                        and_(V.c.difference.is_not(None), C.c.value.is_not(None), C.c.value != 0),
                        func.abs(V.c.difference * 100.0 / C.c.value),
                    ),
                    else_=None,
                )
            ).label("avg_error_pct"),
        )
        .select_from(
            C.join(A, A.c.id == C.c.article_id)
            .join(ORIG, ORIG.c.id == CANON)
            .outerjoin(S, S.c.id == ORIG.c.source_id)
            .join(V, V.c.claim_id == C.c.id)
        )
        .where(
            C.c.kind == "price_target",
            A.c.duplicate_of_id.is_(None),
            or_(V.c.outcome.is_not(None), V.c.verdict.is_not(None)),
        )
        .group_by(
            ORIG.c.source_id, S.c.name, S.c.url, func.coalesce(V.c.outcome, literal("pending"))
        )
    )
    out = []
    for r in _rows(engine, stmt):
        out.append(
            TargetOutcomeRow(
                source_id=r["source_id"],
                source=source_label(r["source_name"], r["source_url"]),
                outcome=str(r["outcome"]),
                n=int(r["n"]),
                avg_error_pct=r["avg_error_pct"],
            )
        )
    return out
