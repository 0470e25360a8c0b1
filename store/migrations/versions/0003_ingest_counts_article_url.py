"""ingest runs count syndicated copies and changed rows; article.url indexed

The URL pre-check on every feed poll looks articles up by ``url``; market re-imports
report rows changed by a provider's revision separately from new ones.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 02:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ingest_run") as batch:
        batch.add_column(
            sa.Column("items_syndicated", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(
            sa.Column("items_changed", sa.Integer(), nullable=False, server_default="0")
        )
    op.create_index("ix_article_url", "article", ["url"])


def downgrade() -> None:
    op.drop_index("ix_article_url", table_name="article")
    with op.batch_alter_table("ingest_run") as batch:
        batch.drop_column("items_changed")
        batch.drop_column("items_syndicated")
