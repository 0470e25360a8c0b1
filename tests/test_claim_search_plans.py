"""Claim search plans (store/claims.py): the walk, the collect plans and the switch between
them give the same rows, pages and order as a plain reading of the filters, on SQLite and
PostgreSQL alike.

The store is the bulk generator's (``tests/sample_store/bulk.py``: this project's own word
list) at a small size, with a few undated articles; plan thresholds are shrunk so that a
small store exercises every plan and the switch from walking to collecting mid-page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from sample_store.bulk import bulk_subjects, generate_bulk
from sample_store.pg import drop_database, new_database
from sqlalchemy import text
from sqlalchemy.engine import Engine

from store import claims as claims_mod
from store.claims import search_claims
from store.db import dispose_all, get_engine

DAY = dt.date(2025, 9, 22)
RARE = bulk_subjects()[60]
SEARCHES: list[dict[str, Any]] = [
    {},
    {"include_copies": False},
    {"ticker": "IWM"},
    {"ticker": RARE},
    {"ticker": "ZZZZ"},  # no claims at all
    {"kinds": ["price_target", "valuation"]},
    {"verdicts": ["contradicted"]},
    {"verdicts": ["unchecked"], "include_copies": False},
    {"verdicts": ["supported", "unchecked"]},
    {"stances": ["bearish"]},
    {"since": DAY - dt.timedelta(days=3), "until": DAY - dt.timedelta(days=2)},
    {"until": DAY - dt.timedelta(days=8)},
    {"source_ids": [3]},
    {"source_ids": [5, 9], "verdicts": ["supported"]},
    {"ticker": "IWM", "kinds": ["performance"], "verdicts": ["contradicted"]},
    {"kinds": ["price_target"], "verdicts": ["contradicted"]},  # no hits: a full walk
    {"text": "banks"},  # common
    {"text": "regional banks"},
    {"text": RARE.lower()},  # rare: only that ticker's quotes name it
    {"text": "rallying"},  # stemmed: matches "rallied"
    {"text": "momen"},  # the last word is a prefix
    {"text": "zzqx"},
    {"ticker": "IWM", "text": "breakout momentum"},
    {"ticker": RARE, "text": "yields"},
    {"source_ids": [4], "text": "credit"},
    {"text": "spreads", "since": DAY - dt.timedelta(days=1), "include_copies": False},
    {
        "ticker": "^RUT",
        "kinds": ["performance"],
        "stances": ["bullish", "neutral"],
        "verdicts": ["supported"],
        "text": "growth",
    },
    # filters counted together (0012): a verdict with a ticker, with kinds
    {"ticker": "IWM", "verdicts": ["supported"], "include_copies": False},
    {"kinds": ["valuation", "performance"], "verdicts": ["supported"]},
    # a source's own walk: with words, with dates, with several sources, with a verdict
    {"source_ids": [6], "text": "banks", "include_copies": False},
    {"source_ids": [7], "since": DAY - dt.timedelta(days=4), "until": DAY - dt.timedelta(days=2)},
    {"source_ids": [2, 8, 11], "text": "yields"},
    {"source_ids": [5], "ticker": "IWM", "kinds": ["performance"], "verdicts": ["contradicted"]},
    # words after another filter's collect: a kind's, a verdict's
    {"ticker": RARE, "kinds": ["performance", "price_level"], "text": "breakout"},
    {"verdicts": ["contradicted"], "text": "curve", "include_copies": False},
    # a ticker and words that never share a claim (only RARE's quotes name RARE), and a pair
    # that does: with both above the collect size (the walk plan), SQLite probes first
    {"ticker": "IWM", "text": RARE.lower()},
    {"ticker": "IWM", "text": "banks", "include_copies": False},
]


def _ids(hits) -> list[int]:
    return [h.claim_id for h in hits]


def _fill(engine: Engine) -> None:
    generate_bulk(engine, articles=400, claims=3_000, days=10, end=DAY)
    with engine.begin() as conn:  # undated articles sort after every dated one
        conn.execute(text("UPDATE article SET published = NULL WHERE id % 37 = 0"))


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def store(request: pytest.FixtureRequest, tmp_path_factory) -> Iterator[Engine]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('plans') / 'store.db'}"
        engine = get_engine(url)
        _fill(engine)
        yield engine
        dispose_all()
        return
    server = request.getfixturevalue("pg_server_url")
    url = new_database(server)
    engine = get_engine(url)
    _fill(engine)
    yield engine
    drop_database(server, url)


def _word_hits(engine: Engine, words: str) -> set[int]:
    """Claims whose quote the words match, by the database's own full-text match read
    plainly (its stemming is the database's): the whole FTS5 table or tsvector column."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            sql = "SELECT rowid FROM claim_fts WHERE claim_fts MATCH :q"
            query = claims_mod.fts5_query(words)
        else:
            sql = "SELECT id FROM claim WHERE quote_tsv @@ to_tsquery('english', :q)"
            query = claims_mod.tsquery(words)
        return {int(r[0]) for r in conn.execute(text(sql), {"q": query})}


def _reference(engine: Engine, search: dict[str, Any]) -> list[int]:
    """The filters read plainly (every row, in Python; words by ``_word_hits``)."""
    words = _word_hits(engine, search["text"]) if "text" in search else None
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT c.id, c.article_id, c.subject, c.kind, c.stance, a.published, "
                "a.source_id, a.duplicate_of_id, v.verdict FROM claim c "
                "JOIN article a ON a.id = c.article_id LEFT JOIN verdict v ON v.claim_id = c.id"
            )
        ).all()
    subjects = (
        set(claims_mod.resolve_subjects(engine, search["ticker"])) if "ticker" in search else None
    )

    def keep(r) -> bool:
        published = dt.date.fromisoformat(str(r.published)) if r.published else None
        verdict = r.verdict or "unchecked"
        return (
            (words is None or r.id in words)
            and (subjects is None or r.subject in subjects)
            and r.kind in search.get("kinds", [r.kind])
            and r.stance in search.get("stances", [r.stance])
            and verdict in search.get("verdicts", [verdict])
            and r.source_id in search.get("source_ids", [r.source_id])
            and (search.get("include_copies", True) or r.duplicate_of_id is None)
            and ("since" not in search or (published is not None and published >= search["since"]))
            and ("until" not in search or (published is not None and published <= search["until"]))
        )

    def key(r) -> tuple:
        published = str(r.published) if r.published else ""
        return (r.published is not None, published, r.article_id, r.id)

    return [r.id for r in sorted(filter(keep, rows), key=key, reverse=True)]


