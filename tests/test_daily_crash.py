"""A daily run killed (kill -9) or crashing in the middle of a stage, then run again: the
store passes ``PRAGMA integrity_check``, has no orphan rows and ends with the same content
as a run that was never interrupted."""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from daily_world import HTML, World, fingerprint, integrity, smtp_server
from local_http import HANG, LocalServer
from test_daily_run import invoke, prepare, run

from nlp import store_pipeline
from ops.config import load
from ops.daily import run_daily
from ops.lock import RunLock
from store.db import get_engine

pytestmark = pytest.mark.usefixtures("shared_dir")

#: stage -> the request to hold open, so the kill lands while that stage is at work
HOLD = {
    "feeds": "/articles/ticker-iwm-jumps.html",
    "market": "/q/d/l/",
    "deliver": "/hook",
}


@pytest.fixture
def worlds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[World, World]]:
    """Two stores on the same local servers: one for the interrupted runs, one reference."""
    server = LocalServer()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with smtp_server() as (controller, _sink):
        crashed = World(tmp_path / "a", server, controller.port)
        reference = World(tmp_path / "b", server, controller.port)
        for key, value in crashed.env().items():
            if key.startswith("THESISDESK_"):
                monkeypatch.setenv(key, value)
        monkeypatch.delenv("ALPHAVANTAGE_API_KEY", raising=False)
        yield crashed, reference
    server.close()
    from store.db import dispose_all

    dispose_all()


def _wait_for(
    server: LocalServer, path: str, proc: subprocess.Popen, timeout: float, seen: int
) -> None:
    """Until the run asks for ``path`` (requests before index ``seen`` are others')."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(p.split("?")[0] == path for p, _ in server.requests[seen:]):
            return
        if proc.poll() is not None:
            out, err = proc.communicate()
            raise AssertionError(f"run ended before {path} was asked for:\n{out}\n{err[-3000:]}")
        time.sleep(0.05)
    raise AssertionError(f"{path} never requested in {timeout} s")


@pytest.mark.slow
@pytest.mark.parametrize("stage", sorted(HOLD))
def test_kill_9_mid_stage_then_run_again(worlds: tuple[World, World], stage: str) -> None:
    crashed, reference = worlds
    for w in (crashed, reference):
        prepare(w)
    crashed.publish(1)
    run(reference, 1)
    expected = fingerprint(get_engine(reference.db_url))

    path = HOLD[stage]
    original = crashed.server.routes[path]
    crashed.server.routes[path] = (200, HTML, HANG)
    seen = len(crashed.server.requests)
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.cli", *crashed.run_args(1)],
        env=crashed.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(crashed.server, path, proc, timeout=240, seen=seen)
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    crashed.server.routes[path] = original

    engine = get_engine(crashed.db_url)
    right_after = integrity(engine)
    assert right_after["integrity_check"] == "ok"
    assert right_after["foreign_key_check"] == []
    assert right_after["unfinished_runs"] >= 1  # the killed run's rows (the next run closes them)
    lock = RunLock(crashed.db_url)
    assert lock.holder()["pid"] == proc.pid  # the dead run's note is still there ...
    with lock:  # ... but its lock died with it
        assert lock.held

    again = run(crashed, 1)
    assert again["interrupted_runs"], "the killed run's record is closed as interrupted"
    assert again["status"] == "ok", again["problems"]
    checks = integrity(engine)
    assert checks == {
        "integrity_check": "ok",
        "foreign_key_check": [],
        "orphan_claims": 0,
        "orphan_verdicts": 0,
        "orphan_deliveries": 0,
        "alerts_without_delivery": 0,
        "unfinished_runs": 0,
    }
    assert fingerprint(engine) == expected


def test_stage_raising_mid_way_then_next_run_finishes(
    worlds: tuple[World, World], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Extraction dies after its first article: the run goes on and says so (partial); the
    next run extracts the rest, and the store ends as an uninterrupted one (the alerts too:
    found once each, though spread over the two runs)."""
    # one article per chunk (one transaction each), so "after the first" is mid-way here
    monkeypatch.setattr(store_pipeline, "CHUNK", 1)
    crashed, reference = worlds
    for w in (crashed, reference):
        prepare(w)
    crashed.publish(1)
    run(reference, 1)

    engine = get_engine(crashed.db_url)
    cfg = load(crashed.settings)
    now = dt.datetime.fromisoformat("2026-03-04T22:00:00+00:00")

    def explode(task: str, done: int, total: int | None, note: str = "") -> None:
        if task == "extracting" and done == 1:
            raise RuntimeError("disk on fire")

    first = run_daily(engine, cfg, now=now, use_model=False, progress=explode)
    assert first.status == "partial"
    assert first.stage("extract").error == "RuntimeError: disk on fire"  # type: ignore[union-attr]
    assert first.stage("check").status == "ok"  # type: ignore[union-attr]
    assert integrity(engine)["orphan_claims"] == 0

    second = run_daily(engine, cfg, now=now, use_model=False)
    assert second.status == "ok", second.problems()
    assert second.stage("extract").result["articles_done"] == 2  # type: ignore[union-attr]
    got, want = fingerprint(engine), fingerprint(get_engine(reference.db_url))
    # the baseline is "what the reader was last told": the median target told after the
    # first (partial) run differs, by design; everything else is the same
    got.pop("watch"), want.pop("watch")
    assert got == want
    assert invoke(["--db", crashed.db_url, "alerts"]).count("sent") >= 8
