"""``thesisdesk check`` / ``flags`` / ``targets`` end to end, in-process."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from store.db import get_engine, session_scope
from store.models import Article, ClaimRow, PriceBarRow
from ui.cli import app

HAND = Path(__file__).parent / "resources" / "crosscheck" / "market"
D = dt.date


def _claim(**kw: object) -> dict[str, object]:
    base: dict[str, object] = dict(
        kind="performance", subject="AAA", unit="pct", quote="(test)", start=0, end=6
    )
    base.update(kw)
    return base


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def test_check_claims_file_without_a_database(tmp_path: Path) -> None:
    # AAA (hand series): 2024-12-31 100 -> 2025-01-31 110: +10% in January.
    path = tmp_path / "claims.jsonl"
    lines = [
        json.dumps(_claim(value=10, period_start="2025-01-01", period_end="2025-01-31")),
        "this line is not JSON",
        json.dumps(_claim(value=25, period_start="2025-01-01", period_end="2025-01-31")),
        json.dumps(_claim(kind="price_target", value=130, unit="usd", stance="bullish")),
    ]
    path.write_text("\n".join(lines) + "\n")
    result = CliRunner().invoke(
        app, ["check", str(path), "--published", "2025-01-02", "--market-dir", str(HAND), "--json"]
    )
    assert result.exit_code == 1  # the bad line is reported ...
    rows = _json_lines(result.stdout)
    assert [r["verdict"]["verdict"] for r in rows] == ["supported", "contradicted", "unverifiable"]
    assert rows[0]["verdict"]["actual"] == pytest.approx(10.0)  # ... and the rest is kept
    assert rows[0]["subject"] == "AAA" and rows[0]["quote"] == "(test)"
    assert rows[1]["verdict"]["severity_label"] == "high"  # |10 - 25| / 1.0
    # 130 from the 2025-01-02 close 101: AAA's best close is 132 on 2025-03-31
    assert rows[2]["verdict"]["outcome"]["outcome"] == "hit"
    assert rows[2]["verdict"]["outcome"]["outcome_date"] == "2025-03-31"


def test_manifest_gives_each_file_its_date(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(
        json.dumps(_claim(kind="price_level", role="current", unit="usd", value=120)) + "\n"
    )
    (tmp_path / "m.jsonl").write_text(
        json.dumps({"article": "a.jsonl", "published": "2025-02-28"}) + "\n"
    )
    result = CliRunner().invoke(
        app,
        [
            "check",
            str(tmp_path / "a.jsonl"),
            "--manifest",
            str(tmp_path / "m.jsonl"),
            "--market-dir",
            str(HAND),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    (row,) = _json_lines(result.stdout)
    assert row["verdict"]["verdict"] == "supported"  # AAA closed at 120 on 2025-02-28
    assert row["verdict"]["date_end"] == "2025-02-28"


def test_undated_manifest_row_is_checked(tmp_path: Path) -> None:
    """A manifest row with no date is read (as ``extract`` reads it): the article is checked,
    its date-dependent claims come back unverifiable with a reason, and the batch goes on."""
    (tmp_path / "undated.jsonl").write_text(
        "\n".join(
            json.dumps(c)
            for c in (
                _claim(kind="price_level", role="current", unit="usd", value=120),
                _claim(value=10, period_start="2025-01-01", period_end="2025-01-31"),
            )
        )
        + "\n"
    )
    (tmp_path / "dated.jsonl").write_text(
        json.dumps(_claim(kind="price_level", role="current", unit="usd", value=120)) + "\n"
    )
    (tmp_path / "m.jsonl").write_text(
        '{"article": "undated.jsonl"}\n'
        '{"article": "dated.jsonl", "published": "2025-02-28"}\n'
    )
    result = CliRunner().invoke(
        app,
        [
            "check",
            str(tmp_path / "undated.jsonl"),
            str(tmp_path / "dated.jsonl"),
            "--manifest",
            str(tmp_path / "m.jsonl"),
            "--market-dir",
            str(HAND),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    level, perf, dated = _json_lines(result.stdout)
    assert level["verdict"]["verdict"] == "unverifiable"
    assert "no date" in level["verdict"]["reason"]
    assert perf["verdict"]["verdict"] == "supported"  # its own period needs no article date
    assert dated["verdict"]["verdict"] == "supported"  # AAA closed at 120 on 2025-02-28


def test_bad_manifest_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "m.jsonl"
    bad.write_text('{"article": "x.txt", "published": "last Tuesday"}\n')
    r = CliRunner().invoke(
        app, ["check", "x.txt", "--manifest", str(bad), "--market-dir", str(HAND)]
    )
    assert r.exit_code == 1 and "Tuesday" in r.output  # the bad date is named
    no_name = tmp_path / "n.jsonl"
    no_name.write_text('{"published": "2025-01-02"}\n')
    r = CliRunner().invoke(
        app, ["check", "x.txt", "--manifest", str(no_name), "--market-dir", str(HAND)]
    )
    assert r.exit_code == 1 and "article" in r.output
    r2 = CliRunner().invoke(app, ["check", str(tmp_path / "none.txt"), "--market-dir", str(HAND)])
    assert r2.exit_code == 1 and "not a file" in r2.output


def test_check_all_and_flags(sqlite_url: str) -> None:
    engine = get_engine(sqlite_url)
    with session_scope(engine) as s:
        # IWM.csv: 2025-06-30 215.79 (adj 214.079648), 2025-09-30 241.96 (adj 240.723123)
        s.add(PriceBarRow(symbol="IWM", date=D(2025, 6, 30), close=215.79, adj_close=214.079648))
        s.add(PriceBarRow(symbol="IWM", date=D(2025, 9, 30), close=241.96, adj_close=240.723123))
        a = Article(text="t", content_hash="h", published=D(2025, 10, 5), title="Q3 recap")
        s.add(a)
        s.flush()
        for value in (12.4, 30.0):
            s.add(
                ClaimRow(
                    article_id=a.id,
                    kind="performance",
                    subject="IWM",
                    unit="pct",
                    value=value,
                    period_start=D(2025, 7, 1),
                    period_end=D(2025, 9, 30),
                    quote="(test)",
                    start=0,
                    end=6,
                    extractor_version="test",
                )
            )
    runner = CliRunner()
    r = runner.invoke(app, ["--db", sqlite_url, "check", "--all", "--json"])
    assert r.exit_code == 0, r.output
    summary = json.loads(r.stdout.strip().splitlines()[-1])
    assert summary["checked"] == 2 and summary["counts"] == {"supported": 1, "contradicted": 1}
    again = runner.invoke(app, ["--db", sqlite_url, "check", "--all", "--json"])
    assert json.loads(again.stdout.strip().splitlines()[-1])["checked"] == 0
    flags = runner.invoke(app, ["--db", sqlite_url, "flags", "--json"])
    (flagged,) = json.loads(flags.stdout)
    assert flagged["title"] == "Q3 recap" and flagged["claims"][0]["value"] == 30.0
    text = runner.invoke(app, ["--db", sqlite_url, "flags", "--since", "2025-10-06"])
    assert "no flagged articles" in text.stdout
    assert runner.invoke(app, ["--db", sqlite_url, "targets"]).exit_code == 0


@pytest.mark.slow
def test_check_article_text_end_to_end(tmp_path: Path, market_dir: Path) -> None:
    """A text file through the real extractor (spaCy) and the checker."""
    pytest.importorskip("nlp.extract")
    article = tmp_path / "recap.txt"
    article.write_text(
        "Small-cap recap. The iShares Russell 2000 ETF (IWM) returned 12.4% in the third "
        "quarter of 2025, its best quarter in a while.\n"
    )
    result = CliRunner().invoke(
        app,
        [
            "check",
            str(article),
            "--published",
            "2025-10-03",
            "--market-dir",
            str(market_dir),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = [r for r in _json_lines(result.stdout) if r["kind"] == "performance"]
    assert rows, result.stdout
    assert rows[0]["verdict"]["verdict"] == "supported"
    assert rows[0]["verdict"]["actual"] == pytest.approx(12.446, abs=0.01)
