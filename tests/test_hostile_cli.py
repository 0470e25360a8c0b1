"""Hostile command lines (issue 14): every user-facing error is one line and a non-zero
exit, never a traceback; text from the network or from files is never read as rich markup."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from store.db import get_engine
from store.sources import add_source, update_source
from ui.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
MARKUP = "Breadth [/] and [bold]loud[/bold] [link=x]y"


def _bad(args: list[str], *, needle: str = "") -> str:
    """Run ``args``; assert a clean non-zero exit with a short message on stderr."""
    result = runner.invoke(app, args)
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    out = result.output
    assert "Traceback" not in out
    if needle:
        assert needle in out, out
    return out


def _bad_dbs(tmp_path: Path) -> dict[str, str]:
    not_db = tmp_path / "notes.db"
    not_db.write_text("these are my notes, not a database\n" * 50)
    return {
        "unknown scheme": "mongodb://127.0.0.1/x",
        "nobody listens": "postgresql://nobody@127.0.0.1:9/none?connect_timeout=3",
        "cannot create": "/proc/thesisdesk-nope/sub/store.db",
        "not a database": str(not_db),
        "a folder": str(tmp_path),
    }


@pytest.mark.parametrize(
    "case", ["unknown scheme", "nobody listens", "cannot create", "not a database", "a folder"]
)
def test_bad_db_is_one_line(tmp_path: Path, case: str) -> None:
    url = _bad_dbs(tmp_path)[case]
    out = _bad(["--db", url, "feeds", "list"], needle="error:")
    assert len(out.strip().splitlines()) == 1, out


def test_bad_db_in_a_real_process_has_no_traceback(tmp_path: Path) -> None:
    """The installed entry point, not the test runner: stderr holds one line, exit 1."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for url in _bad_dbs(tmp_path).values():
        proc = subprocess.run(
            [sys.executable, "-m", "ui.cli", "--db", url, "articles", "list"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert proc.returncode != 0 and "Traceback" not in proc.stderr, proc.stderr
        assert proc.stderr.strip().startswith("error:"), proc.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["digest", "--date", "0001-01-01"],
        ["digest", "--date", "0001-01-07", "--days", "3"],
        ["digest", "--days", "10000000", "--date", "2025-10-01"],
        ["digest", "--date", "2025-13-01"],
        ["digest", "--date", "2025-10-01", "-o", "/nonexistent-folder/x/digest.html"],
    ],
)
def test_digest_bad_dates_and_paths(sqlite_url: str, args: list[str]) -> None:
    _bad(["--db", sqlite_url, *args])


def test_digest_last_calendar_day_is_fine(sqlite_url: str) -> None:
    result = runner.invoke(app, ["--db", sqlite_url, "digest", "--date", "9999-12-31"])
    assert result.exit_code == 0 and result.exception is None, result.output


def test_check_missing_market_dir_is_an_error(sqlite_url: str, tmp_path: Path) -> None:
    art = tmp_path / "a.txt"
    art.write_text("The Russell 2000 rose 2% last week.")
    missing = str(tmp_path / "no-market-here")
    _bad(["--db", sqlite_url, "check", "--all", "--market-dir", missing], needle="not a folder")
    _bad(["check", str(art), "--published", "2025-10-01", "--market-dir", missing, "--no-model"])


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "ftp://example.com/feed.xml", "data:text/xml,<rss/>", "http:///x"],
)
def test_feeds_add_refuses_other_schemes(sqlite_url: str, url: str) -> None:
    _bad(["--db", sqlite_url, "feeds", "add", url], needle="error:")
    listed = runner.invoke(app, ["--db", sqlite_url, "feeds", "list", "--json"])
    assert listed.stdout.strip() == "[]"


def test_feeds_list_escapes_network_text(sqlite_url: str) -> None:
    engine = get_engine(sqlite_url)
    src, _ = add_source(engine, "https://example.com/[/]feed.xml", name=MARKUP, kind="feed")
    update_source(engine, src.id, last_error="HTTP 500 [/] [red]oops")
    result = runner.invoke(app, ["--db", sqlite_url, "feeds", "list"], env={"COLUMNS": "300"})
    assert result.exit_code == 0 and result.exception is None, result.output
    assert "[/]" in result.stdout and "[bold]loud[/bold]" in result.stdout


def test_opml_refuses_other_schemes(sqlite_url: str, tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline type="rss" text="bad" xmlUrl="javascript:alert(1)"/>'
        '<outline type="rss" text="ftp" xmlUrl="ftp://example.com/f.xml"/>'
        '<outline type="rss" text="good" xmlUrl="https://example.com/f.xml"/>'
        "</body></opml>"
    )
    result = runner.invoke(app, ["--db", sqlite_url, "feeds", "import-opml", str(opml)])
    assert result.exit_code == 0, result.output
    assert "added 1 feeds" in result.stdout and "refused" in result.output


def test_extract_table_escapes_markup(tmp_path: Path) -> None:
    art = tmp_path / "odd [bold] name.txt"
    art.write_text(f"{MARKUP}: the Russell 2000 rose 2.5% last week [/] to 2,400.")
    result = runner.invoke(
        app,
        ["extract", str(art), "--published", "2025-10-01", "--no-model"],
        env={"COLUMNS": "300"},
    )
    assert result.exit_code == 0 and result.exception is None, result.output
    assert "[/]" in result.stdout


def test_extract_published_with_markup_is_one_line(tmp_path: Path) -> None:
    art = tmp_path / "a.txt"
    art.write_text("The Russell 2000 rose 2.5% last week.")
    _bad(["extract", str(art), "--published", "[/]2025"], needle="[/]2025")
