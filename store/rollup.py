"""The ``subject_day`` summary: per (day, subject, voice), the counts the digest's pages need.

Why: a digest window can hold a million claims; counting them on every page view took
seconds. The summary is recomputed for the (day, voice) pairs a transaction touches, in that
same transaction, so a crash can never leave it out of step with the claims:

- extraction (claims and article stances of one article) and ``check`` (verdicts of a batch)
  call ``refresh_articles`` with the articles they wrote, before they commit;
- changes to an article's identity (its date, its source, which copy is the original) take
  the pairs it fell in before the change (``scope_of``) and refresh those too;
- ``rebuild`` recomputes everything (migration 0008, ``thesisdesk db rebuild-summary``).

A voice's slice of one day is small (one source's articles on one day), so recomputing it
from the claims is cheap and exact: no running sums that could drift.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    Connection,
    Integer,
    and_,
    any_,
    bindparam,
    case,
    delete,
    func,
    insert,
    or_,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Engine

from store.models import Article, ArticleStance, ClaimRow, SubjectDay, VerdictRow, table_of

A = table_of(Article).alias("a")
ORIG = table_of(Article).alias("o")
C = table_of(ClaimRow).alias("c")
V = table_of(VerdictRow).alias("v")
AS = table_of(ArticleStance).alias("ast")
T = table_of(SubjectDay)

CANON = func.coalesce(A.c.duplicate_of_id, A.c.id)
KINDS = (
    "performance",
    "price_level",
    "price_target",
    "rate_decision",
    "rate_expectation",
    "valuation",
    "fundamental",
)
ABSOLUTE_UNITS = ("usd", "points", "usd_per_share")
COUNTS = tuple(c.name for c in T.columns if c.name not in ("day", "subject", "voice"))
#: PostgreSQL: one writer at a time recomputes (so each sees the others' committed claims)
_PG_LOCK = 7_130_013
Key = tuple[dt.date, str]  # (day, voice)
#: Most article ids in one aggregation query (bound parameters stay well under the limits)
_MAX_IDS = 5_000


def voice_of(source_id: int | None, canon_id: int) -> str:
    """One voice per source; an article with no source is a voice of its own."""
    return f"s{source_id}" if source_id is not None else f"a{canon_id}"


def _day(value: Any) -> dt.date:
    return dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value


def _n(cond: Any) -> Any:
    return func.sum(case((cond, 1), else_=0))


def _group_members(conn: Connection, article_ids: set[int]) -> set[int]:
    """The articles and the rest of their syndication groups (a copy speaks for its
    original's voice, so an original's change of source moves its copies too)."""
    out = set(article_ids)
    ids = sorted(article_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        heads = sorted({int(h) for (h,) in conn.execute(select(CANON).where(A.c.id.in_(chunk)))})
        out.update(heads)
        # the copies by their own index (an OR over both columns scanned the whole table)
        rows = conn.execute(select(A.c.id).where(A.c.duplicate_of_id.in_(heads)))
        out.update(int(r[0]) for r in rows)
    return out


def scope_of(conn: Connection, article_ids: Iterable[int]) -> set[Key]:
    """The (day, voice) pairs these articles and their syndication groups fall in now."""
    ids = _group_members(conn, {int(i) for i in article_ids})
    out: set[Key] = set()
    id_list = sorted(ids)
    for i in range(0, len(id_list), 500):
        stmt = (
            select(A.c.published, ORIG.c.source_id, ORIG.c.id)
            .select_from(A.join(ORIG, ORIG.c.id == CANON))
            .where(A.c.id.in_(id_list[i : i + 500]), A.c.published.is_not(None))
        )
        out.update((_day(d), voice_of(sid, int(canon))) for d, sid, canon in conn.execute(stmt))
    return out


def _slice(day: dt.date, voices: Iterable[str] | None) -> Any:
    """Articles published on ``day`` that speak with one of ``voices`` (None: all)."""
    cond = A.c.published == day
    if voices is None:
        return cond
    sources = sorted({int(v[1:]) for v in voices if v[0] == "s"})
    lone = sorted({int(v[1:]) for v in voices if v[0] == "a"})
    parts: list[Any] = []
    if sources:
        parts.append(ORIG.c.source_id.in_(sources))
    if lone:
        parts.append(and_(ORIG.c.source_id.is_(None), ORIG.c.id.in_(lone)))
    return and_(cond, or_(*parts)) if parts else and_(cond, A.c.id.is_(None))


def members(conn: Connection, keys: Iterable[Key]) -> dict[Key, list[int]]:
    """The articles in each of these (day, voice) slices, every one found through an index
    (so the cost follows the slices, not the store): originals by (source, day)
    (``ix_article_source_published``), source-less originals by id, and syndicated copies
    by their day among copies only (``ix_article_copies_published``), kept when their
    original's voice is asked for."""
    wanted = set(keys)
    out: dict[Key, list[int]] = {k: [] for k in wanted}
    sources = sorted({(int(v[1:]), day) for day, v in wanted if v[0] == "s"})
    lone = sorted({(int(v[1:]), day) for day, v in wanted if v[0] == "a"})
    days = sorted({day for day, _ in wanted})
    found: list[Any] = []
    for i in range(0, len(sources), 400):
        found += conn.execute(
            select(A.c.id, A.c.published, A.c.source_id, A.c.id, A.c.duplicate_of_id).where(
                # an OR of (source, day) pairs: both databases probe the index once per pair
                # (SQLite scans the whole index for a row-value IN)
                or_(
                    *(
                        and_(A.c.source_id == sid, A.c.published == day)
                        for sid, day in sources[i : i + 400]
                    )
                )
            )
        ).all()
    for i in range(0, len(lone), 400):
        found += conn.execute(
            select(A.c.id, A.c.published, A.c.source_id, A.c.id, A.c.duplicate_of_id).where(
                A.c.id.in_([aid for aid, _ in lone[i : i + 400]])
            )
        ).all()
    copy = A.c.duplicate_of_id.is_not(None)
    for i in range(0, len(days), 400):
        found += conn.execute(
            select(A.c.id, A.c.published, ORIG.c.source_id, ORIG.c.id, A.c.duplicate_of_id)
            .select_from(A.join(ORIG, ORIG.c.id == A.c.duplicate_of_id))
            .where(copy, A.c.published.in_(days[i : i + 400]))
        ).all()
    seen: set[int] = set()
    for aid, published, source_id, canon, copy_of in found:
        if canon == aid and copy_of is not None:  # a copy met among originals: its own query
            continue
        key = (_day(published), voice_of(source_id, int(canon)))
        if key in out and aid not in seen:
            seen.add(aid)
            out[key].append(int(aid))
    return out


