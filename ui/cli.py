"""The ``thesisdesk`` command line: a thin layer over the stages' Python APIs.

Each command family lives in ``ui/commands/<name>.py`` and exposes ``register(app)``;
heavy libraries (spaCy, torch, streamlit) are imported inside the commands that need
them so that ``thesisdesk --help`` stays fast.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path
from typing import Any, get_args

import typer
from typer.core import TyperGroup

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
    "figures",
    "digest",
    "demo",
    "watch",
    "daily",
    "alerts",
)

_PLAIN = {str: "TEXT", int: "INTEGER", float: "NUMBER", bool: ""}


def _plain_metavar(param: Any) -> str:
    """The type a reader types: TEXT, PATH, INTEGER…, nothing for an on/off flag."""
    if getattr(param, "is_flag", False):
        return ""
    desc = param.type_descriptor
    annotation = desc.annotation
    if desc.is_list or desc.is_tuple:
        args = [a for a in get_args(annotation) if a is not Ellipsis]
        annotation = args[0] if args else str
    if desc.is_choice:
        label = "|".join(str(getattr(c, "value", c)) for c in desc.choices or ())
    elif desc.is_datetime:
        label = "DATE"
    elif desc.is_file:
        label = "FILE"
    elif desc.is_path or annotation is Path:
        label = "PATH"
    else:
        label = _PLAIN.get(annotation, "TEXT")
    if desc.is_list or getattr(param, "nargs", 1) != 1:
        label += "..."
    return label


def unwrap_help(text: str) -> str:
    """Join a docstring paragraph's source line breaks so the terminal wraps it: typer's rich
    help keeps them, which at 80 columns leaves ragged half-empty lines. Paragraphs laid out
    on purpose (indented lines, "- " lists, click's ``\b`` marker) keep their breaks."""
    paragraphs = inspect.cleandoc(text).split("\n\n")
    out = []
    for para in paragraphs:
        lines = para.split("\n")
        laid_out = para.startswith("\b") or any(
            ln[:1].isspace() or ln.lstrip().startswith(("- ", "* ")) for ln in lines[1:]
        )
        out.append(para if laid_out else " ".join(ln.strip() for ln in lines))
    return "\n\n".join(out)


def plain_help(command: Any) -> Any:
    """Give every option and argument a plain type label: typer's help otherwise prints
    Python annotations (``<bool>``, ``<list[Path]>``) that mean nothing to a user."""
    if isinstance(getattr(command, "help", None), str):
        command.help = unwrap_help(command.help)
    for param in getattr(command, "params", []):
        if not hasattr(param, "type_descriptor"):
            continue
        label = _plain_metavar(param)
        if getattr(param, "param_type_name", "") == "argument":
            # an argument's metavar is its name in the help; only its type label changes
            param.display_type_rich = lambda ctx, label=label: label
        elif param.metavar is None:
            param.metavar = label
    original = getattr(command, "get_help_option", None)
    if original is not None and not getattr(original, "_plain", False):

        def help_option(ctx: Any, original: Any = original) -> Any:
            option = original(ctx)
            if option is not None and option.metavar is None:
                option.metavar = ""
            return option

        help_option._plain = True  # type: ignore[attr-defined]
        command.get_help_option = help_option
    for sub in getattr(command, "commands", {}).values():
        plain_help(sub)
    return command


class PlainHelpGroup(TyperGroup):
    """The root command group: once typer has built every command, relabel their types."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain_help(self)


app = typer.Typer(
    cls=PlainHelpGroup,
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
    importlib.import_module(f"ui.commands.{_name}").register(app)


def run() -> None:
    """The entry point. A store that fails mid-command (locked, server gone) or an OS error
    (disk full, a closed pipe) ends in one line and exit 1, not a traceback."""
    import sys

    from sqlalchemy.exc import OperationalError

    try:
        app()
    except (OperationalError, OSError) as exc:
        from rich.markup import escape

        from ui.common import err_console

        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines() or [repr(exc)]
        err_console.print(f"[bold red]error:[/] {escape(detail[0])}", soft_wrap=True)
        sys.exit(1)


if __name__ == "__main__":
    run()
