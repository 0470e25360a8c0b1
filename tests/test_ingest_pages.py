"""Pages: trafilatura extraction, canonical links, summary fallback, local feeds' file links."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlmodel import select

from ingest import pipeline
from ingest.feeds import fetch_feed
from ingest.http import ContentError, Fetcher, UnsupportedURL
from ingest.pages import extract_html, fetch_page, strip_html
from store.db import get_engine, session_scope
from store.models import Article, Source
from store.sources import add_source

RES = Path(__file__).parent / "resources" / "ingest"
SITE = RES / "site"


def test_extraction_keeps_the_article_and_drops_the_chrome() -> None:
    page = extract_html((SITE / "articles" / "small-caps-week.html").read_bytes(), "file:///x")
    assert page.title == "Small caps outpace large caps"
    assert page.author == "Jane Doe" and page.published == dt.date(2025, 10, 6)
    assert page.canonical_url == "https://desk.example.com/2025/10/small-caps-week/?utm_source=x"
    assert "IWM closed at 243.80" in page.text
    assert "Subscribe" not in page.text and "Home" not in page.text


def test_pages_without_text_are_content_errors() -> None:
    with pytest.raises(ContentError, match="no article text"):
        extract_html("<html><body><nav>Home</nav></body></html>", "http://x/")
    with pytest.raises(ContentError, match="empty"):
        extract_html(b"   ", "http://x/")


def test_strip_html_summaries() -> None:
    html = "<p>Microcaps <b>lagged</b> &amp; slipped 1.2%.</p><p>Volumes thinned.</p>"
    assert strip_html(html) == "Microcaps lagged & slipped 1.2%.\n\nVolumes thinned."
    assert strip_html("S&amp;P 500 up") == "S&P 500 up"
    assert strip_html(None) == "" and strip_html("<script>x()</script>") == ""


def test_local_feed_links_resolve_against_the_feed_file(tmp_path: Path) -> None:
    shutil.copytree(SITE, tmp_path / "site")
    with Fetcher() as f:
        res = fetch_feed(str(tmp_path / "site" / "feed.xml"), f)
        assert res.local and res.warning is None and res.etag.startswith("sha256:")
        first = res.entries[0]
        assert first.link == (tmp_path / "site" / "articles" / "small-caps-week.html").as_uri()
        assert fetch_page(first.link, f, allow_file=True).title == "Small caps outpace large caps"
        with pytest.raises(UnsupportedURL, match="local feeds"):
            fetch_page(first.link, f)  # file access only on behalf of a local feed
        again = fetch_feed(res.url, f, etag=res.etag)
        assert again.not_modified


def test_items_naming_their_outlet_are_filed_under_it(db_url: str, tmp_path: Path) -> None:
    shutil.copytree(SITE, tmp_path / "site")
    feed = tmp_path / "site" / "feed.xml"
    feed.write_text(
        feed.read_text().replace(
            "<title>Yields slip, levered small caps rally</title>",
            "<title>Yields slip, levered small caps rally</title>"
            '<source url="https://rates.example/feed.xml">Rates Daily</source>',
        )
    )
    engine = get_engine(db_url)
    add_source(engine, feed.as_uri())
    summary = pipeline.poll_feeds(engine)
    assert summary.new == 4 and summary.summary_only == 1 and summary.syndicated == 1
    assert summary.processes == 0  # a small run extracts on the fetch threads
    with session_scope(engine) as s:
        outlet = s.exec(select(Source).where(Source.name == "Rates Daily")).one()
        arts = s.exec(select(Article)).all()
    by_title = {a.title: a for a in arts}
    assert by_title["Yields slip, levered small caps rally"].source_id == outlet.id
    # an outlet, not a feed: keyed by its name, never polled; the item's address kept aside
    assert outlet.kind == "outlet" and outlet.url == "outlet:rates daily"
    assert outlet.site_url == "https://rates.example/feed.xml"
    assert by_title["Small caps outpace large caps"].source_id != outlet.id


@pytest.mark.slow
def test_large_runs_extract_in_worker_processes(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the threshold, trafilatura runs in worker processes; results are the same."""
    shutil.copytree(SITE, tmp_path / "site")
    monkeypatch.setattr(pipeline, "PROCESS_THRESHOLD", 1)
    engine = get_engine(sqlite_url)
    add_source(engine, (tmp_path / "site" / "feed.xml").as_uri())
    summary = pipeline.poll_feeds(engine, processes=2)
    assert (summary.new, summary.syndicated, summary.summary_only) == (4, 1, 1)
    assert summary.processes == 2
    with session_scope(engine) as s:
        texts = {a.title: a.text for a in s.exec(select(Article))}
    assert "floating rate" in texts["Yields slip, levered small caps rally"]


