"""Extraction quality: precision, recall and F1 of the claim extractor against a gold set.

Usage:
    python bench/extraction.py GOLD.jsonl --texts DIR [--manifest M] [--json] [--verbose]
    python bench/extraction.py GOLD.jsonl --pred PREDICTIONS.jsonl [--json]

Example:
    python bench/extraction.py ../shared/spec/gold/seeds.jsonl --texts ../shared/seeds

The scoring rule is in ``nlp/scoring.py`` (same article, kind and subject, the
number within 0.5%, one-to-one; repeated mentions count once; doubtful gold is neutral).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.manifest import read_manifest  # noqa: E402
from nlp.scoring import KINDS, predict_manifest, read_jsonl, score  # noqa: E402


def _fmt(row: dict[str, object]) -> str:
    nums = row.get("value") if row.get("value") is not None else (row.get("low"), row.get("high"))
    period = (
        f"{row.get('period_start')}..{row.get('period_end')}" if row.get("period_start") else ""
    )
    quote = str(row.get("quote") or "")[:80]
    return (
        f"{row.get('article')} {row.get('kind')} {row.get('subject')} {nums} "
        f"{row.get('unit')} {period} | {quote}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("gold", type=Path)
    ap.add_argument("--texts", type=Path, help="folder of article texts (with index.jsonl)")
    ap.add_argument("--manifest", type=Path, help="JSONL manifest (default: TEXTS/index.jsonl)")
    ap.add_argument("--pred", type=Path, help="score this predictions JSONL instead of running")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    ap.add_argument("--verbose", action="store_true", help="list misses and false positives")
    args = ap.parse_args(argv)

    manifest = args.manifest or (args.texts / "index.jsonl" if args.texts else None)
    articles = None
    if args.pred:
        preds = read_jsonl(args.pred)
    elif manifest:
        preds = predict_manifest(manifest)
    else:
        ap.error("give --texts/--manifest or --pred")
    if manifest:
        articles = {e.name for e in read_manifest(manifest).entries}
    report = score(preds, read_jsonl(args.gold), articles)
    if args.json:
        out = report.as_dict()
        if args.verbose:
            out["misses"] = report.misses
            out["false_positives"] = report.false_positives
        print(json.dumps(out, indent=2, default=str))
        return 0
    o = report.overall
    print(f"gold: {args.gold}")
    print(
        f"overall  P={o.precision:.3f} R={o.recall:.3f} F1={o.f1:.3f} "
        f"(tp={o.tp} fp={o.fp} fn={o.fn})"
    )
    for kind in KINDS:
        s = report.by_kind.get(kind)
        if s is None or s.tp + s.fp + s.fn == 0:
            continue
        print(
            f"  {kind:17} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} "
            f"(tp={s.tp} fp={s.fp} fn={s.fn})"
        )
    if report.period_total:
        print(
            f"performance periods right: {report.period_right}/{report.period_total} "
            f"({report.period_right / report.period_total:.0%})"
        )
    if args.verbose:
        print("\nmisses:")
        for g in report.misses:
            print("  -", _fmt(g))
        print("false positives:")
        for p in report.false_positives:
            print("  +", _fmt(p))
        print("wrong periods (pred | gold):")
        for p, g in report.wrong_periods:
            print(
                f"  ~ {p.get('period_start')}..{p.get('period_end')} | "
                f"{g.get('period_start')}..{g.get('period_end')} | {_fmt(g)}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
