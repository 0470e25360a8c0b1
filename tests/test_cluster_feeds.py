"""``feeds poll --cluster local:2``: a feed served by a real local HTTP server, its pages'
text extracted on two Dask worker processes, stores what ``feeds poll`` stores without them.

Slow: the command starts its own local cluster (worker processes import trafilatura).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from local_http import LocalServer
from sqlalchemy import select
from typer.testing import CliRunner

from store.db import dispose_all, get_engine, session_scope
from store.models import Article
from ui.cli import app

pytestmark = pytest.mark.slow

SITE = Path(__file__).parent / "resources" / "ingest" / "site"
XML = {"Content-Type": "application/rss+xml; charset=utf-8"}
HTML = {"Content-Type": "text/html; charset=utf-8"}


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """The feed and its pages (one page is missing: that item is kept as a summary)."""
    srv = LocalServer()
    srv.routes["/feed.xml"] = (200, XML, (SITE / "feed.xml").read_bytes())
    for page in (SITE / "articles").glob("*.html"):
        srv.routes[f"/articles/{page.name}"] = (200, HTML, page.read_bytes())
    yield srv
    srv.close()


def _poll(db: str, feed: str, *cluster: str) -> tuple[dict, str]:
    runner = CliRunner()
    added = runner.invoke(app, ["--db", db, "feeds", "add", feed, "--json"])
    assert added.exit_code == 0, added.output
    result = runner.invoke(app, ["--db", db, "feeds", "poll", *cluster, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), result.output


def _articles(db: str) -> list[tuple]:
    with session_scope(get_engine(db)) as s:
        rows = s.execute(select(Article).order_by(Article.id)).scalars().all()
        return [
            (
                a.canonical_url,
                a.url,
                a.title,
                a.text,
                a.published,
                a.content_hash,
                a.duplicate_of_id,
                a.summary_only,
            )
            for a in rows
        ]


def test_feeds_poll_on_a_local_cluster_stores_what_one_process_stores(
    server: LocalServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    feed = server.url("/feed.xml")
    here, spread = f"sqlite:///{tmp_path / 'here.db'}", f"sqlite:///{tmp_path / 'spread.db'}"
    one, _ = _poll(here, feed)
    with caplog.at_level(logging.WARNING, logger="ingest.pipeline"):
        many, output = _poll(spread, feed, "--cluster", "local:2")
    assert "running on the cluster at local:2 (2 workers)" in output
    # no page fell back to being extracted here: the workers did them all
    assert not [r for r in caplog.records if "on the cluster failed" in r.getMessage()]
    counts = ("new", "syndicated", "summary_only", "duplicate", "failed", "feeds_failed")
    assert {k: many[k] for k in counts} == {k: one[k] for k in counts}
    assert (one["new"], one["syndicated"], one["summary_only"]) == (4, 1, 1)
    stored = _articles(here)
    assert _articles(spread) == stored
    assert sum(1 for row in stored if not row[-1] and row[3]) == 3  # three pages' text
    assert len(server.hits("/articles/small-caps-week.html")) == 2  # once per poll
    dispose_all()
