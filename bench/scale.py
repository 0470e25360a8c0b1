"""Bench: how cost grows with volume, one process vs a local Dask cluster, SQLite vs PostgreSQL.

    .venv/bin/python bench/scale.py --pg postgresql+psycopg://postgres@127.0.0.1:5432
    .venv/bin/python bench/scale.py --pg URL --articles 10000 100000 --claims 100000 1000000
    .venv/bin/python bench/scale.py --pg URL --articles --claims --writer-volume 10000 100000
    .venv/bin/python bench/scale.py --pg URL --articles --claims 1000000 --reuse-claims

Part 1 (``--articles``): for each size, that many generated articles
(``tests/sample_store/articles.py``, this project's own templates) are bulk-inserted into a
fresh PostgreSQL database, then extracted (claims + sentiment stances) and checked against the
shared market CSVs, once in this process (``extract_stored`` / ``check_stored``) and once on
a local cluster of ``--workers`` worker processes (``cluster.extract_on_cluster`` /
``check_on_cluster``). Models are loaded before the clock starts on both sides. Prints
articles/s, ms per article, the speed-up, peak memory per process (this one; each worker),
and the database size. Each side's extraction also gets its CPU time per article by process
(``CpuMeter``: this process, which on the cluster side is the scheduler and the one writer
too; each worker; the PostgreSQL server), the cores it kept busy (CPU / wall) and, for the
cluster, its ceiling on the machine's cores: cores / CPU per article. CPU time barely moves
when other jobs share the machine, so the ceiling is the figure to compare on a busy box.
``--writer`` also times the other way of writing: the default returns rows to this process
as the one writer; ``--writer`` adds the workers writing their own (extraction only).
``--no-check`` skips checking (extraction figures only).

Part 2 (``--claims``): a bulk store of that many claims (``tests/sample_store/bulk.py``; 10
claims per article) on SQLite and on PostgreSQL, then claim search p50/p95 and the one-day
digest (``bench/digest_ui.py``'s measures). Goals: search p95 < 50 ms, one-day digest < 2 s.

Part 3 (``--writer-volume N...``): the one writer's cost per article written into a store
that already holds N extracted articles (the only step whose cost can grow with the store),
without extracting N articles first: see ``part_writer_volume``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# bench/ holds scripts named like the packages (crosscheck.py): keep it off the import path
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))


def _digest_ui() -> Any:
    """``bench/digest_ui.py``'s search and digest measures, loaded by path."""
    spec = importlib.util.spec_from_file_location("digest_ui", ROOT / "bench" / "digest_ui.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


from sample_store.articles import insert_articles  # noqa: E402
from sample_store.bulk import generate_bulk  # noqa: E402
from sample_store.pg import drop_database, new_database  # noqa: E402
from sqlalchemy import text  # noqa: E402

from crosscheck import MarketData  # noqa: E402
from crosscheck.run import check_stored  # noqa: E402
from nlp.store_pipeline import extract_stored  # noqa: E402
from store.db import dispose_all, get_engine  # noqa: E402
from thesisdesk.settings import market_dir  # noqa: E402


def store_mb(url: str) -> float:
    if url.startswith("sqlite"):
        path = Path(url.split(":///", 1)[1])
        return (
            sum(
                Path(str(path) + s).stat().st_size
                for s in ("", "-wal")
                if Path(str(path) + s).exists()
            )
            / 1e6
        )
    with get_engine(url, migrate=False).connect() as conn:
        return conn.execute(text("SELECT pg_database_size(current_database())")).scalar() / 1e6


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def model_runs() -> int:
    """Sentences the sentiment model has run through its network in this process (cache
    misses: each process, and so each worker, has its own cache)."""
    from nlp.sentiment import load_model

    return int(getattr(load_model(), "computed", 0))  # 0: a model before the counter


def fresh_model_cache() -> None:
    """Forget the sentences scored so far (run on each side before its clock starts): every
    size and side generates the same articles from the same seed, and a cache warmed by an
    earlier run would hide the model's cost."""
    from nlp.sentiment import load_model

    model = load_model()
    with model._lock:
        model._cache.clear()


def worker_rss() -> float:
    """Peak resident memory of the calling worker process, MB (run on each worker)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class CpuMeter:
    """CPU seconds (user + system) by process over one span: this process, the cluster's
    workers, and the PostgreSQL backends serving the bench's database (other databases on
    the same server, and the server's shared helpers, are not counted; a backend that exits
    within the span is lost, but the pools keep theirs open).

    Why: on a shared machine wall time measures the neighbours; CPU time per article says
    what each side costs, and cores / (cluster CPU per article) is the most a cluster on
    those cores can reach, whatever the load."""

    def __init__(self, url: str, client: Any = None) -> None:
        import psutil

        self.engine = get_engine(url, migrate=False)
        self.client = client
        workers = client.run(os.getpid) if client is not None else {}
        self.procs = {"this process": psutil.Process(os.getpid())} | {
            f"worker {n + 1}": psutil.Process(pid) for n, pid in enumerate(workers.values())
        }
        self.start: dict[str, float] = {}
        self.backends0: dict[int, float] = {}
        self.sentences0 = 0
        self.t0 = 0.0
        self.load0 = 0.0

    def _backends(self) -> dict[int, float]:
        """CPU seconds so far of each backend connected to the bench's database."""
        import psutil

        with self.engine.connect() as conn:
            pids = conn.execute(
                text("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
            ).scalars()
            out: dict[int, float] = {}
            for pid in pids:
                with contextlib.suppress(psutil.NoSuchProcess):  # exited since the listing
                    out[int(pid)] = sum(psutil.Process(int(pid)).cpu_times()[:2])
        return out

    def _now(self) -> dict[str, float]:
        return {name: sum(p.cpu_times()[:2]) for name, p in self.procs.items()}

    def _sentences(self) -> int:
        if self.client is None:
            return model_runs()
        return sum(self.client.run(model_runs).values())

    def __enter__(self) -> CpuMeter:
        self.load0 = os.getloadavg()[0]
        self.backends0 = self._backends()
        self.sentences0 = self._sentences()
        self.start = self._now()
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.t0
        end = self._now()
        self.cpu = {name: end[name] - self.start[name] for name in end}
        self.cpu["postgres"] = sum(
            cpu - self.backends0.get(pid, 0.0) for pid, cpu in self._backends().items()
        )
        self.load1 = os.getloadavg()[0]
        self.sentences = self._sentences() - self.sentences0

    def report(self, n: int) -> str:
        """CPU ms per article by process, their total, and the cores kept busy."""
        total = sum(self.cpu.values())
        parts = ", ".join(f"{k} {v * 1000 / n:.2f}" for k, v in self.cpu.items())
        return (
            f"CPU ms/article: {parts}; total {total * 1000 / n:.2f} in "
            f"{self.wall * 1000 / n:.2f} ms wall = {total / self.wall:.2f} cores busy "
            f"(load {self.load0:.1f} -> {self.load1:.1f}); "
            f"{self.sentences / n:.2f} sentences/article through the model"
        )

    def per_article(self, n: int) -> float:
        return sum(self.cpu.values()) / n


def warm_here() -> None:
    """spaCy, the instrument lexicon and the sentiment model, loaded before any clock (the
    cluster's workers load the same in ``cluster.runner.warm``)."""
    from nlp.linking import default_lexicon
    from nlp.pipeline import get_nlp
    from nlp.sentiment import load_model

    get_nlp()
    default_lexicon()
    load_model()


def run_single(url: str, n: int, market_path: Path, check: bool = True) -> dict[str, Any]:
    engine = get_engine(url)
    empty = store_mb(url)
    insert_articles(engine, n)
    fresh_model_cache()
    with CpuMeter(url) as meter:
        ex = extract_stored(engine)
    t_ex = meter.wall
    load = os.getloadavg()[0]
    assert ex.articles_done == n and not ex.articles_failed, ex.errors[:3]
    out: dict[str, Any] = {
        "extract_s": t_ex,
        "load": load,
        "claims": ex.claims_written,
        "meter": meter,
    }
    if check:
        t = time.perf_counter()
        ck = check_stored(engine, market=MarketData.from_directory(market_path))
        out["check_s"] = time.perf_counter() - t
        out["checked"] = ck.checked
    out["mb"] = store_mb(url) - empty
    out["rss"] = peak_rss_mb()
    return out


def run_cluster(
    client: Any,
    url: str,
    n: int,
    market_path: Path,
    write: bool,
    check: bool = True,
    batch: int | None = None,
) -> dict[str, Any]:
    from cluster import check_on_cluster, extract_on_cluster

    engine = get_engine(url)
    empty = store_mb(url)
    insert_articles(engine, n)
    client.run(fresh_model_cache)
    with CpuMeter(url, client) as meter:
        ex = extract_on_cluster(
            client, engine, write_on_workers=write, **({"batch": batch} if batch else {})
        )
    t_ex = meter.wall
    assert ex.articles_done == n and not ex.articles_failed, ex.errors[:3]
    out: dict[str, Any] = {
        "extract_s": t_ex,
        "claims": ex.claims_written,
        "load": os.getloadavg()[0],
        "meter": meter,
    }
    if check and not write:
        t = time.perf_counter()
        market = MarketData.from_directory(market_path)
        ck = check_on_cluster(client, engine, market, market_dir=market_path)
        out["check_s"] = time.perf_counter() - t
        out["checked"] = ck.checked
    out["mb"] = store_mb(url) - empty
    out["worker_rss"] = max(client.run(worker_rss).values())
    return out


def part_articles(args: argparse.Namespace) -> None:
    from cluster import connect
    from cluster.runner import warm

    market_path = market_dir()
    assert market_path is not None, "no market data (set THESISDESK_DATA)"
    print(f"== extraction and checking ({args.workers}-worker local cluster vs one process) ==")
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    warm_here()
    per_article: dict[str, list[tuple[int, float, float]]] = {"single": [], "cluster": []}
    with connect(f"local:{args.workers}", timeout=300) as client:
        client.run(warm, True, None)
        for n in args.articles:
            one: dict[str, Any] | None = None
            if args.sides in ("both", "single"):
                url = new_database(args.pg, "scale")
                one = run_single(url, n, market_path, not args.no_check)
                drop_database(args.pg, url)
            many: dict[str, Any] | None = None
            if args.sides in ("both", "cluster"):
                url = new_database(args.pg, "scale")
                many = run_cluster(
                    client, url, n, market_path, False, not args.no_check, args.batch
                )
                drop_database(args.pg, url)
            rows = [("one process", one), (f"cluster x{args.workers}", many)]
            rows = [(label, r) for label, r in rows if r is not None]
            if args.writer and n == args.articles[0]:
                url = new_database(args.pg, "scale")
                writer = run_cluster(client, url, n, market_path, True, False, args.batch)
                rows.append(("cluster, workers write", writer))
                drop_database(args.pg, url)
            print(f"{n:,} articles ({int(rows[0][1]['claims']):,} claims):")
            for label, r in rows:
                rate = n / r["extract_s"]
                check = (
                    f"; check {r['checked'] / r['check_s']:8.0f} claims/s" if "check_s" in r else ""
                )
                mem = (
                    f"peak RSS {r['rss']:.0f} MB"
                    if "rss" in r
                    else f"peak RSS per worker {r['worker_rss']:.0f} MB"
                )
                print(
                    f"  {label:<20} extract {rate:7.1f} articles/s "
                    f"({1000 / rate:6.1f} ms/article, load {r['load']:.1f} after){check}; "
                    f"{mem}; store +{r['mb']:.0f} MB ({r['mb'] * 1000 / n:.1f} kB/article)"
                )
                print(f"    {r['meter'].report(n)}")
            for side, r in (("single", one), ("cluster", many)):
                if r is not None:
                    per_article[side].append((n, r["extract_s"] / n, r["meter"].per_article(n)))
            if one is None or many is None:
                continue  # one side only (--sides): no ratio
            cores = os.cpu_count() or 1
            ceiling = cores / many["meter"].per_article(n)
            print(
                f"  cluster's ceiling on {cores} cores: {ceiling:.1f} articles/s = "
                f"{ceiling * one['extract_s'] / n:.2f}x this run's one process "
                f"({n / one['extract_s']:.1f} articles/s; CPU per article cluster/one process "
                f"{many['meter'].per_article(n) / one['meter'].per_article(n):.2f})"
            )
            print(f"  speed-up on extraction: {one['extract_s'] / many['extract_s']:.2f}x")
    for side, pts in per_article.items():
        if len(pts) > 1:
            (n0, w0, c0), (n1, w1, c1) = pts[0], pts[-1]
            print(
                f"cost per article, {side}: {w0 * 1000:.1f} ms wall ({c0 * 1000:.1f} ms CPU) at "
                f"{n0:,} -> {w1 * 1000:.1f} ms wall ({c1 * 1000:.1f} ms CPU) at {n1:,} "
                f"(wall {(w1 / w0 - 1) * 100:+.0f}%, CPU {(c1 / c0 - 1) * 100:+.0f}%)"
            )


def part_writer_volume(args: argparse.Namespace) -> None:
    """The one writer's cost per article in a store already holding N extracted articles.

    Extraction itself never reads more than its own articles; what can grow with the store is
    the write (index upkeep, the ``subject_day`` refresh of slices that fill up). So for each
    N: N generated articles (same days and sources as part 1), all but the last 640 written
    with claims cycled from those 640's real extraction (the same writer, batches of 1,000,
    the summary rebuilt once at the end),
    then the 640 written as the cluster's writer writes them (batches of 64), timed; then
    rewritten in batches of ``--write-batches`` sizes (the batch-size trade-off)."""
    from nlp.stance_pipeline import StanceStep
    from nlp.store_pipeline import ExtractSummary, extract_chunk, store_batch
    from store import rollup
    from store.extracted import write_articles

    print("== the one writer at volume (ms per article written, batches of 64) ==")
    warm_here()
    step = StanceStep()
    sample = 640
    rows: list[Any] = []
    for n in args.writer_volume:
        url = new_database(args.pg, "scale")
        engine = get_engine(url)
        ids = insert_articles(engine, n)
        fill, last = ids[:-sample], ids[-sample:]
        if not rows:  # the same 640 real extractions for every size
            rows = extract_chunk(engine, last, step)
        t = time.perf_counter()
        for lo in range(0, len(fill), 1000):
            batch = [
                (aid, *rows[(lo + k) % sample][1:]) for k, aid in enumerate(fill[lo : lo + 1000])
            ]
            with engine.begin() as conn:
                write_articles(conn, batch, extractor_version="bench-fill", refresh=False)
        with engine.begin() as conn:  # the summary once, as a bulk load would
            rollup.rebuild(conn)
        filled = time.perf_counter() - t
        with engine.connect() as conn:  # fresh statistics, as autovacuum would
            conn.execute(text("ANALYZE"))
            conn.commit()
        mine = [(aid, *r[1:]) for aid, r in zip(last, rows, strict=True)]
        figures = []
        for size in (64, *(b for b in args.write_batches if b != 64)):  # 64 first: new rows
            summary = ExtractSummary()
            t = time.perf_counter()
            for lo in range(0, sample, size):
                store_batch(engine, summary, mine[lo : lo + size])
            took = time.perf_counter() - t
            assert summary.articles_done == sample and not summary.articles_failed
            figures.append(f"{took * 1000 / sample:.2f} ms ({size} a batch)")
        print(
            f"  store of {n:,} articles ({store_mb(url):.0f} MB; filled in {filled:.0f} s): "
            f"per article written {', '.join(figures)} (load {os.getloadavg()[0]:.1f})"
        )
        if not args.keep:
            drop_database(args.pg, url)


def _kept_pg(server: str, claims: int) -> tuple[str, bool]:
    """The kept database for ``--reuse-claims`` (its URL; whether it already holds a store)."""
    import psycopg

    name = f"scale_claims_{claims}"
    admin = server.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not found:
            conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}", bool(found)


