"""The watchlist and alert tables on both engines (SQLite file, real PostgreSQL): an alert is
stored once, its deliveries move pending -> sent / failed, and a watch removed takes its
per-ticker feeds with it while the articles stay."""

from __future__ import annotations

import datetime as dt
import json

from ops.lock import lock_path
from store.alerts import (
    NewAlert,
    alert_count,
    get_digest,
    list_alerts,
    mark_delivery,
    mark_digest_mailed,
    pending_deliveries,
    record_alerts,
    save_digest,
)
from store.db import get_engine, session_scope
from store.models import Article
from store.sources import add_source, list_sources
from store.watch import add_watch, link_source, list_watches, remove_watch, watch_sources


def _alert(key: str, rule: str = "flag") -> NewAlert:
    return NewAlert(
        key=key, rule=rule, subject="IWM", title=f"{rule} {key}", day=dt.date(2026, 3, 4)
    )


def test_alerts_are_stored_once_and_delivered(db_url: str) -> None:
    engine = get_engine(db_url)
    add_watch(engine, "iwm")
    created = record_alerts(
        engine, [_alert("a"), _alert("b", "cross")], ["webhook", "email"], {"IWM": {"x": 1}}
    )
    assert len(created) == 2
    # found again on the next run: nothing new, no second delivery
    assert record_alerts(engine, [_alert("a")], ["webhook", "email"], {}) == []
    assert alert_count(engine) == 2
    assert json.loads(list_watches(engine)[0].state) == {"x": 1}
    hooks = pending_deliveries(engine, "webhook", max_attempts=2)
    assert [a.key for _, a in hooks] == ["a", "b"]
    first, second = (d.id for d, _ in hooks)
    assert first is not None and second is not None
    mark_delivery(engine, [first], error=None, max_attempts=2)
    mark_delivery(engine, [second], error="HTTP 503", max_attempts=2)
    assert [a.key for _, a in pending_deliveries(engine, "webhook", 2)] == ["b"]
    mark_delivery(engine, [second], error="HTTP 503", max_attempts=2)
    assert pending_deliveries(engine, "webhook", 2) == []  # given up after two runs
    listed = {a["title"]: a for a in list_alerts(engine)}
    statuses = {d["channel"]: d["status"] for d in listed["cross b"]["deliveries"]}
    assert statuses == {"webhook": "failed", "email": "pending"}
    hook = next(d for d in listed["cross b"]["deliveries"] if d["channel"] == "webhook")
    assert hook["attempts"] == 2 and hook["error"] == "HTTP 503"


def test_digest_snapshot_keeps_its_mail_mark(db_url: str) -> None:
    engine = get_engine(db_url)
    day = dt.date(2026, 3, 4)
    save_digest(engine, day, 7, '{"a": 1}', 3)
    mark_digest_mailed(engine, day, None)
    save_digest(engine, day, 7, '{"a": 2}', 4)  # rebuilt by a later run the same day
    snap = get_digest(engine, day)
    assert snap is not None and snap.body == '{"a": 2}' and snap.mailed_at is not None


def test_remove_watch_drops_only_its_own_feeds(db_url: str) -> None:
    engine = get_engine(db_url)
    add_watch(engine, "IWM")
    add_watch(engine, "TNA")
    own, _ = add_source(engine, "https://one.example/IWM.xml", kind="feed")
    shared, _ = add_source(engine, "https://one.example/small-caps.xml", kind="feed")
    assert own.id is not None and shared.id is not None
    link_source(engine, "IWM", own.id, "one")
    link_source(engine, "IWM", shared.id, "one")
    link_source(engine, "TNA", shared.id, "one")
    assert link_source(engine, "TNA", shared.id, "one") is False
    with session_scope(engine) as s:
        s.add(Article(source_id=own.id, text="t", content_hash="h" * 64, url="https://x/1"))
    out = remove_watch(engine, "iwm")
    assert out == {"symbol": "IWM", "feeds_removed": 1, "articles_kept": 1}
    assert [s.url for s in list_sources(engine)] == ["https://one.example/small-caps.xml"]
    assert [ws.symbol for ws, _ in watch_sources(engine)] == ["TNA"]
    assert remove_watch(engine, "IWM") is None
    if db_url.startswith("sqlite"):
        assert lock_path(db_url).name.endswith(".run.lock")
    else:
        assert lock_path(db_url).name.startswith("run-")


def test_an_unlisted_index_is_claimed_but_never_fetched(
    sqlite_url: str, shared_dir: object, tmp_path: object
) -> None:
    """"the Russell Microcap gained 5.2%" is a claim about a named index with no series: the
    daily run must not ask a market provider for it (that would be a failure every run)."""
    from pathlib import Path

    from typer.testing import CliRunner

    from store.watch import claimed_symbols
    from ui.cli import app

    folder = Path(str(tmp_path)) / "articles"
    folder.mkdir()
    (folder / "week.txt").write_text(
        "Small caps close out a strong week\n\nThe Russell 2000 rose 3.6% for the week and "
        "the Russell Microcap index gained 5.2%.\n",
        encoding="utf-8",
    )
    run = CliRunner()
    instruments = str(Path(str(shared_dir)) / "data" / "instruments")
    for args in (
        ["instruments", "import", instruments],
        ["ingest", str(folder)],
        ["extract", "--all", "--no-model"],
    ):
        res = run.invoke(app, ["--db", sqlite_url, *args])
        assert res.exit_code == 0, res.output
    engine = get_engine(sqlite_url)
    with session_scope(engine) as s:
        from sqlmodel import select

        from store.models import ClaimRow

        subjects = set(s.exec(select(ClaimRow.subject)).all())
    assert {"^RUT", "russell microcap"} <= subjects
    assert "^RUT" in claimed_symbols(engine)
    assert "russell microcap" not in claimed_symbols(engine)
