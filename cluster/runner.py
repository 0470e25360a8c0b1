"""``extract --all`` and ``check --all`` as Dask tasks: batches of articles (claims) per task.

The driver (the CLI process) reads which articles or claims are due, cuts them into batches
and submits one task per batch. Each worker reads its batch from the shared store and does
the work. Extracted articles come back to the driver, the one writer, which writes them in
article order as results arrive (so the claims get the ids one process gives them), what is
ready in order together: up to ``WRITE_BATCH`` articles per transaction with one summary
refresh (``nlp.store_pipeline.store_batch``). Measured faster than every worker writing its
own (``bench/scale.py --writer``, README "Past one machine"; ``write_on_workers=True`` keeps
that mode). Verdicts are written on the workers (a batch is one transaction).

Faults: a task lost with its worker is rerun on another by the scheduler (Dask's
``allowed-failures``); a rerun first drops the articles its lost try already committed
(``still_due``), and a write is all-or-nothing (a batch of articles is one transaction; if
it fails, each article is one), so none is half written. A batch that fails for good leaves
its articles due: the next run picks them up.

Models load once per worker process: spaCy (``nlp.pipeline.get_nlp``) and the sentiment model
(``nlp.sentiment.load_model``) are module-level caches, warmed on every worker before the
first task, and market data is cached per worker while the store's (or folder's) data stays
the same.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crosscheck.run import CheckSummary, check_ids, due_claim_ids
from nlp.extract import EXTRACTOR_VERSION
from nlp.stance_pipeline import StanceStep, restance_due_ids
from nlp.store_pipeline import (
    Extracted,
    ExtractSummary,
    due_article_ids,
    extract_chunk,
    restance_chunk,
    still_due,
    store_batch,
)
from thesisdesk.progress import ProgressHook

if TYPE_CHECKING:
    from distributed import Client
    from sqlalchemy.engine import Engine

    from crosscheck.market_data import MarketData

log = logging.getLogger(__name__)

#: The setting naming the scheduler when ``--cluster`` is not given.
CLUSTER_ENV = "THESISDESK_CLUSTER"
#: ONNX Runtime threads of the sentiment model (``nlp.sentiment.model``).
THREADS_ENV = "THESISDESK_SENTIMENT_THREADS"
#: Articles per extraction task: big enough that the task overhead is lost in spaCy's time
#: (16 -> 32 cut the driver's CPU per article from 1.85 to 1.47 ms: scheduler, messages),
#: small enough that a lost worker costs little and both workers stay busy to the end.
EXTRACT_BATCH = 32
#: Most articles the one writer puts in one transaction: what is ready in order is written
#: together (one summary refresh for all), up to this many.
WRITE_BATCH = 64
#: Dask settings of the workers a ``local`` cluster starts: no statistical profiler (a
#: thread sampling the task's stack every 10 ms) and a memory check every second instead of
#: every 100 ms; together they halve an idle worker's CPU (3.0% -> 1.5% of a core, measured).
#: The workers share the machine's few cores with this process and PostgreSQL.
LOCAL_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
}
#: Claims per check task (a check costs well under a millisecond).
CHECK_BATCH = 500


def cluster_address(explicit: str | None = None) -> str | None:
    """``--cluster``, else ``$THESISDESK_CLUSTER``, else None (run in this process)."""
    return explicit or os.environ.get(CLUSTER_ENV) or None


@contextmanager
def connect(address: str, *, timeout: float = 60.0) -> Iterator[Client]:
    """A client for ``address``: a scheduler (``tcp://host:8786``), or ``local`` /
    ``local:N``: a cluster of N worker processes (default: the CPUs) started for this run."""
    import dask
    from distributed import Client, LocalCluster

    if address == "local" or address.startswith("local:"):
        n = int(address.partition(":")[2] or os.cpu_count() or 1)
        with (
            dask.config.set(LOCAL_WORKER_CONFIG),
            LocalCluster(
                n_workers=n, processes=True, threads_per_worker=1, dashboard_address=":0"
            ) as local,
            Client(local, timeout=timeout) as client,
        ):
            yield client
    else:
        with Client(address, timeout=timeout) as client:
            yield client


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _batches(ids: Sequence[int], size: int) -> list[list[int]]:
    return [list(ids[lo : lo + size]) for lo in range(0, len(ids), size)]


# --- on the workers ------------------------------------------------------------------------


def _engine(url: str) -> Engine:
    from store.db import get_engine

    return get_engine(url, migrate=False)  # cached per process; the driver migrated it


def warm(use_model: bool, model_dir: str | None) -> str | None:
    """Load spaCy and the sentiment model into this worker (once: both are process caches);
    the model's version, or None when it is off or missing.

    ONNX Runtime gets one thread per task thread unless ``THESISDESK_SENTIMENT_THREADS``
    says otherwise: the workers already fill the CPUs, and two threads per worker on two
    cores was measured to oversubscribe them. The instrument lexicon loads here too (seconds
    of CPU that the first task of every worker paid before)."""
    from nlp.linking import default_lexicon
    from nlp.pipeline import get_nlp

    os.environ.setdefault(THREADS_ENV, str(_task_threads()))

    get_nlp()
    default_lexicon()
    return StanceStep(use_model=use_model, model_dir=model_dir).version


def _task_threads() -> int:
    try:
        from distributed import get_worker

        return max(1, int(get_worker().state.nthreads))
    except (ImportError, ValueError, AttributeError):  # not on a worker
        return 1


_STEPS: dict[tuple[str, bool, str | None], StanceStep] = {}


def _step(run: str, use_model: bool, model_dir: str | None) -> StanceStep:
    """This worker's stance step for the run ``run``: one per run, as one process has, so
    the store's closes it looked up stay cached across the run's tasks (a step per task
    asked the store again for every batch); a new run starts afresh (closes may change)."""
    key = (run, use_model, model_dir)
    step = _STEPS.get(key)
    if step is None:
        _STEPS.clear()
        step = _STEPS[key] = StanceStep(use_model=use_model, model_dir=model_dir)
    return step


def extract_task(
    url: str, ids: list[int], use_model: bool, model_dir: str | None, write: bool, run: str = ""
) -> ExtractSummary | tuple[list[Extracted], str | None]:
    """Extract the articles of ``ids`` still due; write them (one transaction) and return
    the counts, or (``write=False``) return the rows for the driver to write. ``run`` names
    the driver's run (its stance step is shared by the run's tasks on this worker)."""
    engine = _engine(url)
    step = (
        _step(run, use_model, model_dir)
        if run
        else StanceStep(use_model=use_model, model_dir=model_dir)
    )
    todo = still_due(engine, ids)
    rows = extract_chunk(engine, todo, step) if todo else []
    if not write:
        return rows, step.warning
    summary = ExtractSummary()
    store_batch(engine, summary, rows)
    if step.warning:
        summary.warnings.append(step.warning)
    return summary


def restance_task(url: str, ids: list[int], model_dir: str | None, version: str) -> ExtractSummary:
    """Re-score the stances of ``ids`` (already extracted) with this worker's model."""
    engine = _engine(url)
    step = StanceStep(use_model=True, model_dir=model_dir)
    summary = ExtractSummary()
    if step.version == version:  # a worker with another model must not stamp ``version``
        restance_chunk(engine, ids, step, summary, version)
    else:
        summary.errors.append(f"a worker has model {step.version}, not {version}")
        summary.articles_failed += len(ids)
    if step.warning:
        summary.warnings.append(step.warning)
    return summary


