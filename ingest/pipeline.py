"""Ingest runs: poll feeds or read files, save articles, record an ``IngestRun`` row.

Feeds and pages are fetched concurrently on a bounded thread pool (the shared ``Fetcher``
also caps requests per host); trafilatura runs on the same threads; every store write
happens on the calling thread, one transaction per article. A feed's ETag is saved only
after all of its entries are handled, so a run that dies half-way re-fetches that feed next
time and skips, by URL, what it had already saved.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import random
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import (
    FIRST_COMPLETED,
    BrokenExecutor,
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from ingest import identity
from ingest.articles import (
    DedupIndex,
    SaveResult,
    save_article,
    upgrade_article,
)
from ingest.feeds import FeedEntry, FeedResult, fetch_feed, next_fetch_after_failure
from ingest.files import FileRecord, iter_paths, load_sidecar, read_article_file
from ingest.http import Fetcher, FetchError
from ingest.pages import Extractor, PageContent, extract_html, fetch_page, strip_html
from store import articles as article_q
from store import runs
from store import sources as source_q
from store.models import Source
from thesisdesk import settings
from thesisdesk.progress import ProgressHook
from thesisdesk.records import ArticleRecord

log = logging.getLogger(__name__)

#: Below this many pages in a run, extraction stays on the fetch threads (a process pool
#: costs about a second to start); above it, it moves to worker processes.
PROCESS_THRESHOLD = 100


def _auto_processes() -> int:
    cores = os.cpu_count() or 1
    return min(cores, 4) if cores > 1 else 0


ResultHook = Callable[[str, SaveResult], None]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class RunSummary:
    """What one run did. ``new`` counts every stored article, ``syndicated`` included."""

    kind: str
    target: str | None = None
    run_id: int | None = None
    seen: int = 0
    new: int = 0
    duplicate: int = 0  # already had it (same URL / same text without URL)
    syndicated: int = 0  # stored, pointing at the first copy
    summary_only: int = 0
    upgraded: int = 0  # summary-only articles that got their page on a later poll
    failed: int = 0
    feeds: int = 0
    feeds_not_modified: int = 0
    feeds_failed: int = 0
    processes: int = 0  # extraction worker processes started (large runs only)
    errors: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    status: str = "running"

    @property
    def rate(self) -> float:
        return self.seen / self.seconds if self.seconds > 0 else 0.0

    def add_error(self, item: str, message: str, kind: str = "error") -> None:
        self.errors.append({"item": item, "error": message, "kind": kind})

    def count(self, result: SaveResult) -> None:
        if result.status == "new":
            self.new += 1
            if result.demoted_id is not None:
                self.syndicated += 1
        elif result.status == "syndicated":
            self.new += 1
            self.syndicated += 1
        elif result.status == "duplicate_url":
            self.duplicate += 1
        elif result.status == "upgraded":
            self.upgraded += 1
        else:
            self.failed += 1

    def finish_status(self) -> str:
        hard = [e for e in self.errors if e.get("kind") != "warning"]
        if (
            (self.failed or self.feeds_failed)
            and not (self.new or self.duplicate)
            and not (self.feeds - self.feeds_failed)
        ):
            return "failed"
        if self.failed and not (self.new or self.duplicate or self.upgraded):
            return "failed"
        return "partial" if hard else "ok"

    def as_dict(self) -> dict[str, object]:
        out = asdict(self)
        out["rate_per_s"] = round(self.rate, 2)
        out["seconds"] = round(self.seconds, 3)
        return out


def _finish_run(engine: Engine, summary: RunSummary, started: float) -> None:
    summary.seconds = time.perf_counter() - started
    if summary.status == "running":
        summary.status = summary.finish_status()
    if summary.run_id is None:
        return
    runs.finish_run(
        engine,
        summary.run_id,
        seen=summary.seen,
        new=summary.new,
        duplicate=summary.duplicate,
        failed=summary.failed,
        errors=summary.errors,
        status=summary.status,
        syndicated=summary.syndicated,
        changed=summary.upgraded,
        seconds=summary.seconds,
    )


@contextmanager
def _recorded_run(engine: Engine, summary: RunSummary) -> Iterator[None]:
    """Record the run whatever happens; an exception marks it failed and propagates."""
    started = time.perf_counter()
    summary.run_id = runs.start_run(engine, summary.kind, summary.target)
    try:
        yield
    except BaseException as exc:
        summary.status = "failed"
        summary.add_error("run", f"run stopped: {type(exc).__name__}: {exc}")
        try:
            _finish_run(engine, summary, started)
        except (SQLAlchemyError, LookupError):
            log.exception("could not record the failed run")
        raise
    _finish_run(engine, summary, started)


class _Bar:
    """Tells the caller's ``ProgressHook`` how a run goes; its total grows as work is found."""

    def __init__(self, task: str, hook: ProgressHook | None) -> None:
        self.task = task
        self.hook = hook
        self.total = 0
        self.done = 0

    def grow(self, n: int) -> None:
        self.total += n
        if self.hook is not None:
            self.hook(self.task, self.done, self.total)

    def advance(self, summary: RunSummary) -> None:
        self.done += 1
        if self.hook is not None:
            note = f"new {summary.new} dup {summary.duplicate} failed {summary.failed}"
            self.hook(self.task, self.done, self.total, note)


