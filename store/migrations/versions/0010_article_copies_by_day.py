"""syndicated copies by day

The ``subject_day`` refresh finds a (day, voice) slice's articles through indexes, so its
cost follows the slices a write touches, not the size of the store: originals through
``ix_article_source_published``, and syndicated copies (few) through this partial index of
copies by day.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 12:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    where = sa.text("duplicate_of_id IS NOT NULL")
    op.create_index(
        "ix_article_copies_published",
        "article",
        ["published"],
        sqlite_where=where,
        postgresql_where=where,
    )


def downgrade() -> None:
    op.drop_index("ix_article_copies_published", table_name="article")
