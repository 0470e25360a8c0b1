"""Extraction speed: words/s and articles/s of ``extract_many`` against spaCy's own tagging.

Usage: python bench/extraction_speed.py [--words 200000] [--runs 3] [--json]

The corpus repeats and shuffles the seed articles (../shared/seeds), the demo articles and
the coverage set until it holds at least ``--words`` words. The baseline is the full
default ``en_core_web_sm`` pipeline (tok2vec, tagger, parser, lemmatizer, NER) through
``nlp.pipe(batch_size=64)`` on the same texts in the same process; the ratio is
extraction words/s divided by baseline words/s (>= 1.0: claims cost no more than tagging).
Both are timed after a warm-up; the median of ``--runs`` runs is reported.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def corpus(min_words: int, seed: int = 7) -> list[tuple[str, object, str]]:
    """(text, published, name) items, shuffled, repeated to at least ``min_words`` words."""
    from ingest.manifest import read_manifest

    manifests = [
        ROOT.parent / "shared" / "seeds" / "index.jsonl",
        ROOT / "demo" / "texts" / "index.jsonl",
        ROOT / "demo" / "gold" / "coverage" / "index.jsonl",
    ]
    base = []
    for m in manifests:
        if m.exists():
            for e in read_manifest(m).entries:
                if e.path.exists():
                    text = e.path.read_text(encoding="utf-8", errors="replace")
                    base.append((text, e.published, e.name))
    if not base:
        raise SystemExit("no texts found (seeds, demo/texts, demo/gold/coverage)")
    rng = random.Random(seed)
    items: list[tuple[str, object, str]] = []
    words = 0
    while words < min_words:
        batch = base[:]
        rng.shuffle(batch)
        for item in batch:
            items.append(item)
            words += len(item[0].split())
    return items


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--words", type=int, default=200_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from nlp.extract import extract_many
    from nlp.pipeline import load_model

    items = corpus(args.words)
    texts = [t for t, _, _ in items]
    n_words = sum(len(t.split()) for t in texts)
    full = load_model(exclude_trained=False)
    full.max_length = 20_000_000
    for _ in full.pipe(texts[:20], batch_size=64):  # warm-up
        pass
    for _ in extract_many(items[:20]):
        pass

    def time_full() -> float:
        t0 = time.perf_counter()
        for _ in full.pipe(texts, batch_size=64):
            pass
        return time.perf_counter() - t0

    def time_extract() -> tuple[float, int]:
        t0 = time.perf_counter()
        n = sum(len(c) for c in extract_many(items, batch_size=64))
        return time.perf_counter() - t0, n

    base_s, ext_s, n_claims = [], [], 0
    for _ in range(args.runs):
        base_s.append(time_full())
        secs, n_claims = time_extract()
        ext_s.append(secs)
    b, e = statistics.median(base_s), statistics.median(ext_s)
    out = {
        "articles": len(items),
        "words": n_words,
        "claims": n_claims,
        "runs": args.runs,
        "baseline": "en_core_web_sm full pipeline, nlp.pipe batch 64",
        "baseline_words_per_s": round(n_words / b),
        "extract_words_per_s": round(n_words / e),
        "extract_articles_per_s": round(len(items) / e, 1),
        "baseline_articles_per_s": round(len(items) / b, 1),
        "ratio": round(b / e, 2),
    }
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print(f"corpus: {out['articles']} articles, {n_words:,} words, {n_claims:,} claims")
        print(
            f"baseline (full en_core_web_sm): {out['baseline_words_per_s']:,} words/s, "
            f"{out['baseline_articles_per_s']} articles/s"
        )
        print(
            f"extraction (claims):           {out['extract_words_per_s']:,} words/s, "
            f"{out['extract_articles_per_s']} articles/s"
        )
        print(f"ratio extraction/baseline: {out['ratio']}x (median of {args.runs})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