def _sign(x: int) -> int:
    return 1 if x > 0 else -1 if x < 0 else 0


def compute(conn: Connection, day: dt.date, voices: Iterable[str] | None = None) -> list[dict]:
    """The summary rows of ``day`` for ``voices`` (None: every voice), from the claims."""
    return _compute(conn, _slice(day, voices))


def compute_keys(conn: Connection, keys: Iterable[Key]) -> list[dict]:
    """The summary rows of these (day, voice) pairs, from the claims: their articles are
    looked up first (``members``) and aggregated by id, a few thousand per query."""
    by_key = members(conn, keys)
    rows: list[dict] = []
    chunk: list[int] = []
    for key in sorted(by_key):
        ids = by_key[key]
        if len(ids) > _MAX_IDS:  # one huge slice: by its day and voice instead
            rows += _compute(conn, _slice(key[0], [key[1]]))
            continue
        if len(chunk) + len(ids) > _MAX_IDS:
            rows += _compute_ids(conn, chunk)
            chunk = []
        chunk += ids
    if chunk:
        rows += _compute_ids(conn, chunk)
    return rows


def _compute_ids(conn: Connection, ids: list[int]) -> list[dict]:
    """``_compute`` for these articles, each table reached by its article_id index (a merge
    join over the whole claim index was the plan PostgreSQL picked without the claims' own
    condition)."""
    if conn.dialect.name == "postgresql":  # one array parameter, not thousands of them
        arr = bindparam("ids", ids, type_=ARRAY(Integer))
        return _compute(
            conn, A.c.id == any_(arr), C.c.article_id == any_(arr), AS.c.article_id == any_(arr)
        )
    return _compute(conn, A.c.id.in_(ids), C.c.article_id.in_(ids), AS.c.article_id.in_(ids))


