"""One daily run at a time per store: an OS file lock beside the store (``filelock``).

The lock is an ``flock`` on a file, so the kernel releases it when its process dies, even
by kill -9: a stale lock never blocks the next run. A side file records who holds it, so
the second run can say which process (and since when) it is waiting on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import socket
from pathlib import Path
from types import TracebackType

import platformdirs
from filelock import FileLock, Timeout
from sqlalchemy.engine import make_url


class RunLocked(RuntimeError):
    """Another run holds the lock; the message names its process."""


def lock_path(db_url: str) -> Path:
    """``<store file>.run.lock`` for a SQLite file, else one per URL in the data directory."""
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).with_name(Path(url.database).name + ".run.lock")
    digest = hashlib.sha256(url.render_as_string(hide_password=True).encode()).hexdigest()
    base = Path(platformdirs.user_data_dir("thesisdesk", appauthor=False))
    base.mkdir(parents=True, exist_ok=True)
    return base / f"run-{digest[:16]}.lock"


class RunLock:
    """``with RunLock(url): ...`` or ``acquire()``/``release()``; never waits."""

    def __init__(self, db_url: str, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else lock_path(db_url)
        self.info_path = self.path.with_name(self.path.name + ".info")
        self._lock = FileLock(str(self.path), timeout=0, thread_local=False)

    def holder(self) -> dict[str, object]:
        """Who holds (or last held) the lock, as written by that run."""
        try:
            data = json.loads(self.info_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def acquire(self) -> None:
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            who = self.holder()
            since = f" since {who['started_at']}" if who.get("started_at") else ""
            pid = f" (pid {who['pid']} on {who.get('host', '?')}{since})" if who.get("pid") else ""
            raise RunLocked(
                f"another thesisdesk run is in progress{pid}; this one exits without "
                f"doing anything (lock: {self.path})"
            ) from None
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        self.info_path.write_text(json.dumps(info), encoding="utf-8")

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def __enter__(self) -> RunLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
