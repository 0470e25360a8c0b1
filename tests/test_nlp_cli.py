"""``thesisdesk extract`` on files and manifests (no store), and on the store with --all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from thesisdesk.records import CLAIM_FIELDS
from ui.cli import app

pytestmark = pytest.mark.usefixtures("claims_nlp")


def _write(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text("IWM has climbed 11% year-to-date.", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "The Fed lowered rates by 50 basis points in September.", encoding="utf-8"
    )
    manifest = tmp_path / "index.jsonl"
    manifest.write_text(
        '{"article": "a.txt", "published": "2025-06-30"}\n'
        '{"article": "b.txt", "published": "2024-10-01"}\n',
        encoding="utf-8",
    )
    return manifest


def test_manifest_json(tmp_path: Path) -> None:
    manifest = _write(tmp_path)
    result = CliRunner().invoke(app, ["extract", "--manifest", str(manifest), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert {r["article"] for r in rows} == {"a.txt", "b.txt"}
    for r in rows:
        assert set(CLAIM_FIELDS) <= set(r)
    perf = next(r for r in rows if r["article"] == "a.txt")
    assert perf["period_start"] == "2025-01-01" and perf["period_end"] == "2025-06-30"
    rate = next(r for r in rows if r["article"] == "b.txt")
    assert rate["value"] == -50 and rate["period_start"] == "2024-09-01"


def test_file_with_published_and_table(tmp_path: Path) -> None:
    _write(tmp_path)
    result = CliRunner().invoke(
        app,
        ["extract", str(tmp_path / "a.txt"), "--published", "2025-03-31"],
        terminal_width=200,
    )
    assert result.exit_code == 0, result.output
    assert "IWM" in result.output and "Performance" in result.output  # the kind's label


def test_bad_date_and_missing_input(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["extract", "x.txt", "--published", "June"]).exit_code != 0
    assert runner.invoke(app, ["extract"]).exit_code != 0
    missing = runner.invoke(app, ["extract", str(tmp_path / "nope.txt"), "--json"])
    assert missing.exit_code == 1


def test_all_uses_the_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    result = CliRunner().invoke(app, ["--db", url, "extract", "--all", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles_seen"] == 0
    from store.db import dispose_all

    dispose_all()
