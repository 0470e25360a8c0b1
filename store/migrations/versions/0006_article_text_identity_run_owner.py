"""one stored article per text without a URL; ingest runs record their process

Two ingests of one folder at once used to store the same file twice: the identity check and
the insert were separate steps. A partial unique index (content hash, among articles
without a canonical URL) makes the second insert fail, and the writer reads that as "we
have it". Ingest runs record the process (host, pid) that runs them, so that a later run
can tell a run killed mid-way (its process is gone) from one still going, and close it
as ``interrupted``.

A store that already holds such duplicates (from the race this fixes) keeps them and gets
no index; ``thesisdesk`` still refuses new duplicates in the identity check.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 06:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ux_article_text_without_url"
WHERE = sa.text("canonical_url IS NULL")


def upgrade() -> None:
    with op.batch_alter_table("ingest_run") as batch:
        batch.add_column(sa.Column("pid", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("host", sa.String(length=255), nullable=True))
    dups = op.get_bind().execute(
        sa.text(
            "SELECT content_hash FROM article WHERE canonical_url IS NULL "
            "GROUP BY content_hash HAVING COUNT(*) > 1 LIMIT 1"
        )
    ).first()
    if dups is None:
        op.create_index(
            INDEX,
            "article",
            ["content_hash"],
            unique=True,
            sqlite_where=WHERE,
            postgresql_where=WHERE,
        )


def downgrade() -> None:
    op.execute(sa.text(f"DROP INDEX IF EXISTS {INDEX}"))
    with op.batch_alter_table("ingest_run") as batch:
        batch.drop_column("host")
        batch.drop_column("pid")
