"""``thesisdesk run`` (the daily cycle once, under a lock) and ``thesisdesk serve`` (the app
plus a scheduler running it in market hours and after the close)."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape

from ui.commands.watch import SETTINGS_OPTION, load_config
from ui.common import JSON_OPTION, err_console, fail, print_json, progress_bars, state

#: exit status of a run refused because another one holds the lock
EXIT_LOCKED = 3
#: a run with a thousand dead feeds prints this many problems (``--json`` has them all)
MAX_PROBLEMS_SHOWN = 30


def _stage_line(s: dict[str, Any]) -> str:
    r = s["result"]
    name = s["stage"]
    if s["status"] == "failed":
        return f"✗ {name}: {s['error']}"
    if s["status"] == "skipped":
        return f"- {name}: nothing to do"
    if name == "feeds":
        text = (
            f"{r.get('feeds', 0)} feeds polled, {r.get('new', 0)} new articles, "
            f"{r.get('failed', 0) + r.get('feeds_failed', 0)} failed"
        )
    elif name.startswith("market"):
        got = [
            f"{f['symbol']} ({f['provider']}, {f['new']} new)"
            for f in r.get("fetched", [])
            if not f.get("error")
        ]
        bad = [f["symbol"] for f in r.get("fetched", []) if f.get("error")]
        text = (
            f"fetched {', '.join(got) or 'nothing'}"
            + (f"; failed: {', '.join(bad)}" if bad else "")
            + f"; up to date: {', '.join(r.get('up_to_date', [])) or '-'}"
        )
    elif name == "extract":
        text = f"{r.get('articles_done', 0)} articles, {r.get('claims_written', 0)} claims"
    elif name == "check":
        text = f"{r.get('checked', 0)} claims checked ({r.get('skipped', 0)} up to date)"
    elif name == "digest":
        text = f"{r['day']}: {r['subjects']} subjects, {r['claims']} claims"
    elif name == "alerts":
        text = f"{r['new']} new alerts on {', '.join(r['watched'])}"
    elif name == "deliver":
        text = "; ".join(
            f"{c['channel']} sent {c['sent']}, failed {c['failed']}" for c in r["channels"]
        )
    else:
        text = str(r.get("status", ""))
    return f"✓ {name}: {text} ({s['seconds']:.1f} s)"


def register(app: typer.Typer) -> None:
    @app.command("run")
    def run_cmd(
        ctx: typer.Context,
        settings_file: Path | None = SETTINGS_OPTION,
        force_feeds: bool = typer.Option(
            False, "--force-feeds", help="Poll every feed, not only those due."
        ),
        no_model: bool = typer.Option(
            False, "--no-model", help="Keep the extractor's rule stances (no sentiment model)."
        ),
        no_deliver: bool = typer.Option(
            False, "--no-deliver", help="Store alerts but send nothing (they stay pending)."
        ),
        digest_mail: str = typer.Option(
            "auto",
            "--digest-mail",
            help="auto (after the close on a trading day) | always | never.",
        ),
        now: str | None = typer.Option(
            None, "--now", hidden=True, help="Pretend it is this ISO time (replays, tests)."
        ),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Run the whole daily cycle once: poll feeds (watched tickers' too), fetch missing
        market data, extract, check, build and store the digest, find and send alerts, and
        mail the digest after the close. Takes a lock: a second run at the same time exits
        with status 3 and says which process holds it. A failing stage or failed items (a
        feed down, an alert not delivered) are reported, the later stages still run, and the
        run is "partial" (exit 1); undelivered alerts are retried next run.

        Example: thesisdesk run --json
        """
        from ops.daily import DIGEST_MAIL_MODES, run_daily
        from ops.lock import RunLock, RunLocked
        from store.db import resolve_url

        if digest_mail not in DIGEST_MAIL_MODES:
            raise fail(f"--digest-mail is one of {', '.join(DIGEST_MAIL_MODES)}")
        when = None
        if now:
            try:
                when = dt.datetime.fromisoformat(now)
            except ValueError:
                raise fail(f"--now wants an ISO time, got {now!r}") from None
            if when.tzinfo is None:
                when = when.replace(tzinfo=dt.UTC)
        cfg = load_config(settings_file)
        lock = RunLock(resolve_url(state(ctx).db_url))
        try:
            lock.acquire()
        except RunLocked as exc:
            if as_json:
                print_json({"status": "locked", "error": str(exc)})
            err_console.print(f"[yellow]{escape(str(exc))}[/]", soft_wrap=True)
            raise typer.Exit(EXIT_LOCKED) from None
        try:
            engine = state(ctx).engine()

            def tell(name: str) -> None:
                if not as_json:
                    err_console.print(f"[bold cyan]▶ {name}[/]")

            with progress_bars(not as_json) as bar:
                summary = run_daily(
                    engine,
                    cfg,
                    now=when,
                    force_feeds=force_feeds,
                    use_model=not no_model,
                    deliver=not no_deliver,
                    digest_mail=digest_mail,
                    progress=bar,
                    on_stage=tell,
                )
        finally:
            lock.release()
        data = summary.as_dict()
        if as_json:
            print_json(data)
        else:
            if data["interrupted_runs"]:
                n = len(data["interrupted_runs"])
                err_console.print(
                    f"[yellow]{n} earlier run record(s) closed as interrupted (their process "
                    "is gone); this run does what they left[/]"
                )
            for s in data["stages"]:
                typer.echo(_stage_line(s))
            for p in data["problems"][:MAX_PROBLEMS_SHOWN]:
                err_console.print(f"[yellow]problem:[/] {escape(p)}", soft_wrap=True)
            if len(data["problems"]) > MAX_PROBLEMS_SHOWN:
                more = len(data["problems"]) - MAX_PROBLEMS_SHOWN
                err_console.print(f"[yellow]... and {more} more problems (--json lists all)[/]")
            typer.echo(
                f"run {data['run_id']}: {data['status']}, {data['new_alerts']} new alerts "
                f"in {data['seconds']:.1f} s"
            )
        if summary.status != "ok":
            raise typer.Exit(1)

    @app.command("serve")
    def serve_cmd(
        ctx: typer.Context,
        settings_file: Path | None = SETTINGS_OPTION,
        port: int = typer.Option(8501, "--port", min=1, max=65535, help="App port (127.0.0.1)."),
        no_app: bool = typer.Option(False, "--no-app", help="Only the scheduler, no app."),
        run_now: bool = typer.Option(False, "--run-now", help="Also run once at start."),
        show: bool = typer.Option(
            False, "--show-schedule", help="Print the next run times and the cron lines; exit."
        ),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Keep the app and a scheduler running: `thesisdesk run` every N minutes in market
        hours and once after the close (\\[schedule] in the settings file). Each run is a
        child process under the run lock; Ctrl-C stops both.

        Example: thesisdesk serve --port 8501
        """
        from ops.schedule import cron_lines, make_scheduler, next_runs, trigger
        from store.db import resolve_url

        cfg = load_config(settings_file)
        sched = cfg.schedule
        upcoming = next_runs(sched, dt.datetime.now(dt.UTC), 5)
        if show:
            info = {
                "timezone": sched.timezone,
                "next_runs": [t.isoformat() for t in upcoming],
                "cron": cron_lines(sched),
                "settings": cfg.path,
            }
            if as_json:
                print_json(info)
            else:
                typer.echo(f"time zone {sched.timezone}; next runs:")
                for t in upcoming:
                    typer.echo(f"  {t:%a %Y-%m-%d %H:%M %Z}")
                typer.echo("crontab equivalent (CRON_TZ=" + sched.timezone + "):")
                for line in cron_lines(sched):
                    typer.echo(f"  {line}")
            return
        db_url = resolve_url(state(ctx).db_url)
        cmd = [sys.executable, "-m", "ui.cli", "--db", db_url, "run", "--json"]
        if settings_file or cfg.path:
            cmd += ["--settings", str(settings_file or cfg.path)]
        root = str(Path(__file__).resolve().parent.parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)

        running: set[subprocess.Popen[str]] = set()

        def job() -> None:
            started = dt.datetime.now(dt.UTC)
            child = subprocess.Popen(
                cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
            )
            running.add(child)
            try:
                out, err = child.communicate()
            finally:
                running.discard(child)
            try:
                data = json.loads(out.strip().splitlines()[-1])
            except (ValueError, IndexError):
                data = {"status": "failed", "error": err.strip()[-300:]}
            err_console.print(
                f"{started:%Y-%m-%d %H:%M} run: {data.get('status')}, "
                f"{data.get('new_alerts', 0)} new alerts"
                + (f"; {escape(str(data.get('error')))}" if data.get("error") else ""),
                soft_wrap=True,
            )

        scheduler = make_scheduler(job, trigger(sched), timezone=sched.timezone)
        stop = threading.Event()
        app_proc = None

        def interrupt(signum: int, frame: object) -> None:
            raise KeyboardInterrupt

        # Ctrl-C and a service manager's SIGTERM both stop it, even when the parent started
        # it with SIGINT ignored (a background job of a script inherits that); installed
        # before anything is started or announced, so no signal falls between the two
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, interrupt)
        try:
            scheduler.start()
            if run_now:
                threading.Thread(target=job, daemon=True).start()
            err_console.print(
                f"scheduler on ({sched.timezone}); next run {upcoming[0]:%a %H:%M %Z}"
                if upcoming
                else "scheduler on"
            )
            if not no_app:
                from ui.commands.digest import streamlit_command

                app_env = dict(env, THESISDESK_DB=db_url)
                app_proc = subprocess.Popen(streamlit_command(port), env=app_env)
                err_console.print(
                    f"app on http://127.0.0.1:{port}  (Ctrl-C stops app and scheduler)"
                )
            while not stop.wait(1.0):
                if app_proc is not None and app_proc.poll() is not None:
                    err_console.print(f"the app exited ({app_proc.returncode}); stopping")
                    break
        except KeyboardInterrupt:
            pass
        finally:
            if scheduler.running:
                scheduler.shutdown(wait=False)
            # a run in progress is stopped too: runs are crash-safe (the next one finishes
            # the work), and waiting for it would hold Ctrl-C for minutes
            for child in list(running):
                if child.poll() is None:
                    child.terminate()
                    try:
                        child.wait(10)
                    except subprocess.TimeoutExpired:
                        child.kill()
            if app_proc is not None and app_proc.poll() is None:
                app_proc.terminate()
                try:
                    app_proc.wait(10)
                except subprocess.TimeoutExpired:
                    app_proc.kill()
