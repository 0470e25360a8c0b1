"""``--cluster ADDRESS`` for the commands whose per-article work can run on Dask workers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

from ui.common import err_console, fail

if TYPE_CHECKING:
    from distributed import Client

CLUSTER_OPTION = typer.Option(
    None,
    "--cluster",
    help="Run the per-article work on a Dask cluster: a scheduler address (tcp://HOST:8786) "
    "or local[:N] (N worker processes here). Default: $THESISDESK_CLUSTER, else this process.",
)


@contextmanager
def cluster_client(address: str | None) -> Iterator[Client | None]:
    """A client for ``--cluster`` (or the setting), or None: the work stays in this process."""
    from cluster import cluster_address, connect

    addr = cluster_address(address)
    if addr is None:
        yield None
        return
    try:
        ctx = connect(addr)
        client = ctx.__enter__()
    except (OSError, TimeoutError, ValueError) as exc:
        raise fail(f"cannot reach the cluster at {addr}: {exc}") from exc
    try:
        n = len(client.scheduler_info().get("workers", {}))
        err_console.print(f"running on the cluster at {addr} ({n} workers)")
        yield client
    except BaseException as exc:
        if not ctx.__exit__(type(exc), exc, exc.__traceback__):
            raise
    else:
        ctx.__exit__(None, None, None)
