"""``thesisdesk db``: create or upgrade the store, and say where it is."""

from __future__ import annotations

import typer

from ui.common import JSON_OPTION, print_json, state


def register(app: typer.Typer) -> None:
    db_app = typer.Typer(help="The store: create, upgrade, locate.", no_args_is_help=True)

    @db_app.command("upgrade")
    def upgrade_cmd(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
        """Create the store or apply pending migrations.

        Example: thesisdesk --db sqlite:///demo.db db upgrade
        """
        engine = state(ctx).engine()
        url = engine.url.render_as_string(hide_password=True)
        if as_json:
            print_json({"url": url, "status": "ok"})
        else:
            typer.echo(f"store up to date: {url}")

    @db_app.command("where")
    def where_cmd(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
        """Print the store's URL (from --db, $THESISDESK_DB or the default file).

        Example: thesisdesk db where
        """
        from store.db import resolve_url

        url = resolve_url(state(ctx).db_url)
        if as_json:
            print_json({"url": url})
        else:
            typer.echo(url)

    app.add_typer(db_app, name="db")
