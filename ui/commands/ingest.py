"""``thesisdesk ingest``: local article files and folders into the store."""

from __future__ import annotations

from pathlib import Path

import typer

from ui.common import JSON_OPTION, progress_bars, state
from ui.on_cluster import CLUSTER_OPTION, cluster_client


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest_cmd(
        ctx: typer.Context,
        paths: list[Path] = typer.Argument(..., help=".txt/.md/.html files or folders."),
        cluster: str | None = CLUSTER_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Ingest article files; metadata from YAML front matter or a folder's index.jsonl.

        Re-running adds nothing; unreadable or binary files are reported and skipped. With
        --cluster the files are read on the cluster's workers (they must see the same paths).

        Example: thesisdesk ingest ../shared/seeds --json
        """
        from ingest.pipeline import ingest_paths
        from ui.commands.feeds import _print_summary

        engine = state(ctx).engine()
        with cluster_client(cluster) as client, progress_bars(not as_json) as bar:
            executor = client.get_executor(pure=False) if client is not None else None
            summary = ingest_paths(engine, paths, progress=bar, executor=executor)
        _print_summary(summary, as_json)
        if summary.status == "failed":
            raise typer.Exit(1)
