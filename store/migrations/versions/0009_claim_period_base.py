"""claims say which close their period's change is measured from (``period_base``)

"Since July 11" now starts ON July 11 (the devset's annotation rule) and is measured from that
day's close; "Q3 2025" starts July 1 and is measured from the close before it. The claim says
which: ``start_close`` or ``prior_close`` (rows stored before this have NULL, read as
``prior_close``, which is what they meant).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("claim") as batch:
        batch.add_column(sa.Column("period_base", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("claim") as batch:
        batch.drop_column("period_base")
