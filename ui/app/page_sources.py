"""The Sources page: feeds and their health, the outlets articles name, add a feed, import
OPML, run an ingest.

Adding and polling are the ingestion module's job; it is imported lazily so that this page
still shows the feeds (and says what is missing) when ingestion is not installed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from ui.app import data
from ui.labels import percent

MISSING = (
    "Ingestion is not available in this build ({what}); add feeds with "
    "`thesisdesk feeds add URL` and ingest with `thesisdesk ingest feeds` once it is."
)


def _health(r: dict) -> str:
    """failing / ok / new for a polled feed."""
    if (r["consecutive_failures"] or 0) > 0:
        return "failing"
    if r["last_ok_at"]:
        return "ok"
    return "new"


#: what a source row is: a polled feed, a folder of files, or an outlet that articles name
FEED_KINDS = ("feed",)
FOLDER_KINDS = ("files",)


def _health_table(url: str) -> None:
    """Feeds (polled, with their health) apart from the outlets and folders that articles
    came from: an outlet has no feed to poll and no address to show."""
    rows = data.source_health(url)
    if not rows:
        st.info("No sources yet: add a feed below, import an OPML file, or run the demo.")
        return
    feeds = [r for r in rows if r["kind"] in FEED_KINDS]
    folders = [r for r in rows if r["kind"] in FOLDER_KINDS]
    outlets = [r for r in rows if r["kind"] not in FEED_KINDS + FOLDER_KINDS]
    st.subheader(f"Feeds ({len(feeds)})")
    if feeds:
        df = pd.DataFrame(feeds)
        df["health"] = [_health(r) for r in feeds]
        cols = [
            "name",
            "url",
            "health",
            "articles",
            "last_fetch_at",
            "last_ok_at",
            "last_status",
            "last_error",
            "consecutive_failures",
            "next_fetch_at",
            "last_article",
        ]
        st.dataframe(df[cols], hide_index=True, placeholder="—", width="stretch")
    else:
        st.caption("No feeds: add one below or import an OPML file.")
    st.subheader(f"Outlets ({len(outlets)})")
    st.caption(
        "Publications named by the articles themselves (a feed item's source, a file's "
        "front matter, a manifest): they are never polled."
    )
    if outlets:
        df = pd.DataFrame(outlets).rename(columns={"last_article": "latest article"})
        st.dataframe(
            df[["name", "articles", "latest article"]],
            hide_index=True,
            placeholder="—",
            width="stretch",
        )
    if folders:
        st.subheader(f"Folders ({len(folders)})")
        df = pd.DataFrame(folders).rename(columns={"url": "path", "last_article": "latest article"})
        df["path"] = [p.removeprefix("file://") for p in df["path"]]
        st.dataframe(
            df[["name", "path", "articles", "latest article"]],
            hide_index=True,
            placeholder="—",
            width="stretch",
        )


def _add_feed(url: str) -> None:
    with st.form("add_feed", clear_on_submit=True):
        feed_url = st.text_input("Feed URL", placeholder="https://example.com/feed.xml")
        name = st.text_input("Name (optional)")
        if st.form_submit_button("Add feed"):
            if not feed_url.strip().lower().startswith(("http://", "https://")):
                st.error("A feed URL starts with http:// or https://")
                return
            try:
                from store.sources import add_source
            except ImportError as exc:
                st.warning(MISSING.format(what=exc.name))
                return
            try:
                from ingest.feeds import normalise_feed_url

                clean = normalise_feed_url(feed_url.strip())
            except ImportError:
                clean = feed_url.strip()
            _, created = add_source(data.engine(url), clean, name=name.strip() or None)
            data.clear()
            st.success("Feed added." if created else "That feed was already there.")


def _import_opml(url: str) -> None:
    upload = st.file_uploader("Import OPML", type=["opml", "xml"], key="opml_upload")
    if upload is None or not st.button("Import feeds", key="opml_import"):
        return
    try:
        from ingest.opml import import_opml
    except ImportError as exc:
        st.warning(MISSING.format(what=exc.name))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feeds.opml"
        path.write_bytes(upload.getvalue())
        try:
            result = import_opml(data.engine(url), path)
        except Exception as exc:  # a bad file is reported, not raised
            st.error(f"Could not import that file: {exc}")
            return
    data.clear()
    st.success(
        f"{len(result.get('added', []))} feed(s) added, "
        f"{len(result.get('existing', []))} already known."
    )


def _run_ingest(url: str) -> None:
    force = st.checkbox("Poll every feed now (ignore back-off)", key="ingest_force")
    if not st.button("Run ingest", key="ingest_run"):
        return
    try:
        from ingest.pipeline import poll_feeds
    except ImportError as exc:
        st.warning(MISSING.format(what=exc.name))
        return
    bar = st.progress(0.0, text="polling feeds…")
    seen = {"n": 0}

    def on_result(label: str, result: object) -> None:
        seen["n"] += 1
        n = seen["n"]
        bar.progress(min(0.95, n / (n + 10)), text=f"{n} item(s): {str(label)[:80]}")

    try:
        summary = poll_feeds(data.engine(url), force=force, on_result=on_result)
    except Exception as exc:  # show the failure, keep the page
        bar.empty()
        st.error(f"Ingest failed: {exc}")
        return
    bar.progress(1.0, text="done")
    data.clear()
    st.success(
        f"{getattr(summary, 'feeds', 0)} feed(s) polled: {getattr(summary, 'new', 0)} new, "
        f"{getattr(summary, 'duplicate', 0)} already known, {getattr(summary, 'failed', 0)} failed"
    )


def page(url: str) -> None:
    st.title("Sources")
    _health_table(url)
    left, right = st.columns(2)
    with left:
        st.subheader("Add a feed")
        _add_feed(url)
    with right:
        st.subheader("Import OPML")
        _import_opml(url)
    st.subheader("Run an ingest")
    _run_ingest(url)
    record = data.sources_track_record(url)
    if record:
        st.subheader("Track record on price targets")
        df = pd.DataFrame(record)
        df["hit rate"] = [percent(v) for v in df["hit_rate"]]
        df["avg error"] = ["—" if pd.isna(v) else f"{v:.1f}%" for v in df["avg_error_pct"]]
        cols = ["source", "hits", "misses", "resolved", "hit rate", "avg error", "pending"]
        st.dataframe(df[cols], hide_index=True, placeholder="—", width="stretch")
