"""``thesisdesk alerts``: the alerts found on watched symbols and how their delivery went."""

from __future__ import annotations

import typer

from ui.common import JSON_OPTION, print_json, print_table, state


def register(app: typer.Typer) -> None:
    @app.command("alerts")
    def alerts_cmd(
        ctx: typer.Context,
        ticker: str | None = typer.Option(None, "--ticker", help="Only this symbol."),
        limit: int = typer.Option(50, "--limit", min=1, help="Newest N alerts."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """List alerts, newest first, with each channel's delivery status.

        Example: thesisdesk alerts --ticker IWM --json
        """
        from store.alerts import list_alerts

        rows = list_alerts(state(ctx).engine(), limit=limit, subject=ticker)
        if as_json:
            print_json(rows)
            return
        if not rows:
            typer.echo("no alerts yet (watch a ticker: thesisdesk watch add IWM; then run)")
            return
        print_table(
            ["when", "rule", "alert", "delivery"],
            [
                [
                    f"{r['created_at']:%Y-%m-%d %H:%M}",
                    r["rule"],
                    r["title"],
                    ", ".join(
                        f"{d['channel']} {d['status']}" + (f" ({d['error']})" if d["error"] else "")
                        for d in r["deliveries"]
                    )
                    or "-",
                ]
                for r in rows
            ],
            widths=[(16, 16), (8, 11), None, (10, 40)],
        )
