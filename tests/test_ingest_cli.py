"""The feeds / ingest / articles commands, end to end on a local feed with local pages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ui.cli import app

RES = Path(__file__).parent / "resources" / "ingest"
runner = CliRunner()


def _run(db: str, *args: str) -> object:
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if "--json" in args else result.stdout


@pytest.fixture
def site(tmp_path: Path) -> Path:
    dest = tmp_path / "site"
    shutil.copytree(RES / "site", dest)
    return dest


def test_local_feed_twice_adds_nothing_the_second_time(
    sqlite_url: str, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(site.parent)
    added = _run(sqlite_url, "feeds", "add", "site/feed.xml", "--json")
    assert added["url"] == (site / "feed.xml").as_uri() and added["created"]
    first = _run(sqlite_url, "feeds", "poll", "--json")
    assert (first["new"], first["syndicated"], first["summary_only"]) == (4, 1, 1)
    arts = _run(sqlite_url, "articles", "list", "--json")
    by_canon = {a["canonical_url"]: a for a in arts}
    week = by_canon["https://desk.example.com/2025/10/small-caps-week"]  # rel=canonical, cleaned
    partner = by_canon["https://partner.example.org/markets/small-caps-outpace"]
    assert partner["duplicate_of_id"] == week["id"] and week["duplicate_of_id"] is None
    assert week["url"] == (site / "articles" / "small-caps-week.html").as_uri()
    second = _run(sqlite_url, "feeds", "poll", "--force", "--json")
    assert second["new"] == 0 and second["feeds_not_modified"] == 1
    # the feed file changes (a new build) but its items are the same: skipped by URL
    feed = site / "feed.xml"
    feed.write_text(feed.read_text().replace("A feed read from disk.", "Rebuilt."))
    third = _run(sqlite_url, "feeds", "poll", "--force", "--json")
    assert third["new"] == 0 and third["duplicate"] == 4 and third["feeds_not_modified"] == 0
    assert len(_run(sqlite_url, "articles", "list", "--json")) == 4
    health = _run(sqlite_url, "feeds", "list", "--json")[0]
    assert health["last_status"] == 200 and health["consecutive_failures"] == 0
    assert health["next_fetch_at"] and health["last_fetch_at"]
    shown = _run(sqlite_url, "articles", "show", str(week["id"]), "--json")
    assert "floating" not in shown["text"] and "Russell 2000 added 3.1%" in shown["text"]
    assert shown["source"] == "Local Desk"


def test_feed_management_and_opml(sqlite_url: str, tmp_path: Path) -> None:
    _run(sqlite_url, "feeds", "import-opml", str(RES / "nested.opml"))
    _run(sqlite_url, "feeds", "add", "https://example.test/extra.xml", "--name", "Extra")
    feeds = _run(sqlite_url, "feeds", "list", "--json")
    assert len(feeds) == 4
    out = tmp_path / "feeds.opml"
    _run(sqlite_url, "feeds", "export-opml", "--output", str(out))
    assert out.read_text().count("xmlUrl=") == 4
    removed = _run(sqlite_url, "feeds", "remove", str(feeds[0]["id"]), "--json")
    assert removed["removed"] == feeds[0]["id"]
    _run(sqlite_url, "feeds", "remove", "https://example.test/extra.xml")
    assert len(_run(sqlite_url, "feeds", "list", "--json")) == 2
    missing = runner.invoke(app, ["--db", sqlite_url, "feeds", "remove", "999"])
    assert missing.exit_code == 1 and "no feed" in missing.output
    bad = runner.invoke(app, ["--db", sqlite_url, "feeds", "add", str(tmp_path / "nope.xml")])
    assert bad.exit_code == 1 and "no such feed file" in bad.output


def test_ingest_command_and_article_listing(sqlite_url: str, shared_dir: Path) -> None:
    summary = _run(sqlite_url, "ingest", str(shared_dir / "seeds"), "--json")
    assert summary["new"] == 5 and summary["status"] == "ok"
    recent = _run(sqlite_url, "articles", "list", "--since", "2025-11-01", "--json")
    assert [a["published"] for a in recent] == ["2025-12-18", "2025-11-26"]
    assert len(_run(sqlite_url, "articles", "list", "--limit", "2", "--json")) == 2
    assert _run(sqlite_url, "ingest", str(shared_dir / "seeds"), "--json")["new"] == 0
    text = _run(sqlite_url, "articles", "list")
    assert "2025-09-10" in text


@pytest.mark.parametrize(
    "cmd",
    [
        ["feeds", "add"],
        ["feeds", "list"],
        ["feeds", "remove"],
        ["feeds", "import-opml"],
        ["feeds", "export-opml"],
        ["feeds", "poll"],
        ["ingest"],
        ["articles", "list"],
        ["articles", "show"],
    ],
)
def test_every_command_has_help_with_example(cmd: list[str]) -> None:
    result = runner.invoke(app, [*cmd, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output
