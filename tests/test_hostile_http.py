"""Hostile feeds and pages (issue 14) from a real local HTTP server: a trickling server is
cut at the request deadline, binary bodies served as HTML are not article text, a lone
surrogate costs one character, feed URLs are http(s) or local only."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlmodel import select
from test_ingest_http import HTML, PAGE_TEXT, XML, LocalServer, _page

from ingest.http import Fetcher, FetchTimeout
from ingest.pipeline import poll_feeds
from store.db import get_engine, session_scope
from store.models import Article
from store.sources import add_source


@pytest.fixture
def server() -> Iterator[LocalServer]:
    srv = LocalServer()
    yield srv
    srv.close()


def _trickle(total: int = 10_000, every: float = 0.05) -> Any:
    """A body that arrives one byte at a time, each well within the read timeout."""

    def gen() -> Iterator[bytes]:
        for _ in range(total):
            time.sleep(every)
            yield b"<"

    return gen


def rss(items: list[tuple[str, str, str]], title: str = "Hostile feed") -> bytes:
    """An RSS 2.0 feed of (title, link, summary) items; the strings go in as given."""
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><description>{d}</description>"
        f"<guid>{link}</guid></item>"
        for t, link, d in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.com/</link>{body}</channel></rss>"
    ).encode()


def _summary(i: int) -> str:
    return (
        f"Summary {i}: small-cap lenders rose {i + 1}% this week while the Russell 2000 held "
        f"above 2,{400 + i}; we expect breadth to keep improving into the meeting."
    )


def _poll(engine: Any, server: LocalServer, path: str, fetcher: Fetcher) -> Any:
    _src, _ = add_source(engine, server.url(path), kind="feed")
    return poll_feeds(engine, force=True, fetcher=fetcher, processes=0)


def _texts(engine: Any) -> dict[str, str]:
    with session_scope(engine) as s:
        return {a.title or "": a.text for a in s.exec(select(Article)).all()}


def test_trickling_body_is_cut_at_the_request_deadline(server: LocalServer) -> None:
    server.routes["/slow"] = (200, HTML, _trickle())
    with Fetcher(connect_timeout=3.0, read_timeout=2.0, total_timeout=3.0) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchTimeout, match="deadline"):
            fetcher.fetch(server.url("/slow"), max_bytes=1_000_000)
        assert time.monotonic() - started < 15  # the deadline, not the 500 s trickle


def test_trickling_page_costs_only_its_page(db_url: str, server: LocalServer) -> None:
    items = [(f"Item {i}", server.url(f"/p{i}"), _summary(i)) for i in range(5)]
    server.routes["/feed.xml"] = (200, XML, rss(items))
    for i in range(4):
        server.routes[f"/p{i}"] = (200, HTML, _page(f"Page {i}", PAGE_TEXT + f" Page {i}."))
    server.routes["/p4"] = (200, HTML, _trickle())
    engine = get_engine(db_url)
    with Fetcher(connect_timeout=3.0, read_timeout=2.0, total_timeout=3.0) as fetcher:
        started = time.monotonic()
        summary = _poll(engine, server, "/feed.xml", fetcher)
        assert time.monotonic() - started < 30  # the deadline, not the 500 s trickle
    assert summary.new == 5 and summary.summary_only == 1, summary.errors
    assert _texts(engine)["Item 4"] == _summary(4)


def test_binary_body_served_as_html_keeps_the_summary(db_url: str, server: LocalServer) -> None:
    items = [(f"Item {i}", server.url(f"/b{i}"), _summary(i)) for i in range(2)]
    server.routes["/feed.xml"] = (200, XML, rss(items))
    server.routes["/b0"] = (200, HTML, bytes(range(256)) * 400)
    server.routes["/b1"] = (200, HTML, b"<html><body><p>" + bytes(range(1, 256)) * 300 + b"</p>")
    engine = get_engine(db_url)
    with Fetcher(connect_timeout=3.0, read_timeout=2.0, total_timeout=8.0) as fetcher:
        summary = _poll(engine, server, "/feed.xml", fetcher)
    assert summary.new == 2 and summary.summary_only == 2, summary.errors
    texts = _texts(engine)
    assert texts == {"Item 0": _summary(0), "Item 1": _summary(1)}
    assert any("binary" in e["error"] for e in summary.errors), summary.errors


@pytest.mark.parametrize("where", ["title", "summary", "link"])
def test_lone_surrogate_costs_one_character(db_url: str, server: LocalServer, where: str) -> None:
    items = [(f"Item {i}", server.url(f"/missing{i}"), _summary(i)) for i in range(5)]
    t, link, d = items[2]
    if where == "title":
        items[2] = (t + " &#55296;", link, d)
    elif where == "summary":
        items[2] = (t, link, d + " &#55296;&#xDFFF;")
    else:
        items[2] = (t, link + "?q=&#55296;", d)
    server.routes["/feed.xml"] = (200, XML, rss(items))
    engine = get_engine(db_url)
    with Fetcher(connect_timeout=3.0, read_timeout=2.0, total_timeout=8.0) as fetcher:
        summary = _poll(engine, server, "/feed.xml", fetcher)
    assert summary.new == 5 and summary.feeds_failed == 0, summary.errors
    texts = _texts(engine)
    assert texts["Item 2"].startswith(_summary(2))
    assert not any("\ud800" <= ch <= "\udfff" for t in texts.values() for ch in t)


def test_nul_characters_do_not_cost_the_item(db_url: str, server: LocalServer) -> None:
    items = [(f"Item {i}", server.url(f"/gone{i}"), _summary(i)) for i in range(3)]
    items[1] = ("Item 1 &#0;", items[1][1], _summary(1) + " &#0;x")
    server.routes["/feed.xml"] = (200, XML, rss(items))
    engine = get_engine(db_url)
    with Fetcher(connect_timeout=3.0, read_timeout=2.0, total_timeout=8.0) as fetcher:
        summary = _poll(engine, server, "/feed.xml", fetcher)
    assert summary.new == 3, summary.errors