def _safe_save(
    engine: Engine, record: ArticleRecord, source_id: int | None, index: DedupIndex
) -> SaveResult:
    """``save_article``; a write that lost a race with another writer (SQLite: busy, or a
    stale snapshot) is tried again, and the identity check then sees the other's row."""
    for attempt in range(3):
        try:
            return save_article(engine, record, source_id, index=index)
        except OperationalError as exc:
            if attempt < 2 and "locked" in str(exc.orig).lower():
                time.sleep(0.05 * (attempt + 1))
                continue
            return SaveResult("failed", error=f"store error: {type(exc).__name__}: {exc}")
        except SQLAlchemyError as exc:
            return SaveResult("failed", error=f"store error: {type(exc).__name__}: {exc}")
    return SaveResult("failed", error="store busy")


# --- feeds -------------------------------------------------------------------------------


def entry_record(
    entry: FeedEntry,
    fetcher: Fetcher,
    *,
    allow_file: bool,
    feed_url: str,
    feed_title: str | None,
    max_page_bytes: int = settings.MAX_PAGE_BYTES,
    extract: Extractor | None = None,
) -> tuple[ArticleRecord | None, str | None]:
    """The article for one feed entry: its page, or the entry's summary when the page
    cannot be had. Returns (record or None, a note on what went wrong). Never raises."""
    problem: str | None = entry.error
    if entry.link and not problem:
        try:
            page = fetch_page(
                entry.link,
                fetcher,
                allow_file=allow_file,
                max_bytes=max_page_bytes,
                extract=extract,
            )
            published_at = entry.published_at
            return ArticleRecord(
                url=entry.link,
                canonical_url=page.canonical_url,
                title=entry.title or page.title,
                author=entry.author or page.author,
                published=published_at.date() if published_at else page.published,
                published_at=published_at,
                text=page.text,
                source_name=feed_title,
                source_url=feed_url,
                origin="page",
            ), None
        except FetchError as exc:
            problem = f"page unavailable: {exc}"
        except Exception as exc:  # an extractor bug must not stop the batch
            problem = f"page extraction crashed: {type(exc).__name__}: {exc}"
    summary = strip_html(entry.summary)
    if not summary:
        return None, problem or "entry has neither a usable link nor a summary"
    return ArticleRecord(
        url=entry.link,
        title=entry.title,
        author=entry.author,
        published=entry.published_at.date() if entry.published_at else None,
        published_at=entry.published_at,
        text=summary,
        summary_only=True,
        source_name=feed_title,
        source_url=feed_url,
        origin="feed",
    ), (f"{problem}; kept the feed summary" if problem else None)


@dataclass
class _FeedState:
    source: Source
    result: FeedResult | None = None
    queue: deque[tuple[Future, FeedEntry]] = field(default_factory=deque)  # in feed order
    recorded: bool = False


def _record_feed_failure(
    engine: Engine, src: Source, exc: FetchError, summary: RunSummary, rng: random.Random
) -> None:
    now = _now()
    failures = (src.consecutive_failures or 0) + 1
    source_q.update_source(
        engine,
        src.id,
        last_fetch_at=now,
        last_status=exc.status,
        last_error=str(exc),
        consecutive_failures=failures,
        next_fetch_at=next_fetch_after_failure(failures, exc, now, rng),
    )
    summary.feeds_failed += 1
    summary.add_error(src.url, str(exc))


