"""Extractor fuzz: N random and adversarial texts through the extraction API.

Usage: python bench/extract_fuzz.py [--n 100000] [--seed 14] [--slowest 10] [--json]

Texts are generated, never read from third-party corpora: random mixes of words, figures,
symbols, emoji, control characters and lone surrogates, and the known pathological shapes
(repetitions to 16,000+ characters, long runs of one symbol, 400-digit figures, "1e400",
megabyte texts) with random dates including year 1 and year 9999. Each text goes through
``extract_claims`` one at a time (so each is timed alone). Printed: texts, exceptions,
invalid claims (non-finite numbers, quote != text[start:end], JSON that is not strict),
total and per-text time, and the slowest texts (a preview of each). Exit 1 on any
exception or invalid claim.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = [
    "the",
    "Russell",
    "2000",
    "IWM",
    "small",
    "caps",
    "rose",
    "fell",
    "gained",
    "slipped",
    "dropped",
    "rallied",
    "week",
    "month",
    "year",
    "Monday",
    "Friday",
    "yesterday",
    "last",
    "this",
    "next",
    "quarter",
    "target",
    "price",
    "support",
    "resistance",
    "at",
    "above",
    "below",
    "to",
    "from",
    "by",
    "of",
    "in",
    "on",
    "percent",
    "points",
    "bp",
    "basis",
    "Fed",
    "cut",
    "hike",
    "odds",
    "S&P",
    "500",
    "Nasdaq",
    "regional",
    "banks",
    "biotech",
    "energy",
    "index",
    "closed",
    "opened",
    "record",
    "high",
    "low",
    "since",
    "streak",
    "straight",
    "sessions",
    "days",
    "moving",
    "average",
    "50-day",
    "200-day",
    "P/E",
    "times",
    "x",
]
FIGURES = ["3%", "$2,450", "1.5x", "25bp", "2,300", "-4.2%", "12", "$1.2bn", "0.5 points"]
SYMBOLS = [*list("$%()[]{}<>|/\\-+*=#@!?.,;:'\"`~^&_"), "—", "–", "…", "€", "£", "¥"]
ODD = ["😀", "🚀", "\u200b", "\u202e", "\ufeff", "\x00", "\x07", "\ud800", "\udfff", "\t", "\n"]
DATES = [dt.date(1, 1, 1), dt.date(1, 1, 8), dt.date(9999, 12, 31), dt.date(2025, 10, 1), None]


def adversarial() -> list[str]:
    """The shapes that were slow or broken once (issue 14), and their relatives."""
    out = [
        "rose 3% last week, " * (16_000 // 19),
        "IWM rose 3% last week, " * 700,
        "$" * 16_000,
        "(" * 16_000,
        "[" * 16_000,
        "😀" * 100_000,
        "The Russell 2000 rose 1e400% last week.",
        "IWM closed at " + "9" * 400 + ".",
        "IWM rose " + "9" * 400 + "% to $" + "9" * 310 + " billion.",
        " " * 1_000_000,
        "1" * 1_000_000,
        ("1 " * 100 + "\n") * 5_000,
        "IWM rose 2% " * 90_000,
        ("The Russell 2000 rose 1.2% last week while IWM fell 0.5% on Monday. " * 15 + "\n")
        * 1_000,
        "\ud800" * 10_000 + "IWM fell 2% on Monday.",
        ("| IWM | 2% | 3% |\n" * 20_000),
        ("IWM " * 50_000),
        "-" * 200_000 + "\nIWM fell 2% on Monday.",
    ]
    return out


def random_text(rng: random.Random) -> str:
    n = rng.choice([0, 1, 3, 10, 40, 200, 2_000])
    pools = [WORDS, FIGURES, SYMBOLS, ODD]
    weights = [rng.random() for _ in pools]
    parts = []
    for _ in range(n):
        pool = rng.choices(pools, weights)[0]
        parts.append(rng.choice(pool))
    sep = rng.choice([" ", "", "\n", ". ", ", "])
    text = sep.join(parts)
    if rng.random() < 0.05:  # a repetition of a random fragment
        text = text[: rng.randint(1, 40)] * rng.randint(100, 5_000)
    return text


def invalid(text: str, claims: list) -> str | None:
    for c in claims:
        if text[c.start : c.end] != c.quote:
            return "quote != text[start:end]"
        for v in (c.value, c.low, c.high, c.probability, c.stance_score):
            if v is not None and not math.isfinite(v):
                return f"non-finite number {v}"
        try:
            json.dumps(c.contract_dict(), allow_nan=False, default=str)
        except ValueError as exc:
            return f"claim JSON invalid: {exc}"
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000, help="texts in all (adversarial first)")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--slowest", type=int, default=10, help="how many slow texts to print")
    ap.add_argument("--json", action="store_true", help="one JSON summary line")
    args = ap.parse_args()

    import logging

    logging.disable(logging.WARNING)  # the extractor logs what it drops; counted here
    from nlp.extract import extract_claims

    rng = random.Random(args.seed)
    extract_claims("IWM fell 2% on Monday.", dt.date(2025, 10, 1))  # load the model
    fixed = adversarial()
    exceptions: list[tuple[str, str]] = []
    bad: list[tuple[str, str]] = []
    timings: list[tuple[float, int, str]] = []
    started = time.perf_counter()
    for i in range(args.n):
        text = fixed[i] if i < len(fixed) else random_text(rng)
        published = DATES[i % len(DATES)] if i < len(fixed) else rng.choice(DATES)
        t0 = time.perf_counter()
        try:
            claims = extract_claims(text, published)
        except Exception:  # counted, with the first lines of the traceback
            exceptions.append((text[:80], traceback.format_exc(limit=3)))
            continue
        took = time.perf_counter() - t0
        timings.append((took, len(text), text[:60]))
        if (why := invalid(text, claims)) is not None:
            bad.append((text[:80], why))
    total = time.perf_counter() - started
    timings.sort(reverse=True)
    summary = {
        "texts": args.n,
        "exceptions": len(exceptions),
        "invalid_claims": len(bad),
        "seconds": round(total, 1),
        "mean_ms": round(1000 * total / max(1, args.n), 2),
        "slowest_s": round(timings[0][0], 3) if timings else None,
        "over_2s": sum(1 for t, _, _ in timings if t > 2.0),
    }
    if args.json:
        print(json.dumps(summary))
    else:
        for k, v in summary.items():
            print(f"{k:>15}: {v}")
        print(f"slowest {args.slowest}:")
        for took, size, preview in timings[: args.slowest]:
            print(f"  {took:7.3f} s  {size:>9,} chars  {preview!r}")
        for preview, tb in exceptions[:5]:
            print(f"exception on {preview!r}:\n{tb}")
        for preview, why in bad[:5]:
            print(f"invalid claim on {preview!r}: {why}")
    return 1 if exceptions or bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
