"""What every command shares: the store URL, JSON output, progress bars, error exits."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text
from sqlalchemy.engine import Engine

from thesisdesk.progress import ProgressHook

T = TypeVar("T")

err_console = Console(stderr=True)
#: stdout for tables; not a terminal (a pipe) -> 80 columns, no colour, no markup surprises
out_console = Console(highlight=False)

JSON_OPTION = typer.Option(False, "--json", help="Print machine-readable JSON.")


@dataclass
class State:
    """Global options, carried on the typer context."""

    db_url: str | None = None

    def engine(self) -> Engine:
        """The store's engine; a store that cannot be opened is a one-line error exit."""
        from store.db import StoreError, get_engine

        try:
            return get_engine(self.db_url)
        except StoreError as exc:
            raise fail(str(exc)) from None


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, State) else State()


def _default(o: object) -> object:
    if isinstance(o, dt.date | dt.datetime):
        return o.isoformat()
    if hasattr(o, "model_dump"):
        return o.model_dump(mode="json")
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


def dumps(obj: object) -> str:
    return json.dumps(obj, default=_default, ensure_ascii=False)


def print_json(obj: object) -> None:
    """One JSON document on stdout."""
    sys.stdout.write(dumps(obj) + "\n")


def print_jsonl(rows: Iterable[object]) -> None:
    """One JSON object per line on stdout."""
    for row in rows:
        sys.stdout.write(dumps(row) + "\n")


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a readable error on stderr and return the exit to raise."""
    from rich.markup import escape

    err_console.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True)
    return typer.Exit(code)


def data_folder(
    directory: Path | None, find: Callable[[Path | None], Path | None], what: str, sub: str
) -> Path:
    """The folder a data import reads: ``directory`` if given (it must exist), else the
    ``sub/`` folder of the data directory; an error naming what to pass when there is none."""
    from thesisdesk import settings

    if directory is not None and not directory.is_dir():
        raise fail(f"not a directory: {directory}")
    found = find(directory)
    if found is None:
        raise fail(
            f"no {what} directory found: pass DIR, or set {settings.DATA_ENV} to a "
            f"folder that holds {sub}/ (e.g. ../shared/data)"
        )
    return found


def option_date(value: str | None, option: str) -> dt.date | None:
    """A date option (YYYY-MM-DD), or a readable error naming ``option``."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise fail(f"{option} wants a date like 2025-09-30, got {value!r}") from exc
def warn(message: str, label: str = "warning") -> None:
    """A warning on stderr; the message is escaped (it may quote text from the network)."""
    from rich.markup import escape

    err_console.print(f"[yellow]{label}:[/] {escape(str(message))}", soft_wrap=True)


class RateColumn(ProgressColumn):
    """Items per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.1f}/s", style="progress.data.speed")


def _columns() -> tuple[ProgressColumn, ...]:
    return (
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )


def progress(
    items: Iterable[T], total: int | None, description: str, *, enabled: bool = True
) -> Iterator[T]:
    """Iterate with a progress bar (counts, rate, time left) on stderr."""
    if not enabled:
        yield from items
        return
    with Progress(*_columns(), console=err_console, transient=False) as bar:
        task = bar.add_task(description, total=total)
        for item in items:
            yield item
            bar.advance(task)


def print_table(
    headers: list[str],
    rows: Iterable[list[str]],
    *,
    widths: list[tuple[int, int] | None] | None = None,
) -> None:
    """A table with a header row on stdout that survives a pipe and 80 columns: cells wrap
    at spaces (folding only a word longer than its column) instead of being cut.

    ``widths`` gives (min, max) per column; ``None`` columns share the rest of the width.
    """
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, expand=False)
    for i, name in enumerate(headers):
        bounds = widths[i] if widths else None
        if bounds:
            table.add_column(name, overflow="fold", min_width=bounds[0], max_width=bounds[1])
        else:
            table.add_column(name, overflow="fold", ratio=1)
    for row in rows:
        table.add_row(*(escape(cell) for cell in row))  # names and quotes are not markup
    out_console.print(table)


@contextmanager
def progress_bars(enabled: bool = True) -> Iterator[ProgressHook | None]:
    """A ``ProgressHook`` for the stages' long functions: one rich bar per task on stderr
    (counts, rate, time left), closed on exit. None when disabled (e.g. with ``--json``)."""
    if not enabled:
        yield None
        return
    with Progress(*_columns(), console=err_console, transient=False) as bar:
        tasks: dict[str, TaskID] = {}

        def report(task: str, done: int, total: int | None, note: str = "") -> None:
            if task not in tasks:
                tasks[task] = bar.add_task(task, total=total)
            label = f"{task} {note}" if note else task
            bar.update(tasks[task], completed=done, total=total, description=label)

        yield report