def _record_feed_success(engine: Engine, state: _FeedState) -> None:
    src, res = state.source, state.result
    if res is None or state.recorded:
        return
    state.recorded = True
    now = _now()
    values: dict[str, object] = {
        "last_fetch_at": now,
        "last_ok_at": now,
        "last_status": res.status,
        "last_error": res.warning,
        "consecutive_failures": 0,
        "next_fetch_at": now + dt.timedelta(seconds=settings.DEFAULT_POLL_INTERVAL_S),
        "etag": res.etag,
        "last_modified": res.last_modified,
        "entries_seen": (src.entries_seen or 0) + len(res.entries),
    }
    if res.title and not src.name:
        values["name"] = res.title[:300]
    if res.site_url and not src.site_url:
        values["site_url"] = res.site_url
    source_q.update_source(engine, src.id, **values)


def poll_feeds(
    engine: Engine,
    *,
    force: bool = False,
    source_ids: Iterable[int] | None = None,
    fetcher: Fetcher | None = None,
    workers: int = settings.MAX_CONCURRENT_TOTAL,
    progress: ProgressHook | None = None,
    rng: random.Random | None = None,
    on_result: ResultHook | None = None,
    max_feed_bytes: int = settings.MAX_FEED_BYTES,
    max_page_bytes: int = settings.MAX_PAGE_BYTES,
    processes: int | None = None,
    executor: Executor | None = None,
) -> RunSummary:
    """Poll every due feed (all active ones with ``force``), fetch new entries' pages,
    save the articles; returns the run's summary (also stored as an ``IngestRun``).

    ``processes``: trafilatura worker processes used once a run has more than
    ``PROCESS_THRESHOLD`` pages to extract (None: one per core, none on a single core).
    ``executor`` (a cluster's, ``--cluster``): every page is extracted there instead; the
    writes (and so the duplicate check) stay on this thread."""
    feeds = source_q.due_feeds(engine, force=force)
    if source_ids is not None:
        wanted = set(source_ids)
        feeds = [f for f in feeds if f.id in wanted]
    summary = RunSummary(kind="feeds", target=f"{len(feeds)} feeds", feeds=len(feeds))
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        with (
            _recorded_run(engine, summary),
            ThreadPoolExecutor(max_workers=max(1, workers)) as pool,
        ):
            poller = _Poller(
                engine,
                fetcher,
                pool,
                DedupIndex(engine),
                summary,
                _Bar("feeds", progress),
                rng or random.Random(),
                on_result,
                max_feed_bytes,
                max_page_bytes,
                _auto_processes() if processes is None else processes,
                remote=executor,
            )
            try:
                poller.run(feeds)
            finally:
                poller.close()
    finally:
        if own_fetcher:
            fetcher.close()
    return summary


