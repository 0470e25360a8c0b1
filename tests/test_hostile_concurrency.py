"""Writers that race and processes that die (issue 14): two ingests of one folder store
each article once, killed runs are closed as interrupted, ``check --all`` and
``extract --all`` at once both finish, ``thesisdesk ui`` stops with its Streamlit, and the
same article gets the same stances whatever else is in its batch."""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlmodel import func, select

from ingest.pipeline import ingest_paths
from store.db import get_engine, session_scope
from store.models import Article, IngestRun

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _articles(engine: object) -> int:
    with session_scope(engine) as s:  # type: ignore[arg-type]
        return int(s.exec(select(func.count()).select_from(Article)).one())


def _folder(root: Path, n: int) -> Path:
    folder = root / "docs"
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:03d}.txt").write_text(
            f"Desk note {i}: regional lenders rose {i % 7 + 1}.{i % 10}% this week while "
            f"the Russell 2000 held above 2,{300 + i}. Breadth improved for the {i}th time "
            f"and we keep a target of {2400 + i} for the index into the December meeting."
        )
    return folder


def test_two_ingests_of_one_folder_store_each_article_once(db_url: str, tmp_path: Path) -> None:
    folder = _folder(tmp_path, 60)
    get_engine(db_url)  # schema first, so both writers start on a migrated store
    script = (
        "import sys\n"
        "from store.db import get_engine\n"
        "from ingest.pipeline import ingest_paths\n"
        "s = ingest_paths(get_engine(sys.argv[1]), [sys.argv[2]])\n"
        "print(s.new, s.duplicate, s.failed)\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, db_url, str(folder)],
            env=ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
    assert _articles(get_engine(db_url)) == 60, outs
    news = [int(out.split()[0]) for out, _ in outs]
    assert sum(news) == 60, outs


def test_killed_run_is_closed_as_interrupted(db_url: str, tmp_path: Path) -> None:
    engine = get_engine(db_url)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    with session_scope(engine) as s:
        s.add(IngestRun(kind="files", target="x", pid=dead.pid, host=socket.gethostname()))
        s.add(IngestRun(kind="files", target="alive", pid=os.getppid(), host=socket.gethostname()))
        old = dt.datetime.now(dt.UTC) - dt.timedelta(days=30)
        s.add(IngestRun(kind="feeds", target="legacy", started_at=old))
    ingest_paths(engine, [_folder(tmp_path, 1)])
    with session_scope(engine) as s:
        status = {r.target: r.status for r in s.exec(select(IngestRun)).all()}
    assert status["x"] == "interrupted" and status["legacy"] == "interrupted"
    assert status["alive"] == "running"  # its process still runs: not ours to close


@pytest.mark.slow
def test_check_and_extract_at_once_both_finish(sqlite_url: str) -> None:
    from sample_store import fill_sample

    engine = get_engine(sqlite_url)
    fill_sample(engine)
    with session_scope(engine) as s:  # every article stale: extract rewrites them all
        for a in s.exec(select(Article)).all():
            a.extractor_version = "old"
            s.add(a)
    cmd = [sys.executable, "-m", "ui.cli", "--db", sqlite_url]
    for _ in range(2):
        procs = [
            subprocess.Popen(
                [*cmd, *args],
                env=ENV,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for args in (["extract", "--all", "--no-model"], ["check", "--all", "--recheck"])
        ]
        for p in procs:
            _out, err = p.communicate(timeout=300)
            assert p.returncode == 0 and "Traceback" not in err, err


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_ui_stops_with_its_streamlit(sqlite_url: str, sig: signal.Signals) -> None:
    get_engine(sqlite_url)
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "--db", sqlite_url, "ui", "--port", str(port)],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        while not _listening(port):
            assert proc.poll() is None, "ui exited before serving"
            assert time.monotonic() < deadline, "ui never served its port"
            time.sleep(0.5)
        proc.send_signal(sig)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 10
        while _listening(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _listening(port), "a Streamlit child still serves the port"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)


def test_same_article_same_stances_whatever_its_batch() -> None:
    from nlp.extract import extract_claims
    from nlp.stance_pipeline import load_stance_model, refine_many

    model, warning = load_stance_model()
    if model is None:
        pytest.skip(f"no sentiment model: {warning}")
    day = dt.date(2025, 10, 1)
    mine = (
        "IWM rose 2% last week and we expect more gains into year end. Biotech names "
        "slipped 3% on Thursday as rates rose, but we still like the group. The Russell "
        "2000 could retest 2,300 before the meeting."
    )
    others = [
        f"Small caps fell {i % 5 + 1}% on Monday after a hot inflation print; we would wait "
        f"for IWM to hold {200 + i} before adding exposure, and the Russell 2000 may drop "
        f"another {i % 3 + 2}% if yields keep climbing through the month."
        for i in range(40)
    ]
    texts = [mine, *others]
    claims = [extract_claims(t, day) for t in texts]
    assert claims[0], "the article has claims"
    alone = refine_many([(mine, claims[0])], model)[0]
    model._cache.clear()  # type: ignore[attr-defined]
    crowded = refine_many(list(zip(texts, claims, strict=True)), model)[0]
    model._cache.clear()  # type: ignore[attr-defined]
    reversed_batch = refine_many(list(zip(texts[::-1], claims[::-1], strict=True)), model)[-1]
    key = [(c.quote, c.stance, c.stance_score) for c in alone]
    assert key == [(c.quote, c.stance, c.stance_score) for c in crowded]
    assert key == [(c.quote, c.stance, c.stance_score) for c in reversed_batch]
