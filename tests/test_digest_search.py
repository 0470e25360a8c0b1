"""Claim search (store/claims.py) on SQLite and PostgreSQL: filters, full text, paging."""

from __future__ import annotations

import datetime as dt

import pytest
from sample_store import fill_sample
from sqlalchemy import text

from store import claims as claims_mod
from store.claims import fts5_query, resolve_subjects, search_claims
from store.db import get_engine, session_scope
from store.models import ClaimRow


@pytest.fixture
def sample(db_url: str):
    engine = get_engine(db_url)
    return engine, fill_sample(engine)


def _quotes(hits) -> list[str]:
    return [h.quote for h in hits]


def test_migration_0002_adds_full_text_search(db_url: str) -> None:
    engine = get_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar() >= "0002"
        if engine.dialect.name == "sqlite":
            known = set(conn.execute(text("select name from sqlite_master")).scalars())
            assert {"claim_fts", "claim_fts_ai", "claim_fts_ad", "claim_fts_au"} <= known
        else:
            known = set(conn.execute(text("select indexname from pg_indexes")).scalars())
            assert "ix_claim_quote_tsv" in known
        # the indexes search and the digest rely on
        assert {"ix_claim_subject_article", "ix_claim_article_cover"} <= known


def test_by_ticker_and_by_name(sample) -> None:
    engine, _ = sample
    iwm = search_claims(engine, ticker="iwm")
    assert {h.subject for h in iwm} == {"IWM"} and len(iwm) == 9
    dates = [h.published for h in iwm]
    assert dates == sorted(dates, reverse=True)
    rut = search_claims(engine, ticker="Russell 2000", kinds=["performance"])
    assert {h.subject for h in rut} == {"^RUT"} and len(rut) == 3
    assert search_claims(engine, ticker="RUT")[0].subject == "^RUT"
    assert {h.subject for h in search_claims(engine, ticker="credo")} == {"CRDO"}
    assert resolve_subjects(engine, "small caps")[0] == "small caps"
    assert search_claims(engine, ticker="NOPE") == []


def test_filters(sample) -> None:
    engine, ids = sample
    contradicted = search_claims(engine, verdicts=["contradicted"])
    assert {h.claim_id for h in contradicted} == {
        ids.claims["a4_perf"],
        ids.claims["a5_perf"],
        ids.claims["r2_target"],
    }
    unchecked = search_claims(engine, ticker="^RUT", verdicts=["unchecked"])
    assert all(h.verdict is None for h in unchecked) and unchecked
    bearish = search_claims(engine, stances=["bearish"])
    assert set(_quotes(bearish)) == {
        "IWM could slide to $210",
        "The Russell 2000 fell 3% last week",
    }
    window = search_claims(engine, since=dt.date(2025, 9, 20), until=dt.date(2025, 9, 21))
    assert {h.published for h in window} == {dt.date(2025, 9, 20), dt.date(2025, 9, 21)}
    rates = search_claims(engine, source_ids=[ids.sources["rates"]])
    assert {h.source for h in rates} == {"Rate Watch"} and len(rates) == 4
    no_copies = search_claims(engine, ticker="IWM", include_copies=False)
    assert all(h.duplicate_of_id is None for h in no_copies) and len(no_copies) == 8


def test_free_text_over_quotes(sample) -> None:
    engine, _ = sample
    hits = search_claims(engine, text="third quarter")
    assert set(_quotes(hits)) == {
        "The Russell 2000 gained 12.4% in the third quarter",
        "The Russell 2000 surged 15% in the third quarter",
    }
    # stemmed: "cuts" finds "cut"; combined with a ticker filter
    assert search_claims(engine, text="cuts", ticker="FEDFUNDS")
    assert search_claims(engine, text="quarter", ticker="IWM") == []
    # FTS syntax in user input is just words
    assert search_claims(engine, text='"zzqx OR NEAR( * -') == []  # parsed as words, no error
    assert search_claims(engine, text="***") == []


def test_fts_follows_inserts_updates_deletes(sample) -> None:
    engine, ids = sample
    with session_scope(engine) as s:
        c = ClaimRow(
            article_id=ids.articles["a6"],
            kind="performance",
            subject="CRDO",
            unit="pct",
            value=5,
            quote="Credo popped 5% on blowout guidance",
            start=0,
            end=10,
            extractor_version="t",
        )
        s.add(c)
    assert _quotes(search_claims(engine, text="blowout")) == ["Credo popped 5% on blowout guidance"]
    with session_scope(engine) as s:
        row = s.get(ClaimRow, c.id)
        row.quote = "Credo popped 5% on strong bookings"
        s.add(row)
    assert search_claims(engine, text="blowout") == []
    assert len(search_claims(engine, text="bookings")) == 1
    with session_scope(engine) as s:
        s.delete(s.get(ClaimRow, c.id))
    assert search_claims(engine, text="bookings") == []


def test_keyset_and_offset_pages_agree(sample) -> None:
    engine, _ = sample
    everything = search_claims(engine, limit=1000)
    pages, before = [], None
    while True:
        page = search_claims(engine, limit=4, before=before)
        if not page:
            break
        pages += page
        before = page[-1].cursor
    assert [h.claim_id for h in pages] == [h.claim_id for h in everything]
    by_offset = search_claims(engine, limit=4, offset=4)
    assert [h.claim_id for h in by_offset] == [h.claim_id for h in everything[4:8]]


def test_article_driven_plan_gives_the_same_rows(sample, monkeypatch) -> None:
    engine, _ = sample
    rare = search_claims(engine, ticker="^RUT", kinds=["price_level"])
    monkeypatch.setattr(claims_mod, "COLLECT_AT", 0)
    popular = search_claims(engine, ticker="^RUT", kinds=["price_level"])
    assert [h.claim_id for h in popular] == [h.claim_id for h in rare]
    assert len(rare) == 6


def test_bad_input_is_a_clear_error(sample) -> None:
    engine, _ = sample
    with pytest.raises(ValueError, match="limit"):
        search_claims(engine, limit=0)
    with pytest.raises(ValueError, match="verdict"):
        search_claims(engine, verdicts=["wrong"])
    with pytest.raises(ValueError, match="after"):
        search_claims(engine, since=dt.date(2025, 9, 2), until=dt.date(2025, 9, 1))


def test_fts5_query_quotes_tokens() -> None:
    assert fts5_query("third quart") == '"third" "quart"*'
    assert fts5_query('a" OR b') == '"a" "OR" "b"*'
    assert fts5_query("  ") is None
