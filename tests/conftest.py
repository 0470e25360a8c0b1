"""Shared fixtures: real databases (SQLite files and PostgreSQL), paths to shared data.

PostgreSQL: ``THESISDESK_TEST_PG_URL`` (a server URL with rights to create databases;
``.ci/run`` starts one and sets it). Without it, a throwaway server is started with
``initdb``/``pg_ctl`` when those exist; otherwise postgres tests skip, unless
``THESISDESK_REQUIRE_PG=1`` (set in CI), where they fail instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent


def _default_shared() -> Path:
    """``../shared`` beside the checkout; from a git worktree, beside the main checkout."""
    here = ROOT.parent / "shared"
    if here.is_dir() or shutil.which("git") is None:
        return here
    found = subprocess.run(
        ["git", "rev-parse", "--path-format=absolute", "--git-common-dir"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    main = Path(found.stdout.strip()).parent if found.returncode == 0 else ROOT
    return main.parent / "shared" if (main.parent / "shared").is_dir() else here


SHARED = Path(os.environ.get("THESISDESK_SHARED") or _default_shared())
RESOURCES = Path(__file__).parent / "resources"
# The product finds the instrument lists under ``$THESISDESK_DATA`` or ``../shared/data``; point
# it at the tests' shared directory so extraction sees the same lexicon wherever tests run.
if (SHARED / "data").is_dir():
    os.environ.setdefault("THESISDESK_DATA", str(SHARED / "data"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared data directory not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def claims_nlp(shared_dir: Path) -> Language:
    """The claims spaCy pipeline, loaded once per session (per xdist worker) for every
    extraction test, so those tests are fast enough for the quick loop. Skips, like every
    shared-data test, where the instrument lists (the lexicon) are missing."""
    from nlp.pipeline import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def market_dir(shared_dir: Path) -> Path:
    return shared_dir / "data" / "market"


@pytest.fixture(scope="session")
def instruments_dir(shared_dir: Path) -> Path:
    return shared_dir / "data" / "instruments"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pg_bin() -> Path | None:
    for cand in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (cand / "initdb").exists():
            return cand
    found = shutil.which("initdb")
    return Path(found).parent if found else None


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """A PostgreSQL server URL (without database name) for the whole session."""
    url = os.environ.get("THESISDESK_TEST_PG_URL")
    if url:
        yield url.rstrip("/")
        return
    required = os.environ.get("THESISDESK_REQUIRE_PG") == "1"
    bindir = _pg_bin()
    if bindir is None:
        if required:
            pytest.fail("PostgreSQL required (THESISDESK_REQUIRE_PG=1) but initdb not found")
        pytest.skip("no PostgreSQL available")
    tmp = Path(tempfile.mkdtemp(prefix="thesisdesk-pg-"))
    port = _free_port()
    run_as: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        shutil.chown(tmp, "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    datadir = tmp / "data"
    subprocess.run(
        [*run_as, str(bindir / "initdb"), "-A", "trust", "-U", "postgres", "-D", str(datadir)],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *run_as,
            str(bindir / "pg_ctl"),
            "-D",
            str(datadir),
            "-l",
            str(tmp / "log"),
            "-w",
            "-o",
            f"-p {port} -h 127.0.0.1 -k {tmp}",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            [*run_as, str(bindir / "pg_ctl"), "-D", str(datadir), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test."""
    from sample_store.pg import drop_database, new_database

    url = new_database(pg_server_url)
    yield url
    drop_database(pg_server_url, url)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> Iterator[str]:
    """A fresh SQLite file for one test."""
    yield f"sqlite:///{tmp_path / 'store.db'}"
    from store.db import dispose_all

    dispose_all()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """Each store test runs twice: on a SQLite file and on a real PostgreSQL database."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("pg_url"))
