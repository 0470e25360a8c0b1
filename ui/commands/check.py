"""``thesisdesk check`` / ``flags`` / ``targets``: claims against market data, flagged articles.

A thin layer over ``crosscheck`` (files, store, flags) and ``store.verdicts``.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import typer

from ui.common import (
    JSON_OPTION,
    err_console,
    fail,
    option_date,
    print_json,
    print_jsonl,
    progress,
    progress_bars,
    warn,
)
from ui.common import state as get_state
from ui.on_cluster import CLUSTER_OPTION, cluster_client


def _directory_market(market_dir: str | None):
    from crosscheck import MarketData
    from thesisdesk.settings import market_dir as find_market_dir

    if market_dir and not Path(market_dir).expanduser().is_dir():
        raise fail(f"--market-dir {market_dir!r} is not a folder")
    found = find_market_dir(market_dir)
    if found is None:
        where = market_dir or "$THESISDESK_DATA/market or ../shared/data/market"
        raise fail(f"market data directory not found ({where}); pass --market-dir DIR")
    return MarketData.from_directory(found)


def _short(row: dict) -> str:
    v = row["verdict"]
    stated = row.get("value")
    if stated is None and row.get("low") is not None:
        stated = f"{row['low']}–{row['high']}"
    actual = "" if v.get("actual") is None else f" actual {v['actual']:.4g}"
    return (
        f"{v['verdict']:<12} {row['kind']:<16} {row['subject']:<10} "
        f"{row.get('comparator', '')} {stated} {row['unit']}{actual}\n    {v['reason']}"
    )


def register(app: typer.Typer) -> None:
    @app.command("check")
    def check_cmd(
        ctx: typer.Context,
        files: list[Path] = typer.Argument(
            None, help="Article text files, or .jsonl files of claims already extracted."
        ),
        published: str | None = typer.Option(
            None, "--published", help="Publication date for the files (YYYY-MM-DD)."
        ),
        manifest: Path | None = typer.Option(
            None, "--manifest", help='JSONL of {"article": name, "published": date} per file.'
        ),
        market_dir: str | None = typer.Option(
            None, "--market-dir", help="Market CSV directory (default: the shared data)."
        ),
        check_all: bool = typer.Option(False, "--all", help="Check the store's claims."),
        recheck: bool = typer.Option(False, "--recheck", help="With --all: re-check every claim."),
        no_model: bool = typer.Option(
            False, "--no-model", help="Text files: keep the extractor's rule stances."
        ),
        cluster: str | None = CLUSTER_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Check claims against market data: files without a database, or --all in the store.

        Files: one JSON object per claim (the extract output plus a `verdict` object).
        --all: verdicts for stored claims, re-checked when market data or the checker changed
        (with --cluster: on the cluster's workers).
        Claims read from text files get their stances from the sentiment model (--no-model:
        the extractor's rules).

        Example: thesisdesk check article.txt --published 2025-12-18 --json
        """
        if check_all:
            _check_store(ctx, recheck, market_dir, as_json, cluster)
            return
        if not files:
            raise fail("give article files (or .jsonl claims), or --all for the store")
        from ingest.manifest import ManifestError, read_manifest

        day = option_date(published, "--published")
        try:
            man = read_manifest(manifest) if manifest else None
        except ManifestError as exc:
            raise fail(str(exc)) from exc
        for f in files:
            if not f.is_file():
                raise fail(f"not a file: {f}" + ("" if f.exists() else " (it does not exist)"))
        market = _directory_market(market_dir)
        errors = 0
        counts: dict[str, int] = {}
        from crosscheck.files import check_files

        rows = check_files(
            list(files), market, published=day, manifest=man, use_model=not no_model, warn=warn
        )
        for row in rows:
            if "error" in row:
                errors += 1
                warn(row["error"], "error")
                continue
            label = row["verdict"]["verdict"]
            counts[label] = counts.get(label, 0) + 1
            if as_json:
                print_jsonl([row])
            else:
                typer.echo(_short(row))
        if not as_json:
            summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "no claims"
            typer.echo(summary)
        if errors:
            raise typer.Exit(1)

    flags_app = typer.Typer(
        no_args_is_help=False,
        invoke_without_command=True,
    )
    app.add_typer(flags_app, name="flags")

    @flags_app.callback()
    def flags_cmd(
        ctx: typer.Context,
        since: str | None = typer.Option(None, "--since", help="Published on or after (date)."),
        ticker: str | None = typer.Option(None, "--ticker", help="Only claims about this symbol."),
        confidence: str | None = typer.Option(
            None, "--confidence", help="Only flags at least this sure: high, medium or low."
        ),
        dismissed: bool = typer.Option(
            False, "--dismissed", help="Also show flags a reader marked 'not an error'."
        ),
        export_review: Path | None = typer.Option(
            None, "--export-review", help="Write every marked flag to this JSONL file."
        ),
        as_json: bool = JSON_OPTION,
        as_csv: bool = typer.Option(False, "--csv", help="Print CSV, one flag a row."),
    ) -> None:
        """Articles with a claim the market data contradicts, most contradicted claims first.

        Each flag shows its confidence (high/medium/low) and its claim id, which
        `thesisdesk flags mark ID --not-error` or `--confirmed` takes.

        Example: thesisdesk flags --since 2025-09-01 --ticker IWM --confidence high
        """
        if ctx.invoked_subcommand is not None:
            return
        from crosscheck.flags import flagged_articles
        from store.claims import known_subjects
        from store.verdicts import CONFIDENCE_LEVELS, review_export

        engine = get_state(ctx).engine()
        if export_review is not None:
            marked = review_export(engine)
            with export_review.open("w", encoding="utf-8") as fh:
                for row in marked:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            err_console.print(f"{len(marked)} marked flag(s) written to {export_review}")
            return
        if confidence is not None and confidence not in CONFIDENCE_LEVELS:
            raise fail(f"--confidence is one of {', '.join(CONFIDENCE_LEVELS)}")
        if ticker and not known_subjects(engine, ticker):
            raise fail(
                f"unknown ticker or name {ticker!r}: no instrument and no claim matches it "
                "(see `thesisdesk instruments search`)"
            )
        rows = flagged_articles(
            engine,
            since=option_date(since, "--since"),
            ticker=ticker,
            confidence=confidence,
            include_dismissed=dismissed,
        )
        if as_json:
            print_json([r.model_dump(mode="json") for r in rows])
            return
        if as_csv:
            from ui.exports import flags_csv

            pairs = [(a, c) for r in rows for a in [r.model_dump()] for c in a["claims"]]
            typer.echo(flags_csv(pairs), nl=False)
            return
        if not rows:
            typer.echo("no flagged articles")
            return
        _flags_table(rows)

    @flags_app.command("mark")
    def mark_cmd(
        ctx: typer.Context,
        claim_id: int = typer.Argument(..., help="The flagged claim's id (shown by `flags`)."),
        not_error: bool = typer.Option(
            False, "--not-error", help="The author is right: dismiss the flag."
        ),
        confirmed: bool = typer.Option(False, "--confirmed", help="The number is wrong."),
        clear: bool = typer.Option(False, "--clear", help="Remove the mark."),
        reason: str | None = typer.Option(None, "--reason", help="Why (optional)."),
    ) -> None:
        """Mark a flag 'not an error' (hidden from then on) or 'confirmed'; marks survive re-checks.

        Example: thesisdesk flags mark 157 --not-error --reason "the close before the start day"
        """
        from store.verdicts import ReviewError, mark_flag, unmark_flag

        if not_error + confirmed + clear != 1:
            raise fail("give exactly one of --not-error, --confirmed, --clear")
        engine = get_state(ctx).engine()
        if clear:
            done = unmark_flag(engine, claim_id)
            typer.echo(f"claim {claim_id}: mark removed" if done else f"claim {claim_id}: no mark")
            return
        try:
            row = mark_flag(engine, claim_id, "not_error" if not_error else "confirmed", reason)
        except ReviewError as exc:
            raise fail(str(exc)) from exc
        typer.echo(f"claim {claim_id}: marked {row.mark.replace('_', ' ')}")

    @app.command("targets")
    def targets_cmd(ctx: typer.Context, as_json: bool = JSON_OPTION) -> None:
        """Each source's price-target track record (hit / resolved, average error).

        Example: thesisdesk targets --json
        """
        from store.verdicts import track_record

        rows = track_record(get_state(ctx).engine())
        if as_json:
            print_json([r.as_dict() for r in rows])
            return
        if not rows:
            typer.echo("no price targets checked yet (run `thesisdesk check --all`)")
        for r in rows:
            rate = "-" if r.hit_rate is None else f"{r.hit_rate:.0%}"
            err = "-" if r.avg_error_pct is None else f"{r.avg_error_pct:.1f}%"
            typer.echo(
                f"{r.source:<30.30} hit {r.hits}/{r.resolved} ({rate})  pending {r.pending}  "
                f"avg error {err}"
            )


