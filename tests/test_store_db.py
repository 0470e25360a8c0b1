"""The store opens, migrates idempotently, and enforces its constraints on both engines."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from store.db import alembic_config, get_engine, session_scope, upgrade
from store.models import Article, ClaimRow
from thesisdesk.records import CLAIM_FIELDS


def test_migrations_create_every_table(db_url: str) -> None:
    engine = get_engine(db_url)
    tables = set(inspect(engine).get_table_names())
    assert {
        "source",
        "article",
        "claim",
        "verdict",
        "article_stance",
        "price_bar",
        "rate_observation",
        "instrument",
        "ingest_run",
        "alembic_version",
    } <= tables
    upgrade(engine)  # a second run changes nothing
    with engine.connect() as conn:
        version = conn.execute(text("select version_num from alembic_version")).scalar()
    assert version == ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def test_claim_table_holds_every_contract_field(db_url: str) -> None:
    engine = get_engine(db_url)
    columns = {c["name"] for c in inspect(engine).get_columns("claim")}
    assert set(CLAIM_FIELDS) <= columns


def test_foreign_keys_enforced(db_url: str) -> None:
    engine = get_engine(db_url)
    with pytest.raises(IntegrityError), session_scope(engine) as s:
        s.add(
            ClaimRow(
                article_id=999_999,
                kind="performance",
                subject="IWM",
                unit="pct",
                quote="q",
                start=0,
                end=1,
                extractor_version="t",
            )
        )


def test_failed_transaction_leaves_nothing(db_url: str) -> None:
    engine = get_engine(db_url)
    with pytest.raises(RuntimeError), session_scope(engine) as s:
        art = Article(text="IWM rose 2%.", content_hash="h1", published=dt.date(2025, 9, 1))
        s.add(art)
        s.flush()
        s.add(
            ClaimRow(
                article_id=art.id,
                kind="performance",
                subject="IWM",
                unit="pct",
                value=2,
                quote="IWM rose 2%",
                start=0,
                end=11,
                extractor_version="t",
            )
        )
        s.flush()
        raise RuntimeError("crash mid-write")
    with session_scope(engine) as s:
        assert s.exec(select(Article)).all() == []
        assert s.exec(select(ClaimRow)).all() == []


def test_sqlite_runs_in_wal_mode(sqlite_url: str) -> None:
    engine = get_engine(sqlite_url)
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_models_and_migrations_agree(db_url: str) -> None:
    """A model change without its migration (or the reverse) fails here."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    engine = get_engine(db_url)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": False})
        diffs = compare_metadata(ctx, SQLModel.metadata)

    def relevant(diff: object) -> bool:
        # search tables (FTS5) and extra indexes are defined only in migration 0002, the
        # PostgreSQL search column (generated, never written) only in 0011
        if isinstance(diff, tuple) and diff[0] == "remove_index":
            return False
        if isinstance(diff, tuple) and diff[0] == "remove_column" and diff[3].name == "quote_tsv":
            return False
        return not (isinstance(diff, tuple) and diff[0] == "remove_table" and "fts" in str(diff))

    assert [d for d in diffs if relevant(d)] == []


def _claim_with_verdict(engine, subject: str, kind: str) -> int:
    """One article, one claim and its verdict, written as the checker writes them (ORM)."""
    from store.models import VerdictRow

    with session_scope(engine) as s:
        art = Article(text="t", content_hash=f"h-{subject}-{kind}", published=dt.date(2025, 9, 1))
        s.add(art)
        s.flush()
        claim = ClaimRow(
            article_id=art.id,
            kind=kind,
            subject=subject,
            unit="pct",
            value=1,
            quote=f"{subject} moved",
            start=0,
            end=5,
            extractor_version="t",
        )
        s.add(claim)
        s.flush()
        s.add(VerdictRow(claim_id=claim.id, verdict="supported", reason="r", checker_version="t"))
        assert claim.id is not None
        return claim.id


def test_verdicts_carry_their_claims_subject_and_kind(db_url: str) -> None:
    """Search counts "verdict and ticker and kind" on the verdict row alone (0012): the copies
    are made on insert, follow a re-pointed verdict, and follow an edited claim."""
    engine = get_engine(db_url)
    first = _claim_with_verdict(engine, "IWM", "performance")
    second = _claim_with_verdict(engine, "^RUT", "price_level")
    query = text("SELECT subject, kind FROM verdict WHERE claim_id = :c")
    with engine.begin() as conn:
        assert tuple(conn.execute(query, {"c": first}).one()) == ("IWM", "performance")
        conn.execute(text("UPDATE claim SET subject = 'CRDO' WHERE id = :c"), {"c": first})
        assert tuple(conn.execute(query, {"c": first}).one()) == ("CRDO", "performance")
        conn.execute(text("DELETE FROM verdict WHERE claim_id = :c"), {"c": second})
        conn.execute(
            text("UPDATE verdict SET claim_id = :to WHERE claim_id = :c"),
            {"to": second, "c": first},
        )
        assert tuple(conn.execute(query, {"c": second}).one()) == ("^RUT", "price_level")


def test_search_migration_downgrades_and_upgrades_again(db_url: str) -> None:
    """0012 both ways on a store with verdicts: down drops the copies, up fills them again."""
    from alembic import command

    engine = get_engine(db_url)
    claim = _claim_with_verdict(engine, "IWM", "valuation")
    cfg = alembic_config(engine)
    command.downgrade(cfg, "0011")
    assert "subject" not in {c["name"] for c in inspect(engine).get_columns("verdict")}
    upgrade(engine)
    with engine.connect() as conn:
        row = conn.execute(
            text("SELECT subject, kind FROM verdict WHERE claim_id = :c"), {"c": claim}
        ).one()
    assert tuple(row) == ("IWM", "valuation")
    assert _claim_with_verdict(engine, "CRDO", "fundamental")  # the triggers are back
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM verdict WHERE subject = 'CRDO'")).scalar()
