"""claims carry how they were read: rule, streak facts, condition, MA window, confidences

Later stages used to re-parse the quote for these; now the extractor records them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 06:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    ("rule", sa.String(length=64)),
    ("streak_direction", sa.String(length=8)),
    ("streak_grain", sa.String(length=16)),
    ("conditional", sa.Boolean()),
    ("ma_window", sa.Integer()),
    ("period_confidence", sa.Float()),
    ("subject_confidence", sa.Float()),
)


def upgrade() -> None:
    with op.batch_alter_table("claim") as batch:
        for name, type_ in COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("claim") as batch:
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)
