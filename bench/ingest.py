"""Ingest throughput: synthetic articles behind a local HTTP server, full pipeline, twice.

    .venv/bin/python bench/ingest.py [--articles 2000] [--feeds 10]

Generates articles (varied commentary from templates, ~10% near-duplicate rewrites under
other URLs), serves them and their RSS feeds from a separate process on loopback (with
ETag support), polls the feeds into a fresh SQLite file (fetch, trafilatura extraction,
hashing, MinHash LSH, one transaction per article) and prints articles/s. Then it polls
again (the server answers 304) and once more with the ETags dropped (every item skipped by
URL), printing each run's time and its ratio to the first.
"""

from __future__ import annotations

import argparse
import email.utils
import hashlib
import http.server
import multiprocessing as mp
import os
import random
import resource
import tempfile
import time
from pathlib import Path

TICKERS = ["IWM", "the Russell 2000", "small caps", "the S&P 600", "microcaps", "IJR", "VTWO"]
SECTORS = [
    "regional banks",
    "biotech",
    "energy",
    "industrials",
    "homebuilders",
    "software",
    "retail",
    "semiconductors",
    "utilities",
    "REITs",
    "transports",
    "insurers",
]
VERBS_UP = ["rose", "climbed", "gained", "advanced", "added", "jumped"]
VERBS_DOWN = ["fell", "slipped", "dropped", "lost", "retreated", "sank"]
TEMPLATES = [
    "{T} {up} {p}% on {day} as {S} led the advance.",
    "{S} {down} {p}% over the week while {T} held near {lvl}.",
    "Our target for {T} is {lvl2} by the end of the {period}, about {p}% above today.",
    "Support sits near {lvl}; a close below it would put {lvl3} in play.",
    "The Fed is expected to cut by {bp} basis points at its next meeting.",
    "Futures price a {prob}% chance of a further move in {month}.",
    "{S} trade at {pe} times forward earnings, against {pe2} for large caps.",
    "Revenue for the median member grew {p}% year on year in the last quarter.",
    "Breadth improved: {share}% of members closed above their 50-day average.",
    "Relative to the Nasdaq 100, {T} has {down} {p}% since {month}.",
    "We would add exposure on a weekly close above {lvl2}.",
    "Credit spreads on high-yield debt narrowed by {bp} basis points this month.",
    "The ten-year yield ended at {y}%, and the two-year at {y2}%.",
    "Earnings revisions for {S} turned positive for the first time since {month}.",
    "A stronger dollar would weigh on {S}, which earn more abroad than most of the index.",
    "Volume was {p}% below its monthly average, so the move lacks conviction.",
    "Insiders bought shares in {n} index members last week, the most since {month}.",
    "{T} remains {p}% below its 2021 high despite the recent rally.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "March", "May", "June", "August", "September", "October", "December"]
PERIODS = ["quarter", "year", "month", "half"]


def _sentence(rng: random.Random) -> str:
    lvl = rng.uniform(180, 260)
    return rng.choice(TEMPLATES).format(
        T=rng.choice(TICKERS),
        S=rng.choice(SECTORS),
        up=rng.choice(VERBS_UP),
        down=rng.choice(VERBS_DOWN),
        p=round(rng.uniform(0.2, 18), 1),
        day=rng.choice(DAYS),
        lvl=f"{lvl:.2f}",
        lvl2=f"{lvl * 1.08:.0f}",
        lvl3=f"{lvl * 0.93:.0f}",
        period=rng.choice(PERIODS),
        bp=rng.choice([25, 50, 15, 40]),
        prob=rng.randrange(20, 95),
        month=rng.choice(MONTHS),
        pe=round(rng.uniform(11, 19), 1),
        pe2=round(rng.uniform(19, 24), 1),
        share=rng.randrange(30, 80),
        y=round(rng.uniform(3.6, 4.6), 2),
        y2=round(rng.uniform(3.3, 4.2), 2),
        n=rng.randrange(5, 60),
    )


def make_corpus(n: int, seed: int = 7) -> list[dict[str, str]]:
    """``n`` articles: title, paragraphs, date; every tenth is a light rewrite of an earlier
    one (the near-duplicates the index must catch)."""
    rng = random.Random(seed)
    out: list[dict[str, str]] = []
    for i in range(n):
        if i >= 20 and i % 10 == 0:
            src = out[rng.randrange(i - 20, i)]
            words = src["body"].split(" ")
            for _ in range(3):
                k = rng.randrange(len(words))
                words[k] = words[k].upper()
            body = "Republished with permission. " + " ".join(words)
            title = src["title"] + " (republished)"
        else:
            paras = [
                " ".join(_sentence(rng) for _ in range(rng.randint(4, 7)))
                for _ in range(rng.randint(4, 8))
            ]
            body = "\n\n".join(paras)
            title = f"{rng.choice(TICKERS).capitalize()} note {i}: {rng.choice(SECTORS)}"
        day = 1 + i % 28
        out.append({"id": str(i), "title": title, "body": body, "date": f"2025-10-{day:02d}"})
    return out


def _page(a: dict[str, str], base: str) -> bytes:
    paras = "".join(f"<p>{p}</p>\n" for p in a["body"].split("\n\n"))
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{a['title']}</title>"
        f"<link rel='canonical' href='{base}/a/{a['id']}'>"
        f"<meta property='article:published_time' content='{a['date']}'></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/m'>Markets</a></nav><article>"
        f"<h1>{a['title']}</h1>\n{paras}</article><footer>Bench Desk</footer></body></html>"
    ).encode()