@dataclass
class _Poller:
    """One poll: feed fetches and page fetches on the pool, all writes on this thread."""

    engine: Engine
    fetcher: Fetcher
    pool: ThreadPoolExecutor
    index: DedupIndex
    summary: RunSummary
    bar: _Bar
    rng: random.Random
    on_result: ResultHook | None
    max_feed_bytes: int
    max_page_bytes: int
    processes: int = 0  # extraction processes to start once a run turns out to be large
    jobs: dict[Future, tuple[_FeedState, FeedEntry | None]] = field(default_factory=dict)
    submitted: int = 0
    procs: Executor | None = None
    #: a cluster's executor (``--cluster``): used from the first page, never shut down here
    remote: Executor | None = None
    #: entry link -> stored summary-only article whose page is being tried again
    retries: dict[str, int] = field(default_factory=dict)

    def extract(self, html: str, url: str) -> PageContent:
        """trafilatura in a worker process when a pool is up (runs on a fetch thread, which
        just waits), else right here on the fetch thread."""
        if self.remote is not None:
            try:
                return self.remote.submit(extract_html, html, url).result()
            except Exception:  # the cluster lost the task or the page is odd: do it here
                log.warning("extraction of %s on the cluster failed; extracting here", url)
                return extract_html(html, url)
        procs = self.procs
        if procs is not None:
            try:
                return procs.submit(extract_html, html, url).result()
            except BrokenExecutor:  # a worker died (memory, signal): carry on in-thread
                log.warning("extraction worker pool broke; extracting on threads")
                self.procs = None
        return extract_html(html, url)

    def _maybe_start_processes(self) -> None:
        if self.remote is not None:
            return
        if self.procs is None and self.processes > 0 and self.submitted >= PROCESS_THRESHOLD:
            import multiprocessing

            ctx = multiprocessing.get_context("forkserver")  # no fork of a threaded process
            ctx.set_forkserver_preload(["ingest.pages", "trafilatura"])
            self.procs = ProcessPoolExecutor(max_workers=self.processes, mp_context=ctx)
            self.summary.processes = self.processes

    def close(self) -> None:
        if self.procs is not None:
            self.procs.shutdown(wait=True, cancel_futures=True)

    def run(self, feeds: list[Source]) -> None:
        for src in feeds:
            fut = self.pool.submit(
                fetch_feed,
                src.url,
                self.fetcher,
                etag=src.etag,
                last_modified=src.last_modified,
                max_bytes=self.max_feed_bytes,
            )
            self.jobs[fut] = (_FeedState(src), None)
        try:
            while self.jobs:
                done, _ = wait(list(self.jobs), return_when=FIRST_COMPLETED)
                for fut in done:
                    state, entry = self.jobs.pop(fut)
                    if entry is None:
                        self._feed_done(fut, state)
                    else:
                        self._drain(state)
        except BaseException:
            for fut in self.jobs:
                fut.cancel()
            raise

    def _feed_done(self, fut: Future, state: _FeedState) -> None:
        src, summary = state.source, self.summary
        try:
            res: FeedResult = fut.result()
        except FetchError as exc:
            _record_feed_failure(self.engine, src, exc, summary, self.rng)
            return
        except Exception as exc:  # feedparser or a bug: recorded on the feed, batch goes on
            err = FetchError(src.url, f"feed could not be read: {type(exc).__name__}: {exc}")
            _record_feed_failure(self.engine, src, err, summary, self.rng)
            return
        if res.not_modified:
            summary.feeds_not_modified += 1
            now = _now()
            source_q.update_source(
                self.engine,
                src.id,
                last_fetch_at=now,
                last_status=304,
                next_fetch_at=now + dt.timedelta(seconds=settings.DEFAULT_POLL_INTERVAL_S),
            )
            return
        state.result = res
        if res.warning:
            summary.add_error(src.url, res.warning, kind="warning")
        links = [e.link for e in res.entries if e.link]
        canon = {u: identity.canonical_url(u) for u in links}
        known = article_q.known_urls(self.engine, links, [c for c in canon.values() if c])
        since = _now() - dt.timedelta(days=settings.SUMMARY_RETRY_DAYS)
        retry = article_q.summary_only_ids(self.engine, [u for u in links if u in known], since)
        self.bar.grow(len(res.entries))
        fresh: list[FeedEntry] = []
        for entry in res.entries:
            summary.seen += 1
            if entry.link and entry.link in retry and not entry.error:
                self.retries[entry.link] = retry[entry.link]
                fresh.append(entry)  # its page failed before: one more try
            elif entry.link and (entry.link in known or canon.get(entry.link) in known):
                summary.duplicate += 1
                self.bar.advance(summary)
            else:
                fresh.append(entry)
        self.submitted += len(fresh)
        self._maybe_start_processes()
        for entry in fresh:
            job = self.pool.submit(
                entry_record,
                entry,
                self.fetcher,
                allow_file=res.local,
                feed_url=src.url,
                feed_title=src.name or res.title,
                max_page_bytes=self.max_page_bytes,
                extract=self.extract,
            )
            self.jobs[job] = (state, entry)
            state.queue.append((job, entry))
        if not state.queue:
            _record_feed_success(self.engine, state)

    def _drain(self, state: _FeedState) -> None:
        """Save finished entries in feed order (so the first copy of a syndicated pair
        does not depend on which page answered first); the feed is done when none is left."""
        while state.queue and state.queue[0][0].done():
            fut, entry = state.queue.popleft()
            self._entry_done(fut, state, entry)
        if not state.queue:
            _record_feed_success(self.engine, state)

    def _entry_done(self, fut: Future, state: _FeedState, entry: FeedEntry) -> None:
        summary = self.summary
        label = entry.link or entry.title or "(entry)"
        record, note = fut.result()
        retry_id = self.retries.pop(entry.link, None) if entry.link else None
        if retry_id is not None:
            if record is not None and not record.summary_only:
                result = upgrade_article(self.engine, retry_id, record)
                if result.status == "failed":
                    summary.add_error(label, result.error or "upgrade failed")
            else:  # still no page: the summary stays; said once, as a warning
                result = SaveResult("duplicate_url", retry_id)
                summary.add_error(label, f"{note or 'page unavailable'} (again)", kind="warning")
        elif record is None:
            result = SaveResult("failed", error=note)
            summary.add_error(label, note or "no content")
        else:
            # An item naming its own outlet (<source>) is filed under that outlet.
            own = entry.source_name or entry.source_url
            if own:
                record.source_name, record.source_url = entry.source_name, entry.source_url
            source_id = None if own else state.source.id
            result = _safe_save(self.engine, record, source_id, self.index)
            if note:
                summary.add_error(label, note, kind="warning")
            if result.status == "failed":
                summary.add_error(label, result.error or "save failed")
            elif record.summary_only and result.status in ("new", "syndicated"):
                summary.summary_only += 1
        summary.count(result)
        self.bar.advance(summary)
        if self.on_result:
            self.on_result(label, result)


