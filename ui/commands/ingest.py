"""``thesisdesk ingest``: local article files and folders into the store."""

from __future__ import annotations

from pathlib import Path

import typer

from ui.common import JSON_OPTION, progress_bars, state


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest_cmd(
        ctx: typer.Context,
        paths: list[Path] = typer.Argument(..., help=".txt/.md/.html files or folders."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Ingest article files; metadata from YAML front matter or a folder's index.jsonl.

        Re-running adds nothing; unreadable or binary files are reported and skipped.

        Example: thesisdesk ingest ../shared/seeds --json
        """
        from ingest.pipeline import ingest_paths
        from ui.commands.feeds import _print_summary

        with progress_bars(not as_json) as bar:
            summary = ingest_paths(state(ctx).engine(), paths, progress=bar)
        _print_summary(summary, as_json)
        if summary.status == "failed":
            raise typer.Exit(1)
