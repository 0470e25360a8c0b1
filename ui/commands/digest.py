"""``thesisdesk digest`` (the consensus digest as text, Markdown, HTML or JSON) and
``thesisdesk ui`` (the Streamlit app)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import typer
from rich.markup import escape

from ui.common import JSON_OPTION, err_console, fail, print_json, state, warn

#: a window longer than a century is a typo; date arithmetic past year 1 would overflow
MAX_DAYS = 36_500
APP_FILE = Path(__file__).resolve().parent.parent / "app" / "main.py"


def streamlit_command(port: int, app_file: Path = APP_FILE) -> list[str]:
    """The ``streamlit run`` command line: loopback only, headless, no telemetry, no watcher."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app_file),
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]


def register(app: typer.Typer) -> None:
    @app.command("digest")
    def digest_cmd(
        ctx: typer.Context,
        date: str | None = typer.Option(
            None,
            "--date",
            help="Last day of the window (YYYY-MM-DD); default: today, or the "
            "latest day with articles if today has none.",
        ),
        days: int = typer.Option(
            7, "--days", min=0, max=MAX_DAYS, help="Days before --date in the window."
        ),
        fmt: str = typer.Option("text", "--format", "-f", help="text | md | html | json"),
        output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file."),
        max_subjects: int | None = typer.Option(
            None, "--max-subjects", min=1, help="Only the N most-discussed subjects."
        ),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """The consensus digest: voices, stance split, targets, levels, rate calls, dissent,
        flagged articles and what changed against the window before.

        Example: thesisdesk digest --date 2025-09-22 --days 7 --format html -o digest.html
        """
        from digest import FORMATS, build_digest, default_day, render

        if fmt not in FORMATS:
            raise fail(f"unknown --format {fmt!r}; choose one of {', '.join(FORMATS)}", 2)
        if output is not None and not output.expanduser().parent.is_dir():
            raise fail(f"cannot write {output}: folder {output.parent} does not exist", 2)
        engine = state(ctx).engine()
        note = None
        if date:
            try:
                day = dt.date.fromisoformat(date)
            except ValueError:
                raise fail(f"--date must be YYYY-MM-DD, got {date!r}", 2) from None
        else:
            found, note = default_day(engine)
            if found is None:
                raise fail(
                    "the store has no articles yet; ingest the demo first: "
                    "`bash scripts/demo.sh` or `thesisdesk demo run`"
                )
            day = found
        if note:
            warn(f"{note}: {day}", "note")
        try:
            digest = build_digest(engine, day, days, max_subjects=max_subjects)
        except OverflowError:  # the window (or the one before it) leaves the calendar
            raise fail(
                f"--date {day} with --days {days} reaches outside the calendar (years 1-9999)", 2
            ) from None
        digest.note = f"{note}: {day}" if note else None
        if as_json and not output:
            print_json(digest)
            return
        text = render(digest, "json" if as_json else fmt)
        if output:
            try:
                output.expanduser().write_text(text, encoding="utf-8")
            except OSError as exc:
                raise fail(f"cannot write {output}: {exc.strerror or exc}") from None
            err_console.print(f"wrote {fmt} digest to {escape(str(output))}")
        else:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")

    @app.command("ui")
    def ui_cmd(
        ctx: typer.Context,
        port: int = typer.Option(8501, "--port", min=1, max=65535, help="Port on 127.0.0.1."),
        db: str | None = typer.Option(
            None, "--db", help="Store URL for the app (default: the global --db / THESISDESK_DB)."
        ),
    ) -> None:
        """Start the Streamlit app on 127.0.0.1 (digest, claims, flags, tickers, sources).

        Example: thesisdesk ui --port 8501 --db sqlite:///demo.db
        """
        try:
            import streamlit  # noqa: F401
        except ImportError:
            raise fail("streamlit is not installed in this environment") from None
        from store.db import resolve_url

        env = dict(os.environ)
        env["THESISDESK_DB"] = resolve_url(db or state(ctx).db_url)
        cmd = streamlit_command(port)
        err_console.print(f"thesisdesk ui on http://127.0.0.1:{port}  (Ctrl-C to stop)")
        sys.stderr.flush()
        if os.name == "posix":
            # Become Streamlit: SIGTERM / SIGINT reach it directly and no child is left
            # serving the port when this command is stopped.
            os.execve(cmd[0], cmd, env)
        try:
            code = subprocess.call(cmd, env=env)
        except KeyboardInterrupt:
            code = 0
        raise typer.Exit(code)
