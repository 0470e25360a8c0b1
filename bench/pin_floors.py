"""Measure extraction F1 on the gold sets and write the CI floors (a margin below today's).

Usage: python bench/pin_floors.py [--margin 0.02]
Lowering a floor is a deliberate act: this rewrites tests/resources/extraction_floors.json,
which shows up in review.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp.scoring import evaluate, sha256_file  # noqa: E402

SETS = [
    ("seeds", "shared/spec/gold/seeds.jsonl", "shared/seeds/index.jsonl"),
    ("demo", "demo/gold/demo.jsonl", "demo/texts/index.jsonl"),
    ("coverage", "demo/gold/coverage/gold.jsonl", "demo/gold/coverage/index.jsonl"),
]
OUT = ROOT / "tests" / "resources" / "extraction_floors.json"


def _path(raw: str) -> Path:
    return ROOT.parent / raw if raw.startswith("shared/") else ROOT / raw


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--margin", type=float, default=0.02)
    args = ap.parse_args()
    entries = []
    for name, gold, manifest in SETS:
        if not _path(gold).exists():
            continue
        got = evaluate(_path(gold), _path(manifest)).as_dict()

        def floor(f1: float) -> float:
            return max(0.0, math.floor((f1 - args.margin) * 100) / 100)

        entries.append(
            {
                "name": name,
                "gold": gold,
                "manifest": manifest,
                "gold_sha256": sha256_file(_path(gold)),
                "manifest_sha256": sha256_file(_path(manifest)),
                "measured_f1": got["overall"]["f1"],
                "f1": floor(got["overall"]["f1"]),
                "by_kind": {
                    k: floor(v["f1"]) for k, v in got["by_kind"].items() if v["tp"] + v["fn"] >= 3
                },
            }
        )
        print(name, got["overall"])
    OUT.write_text(json.dumps({"sets": entries}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
