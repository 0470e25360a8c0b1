"""the subject_day summary; outlets are not feeds

``subject_day`` holds, per (day, subject, voice), the counts the digest's pages need (see
``store.rollup``); it is filled here from the claims already stored and kept in step by the
transactions that write claims, verdicts and article stances from then on. An index on
(source_id, published) makes recomputing one voice's day cheap.

Publications that articles name (a feed item's ``<source>``, front matter, a manifest) were
stored as kind ``web`` under a URL the item gave, and listed as feeds. They become kind
``outlet``, keyed ``outlet:<name>``, the address kept in ``site_url``.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 08:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COUNTS = (
    "articles",
    "article_net",
    "articles_bullish",
    "articles_bearish",
    "claims",
    "bullish",
    "bearish",
    "performance",
    "price_level",
    "price_target",
    "rate_decision",
    "rate_expectation",
    "valuation",
    "fundamental",
    "performance_supported",
    "performance_contradicted",
    "performance_unverifiable",
    "flags",
)


def upgrade() -> None:
    op.create_table(
        "subject_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column("voice", sa.String(length=24), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in _COUNTS),
        sa.Column("target_low", sa.Float(), nullable=True),
        sa.Column("target_high", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("day", "subject", "voice"),
    )
    op.create_index("ix_subject_day_subject_day", "subject_day", ["subject", "day"])
    op.create_index("ix_article_source_published", "article", ["source_id", "published"])
    bind = op.get_bind()
    _outlets(bind)
    from store.rollup import rebuild

    rebuild(bind)


def _outlets(bind: sa.Connection) -> None:
    """kind web -> outlet, keyed by name; a key already taken keeps the row's URL."""
    rows = bind.execute(sa.text("SELECT id, url, name FROM source WHERE kind = 'web'")).all()
    taken = {r[0] for r in bind.execute(sa.text("SELECT url FROM source"))}
    for sid, url, name in rows:
        key = f"outlet:{(name or '').strip().lower() or url}"
        values = {"id": sid, "url": url, "site": url}
        if key not in taken:
            values["url"] = key
            taken.add(key)
        bind.execute(
            sa.text(
                "UPDATE source SET kind = 'outlet', url = :url, "
                "site_url = COALESCE(site_url, :site) WHERE id = :id"
            ),
            values,
        )


def downgrade() -> None:
    op.drop_index("ix_article_source_published", table_name="article")
    op.drop_index("ix_subject_day_subject_day", table_name="subject_day")
    op.drop_table("subject_day")
    op.execute("UPDATE source SET kind = 'web' WHERE kind = 'outlet'")
