"""daily operations: the watchlist, its per-ticker feeds, alerts and their deliveries, digests

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "watch",
        sa.Column("symbol", sa.String(length=32), primary_key=True),
        sa.Column("added_at", UTC(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("state", sa.Text(), nullable=False, server_default="{}"),
        sa.Column("state_at", UTC(), nullable=True),
    )
    op.create_table(
        "watch_source",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("symbol", sa.String(length=32), sa.ForeignKey("watch.symbol"), nullable=False),
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("source.id"), nullable=False),
        sa.Column("site", sa.String(length=64), nullable=False),
        sa.UniqueConstraint("symbol", "source_id"),
    )
    op.create_index("ix_watch_source_symbol", "watch_source", ["symbol"])
    op.create_index("ix_watch_source_source_id", "watch_source", ["source_id"])
    op.create_table(
        "alert",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("rule", sa.String(length=32), nullable=False),
        sa.Column("subject", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False, server_default="{}"),
        sa.Column("created_at", UTC(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.UniqueConstraint("key"),
    )
    op.create_index("ix_alert_rule", "alert", ["rule"])
    op.create_index("ix_alert_subject", "alert", ["subject"])
    op.create_table(
        "alert_delivery",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("alert_id", sa.Integer(), sa.ForeignKey("alert.id"), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("sent_at", UTC(), nullable=True),
        sa.UniqueConstraint("alert_id", "channel"),
    )
    op.create_index("ix_alert_delivery_alert_id", "alert_delivery", ["alert_id"])
    op.create_index("ix_alert_delivery_status", "alert_delivery", ["status"])
    op.create_table(
        "digest_snapshot",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("built_at", UTC(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("n_subjects", sa.Integer(), nullable=False),
        sa.Column("mailed_at", UTC(), nullable=True),
        sa.Column("mail_error", sa.Text(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("digest_snapshot")
    op.drop_index("ix_alert_delivery_status", table_name="alert_delivery")
    op.drop_index("ix_alert_delivery_alert_id", table_name="alert_delivery")
    op.drop_table("alert_delivery")
    op.drop_index("ix_alert_subject", table_name="alert")
    op.drop_index("ix_alert_rule", table_name="alert")
    op.drop_table("alert")
    op.drop_index("ix_watch_source_source_id", table_name="watch_source")
    op.drop_index("ix_watch_source_symbol", table_name="watch_source")
    op.drop_table("watch_source")
    op.drop_table("watch")