_MARKETS: dict[tuple[str, str | None], tuple[str, MarketData]] = {}


def market_stamp(engine: Engine, market_dir: str | None) -> str:
    """Changes whenever the market data a check reads changes (then workers reload it)."""
    if market_dir:
        files = sorted(Path(market_dir).glob("*"))
        basis: Any = [(f.name, f.stat().st_size, f.stat().st_mtime_ns) for f in files]
    else:
        from store.market import last_dates

        basis = sorted((k, str(v)) for k, v in last_dates(engine).items())
    return hashlib.sha256(json.dumps(basis).encode()).hexdigest()


def _market(engine: Engine, url: str, market_dir: str | None, stamp: str) -> MarketData:
    from crosscheck.market_data import MarketData

    cached = _MARKETS.get((url, market_dir))
    if cached is None or cached[0] != stamp:
        market = (
            MarketData.from_directory(market_dir) if market_dir else MarketData.from_store(engine)
        )
        cached = _MARKETS[(url, market_dir)] = (stamp, market)
    return cached[1]


def check_task(
    url: str,
    ids: list[int],
    market_dir: str | None,
    stamp: str,
    recheck: bool,
    now: dt.datetime,
) -> CheckSummary:
    """Verdicts for the claims ``ids`` that still need one, written here."""
    engine = _engine(url)
    return check_ids(engine, ids, _market(engine, url, market_dir, stamp), recheck=recheck, now=now)