def _flags_table(rows: list) -> None:
    """One row per flag (the claim's id is what `flags mark` takes), then the checker's words
    per claim; a header row, and cells that wrap instead of being cut at 80 columns."""
    from digest.export import fmt_num
    from ui.common import print_table

    def figure(c: object) -> str:
        g = lambda n: getattr(c, n)  # noqa: E731
        if g("value") is not None:
            return fmt_num(g("value"), g("unit"))
        return f"{fmt_num(g('low'), g('unit'))} – {fmt_num(g('high'), g('unit'))}"

    table = []
    for r in rows:
        copy = f" (copy of {r.shared_from})" if r.shared_from else ""
        for c in r.claims:
            mark = f" [{c.review.replace('_', ' ')}]" if c.review else ""
            table.append(
                [
                    f"#{c.claim_id}",
                    f"{r.published or 'undated'}\n{r.source or '—'}",
                    f"{c.confidence or '?'}{mark}\n{c.severity or 0.0:.1f}",
                    f"{c.subject}\n{figure(c)} vs {fmt_num(c.actual, c.unit)}",
                    f"{r.title or r.url or '(untitled)'}{copy}",
                ]
            )
    print_table(
        ["claim", "date / source", "confidence / severity", "claimed vs data", "article"],
        table,
        widths=[(4, 7), (10, 16), (10, 12), (12, 18), None],
    )
    n = sum(len(r.claims) for r in rows)
    typer.echo(f"{n} flag(s) in {len(rows)} article(s); `--json` or `--csv` for the reasons")


