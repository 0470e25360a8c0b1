"""``thesisdesk demo run``: the whole job on the bundled demo, one stage after another.

instruments + market data (from the shared data directory) -> the demo feed -> claims ->
stances -> verdicts -> the digest of the demo's busiest day. Every stage is idempotent,
so running it twice adds nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

import typer

from ui.common import JSON_OPTION, err_console, fail, print_json, state


def _stage(name: str, steps: list[dict[str, Any]], quiet: bool, fn: Callable[[], Any]) -> Any:
    t0 = time.perf_counter()
    if not quiet:
        err_console.print(f"[bold cyan]▶ {name}[/]")
    result = fn()
    info = result.to_dict() if hasattr(result, "to_dict") else result
    info = info.as_dict() if hasattr(info, "as_dict") else info
    if hasattr(info, "__dataclass_fields__"):
        from dataclasses import asdict

        info = asdict(info)
    steps.append({"stage": name, "seconds": round(time.perf_counter() - t0, 2), "result": info})
    return result


def _busiest_day(engine: Any) -> dt.date | None:
    """The day with the most articles: the demo's richest digest."""
    from sqlalchemy import func
    from sqlmodel import Session, select

    from store.models import Article

    with Session(engine) as s:
        row = s.exec(
            select(Article.published, func.count())
            .where(Article.published.is_not(None))  # type: ignore[union-attr]
            .group_by(Article.published)
            .order_by(func.count().desc(), Article.published.desc())  # type: ignore[union-attr]
        ).first()
    return row[0] if row else None


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
        from ingest.market.sync import import_directory
        from ingest.pipeline import poll_feeds
        from store.instruments import import_instruments
        from store.sources import add_source

        _stage("instruments", steps, quiet, lambda: import_instruments(engine, inst_dir))
        _stage("market data", steps, quiet, lambda: import_directory(engine, mkt_dir))
        src, _created = add_source(
            engine, normalise_feed_url(str(feed)), name="thesisdesk demo feed", kind="feed"
        )
        _stage(
            "demo feed",
            steps,
            quiet,
            lambda: poll_feeds(engine, force=True, source_ids=[src.id], progress=not quiet),
        )

        from nlp.store_pipeline import extract_stored

        _stage("claims", steps, quiet, lambda: extract_stored(engine, progress=not quiet))

        from crosscheck.run import check_stored

        _stage("verdicts", steps, quiet, lambda: check_stored(engine))

        from digest import build_digest, render

        day = _busiest_day(engine) or dt.date.today()
        digest = build_digest(engine, day)
        if as_json:
            print_json({"steps": steps, "digest_date": day.isoformat()})
            return
        for step in steps:
            err_console.print(f"[green]✓[/] {step['stage']} ({step['seconds']} s)")
        typer.echo(render(digest, digest_format))

    app.add_typer(demo_app, name="demo")
