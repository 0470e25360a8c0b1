"""Extraction and checking on a Dask cluster of 2 worker processes against real PostgreSQL.

The cluster must write exactly what one process writes (claims, stances, verdicts, the
digest), and a worker killed in the middle of a run must lose no article and leave none half
written. Slow (a cluster and the models start), generous timeouts for a loaded 2-core box.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sample_store.articles import insert_articles
from sample_store.pg import drop_database, new_database
from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from crosscheck import MarketData
from crosscheck.run import check_stored
from digest import build_digest, render
from nlp.store_pipeline import extract_stored
from store.db import get_engine, session_scope
from store.models import Article, ArticleStance, ClaimRow, VerdictRow

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.usefixtures("claims_nlp")]

ARTICLES = 48
DAY = dt.date(2026, 4, 30)


@pytest.fixture(scope="module")
def databases(pg_server_url: str) -> Iterator[list[str]]:
    urls = [new_database(pg_server_url, "c") for _ in range(3)]
    yield urls
    for url in urls:
        drop_database(pg_server_url, url)


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    from cluster import connect

    with connect("local:2", timeout=300) as c:
        yield c


def _claims(engine: Engine) -> dict[str, list[dict]]:
    """Per article (by URL): its claims in the order written, every stored field but ids."""
    out: dict[str, list[dict]] = {}
    with session_scope(engine) as s:
        rows = s.execute(
            select(ClaimRow, Article.canonical_url)
            .join(Article, Article.id == ClaimRow.article_id)
            .order_by(ClaimRow.id)
        ).all()
        for claim, url in rows:
            data = claim.model_dump(exclude={"id", "article_id", "created_at"})
            out.setdefault(url, []).append(data)
        for art in s.execute(select(Article)).scalars():
            out.setdefault(art.canonical_url, [])
    return out


def _stances(engine: Engine) -> list[tuple]:
    with session_scope(engine) as s:
        rows = s.execute(select(ArticleStance)).scalars().all()
        return sorted(
            (r.article_id, r.subject, r.stance, r.score, r.n_sentences, r.model_version)
            for r in rows
        )


def _verdicts(engine: Engine) -> list[tuple]:
    with session_scope(engine) as s:
        rows = s.execute(
            select(VerdictRow, ClaimRow.article_id, ClaimRow.quote, ClaimRow.kind).join(
                ClaimRow, ClaimRow.id == VerdictRow.claim_id
            )
        ).all()
        return sorted(
            (aid, quote, kind, v.verdict, v.reason, v.actual, v.severity, v.confidence)
            for v, aid, quote, kind in rows
        )


def _digest(engine: Engine) -> dict:
    """The digest as JSON, without claim ids (the cluster writes claims in another order)."""

    def strip(x: object) -> object:
        if isinstance(x, dict):
            return {k: strip(v) for k, v in x.items() if k not in ("claim_id", "id")}
        if isinstance(x, list):
            return [strip(v) for v in x]
        return x

    data = json.loads(render(build_digest(engine, DAY, days=30), "json"))
    data.pop("generated_at", None)
    return strip(data)  # type: ignore[return-value]


@pytest.fixture(scope="module")
def reference(databases: list[str], market_dir: Path) -> Engine:
    """The same articles extracted and checked in this one process."""
    engine = get_engine(databases[0])
    insert_articles(engine, ARTICLES)
    summary = extract_stored(engine)
    assert summary.articles_done == ARTICLES and not summary.warnings
    check_stored(engine, market=MarketData.from_directory(market_dir))
    return engine


def test_cluster_writes_what_one_process_writes(
    client, databases: list[str], reference: Engine, market_dir: Path
) -> None:
    from cluster import check_on_cluster, extract_on_cluster
    from cluster.runner import models_loaded

    engine = get_engine(databases[1])
    insert_articles(engine, ARTICLES)
    summary = extract_on_cluster(client, engine, batch=5)
    assert summary.articles_done == ARTICLES and summary.articles_failed == 0
    assert not summary.warnings and summary.stance_model
    market = MarketData.from_directory(market_dir)
    checked = check_on_cluster(client, engine, market, market_dir=market_dir, batch=40)
    assert checked.failed == 0 and checked.checked == checked.claims > 100

    ref_claims = _claims(reference)
    assert sum(map(len, ref_claims.values())) > 3 * ARTICLES
    assert _claims(engine) == ref_claims
    assert _stances(engine) == _stances(reference) != []
    assert _verdicts(engine) == _verdicts(reference) != []
    assert _digest(engine) == _digest(reference)
    # the model was loaded once per worker (a process cache), not once per task
    assert sorted(client.run(models_loaded).values()) == [1, 1]  # type: ignore[attr-defined]
    # a second run finds nothing to do
    again = extract_on_cluster(client, engine)
    assert again.articles_seen == 0 and again.articles_done == 0
    # stances from another model version are re-scored on the workers, to the same values
    with session_scope(engine) as s:
        s.execute(
            update(ArticleStance)
            .where(ArticleStance.article_id.in_([1, 2, 3]))  # type: ignore[attr-defined]
            .values(model_version="an older model")
        )
    rescored = extract_on_cluster(client, engine, batch=2)
    assert rescored.articles_restanced == 3 and rescored.articles_failed == 0
    assert _stances(engine) == _stances(reference)


def test_a_killed_worker_loses_no_article(client, databases: list[str], reference: Engine) -> None:
    from cluster import extract_on_cluster

    engine = get_engine(databases[2])
    insert_articles(engine, ARTICLES)
    killed: list[int] = []

    def kill_one_busy_worker(task: str, done: int, total: int) -> None:
        if killed or done >= total:
            return
        busy = [w for w, tasks in client.processing().items() if tasks]  # type: ignore[attr-defined]
        if not busy:
            return
        pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]  # type: ignore[attr-defined]
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    # the workers write here: a kill may land inside an article's transaction
    summary = extract_on_cluster(
        client, engine, batch=3, progress=kill_one_busy_worker, write_on_workers=True
    )
    assert killed, "no worker was busy when the first batch finished"
    if summary.articles_failed:  # lost for good this run: the next run must pick them up
        summary = extract_on_cluster(client, engine, batch=3, write_on_workers=True)
        assert summary.articles_failed == 0
    with session_scope(engine) as s:
        stamped = s.execute(select(Article.extractor_version)).scalars().all()
        assert len(stamped) == ARTICLES and all(stamped)
    # every article has exactly its claims: nothing lost, nothing doubled, nothing partial
    assert _claims(engine) == _claims(reference)
    assert _stances(engine) == _stances(reference)
    # the nanny restarted the killed worker: the cluster is whole again
    deadline = time.monotonic() + 120
    while len(client.scheduler_info()["workers"]) < 2 and time.monotonic() < deadline:  # type: ignore[attr-defined]
        time.sleep(0.5)


def _articles(engine: Engine) -> list[tuple]:
    with session_scope(engine) as s:
        rows = s.execute(select(Article).order_by(Article.id)).scalars().all()
        return [(a.title, a.text, a.published, a.content_hash, a.duplicate_of_id) for a in rows]


def test_folder_ingest_reads_files_on_the_workers(client, pg_url: str, sqlite_url: str) -> None:
    """The demo's pages and texts, read on the workers, stored as one process stores them
    (the same articles in the same order, duplicates caught by the one writer)."""
    from ingest.pipeline import ingest_paths

    root = Path(__file__).resolve().parent.parent / "demo"
    folders = [root / "site" / "articles", root / "texts"]
    local, remote = get_engine(sqlite_url), get_engine(pg_url)
    one = ingest_paths(local, folders)
    executor = client.get_executor(pure=False)  # type: ignore[attr-defined]
    spread = ingest_paths(remote, folders, executor=executor)
    assert (spread.new, spread.duplicate, spread.failed) == (one.new, one.duplicate, one.failed)
    assert one.new > 10
    assert _articles(remote) == _articles(local)


def test_a_run_shares_one_stance_step_per_worker() -> None:
    """A worker keeps one stance step per run (its cached store closes serve all the run's
    tasks, as in one process) and starts a fresh one for the next run."""
    from cluster.runner import _step

    first = _step("run-1", True, None)
    assert _step("run-1", True, None) is first
    second = _step("run-2", True, None)
    assert second is not first and _step("run-2", True, None) is second
    assert _step("run-2", False, None) is not second  # the model switched off: another step
