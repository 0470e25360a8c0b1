"""``thesisdesk feeds``: add, list (with health), remove, OPML import/export, poll."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from ui.common import JSON_OPTION, fail, print_json, progress_bars, state
from ui.on_cluster import CLUSTER_OPTION, cluster_client


def _health(src: object) -> dict[str, Any]:
    keys = (
        "id",
        "url",
        "name",
        "kind",
        "active",
        "last_fetch_at",
        "last_ok_at",
        "last_status",
        "last_error",
        "consecutive_failures",
        "next_fetch_at",
        "entries_seen",
        "etag",
        "last_modified",
    )
    return {k: getattr(src, k) for k in keys}


def _print_summary(summary: object, as_json: bool) -> None:
    data = summary.as_dict()  # type: ignore[attr-defined]
    if as_json:
        print_json(data)
        return
    if data["kind"] == "feeds" and not data["feeds"]:
        typer.echo("no feeds due (see `thesisdesk feeds list`; --force polls them all now)")
        return
    typer.echo(
        f"{data['kind']} run {data['run_id']}: {data['status']} - seen {data['seen']}, "
        f"new {data['new']} (syndicated {data['syndicated']}, summary only "
        f"{data['summary_only']}), already had {data['duplicate']}, failed {data['failed']}"
        + (f", page fetched for {data['upgraded']} kept as summaries" if data["upgraded"] else "")
        + (
            f"; feeds {data['feeds']} (not modified {data['feeds_not_modified']}, "
            f"failed {data['feeds_failed']})"
            if data["kind"] == "feeds"
            else ""
        )
        + f" in {data['seconds']:.1f} s ({data['rate_per_s']}/s)"
    )
    for err in data["errors"][:20]:
        typer.echo(f"  {err['kind']}: {err['item']}: {err['error']}", err=True)


def register(app: typer.Typer) -> None:
    feeds_app = typer.Typer(help="RSS/Atom feeds: add, list, poll, OPML.", no_args_is_help=True)

    @feeds_app.command("add")
    def add_cmd(
        ctx: typer.Context,
        url: str = typer.Argument(..., help="Feed URL, file: URL or local path."),
        name: str | None = typer.Option(None, "--name", help="Display name."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Add a feed (a local path is stored as an absolute file: URL).

        Example: thesisdesk feeds add https://example.com/markets/rss.xml --name "Example"
        """
        from ingest.feeds import check_feed_url, is_local
        from ingest.http import UnsupportedURL
        from ingest.pages import file_url_path
        from store.sources import add_source

        try:
            norm = check_feed_url(url)
        except UnsupportedURL as exc:
            raise fail(str(exc)) from None
        if is_local(norm) and not file_url_path(norm).is_file():
            raise fail(f"no such feed file: {file_url_path(norm)}")
        src, created = add_source(state(ctx).engine(), norm, name=name, kind="feed")
        if as_json:
            print_json({"id": src.id, "url": src.url, "name": src.name, "created": created})
        else:
            typer.echo(f"{'added' if created else 'already there'}: [{src.id}] {src.url}")

    @feeds_app.command("list")
    def list_cmd(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
        """List feeds with their health: last fetch, status, error, failures, next fetch.

        Example: thesisdesk feeds list --json
        """
        from store.sources import list_sources

        rows = [_health(s) for s in list_sources(state(ctx).engine(), kind="feed")]
        if as_json:
            print_json(rows)
            return
        if not rows:
            typer.echo("no feeds (add one with: thesisdesk feeds add URL)")
            return
        from rich.console import Console
        from rich.markup import escape
        from rich.table import Table

        table = Table("id", "name / url", "last fetch", "status", "fails", "next fetch", "error")
        for r in rows:
            when = r["last_fetch_at"].strftime("%Y-%m-%d %H:%M") if r["last_fetch_at"] else "-"
            nxt = r["next_fetch_at"].strftime("%Y-%m-%d %H:%M") if r["next_fetch_at"] else "due"
            table.add_row(  # names, URLs and errors come from the network: escaped
                str(r["id"]),
                escape(f"{r['name'] or ''}\n{r['url']}"),
                when,
                str(r["last_status"] or "-"),
                str(r["consecutive_failures"]),
                nxt,
                escape(str(r["last_error"] or "")),
            )
        Console().print(table)

    @feeds_app.command("remove")
    def remove_cmd(
        ctx: typer.Context,
        url_or_id: str = typer.Argument(..., help="Feed id or URL."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Remove a feed; its articles stay in the store.

        Example: thesisdesk feeds remove 3
        """
        from ingest.feeds import normalise_feed_url
        from store.sources import find_source, remove_source

        engine = state(ctx).engine()
        src = find_source(engine, url_or_id) or find_source(engine, normalise_feed_url(url_or_id))
        if src is None or src.id is None:
            raise fail(f"no feed {url_or_id!r} (see: thesisdesk feeds list)")
        detached = remove_source(engine, src.id)
        if as_json:
            print_json({"removed": src.id, "url": src.url, "articles_kept": detached})
        else:
            typer.echo(f"removed [{src.id}] {src.url} ({detached} articles kept)")

    @feeds_app.command("import-opml")
    def import_cmd(
        ctx: typer.Context,
        file: Path | None = typer.Argument(
            None, exists=True, dir_okay=False, help="OPML file (or --starter)."
        ),
        starter: bool = typer.Option(
            False,
            "--starter",
            help="Import the starter list shipped with thesisdesk: public feeds of market "
            "and small-cap commentary (ingest/starter.opml, one-line description each).",
        ),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Add every feed listed in an OPML file (nested folders included).

        Example: thesisdesk feeds import-opml subscriptions.opml
        Example: thesisdesk feeds import-opml --starter
        """
        from ingest.http import FetchError
        from ingest.opml import STARTER_OPML, import_opml

        if starter == (file is not None):
            raise fail("give an OPML FILE or --starter (one of the two)")
        file = STARTER_OPML if starter else file
        assert file is not None
        try:
            out = import_opml(state(ctx).engine(), file)
        except FetchError as exc:
            raise fail(f"{file}: {exc}") from exc
        if as_json:
            print_json(out)
        else:
            typer.echo(f"added {len(out['added'])} feeds, {len(out['existing'])} already there")
            for refused in out["refused"]:
                typer.echo(f"  refused (not http(s) or a local file): {refused!r}", err=True)

    @feeds_app.command("export-opml")
    def export_cmd(
        ctx: typer.Context,
        output: Path | None = typer.Option(None, "--output", "-o", help="File to write."),
    ) -> None:
        """Write the feed list as OPML 2.0 (stdout unless --output).

        Example: thesisdesk feeds export-opml --output feeds.opml
        """
        from ingest.opml import export_opml

        text = export_opml(state(ctx).engine())
        if output is None:
            typer.echo(text, nl=False)
        else:
            output.write_text(text, encoding="utf-8")
            typer.echo(f"wrote {output}", err=True)

    @feeds_app.command("poll")
    def poll_cmd(
        ctx: typer.Context,
        force: bool = typer.Option(False, "--force", help="Poll even feeds not yet due."),
        cluster: str | None = CLUSTER_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Fetch due feeds and their new articles; prints the run summary.

        With --cluster the pages' text is extracted on the cluster's workers (fetching and
        saving stay here).

        Example: thesisdesk feeds poll --json
        """
        from ingest.pipeline import poll_feeds

        engine = state(ctx).engine()
        with cluster_client(cluster) as client, progress_bars(not as_json) as bar:
            executor = client.get_executor(pure=False) if client is not None else None
            summary = poll_feeds(engine, force=force, progress=bar, executor=executor)
        _print_summary(summary, as_json)

    app.add_typer(feeds_app, name="feeds")