def part_claims(args: argparse.Namespace) -> None:
    for claims in args.claims:
        articles = claims // 10
        for backend in ("sqlite", "postgres"):
            built = False
            if backend == "sqlite":
                path = Path(args.sqlite_dir) / f"scale-{claims}.db"
                built = args.reuse_claims and path.exists()
                if not built:
                    for s in ("", "-wal", "-shm"):
                        Path(str(path) + s).unlink(missing_ok=True)
                url = f"sqlite:///{path}"
            elif args.reuse_claims:
                url, built = _kept_pg(args.pg, claims)
            else:
                url = new_database(args.pg, "scale")
            t = time.perf_counter()
            if built:  # a kept store: brought up to the current schema by get_engine
                get_engine(url)
            else:
                generate_bulk(get_engine(url), articles=articles, claims=claims, days=10)
            if backend == "postgres" and not built:
                with get_engine(url).connect() as conn:  # fresh statistics, as autovacuum would
                    conn.execute(text("ANALYZE"))
                    conn.commit()
            print(
                f"== {backend}: {claims:,} claims / {articles:,} articles, "
                f"{'reused' if built else 'built'} in {time.perf_counter() - t:.0f} s, "
                f"{store_mb(url):.0f} MB =="
            )
            ui_bench = _digest_ui()
            ui_bench.bench_search(url, args.queries)
            ui_bench.bench_digest(url, args.runs)
            if args.reuse_claims:
                dispose_all()
            elif backend == "postgres":
                drop_database(args.pg, url)
            else:
                dispose_all()
                for s in ("", "-wal", "-shm"):
                    Path(str(path) + s).unlink(missing_ok=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pg", required=True, help="PostgreSQL server URL (no database name)")
    ap.add_argument("--articles", type=int, nargs="*", default=[10_000, 100_000])
    ap.add_argument("--claims", type=int, nargs="*", default=[100_000, 1_000_000])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument(
        "--sides",
        choices=("both", "single", "cluster"),
        default="both",
        help="which side(s) of part 1 to run (one side: its cost per article, no ratio)",
    )
    ap.add_argument(
        "--writer", action="store_true", help="also time the workers writing (first size)"
    )
    ap.add_argument(
        "--writer-volume",
        type=int,
        nargs="*",
        default=[],
        help="the writer's cost per article in stores of these many articles",
    )
    ap.add_argument(
        "--write-batches",
        type=int,
        nargs="*",
        default=[1, 16, 256],
        help="with --writer-volume: also rewrite the sample in batches of these sizes",
    )
    ap.add_argument(
        "--batch", type=int, default=None, help="articles per cluster task (default: the runner's)"
    )
    ap.add_argument(
        "--no-check", action="store_true", help="time extraction only (part 1 skips checking)"
    )
    ap.add_argument("--keep", action="store_true", help="keep --writer-volume's databases")
    ap.add_argument("--sqlite-dir", default="/tmp")
    ap.add_argument(
        "--reuse-claims",
        action="store_true",
        help="keep the --claims stores (SQLite in --sqlite-dir, PostgreSQL database "
        "scale_claims_N) and reuse them on the next run instead of building them again",
    )
    ap.add_argument("--queries", type=int, default=100, help="searches per figure")
    ap.add_argument("--runs", type=int, default=3, help="digest runs per figure")
    args = ap.parse_args()
    if args.articles:
        part_articles(args)
    if args.writer_volume:
        part_writer_volume(args)
    if args.claims:
        part_claims(args)


if __name__ == "__main__":
    main()
