"""Cross-check benchmark: verdicts per second with cached series, and the seed verdicts.

    .venv/bin/python bench/crosscheck.py [--n 100000] [--market-dir DIR] [--shared DIR]
                                         [--extract]

1. Speed: N synthetic claims (a realistic mix of kinds, subjects and periods drawn from the
   market data's own date range) through ``check_claims`` with one cached ``MarketData``,
   against a baseline in the same process that re-reads the series for every claim (what a
   checker without the cache would do), on a small sample.
2. Seeds: the gold claims of ``shared/spec/gold/seeds.jsonl`` (article dates from
   ``shared/seeds/index.jsonl``) through the checker: counts per verdict and every
   contradicted claim with its difference. ``--extract`` also runs the extractor on the seed
   texts and checks what it finds.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crosscheck import MarketData, check_claim, check_claims  # noqa: E402
from nlp.quote_facts import fill_provenance  # noqa: E402
from thesisdesk.records import Claim  # noqa: E402

D = dt.date


def synthetic_claims(n: int, seed: int = 7) -> list[Claim]:
    """A mix like real commentary: mostly returns, then levels, streaks, rates, opinions."""
    rng = random.Random(seed)
    subjects = ["IWM", "^RUT", "SPY", "^GSPC", "QQQ", "^NDX", "CRDO", "IONQ", "small caps", "DIA"]
    out: list[Claim] = []
    for k in range(n):
        year = rng.randint(2021, 2025)
        q = rng.randint(1, 4)
        start = D(year, 3 * q - 2, 1)
        end = (D(year + (q == 4), (3 * q) % 12 + 1, 1)) - dt.timedelta(days=1)
        subject = rng.choice(subjects)
        roll = rng.random()
        common = dict(quote="synthetic claim", start=0, end=15, article=f"a{k % 5000}")
        if roll < 0.45:
            c = Claim(
                kind="performance",
                subject=subject,
                unit="pct",
                value=round(rng.uniform(-15, 25), rng.choice([0, 1, 2])),
                comparator=rng.choice(["eq", "approx", "gt"]),
                period_start=start,
                period_end=end,
                **common,
            )
        elif roll < 0.55:
            c = Claim(
                kind="performance",
                subject="IWM",
                unit="pp",
                role="relative",
                benchmark="SPY",
                value=round(rng.uniform(-5, 5), 1),
                period_start=start,
                period_end=end,
                **common,
            )
        elif roll < 0.65:
            c = Claim(
                kind="performance",
                subject=subject,
                unit="months",
                role="streak",
                value=rng.randint(1, 6),
                period_end=end,
                **common,
            )
        elif roll < 0.80:
            sym = rng.choice(["IWM", "SPY", "^RUT", "^GSPC"])
            c = Claim(
                kind="price_level",
                subject=sym,
                unit="usd",
                role="current",
                value=rng.uniform(150, 7000),
                comparator="approx",
                as_of=end,
                **common,
            )
        elif roll < 0.87:
            c = Claim(
                kind="price_level",
                subject="IWM",
                unit="usd",
                role="high",
                value=rng.uniform(150, 300),
                period_start=start,
                period_end=end,
                as_of=end,
                **common,
            )
        elif roll < 0.93:
            c = Claim(
                kind="rate_decision",
                subject="FEDFUNDS",
                unit="bp",
                value=rng.choice([-50, -25, 0, 25, 50, 75]),
                period_start=start,
                period_end=end,
                **common,
            )
        else:
            c = Claim(
                kind=rng.choice(["valuation", "price_level"]),
                subject=subject,
                unit="x" if roll < 0.96 else "usd",
                role="support",
                value=20,
                **common,
            )
        out.append(c)
    return out


def bench_speed(market_dir: Path, n: int) -> None:
    claims = synthetic_claims(n)
    market = MarketData.from_directory(market_dir)
    t0 = time.perf_counter()
    check_claims(claims[:2000], market)  # warm the cache (every series read once)
    warm = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    verdicts = check_claims(claims, market)
    cached, cached_cpu = time.perf_counter() - t0, time.process_time() - c0
    counts = collections.Counter(v.verdict.value for v in verdicts)
    sample = claims[:200]
    t0, c0 = time.perf_counter(), time.process_time()
    for c in sample:  # baseline: no cache, every claim reads its series again
        check_claim(c, MarketData.from_directory(market_dir))
    uncached, uncached_cpu = time.perf_counter() - t0, time.process_time() - c0
    rate, base = n / cached, len(sample) / uncached
    rate_cpu, base_cpu = n / cached_cpu, len(sample) / uncached_cpu
    print("== speed ==")
    print(f"claims: {n:,}  verdicts: {dict(counts)}")
    print(f"cache warm-up (first 2,000 claims, series loaded): {warm:.2f} s")
    print(
        f"cached:   {rate:,.0f} verdicts/s wall, {rate_cpu:,.0f}/s CPU "
        f"({cached:.2f} s wall, {cached_cpu:.2f} s CPU for {n:,})"
    )
    print(
        f"uncached: {base:,.0f} verdicts/s wall, {base_cpu:,.0f}/s CPU "
        f"(baseline, {len(sample)} claims re-reading the CSVs)"
    )
    print(
        f"speed-up from the cache: {rate_cpu / base_cpu:,.0f}x (CPU); goal >= 10,000/s: "
        f"{'met' if rate >= 10_000 else 'not met'} on wall time, "
        f"{'met' if rate_cpu >= 10_000 else 'not met'} on CPU time "
        f"(wall time counts other processes sharing the machine)"
    )


def load_seeds(shared: Path) -> tuple[list[Claim], dict[str, dt.date]]:
    published = {}
    for line in (shared / "seeds" / "index.jsonl").read_text().splitlines():
        if line.strip():
            row = json.loads(line)
            published[row["article"]] = D.fromisoformat(row["published"])
    fields = set(Claim.model_fields)
    claims = []
    for line in (shared / "spec" / "gold" / "seeds.jsonl").read_text().splitlines():
        if line.strip():
            gold = Claim(**{k: v for k, v in json.loads(line).items() if k in fields})
            claims.append(fill_provenance(gold))  # what the extractor would have recorded
    return claims, published


def report(claims: list[Claim], market: MarketData, published: dict[str, dt.date], title: str):
    verdicts = check_claims(claims, market, published_by_article=published)
    counts = collections.Counter(v.verdict.value for v in verdicts)
    print(f"\n== {title}: {len(claims)} claims: {dict(sorted(counts.items()))} ==")
    for c, v in zip(claims, verdicts, strict=True):
        stated = c.value if c.value is not None else f"{c.low}-{c.high}"
        line = (
            f"{(c.article or '')[:3]} {v.verdict.value:<12} {c.kind:<16} {c.subject:<10} "
            f"{c.comparator:<6} {stated} {c.unit}"
        )
        if v.verdict.value != "unverifiable":
            line += (
                f" | actual {v.actual:.4g} diff {v.difference:+.4g} tol {v.tolerance:.3g}"
                f" [{v.series} {v.basis} {v.date_start}..{v.date_end}]"
            )
            if v.severity:
                line += f" severity {v.severity:.1f}"
        print(line)
    print("contradicted:")
    for c, v in zip(claims, verdicts, strict=True):
        if v.verdict.value == "contradicted":
            print(f"  {c.article} {c.subject} {c.kind}: {v.reason}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--market-dir", type=Path, default=None)
    ap.add_argument("--extract", action="store_true", help="also extract and check seed texts")
    args = ap.parse_args()
    market_dir = args.market_dir or args.shared / "data" / "market"
    bench_speed(market_dir, args.n)
    market = MarketData.from_directory(market_dir)
    claims, published = load_seeds(args.shared)
    report(claims, market, published, "gold seed claims")
    if args.extract:
        from nlp.extract import extract_claims

        found: list[Claim] = []
        for name, day in published.items():
            text = (args.shared / "seeds" / name).read_text(encoding="utf-8")
            found += extract_claims(text, day, article=name)
        report(found, market, published, "extracted seed claims")


if __name__ == "__main__":
    main()
