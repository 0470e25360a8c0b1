"""OPML import (nested outlines) and export, round trip through the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.http import ContentError
from ingest.opml import export_opml, import_opml, parse_opml
from store.db import get_engine
from store.sources import add_source, list_sources

RES = Path(__file__).parent / "resources" / "ingest"


def test_parse_nested_outlines() -> None:
    feeds = parse_opml((RES / "nested.opml").read_bytes())
    assert [f.url for f in feeds] == [
        "http://example.test/rss2.xml",
        "http://example.test/rss1.rdf",
        "http://example.test/atom.xml",
    ]
    assert feeds[0].title == "Small Cap Desk" and feeds[0].site_url == "http://example.test/"
    assert feeds[1].title == "Rate Watch" and feeds[1].category == "Rates"


def test_not_opml_is_a_clear_error() -> None:
    with pytest.raises(ContentError, match="not an OPML file"):
        parse_opml(b"<rss><channel/></rss>")


def test_import_is_idempotent_and_export_round_trips(db_url: str, tmp_path: Path) -> None:
    engine = get_engine(db_url)
    add_source(engine, "http://example.test/atom.xml", name="Chart Room")
    out = import_opml(engine, RES / "nested.opml")
    assert len(out["added"]) == 2 and out["existing"] == ["http://example.test/atom.xml"]
    assert import_opml(engine, RES / "nested.opml")["added"] == []
    text = export_opml(engine)
    path = tmp_path / "out.opml"
    path.write_text(text)
    again = parse_opml(path.read_bytes())
    assert {f.url for f in again} == {s.url for s in list_sources(engine, kind="feed")}
    assert any(f.title == "Small Cap Desk" and f.site_url for f in again)


def test_relative_local_feed_is_read_from_the_opml_folder(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "feed.xml").write_bytes((RES / "rss2.xml").read_bytes())
    (tmp_path / "subs.opml").write_text(
        '<opml version="2.0"><body><outline text="Local" xmlUrl="site/feed.xml"/></body></opml>'
    )
    engine = get_engine(db_url)
    import_opml(engine, tmp_path / "subs.opml")
    (src,) = list_sources(engine, kind="feed")
    assert src.url == (tmp_path / "site" / "feed.xml").as_uri() and src.name == "Local"
