"""``thesisdesk claims``: the claim search of the app's Claims page, from the command line.

Both call ``store.claims.search_claims``, so a search gives the same claims in either place.
Output is a table with a header row that wraps (never truncates) at any width, one JSON
document (``--json``) or CSV (``--csv``, the app's download columns).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import typer

from ui.common import JSON_OPTION, fail, print_json, state

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


def _date(value: str | None, option: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"{option} wants a date like 2025-12-18, got {value!r}") from None


def register(app: typer.Typer) -> None:
    @app.command("claims")
    def claims_cmd(
        ctx: typer.Context,
        subject: str | None = typer.Argument(
            None, help="Ticker, name or alias: IWM, ^RUT, 'Russell 2000', R2K (default: any)."
        ),
        kind: list[str] = typer.Option(
            [], "--kind", help="Claim kind, repeatable: price_target, 'Price level', performance…"
        ),
        since: str | None = typer.Option(None, "--since", help="Published on or after (date)."),
        until: str | None = typer.Option(None, "--until", help="Published on or before (date)."),
        source: list[str] = typer.Option(
            [], "--source", help="Source name (or part of it), repeatable."
        ),
        verdict: list[str] = typer.Option(
            [], "--verdict", help="supported, contradicted, unverifiable or unchecked; repeatable."
        ),
        stance: list[str] = typer.Option([], "--stance", help="bullish, bearish or neutral."),
        text: str | None = typer.Option(
            None, "--text", help="Words in the quote (full text): --text 'record close'."
        ),
        limit: int = typer.Option(50, "--limit", min=1, max=1000, help="At most this many."),
        copies: bool = typer.Option(
            False, "--copies", help="Also list syndicated copies (default: first copies only)."
        ),
        as_json: bool = JSON_OPTION,
        as_csv: bool = typer.Option(False, "--csv", help="Print CSV with a header row."),
    ) -> None:
        """Search claims, newest first: by subject, kind, date, source, verdict and words.

        Example: thesisdesk claims IWM --kind price_target --since 2025-09-01
        Example: thesisdesk claims ^RUT --text "record close" --csv > rut.csv
        """
        from store.claims import VERDICT_CHOICES, known_subjects, search_claims
        from thesisdesk.records import ClaimKind, Stance
        from ui.labels import kind_code

        engine = state(ctx).engine()
        kinds = [kind_code(k) for k in kind]
        bad = [k for k in kinds if k not in {x.value for x in ClaimKind}]
        if bad:
            raise fail(
                f"unknown kind {bad[0]!r}; choose from {', '.join(k.value for k in ClaimKind)}"
            )
        if set(verdict) - set(VERDICT_CHOICES):
            raise fail(f"unknown verdict; choose from {', '.join(VERDICT_CHOICES)}")
        if set(stance) - {s.value for s in Stance}:
            raise fail("unknown stance; choose from bullish, bearish, neutral")
        if subject and not known_subjects(engine, subject):
            raise fail(
                f"unknown ticker or name {subject!r}: no instrument and no claim matches it "
                "(see `thesisdesk instruments search`)"
            )
        source_ids = _source_ids(engine, source) if source else None
        if source and not source_ids:
            raise fail(f"no source matches {', '.join(map(repr, source))}")
        try:
            hits = search_claims(
                engine,
                ticker=subject,
                kinds=kinds or None,
                verdicts=verdict or None,
                stances=stance or None,
                since=_date(since, "--since"),
                until=_date(until, "--until"),
                source_ids=source_ids,
                text=text,
                limit=limit,
                include_copies=copies,
            )
        except ValueError as exc:
            raise fail(str(exc)) from None
        if as_json:
            print_json([h.model_dump(mode="json") for h in hits])
            return
        if as_csv:
            from ui.exports import claims_csv

            typer.echo(claims_csv(hits), nl=False)
            return
        if not hits:
            typer.echo("no claims match")
            return
        _table(hits)


def _source_ids(engine: Engine, names: list[str]) -> list[int]:
    from store.ui_queries import source_options

    wanted = [n.lower() for n in names]
    return [sid for sid, name in source_options(engine) if any(w in name.lower() for w in wanted)]


def _table(hits: list) -> None:
    from digest.export import fmt_num
    from ui.common import print_table
    from ui.labels import kind_label

    def figure(h: object) -> str:
        g = lambda n: getattr(h, n)  # noqa: E731
        if g("value") is not None:
            return fmt_num(g("value"), g("unit"))
        if g("low") is not None or g("high") is not None:
            return f"{fmt_num(g('low'), g('unit'))} – {fmt_num(g('high'), g('unit'))}"
        return "—"

    print_table(
        ["date / source", "subject / kind", "figure / verdict", "quote"],
        [
            [
                f"{h.published or 'undated'}\n{h.source or '—'}",
                f"{h.subject}\n{kind_label(h.kind)}",
                f"{figure(h)}\n{h.verdict or 'unchecked'}",
                h.quote,
            ]
            for h in hits
        ],
        widths=[(10, 16), (8, 16), (16, 16), None],
    )
    typer.echo(f"{len(hits)} claim(s), newest first")
