"""``thesisdesk watch add|list|remove``: the watchlist and its per-ticker feeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import typer

from ui.common import JSON_OPTION, fail, print_json, print_table, state, warn

SETTINGS_OPTION = typer.Option(
    None, "--settings", help="Settings file (default: $THESISDESK_SETTINGS or the user one)."
)


def load_config(path: Path | None):
    """The ops settings, or a one-line error naming the bad key."""
    from ops.config import ConfigError, load

    try:
        return load(path)
    except ConfigError as exc:
        raise fail(str(exc)) from None


def register(app: typer.Typer) -> None:
    watch_app = typer.Typer(
        help="The watchlist: symbols whose feeds are polled and whose changes alert you.",
        no_args_is_help=True,
    )

    @watch_app.command("add")
    def add_cmd(
        ctx: typer.Context,
        symbols: list[str] = typer.Argument(..., help="Tickers: IWM, TNA, ^RUT ..."),
        note: str | None = typer.Option(None, "--note", help="Why you watch it (shown in list)."),
        settings_file: Path | None = SETTINGS_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Watch tickers: subscribe their per-symbol headline feeds (sites listed in
        ingest/ticker_feeds.toml, or your own file via \\[watch] ticker_feeds) and alert on
        what changes from now on (what the store already says is the baseline).

        Example: thesisdesk watch add IWM ^RUT --note "small-cap beta"
        """
        from ingest.watch import TemplateError, watch_symbol
        from ops.alerts import initial_state
        from store.alerts import record_alerts

        cfg = load_config(settings_file)
        engine = state(ctx).engine()
        out = []
        for symbol in symbols:
            try:
                res = watch_symbol(engine, symbol, templates=cfg.ticker_feeds, note=note)
            except (TemplateError, ValueError) as exc:
                raise fail(str(exc)) from None
            if res.created:
                base = initial_state(engine, res.symbol, cfg.alerts, dt.date.today())
                record_alerts(engine, [], [], {res.symbol: base})
            out.append(res.as_dict())
            if not as_json:
                verb = "watching" if res.created else "already watching"
                typer.echo(
                    f"{verb} {res.symbol}: {len(res.feeds_added)} feeds added, "
                    f"{len(res.feeds_existing)} already there"
                )
                if not res.known_instrument:
                    warn(
                        f"{res.symbol} is not in the instrument table: claims about it are "
                        "linked only once `thesisdesk instruments import` knows it"
                    )
        if as_json:
            print_json(out)

    @watch_app.command("list")
    def list_cmd(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
        """The watched symbols with their feeds and article counts.

        Example: thesisdesk watch list --json
        """
        from store import watch as q
        from store.market import last_dates

        engine = state(ctx).engine()
        counts = q.article_counts(engine)
        last = last_dates(engine)
        rows: list[dict[str, Any]] = []
        for w in q.list_watches(engine):
            feeds = [
                {
                    "id": src.id,
                    "site": ws.site,
                    "url": src.url,
                    "status": src.last_status,
                    "error": src.last_error,
                }
                for ws, src in q.watch_sources(engine, w.symbol)
            ]
            rows.append(
                {
                    "symbol": w.symbol,
                    "note": w.note,
                    "added_at": w.added_at,
                    "feeds": feeds,
                    "articles": counts.get(w.symbol, 0),
                    "last_bar": last.get(w.symbol),
                    "baseline": q.load_state(w),
                }
            )
        if as_json:
            print_json(rows)
            return
        if not rows:
            typer.echo("nothing watched (add one with: thesisdesk watch add IWM)")
            return
        print_table(
            ["symbol", "feeds", "articles", "last bar", "note"],
            [
                [
                    r["symbol"],
                    ", ".join(f["site"] for f in r["feeds"]) or "-",
                    str(r["articles"]),
                    str(r["last_bar"] or "-"),
                    r["note"] or "",
                ]
                for r in rows
            ],
        )

    @watch_app.command("remove")
    def remove_cmd(
        ctx: typer.Context,
        symbols: list[str] = typer.Argument(..., help="Tickers to stop watching."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Stop watching tickers and drop the feeds subscribed only for them (their articles
        and past alerts stay).

        Example: thesisdesk watch remove IWM
        """
        from store.watch import remove_watch

        engine = state(ctx).engine()
        out = []
        missing = []
        for symbol in symbols:
            res = remove_watch(engine, symbol)
            if res is None:
                missing.append(symbol)
                continue
            out.append(res)
            if not as_json:
                typer.echo(
                    f"removed {res['symbol']}: {res['feeds_removed']} feeds dropped, "
                    f"{res['articles_kept']} articles kept"
                )
        if as_json:
            print_json({"removed": out, "not_watched": missing})
        if missing:
            raise fail(f"not watched: {', '.join(missing)} (see: thesisdesk watch list)")

    app.add_typer(watch_app, name="watch")
