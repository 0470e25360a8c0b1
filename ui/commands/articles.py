"""``thesisdesk articles``: list and show stored articles."""

from __future__ import annotations

import typer

from ui.common import JSON_OPTION, fail, option_date, print_json, state


def register(app: typer.Typer) -> None:
    articles_app = typer.Typer(help="Stored articles: list, show.", no_args_is_help=True)

    @articles_app.command("list")
    def list_cmd(
        ctx: typer.Context,
        since: str | None = typer.Option(None, "--since", help="Published on or after (date)."),
        limit: int = typer.Option(50, "--limit", min=1, help="At most this many."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """List articles, newest first (syndicated copies point at their first copy).

        Example: thesisdesk articles list --since 2025-09-01 --limit 20
        """
        from store.articles import list_articles

        rows = list_articles(state(ctx).engine(), since=option_date(since, "--since"), limit=limit)
        if as_json:
            print_json(rows)
            return
        if not rows:
            typer.echo("no articles")
            return
        from ui.common import print_table

        table = []
        for r in rows:
            notes = []
            if r["duplicate_of_id"]:
                notes.append(f"copy of {r['duplicate_of_id']}")
            if r["summary_only"]:
                notes.append("summary only")
            table.append(
                [
                    str(r["id"]),
                    str(r["published"] or "undated"),
                    str(r["source"] or "—"),
                    str(r["title"] or r["canonical_url"] or r["url"] or "(untitled)"),
                    ", ".join(notes),
                ]
            )
        print_table(
            ["id", "published", "source", "title", "note"],
            table,
            widths=[(3, 7), (10, 10), (8, 18), None, (4, 12)],
        )

    @articles_app.command("show")
    def show_cmd(
        ctx: typer.Context,
        article_id: int = typer.Argument(..., help="Article id."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Show one article: identity fields and its text.

        Example: thesisdesk articles show 12 --json
        """
        from store.articles import get_article

        art = get_article(state(ctx).engine(), article_id)
        if art is None:
            raise fail(f"no article {article_id}")
        if as_json:
            print_json(art)
            return
        for key in (
            "id",
            "title",
            "author",
            "published",
            "url",
            "canonical_url",
            "source",
            "word_count",
            "duplicate_of_id",
            "summary_only",
            "origin",
            "content_hash",
        ):
            typer.echo(f"{key:>16}: {art.get(key)}")
        typer.echo("")
        typer.echo(str(art["text"]))

    app.add_typer(articles_app, name="articles")
