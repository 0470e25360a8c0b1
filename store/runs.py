"""The ``IngestRun`` record of every ingest-like job (feeds, files, market, instruments).

One recorder for all of them: a run row is written when a job starts and closed with its
counts, errors and status when it ends. A process killed outright (kill -9, power loss)
never closes its row; each row records its host and pid, so the next run on the same host
closes rows whose process is gone as ``interrupted``. Rows from another host, or from
before pids were recorded, are closed only once older than ``STALE_AFTER``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import col

from store.db import session_scope
from store.models import IngestRun

#: A run keeps at most this many error entries (a feed list of thousands can fail wholesale).
MAX_ERRORS_STORED = 500
STALE_AFTER = dt.timedelta(days=2)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def _host() -> str:
    return socket.gethostname()[:255]


def close_interrupted(engine: Engine, now: dt.datetime | None = None) -> list[int]:
    """Mark ``running`` rows whose process is gone as ``interrupted``; their ids."""
    now = now or dt.datetime.now(dt.UTC)
    host = _host()
    closed: list[int] = []
    with session_scope(engine) as s:
        rows = s.scalars(select(IngestRun).where(col(IngestRun.status) == "running")).all()
        for run in rows:
            started = run.started_at
            if started.tzinfo is None:
                started = started.replace(tzinfo=dt.UTC)
            if run.pid is not None and run.host == host:
                gone = run.pid != os.getpid() and not _alive(run.pid)
            else:
                gone = now - started > STALE_AFTER
            if not gone:
                continue
            run.status = "interrupted"
            run.finished_at = now
            errors = json.loads(run.errors or "[]")
            errors.append(
                {"item": "run", "error": "process ended before the run finished", "kind": "error"}
            )
            run.errors = json.dumps(errors, ensure_ascii=False)
            s.add(run)
            closed.append(run.id)  # type: ignore[arg-type]
    return closed


def start_run(engine: Engine, kind: str, target: str | None) -> int:
    """Record that a job started (stale rows of killed jobs closed first); the run's id."""
    close_interrupted(engine)
    with session_scope(engine) as s:
        run = IngestRun(kind=kind, target=target, status="running", pid=os.getpid(), host=_host())
        s.add(run)
        s.flush()
        assert run.id is not None
        return run.id


def finish_run(
    engine: Engine,
    run_id: int,
    *,
    seen: int,
    new: int,
    duplicate: int,
    failed: int,
    errors: list[dict[str, str]],
    status: str,
    syndicated: int = 0,
    changed: int = 0,
    seconds: float | None = None,
) -> IngestRun:
    """Close the run row with its counts, errors (JSON) and status (ok|partial|failed).

    ``seconds`` defaults to the wall time since the row was started.
    """
    now = dt.datetime.now(dt.UTC)
    with session_scope(engine) as s:
        run = s.get(IngestRun, run_id)
        if run is None:
            raise LookupError(f"no ingest run {run_id}")
        if seconds is None:
            started = run.started_at
            if started.tzinfo is None:
                started = started.replace(tzinfo=dt.UTC)
            seconds = (now - started).total_seconds()
        run.finished_at = now
        run.seconds = seconds
        run.items_seen, run.items_new = seen, new
        run.items_duplicate, run.items_failed = duplicate, failed
        run.items_syndicated, run.items_changed = syndicated, changed
        run.errors = json.dumps(errors[:MAX_ERRORS_STORED], ensure_ascii=False)
        run.status = status
        s.add(run)
        return run


def recent_runs(engine: Engine, kind: str, limit: int = 5) -> list[IngestRun]:
    """The latest runs of one kind, newest first."""
    with session_scope(engine) as s:
        stmt = (
            select(IngestRun)
            .where(col(IngestRun.kind) == kind)
            .order_by(col(IngestRun.id).desc())
            .limit(limit)
        )
        return list(s.scalars(stmt).all())
