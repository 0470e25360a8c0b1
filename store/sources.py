"""Queries on the ``source`` table: feeds and other origins, their health and schedule."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, func, insert, or_, update
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from store import rollup
from store.db import session_scope
from store.models import Article, Source, table_of

#: a publication met in files, manifests or a feed item's <source>: named, never polled
OUTLET = "outlet"


def outlet_key(name: str | None, url: str | None = None) -> str:
    """The stable identifier an outlet is stored under (``source.url`` is unique and NOT
    NULL): ``outlet:<name>``, lower-cased; ``outlet:<url>`` when only an address is known."""
    return f"{OUTLET}:{(name or '').strip().lower() or (url or '').strip()}"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def get_source(engine: Engine, source_id: int) -> Source | None:
    with session_scope(engine) as s:
        return s.get(Source, source_id)


def find_source(engine: Engine, url_or_id: str | int) -> Source | None:
    """A source by id (digits) or by URL as stored."""
    with session_scope(engine) as s:
        if isinstance(url_or_id, int) or str(url_or_id).isdigit():
            found = s.get(Source, int(url_or_id))
            if found is not None:
                return found
        return s.exec(select(Source).where(Source.url == str(url_or_id))).first()


def add_source(
    engine: Engine,
    url: str,
    *,
    name: str | None = None,
    kind: str = "feed",
    site_url: str | None = None,
) -> tuple[Source, bool]:
    """Add a source unless its URL is already there; returns (source, created).

    Two writers may add the same URL at once (two ingests of one folder): the loser's
    insert breaks the unique index, and it then returns the winner's row.
    """
    for _attempt in range(3):
        try:
            with session_scope(engine) as s:
                existing = s.exec(select(Source).where(Source.url == url)).first()
                if existing is not None:
                    if name and not existing.name:
                        existing.name = name
                        s.add(existing)
                    return existing, False
                src = Source(url=url, name=name, kind=kind, site_url=site_url)
                s.add(src)
                s.flush()
                return src, True
        except IntegrityError:
            continue  # another writer committed this URL first: read theirs
    raise RuntimeError(f"could not add or find source {url!r}")


def get_or_create_source(
    conn: Connection, url: str, *, name: str | None, kind: str, site_url: str | None = None
) -> int:
    """The id of the source with ``url``, created inside the caller's transaction."""
    table = table_of(Source)
    found = conn.execute(sa_select(table.c.id).where(table.c.url == url)).scalar()
    if found is None and name:  # the same outlet met through another path (feed vs files)
        found = conn.execute(
            sa_select(table.c.id)
            .where(func.lower(table.c.name) == name.strip().lower(), table.c.kind == kind)
            .order_by(table.c.id)
            .limit(1)
        ).scalar()
    if found is not None:
        return int(found)
    values = {
        "url": url,
        "name": name,
        "kind": kind,
        "site_url": site_url,
        "active": True,
        "added_at": _now(),
        "consecutive_failures": 0,
        "entries_seen": 0,
    }
    return int(conn.execute(insert(table).values(**values).returning(table.c.id)).scalar_one())


def list_sources(engine: Engine, kind: str | None = None) -> list[Source]:
    with session_scope(engine) as s:
        q = select(Source).order_by(col(Source.id))
        if kind:
            q = q.where(Source.kind == kind)
        return list(s.exec(q).all())


def remove_source(engine: Engine, source_id: int) -> int:
    """Delete a source; its articles stay (detached). Returns how many were detached."""
    with session_scope(engine) as s:
        conn = s.connection()
        ids = [
            int(r[0] or 0)
            for r in conn.execute(
                sa_select(col(Article.id)).where(col(Article.source_id) == source_id)
            )
        ]
        before = rollup.scope_of(conn, ids)
        detached = conn.execute(
            update(Article).where(col(Article.source_id) == source_id).values(source_id=None)
        ).rowcount
        rollup.refresh_articles(conn, ids, before)  # their articles now speak for themselves
        src = s.get(Source, source_id)
        if src is not None:
            s.delete(src)
        return int(detached or 0)


def due_feeds(
    engine: Engine, *, force: bool = False, now: dt.datetime | None = None
) -> list[Source]:
    """Active feeds whose ``next_fetch_at`` has passed (all active feeds with ``force``)."""
    now = now or _now()
    with session_scope(engine) as s:
        q = select(Source).where(Source.kind == "feed", Source.active == True)  # noqa: E712
        if not force:
            due = col(Source.next_fetch_at)
            q = q.where(or_(due.is_(None), due <= now))
        return list(s.exec(q.order_by(col(Source.id))).all())


def update_source(engine: Engine, source_id: int | None, **values: object) -> None:
    """Write health/schedule fields of one source in its own transaction (a source that is
    not stored, or has no id yet, has none to write)."""
    if source_id is None:
        return
    with session_scope(engine) as s:
        src = s.get(Source, source_id)
        if src is None:
            return
        for key, value in values.items():
            setattr(src, key, value)
        s.add(src)
