"""The daily run's parts on their own: the run lock, the schedule and its scheduler, the
settings file, webhook retries and SMTP with STARTTLS (a real local aiosmtpd server), the
watchlist commands and the starter OPML."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import ssl
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from apscheduler.triggers.interval import IntervalTrigger
from daily_world import MailSink, free_port
from local_http import LocalServer
from typer.testing import CliRunner

from ingest.opml import STARTER_OPML, parse_opml
from ingest.watch import TemplateError, load_sites
from ops.config import ConfigError, EmailConfig, OpsConfig, ScheduleConfig, WebhookConfig, load
from ops.deliver import DeliveryError, post_json, send_mail
from ops.lock import RunLock, RunLocked, lock_path
from ops.schedule import cron_lines, day_times, make_scheduler, next_runs
from ui.cli import app

NY = "America/New_York"


# --- the lock ---------------------------------------------------------------------------------


def test_second_run_is_refused_while_one_holds_the_lock(sqlite_url: str, tmp_path: Path) -> None:
    settings = tmp_path / "s.toml"
    settings.write_text("[market]\nenabled = false\n")
    with RunLock(sqlite_url) as held:
        assert held.held and lock_path(sqlite_url).name == "store.db.run.lock"
        with pytest.raises(RunLocked, match=r"in progress \(pid \d+"):
            RunLock(sqlite_url).acquire()
        res = CliRunner().invoke(app, ["--db", sqlite_url, "run", "--settings", str(settings)])
        assert res.exit_code == 3
        assert "another thesisdesk run is in progress" in res.output
        res = CliRunner().invoke(
            app, ["--db", sqlite_url, "run", "--settings", str(settings), "--json"]
        )
        assert res.exit_code == 3 and json.loads(res.stdout)["status"] == "locked"
    # released: the same command now runs (an empty store: nothing to do, every stage says so)
    res = CliRunner().invoke(
        app, ["--db", sqlite_url, "run", "--settings", str(settings), "--json", "--no-model"]
    )
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["status"] == "ok" and out["new_alerts"] == 0
    assert [s["stage"] for s in out["stages"]][:3] == ["feeds", "market", "extract"]


def test_lock_of_a_killed_holder_is_free(sqlite_url: str) -> None:
    """A process holding the lock dies by SIGKILL: the kernel drops its flock."""
    code = (
        "import sys, time; from ops.lock import RunLock; "
        f"lock = RunLock({sqlite_url!r}); lock.acquire(); print('held', flush=True); time.sleep(60)"
    )
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        text=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        with pytest.raises(RunLocked):
            RunLock(sqlite_url).acquire()
        proc.kill()
        proc.wait(30)
        with RunLock(sqlite_url) as lock:
            assert lock.held
    finally:
        if proc.poll() is None:
            proc.kill()


# --- the schedule -----------------------------------------------------------------------------


def test_day_times_every_n_minutes_and_after_close() -> None:
    cfg = ScheduleConfig(every_minutes=45, after_close="16:20")
    assert [t.strftime("%H:%M") for t in day_times(cfg)] == [
        "09:30", "10:15", "11:00", "11:45", "12:30", "13:15", "14:00", "14:45", "15:30", "16:20",
    ]  # fmt: skip
    assert cron_lines(ScheduleConfig(every_minutes=60))[:2] == [
        "30 9 * * mon,tue,wed,thu,fri thesisdesk run",
        "30 10 * * mon,tue,wed,thu,fri thesisdesk run",
    ]


def test_next_runs_skip_weekends_and_follow_new_york_time() -> None:
    cfg = ScheduleConfig(every_minutes=30)
    # Friday 2026-03-06 15:50 EST -> 16:00, the 16:30 after-close run, then Monday 09:30 EDT
    runs = next_runs(cfg, dt.datetime(2026, 3, 6, 20, 50, tzinfo=dt.UTC), 4)
    local = [r.strftime("%a %H:%M %Z") for r in runs]
    assert local == ["Fri 16:00 EST", "Fri 16:30 EST", "Mon 09:30 EDT", "Mon 10:00 EDT"]
    # across the clock change the run stays at 09:30 New York time: 14:30 -> 13:30 UTC
    assert runs[2].astimezone(dt.UTC).hour == 13


def test_scheduler_triggers_the_job() -> None:
    fired = threading.Event()
    calls: list[float] = []

    def job() -> None:
        calls.append(1)
        fired.set()

    scheduler = make_scheduler(job, IntervalTrigger(seconds=0.2))
    scheduler.start()
    try:
        assert fired.wait(30), "the scheduler never ran the job"
    finally:
        scheduler.shutdown(wait=True)
    assert calls


def test_serve_shows_the_schedule(tmp_path: Path) -> None:
    settings = tmp_path / "s.toml"
    settings.write_text('[schedule]\nevery_minutes = 60\nafter_close = "17:00"\n')
    res = CliRunner().invoke(
        app, ["serve", "--settings", str(settings), "--show-schedule", "--json"]
    )
    assert res.exit_code == 0, res.output
    info = json.loads(res.stdout)
    assert info["timezone"] == NY and len(info["next_runs"]) == 5
    assert info["cron"][-1] == "0 17 * * mon,tue,wed,thu,fri thesisdesk run"
    assert info["cron"][0] == "30 9 * * mon,tue,wed,thu,fri thesisdesk run"


# --- the settings file --------------------------------------------------------------------------


def test_settings_file_errors_name_the_key(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[schedule]\nevery_minutes = 0\n")
    with pytest.raises(ConfigError, match=r"\[schedule.every_minutes\]"):
        load(bad)
    bad.write_text('[market]\nprices = ["stooq", "bloomberg"]\n')
    with pytest.raises(ConfigError, match="bloomberg"):
        load(bad)
    bad.write_text("[alerts\n")
    with pytest.raises(ConfigError, match="cannot read settings file"):
        load(bad)
    with pytest.raises(ConfigError, match="not found"):
        load(tmp_path / "missing.toml")
    good = tmp_path / "good.toml"
    good.write_text('[alerts.webhook]\nurl = "http://127.0.0.1:1/x"\n[other]\nkey = 1\n')
    cfg = load(good)
    assert cfg.alerts.channels() == ["webhook"] and cfg.path == str(good)
    assert OpsConfig().alerts.channels() == []


# --- delivery -----------------------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[LocalServer]:
    srv = LocalServer()
    yield srv
    srv.close()


def test_webhook_retries_with_backoff_then_states_failure(server: LocalServer) -> None:
    answers = iter([(500, {}, b"a"), (429, {}, b"b"), (200, {}, b"ok")])
    server.routes["/hook"] = lambda _h: next(answers)
    waits: list[float] = []
    cfg = WebhookConfig(url=server.url("/hook"), retries=3, backoff_s=1.5)
    assert post_json(cfg, {"x": 1}, sleep=waits.append) == 200
    assert waits == [1.5, 3.0]  # doubling
    assert [json.loads(b) for _, _, b in server.posts] == [{"x": 1}] * 3
    server.routes["/hook"] = (404, {}, b"no")
    with pytest.raises(DeliveryError, match=r"HTTP 404 \(after 1 tries\)"):
        post_json(cfg, {"x": 2}, sleep=waits.append)  # a refusal is not retried
    dead = WebhookConfig(url=f"http://127.0.0.1:{free_port()}/hook", retries=1, backoff_s=0)
    with pytest.raises(DeliveryError, match="ConnectError"):
        post_json(dead, {}, sleep=waits.append)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl not installed")
    d = tmp_path_factory.mktemp("tls")
    cert, key = d / "cert.pem", d / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def test_smtp_starttls_and_login(
    certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    sink = MailSink()

    def check(
        _server: object, _session: object, _envelope: object, _mech: str, data: object
    ) -> AuthResult:
        ok = isinstance(data, LoginPassword) and data.password == b"s3cret"
        return AuthResult(success=ok)

    controller = Controller(
        sink, hostname="127.0.0.1", port=free_port(), tls_context=context,
        require_starttls=True, authenticator=check, auth_require_tls=True,
    )  # fmt: skip
    controller.start()
    try:
        monkeypatch.setenv("TD_TEST_SMTP_PW", "s3cret")
        cfg = EmailConfig(
            host="127.0.0.1", port=controller.port, starttls=True, username="reader",
            password_env="TD_TEST_SMTP_PW", ca_file=str(cert), to=["r@example.test"],
        )  # fmt: skip
        from ops.deliver import _message

        msg = _message(cfg, cfg.to, "hello")
        msg.set_content("body")
        send_mail(cfg, msg)
        assert [m.subject for m in sink.mails] == ["hello"]
        # without STARTTLS the server refuses, and the failure is one stated line
        with pytest.raises(DeliveryError, match=r"smtp 127\.0\.0\.1"):
            send_mail(cfg.model_copy(update={"starttls": False}), msg)
        # an untrusted certificate is refused too
        with pytest.raises(DeliveryError, match=r"CERTIFICATE_VERIFY_FAILED|SSLCertVerification"):
            send_mail(cfg.model_copy(update={"ca_file": None}), msg)
    finally:
        controller.stop()


def test_smtp_server_down_is_a_stated_failure() -> None:
    cfg = EmailConfig(host="127.0.0.1", port=free_port(), starttls=False, timeout_s=5)
    from ops.deliver import _message

    with pytest.raises(DeliveryError, match="ConnectionRefused"):
        send_mail(cfg, _message(cfg, ["x@example.test"], "s"))


# --- the watchlist and the starter feeds ------------------------------------------------------


def test_watch_add_list_remove(sqlite_url: str, tmp_path: Path) -> None:
    templates = tmp_path / "sites.toml"
    templates.write_text(
        '[[site]]\nname = "one"\nurl = "https://one.example/rss?s={symbol}"\n'
        '[[site]]\nname = "two"\nurl = "https://two.example/{symbol_lower}.xml"\nindices = false\n'
        '[[site]]\nname = "off"\nurl = "https://off.example/{symbol}"\nenabled = false\n'
    )
    settings = tmp_path / "s.toml"
    settings.write_text(f'[watch]\nticker_feeds = "{templates.name}"\n')
    runner = CliRunner()

    def cli(*args: str) -> object:
        res = runner.invoke(app, ["--db", sqlite_url, *args])
        assert res.exit_code == 0, res.output
        return json.loads(res.stdout)

    added = cli("watch", "add", "iwm", "^rut", "--settings", str(settings), "--json")
    assert added[0]["feeds_added"] == [
        "https://one.example/rss?s=IWM",
        "https://two.example/iwm.xml",
    ]
    assert added[1]["symbol"] == "^RUT"
    assert added[1]["feeds_added"] == ["https://one.example/rss?s=%5ERUT"]  # no index feed at two
    again = cli("watch", "add", "IWM", "--settings", str(settings), "--json")
    assert again[0]["created"] is False and len(again[0]["feeds_existing"]) == 2
    listed = cli("watch", "list", "--json")
    assert [r["symbol"] for r in listed] == ["IWM", "^RUT"]
    assert [f["site"] for f in listed[0]["feeds"]] == ["one", "two"]
    feeds = cli("feeds", "list", "--json")
    assert len(feeds) == 3
    removed = cli("watch", "remove", "IWM", "--json")
    assert removed["removed"][0]["feeds_removed"] == 2
    assert [f["url"] for f in cli("feeds", "list", "--json")] == [
        "https://one.example/rss?s=%5ERUT"
    ]
    res = runner.invoke(app, ["--db", sqlite_url, "watch", "remove", "NOPE"])
    assert res.exit_code == 1 and "not watched: NOPE" in res.output


def test_ticker_feed_file_is_checked(tmp_path: Path) -> None:
    sites = load_sites()
    assert {s.name for s in sites} >= {"yahoo", "nasdaq", "seekingalpha"}
    assert all(s.url.startswith("https://") and "{symbol" in s.url for s in sites)
    bad = tmp_path / "bad.toml"
    bad.write_text('[[site]]\nname = "x"\nurl = "https://x.example/feed"\n')
    with pytest.raises(TemplateError, match=r"no \{symbol\}"):
        load_sites(bad)


def test_starter_opml_imports_described_public_feeds(sqlite_url: str) -> None:
    from lxml import etree

    outlines = [o for o in etree.parse(str(STARTER_OPML)).iter("outline") if o.get("xmlUrl")]
    assert len(outlines) >= 20
    for o in outlines:
        assert o.get("xmlUrl", "").startswith("https://"), o.get("text")
        description = o.get("description") or ""
        assert 20 < len(description) < 120 and "\n" not in description, o.get("text")
    feeds = parse_opml(STARTER_OPML.read_bytes())
    assert {f.category for f in feeds} >= {"Market news", "ETF issuers and index news"}
    res = CliRunner().invoke(
        app, ["--db", sqlite_url, "feeds", "import-opml", "--starter", "--json"]
    )
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert len(out["added"]) == len(outlines) and not out["refused"]
    res = CliRunner().invoke(app, ["--db", sqlite_url, "feeds", "import-opml"])
    assert res.exit_code == 1 and "--starter" in res.output


class _Serve:
    """``thesisdesk serve --no-app`` in a child process, its stderr read line by line."""

    def __init__(self, db_url: str, tmp_path: Path, *extra: str, ignore_sigint: bool = False):
        import queue
        import signal

        settings = tmp_path / "s.toml"
        settings.write_text("[market]\nenabled = false\n")
        root = Path(__file__).resolve().parent.parent

        def ignore() -> None:  # what a script's background job inherits
            signal.signal(signal.SIGINT, signal.SIG_IGN)

        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ui.cli", "--db", db_url, "serve", "--no-app", *extra,
             "--settings", str(settings)],
            stderr=subprocess.PIPE, text=True, cwd=root,
            env={**os.environ, "PYTHONPATH": str(root)},
            preexec_fn=ignore if ignore_sigint else None,
        )  # fmt: skip
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        stderr = self.proc.stderr
        assert stderr is not None
        threading.Thread(target=lambda: [self.lines.put(ln) for ln in stderr], daemon=True).start()

    def wait_for(self, text: str) -> list[str]:
        """Every line so far, once one holds ``text``."""
        while not any(text in ln for ln in self.seen):
            self.seen.append(self.lines.get(timeout=240))
        return self.seen

    def __enter__(self) -> _Serve:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc.poll() is None:
            self.proc.kill()


@pytest.mark.slow
def test_serve_runs_the_cycle_and_stops_on_ctrl_c(sqlite_url: str, tmp_path: Path) -> None:
    """``serve --no-app --run-now``: the scheduler is up, a run happens in a child process
    (under the lock) and is reported; SIGINT stops everything with status 0."""
    import signal

    with _Serve(sqlite_url, tmp_path, "--run-now") as serve:
        seen = serve.wait_for(" run: ")
        assert any("scheduler on (America/New_York); next run" in ln for ln in seen), seen
        assert any(" run: ok, 0 new alerts" in ln for ln in seen), seen
        serve.proc.send_signal(signal.SIGINT)
        assert serve.proc.wait(60) == 0


def _run_children(db_url: str) -> list[int]:
    """Pids of `thesisdesk run` processes working on this store."""
    import psutil

    pids = []
    for p in psutil.process_iter(["cmdline"]):
        cmd = p.info.get("cmdline") or []
        if db_url in cmd and "run" in cmd and "serve" not in cmd:
            pids.append(p.pid)
    return pids


@pytest.mark.slow
def test_ctrl_c_during_a_run_stops_the_run_too(sqlite_url: str, tmp_path: Path) -> None:
    """SIGINT while a run is in progress: serve stops at once with status 0 and takes the
    run's child process with it (runs are crash-safe; waiting for one held Ctrl-C for
    minutes when the schedule fired just before it)."""
    import signal
    import time

    try:
        with _Serve(sqlite_url, tmp_path, "--run-now") as serve:
            serve.wait_for("scheduler on")
            deadline = time.monotonic() + 120
            while not _run_children(sqlite_url) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert _run_children(sqlite_url), "the run child never started"
            serve.proc.send_signal(signal.SIGINT)
            assert serve.proc.wait(60) == 0
            deadline = time.monotonic() + 2  # serve waits for its child before it exits
            while _run_children(sqlite_url) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert not _run_children(sqlite_url), "the run child was left running"
    finally:
        for pid in _run_children(sqlite_url):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.slow
@pytest.mark.parametrize("how", ["sigint-inherited-ignored", "sigterm"])
def test_serve_stops_on_sigint_even_when_ignored_and_on_sigterm(
    sqlite_url: str, tmp_path: Path, how: str
) -> None:
    """A background job of a script starts with SIGINT ignored, and a service manager stops
    with SIGTERM: serve stops cleanly (status 0) either way."""
    import signal

    sigint = how.startswith("sigint")
    with _Serve(sqlite_url, tmp_path, ignore_sigint=sigint) as serve:
        serve.wait_for("scheduler on")
        serve.proc.send_signal(signal.SIGINT if sigint else signal.SIGTERM)
        assert serve.proc.wait(60) == 0
