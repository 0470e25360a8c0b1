"""``thesisdesk run`` end to end: local feeds, local market data, a local webhook receiver and
a real local SMTP server. The first run ingests, extracts, checks and sends exactly the
expected alerts; the second sends none and adds nothing; a later day's articles bring the
consensus flip and the target move."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from daily_world import INSTRUMENTS, World, counts, fingerprint, integrity, smtp_server
from local_http import LocalServer
from typer.testing import CliRunner

from store.db import get_engine
from ui.cli import app

pytestmark = pytest.mark.usefixtures("shared_dir")  # the extractor's instrument lexicon


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[World, object]]:
    server = LocalServer()
    with smtp_server() as (controller, sink):
        w = World(tmp_path, server, controller.port)
        for key, value in w.env().items():
            if key.startswith("THESISDESK_"):
                monkeypatch.setenv(key, value)
        monkeypatch.delenv("ALPHAVANTAGE_API_KEY", raising=False)
        yield w, sink
    server.close()
    from store.db import dispose_all

    dispose_all()


def invoke(args: list[str], code: int = 0) -> str:
    res = CliRunner().invoke(app, args)
    assert res.exit_code == code, (args, res.output, res.exception)
    return res.stdout


def prepare(w: World) -> None:
    """Instruments, two outlet feeds, and IWM watched (its headline feed from the template)."""
    invoke(["--db", w.db_url, "instruments", "import", str(INSTRUMENTS)])
    invoke(
        ["--db", w.db_url, "feeds", "add", w.feed_url("alpha"), "--name", "Alpha Small-Cap Desk"]
    )
    invoke(["--db", w.db_url, "feeds", "add", w.feed_url("beta"), "--name", "Beta Equity Notes"])
    out = json.loads(
        invoke(["--db", w.db_url, "watch", "add", "IWM", "--settings", str(w.settings), "--json"])
    )
    assert out[0]["feeds_added"] == [w.server.url("/ticker/IWM.xml")]


def run(w: World, day: int, *extra: str) -> dict:
    return json.loads(invoke(w.run_args(day, *extra)))


def rules(summary_alerts: list[dict]) -> list[tuple[str, str]]:
    return sorted((p["alert"]["rule"], p["alert"]["subject"]) for p in summary_alerts)


def test_run_twice_sends_expected_alerts_once(world: tuple[World, object]) -> None:
    w, sink = world
    prepare(w)
    w.publish(1)
    first = run(w, 1)
    stages = {s["stage"]: s for s in first["stages"]}
    assert first["status"] == "ok", first["problems"]
    assert stages["feeds"]["result"]["new"] == 3
    assert stages["extract"]["result"]["articles_done"] == 3
    assert stages["check"]["result"]["checked"] >= 5
    fetched = {f["symbol"]: f for f in stages["market"]["result"]["fetched"]}
    assert fetched["IWM"]["provider"] == "stooq" and fetched["IWM"]["new"] == 44
    assert {"DFEDTARU", "DFEDTARL", "DFF"} <= set(fetched)

    # exactly the expected alerts: the contradicted 6% move, two new voices, the $250 crossing
    posts = w.webhook_posts()
    assert rules(posts) == [
        ("cross", "IWM"),
        ("flag", "IWM"),
        ("new_voice", "IWM"),
        ("new_voice", "IWM"),
    ]
    titles = sorted(p["alert"]["title"] for p in posts)
    assert any("closed above 250" in t and "named by 2 sources" in t for t in titles)
    assert any("Alpha Small-Cap Desk: 260" in t for t in titles)
    assert any("Beta Equity Notes: 270" in t for t in titles)
    flag = next(p["alert"] for p in posts if p["alert"]["rule"] == "flag")
    assert flag["detail"]["value"] == 6.0 and 0 < flag["detail"]["actual"] < 2  # bars: +0.8%
    assert first["new_alerts"] == 4

    # e-mail: one message with the four alerts, and the digest after the close
    alerts_mail = [m for m in sink.mails if m.to == ["reader@example.test"]]
    digest_mail = [m for m in sink.mails if m.to == ["desk@example.test"]]
    assert len(alerts_mail) == 1 and alerts_mail[0].subject == "thesisdesk: 4 alerts on IWM"
    assert alerts_mail[0].part("plain").count("- [") == 4
    assert len(digest_mail) == 1 and digest_mail[0].subject == "thesisdesk digest for 2026-03-04"
    assert "<html" in digest_mail[0].part("html").lower() and "IWM" in digest_mail[0].part("html")

    engine = get_engine(w.db_url)
    after_first = counts(engine)
    print_first = fingerprint(engine)
    assert integrity(engine)["integrity_check"] == "ok"

    # the second run (every feed polled again) sends nothing and adds nothing
    second = run(w, 1, "--force-feeds")
    assert second["status"] == "ok" and second["new_alerts"] == 0
    stages = {s["stage"]: s for s in second["stages"]}
    assert stages["feeds"]["result"]["new"] == 0 and stages["feeds"]["result"]["feeds"] == 3
    assert stages["market"]["result"]["fetched"] == []  # every series is up to date
    assert stages["digest mail"]["result"]["status"] == "already sent"
    assert len(w.webhook_posts()) == 4 and len(sink.mails) == 2
    assert counts(engine) == after_first
    assert fingerprint(engine) == print_first

    # the same run for a person: one line per stage, then the run's result
    text = invoke([a for a in w.run_args(1) if a != "--json"])
    assert "✓ alerts: 0 new alerts on IWM" in text and "✓ deliver: webhook sent 0" in text
    assert "✓ market: fetched nothing; up to date: IWM, DFEDTARU, DFEDTARL, DFF" in text
    assert text.strip().splitlines()[-1].startswith("run ") and ": ok, 0 new alerts" in text

    # `thesisdesk alerts` lists them with their deliveries
    listed = json.loads(invoke(["--db", w.db_url, "alerts", "--json"]))
    assert len(listed) == 4
    assert all(
        sorted((d["channel"], d["status"]) for d in a["deliveries"])
        == [("email", "sent"), ("webhook", "sent")]
        for a in listed
    )


def test_next_day_flip_and_target_move(world: tuple[World, object]) -> None:
    w, sink = world
    prepare(w)
    w.publish(1)
    run(w, 1)
    w.publish(2)
    third = run(w, 2, "--force-feeds")  # a day later every feed is due again
    assert third["status"] == "ok", third["problems"]
    new = [p["alert"] for p in w.webhook_posts()[4:]]
    assert sorted(a["rule"] for a in new) == ["flip", "target_move"]
    flip = next(a for a in new if a["rule"] == "flip")
    assert flip["detail"]["before"] == "bullish" and flip["detail"]["after"] == "bearish"
    move = next(a for a in new if a["rule"] == "target_move")
    assert move["detail"]["before"] == 265 and move["detail"]["after"] == 232.5
    assert [m.subject for m in sink.mails][-2:] == [
        "thesisdesk: 2 alerts on IWM",
        "thesisdesk digest for 2026-03-05",
    ]


def test_delivery_failure_is_stated_and_retried(world: tuple[World, object]) -> None:
    w, _sink = world
    prepare(w)
    w.publish(1)
    w.server.routes["/hook"] = (503, {"Content-Type": "text/plain"}, b"down")
    first = json.loads(invoke(w.run_args(1), code=1))
    # not fatal (the alerts are stored and retried), but a script must not read "ok"
    assert first["status"] == "partial"
    assert [s["status"] for s in first["stages"] if s["stage"] == "deliver"] == ["partial"]
    assert any("webhook answered HTTP 503" in p for p in first["problems"])
    assert len(w.server.posts) == 8  # four alerts, two tries each
    w.server.routes["/hook"] = (200, {"Content-Type": "application/json"}, b"{}")
    second = run(w, 1)
    assert second["status"] == "ok"
    assert second["new_alerts"] == 0 and not second["problems"]
    assert len(w.webhook_posts()) == 12  # the four pending ones went out this time
    listed = json.loads(invoke(["--db", w.db_url, "alerts", "--json"]))
    webhook = [d for a in listed for d in a["deliveries"] if d["channel"] == "webhook"]
    assert all(d["status"] == "sent" and d["attempts"] == 2 for d in webhook)


def test_every_feed_failing_is_not_ok(world: tuple[World, object]) -> None:
    """All feeds answer 500: `run --json` says so (status partial, exit 1), the feeds stage
    is marked as having lost all its items, and the failures are listed."""
    w, _sink = world
    prepare(w)
    w.publish(1)
    for path in list(w.server.routes):
        if path.endswith(".xml"):
            w.server.routes[path] = (500, {"Content-Type": "text/plain"}, b"boom")
    out = json.loads(invoke(w.run_args(1), code=1))
    feeds = next(s for s in out["stages"] if s["stage"] == "feeds")
    assert out["status"] == "partial"
    assert feeds["status"] == "partial" and feeds["result"]["all_failed"] is True
    assert sum("500" in p for p in out["problems"]) >= 3


def test_summary_status_levels() -> None:
    from ops.daily import DailySummary, StageResult

    def summary(*stages: StageResult) -> str:
        return DailySummary(stages=list(stages)).status

    ok = StageResult("digest", result={"subjects": 3})
    lost = StageResult("feeds", status="partial", result={"problems": ["x"], "all_failed": True})
    raised = StageResult("check", status="failed", error="RuntimeError: boom")
    assert summary(ok, StageResult("alerts", status="skipped")) == "ok"
    assert summary(ok, lost) == "partial"
    assert summary(lost, raised, StageResult("alerts", status="skipped")) == "failed"
    assert summary(StageResult("alerts", status="skipped")) == "ok"