def _pages(engine: Engine, search: dict[str, Any], size: int, most: int = 12) -> list[int]:
    """The first ``most`` keyset pages of ``size``, joined."""
    out, before = [], None
    for _ in range(most):
        page = search_claims(engine, **search, limit=size, before=before)
        out += _ids(page)
        if len(page) < size:
            break
        before = page[-1].cursor
    return out


PLANS = {
    "chosen": {},
    # words after a collect read its hits a few at a time: slices cross pages and cursors;
    # each slice tested by a read of its id range (collect) or a copy of its quotes (walk)
    "collect": {"COLLECT_AT": 10**9, "WORDS_SLICE_MAX": 5, "WORDS_COPY_AT": 10**12},
    "walk": {"COLLECT_AT": 0, "FIRST_WINDOW": 3, "MAX_FIRST_WINDOWS": 1, "WORDS_COPY_AT": 0},
}


@pytest.mark.parametrize("plan", sorted(PLANS))
def test_every_plan_gives_the_plain_answer_and_pages(store, plan, monkeypatch) -> None:
    for name, value in PLANS[plan].items():
        monkeypatch.setattr(claims_mod, name, value)
    for search in SEARCHES:
        everything = _ids(search_claims(store, **search, limit=1000))
        assert everything == _reference(store, search)[:1000], search
        # keyset pages cross window edges and the switch from walking to collecting
        paged = _pages(store, search, 7)
        assert paged == everything[: len(paged)], search
        assert len(paged) == min(len(everything), 7 * 12), search
        assert _ids(search_claims(store, **search, limit=5, offset=5)) == everything[5:10]


def test_word_searches_behave(store) -> None:
    common = search_claims(store, text="banks", limit=1000)
    assert len(common) > 300 and all("banks" in h.quote for h in common)
    rare = search_claims(store, text=RARE.lower(), limit=1000)
    assert rare and all(RARE in h.quote for h in rare)
    assert len(rare) < len(common) / 5
    stemmed = search_claims(store, text="rallying", limit=1000)
    assert stemmed and all("rallied" in h.quote for h in stemmed)
    prefix = search_claims(store, text="regional momen", limit=1000)
    assert prefix and all("momentum" in h.quote and "regional" in h.quote for h in prefix)
    assert search_claims(store, ticker="ZZZZ") == []
    assert search_claims(store, text="zzqx") == []


@pytest.mark.postgres
def test_sqlite_and_postgresql_agree(pg_server_url: str, tmp_path) -> None:
    """The same store on both: same hits, same order, same pages, for every search."""
    lite = get_engine(f"sqlite:///{tmp_path / 'same.db'}")
    _fill(lite)
    url = new_database(pg_server_url)
    try:
        pg = get_engine(url)
        _fill(pg)
        for search in SEARCHES:
            assert _ids(search_claims(lite, **search, limit=1000)) == _ids(
                search_claims(pg, **search, limit=1000)
            ), search
            assert _pages(lite, search, 9) == _pages(pg, search, 9), search
    finally:
        drop_database(pg_server_url, url)


@pytest.mark.parametrize(("limit", "driver"), [(100, "verdict"), (26, "walk"), (10, "walk")])
def test_a_collect_wins_when_the_walk_would_read_more_for_the_page(
    monkeypatch: pytest.MonkeyPatch, limit: int, driver: str
) -> None:
    # the 1M bench store's "contradicted IWM": 2,626 verdicts, 96k IWM claims, 1M claims
    from store import claims as search

    monkeypatch.setattr(search, "_driver_counts", lambda *a: {"subject": 95_997, "verdict": 2_626})
    monkeypatch.setattr(search, "_cached_count", lambda *a: 1_000_000)
    q = search._Search(
        dialect="sqlite",
        subjects=["IWM"],
        kinds=[],
        verdicts=["contradicted"],
        stances=[],
        since=None,
        until=None,
        source_ids=[],
        words=None,
        include_copies=False,
    )
    assert search._pick_driver(None, None, q, limit) == driver  # type: ignore[arg-type]
