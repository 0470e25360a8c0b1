"""``thesisdesk instruments``: import the instrument lists, search and show instruments."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ui.common import JSON_OPTION, data_folder, fail, print_json, progress, state

console = Console()


def register(app: typer.Typer) -> None:
    inst_app = typer.Typer(
        help="Instruments: import the lists, search, show.", no_args_is_help=True
    )

    @inst_app.command("import")
    def import_cmd(
        ctx: typer.Context,
        directory: Path | None = typer.Argument(
            None, help="Folder of instrument lists (default: <THESISDESK_DATA>/instruments)."
        ),
        no_prior: bool = typer.Option(
            False, "--no-prior", help="Skip companies_prior.csv (delisted and renamed tickers)."
        ),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Import the instrument lists (SEC tickers, ETFs and indices, index memberships).

        Example: thesisdesk instruments import ../shared/data/instruments
        """
        from ingest.instruments import import_instruments
        from thesisdesk import settings

        found = data_folder(directory, settings.instruments_dir, "instrument", "instruments")

        def wrap(batches: Sequence[list]) -> Iterable[list]:
            return progress(batches, len(batches), "instruments import", enabled=not as_json)

        try:
            result = import_instruments(
                state(ctx).engine(), found, include_prior=not no_prior, iterate=wrap
            )
        except (OSError, ValueError, KeyError) as exc:
            raise fail(f"cannot import instruments from {found}: {exc}") from exc
        d = result.to_dict()
        if as_json:
            print_json(d)
        else:
            console.print(
                f"{d['rows']:,} instruments from {d['target']}: {d['new']:,} new, "
                f"{d['changed']:,} changed, {d['unchanged']:,} unchanged ({d['seconds']:.2f} s)"
            )

    @inst_app.command("search")
    def search_cmd(
        ctx: typer.Context,
        text: str = typer.Argument(..., help="Start of a symbol, a name or an alias."),
        limit: int = typer.Option(10, "--limit", "-n", min=1, max=500, help="Most results."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Find instruments whose symbol, name or alias starts with TEXT (symbols first).

        Example: thesisdesk instruments search "russell 2000" --limit 5
        """
        from store.instruments import search_instruments

        found = search_instruments(state(ctx).engine(), text, limit)
        if as_json:
            print_json([i.model_dump(mode="json") for i in found])
            return
        if not found:
            raise fail(f"no instrument starts with {text!r} (imported? `instruments import`)")
        table = Table()
        for col in ("symbol", "kind", "name", "exchange", "memberships", "active"):
            table.add_column(col)
        for i in found:
            table.add_row(
                i.symbol,
                i.kind,
                i.name,
                i.exchange or "",
                i.memberships,
                "yes" if i.active else "no",
            )
        console.print(table)

    @inst_app.command("show")
    def show_cmd(
        ctx: typer.Context,
        symbol: str = typer.Argument(..., help="Symbol (BRK.B, BRK/B and BRK-B all work)."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Show one instrument with its aliases, sector and memberships.

        Example: thesisdesk instruments show ^RUT
        """
        from store.instruments import get_instrument

        inst = get_instrument(state(ctx).engine(), symbol)
        if inst is None:
            raise fail(f"unknown symbol {symbol!r}")
        if as_json:
            print_json(inst.model_dump(mode="json"))
            return
        for key, value in inst.model_dump().items():
            console.print(f"[bold]{key}[/]: {value if value not in (None, '') else '-'}")

    app.add_typer(inst_app, name="instruments")
