"""Claim search: by ticker or instrument name, filters, and free text over quotes.

Newest first means (article published, article id, claim id) descending, undated articles
last. Each search picks its plan (``_Search.driver``) on SQLite and PostgreSQL alike:

- a filter that lets at most ``COLLECT_AT`` claims through, weighed by what reading one
  costs (``DRIVER_COST``), is read whole and sorted ("collect"). Counted: a ticker's claims,
  a source's within the dates, a kind's, the words' (common ones estimated from a sample),
  and a verdict's together with the ticker and kind (the verdict row carries its claim's
  subject and kind, migration 0012), so filters that never meet count zero and read nothing;
- otherwise the search walks articles newest first (``ix_article_published_id``; on
  PostgreSQL ``ix_article_published_desc``, migration 0011), or only the source filter's
  articles (``ix_article_source_published``; PostgreSQL: ``..._desc``, 0012), in windows:
  the first sized by the hit rate the counts foretell, each next four times larger; it
  stops after a page; when the hits turn out sparse, the rest is collected by the most
  selective filter instead, if reading it whole is cheaper than walking on.

SQLite tests words that do not drive the plan after the other filters: a window of the
whole store reads the words' hits in its claim-id range first; a collect or a source's walk
reads its hits in order, a slice at a time, and keeps those the words match (one FTS5 read
of the slice's id range each).

The plan is forced, not suggested: SQLite gets ``CROSS JOIN`` (loop order) and a unary
``+`` on every column that must not pick an index; PostgreSQL gets a ``MATERIALIZED`` CTE for
a collect (so the ORDER BY cannot pull it onto the newest-first index), index joins for its
few rows, and ``IS TRUE`` around a word match that must not read the GIN index. Words: FTS5
with prefix indexes (SQLite), the stored ``claim.quote_tsv`` (PostgreSQL); every word must
match, the last one as a prefix, on both. Pass ``before`` (the last row's ``cursor``) for
keyset paging.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Date, Float, Integer, bindparam, func, or_, select
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Connection, CursorResult, Engine
from sqlalchemy.sql.elements import TextClause

from store.models import ClaimRow, Instrument, table_of

#: A filter letting through at most this many claims is read whole and sorted; above it the
#: search walks articles newest first and stops after a page.
COLLECT_AT = 4_000
#: The walk's first window of articles (at least; more when the filters' counts foretell
#: sparse hits, up to ``MAX_FIRST_WINDOWS`` times more); each next one is four times larger.
FIRST_WINDOW = 256
MAX_FIRST_WINDOWS = 16
#: A claim read by a collect plan (index, row and article lookups, then a sort) costs about
#: this many claims walked (measured on the 1M bench store, SQLite and PostgreSQL).
COLLECT_COST = 2.0
#: SQLite: the most claim ids one word test reads (its bound parameters stay few): the
#: words tested after the other filters read that filter's hits in slices this large at most.
#: Past ``WORDS_COPY_AT`` word hits expected in a slice's id range per id tested, the slice's
#: quotes are copied and matched instead of the range read (``_words_among``).
WORDS_SLICE_MAX = 4_096
WORDS_COPY_AT = 8.0
#: SQLite: the tokenizer of ``claim_fts`` (migration 0011); a scratch table matches alike.
_FTS_TOKENIZE = "porter unicode61"
#: What a claim read by each filter's collect costs, relative to a subject's (an index of
#: subject and article, then the article row): a verdict's and a kind's read the claim row
#: too, for its article (measured on the 1M bench store: 2,600 "contradicted IWM" claims
#: cost more than walking to the page, on SQLite and PostgreSQL alike).
DRIVER_COST = {"subject": 1.0, "source": 1.0, "text": 1.0, "verdict": 3.0, "kind": 3.0}
#: A collect's weighed cost against the claims a walk reads, claim for claim (measured on
#: the 1M-claim bench store, both backends: ~2.5 walked claims cost what one weighed
#: collected claim does).
WALK_PER_COLLECT = 2.5
#: Claims per article, roughly: turns articles walked into claims read.
CLAIMS_PER_ARTICLE = 10
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


_COUNT_CACHE: dict[tuple[str, str, tuple[object, ...]], tuple[float, int]] = {}
COUNT_TTL_S = 300.0


def _cached_count(
    engine: Engine, tag: str, key: tuple[object, ...], count: Callable[[], int]
) -> int:
    """``count()`` cached a few minutes per store: plan choices need only its magnitude."""
    full = (engine.url.render_as_string(hide_password=True), tag, key)
    hit = _COUNT_CACHE.get(full)
    now = time.monotonic()
    if hit and now - hit[0] < COUNT_TTL_S:
        return hit[1]
    n = count()
    if len(_COUNT_CACHE) > 10_000:
        _COUNT_CACHE.clear()
    _COUNT_CACHE[full] = (now, n)
    return n


def count_subject_claims(engine: Engine, subjects: Sequence[str]) -> int:
    """Claims about ``subjects`` (an index-only count, cached a few minutes per store):
    only its order of magnitude matters, to pick the plan."""
    c = table_of(ClaimRow)

    def count() -> int:
        with engine.connect() as conn:
            stmt = select(func.count()).select_from(c).where(c.c.subject.in_(list(subjects)))
            return int(conn.execute(stmt).scalar_one())

    return _cached_count(engine, "subject", tuple(sorted(subjects)), count)


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

Cursor = tuple[dt.date | None, int, int]


@dataclass
class _Search:
    """One search's filters, resolved (subjects) and parsed (words), and its plan.

    ``driver`` names what the SQLite plan reads first: ``walk`` (articles newest first,
    stopping after a page), or the filter whose matches are read whole and sorted
    (``subject``, ``text``, ``verdict``, ``source``). Every other filter is written with
    SQLite's unary ``+`` so its index cannot be picked instead of the driver's.
    """

    dialect: str
    subjects: list[str]
    kinds: list[str]
    verdicts: list[str]
    stances: list[str]
    since: dt.date | None
    until: dt.date | None
    source_ids: list[int]
    words: str | None
    include_copies: bool
    driver: str = "walk"
    #: the walk reads only the source filter's articles (their own newest-first index)
    by_source: bool = False
    #: SQLite: the words are tested after the other filters, on their hits in order
    #: (``_page_words_after``), instead of in the query
    words_after: bool = False
    #: claims each selective filter lets through (``_driver_counts``), once planned
    counts: dict[str, int] = field(default_factory=dict)
    #: claims in the store, about (cached a few minutes): turns counts into hit rates
    claims_total: int = 0

    def h(self, name: str) -> str:
        """The index-hiding prefix for ``name``'s column, unless it drives the plan."""
        if self.dialect != "sqlite" or name == self.driver:
            return ""
        if name == "source" and self.by_source:
            return ""
        # a source's articles are read by (source_id, published): its date range too
        return "" if name == "walk" and self.driver == "source" else "+"

    def where(self, params: dict[str, object], expanding: list[str]) -> list[str]:
        where: list[str] = []

        def listed(name: str, col: str, values: Sequence[object], driver: str) -> None:
            if values:
                where.append(f"{self.h(driver)}{col} IN :{name}")
                params[name] = list(values)
                expanding.append(name)

        listed("subjects", "c.subject", self.subjects, "subject")
        listed("kinds", "c.kind", self.kinds, "kind")
        if self.driver == "verdict" and "unchecked" not in self.verdicts:
            # the verdict row's copies of its claim's subject and kind (0012): one index
            # range reads the claims matching all three
            listed("v_subjects", "v.subject", self.subjects, "verdict")
            listed("v_kinds", "v.kind", self.kinds, "verdict")
        listed("stances", "c.stance", self.stances, "stance")
        listed("source_ids", "a.source_id", self.source_ids, "source")
        if self.verdicts:
            named = [v for v in self.verdicts if v != "unchecked"]
            parts = []
            if named:
                params["verdicts"] = named
                expanding.append("verdicts")
            if self.driver != "verdict":
                # (NOT) EXISTS, a lookup per claim: a LEFT JOIN made SQLite build a Bloom
                # filter over every verdict first (~50 ms at 1M claims) and PostgreSQL
                # estimate "IS NULL" as one row (and then sort every claim)
                if named:
                    parts.append(
                        "EXISTS (SELECT 1 FROM verdict v WHERE v.claim_id = c.id "
                        "AND v.verdict IN :verdicts)"
                    )
                if "unchecked" in self.verdicts:
                    parts.append("NOT EXISTS (SELECT 1 FROM verdict v WHERE v.claim_id = c.id)")
            else:
                if named:
                    parts.append(f"{self.h('verdict')}v.verdict IN :verdicts")
                if "unchecked" in self.verdicts:
                    parts.append("v.verdict IS NULL")
            where.append("(" + " OR ".join(parts) + ")")
        pub = f"{self.h('walk')}a.published"
        if self.since:
            where.append(f"{pub} >= :since")
            params["since"] = self.since
        if self.until:
            where.append(f"{pub} <= :until")
            params["until"] = self.until
        if not self.include_copies:
            where.append(f"{self.h('copies')}a.duplicate_of_id IS NULL")
        if self.words is not None and not self.words_after:
            if self.dialect == "sqlite":
                ranged = " AND rowid BETWEEN :lo AND :hi" if "lo" in params else ""
                where.append(
                    f"{self.h('text')}c.id IN (SELECT rowid FROM claim_fts "
                    f"WHERE claim_fts MATCH :fts{ranged})"
                )
            elif self.dialect == "postgresql":
                match = "c.quote_tsv @@ to_tsquery('english', :fts)"
                # "IS TRUE" is PostgreSQL's "+": no index serves it, so a word that does
                # not drive is tested per claim instead of read whole from the GIN index
                # (a common word's posting list costs more than the rest of the search)
                where.append(match if self.driver == "text" else f"({match}) IS TRUE")
            else:
                where.append("LOWER(c.quote) LIKE :fts")
            params["fts"] = self.words
        return where

    def keyset(self, before: Cursor, params: dict[str, object], tag: str = "b") -> str:
        """Rows after ``before`` in the search's order (newest first, NULL dates last)."""
        pub, art = f"{self.h('walk')}a.published", f"{self.h('walk')}a.id"
        b_pub, b_art, b_claim = before
        params[f"{tag}_art"] = int(b_art)
        params[f"{tag}_claim"] = int(b_claim)
        same = f"({art} < :{tag}_art OR ({art} = :{tag}_art AND c.id < :{tag}_claim))"
        if b_pub is None:
            return f"({pub} IS NULL AND {same})"
        params[f"{tag}_pub"] = b_pub
        return f"({pub} < :{tag}_pub OR {pub} IS NULL OR ({pub} = :{tag}_pub AND {same}))"

    def from_clause(self) -> str:
        if self.dialect == "postgresql" and self.driver == "verdict":
            return (
                "verdict v JOIN claim c ON c.id = v.claim_id JOIN article a ON a.id = c.article_id"
            )
        if self.dialect != "sqlite":
            return "claim c JOIN article a ON a.id = c.article_id"
        # CROSS JOIN fixes SQLite's loop order: the driver's table comes first
        if self.driver == "source" or (self.driver == "walk" and self.by_source):
            return (
                "article a INDEXED BY ix_article_source_published "
                "CROSS JOIN claim c ON c.article_id = a.id"
            )
        if self.driver == "walk":
            return "article a CROSS JOIN claim c ON c.article_id = a.id"
        if self.driver == "verdict":
            return (
                "verdict v CROSS JOIN claim c ON c.id = v.claim_id "
                "CROSS JOIN article a ON a.id = c.article_id"
            )
        return "claim c CROSS JOIN article a ON a.id = c.article_id"


