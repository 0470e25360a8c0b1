"""CLI tables that survive a pipe: a header row, whole names at 80 columns, CSV for flags;
an unknown ticker or a missing file is a one-line error with a non-zero exit."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosscheck.run import check_stored
from store.db import get_engine, session_scope
from store.models import Article, ClaimRow, PriceBarRow, Source
from ui.cli import app

ROOT = Path(__file__).resolve().parent.parent
TITLE = "Small caps had a remarkable third quarter according to this rather verbose newsletter"
SOURCE = "The Extraordinarily Long Named Small Cap Observer"
D = dt.date


@pytest.fixture
def flagged(sqlite_url: str) -> str:
    engine = get_engine(sqlite_url)
    with session_scope(engine) as s:
        s.add(PriceBarRow(symbol="IWM", date=D(2025, 6, 30), close=215.79, adj_close=214.08))
        s.add(PriceBarRow(symbol="IWM", date=D(2025, 9, 30), close=241.96, adj_close=240.72))
        src = Source(url="https://observer.example/feed", name=SOURCE)
        s.add(src)
        s.flush()
        a = Article(
            text="t", content_hash="h", published=D(2025, 10, 5), title=TITLE, source_id=src.id
        )
        s.add(a)
        s.flush()
        s.add(
            ClaimRow(
                article_id=a.id,
                kind="performance",
                subject="IWM",
                unit="pct",
                value=30.0,
                period_start=D(2025, 7, 1),
                period_end=D(2025, 9, 30),
                quote="IWM rose 30% in Q3",
                start=0,
                end=18,
                extractor_version="test",
            )
        )
    check_stored(engine)
    return sqlite_url


def _words_kept(text: str, phrase: str) -> bool:
    """Every word of ``phrase`` is in ``text`` whole (wrapped onto lines, never cut)."""
    words = set(text.split())
    return all(w in words for w in phrase.split())


def _narrow(text: str) -> None:
    assert max(len(line) for line in text.splitlines()) <= 80, text


def test_flags_table_header_whole_names_and_csv(flagged: str) -> None:
    runner = CliRunner(env={"COLUMNS": "80"})
    r = runner.invoke(app, ["--db", flagged, "flags"])
    assert r.exit_code == 0, r.output
    head = r.stdout.splitlines()[:4]
    assert any("claim" in line and "article" in line for line in head), r.stdout
    _narrow(r.stdout)
    assert _words_kept(r.stdout, TITLE) and _words_kept(r.stdout, SOURCE)
    r = runner.invoke(app, ["--db", flagged, "flags", "--csv"])
    assert r.exit_code == 0, r.output
    (row,) = list(csv.DictReader(io.StringIO(r.stdout)))
    assert row["title"] == TITLE and row["source"] == SOURCE and row["subject"] == "IWM"
    assert row["value"] == "30.0" and "claimed" in row["reason"]
    assert row["kind"] == "Performance" and row["confidence"]


def test_flags_piped_keeps_its_header(flagged: str) -> None:
    """Through a real pipe (not a terminal) at COLUMNS=80."""
    env = {**os.environ, "COLUMNS": "80", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-m", "ui.cli", "--db", flagged, "flags"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert "date / source" in out.stdout and "claimed vs data" in out.stdout
    _narrow(out.stdout)
    assert _words_kept(out.stdout, TITLE)


def test_flags_unknown_ticker_is_an_error(flagged: str) -> None:
    r = CliRunner().invoke(app, ["--db", flagged, "flags", "--ticker", "ZZZZ"])
    assert r.exit_code == 1
    assert "unknown ticker" in r.output and "ZZZZ" in r.output
    assert len(r.output.strip().splitlines()) == 1


def test_articles_list_header_and_whole_source(flagged: str) -> None:
    r = CliRunner(env={"COLUMNS": "80"}).invoke(app, ["--db", flagged, "articles", "list"])
    assert r.exit_code == 0, r.output
    assert any("published" in line and "source" in line for line in r.stdout.splitlines()[:4])
    _narrow(r.stdout)
    assert _words_kept(r.stdout, SOURCE) and _words_kept(r.stdout, TITLE)


@pytest.mark.parametrize("command", ["extract", "check"])
def test_a_missing_file_is_a_one_line_error(command: str, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    r = CliRunner().invoke(app, [command, str(missing), "--published", "2025-10-01"])
    assert r.exit_code == 1
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and "nowhere.txt" in lines[0] and "does not exist" in lines[0]
    assert "claim" not in r.output


def test_extract_table_keeps_its_headers_at_80_columns(tmp_path: Path) -> None:
    pytest.importorskip("spacy")
    article = tmp_path / "note.txt"
    article.write_text(
        "Small-cap note. The iShares Russell 2000 ETF (IWM) gained 4.2% last week, and one "
        "desk set a price target of $260 on it.\n"
    )
    r = CliRunner(env={"COLUMNS": "80"}).invoke(
        app, ["extract", str(article), "--published", "2025-10-06", "--no-model"]
    )
    assert r.exit_code == 0, r.output
    head = r.stdout.splitlines()[:4]
    assert any("article" in line and "quote" in line for line in head), r.stdout
    _narrow(r.stdout)
    assert r.stdout.strip().endswith("claim(s)")