MISSING_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Microcaps lag into the holiday</title>
<link rel="canonical" href="https://desk.example.com/2025/10/microcaps-lag"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Microcaps lag into the holiday</h1>
<p>Microcaps trailed the Russell 2000 again this week. The iShares Micro-Cap ETF (IWC) slipped
1.2% while volumes thinned ahead of the long weekend, and breadth among the smallest names was
the weakest since August.</p>
<p>Desk traders said the selling looked like tidying up before the holiday rather than a change
of view: financing costs are still expected to fall into the end of the year.</p>
</article><footer>Subscribe to our newsletter.</footer></body></html>
"""


def test_a_summary_only_article_gets_its_page_when_it_comes_back(
    db_url: str, tmp_path: Path
) -> None:
    """The page was down on the first poll; a later poll that lists the item again fetches it,
    replaces the summary and drops what was extracted from the summary (same transaction)."""
    from ingest.articles import upgrade_article
    from nlp.store_pipeline import extract_stored
    from store.models import ClaimRow, IngestRun
    from thesisdesk.records import ArticleRecord

    shutil.copytree(SITE, tmp_path / "site")
    feed = tmp_path / "site" / "feed.xml"
    engine = get_engine(db_url)
    add_source(engine, feed.as_uri())
    first = pipeline.poll_feeds(engine)
    assert first.summary_only == 1 and first.upgraded == 0
    extract_stored(engine, use_model=False)
    with session_scope(engine) as s:
        art = s.exec(select(Article).where(Article.title == "A page that went missing")).one()
        art_id = art.id
        assert art.summary_only and art.extractor_version is not None
        assert s.exec(select(ClaimRow).where(ClaimRow.article_id == art_id)).all()

    # still down on the next poll (the feed changed, so it is read): the summary stays
    feed.write_text(feed.read_text() + "\n<!-- edited -->\n")
    again = pipeline.poll_feeds(engine, force=True)
    assert again.upgraded == 0 and again.new == 0 and again.duplicate == 4
    assert any("again" in e["error"] for e in again.errors)

    (tmp_path / "site" / "articles" / "missing.html").write_text(MISSING_PAGE)
    feed.write_text(feed.read_text() + "\n<!-- edited again -->\n")
    back = pipeline.poll_feeds(engine, force=True)
    assert back.upgraded == 1 and back.new == 0 and back.status == "ok"
    with session_scope(engine) as s:
        art = s.get(Article, art_id)
        assert art is not None and not art.summary_only and art.origin == "page"
        assert "breadth among the smallest names" in art.text
        assert art.canonical_url == "https://desk.example.com/2025/10/microcaps-lag"
        assert art.extractor_version is None  # due for extraction again
        assert not s.exec(select(ClaimRow).where(ClaimRow.article_id == art_id)).all()
        run = s.get(IngestRun, back.run_id)
        assert run is not None and run.items_changed == 1
    assert extract_stored(engine, use_model=False).articles_done == 1

    # a third poll has nothing left to retry: the article is a plain duplicate now
    feed.write_text(feed.read_text() + "\n<!-- edited a third time -->\n")
    third = pipeline.poll_feeds(engine, force=True)
    assert (third.upgraded, third.duplicate, third.errors) == (0, 4, [])
    # an empty page never replaces a summary
    assert upgrade_article(engine, art_id, ArticleRecord(text="  ")).status == "failed"