def _compute(
    conn: Connection, where: Any, claims_where: Any = True, stances_where: Any = True
) -> list[dict]:
    """The summary rows of the articles ``where`` selects (whole slices), from the claims;
    ``claims_where`` / ``stances_where`` may narrow the claim and stance tables the same way."""
    point = func.coalesce(C.c.value, (C.c.low + C.c.high) / 2.0, C.c.low, C.c.high)
    is_target = and_(C.c.kind == "price_target", C.c.unit.in_(ABSOLUTE_UNITS), point.is_not(None))
    perf = C.c.kind == "performance"
    claims = (
        select(
            A.c.id,
            A.c.published,
            A.c.duplicate_of_id,
            ORIG.c.id,
            ORIG.c.source_id,
            C.c.subject,
            func.count(),
            _n(C.c.stance == "bullish"),
            _n(C.c.stance == "bearish"),
            *(_n(C.c.kind == k) for k in KINDS),
            _n(and_(perf, V.c.verdict == "supported")),
            _n(and_(perf, V.c.verdict == "contradicted")),
            _n(and_(perf, V.c.verdict == "unverifiable")),
            _n(V.c.verdict == "contradicted"),
            func.min(case((is_target, point))),
            func.max(case((is_target, point))),
        )
        .select_from(
            C.join(A, A.c.id == C.c.article_id)
            .join(ORIG, ORIG.c.id == CANON)
            .outerjoin(V, V.c.claim_id == C.c.id)
        )
        .where(where, claims_where)
        .group_by(
            A.c.id, A.c.published, A.c.duplicate_of_id, ORIG.c.id, ORIG.c.source_id, C.c.subject
        )
    )
    net = func.sum(case((AS.c.stance == "bullish", 1), (AS.c.stance == "bearish", -1), else_=0))
    stances = (
        select(A.c.id, A.c.published, ORIG.c.source_id, AS.c.subject, net)
        .select_from(AS.join(A, A.c.id == AS.c.article_id).join(ORIG, ORIG.c.id == CANON))
        .where(where, stances_where, A.c.duplicate_of_id.is_(None))
        .group_by(A.c.id, A.c.published, ORIG.c.source_id, AS.c.subject)
    )
    rows: dict[tuple[dt.date, str, str], dict[str, Any]] = {}

    def row(day: dt.date, subject: str, voice: str, source_id: int | None) -> dict[str, Any]:
        key = (day, subject, voice)
        if key not in rows:
            rows[key] = {"day": day, "subject": subject, "voice": voice, "source_id": source_id}
            rows[key].update({c: 0 for c in COUNTS if c != "source_id"})
            rows[key]["target_low"] = rows[key]["target_high"] = None
        return rows[key]

    # an article's stance on a subject: its sentiment rows when it has them, else its claims'
    article_net: dict[tuple[int, str], tuple[int, dt.date, int | None]] = {}
    for aid, published, copy_of, canon, source_id, subject, n, bull, bear, *rest in conn.execute(
        claims
    ):
        day = _day(published)
        r = row(day, subject, voice_of(source_id, int(canon)), source_id)
        r["claims"] += int(n)
        if copy_of is not None:  # a copy: its original speaks for it
            continue
        r["bullish"] += int(bull or 0)
        r["bearish"] += int(bear or 0)
        kinds, (sup, con, unv, flags, lo, hi) = rest[: len(KINDS)], rest[len(KINDS) :]
        for k, v in zip(KINDS, kinds, strict=True):
            r[k] += int(v or 0)
        r["performance_supported"] += int(sup or 0)
        r["performance_contradicted"] += int(con or 0)
        r["performance_unverifiable"] += int(unv or 0)
        r["flags"] += int(flags or 0)
        if lo is not None:
            r["target_low"] = lo if r["target_low"] is None else min(r["target_low"], lo)
            r["target_high"] = hi if r["target_high"] is None else max(r["target_high"], hi)
        article_net[(int(aid), subject)] = (int(bull or 0) - int(bear or 0), day, source_id)
    for aid, published, source_id, subject, value in conn.execute(stances):
        article_net[(int(aid), subject)] = (int(value or 0), _day(published), source_id)
    for (aid, subject), (value, day, source_id) in article_net.items():
        r = row(day, subject, voice_of(source_id, aid), source_id)
        s = _sign(value)
        r["articles"] += 1
        r["article_net"] += s
        r["articles_bullish"] += s > 0
        r["articles_bearish"] += s < 0
    return list(rows.values())


