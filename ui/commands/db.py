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

    @db_app.command("rebuild-summary")
    def rebuild_summary_cmd(
        ctx: typer.Context,
        check: bool = typer.Option(
            False, "--check", help="Only compare it with a recomputation; exit 1 if they differ."
        ),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Recompute the digest's per-day summary (subject_day) from the stored claims.

        Extraction and check keep it in step; this is for a store written by other means.

        Example: thesisdesk db rebuild-summary --check
        """
        from store import rollup

        engine = state(ctx).engine()
        if check:
            with engine.connect() as conn:
                diffs = rollup.differences(conn)
            if as_json:
                print_json({"differences": len(diffs), "first": [d[0] for d in diffs[:20]]})
            else:
                typer.echo(f"{len(diffs)} summary row(s) differ from a recomputation")
                for key, stored, fresh in diffs[:20]:
                    typer.echo(f"  {key}: stored {stored} fresh {fresh}")
            if diffs:
                raise typer.Exit(1)
            return
        rows = rollup.rebuild_engine(engine)
        if as_json:
            print_json({"rows": rows})
        else:
            typer.echo(f"summary rebuilt: {rows:,} row(s)")

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