# --- on the driver -------------------------------------------------------------------------


def _gather(
    client: Client,
    futures: dict[Any, list[int]],
    on_done: Callable[[Any, list[int]], None],
    on_error: Callable[[BaseException, list[int]], None],
) -> None:
    """Hand each finished task's result to ``on_done`` as it comes (``on_error`` if it
    failed for good, e.g. its worker died more often than Dask allows)."""
    from distributed import as_completed

    for fut in as_completed(list(futures)):
        batch = futures.pop(fut)
        try:
            result = fut.result()
        except Exception as exc:
            on_error(exc, batch)
        else:
            on_done(result, batch)
        fut.release()


def _merge(into: ExtractSummary, part: ExtractSummary) -> None:
    for name in (
        "articles_done",
        "articles_failed",
        "claims_written",
        "articles_restanced",
        "article_stances_written",
    ):
        setattr(into, name, getattr(into, name) + getattr(part, name))
    into.errors.extend(part.errors)
    into.warnings.extend(w for w in part.warnings if w not in into.warnings)


def extract_on_cluster(
    client: Client,
    engine: Engine,
    *,
    use_model: bool = True,
    restance: bool = False,
    model_dir: str | Path | None = None,
    progress: ProgressHook | None = None,
    write_on_workers: bool = False,
    batch: int = EXTRACT_BATCH,
    write_batch: int = WRITE_BATCH,
) -> ExtractSummary:
    """``extract_stored`` with the articles spread over the cluster's workers (same claims,
    stances and stamps as one process would write)."""
    import time

    t0 = time.perf_counter()
    url, mdir = _url(engine), (str(model_dir) if model_dir else None)
    summary = ExtractSummary()
    ids = due_article_ids(engine)
    summary.articles_seen = len(ids)
    versions = set(client.run(warm, use_model, mdir).values())
    version = next(iter(versions)) if len(versions) == 1 else None
    if len(versions) > 1:  # stances would depend on the worker: re-score none of them
        summary.warnings.append(f"the workers have different sentiment models: {versions}")
    done = 0
    batches = _batches(ids, batch)
    # one writer: batches are written in article order (as one process writes them, so the
    # claims get the same ids); a batch that finished early waits here for those before it
    waiting: dict[int, tuple[list[Extracted], str | None] | None] = {}
    written = 0

    def write_ready() -> None:
        """Write the finished batches that are next in order, up to ``write_batch`` articles
        per transaction (one summary refresh each)."""
        nonlocal written
        ready: list[Extracted] = []
        while written in waiting:
            result = waiting.pop(written)
            written += 1
            if result is None:  # failed for good: already counted
                continue
            rows, warning = result
            ready.extend(rows)
            if warning and warning not in summary.warnings:
                summary.warnings.append(warning)
        for lo in range(0, len(ready), write_batch):
            store_batch(engine, summary, ready[lo : lo + write_batch])

    def extracted(result: Any, ids_: list[int]) -> None:
        nonlocal done
        if write_on_workers:
            _merge(summary, result)
        else:
            waiting[index[id(ids_)]] = result
            write_ready()
        done += len(ids_)
        if progress is not None:
            progress("extracting", done, len(ids))

    def failed(exc: BaseException, ids_: list[int]) -> None:
        nonlocal done
        summary.articles_failed += len(ids_)
        summary.errors.append(f"articles {ids_[0]}..{ids_[-1]}: {type(exc).__name__}: {exc}")
        done += len(ids_)
        if not write_on_workers:
            waiting[index[id(ids_)]] = None
            write_ready()

    index = {id(b): n for n, b in enumerate(batches)}
    run = uuid.uuid4().hex
    futures = {
        client.submit(extract_task, url, b, use_model, mdir, write_on_workers, run, pure=False): b
        for b in batches
    }
    _gather(client, futures, extracted, failed)
    if use_model and version is not None:
        due = restance_due_ids(
            engine, version, extractor_version=EXTRACTOR_VERSION, all_articles=restance
        )
        restanced = 0

        def rescored(result: Any, ids_: list[int]) -> None:
            nonlocal restanced
            _merge(summary, result)
            restanced += len(ids_)
            if progress is not None:
                progress("scoring stances", restanced, len(due))

        def not_rescored(exc: BaseException, ids_: list[int]) -> None:
            summary.articles_failed += len(ids_)
            summary.errors.append(
                f"articles {ids_[0]}..{ids_[-1]} (stances): {type(exc).__name__}: {exc}"
            )

        futures = {
            client.submit(restance_task, url, b, mdir, version, pure=False): b
            for b in _batches(due, batch)
        }
        _gather(client, futures, rescored, not_rescored)
    summary.stance_model = version
    summary.seconds = round(time.perf_counter() - t0, 3)
    return summary


