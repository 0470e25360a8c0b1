"""Claim search: by ticker or instrument name, filters, and free text over quotes.

Newest first means (article published, article id, claim id) descending; that order is a
walk of ``ix_article_published_id`` backwards, so for a popular subject SQLite is told to
drive from the article side (``CROSS JOIN`` fixes the loop order) and probes
``ix_claim_subject_article`` per article, stopping after ``limit`` rows. For a rare subject
sorting its few claims is cheaper, so the plan is picked from the subject's claim count.
Free text uses the FTS5 table (SQLite) or the GIN index on ``to_tsvector`` (PostgreSQL)
from migration 0002. Pass ``before`` (the last row's ``cursor``) for keyset paging.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterable, Sequence

from pydantic import BaseModel
from sqlalchemy import Date, Float, Integer, bindparam, func, or_, select
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Engine
from sqlalchemy.sql.elements import TextClause

from store.models import ClaimRow, Instrument, table_of

#: Above this many claims for the subject(s), SQLite drives the search from the article side.
DRIVE_FROM_ARTICLES_AT = 5_000
MAX_LIMIT = 1_000
VERDICT_CHOICES = ("supported", "contradicted", "unverifiable", "unchecked")


class ClaimListing(BaseModel):
    """A claim as lists show it: the contract's figures, its article and source, its verdict.

    Search results (``ClaimHit``) and the digest's and flags' claim lists (``ClaimBrief``)
    both extend it.
    """

    claim_id: int
    article_id: int
    kind: str
    subject: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    comparator: str | None = None
    role: str | None = None
    stance: str = "neutral"
    quote: str
    start: int | None = None
    end: int | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    horizon: str | None = None
    probability: float | None = None
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None
    source_id: int | None = None
    source: str | None = None
    verdict: str | None = None
    actual: float | None = None
    difference: float | None = None
    tolerance: float | None = None
    reason: str | None = None


class ClaimBrief(ClaimListing):
    """A claim as a reader sees it in a list: the quote, the number, the verdict, the source."""

    series: str | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None


class ClaimHit(ClaimListing):
    """One search result: the claim, its article and source, and its verdict if checked."""

    duplicate_of_id: int | None = None

    @property
    def cursor(self) -> tuple[dt.date | None, int, int]:
        """Keyset position of this row; pass as ``before=`` to get the next page."""
        return (self.published, self.article_id, self.claim_id)


def resolve_subjects(engine: Engine, query: str, *, limit: int = 20) -> list[str]:
    """Subjects a user means by ``query``: a symbol, an instrument name or alias, or a group.

    "iwm" -> IWM; "Russell 2000" -> ^RUT (and its ETF only if named so); "small caps" stays.
    """
    q = query.strip()
    if not q:
        return []
    instr = table_of(Instrument)
    found: list[str] = []
    with engine.connect() as conn:
        exact = (
            conn.execute(
                select(instr.c.symbol).where(
                    or_(
                        func.upper(instr.c.symbol) == q.upper(),
                        func.upper(instr.c.symbol) == "^" + q.upper().lstrip("^"),
                    )
                )
            )
            .scalars()
            .all()
        )
        found += exact
        if not exact and len(q) >= 2:
            like = f"%{_like_escape(q.lower())}%"
            stmt = (
                select(instr.c.symbol, instr.c.name, instr.c.aliases)
                .where(
                    or_(
                        func.lower(instr.c.name).like(like, escape="\\"),
                        func.lower(instr.c.aliases).like(like, escape="\\"),
                    )
                )
                .order_by(func.length(instr.c.name))
                .limit(limit)
            )
            rows = conn.execute(stmt).all()
            # a name or alias equal to the query wins: "Russell 2000" is ^RUT, not also IWM
            # ("iShares Russell 2000 ETF"), which matches only as a substring
            wanted = q.lower()
            exact_names = [
                r[0]
                for r in rows
                if wanted in {r[1].lower(), *(a.strip().lower() for a in r[2].split("|"))}
            ]
            found += exact_names or [r[0] for r in rows]
    for cand in (q, q.upper(), q.lower()):
        if cand not in found:
            found.append(cand)
    return list(dict.fromkeys(found))


def _like_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def fts5_query(text_query: str) -> str | None:
    """User words as an FTS5 query: every word must match, the last one as a prefix.

    Quoting each token means no user input is ever parsed as FTS5 syntax.
    """
    tokens = re.findall(r"\w+", text_query, flags=re.UNICODE)
    if not tokens:
        return None
    parts = [f'"{t}"' for t in tokens]
    parts[-1] += "*"
    return " ".join(parts)


_COUNT_CACHE: dict[tuple[str, tuple[str, ...]], tuple[float, int]] = {}
COUNT_TTL_S = 300.0


def count_subject_claims(engine: Engine, subjects: Sequence[str]) -> int:
    """Claims about ``subjects`` (an index-only count, cached a few minutes per store):
    only its order of magnitude matters, to pick the plan."""
    key = (engine.url.render_as_string(hide_password=True), tuple(sorted(subjects)))
    hit = _COUNT_CACHE.get(key)
    now = time.monotonic()
    if hit and now - hit[0] < COUNT_TTL_S:
        return hit[1]
    c = table_of(ClaimRow)
    with engine.connect() as conn:
        stmt = select(func.count()).select_from(c).where(c.c.subject.in_(list(subjects)))
        n = int(conn.execute(stmt).scalar_one())
    if len(_COUNT_CACHE) > 10_000:
        _COUNT_CACHE.clear()
    _COUNT_CACHE[key] = (now, n)
    return n


_COLUMNS = """
c.id AS claim_id, c.article_id, c.kind, c.subject, c.value, c.low, c.high, c.unit,
c.comparator, c.role, c.stance, c.quote, c.start, c."end" AS "end", c.period_start,
c.period_end, c.horizon, c.probability, a.published, a.title,
COALESCE(a.canonical_url, a.url) AS url, a.source_id,
a.duplicate_of_id, COALESCE(s.name, s.url) AS source, v.verdict, v.actual, v.difference,
v.tolerance, v.reason
"""

_TYPES = {
    "period_start": Date,
    "period_end": Date,
    "published": Date,
    "value": Float,
    "low": Float,
    "high": Float,
    "probability": Float,
    "actual": Float,
    "difference": Float,
    "tolerance": Float,
    "claim_id": Integer,
    "article_id": Integer,
}


def _in(name: str, values: Iterable[str], where: list[str], params: dict, col: str) -> None:
    vals = list(values)
    where.append(f"{col} IN :{name}")
    params[name] = vals


def search_claims(
    engine: Engine,
    *,
    ticker: str | None = None,
    kinds: Sequence[str] | None = None,
    verdicts: Sequence[str] | None = None,
    stances: Sequence[str] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    source_ids: Sequence[int] | None = None,
    text: str | None = None,
    limit: int = 100,
    offset: int = 0,
    before: tuple[dt.date | None, int, int] | None = None,
    include_copies: bool = True,
) -> list[ClaimHit]:
    """Claims matching every given filter, newest first.

    ``ticker`` is a symbol or a name ("Russell 2000"); ``verdicts`` may include
    ``"unchecked"`` (no verdict yet); ``text`` matches words in the quote (stemmed).
    """
    if limit < 1 or limit > MAX_LIMIT:
        raise ValueError(f"limit must be 1..{MAX_LIMIT}, got {limit}")
    if offset < 0:
        raise ValueError(f"offset must be >= 0, got {offset}")
    if since and until and since > until:
        raise ValueError(f"since ({since}) is after until ({until})")
    bad = set(verdicts or ()) - set(VERDICT_CHOICES)
    if bad:
        raise ValueError(f"unknown verdict(s) {sorted(bad)}; choose from {VERDICT_CHOICES}")
    dialect = engine.dialect.name
    where: list[str] = []
    params: dict[str, object] = {}
    expanding: list[str] = []
    subjects: list[str] = []
    if ticker and ticker.strip():
        subjects = resolve_subjects(engine, ticker)
        _in("subjects", subjects, where, params, "c.subject")
        expanding.append("subjects")
    if kinds:
        _in("kinds", kinds, where, params, "c.kind")
        expanding.append("kinds")
    if stances:
        _in("stances", stances, where, params, "c.stance")
        expanding.append("stances")
    if verdicts:
        named = [v for v in verdicts if v != "unchecked"]
        parts = []
        if named:
            params["verdicts"] = named
            expanding.append("verdicts")
            parts.append("v.verdict IN :verdicts")
        if "unchecked" in verdicts:
            parts.append("v.verdict IS NULL")
        where.append("(" + " OR ".join(parts) + ")")
    if since:
        where.append("a.published >= :since")
        params["since"] = since
    if until:
        where.append("a.published <= :until")
        params["until"] = until
    if source_ids:
        where.append("a.source_id IN :source_ids")
        params["source_ids"] = [int(x) for x in source_ids]
        expanding.append("source_ids")
    if not include_copies:
        where.append("a.duplicate_of_id IS NULL")
    if text and text.strip():
        if dialect == "sqlite":
            fts = fts5_query(text)
            if fts is None:
                return []
            where.append("c.id IN (SELECT rowid FROM claim_fts WHERE claim_fts MATCH :fts)")
            params["fts"] = fts
        elif dialect == "postgresql":
            where.append("to_tsvector('english', c.quote) @@ plainto_tsquery('english', :fts)")
            params["fts"] = text
        else:
            where.append("LOWER(c.quote) LIKE :fts")
            params["fts"] = f"%{text.lower()}%"
    if before is not None:
        b_pub, b_art, b_claim = before
        if b_pub is None:
            where.append(
                "(a.published IS NULL AND (a.id < :b_art OR (a.id = :b_art AND c.id < :b_claim)))"
            )
        else:
            where.append(
                "(a.published < :b_pub OR a.published IS NULL OR (a.published = :b_pub AND "
                "(a.id < :b_art OR (a.id = :b_art AND c.id < :b_claim))))"
            )
            params["b_pub"] = b_pub
        params["b_art"] = int(b_art)
        params["b_claim"] = int(b_claim)

    from_clause = "claim c JOIN article a ON a.id = c.article_id"
    nulls = ""
    if dialect == "sqlite":
        # SQLite's planner, given stats, likes to walk the article index for the ORDER BY even
        # for a rare subject (a full scan); fix the loop order ourselves.
        article_driven = "article a CROSS JOIN claim c ON c.article_id = a.id"
        claim_driven = "claim c CROSS JOIN article a ON a.id = c.article_id"
        if subjects:
            # a popular subject turns up every few articles, so walking articles newest first
            # finds a page quickly even with a verdict or source filter on top
            popular = count_subject_claims(engine, subjects) >= DRIVE_FROM_ARTICLES_AT
            from_clause = article_driven if popular and not text else claim_driven
        elif not (verdicts or text or source_ids):
            from_clause = article_driven
    elif dialect == "postgresql":
        nulls = " NULLS LAST"
    # Rank on narrow rows (ids and dates), then join the wide columns for the one page only.
    verdict_join = " LEFT JOIN verdict v ON v.claim_id = c.id" if verdicts else ""
    order = f"ORDER BY a.published DESC{nulls}, a.id DESC, c.id DESC"
    sql = (
        "WITH page AS (SELECT c.id AS cid, a.published AS pub, c.article_id AS aid "
        f"FROM {from_clause}{verdict_join} "
        + (("WHERE " + " AND ".join(where)) if where else "")
        + f" {order} LIMIT :limit OFFSET :offset) "
        f"SELECT {_COLUMNS} FROM page JOIN claim c ON c.id = page.cid "
        "JOIN article a ON a.id = c.article_id "
        "LEFT JOIN source s ON s.id = a.source_id "
        "LEFT JOIN verdict v ON v.claim_id = c.id "
        f"{order}"
    )
    params["limit"] = int(limit)
    params["offset"] = int(offset)
    stmt = text_clause(sql, expanding).columns(**{k: v() for k, v in _TYPES.items()})
    with engine.connect() as conn:
        rows = conn.execute(stmt, params).mappings().all()
    return [ClaimHit.model_validate(dict(r)) for r in rows]


def text_clause(sql: str, expanding: Sequence[str]) -> TextClause:
    """A text statement whose list parameters expand to ``IN (...)``."""
    stmt = sql_text(sql)
    if expanding:
        stmt = stmt.bindparams(*[bindparam(n, expanding=True) for n in expanding])
    return stmt


def known_subjects(engine: Engine, query: str) -> list[str]:
    """The subjects ``query`` names that the store knows: an instrument (by symbol, name or
    alias) or a subject some claim is about. Empty when the query names nothing known, so a
    caller can say "unknown ticker" instead of showing an empty result."""
    candidates = resolve_subjects(engine, query)
    if not candidates:
        return []
    instr = table_of(Instrument)
    c = table_of(ClaimRow)
    with engine.connect() as conn:
        listed = set(
            conn.execute(select(instr.c.symbol).where(instr.c.symbol.in_(candidates))).scalars()
        )
        claimed = {
            s
            for s in candidates
            if s not in listed
            and conn.execute(select(c.c.id).where(c.c.subject == s).limit(1)).first() is not None
        }
    return [s for s in candidates if s in listed or s in claimed]
