"""claim search at volume: prefix indexes for words, newest-first article order, verdicts

Search pages through claims newest first and stops after a page; at a million claims that
only stays fast when every step of the walk is an index step:

- SQLite: ``claim_fts`` is rebuilt with prefix indexes (2 to 8 characters). The last word a
  user types is matched as a prefix; without a prefix index FTS5 reads and merges the whole
  doclist of every term with that prefix (tens of ms for a common word) even when the query
  wants only the newest hits; with one, a prefix reads like any other term.
- PostgreSQL: ``article (published DESC NULLS LAST, id DESC)``, the search's exact order, so
  the planner walks articles newest first instead of sorting all of them; and the quote's
  ``tsvector`` stored in a generated column ``claim.quote_tsv`` (GIN-indexed, replacing the
  expression index of 0002), so a walk tests each claim's words without re-parsing its quote
  (``to_tsvector`` per row cost more than the rest of the walk).
- Both: ``verdict (verdict, claim_id)``, so "contradicted" lists its claims from the index.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 14:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FTS = (
    "CREATE VIRTUAL TABLE claim_fts USING fts5(quote, content='claim', content_rowid='id', "
    "tokenize='porter unicode61'{prefix})"
)


def _rebuild_fts(prefix: str) -> None:
    # the triggers of 0002 name the table, not its definition: they keep working
    op.execute("DROP TABLE IF EXISTS claim_fts")
    op.execute(_FTS.format(prefix=prefix))
    op.execute("INSERT INTO claim_fts(claim_fts) VALUES ('rebuild')")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_index("ix_verdict_verdict_claim", "verdict", ["verdict", "claim_id"])
    if dialect == "sqlite":
        _rebuild_fts(", prefix='2 3 4 5 6 7 8'")
    elif dialect == "postgresql":
        op.execute(
            "CREATE INDEX ix_article_published_desc ON article "
            "(published DESC NULLS LAST, id DESC)"
        )
        op.execute(
            "ALTER TABLE claim ADD COLUMN quote_tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('english', quote)) STORED"
        )
        op.execute("DROP INDEX IF EXISTS ix_claim_quote_tsv")
        op.execute("CREATE INDEX ix_claim_quote_tsv ON claim USING gin (quote_tsv)")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _rebuild_fts("")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_claim_quote_tsv")
        op.execute("ALTER TABLE claim DROP COLUMN quote_tsv")
        op.execute(
            "CREATE INDEX ix_claim_quote_tsv ON claim USING gin (to_tsvector('english', quote))"
        )
        op.execute("DROP INDEX IF EXISTS ix_article_published_desc")
    op.drop_index("ix_verdict_verdict_claim", table_name="verdict")
