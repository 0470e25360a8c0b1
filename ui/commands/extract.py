"""``thesisdesk extract``: claims from article files (no store needed) or from the store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import typer

from ui.common import (
    JSON_OPTION,
    fail,
    option_date,
    print_json,
    print_jsonl,
    progress_bars,
    state,
    warn,
)
from ui.on_cluster import CLUSTER_OPTION, cluster_client


def stances_for_files(
    items: Sequence[tuple[str, object, str]], extracted: list[list]
) -> list[list]:
    """Model-refined stances for file-mode claims (the rule stances, with a warning on stderr,
    when the sentiment model cannot be loaded)."""
    from nlp.stance_pipeline import refine_or_keep

    refined, warning = refine_or_keep(
        [(t, c) for (t, _, _), c in zip(items, extracted, strict=True)]
    )
    if warning:
        warn(warning)
    return refined


def register(app: typer.Typer) -> None:
    @app.command("extract")
    def extract_cmd(
        ctx: typer.Context,
        files: list[Path] | None = typer.Argument(None, help="Article text files."),
        published: str | None = typer.Option(
            None, "--published", help="Publication date for relative periods (YYYY-MM-DD)."
        ),
        manifest: Path | None = typer.Option(
            None, "--manifest", help='JSONL of {"article": FILE, "published": DATE} lines.'
        ),
        all_new: bool = typer.Option(
            False, "--all", help="Extract the stored articles that are new or stale."
        ),
        restance: bool = typer.Option(
            False, "--restance", help="With --all: re-score every stored article's stances."
        ),
        no_model: bool = typer.Option(
            False, "--no-model", help="Keep the extractor's rule stances (no sentiment model)."
        ),
        cluster: str | None = CLUSTER_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Print the claims in article files (one JSON object per claim with --json).

        Files named in --manifest take their date from it; with --manifest and no FILE every
        manifest entry is read. --all works on the store instead of files. Stances come from
        the sentiment model and the claims' numbers (--no-model: the extractor's rules only);
        --all re-scores stored articles scored by another model version (--restance: all);
        with --cluster the articles are extracted on the cluster's workers.

        Example: thesisdesk extract --manifest ../shared/seeds/index.jsonl --json
        """
        if all_new:
            from nlp.store_pipeline import extract_stored

            engine = state(ctx).engine()
            with cluster_client(cluster) as client, progress_bars(not as_json) as bar:
                if client is not None:
                    from cluster import extract_on_cluster

                    summary = extract_on_cluster(
                        client, engine, progress=bar, use_model=not no_model, restance=restance
                    )
                else:
                    summary = extract_stored(
                        engine, progress=bar, use_model=not no_model, restance=restance
                    )
            for msg in summary.warnings:
                warn(msg)
            if as_json:
                print_json(summary.as_dict())
            else:
                typer.echo(
                    f"{summary.articles_done} articles extracted, {summary.claims_written} claims"
                    f", {summary.articles_restanced} re-scored, {summary.articles_failed} failed"
                    f" ({summary.seconds:.1f}s)"
                )
            if summary.articles_failed:
                raise typer.Exit(1)
            return
        from ingest.manifest import Manifest, ManifestError, read_manifest

        default_date = option_date(published, "--published")
        try:
            man = read_manifest(manifest) if manifest else Manifest()
        except ManifestError as exc:
            raise fail(str(exc)) from exc
        items: list[tuple[str, dt.date | None, str]] = []
        names: list[tuple[Path, dt.date | None, str]] = []
        if files:
            for f in files:
                entry = man.for_path(f)
                day = entry.published if entry else None
                names.append((f, day or default_date, entry.name if entry else f.name))
        else:
            names = [(e.path, e.published or default_date, e.name) for e in man.entries]
        if not names:
            raise fail("give article FILEs, --manifest, or --all")
        for f in files or []:
            if not f.is_file():
                raise fail(f"not a file: {f}" + ("" if f.exists() else " (it does not exist)"))
        missing = 0
        for path, d, name in names:
            try:
                items.append((path.read_text(encoding="utf-8", errors="replace"), d, name))
            except OSError as exc:
                warn(f"skipped {path}: {exc.strerror or exc}")
                missing += 1
        if not items:
            raise fail("none of the manifest's files could be read")
        from nlp.extract import extract_many

        extracted = list(extract_many(items))
        if not no_model:
            extracted = stances_for_files(items, extracted)
        rows: list[dict[str, object]] = []
        for (_, _, name), claims in zip(items, extracted, strict=True):
            for c in claims:
                row = c.contract_dict()
                row["article"] = name
                rows.append(row)
        if as_json:
            print_jsonl(rows)
        else:
            _table(rows)
        if missing:
            raise typer.Exit(1)


def _num(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _table(rows: list[dict[str, object]]) -> None:
    """The claims with a header row; cells wrap (never cut) at 80 columns or in a pipe."""
    from digest.export import fmt_num
    from ui.common import print_table
    from ui.labels import kind_label

    table = []
    for r in rows:
        unit = str(r["unit"]) if r["unit"] else None
        if r["value"] is not None:
            cmp = {"gt": "over ", "gte": "at least ", "lt": "under ", "lte": "at most "}
            figure = cmp.get(str(r["comparator"]), "") + fmt_num(_num(r["value"]), unit)
        elif r["low"] is not None:
            figure = f"{fmt_num(_num(r['low']), unit)} – {fmt_num(_num(r['high']), unit)}"
        else:
            figure = "—"
        period = (
            f"{r['period_start']} – {r['period_end']}"
            if r["period_start"]
            else (f"as of {r['as_of']}" if r["as_of"] else "")
        )
        role = f" ({r['role']})" if r["role"] else ""
        table.append(
            [
                str(r["article"]),
                f"{r['subject']}\n{kind_label(str(r['kind']))}{role}",
                f"{figure}\n{r['stance']}",
                period,
                str(r["quote"]),
            ]
        )
    print_table(
        ["article", "subject / kind", "figure / stance", "period", "quote"],
        table,
        widths=[(8, 16), (10, 16), (10, 14), (10, 12), None],
    )
    typer.echo(f"{len(rows)} claim(s)")
