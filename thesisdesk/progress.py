"""The progress callback that long stage functions accept.

Stages report how far they are; the caller decides how to show it (the CLI draws a rich bar,
the app its own widget, tests nothing). This keeps drawing code out of the lower stages, which
must never import ``ui``.
"""

from __future__ import annotations

from typing import Protocol


class ProgressHook(Protocol):
    """Told after each item: ``done`` of ``total`` items of ``task`` (``total`` None while
    unknown), with a short ``note`` on how it is going (e.g. counts so far)."""

    def __call__(self, task: str, done: int, total: int | None, note: str = "") -> None: ...
