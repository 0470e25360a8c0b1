"""Throwaway PostgreSQL databases on a server (tests, ``bench/scale.py``)."""

from __future__ import annotations

import time
import uuid


def _admin(server: str) -> str:
    return server.replace("postgresql+psycopg://", "postgresql://") + "/postgres"


def new_database(server: str, prefix: str = "t") -> str:
    """Create an empty database on ``server`` (a URL without a database name) and return its
    URL; retried briefly, since a server just started may still refuse connections."""
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    for attempt in range(20):
        try:
            with psycopg.connect(_admin(server), autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            break
        except psycopg.OperationalError:
            if attempt == 19:
                raise
            time.sleep(0.25)
    return f"{server}/{name}"


def drop_database(server: str, url: str) -> None:
    """Drop the database ``url`` names, closing this process's pooled connections first."""
    import psycopg

    from store.db import dispose_all

    dispose_all()
    with psycopg.connect(_admin(server), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