# --- files -------------------------------------------------------------------------------


def read_file(path: Path, entry: dict | None) -> FileRecord | SaveResult:
    """One file's article, or a failed result saying why (what a cluster worker returns)."""
    try:
        return read_article_file(path, entry)
    except FetchError as exc:
        return SaveResult("failed", error=str(exc))
    except Exception as exc:  # a library failing on odd input: record, go on
        return SaveResult("failed", error=f"{type(exc).__name__}: {exc}")


def ingest_paths(
    engine: Engine,
    paths: Iterable[str | Path],
    *,
    progress: ProgressHook | None = None,
    on_result: ResultHook | None = None,
    executor: Executor | None = None,
) -> RunSummary:
    """Ingest .txt/.md/.html files and folders (with front matter or a sidecar index).

    ``executor`` (a cluster's, ``--cluster``): files are read and their HTML extracted there,
    in order; every write stays here, so duplicates are caught as in one process (the
    workers must see the same paths)."""
    paths = [Path(p) for p in paths]
    summary = RunSummary(kind="files", target=" ".join(str(p) for p in paths)[:2000])
    bar = _Bar("files", progress)
    with _recorded_run(engine, summary):
        index = DedupIndex(engine)

        def folder_problem(where: Path, reason: str) -> None:
            summary.add_error(str(where), reason)

        files = list(iter_paths(paths, folder_problem))
        bar.grow(len(files))
        sidecars: dict[Path, dict] = {}
        folder_sources: dict[Path, int] = {}
        folders: list[Path] = []
        for path in files:
            try:
                folder = path.parent.resolve()
            except OSError:  # a parent past PATH_MAX
                folder = path.parent
            if folder not in sidecars:
                sidecars[folder] = load_sidecar(folder)
            folders.append(folder)
        entries = [sidecars[f].get(p.name) for p, f in zip(files, folders, strict=True)]
        reads: Iterable[FileRecord | SaveResult] = (
            executor.map(read_file, files, entries)
            if executor is not None
            else (read_file(p, e) for p, e in zip(files, entries, strict=True))
        )
        for path, folder, record in zip(files, folders, reads, strict=True):
            summary.seen += 1
            label = str(path)
            if isinstance(record, SaveResult):
                result = record
            else:
                source_id = None
                if not record.source_name and not record.source_url:
                    if folder not in folder_sources:
                        src, _ = source_q.add_source(
                            engine, folder.as_uri(), name=folder.name, kind="files"
                        )
                        assert src.id is not None
                        folder_sources[folder] = src.id
                    source_id = folder_sources[folder]
                result = _safe_save(engine, record, source_id, index)
                for warning in record.warnings:
                    summary.add_error(label, warning, kind="warning")
            if result.status == "failed":
                summary.add_error(label, result.error or "failed")
            summary.count(result)
            bar.advance(summary)
            if on_result:
                on_result(label, result)
    return summary