def check_on_cluster(
    client: Client,
    engine: Engine,
    market: MarketData,
    *,
    market_dir: str | Path | None = None,
    recheck: bool = False,
    progress: ProgressHook | None = None,
    batch: int = CHECK_BATCH,
) -> CheckSummary:
    """``check_stored`` with the claims spread over the workers. ``market`` is what the
    driver reads (from ``market_dir`` when given, else the store); workers load the same."""
    url, mdir = _url(engine), (str(market_dir) if market_dir else None)
    total, ids = due_claim_ids(engine, market, recheck=recheck)
    summary = CheckSummary(claims=total, skipped=total - len(ids))
    stamp = market_stamp(engine, mdir)
    now = dt.datetime.now(dt.UTC)
    done = 0

    def checked(part: CheckSummary, ids_: list[int]) -> None:
        nonlocal done
        summary.checked += part.checked
        summary.skipped += part.skipped
        summary.failed += part.failed
        summary.errors.extend(part.errors)
        for k, v in part.counts.items():
            summary.counts[k] = summary.counts.get(k, 0) + v
        done += len(ids_)
        if progress is not None:
            progress("checking claims", done, len(ids))

    def failed(exc: BaseException, ids_: list[int]) -> None:
        summary.failed += len(ids_)
        summary.errors.append(f"claims {ids_[0]}..{ids_[-1]}: {type(exc).__name__}: {exc}")

    futures = {
        client.submit(check_task, url, b, mdir, stamp, recheck, now, pure=False): b
        for b in _batches(ids, batch)
    }
    _gather(client, futures, checked, failed)
    return summary


def models_loaded() -> int:
    """How many sentiment models this process holds (one per worker, whatever the tasks)."""
    from nlp.sentiment.model import _MODELS

    return len(_MODELS)
