"""claim search: filters that meet, counted before a plan is picked

Search picks its plan from how many claims each filter lets through, filter by filter; two
common filters that rarely or never meet (a kind and a verdict; a popular ticker and a rare
verdict) then looked like a long walk or a large read. This migration lets the plan count and
read them together:

- Both: the verdict row carries its claim's ``subject`` and ``kind`` (the checker writes
  them; triggers fill them when a writer does not, and follow a claim's subject or kind if
  it is ever edited), indexed as ``(verdict, subject, kind,
  claim_id)`` and ``(verdict, kind, claim_id)``: "contradicted price targets" is an index
  count (zero: no walk at all), "contradicted IWM claims" an index range.
- PostgreSQL: ``article (source_id, published DESC NULLS LAST, id DESC)``, a source's
  articles in the search's order, so a search by source walks only that source's articles
  (SQLite's ``ix_article_source_published`` already serves that order, its row id last).
- PostgreSQL: the claim indexes a search reads claims by, ``(subject, article_id)`` (a
  ticker's claims) and ``(article_id, kind, subject, stance)`` (an article's, on a walk),
  carry the claim id, as SQLite's carry their row id: the search reads them alone, not a
  heap page per claim (a rare ticker's 3,000 claims: ~9 ms instead of ~25 ms).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 17:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COPY = (
    "subject = (SELECT subject FROM claim WHERE claim.id = {ref}), "
    "kind = (SELECT kind FROM claim WHERE claim.id = {ref})"
)

_SQLITE_TRIGGERS = (
    # SQLite's BEFORE triggers cannot change the row: the copy is an UPDATE after it, only
    # when the writer left it out (the checker writes it: the UPDATE tripled its cost)
    "CREATE TRIGGER verdict_claim_facets_ai AFTER INSERT ON verdict "
    "WHEN NEW.subject IS NULL OR NEW.kind IS NULL BEGIN "
    f"UPDATE verdict SET {_COPY.format(ref='NEW.claim_id')} WHERE id = NEW.id; END",
    "CREATE TRIGGER verdict_claim_facets_au AFTER UPDATE OF claim_id ON verdict BEGIN "
    f"UPDATE verdict SET {_COPY.format(ref='NEW.claim_id')} WHERE id = NEW.id; END",
    "CREATE TRIGGER claim_facets_to_verdict_au AFTER UPDATE OF subject, kind ON claim BEGIN "
    "UPDATE verdict SET subject = NEW.subject, kind = NEW.kind WHERE claim_id = NEW.id; END",
)

_PG_FUNCTIONS = (
    "CREATE FUNCTION verdict_claim_facets() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "SELECT c.subject, c.kind INTO NEW.subject, NEW.kind FROM claim c WHERE c.id = NEW.claim_id; "
    "RETURN NEW; END $$",
    "CREATE FUNCTION claim_facets_to_verdict() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "UPDATE verdict SET subject = NEW.subject, kind = NEW.kind WHERE claim_id = NEW.id; "
    "RETURN NULL; END $$",
)
_PG_TRIGGERS = (
    "CREATE TRIGGER verdict_claim_facets BEFORE INSERT OR UPDATE OF claim_id ON verdict "
    "FOR EACH ROW EXECUTE FUNCTION verdict_claim_facets()",
    "CREATE TRIGGER claim_facets_to_verdict AFTER UPDATE OF subject, kind ON claim "
    "FOR EACH ROW WHEN (OLD.subject IS DISTINCT FROM NEW.subject "
    "OR OLD.kind IS DISTINCT FROM NEW.kind) EXECUTE FUNCTION claim_facets_to_verdict()",
)

#: PostgreSQL: claim indexes of 0002 rebuilt to carry the claim id (``INCLUDE``)
_PG_CLAIM_COVER = (
    ("ix_claim_subject_article", "subject, article_id"),
    ("ix_claim_article_cover", "article_id, kind, subject, stance"),
)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.add_column("verdict", sa.Column("subject", sa.String(64), nullable=True))
    op.add_column("verdict", sa.Column("kind", sa.String(32), nullable=True))
    op.execute(f"UPDATE verdict SET {_COPY.format(ref='verdict.claim_id')}")
    if dialect == "sqlite":
        for stmt in _SQLITE_TRIGGERS:
            op.execute(stmt)
    elif dialect == "postgresql":
        for stmt in (*_PG_FUNCTIONS, *_PG_TRIGGERS):
            op.execute(stmt)
        op.execute(
            "CREATE INDEX ix_article_source_published_desc ON article "
            "(source_id, published DESC NULLS LAST, id DESC)"
        )
        for name, columns in _PG_CLAIM_COVER:
            op.execute(f"DROP INDEX IF EXISTS {name}")
            op.execute(f"CREATE INDEX {name} ON claim ({columns}) INCLUDE (id)")
    # claim_id last: the claims are listed from the index alone, without the verdict rows
    op.create_index(
        "ix_verdict_subject_kind", "verdict", ["verdict", "subject", "kind", "claim_id"]
    )
    op.create_index("ix_verdict_kind", "verdict", ["verdict", "kind", "claim_id"])


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.drop_index("ix_verdict_kind", table_name="verdict")
    op.drop_index("ix_verdict_subject_kind", table_name="verdict")
    if dialect == "sqlite":
        for name in ("verdict_claim_facets_ai", "verdict_claim_facets_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TRIGGER IF EXISTS claim_facets_to_verdict_au")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_article_source_published_desc")
        for name, columns in _PG_CLAIM_COVER:
            op.execute(f"DROP INDEX IF EXISTS {name}")
            op.execute(f"CREATE INDEX {name} ON claim ({columns})")
        op.execute("DROP TRIGGER IF EXISTS claim_facets_to_verdict ON claim")
        op.execute("DROP TRIGGER IF EXISTS verdict_claim_facets ON verdict")
        op.execute("DROP FUNCTION IF EXISTS claim_facets_to_verdict()")
        op.execute("DROP FUNCTION IF EXISTS verdict_claim_facets()")
    with op.batch_alter_table("verdict") as batch:
        batch.drop_column("kind")
        batch.drop_column("subject")
