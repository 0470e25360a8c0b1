"""Opening the store: one engine per URL, SQLite tuned for a single writer, schema migrated.

The URL comes from ``--db`` / ``THESISDESK_DB``, else a SQLite file in the per-user data
directory. Any SQLAlchemy URL works; PostgreSQL is ``postgresql+psycopg://...``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs
from sqlalchemy import event, make_url
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlmodel import Session, create_engine

ENV_VAR = "THESISDESK_DB"
_ENGINES: dict[str, Engine] = {}
MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def default_url() -> str:
    """The SQLite file in the user's data directory (created on first use)."""
    data_dir = Path(platformdirs.user_data_dir("thesisdesk", appauthor=False))
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / 'thesisdesk.db'}"


def resolve_url(url: str | None = None) -> str:
    """``url`` if given, else ``$THESISDESK_DB``, else the default file. Bare paths are SQLite."""
    url = url or os.environ.get(ENV_VAR) or default_url()
    if "://" not in url:
        url = f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def _sqlite_pragmas(dbapi_conn: object, _record: object) -> None:
    cur = dbapi_conn.cursor()  # type: ignore[attr-defined]
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


class StoreError(Exception):
    """The store cannot be opened: a URL nobody understands, a server nobody answers on, a
    file that is not a database. The message is one line a person can act on."""


def _safe_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def get_engine(url: str | None = None, *, migrate: bool = True) -> Engine:
    """The engine for ``url`` (cached), with the schema brought up to date.

    Raises ``StoreError`` (never a driver traceback) when the store cannot be opened."""
    try:
        url = resolve_url(url)
    except OSError as exc:
        raise StoreError(f"cannot use the store path {url!r}: {exc.strerror or exc}") from exc
    engine = _ENGINES.get(url)
    if engine is None:
        shown = _safe_url(url)
        try:
            if url.startswith("sqlite"):
                path = url.split(":///", 1)[-1]
                if path and path != ":memory:" and not path.startswith("file:"):
                    if Path(path).is_dir():
                        raise StoreError(f"the store {path} is a folder, not a database file")
                    Path(path).parent.mkdir(parents=True, exist_ok=True)
                engine = create_engine(url, connect_args={"check_same_thread": False})
                event.listen(engine, "connect", _sqlite_pragmas)
            else:
                engine = create_engine(url, pool_pre_ping=True)
            if migrate:
                upgrade(engine)
        except StoreError:
            raise
        except (ArgumentError, NoSuchModuleError) as exc:
            raise StoreError(
                f"not a database URL this store understands: {shown} ({exc}); use a file path, "
                "sqlite:///PATH or postgresql://..."
            ) from exc
        except OSError as exc:
            raise StoreError(f"cannot create the store at {shown}: {exc.strerror or exc}") from exc
        except (DBAPIError, ImportError) as exc:
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
            first = reason[0] if reason else type(exc).__name__
            if engine is not None:
                engine.dispose()
            raise StoreError(f"cannot open the store at {shown}: {first}") from exc
        _ENGINES[url] = engine
    return engine


def alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the migrations up to ``revision`` (idempotent)."""
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: committed on success, rolled back on any exception."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def dispose_all() -> None:
    """Close every cached engine (tests, and before a process exits)."""
    for engine in _ENGINES.values():
        engine.dispose()
    _ENGINES.clear()
