"""claim search: full text over claim quotes, indexes for search and the digest

SQLite: an FTS5 table with external content on ``claim`` (no second copy of the quotes),
kept in sync by triggers. PostgreSQL: a GIN index on ``to_tsvector('english', quote)``,
which the search query repeats verbatim so the planner can use it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 02:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQLITE_UP = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS claim_fts USING fts5("
    "quote, content='claim', content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER IF NOT EXISTS claim_fts_ai AFTER INSERT ON claim BEGIN "
    "INSERT INTO claim_fts(rowid, quote) VALUES (new.id, new.quote); END",
    "CREATE TRIGGER IF NOT EXISTS claim_fts_ad AFTER DELETE ON claim BEGIN "
    "INSERT INTO claim_fts(claim_fts, rowid, quote) VALUES ('delete', old.id, old.quote); END",
    "CREATE TRIGGER IF NOT EXISTS claim_fts_au AFTER UPDATE OF quote ON claim BEGIN "
    "INSERT INTO claim_fts(claim_fts, rowid, quote) VALUES ('delete', old.id, old.quote); "
    "INSERT INTO claim_fts(rowid, quote) VALUES (new.id, new.quote); END",
    "INSERT INTO claim_fts(claim_fts) VALUES ('rebuild')",
]

_SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS claim_fts_au",
    "DROP TRIGGER IF EXISTS claim_fts_ad",
    "DROP TRIGGER IF EXISTS claim_fts_ai",
    "DROP TABLE IF EXISTS claim_fts",
]

_PG_UP = [
    "CREATE INDEX IF NOT EXISTS ix_claim_quote_tsv ON claim "
    "USING gin (to_tsvector('english', quote))",
]

_PG_DOWN = ["DROP INDEX IF EXISTS ix_claim_quote_tsv"]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    # Claims of one subject in article order: search by ticker walks this index newest first.
    op.create_index("ix_claim_subject_article", "claim", ["subject", "article_id"])
    # The digest reads every claim of a window once: covering, so no claim row is touched.
    op.create_index(
        "ix_claim_article_cover", "claim", ["article_id", "kind", "subject", "stance"]
    )
    op.create_index("ix_verdict_claim_verdict", "verdict", ["claim_id", "verdict"])
    op.create_index("ix_article_published_id", "article", ["published", "id"])
    statements = _SQLITE_UP if dialect == "sqlite" else _PG_UP if dialect == "postgresql" else []
    for sql in statements:
        op.execute(sql)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    statements = (
        _SQLITE_DOWN if dialect == "sqlite" else _PG_DOWN if dialect == "postgresql" else []
    )
    for sql in statements:
        op.execute(sql)
    op.drop_index("ix_article_published_id", table_name="article")
    op.drop_index("ix_verdict_claim_verdict", table_name="verdict")
    op.drop_index("ix_claim_article_cover", table_name="claim")
    op.drop_index("ix_claim_subject_article", table_name="claim")
