"""``thesisdesk demo run``: the whole job on the bundled demo, one stage after another.

instruments + market data (from the shared data directory) -> the demo feed -> claims ->
stances -> verdicts -> the digest of the demo's busiest day. Every stage is idempotent, so
running it twice adds nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

import typer

from thesisdesk.progress import ProgressHook
from ui.common import JSON_OPTION, err_console, fail, print_json, progress_bars, state


def _stage(
    name: str,
    steps: list[dict[str, Any]],
    quiet: bool,
    fn: Callable[[ProgressHook | None], Any],
) -> Any:
    """Run one stage (given a progress callback unless ``quiet``) and note what it did."""
    t0 = time.perf_counter()
    if not quiet:
        err_console.print(f"[bold cyan]▶ {name}[/]")
    with progress_bars(not quiet) as bar:
        result = fn(bar)
    info = result.to_dict() if hasattr(result, "to_dict") else result
    info = info.as_dict() if hasattr(info, "as_dict") else info
    if hasattr(info, "__dataclass_fields__"):
        from dataclasses import asdict

        info = asdict(info)
    steps.append({"stage": name, "seconds": round(time.perf_counter() - t0, 2), "result": info})
    return result


def register(app: typer.Typer) -> None:
    demo_app = typer.Typer(help="The bundled demo: run the whole pipeline on it.")

    @demo_app.command("run")
    def run_cmd(
        ctx: typer.Context,
        data: str | None = typer.Option(
            None,
            "--data",
            help="Shared data directory (default: $THESISDESK_DATA, else ../shared/data).",
        ),
        digest_format: str = typer.Option("text", "--format", help="Digest format: text|md|json."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Import instruments and market data, ingest the demo feed, extract claims, score
        stances, cross-check, and print the digest of the demo's busiest day.

        Example: thesisdesk --db sqlite:///demo.db demo run
        """
        from thesisdesk import settings

        engine = state(ctx).engine()
        quiet = as_json
        steps: list[dict[str, Any]] = []
        inst_dir = settings.instruments_dir(data)
        mkt_dir = settings.market_dir(data)
        if inst_dir is None or mkt_dir is None:
            raise fail(
                "shared data directory not found: pass --data DIR or set THESISDESK_DATA "
                "(it holds market/ and instruments/)"
            )
        feed = settings.DEMO_DIR / "site" / "feed.xml"
        if not feed.exists():
            raise fail(f"demo feed missing: {feed}")

        from ingest.feeds import normalise_feed_url
        from ingest.instruments import import_instruments
        from ingest.market.sync import import_directory
        from ingest.pipeline import poll_feeds
        from store.sources import add_source

        _stage("instruments", steps, quiet, lambda _: import_instruments(engine, inst_dir))
        _stage("market data", steps, quiet, lambda _: import_directory(engine, mkt_dir))
        src, _created = add_source(
            engine, normalise_feed_url(str(feed)), name="thesisdesk demo feed", kind="feed"
        )
        src_id = src.id
        assert src_id is not None  # add_source returns the stored row
        _stage(
            "demo feed",
            steps,
            quiet,
            lambda bar: poll_feeds(engine, force=True, source_ids=[src_id], progress=bar),
        )

        from nlp.store_pipeline import extract_stored

        _stage("claims", steps, quiet, lambda bar: extract_stored(engine, progress=bar))

        from crosscheck.run import check_stored

        _stage("verdicts", steps, quiet, lambda _: check_stored(engine))

        from digest import build_digest, render
        from store.digest_queries import busiest_article_day

        day = busiest_article_day(engine) or dt.date.today()
        digest = build_digest(engine, day)
        if as_json:
            print_json({"steps": steps, "digest_date": day.isoformat()})
            return
        for step in steps:
            err_console.print(f"[green]✓[/] {step['stage']} ({step['seconds']} s)")
        typer.echo(render(digest, digest_format))

    app.add_typer(demo_app, name="demo")