def _lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK})")


def refresh(conn: Connection, keys: Iterable[Key]) -> int:
    """Recompute the summary rows of these (day, voice) pairs; returns the rows written.

    A few statements per 400 pairs, however many days they span (a batch of articles)."""
    pairs = sorted({(_day(day), voice) for day, voice in keys})
    if not pairs:
        return 0
    _lock(conn)
    written = 0
    for i in range(0, len(pairs), 400):
        chunk = pairs[i : i + 400]
        pair = or_(*(and_(T.c.day == d, T.c.voice == v) for d, v in chunk))
        conn.execute(delete(T).where(pair))
        fresh = compute_keys(conn, chunk)
        if fresh:
            conn.execute(insert(T), fresh)
        written += len(fresh)
    return written


def refresh_articles(
    conn: Connection, article_ids: Iterable[int], before: Iterable[Key] = ()
) -> int:
    """Bring the summary in step after these articles' claims, verdicts, stances or identity
    changed; ``before`` holds the pairs they fell in before an identity change."""
    return refresh(conn, scope_of(conn, article_ids) | set(before))


def rebuild(conn: Connection) -> int:
    """Recompute the whole summary from the claims, a day at a time; returns the rows."""
    _lock(conn)
    conn.execute(delete(T))
    days = conn.execute(
        select(A.c.published).where(A.c.published.is_not(None)).group_by(A.c.published)
    )
    written = 0
    for (day,) in list(days):
        fresh = compute(conn, _day(day))
        for i in range(0, len(fresh), 5000):
            conn.execute(insert(T), fresh[i : i + 5000])
        written += len(fresh)
    return written


def rebuild_engine(engine: Engine) -> int:
    """``rebuild`` in a transaction of its own."""
    with engine.begin() as conn:
        return rebuild(conn)


def differences(conn: Connection) -> list[tuple[str, Any, Any]]:
    """Rows where the stored summary and a fresh recomputation disagree (empty: in step)."""
    stored = {
        (_day(r["day"]), r["subject"], r["voice"]): {c: r[c] for c in COUNTS}
        for r in conn.execute(select(T)).mappings()
    }
    fresh: dict[tuple, dict] = {}
    days = conn.execute(
        select(A.c.published).where(A.c.published.is_not(None)).group_by(A.c.published)
    )
    for (day,) in list(days):
        for r in compute(conn, _day(day)):
            fresh[(r["day"], r["subject"], r["voice"])] = {c: r[c] for c in COUNTS}
    out = []
    for key in sorted(set(stored) | set(fresh), key=str):
        if stored.get(key) != fresh.get(key):
            out.append((str(key), stored.get(key), fresh.get(key)))
    return out
