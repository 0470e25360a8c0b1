"""The ``thesisdesk`` command line: a thin layer over the stages' Python APIs.

Each command family lives in ``ui/commands/<name>.py`` and exposes ``register(app)``;
heavy libraries (spaCy, torch, streamlit) are imported inside the commands that need
them so that ``thesisdesk --help`` stays fast.
"""

from __future__ import annotations

import importlib

import typer

from thesisdesk import __version__
from ui.common import State

COMMAND_MODULES = (
    "db",
    "feeds",
    "ingest",
    "articles",
    "market",
    "instruments",
    "extract",
    "claims",
    "check",
    "sentiment",
    "digest",
    "demo",
)

app = typer.Typer(
    name="thesisdesk",
    help="Checkable claims from small-cap market commentary.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"thesisdesk {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None,
        "--db",
        envvar="THESISDESK_DB",
        help="SQLAlchemy URL or SQLite file path (default: a file in the user data directory).",
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    """Checkable claims from small-cap market commentary."""
    ctx.obj = State(db_url=db)


for _name in COMMAND_MODULES:
    try:
        _module = importlib.import_module(f"ui.commands.{_name}")
    except ModuleNotFoundError as exc:  # a command family not written yet
        if exc.name != f"ui.commands.{_name}":
            raise
        continue
    _module.register(app)


def run() -> None:
    app()


if __name__ == "__main__":
    run()
