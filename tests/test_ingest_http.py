"""HTTP fetching and feed polling against a real local HTTP server, good input and bad.

The ``server`` fixture serves a dict of path -> (status, headers, body); a body may be
bytes, a zero-argument callable returning an iterable of chunks (streamed, so a 50 MB
answer is never held in memory), or ``HANG`` (the handler waits until the test ends).
A route may also be a callable taking the request headers and returning such a tuple.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import random
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from local_http import HANG, LocalServer
from sqlmodel import select

from ingest.feeds import backoff_seconds, fetch_feed
from ingest.http import (
    ContentTypeError,
    Fetcher,
    FetchTimeout,
    HTTPStatusError,
    RateLimited,
    TooLarge,
    TooManyRedirects,
    decode_bytes,
    parse_retry_after,
)
from ingest.pipeline import poll_feeds
from store.db import get_engine, session_scope
from store.models import Article, IngestRun, Source
from store.sources import add_source

RES = Path(__file__).parent / "resources" / "ingest"
XML = {"Content-Type": "application/rss+xml; charset=utf-8"}
HTML = {"Content-Type": "text/html; charset=utf-8"}
MB = 1024 * 1024



@pytest.fixture
def server() -> Iterator[LocalServer]:
    srv = LocalServer()
    yield srv
    srv.close()


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    # deadlines that a loaded 2-core CI box still meets for a good answer (the local server's
    # thread can be starved for a second or more); a hanging route waits 30 s, far past them
    with Fetcher(connect_timeout=3.0, read_timeout=2.0, total_timeout=8.0, max_redirects=3) as f:
        yield f


def _page(title: str, body: str, canonical: str = "") -> bytes:
    tpl = (RES / "page-template.html").read_text()
    paras = "\n".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        tpl.replace("{title}", title)
        .replace("{canonical}", canonical or "")
        .replace("{author}", "Desk Writer")
        .replace("{date}", "2025-10-15")
        .replace("{paragraphs}", paras)
        .encode()
    )


PAGE_TEXT = (
    "The Russell 2000 closed at 2,497 on Wednesday, a record, after a three-day run that "
    "added almost four percent. Breadth was strong: two of every three members rose.\n\n"
    "Analysts at the desk now see 2,600 as the next round-number test, and expect the index "
    "to hold above 2,400 if yields stay near current levels through the next Fed meeting."
)


def _big_body(total: int = 50 * MB, chunk: int = MB) -> Callable[[], Iterator[bytes]]:
    """A streamed body of ``total`` bytes made from one reused chunk."""
    block = b"x" * chunk

    def gen() -> Iterator[bytes]:
        for _ in range(total // chunk):
            yield block

    return gen


# --- the fetcher ---------------------------------------------------------------------------


def test_fetch_sends_user_agent_and_decodes_gzip(server: LocalServer, fetcher: Fetcher) -> None:
    raw = (RES / "rss2.xml").read_bytes()
    server.routes["/gz"] = (200, {**XML, "Content-Encoding": "gzip"}, gzip.compress(raw))
    result = fetcher.fetch(server.url("/gz"), max_bytes=MB)
    assert result.content == raw
    (hdrs,) = server.hits("/gz")
    assert hdrs["user-agent"].startswith("thesisdesk/")
    assert "gzip" in hdrs["accept-encoding"]


def test_body_over_cap_stops_reading(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/big"] = (
        200,
        {"Content-Type": "text/html", "Content-Length": str(50 * MB)},
        _big_body(),
    )
    with pytest.raises(TooLarge, match="cap"):
        fetcher.fetch(server.url("/big"), max_bytes=MB)
    capped = fetcher.fetch(server.url("/big"), max_bytes=MB, truncate=True)
    assert capped.truncated and len(capped.content) == MB
    deadline = time.monotonic() + 10
    while "/big" not in server.bytes_sent and time.monotonic() < deadline:
        time.sleep(0.05)  # let the server notice the closed connection
    assert server.bytes_sent["/big"] < 30 * MB  # we hung up long before the end


def test_hanging_server_times_out(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/hang"] = (200, XML, HANG)
    started = time.monotonic()
    with pytest.raises(FetchTimeout, match="timed out"):
        fetcher.fetch(server.url("/hang"), max_bytes=MB)
    assert time.monotonic() - started < 15  # cut by the read deadline, not the 30 s hang


def test_redirect_loop_is_cut(server: LocalServer, fetcher: Fetcher) -> None:
    for i in range(6):
        server.routes[f"/r{i}"] = (302, {"Location": f"/r{i + 1}"}, b"")
    with pytest.raises(TooManyRedirects):
        fetcher.fetch(server.url("/r0"), max_bytes=MB)
    server.routes["/hop"] = (301, {"Location": "/final"}, b"")
    server.routes["/final"] = (200, HTML, b"<html>ok</html>")
    assert fetcher.fetch(server.url("/hop"), max_bytes=MB).final_url.endswith("/final")


def test_content_type_is_checked(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/img"] = (200, {"Content-Type": "image/png"}, b"\x89PNG....")
    with pytest.raises(ContentTypeError) as err:
        fetcher.fetch(server.url("/img"), max_bytes=MB, accept=("html",))
    assert err.value.content_type == "image/png"


def test_status_errors_are_typed(server: LocalServer, fetcher: Fetcher) -> None:
    server.routes["/gone"] = (404, {}, b"")
    server.routes["/slow-down"] = (429, {"Retry-After": "120"}, b"")
    with pytest.raises(HTTPStatusError) as err:
        fetcher.fetch(server.url("/gone"), max_bytes=MB)
    assert err.value.status == 404 and "404" in str(err.value)
    with pytest.raises(RateLimited) as rl:
        fetcher.fetch(server.url("/slow-down"), max_bytes=MB)
    assert rl.value.retry_after == 120


def test_at_most_n_requests_per_host(server: LocalServer) -> None:
    # Counted inside the handler, before the response leaves: the server-wide count also
    # includes the moment after a client has its body and has sent its next request.
    lock = threading.Lock()
    busy = [0, 0]  # now, most

    def slow(_h: dict[str, str]) -> tuple[int, dict, Any]:
        with lock:
            busy[0] += 1
            busy[1] = max(busy[1], busy[0])
        time.sleep(0.3)
        with lock:
            busy[0] -= 1
        return 200, HTML, b"<html>slow</html>"

    server.routes["/slow"] = slow
    from concurrent.futures import ThreadPoolExecutor

    with Fetcher(per_host=2, max_total=16) as f, ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda _: f.fetch(server.url("/slow"), max_bytes=MB), range(8)))
    assert busy[1] == 2


def test_retry_after_forms() -> None:
    now = dt.datetime(2025, 10, 1, 12, 0, tzinfo=dt.UTC)
    assert parse_retry_after("90", now) == 90
    later = email.utils.format_datetime(now + dt.timedelta(minutes=10), usegmt=True)
    assert parse_retry_after(later, now) == pytest.approx(600)
    assert parse_retry_after("soon", now) is None


def test_wrong_declared_encoding_survives() -> None:
    latin = "Café rally: small caps up 2%".encode("latin-1")
    assert decode_bytes(latin, "utf-8") == "Café rally: small caps up 2%"
    utf8 = "Café rally".encode()
    assert decode_bytes(utf8, "iso-8859-1") == "Café rally"  # a wrong latin-1 label


def test_backoff_doubles_with_jitter() -> None:
    rng = random.Random(7)
    delays = [backoff_seconds(n, rng) for n in range(1, 6)]
    for n, d in enumerate(delays, start=1):
        assert 300 * 2 ** (n - 1) * 0.8 <= d <= 300 * 2 ** (n - 1) * 1.2
    assert backoff_seconds(40, rng) <= 24 * 3600 * 1.2
    assert len({round(backoff_seconds(3, rng)) for _ in range(10)}) > 1  # jitter varies


# --- feeds over HTTP -----------------------------------------------------------------------


def _add(engine: Any, server: LocalServer, path: str) -> int:
    src, _ = add_source(engine, server.url(path), kind="feed")
    assert src.id is not None
    return src.id


def _sources(engine: Any) -> dict[str, Source]:
    with session_scope(engine) as s:
        return {src.url.rsplit("/", 1)[-1]: src for src in s.exec(select(Source)).all()}


def _articles(engine: Any) -> list[Article]:
    with session_scope(engine) as s:
        return list(s.exec(select(Article).order_by(Article.id)).all())


def test_fetch_feed_parses_three_formats(server: LocalServer, fetcher: Fetcher) -> None:
    for name in ("rss2.xml", "rss1.rdf", "atom.xml"):
        server.routes[f"/{name}"] = (200, XML, (RES / name).read_bytes())
    rss2 = fetch_feed(server.url("/rss2.xml"), fetcher)
    assert [e.title for e in rss2.entries] == [
        "Russell 2000 closes at a record",
        "IWM tests its four-year range",
    ]
    assert rss2.entries[0].link == server.url("/articles/record-close")  # relative resolved
    assert rss2.entries[0].published_at == dt.datetime(2025, 10, 15, 21, 5, tzinfo=dt.UTC)
    rdf = fetch_feed(server.url("/rss1.rdf"), fetcher)
    assert rdf.entries[0].title == "A quarter-point cut is priced in"
    assert rdf.entries[0].author == "R. Analyst"
    atom = fetch_feed(server.url("/atom.xml"), fetcher)
    assert atom.entries[0].link == server.url("/atom/iwm-50dma")
    assert atom.warning is None


def test_poll_batch_of_good_and_bad_feeds(db_url: str, server: LocalServer) -> None:
    """One poll over every kind of bad input: nothing crashes, good items are kept, each
    failure is recorded on its feed with a readable message."""
    engine = get_engine(db_url)
    good_page = (200, HTML, _page("Record close", PAGE_TEXT))
    server.routes.update(
        {
            "/rss2.xml": (200, XML, (RES / "rss2.xml").read_bytes()),
            "/rss1.rdf": (200, XML, (RES / "rss1.rdf").read_bytes()),
            "/atom.xml": (200, XML, (RES / "atom.xml").read_bytes()),
            "/malformed.xml": (200, XML, (RES / "malformed.xml").read_bytes()),
            "/html-page": (200, HTML, _page("Not a feed", PAGE_TEXT)),
            "/missing.xml": (404, {"Content-Type": "text/plain"}, b"no"),
            "/busy.xml": (429, {"Retry-After": "3600"}, b""),
            "/broken.xml": (500, {}, b"oops"),
            "/hang.xml": (200, XML, HANG),
            "/huge.xml": (200, {**XML, "Content-Length": str(50 * MB)}, _big_body()),
            "/gzip.xml": (
                200,
                {**XML, "Content-Encoding": "gzip"},
                gzip.compress(
                    (RES / "atom.xml").read_bytes().replace(b"/atom/iwm-50dma", b"/gz/iwm-50dma")
                ),
            ),
            "/latin.xml": (
                200,
                XML,
                (RES / "rss2.xml")
                .read_bytes()
                .replace(b"Small Cap Desk", "Petites capitalisations: élan".encode("latin-1"))
                .replace(b"/articles/", b"/latin/"),
            ),
            "/junk.xml": (200, XML, bytes(random.Random(3).randrange(256) for _ in range(5000))),
            "/articles/record-close": good_page,
            # /articles/iwm-range is missing: its entry falls back to the feed summary
            "/rdf/cut": (200, HTML, _page("Cut priced", PAGE_TEXT.replace("Wednesday", "Friday"))),
            "/atom/iwm-50dma": (200, {"Content-Type": "image/png"}, b"\x89PNG"),
            "/broken/good-one": (200, HTML, _page("Banks", PAGE_TEXT.replace("record", "high"))),
        }
    )
    names = [
        "rss2.xml",
        "rss1.rdf",
        "atom.xml",
        "malformed.xml",
        "html-page",
        "missing.xml",
        "busy.xml",
        "broken.xml",
        "hang.xml",
        "huge.xml",
        "gzip.xml",
        "latin.xml",
        "junk.xml",
    ]
    for name in names:
        _add(engine, server, f"/{name}")
    with Fetcher(connect_timeout=3.0, read_timeout=2.0, total_timeout=8.0) as f:
        summary = poll_feeds(
            engine, fetcher=f, max_feed_bytes=2 * MB, rng=random.Random(1)
        )
    assert summary.feeds == len(names)
    srcs = _sources(engine)
    failed = {
        "html-page",
        "missing.xml",
        "busy.xml",
        "broken.xml",
        "hang.xml",
        "huge.xml",
        "junk.xml",
    }
    assert summary.feeds_failed == len(failed)
    for name in failed:
        src = srcs[name]
        assert src.consecutive_failures == 1, name
        assert src.last_error and len(src.last_error) > 10, name
        assert src.next_fetch_at is not None and src.next_fetch_at > src.last_fetch_at, name
    assert "not a feed" in srcs["html-page"].last_error
    assert srcs["missing.xml"].last_status == 404 and "404" in srcs["missing.xml"].last_error
    assert srcs["broken.xml"].last_status == 500
    assert "timed out" in srcs["hang.xml"].last_error
    assert "cap" in srcs["huge.xml"].last_error
    busy = srcs["busy.xml"]
    wait = (busy.next_fetch_at - busy.last_fetch_at).total_seconds()
    assert wait == pytest.approx(3600, abs=1)  # Retry-After honoured exactly
    for name in ("rss2.xml", "rss1.rdf", "atom.xml", "gzip.xml", "latin.xml"):
        assert srcs[name].consecutive_failures == 0 and srcs[name].last_status == 200, name
    assert "malformed" in srcs["malformed.xml"].last_error
    assert srcs["malformed.xml"].consecutive_failures == 0
    arts = {a.url.split("127.0.0.1:")[-1].split("/", 1)[-1]: a for a in _articles(engine)}
    assert "articles/record-close" in arts and not arts["articles/record-close"].summary_only
    assert arts["articles/record-close"].title == "Russell 2000 closes at a record"
    summary_only = {k for k, a in arts.items() if a.summary_only}
    assert "articles/iwm-range?utm_source=rss&utm_medium=feed" in summary_only
    assert "atom/iwm-50dma" in summary_only  # an image where a page should be
    assert "broken/good-one" in arts  # the good entry of the malformed feed was kept
    assert "rdf/cut" in arts and "gz/iwm-50dma" in arts
    latin = [a for k, a in arts.items() if k.startswith("latin/")]
    assert len(latin) == 2  # the latin-1 feed declared utf-8 and still parsed
    # the same text under another URL is stored once more, pointing at the first copy
    by_id = {a.id: a for a in arts.values()}
    copies = [a for a in arts.values() if a.duplicate_of_id is not None]
    assert {a.url.split("?")[0].rsplit("/", 1)[-1] for a in copies} >= {"record-close", "iwm-range"}
    for copy in copies:  # every copy points at a first copy published no later than itself
        first = by_id[copy.duplicate_of_id]
        assert first.duplicate_of_id is None
        if first.published_at and copy.published_at:
            assert first.published_at <= copy.published_at
    with session_scope(engine) as s:
        run = s.exec(select(IngestRun)).one()
    assert run.status == "partial" and run.items_new == summary.new and summary.new >= 7
    assert '"error"' in run.errors


def test_not_modified_costs_nothing(db_url: str, server: LocalServer, fetcher: Fetcher) -> None:
    engine = get_engine(db_url)
    stamp = "Wed, 15 Oct 2025 21:10:00 GMT"
    body = (RES / "atom.xml").read_bytes()

    def conditional(h: dict[str, str]) -> tuple[int, dict, Any]:
        if h.get("if-none-match") == '"v1"' and h.get("if-modified-since") == stamp:
            return 304, {"ETag": '"v1"'}, b""
        return 200, {**XML, "ETag": '"v1"', "Last-Modified": stamp}, body

    server.routes["/feed"] = conditional
    server.routes["/atom/iwm-50dma"] = (200, HTML, _page("50-day", PAGE_TEXT))
    sid = _add(engine, server, "/feed")
    first = poll_feeds(engine, fetcher=fetcher)
    assert first.new == 1
    src = _sources(engine)["feed"]
    assert (src.etag, src.last_modified) == ('"v1"', stamp)
    second = poll_feeds(engine, fetcher=fetcher, force=True)
    assert second.feeds_not_modified == 1 and second.seen == 0 and second.new == 0
    assert server.hits("/feed")[-1]["if-none-match"] == '"v1"'
    assert len(server.hits("/atom/iwm-50dma")) == 1  # no page fetched again
    assert len(_articles(engine)) == 1
    after = _sources(engine)["feed"]
    assert after.last_status == 304 and after.last_fetch_at > src.last_fetch_at
    assert after.last_ok_at == src.last_ok_at and after.entries_seen == src.entries_seen
    # not due yet: a plain poll does not touch it
    assert poll_feeds(engine, fetcher=fetcher, source_ids=[sid]).feeds == 0


def test_failures_back_off_then_recover(db_url: str, server: LocalServer, fetcher: Fetcher) -> None:
    engine = get_engine(db_url)
    server.routes["/flaky.xml"] = (503, {}, b"")
    _add(engine, server, "/flaky.xml")
    waits = []
    for _ in range(3):
        poll_feeds(engine, fetcher=fetcher, force=True, rng=random.Random(5))
        src = _sources(engine)["flaky.xml"]
        waits.append((src.next_fetch_at - src.last_fetch_at).total_seconds())
    assert src.consecutive_failures == 3 and src.last_status == 503
    assert waits[0] < waits[1] < waits[2]
    assert 1200 * 0.8 <= waits[2] <= 1200 * 1.2 * 1.01  # 300 s doubled twice, +/- 20%
    server.routes["/flaky.xml"] = (200, XML, (RES / "atom.xml").read_bytes())
    poll_feeds(engine, fetcher=fetcher, force=True)
    src = _sources(engine)["flaky.xml"]
    assert src.consecutive_failures == 0 and src.last_error is None and src.last_ok_at


def test_remote_feed_may_not_point_at_files(
    db_url: str, server: LocalServer, fetcher: Fetcher, tmp_path: Path
) -> None:
    engine = get_engine(db_url)
    secret = tmp_path / "secret.html"
    secret.write_text("<html><body><p>" + "private words " * 30 + "</p></body></html>")
    feed = (RES / "rss2.xml").read_text().replace("/articles/record-close", secret.as_uri())
    server.routes["/evil.xml"] = (200, XML, feed.encode())
    _add(engine, server, "/evil.xml")
    summary = poll_feeds(engine, fetcher=fetcher)
    assert any("refused file" in e["error"] for e in summary.errors)
    texts = [a.text for a in _articles(engine)]
    assert not any("private words" in t for t in texts)


def test_error_hierarchy_is_exported() -> None:
    from ingest import http as mod

    errors = {
        name
        for name, obj in vars(mod).items()
        if isinstance(obj, type) and issubclass(obj, mod.FetchError)
    }
    assert errors <= set(mod.__all__)
    assert all(hasattr(mod, name) for name in mod.__all__)
    for name in errors:  # each one is drawn in the module docstring
        assert name in (mod.__doc__ or ""), name
