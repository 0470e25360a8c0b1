"""``thesisdesk market``: import the offline CSV snapshot, update live, show coverage."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.table import Table

from ui.common import JSON_OPTION, data_folder, fail, print_json, progress, state

if TYPE_CHECKING:
    from ingest.market.sync import SyncResult

console = Console()


def _iterate(description: str, enabled: bool) -> Callable[[Sequence[Any]], Iterable[Any]]:
    """A progress bar over the items of an import (on stderr, so --json stays clean)."""

    def wrap(items: Sequence[Any]) -> Iterable[Any]:
        return progress(items, len(items), description, enabled=enabled)

    return wrap


def _show_result(result: SyncResult, as_json: bool) -> None:
    """Print an import/update result; exit 1 when any item failed."""
    if as_json:
        print_json(result.to_dict())
    else:
        table = Table(title=f"{result.target} ({result.status}, run {result.run_id})")
        for col in ("item", "kind", "rows", "new", "changed", "unchanged", "first", "last"):
            table.add_column(
                col, justify="right" if col in {"rows", "new", "changed", "unchanged"} else "left"
            )
        for i in result.items:
            table.add_row(
                f"{i.provider} {i.symbol}",
                i.kind,
                f"{i.rows:,}",
                f"{i.new:,}",
                f"{i.changed:,}",
                f"{i.unchanged:,}",
                str(i.first or ""),
                str(i.last or "") if not i.error else "[red]failed[/]",
            )
        console.print(table)
        for i in result.failed:
            console.print(f"[red]failed[/] {i.error}", soft_wrap=True)
        d = result.to_dict()
        console.print(
            f"{d['rows']:,} rows: {d['new']:,} new, {d['changed']:,} changed, "
            f"{d['unchanged']:,} unchanged, {d['failed']} failed items, {d['seconds']:.2f} s"
        )
    if result.failed:
        first = result.failed[0].error
        raise fail(f"{len(result.failed)} of {len(result.items)} items failed (first: {first})")


def register(app: typer.Typer) -> None:
    market_app = typer.Typer(
        help="Market prices and rates: import, update, status.", no_args_is_help=True
    )

    @market_app.command("import")
    def import_cmd(
        ctx: typer.Context,
        directory: Path | None = typer.Argument(
            None, help="Folder of per-symbol CSV files (default: <THESISDESK_DATA>/market)."
        ),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Import a folder of price and rate CSV files into the store (re-import is a no-op).

        Example: thesisdesk market import ../shared/data/market
        """
        from ingest.market import ProviderError
        from ingest.market.sync import import_directory
        from thesisdesk import settings

        found = data_folder(directory, settings.market_dir, "market data", "market")
        engine = state(ctx).engine()
        try:
            result = import_directory(
                engine, found, iterate=_iterate("market import", enabled=not as_json)
            )
        except ProviderError as exc:
            raise fail(str(exc)) from exc
        _show_result(result, as_json)

    @market_app.command("update")
    def update_cmd(
        ctx: typer.Context,
        symbols: list[str] | None = typer.Option(
            None,
            "--symbol",
            "-s",
            help="Symbol or FRED id to update (repeatable; default: "
            "every stored symbol plus DFEDTARU, DFEDTARL, DFF).",
        ),
        provider: str | None = typer.Option(
            None,
            "--provider",
            "-p",
            help="Only this provider: stooq, yahoo or alphavantage (prices); fred or nyfed "
            "(rates). alphavantage reads its key from ALPHAVANTAGE_API_KEY.",
        ),
        since: str | None = typer.Option(
            None,
            "--since",
            help="First date to fetch, YYYY-MM-DD (default: a week before "
            "the last stored date of each symbol).",
        ),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Fetch fresh daily bars (Stooq) and rates (FRED) over HTTP into the store (or from
        the --provider named; `thesisdesk run` asks them all, in order, with fallback).

        A symbol that fails (no network, HTTP error, unknown at the source) is reported
        and the others go on; the exit status is 1 when any failed.

        Example: thesisdesk market update --symbol IWM --symbol ^RUT --since 2025-01-01
        """
        from ingest.market import ProviderError
        from ingest.market.fallback import PRICE_PROVIDERS, RATE_PROVIDERS
        from ingest.market.sync import update_live

        known = sorted({*PRICE_PROVIDERS, *RATE_PROVIDERS})
        if provider is not None and provider not in known:
            raise fail(f"unknown provider {provider!r}: use stooq or fred (or {', '.join(known)})")
        start: dt.date | None = None
        if since:
            try:
                start = dt.date.fromisoformat(since)
            except ValueError as exc:
                raise fail(f"--since wants a date as YYYY-MM-DD, not {since!r}") from exc
        engine = state(ctx).engine()
        try:
            result = update_live(
                engine,
                symbols=symbols or (),
                provider=provider,
                since=start,
                iterate=_iterate("market update", enabled=not as_json),
            )
        except ProviderError as exc:  # a provider that cannot start (its key is missing)
            raise fail(str(exc)) from None
        if not result.items:
            raise fail("nothing to update: import market data first or pass --symbol")
        _show_result(result, as_json)

    @market_app.command("status")
    def status_cmd(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
        """Show what the store holds per symbol and series, and the latest market runs.

        Example: thesisdesk market status --json
        """
        from store.market import coverage
        from store.runs import recent_runs

        engine = state(ctx).engine()
        rows = coverage(engine)
        runs = recent_runs(engine, "market", limit=5)
        if as_json:
            print_json(
                {
                    "series": [r.to_dict() for r in rows],
                    "runs": [
                        {**r.model_dump(exclude={"errors"}), "errors": json.loads(r.errors or "[]")}
                        for r in runs
                    ],
                }
            )
            return
        if not rows:
            console.print("no market data stored yet: run `thesisdesk market import`")
        else:
            table = Table(title="market data in the store")
            for col in ("symbol", "kind", "first", "last", "rows", "last value", "providers"):
                table.add_column(col, justify="right" if col in {"rows", "last value"} else "left")
            for r in rows:
                table.add_row(
                    r.symbol,
                    r.kind,
                    str(r.first),
                    str(r.last),
                    f"{r.rows:,}",
                    "" if r.last_value is None else f"{r.last_value:,.2f}",
                    ",".join(r.providers),
                )
            console.print(table)
        for run in runs:
            console.print(
                f"run {run.id} {run.started_at:%Y-%m-%d %H:%M} {run.target}: {run.status}, "
                f"{run.items_seen:,} rows, {run.items_new:,} written, {run.items_failed} failed"
            )

    app.add_typer(market_app, name="market")
