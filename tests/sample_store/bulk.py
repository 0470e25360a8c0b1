"""A large generated store for benchmarks: 100,000 articles and 1,000,000 claims in minutes.

Bulk ``executemany`` inserts in chunks (the FTS5 triggers of migration 0002 run on them);
subject popularity is skewed like real commentary (IWM and ^RUT carry ~10% each).
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import insert
from sqlalchemy.engine import Engine

from sample_store import SAMPLE_DAY, close_for, trading_days
from store import rollup
from store.models import (
    Article,
    ArticleStance,
    ClaimRow,
    Instrument,
    PriceBarRow,
    Source,
    VerdictRow,
)

# --- generator -----------------------------------------------------------

_KINDS = (
    ("performance", 0.40),
    ("price_level", 0.25),
    ("price_target", 0.12),
    ("rate_expectation", 0.05),
    ("valuation", 0.08),
    ("fundamental", 0.10),
)
_WORDS = [
    "small",
    "caps",
    "rallied",
    "breakout",
    "momentum",
    "earnings",
    "guidance",
    "tariffs",
    "rotation",
    "value",
    "growth",
    "regional",
    "banks",
    "biotech",
    "semis",
    "breadth",
    "liquidity",
    "yields",
    "curve",
    "dollar",
    "credit",
    "spreads",
]


def bulk_subjects(n: int = 400) -> list[str]:
    """IWM and ^RUT first (the popular ones), then synthetic tickers."""
    out = ["IWM", "^RUT", "FEDFUNDS", "CRDO", "IONQ", "OKLO"]
    i = 0
    while len(out) < n:
        a, b, c = i // 676 % 26, i // 26 % 26, i % 26
        out.append("X" + chr(65 + a) + chr(65 + b) + chr(65 + c))
        i += 1
    return out


def generate_bulk(
    engine: Engine,
    *,
    articles: int = 100_000,
    claims: int = 1_000_000,
    days: int = 10,
    end: dt.date = SAMPLE_DAY,
    seed: int = 7,
    chunk: int = 20_000,
) -> None:
    """Fill an empty store with ``articles`` spread over ``days`` days and ``claims`` claims.

    Executemany in chunks; subject popularity is skewed (IWM and ^RUT carry ~10% each).
    """
    rng = random.Random(seed)
    subjects = bulk_subjects()
    # IWM and ^RUT ~10% of claims each, FEDFUNDS 1%, the rest a Zipf tail over 78%
    tail = [1.0 / (i + 1) for i in range(len(subjects) - 3)]
    weights = [10.0, 10.0, 1.0] + [78.0 * w / sum(tail) for w in tail]
    kinds = [k for k, _ in _KINDS]
    kind_w = [w for _, w in _KINDS]
    n_sources = 200
    first = end - dt.timedelta(days=days - 1)
    t_source = Source.__table__
    t_article = Article.__table__
    t_claim = ClaimRow.__table__
    t_verdict = VerdictRow.__table__
    t_stance = ArticleStance.__table__
    t_bar = PriceBarRow.__table__
    t_instr = Instrument.__table__
    now = dt.datetime(2025, 9, 22, tzinfo=dt.UTC)
    with engine.begin() as conn:
        conn.execute(
            insert(t_source),
            [
                {
                    "kind": "feed",
                    "url": f"https://src{i}.example.com/feed",
                    "name": f"Source {i}",
                    "active": True,
                    "added_at": now,
                    "consecutive_failures": 0,
                    "entries_seen": 0,
                }
                for i in range(n_sources)
            ],
        )
        conn.execute(
            insert(t_instr),
            [
                {
                    "symbol": s,
                    "kind": "stock",
                    "name": f"{s} Holdings",
                    "aliases": "",
                    "memberships": "",
                    "active": True,
                }
                for s in subjects
            ],
        )
        bars = []
        for sym in ("IWM", "^RUT"):
            for d in trading_days(dt.date(2025, 6, 2), end):
                c = close_for(sym, d)
                bars.append(
                    {"symbol": sym, "date": d, "close": c, "adj_close": c, "provider": "bulk"}
                )
        conn.execute(insert(t_bar), bars)
    per_article = claims / articles
    claim_id = 0
    for base in range(0, articles, chunk):
        arts, rows, verdicts, stances = [], [], [], []
        for aid in range(base + 1, min(base + chunk, articles) + 1):
            day = first + dt.timedelta(days=(aid - 1) * days // articles)
            dup = aid - 1 if aid % 50 == 0 else None
            arts.append(
                {
                    "id": aid,
                    "source_id": rng.randrange(1, n_sources + 1),
                    "url": f"https://news.example.com/{aid}",
                    "title": f"Market note {aid}",
                    "published": day,
                    "fetched_at": now,
                    "text": "sample text",
                    "word_count": 2,
                    "content_hash": f"{aid:064x}",
                    "duplicate_of_id": dup,
                    "summary_only": False,
                    "origin": "feed",
                }
            )
            n = int(per_article) + (1 if rng.random() < per_article % 1 else 0)
            subj = rng.choices(subjects, weights, k=2)
            for j in range(n):
                claim_id += 1
                kind = rng.choices(kinds, kind_w)[0]
                subject = "FEDFUNDS" if kind == "rate_expectation" else subj[j % 2]
                stance = rng.choices(("bullish", "bearish", "neutral"), (5, 3, 2))[0]
                value = round(rng.uniform(-20, 40), 1)
                role = None
                unit = "pct"
                if kind == "price_target":
                    value, unit = round(rng.uniform(150, 350), 0), "usd"
                elif kind == "price_level":
                    value, unit = round(rng.uniform(1900, 2600), 0), "points"
                    role = rng.choice(("support", "resistance"))
                elif kind == "rate_expectation":
                    value, unit = -25.0, "bp"
                words = " ".join(rng.choices(_WORDS, k=6))
                rows.append(
                    {
                        "id": claim_id,
                        "article_id": aid,
                        "kind": kind,
                        "subject": subject,
                        "value": value,
                        "unit": unit,
                        "comparator": "eq",
                        "role": role,
                        "stance": stance,
                        "quote": f"{subject} {words} {value}",
                        "start": 0,
                        "end": 10,
                        "extractor_version": "bulk-1",
                        "created_at": now,
                        "horizon": "September meeting" if kind == "rate_expectation" else None,
                        "probability": 80.0 if kind == "rate_expectation" else None,
                    }
                )
                if kind == "performance" and claim_id % 3 == 0:
                    label = "contradicted" if claim_id % 15 == 0 else "supported"
                    verdicts.append(
                        {
                            "claim_id": claim_id,
                            "verdict": label,
                            "subject": subject,
                            "kind": kind,
                            "reason": "bulk",
                            "actual": value + 1,
                            "difference": -1.0,
                            "tolerance": 0.5,
                            "checker_version": "bulk-1",
                            "checked_at": now,
                            "severity": 0.5,
                        }
                    )
            if aid % 2 == 0:
                stances.append(
                    {
                        "article_id": aid,
                        "subject": subj[0],
                        "stance": rng.choice(("bullish", "bearish", "neutral")),
                        "score": 0.0,
                        "n_sentences": 1,
                    }
                )
        with engine.begin() as conn:
            conn.execute(insert(t_article), arts)
            conn.execute(insert(t_claim), rows)
            if verdicts:
                conn.execute(insert(t_verdict), verdicts)
            if stances:
                conn.execute(insert(t_stance), stances)
    with engine.begin() as conn:  # bulk inserts bypass extraction: build the summary once
        rollup.rebuild(conn)
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
