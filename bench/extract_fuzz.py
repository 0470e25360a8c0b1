"""Extractor fuzz: N random and adversarial texts through the extraction API, then a
section of pathological repetitions up to 1 MB.

Usage: python bench/extract_fuzz.py [--n 100000] [--seed 14] [--slowest 10] [--json]
                                    [--max-size 1000000] [--no-repetitions]

Texts are generated, never read from third-party corpora: random mixes of words, figures,
symbols, emoji, control characters and lone surrogates, and the known pathological shapes
(repetitions to 16,000+ characters, long runs of one symbol, 400-digit figures, "1e400",
megabyte texts) with random dates including year 1 and year 9999. Each text goes through
``extract_claims`` one at a time (so each is timed alone). Printed: texts, exceptions,
claims with a non-finite number, other invalid claims (quote != text[start:end], JSON that
is not strict), total and per-text time, the slowest texts (what each is, its length, a
preview) and how many took over 2 s. The repetition section then times each pattern
("rose 3% last week, ", "$", "[", emoji, glued "3%", digit runs, table rows, an honest
article...) repeated to 16 kB, 100 kB and ``--max-size``, one line per text as it is done.
Exit 1 on any exception or invalid claim.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # honest_article: the long article of our sentences

GOAL_S = 2.0

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


def adversarial() -> list[tuple[str, str]]:
    """(what, text): the shapes that were slow or broken once (issue 14), and relatives."""
    return [
        ("'rose 3% last week, ' x 842", "rose 3% last week, " * (16_000 // 19)),
        ("'IWM rose 3% last week, ' x 700", "IWM rose 3% last week, " * 700),
        ("'$' x 16,000", "$" * 16_000),
        ("'(' x 16,000", "(" * 16_000),
        ("'[' x 16,000", "[" * 16_000),
        ("emoji x 100,000", "😀" * 100_000),
        ("1e400%", "The Russell 2000 rose 1e400% last week."),
        ("400-digit level", "IWM closed at " + "9" * 400 + "."),
        ("400-digit move and amount", "IWM rose " + "9" * 400 + "% to $" + "9" * 310 + " billion."),
        ("1 MB of spaces", " " * 1_000_000),
        ("1 MB of one digit", "1" * 1_000_000),
        ("lines of bare numbers", ("1 " * 100 + "\n") * 5_000),
        ("'IWM rose 2% ' x 90,000 (one line)", "IWM rose 2% " * 90_000),
        (
            "dense article x 1,000 lines",
            ("The Russell 2000 rose 1.2% last week while IWM fell 0.5% on Monday. " * 15 + "\n")
            * 1_000,
        ),
        ("lone surrogates x 10,000", "\ud800" * 10_000 + "IWM fell 2% on Monday."),
        ("table rows x 20,000", "| IWM | 2% | 3% |\n" * 20_000),
        ("'IWM ' x 50,000", "IWM " * 50_000),
        ("200,000 dashes", "-" * 200_000 + "\nIWM fell 2% on Monday."),
        ("glued '3%' x 4,500", "3%" * 4_500),
        ("glued '-3%€0.' x 1,500", "-3%€0." * 1_500),
        ("emoji, figure, surrogate x 3,000", "😀3%\ud800" * 3_000),
    ]


def random_text(rng: random.Random) -> tuple[str, str]:
    """(what, text): a random mix of the pools, sometimes one fragment of it repeated."""
    n = rng.choice([0, 1, 3, 10, 40, 200, 2_000])
    pools = [WORDS, FIGURES, SYMBOLS, ODD]
    weights = [rng.random() for _ in pools]
    parts = []
    for _ in range(n):
        pool = rng.choices(pools, weights)[0]
        parts.append(rng.choice(pool))
    sep = rng.choice([" ", "", "\n", ". ", ", "])
    text = sep.join(parts)
    what = f"random: {n} parts joined by {sep!r}"
    if rng.random() < 0.05:  # a repetition of a random fragment
        fragment = text[: rng.randint(1, 40)]
        times = rng.randint(100, 5_000)
        text = fragment * times
        what = f"random: {fragment!r} x {times:,}"
    return what, text


#: The repetition section's units: each is repeated to 16 kB, 100 kB and ``--max-size``.
REPEATED = [
    "rose 3% last week, ",
    "IWM rose 3% last week, ",
    "$",
    "[",
    "(",
    "😀",
    "3%",
    "-3%€0.",
    "😀3%\ud800",
    "1",
    "1234567890 ",
    "| IWM | 2% | 3% |\n",
    "The Russell 2000 rose 1.2% last week while IWM fell 0.5% on Monday. ",
    "IWM (NASDAQ: IWM) ",
]


def repetitions(max_size: int) -> list[tuple[str, str]]:
    """(what, text): every unit of ``REPEATED`` repeated to each size."""
    sizes = sorted({s for s in (16_000, 100_000, max_size) if s <= max_size})
    out = []
    for unit in REPEATED:
        for size in sizes:
            times = -(-size // len(unit))
            out.append((f"{unit!r} x {times:,}", (unit * times)[:size]))
    return out


def honest(max_size: int) -> list[tuple[str, str]]:
    """(what, text): honest articles (our own paragraphs, a figure in most sentences) of
    growing size, to show the cost stays linear in the claims a text holds."""
    from honest_article import honest_article

    out = []
    for size in sorted({s for s in (16_000, 100_000, max_size) if s <= max_size}):
        article = honest_article(size)
        out.append((f"honest article ({len(article):,} chars)", article))
    return out


def invalid(text: str, claims: list) -> tuple[str, str] | None:
    """("non_finite" | "invalid", why) for the first bad claim, else None."""
    for c in claims:
        for v in (c.value, c.low, c.high, c.probability, c.stance_score):
            if v is not None and not math.isfinite(v):
                return "non_finite", f"non-finite number {v}"
        if text[c.start : c.end] != c.quote:
            return "invalid", "quote != text[start:end]"
        try:
            json.dumps(c.contract_dict(), allow_nan=False, default=str)
        except ValueError as exc:
            return "invalid", f"claim JSON invalid: {exc}"
    return None


class Tally:
    """Exceptions, bad claims and times of one section."""

    def __init__(self) -> None:
        self.exceptions: list[tuple[str, str]] = []
        self.bad: dict[str, list[tuple[str, str]]] = {"non_finite": [], "invalid": []}
        # wall seconds, chars, what, preview, CPU seconds of this process
        self.timings: list[tuple[float, int, str, str, float]] = []
        self.seconds = 0.0
        self.cpu = 0.0

    def run(self, what: str, text: str, published: dt.date | None) -> float | None:
        from nlp.extract import extract_claims

        t0, c0 = time.perf_counter(), time.process_time()
        try:
            claims = extract_claims(text, published)
        except Exception:  # counted, with the first lines of the traceback
            self.exceptions.append((what, traceback.format_exc(limit=3)))
            return None
        took, cpu = time.perf_counter() - t0, time.process_time() - c0
        self.seconds += took
        self.cpu += cpu
        self.timings.append((took, len(text), what, text[:50], cpu))
        if (found := invalid(text, claims)) is not None:
            self.bad[found[0]].append((what, found[1]))
        return took

    def summary(self, texts: int) -> dict[str, object]:
        slow = max(self.timings, default=None)
        return {
            "texts": texts,
            "exceptions": len(self.exceptions),
            "non_finite_claims": len(self.bad["non_finite"]),
            "invalid_claims": len(self.bad["invalid"]),
            "seconds": round(self.seconds, 1),
            "cpu_seconds": round(self.cpu, 1),
            "mean_ms": round(1000 * self.seconds / max(1, texts), 2),
            "slowest_s": round(slow[0], 3) if slow else None,
            "slowest_text": slow[2] if slow else None,
            "slowest_chars": slow[1] if slow else None,
            "slowest_cpu_s": round(slow[4], 3) if slow else None,
            f"over_{GOAL_S:g}s": sum(1 for t in self.timings if t[0] > GOAL_S),
            f"over_{GOAL_S:g}s_cpu": sum(1 for t in self.timings if t[4] > GOAL_S),
        }

    def report(self, title: str, texts: int, slowest: int) -> dict[str, object]:
        summary = self.summary(texts)
        print(f"== {title} ==")
        for k, v in summary.items():
            print(f"{k:>18}: {v}")
        print(f"slowest {slowest}:")
        for took, size, what, preview, cpu in sorted(self.timings, reverse=True)[:slowest]:
            print(f"  {took:7.3f} s ({cpu:6.3f} s CPU)  {size:>9,} chars  {what}  {preview!r}")
        for what, tb in self.exceptions[:5]:
            print(f"exception on {what}:\n{tb}")
        for kind, rows in self.bad.items():
            for what, why in rows[:5]:
                print(f"{kind} claim on {what}: {why}")
        return summary


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000, help="texts in all (adversarial first)")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--slowest", type=int, default=10, help="how many slow texts to print")
    ap.add_argument("--max-size", type=int, default=1_000_000, help="largest repetition")
    ap.add_argument("--no-repetitions", action="store_true", help="skip the repetition section")
    ap.add_argument("--no-honest", action="store_true", help="skip the honest-article section")
    ap.add_argument("--json", action="store_true", help="one JSON summary line")
    args = ap.parse_args()

    import logging

    logging.disable(logging.WARNING)  # the extractor logs what it drops; counted here
    from nlp.extract import extract_claims

    rng = random.Random(args.seed)
    extract_claims("IWM fell 2% on Monday.", dt.date(2025, 10, 1))  # load the model
    fixed = adversarial()
    fuzz = Tally()
    for i in range(args.n):
        if i < len(fixed):
            what, text = fixed[i]
            published = DATES[i % len(DATES)]
        else:
            what, text = random_text(rng)
            published = rng.choice(DATES)
        fuzz.run(what, text, published)
    out: dict[str, object] = {}
    if args.json:
        out["fuzz"] = fuzz.summary(args.n)
    else:
        out["fuzz"] = fuzz.report(f"fuzz: {args.n:,} texts", args.n, args.slowest)
    reps = Tally()
    if not args.no_repetitions:
        cases = repetitions(args.max_size)
        if not args.json:
            print(f"== pathological repetitions: {len(cases)} texts up to {args.max_size:,} ==")
        for what, text in cases:
            took = reps.run(what, text, dt.date(2025, 10, 1))
            if not args.json:
                cpu = reps.timings[-1][4] if took is not None else 0.0
                shown = "exception" if took is None else f"{took:7.3f} s ({cpu:6.3f} s CPU)"
                print(f"  {shown}  {len(text):>9,} chars  {what}", flush=True)
        out["repetitions"] = (
            reps.summary(len(cases))
            if args.json
            else reps.report("repetitions", len(cases), args.slowest)
        )
    if not args.no_honest and not args.json:
        print("== honest articles (not hostile; outside the goal, which is for hostile input) ==")
    fair = Tally()  # honest articles: not hostile, timed to show cost per claim stays flat
    if not args.no_honest:
        for what, text in honest(args.max_size):
            took = fair.run(what, text, dt.date(2025, 10, 1))
            if not args.json and took is not None:
                print(f"  {took:7.3f} s ({fair.timings[-1][4]:6.3f} s CPU)  {what}", flush=True)
        out["honest"] = fair.summary(len(fair.timings))
    worst = max(fuzz.timings + reps.timings, default=None)
    if args.json:
        print(json.dumps(out))
    elif worst is not None:
        met = "met" if worst[0] < GOAL_S else "NOT met"
        print(
            f"slowest of all: {worst[0]:.3f} s ({worst[4]:.3f} s CPU), {worst[1]:,} chars, "
            f"{worst[2]} (goal < {GOAL_S:g} s: {met}; load average {os.getloadavg()[0]:.1f} "
            f"on {os.cpu_count()} CPUs)"
        )
    failed = any(
        t.exceptions or t.bad["non_finite"] or t.bad["invalid"] for t in (fuzz, reps, fair)
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