def _check_store(
    ctx: typer.Context, recheck: bool, market_dir: str | None, as_json: bool, cluster: str | None
) -> None:
    """``check --all``: store-backed market data, or the directory when the store has none;
    on the cluster's workers with ``--cluster``."""
    from crosscheck import MarketData
    from crosscheck.run import check_stored
    from store.market import last_dates

    engine = get_state(ctx).engine()
    folder = None
    if market_dir or not last_dates(engine):
        err_console.print("using market data from the CSV directory (the store has none)")
        market = _directory_market(market_dir)
        from thesisdesk.settings import market_dir as find_market_dir

        folder = find_market_dir(market_dir)
    else:
        market = MarketData.from_store(engine)

    def wrap(items: list, total: int):
        return progress(items, total, "checking claims", enabled=not as_json)

    with cluster_client(cluster) as client:
        if client is not None:
            from cluster import check_on_cluster

            with progress_bars(not as_json) as bar:
                summary = check_on_cluster(
                    client, engine, market, market_dir=folder, recheck=recheck, progress=bar
                )
        else:
            summary = check_stored(engine, recheck=recheck, market=market, wrap=wrap)
    for msg in summary.errors[:20]:
        warn(msg)
    if as_json:
        print_json(dataclasses.asdict(summary))
        return
    counts = ", ".join(f"{k} {v}" for k, v in sorted(summary.counts.items())) or "nothing new"
    typer.echo(
        f"{summary.claims} claims: {summary.checked} checked ({counts}), "
        f"{summary.skipped} up to date, {summary.failed} failed"
    )
