"""flags an analyst can trust: every reading and a confidence on verdicts; readers' marks

A verdict keeps every reading it judged (the flag card's proof) and how sure a flag is; a
reader's "not an error" / "confirmed" marks live in their own table, keyed by what the claim
says so that they survive re-checks and re-extraction.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 07:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("verdict") as batch:
        batch.add_column(sa.Column("confidence", sa.String(length=8), nullable=True))
        batch.add_column(sa.Column("readings", sa.Text(), nullable=True))
    op.create_table(
        "flag_review",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("claim_key", sa.String(length=64), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("mark", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("claim_json", sa.Text(), nullable=False),
        sa.Column("verdict_json", sa.Text(), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("marked_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.UniqueConstraint("claim_key"),
    )
    op.create_index("ix_flag_review_claim_id", "flag_review", ["claim_id"])
    op.create_index("ix_flag_review_article_id", "flag_review", ["article_id"])


def downgrade() -> None:
    op.drop_index("ix_flag_review_article_id", table_name="flag_review")
    op.drop_index("ix_flag_review_claim_id", table_name="flag_review")
    op.drop_table("flag_review")
    with op.batch_alter_table("verdict") as batch:
        batch.drop_column("readings")
        batch.drop_column("confidence")