def tsquery(text_query: str) -> str | None:
    """User words as a PostgreSQL ``to_tsquery``: every word must match, the last one as a
    prefix, as ``fts5_query`` asks of SQLite; each word is quoted, so none is parsed as an
    operator."""
    tokens = re.findall(r"\w+", text_query, flags=re.UNICODE)
    if not tokens:
        return None
    parts = [f"'{t}'" for t in tokens]
    parts[-1] += ":*"
    return " & ".join(parts)


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
    before: Cursor | None = None,
    include_copies: bool = True,
) -> list[ClaimHit]:
    """Claims matching every given filter, newest first.

    ``ticker`` is a symbol or a name ("Russell 2000"); ``verdicts`` may include
    ``"unchecked"`` (no verdict yet); ``text`` matches words in the quote (stemmed; the last
    word also as a prefix).
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
    words: str | None = None
    if text and text.strip():
        if dialect == "sqlite":
            words = fts5_query(text)
        elif dialect == "postgresql":
            words = tsquery(text)
        else:
            words = f"%{text.lower()}%"
        if words is None:
            return []
    q = _Search(
        dialect=dialect,
        subjects=resolve_subjects(engine, ticker) if ticker and ticker.strip() else [],
        kinds=list(kinds or ()),
        verdicts=list(verdicts or ()),
        stances=list(stances or ()),
        since=since,
        until=until,
        source_ids=[int(x) for x in source_ids or ()],
        words=words,
        include_copies=include_copies,
    )
    with engine.connect() as conn:
        if dialect in ("sqlite", "postgresql"):
            q.driver = _pick_driver(engine, conn, q, limit)
        if q.driver == "none":  # filters that share no claim (``_words_never_meet_subject``)
            return []
        if dialect not in ("sqlite", "postgresql") or offset or q.driver != "walk":
            ids = _page(conn, q, before, limit, offset)
        else:
            ids = _walk_in_windows(engine, conn, q, before, limit)
        if not ids:
            return []
        sql = (
            f"SELECT {_COLUMNS} FROM claim c JOIN article a ON a.id = c.article_id "
            "LEFT JOIN source s ON s.id = a.source_id "
            # the page's verdicts first: a LEFT JOIN on the whole table made SQLite build a
            # Bloom filter over every verdict for 26 rows (~20 ms at 1M claims)
            "LEFT JOIN (SELECT * FROM verdict WHERE claim_id IN :vids) v ON v.claim_id = c.id "
            "WHERE c.id IN :cids"
        )
        stmt = text_clause(sql, ["cids", "vids"]).columns(**{k: v() for k, v in _TYPES.items()})
        rows = conn.execute(stmt, {"cids": ids, "vids": ids}).mappings().all()
    by_id = {int(r["claim_id"]): r for r in rows}
    return [ClaimHit.model_validate(dict(by_id[i])) for i in ids if i in by_id]


def _page(
    conn: Connection,
    q: _Search,
    before: Cursor | None,
    limit: int,
    offset: int = 0,
    window: tuple[dt.date | None, int] | None = None,
    id_range: tuple[int, int] | None = None,
) -> list[int]:
    """Claim ids of one page in the search's order, by the plan ``q.driver`` names;
    ``window`` keeps to articles up to that (published, id) key, ``id_range`` tells the
    word match which claim ids the window holds."""
    # SQLite: words that do not drive are tested on the other filters' hits in order, a
    # slice of claim ids at a time; in the query, SQLite reads every claim the words match
    # (a common word: tens of thousands) to build the IN list. Not for an unbounded read
    # (the sort-everything plan of an offset), which needs the words to stay bounded.
    if (
        q.dialect == "sqlite"
        and q.words is not None
        and (q.driver not in ("walk", "text") or (q.by_source and window is not None))
    ):
        return _page_words_after(conn, q, before, limit, offset, window, id_range)
    return [int(r[0]) for r in _page_rows(conn, q, before, limit, offset, window, id_range)]


def _page_words_after(
    conn: Connection,
    q: _Search,
    before: Cursor | None,
    limit: int,
    offset: int,
    window: tuple[dt.date | None, int] | None,
    id_range: tuple[int, int] | None,
) -> list[int]:
    """``_page`` with the words tested after the other filters (SQLite): their hits in
    order, a slice at a time, each slice as many as should hold the page at the words' hit
    rate (then four times more), each tested at once (``_words_among``)."""
    assert q.words is not None
    need = offset + limit
    rate = min(1.0, q.counts.get("text", q.claims_total) / max(q.claims_total, 1))
    step = int(min(max(1.5 * need / max(rate, 1e-6), 64), WORDS_SLICE_MAX))
    found: list[int] = []
    cursor = before
    while len(found) < need:
        q.words_after = True
        try:
            rows = _page_rows(conn, q, cursor, step, 0, window, id_range).all()
        finally:
            q.words_after = False
        if not rows:
            break
        ids = [int(r[0]) for r in rows]
        hits = _words_among(conn, q.words, ids, rate)
        found += [i for i in ids if i in hits]
        if len(rows) < step:
            break
        cid, pub, aid = tuple(rows[-1])
        cursor = (pub, int(aid), int(cid))
        step = min(step * 4, WORDS_SLICE_MAX)
    return found[offset:need]


def _page_rows(
    conn: Connection,
    q: _Search,
    before: Cursor | None,
    limit: int,
    offset: int,
    window: tuple[dt.date | None, int] | None,
    id_range: tuple[int, int] | None,
) -> CursorResult[Any]:
    """The page query of ``_page``, run: (claim id, published, article id) rows in order."""
    params: dict[str, object] = {}
    expanding: list[str] = []
    if id_range is not None:
        params["lo"], params["hi"] = id_range
    where = q.where(params, expanding)
    if before is not None:
        where.append(q.keyset(before, params))
    if window is not None:
        where.append(_window(window, before, params, rows=q.dialect == "postgresql"))
    nulls = " NULLS LAST" if q.dialect == "postgresql" else ""
    select = f"SELECT c.id AS cid, a.published AS pub, a.id AS aid FROM {q.from_clause()}" + (
        " WHERE " + " AND ".join(where) if where else ""
    )
    page = "LIMIT :limit OFFSET :offset"
    if q.dialect == "postgresql" and q.driver != "walk":
        # collect: the matches whole (by the planner's most selective index), then sort;
        # without the fence the planner walks the newest-first index for the ORDER BY.
        # At most COLLECT_AT rows reach the joins: index lookups, not a hash of every
        # article (the default cost settings assume disk, and pick the hash), and no
        # parallel workers (starting them costs more than a few thousand lookups, and on a
        # busy machine they wait for a core). One statement: one round trip.
        conn.execute(
            sql_text(
                "SELECT set_config('enable_hashjoin', 'off', true), "
                "set_config('enable_mergejoin', 'off', true), "
                "set_config('max_parallel_workers_per_gather', '0', true)"
            )
        )
        sql = (
            f"WITH hits AS MATERIALIZED ({select}) SELECT cid FROM hits "
            f"ORDER BY pub DESC NULLS LAST, aid DESC, cid DESC {page}"
        )
    else:
        sql = f"{select} ORDER BY a.published DESC{nulls}, a.id DESC, c.id DESC {page}"
    params["limit"], params["offset"] = int(limit), int(offset)
    return conn.execute(text_clause(sql, expanding).columns(pub=Date()), params)


def _words_among(conn: Connection, fts: str, ids: list[int], rate: float) -> set[int]:
    """Which of ``ids`` have a quote matching ``fts`` (SQLite), the cheaper of two ways:

    - one FTS5 read of their claim-id range, kept to those ids inside SQLite: it costs the
      words' postings in the range, cheap when the ids are close together (claims are
      written when their article comes in, so a popular filter's newest hits span few ids);
    - their quotes copied into a scratch FTS5 table (this connection's, with the same
      tokenizer: the same stemming and prefixes) and matched there: it costs the quotes,
      cheap when the ids are few and far apart (a rare ticker's newest 800 claims span most
      of the store: reading the words' postings there took 15 ms, copying ~4 ms).

    Not a lookup per claim: FTS5 sets up the whole match per lookup, ~0.1 ms each."""
    lo, hi = min(ids), max(ids)
    marks = ",".join("?" * len(ids))
    # the ids go to the driver as they are: SQLAlchemy's expanding parameter costs ~20 us
    # an id to render (15 ms for 800)
    args = tuple(int(i) for i in ids)
    if (hi - lo) * rate > WORDS_COPY_AT * len(ids):
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.claim_words USING "
            f"fts5(quote, tokenize={_FTS_TOKENIZE!r})"
        )
        conn.exec_driver_sql("DELETE FROM temp.claim_words")
        conn.exec_driver_sql(
            "INSERT INTO temp.claim_words(rowid, quote) "
            f"SELECT id, quote FROM claim WHERE id IN ({marks})",
            args,
        )
        found = conn.exec_driver_sql(
            "SELECT rowid FROM temp.claim_words WHERE claim_words MATCH ?", (fts,)
        )
        return {int(r[0]) for r in found}
    # "+": a filter on the rows read, not a lookup per id
    rows = conn.exec_driver_sql(
        "SELECT rowid FROM claim_fts WHERE claim_fts MATCH ? AND rowid BETWEEN ? AND ? "
        f"AND +rowid IN ({marks})",
        (fts, lo, hi, *args),
    )
    return {int(r[0]) for r in rows}


def _window(
    key: tuple[dt.date | None, int],
    cursor: Cursor | None,
    params: dict[str, object],
    *,
    rows: bool = False,
) -> str:
    """Articles from ``cursor`` up to ``key`` in newest-first order (a walk window).

    Both ends as plain ranges on ``published`` too, when dated: an OR alone would make
    SQLite scan the date index from its newest end instead of seeking the window. With
    ``rows`` (PostgreSQL) the ends are row comparisons on ``(published, id)``, which its
    newest-first indexes seek and then read in order, stopping after a page; the OR form
    made it read the window's whole first day and sort (measured: 1,700 articles read for
    a page found in 1,150)."""
    w_pub, w_art = key
    params["w_art"] = int(w_art)
    if w_pub is None:
        return "(a.published IS NOT NULL OR a.id >= :w_art)"
    params["w_pub"] = w_pub
    if rows:
        bounds = "(a.published, a.id) >= (:w_pub, :w_art)"
        if cursor is not None and cursor[0] is not None:
            # the cursor's own article is in: the keyset drops what it must of its claims
            params["w_top"], params["w_top_art"] = cursor[0], int(cursor[1])
            bounds += " AND (a.published, a.id) <= (:w_top, :w_top_art)"
        return f"({bounds})"
    bounds = "a.published >= :w_pub AND (a.published > :w_pub OR a.id >= :w_art)"
    if cursor is not None and cursor[0] is not None:
        # the window holds no undated article (its far end is dated): the cursor's date caps it
        params["w_top"] = cursor[0]
        bounds += " AND a.published <= :w_top"
        if cursor[0] == w_pub:
            # within one day: an id range on the date index, not the whole day's articles
            params["w_top_art"] = int(cursor[1])
            bounds = "a.published = :w_pub AND a.id >= :w_art AND a.id <= :w_top_art"
    return f"({bounds})"


def _pick_driver(engine: Engine, conn: Connection, q: _Search, limit: int) -> str:
    """The cheapest way in: a filter with at most ``COLLECT_AT`` matching claims is read
    whole and sorted, and so is one whose collect costs less than the walk would read to
    fill a page of ``limit`` (``WALK_PER_COLLECT``: a walk of 100 contradicted IWM claims in
    a million reads ~38,000 claims, the verdict's collect 2,600 rows); otherwise the walk,
    newest first, stops after a page. Filters that
    never meet count zero together (``_verdict_count``): their collect reads an empty index
    range, where a walk would read every article. (Counts are cached: a stale one can only
    pick a slower plan, never change the rows.)"""
    q.counts = _driver_counts(engine, conn, q, COLLECT_AT + 1)
    # the largest claim id: an index step where count(*) reads every claim (tens of ms);
    # ids freed by deleted claims only make the rates look sparser
    q.claims_total = _cached_count(
        engine,
        "claims",
        (),
        lambda: int(conn.execute(sql_text("SELECT max(id) FROM claim")).scalar() or 0),
    )
    counts = _costs(q.counts)
    if not counts:
        return "walk"
    best = min(counts, key=counts.__getitem__)
    if counts[best] <= COLLECT_AT:
        return best
    if _words_never_meet_subject(conn, q):
        return "none"
    # claims the walk reads for a page: the page over the share of claims that pass
    walked = limit * q.claims_total // max(1, min(q.counts.values()))
    return best if counts[best] * WALK_PER_COLLECT < walked else "walk"


def _words_never_meet_subject(conn: Connection, q: _Search) -> bool:
    """SQLite: whether a ticker and words that are each common share no claim at all.

    Each alone passes tens of thousands of claims, so neither is collected, and a walk for
    a pair that never meets reads every claim of the ticker, testing the words (1.7 s for
    IWM and a word in half the store at 1M claims). One probe driven by the words' hits,
    stopping at the first shared claim, answers in at most ~0.2 s, and at once when they do
    meet. Not cached: a stale "never" would hide new claims."""
    if q.dialect != "sqlite" or q.words is None or not q.subjects:
        return False
    if min(q.counts.get("subject", 0), q.counts.get("text", 0)) <= COLLECT_AT:
        return False
    hit = conn.execute(
        text_clause(
            "SELECT 1 FROM claim c JOIN claim_fts f ON f.rowid = c.id "
            "WHERE c.subject IN :subs AND claim_fts MATCH :fts LIMIT 1",
            ["subs"],
        ),
        {"subs": list(q.subjects), "fts": q.words},
    ).first()
    return hit is None


def _costs(counts: dict[str, int]) -> dict[str, int]:
    """Each filter's count weighed by what its collect costs per claim (``DRIVER_COST``)."""
    return {k: int(n * DRIVER_COST.get(k, 1.0)) for k, n in counts.items()}


def _driver_counts(engine: Engine, conn: Connection, q: _Search, cap: int) -> dict[str, int]:
    """Claims each selective filter alone lets through (counts capped at ``cap``)."""
    counts: dict[str, int] = {}
    if q.subjects:
        counts["subject"] = count_subject_claims(engine, q.subjects)
    named = tuple(sorted(v for v in q.verdicts if v != "unchecked"))
    if named and "unchecked" not in q.verdicts:
        counts["verdict"] = _verdict_count(engine, conn, q, named)
    if q.words is not None:
        counts["text"] = _cached_count(
            engine,
            "words",
            (q.dialect, q.words, cap),
            lambda: _word_count(conn, q.dialect, str(q.words), cap),
        )
    if q.source_ids:
        counts["source"] = _source_count(engine, conn, q, cap)
    if q.kinds:
        kinds = tuple(sorted(q.kinds))
        counts["kind"] = _cached_count(
            engine, "kind", (kinds, cap), lambda: _kind_count(conn, kinds, cap)
        )
    return counts


#: Claims sampled (the newest) to tell a common kind from a rare one.
KIND_SAMPLE = 2_000


def _kind_count(conn: Connection, kinds: tuple[str, ...], cap: int) -> int:
    """Claims of ``kinds``: roughly when common (their share of the newest ``KIND_SAMPLE``
    claims; not capped: the walk sizes its first window by it), exactly when rare (capped
    at ``cap``). An exact count of a common kind reads hundreds of thousands of entries."""
    share, top = conn.execute(
        text_clause(
            "SELECT count(*) FILTER (WHERE kind IN :k), max(id) FROM "
            "(SELECT id, kind FROM claim ORDER BY id DESC LIMIT :n) s",
            ["k"],
        ),
        {"k": list(kinds), "n": KIND_SAMPLE},
    ).one()
    if top is None:
        return 0
    estimate = int(share) * int(top) // KIND_SAMPLE
    if estimate > 4 * COLLECT_AT:
        return estimate
    return int(
        conn.execute(
            text_clause(
                "SELECT count(*) FROM (SELECT 1 FROM claim WHERE kind IN :k LIMIT :cap) n", ["k"]
            ),
            {"k": list(kinds), "cap": cap},
        ).scalar_one()
    )


def _verdict_count(engine: Engine, conn: Connection, q: _Search, named: tuple[str, ...]) -> int:
    """Claims with one of the ``named`` verdicts and the search's subjects and kinds, if any:
    an index count on the verdict's copies of its claim's subject and kind (0012), so
    filters that never meet ("contradicted price targets") count zero."""
    where = ["verdict IN :v"]
    params: dict[str, object] = {"v": list(named)}
    expanding = ["v"]
    if q.subjects:
        where.append("subject IN :s")
        params["s"] = sorted(q.subjects)
        expanding.append("s")
    if q.kinds:
        where.append("kind IN :k")
        params["k"] = sorted(q.kinds)
        expanding.append("k")
    sql = "SELECT count(*) FROM verdict WHERE " + " AND ".join(where)
    key = (named, tuple(sorted(q.subjects)), tuple(sorted(q.kinds)))
    return _cached_count(
        engine,
        "verdict",
        key,
        lambda: int(conn.execute(text_clause(sql, expanding), params).scalar_one()),
    )


def _source_count(engine: Engine, conn: Connection, q: _Search, cap: int) -> int:
    """Claims of the search's sources' articles within its dates (capped at ``cap``): a
    source on one day is a few dozen articles, though the source alone is too many."""
    where = ["a.source_id IN :s"]
    params: dict[str, object] = {"s": sorted(q.source_ids), "cap": cap}
    _date_range(q, where, params)
    sql = (
        "SELECT count(*) FROM (SELECT 1 FROM article a JOIN claim c ON c.article_id = a.id "
        f"WHERE {' AND '.join(where)} LIMIT :cap) n"
    )
    key = (tuple(sorted(q.source_ids)), q.since, q.until, cap)
    return _cached_count(
        engine,
        "source",
        key,
        lambda: int(conn.execute(text_clause(sql, ["s"]), params).scalar_one()),
    )


def _word_count(conn: Connection, dialect: str, words: str, cap: int) -> int:
    """Claims the words match (capped at ``cap`` when rare): on PostgreSQL
    ``_pg_word_count``; on SQLite roughly when common (from their hits among the newest
    ``WORD_SAMPLE_IDS`` claim ids: a capped count of a common word still reads ``cap``
    hits, ~5 ms at 4,000), exactly when rare (the prefix indexes of 0011 let a capped
    count stop at ``cap``)."""
    if dialect != "sqlite":
        return _pg_word_count(conn, words, cap)
    top = conn.execute(sql_text("SELECT max(id) FROM claim")).scalar()
    if top is None:
        return 0
    sample = conn.execute(
        sql_text("SELECT count(*) FROM claim_fts WHERE claim_fts MATCH :fts AND rowid > :lo"),
        {"fts": words, "lo": int(top) - WORD_SAMPLE_IDS},
    ).scalar_one()
    estimate = int(sample) * int(top) // WORD_SAMPLE_IDS
    if estimate > 4 * COLLECT_AT:
        return estimate  # above any cap; the walk sizes its first window by it
    return int(
        conn.execute(
            sql_text(
                "SELECT count(*) FROM (SELECT rowid FROM claim_fts "
                "WHERE claim_fts MATCH :fts LIMIT :cap)"
            ),
            {"fts": words, "cap": cap},
        ).scalar_one()
    )


#: PostgreSQL: claims sampled (the newest) to tell a common word from a rare one.
WORD_SAMPLE = 300
#: SQLite: the newest claim ids whose word hits tell a common word from a rare one (an
#: FTS5 read of a rowid range costs its hits: ~1 ms for a word in a quarter of 20,000).
WORD_SAMPLE_IDS = 20_000


def _pg_word_count(conn: Connection, tsq: str, cap: int) -> int:
    """Claims matching ``tsq`` on PostgreSQL, roughly when common (from its share of the
    newest ``WORD_SAMPLE`` claims; not capped), exactly when rare (the GIN index; capped
    at ``cap``).

    The GIN index must read a common word's whole posting list (tens of ms for a word in a
    quarter of the quotes) even for a capped count; a sample costs a few ms either way."""
    match = "quote_tsv @@ to_tsquery('english', :fts)"
    hits, top = conn.execute(
        sql_text(
            f"SELECT count(*) FILTER (WHERE {match}), max(id) FROM "
            "(SELECT id, quote_tsv FROM claim ORDER BY id DESC LIMIT :n) s"
        ),
        {"fts": tsq, "n": WORD_SAMPLE},
    ).one()
    if top is None:
        return 0
    estimate = int(hits) * int(top) // WORD_SAMPLE
    if estimate > 4 * COLLECT_AT:
        return estimate  # above any cap; the walk sizes its first window by it
    return int(
        conn.execute(
            sql_text(f"SELECT count(*) FROM (SELECT 1 FROM claim WHERE {match} LIMIT :cap) n"),
            {"fts": tsq, "cap": cap},
        ).scalar_one()
    )


def _walk_in_windows(
    engine: Engine, conn: Connection, q: _Search, before: Cursor | None, limit: int
) -> list[int]:
    """Walk articles newest first in growing windows until a page is full (SQLite).

    Each window is a fixed run of articles in the search's order, so the word match can be
    told the claim ids it covers (an FTS5 rowid range reads only that part of each doclist)
    and pages stay exact whatever order claims were written in. When the hits are sparse,
    the rest is read by the most selective filter instead, if reading it whole is cheaper
    than walking on."""
    found: list[int] = []
    cursor = before
    walked = 0
    # a source filter: walk that source's articles only (its own newest-first index)
    q.by_source = bool(q.source_ids)
    size = _first_window(q, limit)
    try:
        while len(found) < limit:
            edge = _window_edge(conn, q, cursor, size)
            found += _window_page(conn, q, cursor, edge, limit - len(found))
            if edge is None or len(found) >= limit:
                break
            walked += size
            cursor = (edge[0], edge[1], 0)  # strictly older than the window's last article
            # claims the walk would still read at the hit rate so far, in collect-row units
            per_hit = walked * CLAIMS_PER_ARTICLE / max(len(found), 0.5)
            budget = int(min((limit - len(found)) * per_hit / COLLECT_COST, 10**9))
            counts = _costs(_driver_counts(engine, conn, q, budget + 1))
            if counts:
                best = min(counts, key=counts.__getitem__)
                if counts[best] <= budget:
                    q.driver, q.by_source = best, False
                    found += _page(conn, q, cursor, limit - len(found))
                    break
            size *= 4
    finally:
        q.driver, q.by_source = "walk", False
    return found


def _first_window(q: _Search, limit: int) -> int:
    """Articles the walk's first window takes: enough for a page at the hit rate the
    filters' counts foretell (each filter's share of all claims, multiplied: as if they
    were independent), at least ``FIRST_WINDOW``. Sparse hits then take one window, not
    three growing ones: a window is two queries, and each costs its planning too."""
    total = q.claims_total
    rate = 1.0
    for name, n in q.counts.items():
        if name == "source" and q.by_source:  # the walk reads only those articles
            continue
        if name in ("subject", "kind") and "verdict" in q.counts:  # counted with verdicts
            continue
        rate *= min(1.0, n / max(total, 1))
    articles = 1.5 * limit / max(rate, 1e-9) / CLAIMS_PER_ARTICLE
    return int(min(max(FIRST_WINDOW, articles), FIRST_WINDOW * MAX_FIRST_WINDOWS))


def _window_page(
    conn: Connection,
    q: _Search,
    cursor: Cursor | None,
    edge: tuple[dt.date | None, int] | None,
    need: int,
) -> list[int]:
    """The first ``need`` hits of one walk window. SQLite words lead a window of the whole
    store: its claim-id range bounds their FTS5 read, and only their hits are looked up
    (a common word matches a few claims in a hundred; walking reads them all)."""
    if q.words is None or q.dialect != "sqlite" or q.by_source:
        return _page(conn, q, cursor, need, window=edge)
    id_range = _claim_id_range(conn, q, cursor, edge)
    if id_range is None:
        return []
    q.driver = "text"
    try:
        return _page(conn, q, cursor, need, window=edge, id_range=id_range)
    finally:
        q.driver = "walk"


def _date_range(q: _Search, where: list[str], params: dict[str, object]) -> None:
    """The search's publication-date filter, for the plan's article-only queries."""
    if q.since:
        where.append("a.published >= :since")
        params["since"] = q.since
    if q.until:
        where.append("a.published <= :until")
        params["until"] = q.until


def _window_edge(
    conn: Connection, q: _Search, cursor: Cursor | None, size: int
) -> tuple[dt.date | None, int] | None:
    """The (published, id) of the ``size``-th article from ``cursor`` in the search's order
    (within the date filter), or None when fewer remain: an index-only walk."""
    params: dict[str, object] = {"off": size - 1}
    where: list[str] = []
    _date_range(q, where, params)
    table = "article a"
    if q.by_source:
        where.append("a.source_id IN :s")
        params["s"] = list(q.source_ids)
        if q.dialect == "sqlite":
            table = "article a INDEXED BY ix_article_source_published"
    if cursor is not None:
        b_pub, b_art, _ = cursor
        params["b_art"] = int(b_art)
        if b_pub is None:
            where.append("(a.published IS NULL AND a.id <= :b_art)")
        else:
            params["b_pub"] = b_pub
            where.append(
                "(a.published < :b_pub OR a.published IS NULL OR "
                "(a.published = :b_pub AND a.id <= :b_art))"
            )
    sql = (
        f"SELECT a.published, a.id FROM {table}"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY a.published DESC"
        + (" NULLS LAST" if q.dialect == "postgresql" else "")
        + ", a.id DESC LIMIT 1 OFFSET :off"
    )
    stmt = text_clause(sql, ["s"] if q.by_source else []).columns(published=Date())
    row = conn.execute(stmt, params).first()
    return (row[0], int(row[1])) if row else None


def _window_articles(
    edge: tuple[dt.date | None, int] | None, cursor: Cursor | None, params: dict[str, object]
) -> str:
    """The articles from ``cursor`` (its own included) to ``edge`` as ranges of the date
    index joined by OR: SQLite reads each range (a "MULTI-INDEX OR"), where one condition
    over both ends reads every article of their days (10,000 a day in the 1M bench)."""
    parts: list[str] = []
    c_pub = cursor[0] if cursor is not None else None
    if cursor is not None:
        params["x_art"] = int(cursor[1])
    if cursor is not None and c_pub is None:  # undated: the tail, by id
        lower = " AND a.id >= :x_w_art" if edge is not None else ""
        if edge is not None:
            params["x_w_art"] = int(edge[1])
        return f"(a.published IS NULL AND a.id <= :x_art{lower})"
    if cursor is not None:
        params["x_pub"] = c_pub
    if edge is not None and edge[0] is not None:
        params["x_w_pub"], params["x_w_art"] = edge
        if cursor is not None and c_pub == edge[0]:
            return "(a.published = :x_pub AND a.id >= :x_w_art AND a.id <= :x_art)"
        if cursor is not None:
            parts.append("(a.published = :x_pub AND a.id <= :x_art)")
            parts.append("(a.published > :x_w_pub AND a.published < :x_pub)")
        else:
            parts.append("(a.published > :x_w_pub)")
        parts.append("(a.published = :x_w_pub AND a.id >= :x_w_art)")
        return "(" + " OR ".join(parts) + ")"
    # the window runs into the undated articles (or to the end)
    if cursor is not None:
        parts += ["(a.published = :x_pub AND a.id <= :x_art)", "(a.published < :x_pub)"]
    else:
        parts.append("(a.published IS NOT NULL)")
    if edge is not None:
        params["x_w_art"] = int(edge[1])
        parts.append("(a.published IS NULL AND a.id >= :x_w_art)")
    else:
        parts.append("(a.published IS NULL)")
    return "(" + " OR ".join(parts) + ")"


def _claim_id_range(
    conn: Connection, q: _Search, cursor: Cursor | None, edge: tuple[dt.date | None, int] | None
) -> tuple[int, int] | None:
    """Smallest and largest claim id in a window of articles (None when it holds none), or
    a range a little wider: the cursor's whole article is in (a bound for the word match;
    the page query applies the cursor)."""
    params: dict[str, object] = {}
    where: list[str] = []
    _date_range(q, where, params)
    where.append(_window_articles(edge, cursor, params))
    sql = "SELECT min(c.id), max(c.id) FROM article a CROSS JOIN claim c ON c.article_id = a.id"
    if where:
        sql += " WHERE " + " AND ".join(where)
    lo, hi = conn.execute(sql_text(sql), params).one()
    return None if lo is None else (int(lo), int(hi))


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