def _feed(items: list[dict[str, str]], base: str, k: int) -> bytes:
    entries = "".join(
        f"<item><title>{a['title']}</title><link>{base}/a/{a['id']}?utm_source=rss</link>"
        f"<pubDate>{email.utils.format_datetime(email.utils.parsedate_to_datetime(_rfc(a)))}"
        f"</pubDate><description>{a['body'][:200]}</description></item>"
        for a in items
    )
    return (
        f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Bench feed {k}</title><link>{base}/</link>{entries}</channel></rss>"
    ).encode()


def _rfc(a: dict[str, str]) -> str:
    y, _m, d = (int(x) for x in a["date"].split("-"))
    return f"Wed, {d:02d} Oct {y} 12:00:00 GMT"


def serve(port_q: mp.Queue, n: int, n_feeds: int) -> None:
    """The server process: builds the corpus itself and serves pages and feeds."""
    corpus = make_corpus(n)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    routes: dict[str, bytes] = {f"/a/{a['id']}": _page(a, base) for a in corpus}
    per = -(-n // n_feeds)
    for k in range(n_feeds):
        routes[f"/feed{k}.xml"] = _feed(corpus[k * per : (k + 1) * per], base, k)
    etags = {p: '"' + hashlib.sha1(b).hexdigest() + '"' for p, b in routes.items()}

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # else headers+body writes stall 40 ms on delayed ACKs

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            body = routes.get(path)
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self.headers.get("If-None-Match") == etags[path]:
                self.send_response(304)
                self.send_header("ETag", etags[path])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            ctype = "application/rss+xml" if path.endswith(".xml") else "text/html; charset=utf-8"
            self.send_header("Content-Type", ctype)
            self.send_header("ETag", etags[path])
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd.RequestHandlerClass = Handler
    httpd.daemon_threads = True
    port_q.put(base)
    httpd.serve_forever()


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the extraction workers;
    the server process is still running, so it is not counted)."""
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--feeds", type=int, default=10)
    ap.add_argument(
        "--processes",
        type=int,
        default=None,
        help="extraction processes (default: one per core; 0: threads only)",
    )
    args = ap.parse_args()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} before the run")

    from sqlalchemy import update

    from ingest.pipeline import poll_feeds
    from store.db import get_engine, session_scope
    from store.models import Source
    from store.sources import add_source

    q: mp.Queue = mp.Queue()
    proc = mp.Process(target=serve, args=(q, args.articles, args.feeds), daemon=True)
    proc.start()
    base = q.get(timeout=60)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            engine = get_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
            for k in range(args.feeds):
                add_source(engine, f"{base}/feed{k}.xml")
            t0, c0, m0 = time.perf_counter(), _cpu(), time.thread_time()
            first = poll_feeds(engine, processes=args.processes)
            t1, c1, m1 = time.perf_counter() - t0, _cpu() - c0, time.thread_time() - m0
            print(
                f"run 1: {first.new} new ({first.syndicated} syndicated), {first.failed} failed,"
                f" {t1:.2f} s, {first.new / t1:.0f} articles/s; CPU {c1:.1f} s "
                f"({c1 / max(first.new, 1) * 1000:.1f} ms/article, client side incl. workers)"
            )
            print(
                f"       writer thread CPU {m1 / max(first.new, 1) * 1000:.1f} ms/article (the "
                f"serial part: feed parsing, hashing, MinHash, LSH, SQLite); extraction "
                f"processes: {first.processes}"
            )
            t0 = time.perf_counter()
            second = poll_feeds(engine, force=True)
            t2 = time.perf_counter() - t0
            print(
                f"run 2 (304s): {second.new} new, {second.feeds_not_modified} feeds not "
                f"modified, {t2:.3f} s, {t2 / t1:.4f} of run 1"
            )
            with session_scope(engine) as s:
                s.execute(update(Source).values(etag=None, last_modified=None))
            t0 = time.perf_counter()
            third = poll_feeds(engine, force=True)
            t3 = time.perf_counter() - t0
            print(
                f"run 3 (no ETags, URL skips): {third.new} new, {third.duplicate} skipped, "
                f"{t3:.3f} s, {t3 / t1:.4f} of run 1"
            )
    finally:
        proc.terminate()


if __name__ == "__main__":
    main()
