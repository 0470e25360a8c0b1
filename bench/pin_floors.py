"""Measure extraction F1 on the gold sets and write the CI floors (a margin below today's).

Usage: python bench/pin_floors.py [--margin 0.02] [--allow-lower] [--shared DIR]
Floors may rise freely. Lowering one (or dropping a set or a kind) is a deliberate act: it
is refused unless ``--allow-lower`` is given, and the rewritten
tests/resources/extraction_floors.json shows up in review.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp.scoring import evaluate, sha256_file  # noqa: E402

SETS = [
    ("seeds", "shared/spec/gold/seeds.jsonl", "shared/seeds/index.jsonl"),
    ("demo", "demo/gold/demo.jsonl", "demo/texts/index.jsonl"),
    ("coverage", "demo/gold/coverage/gold.jsonl", "demo/gold/coverage/index.jsonl"),
]
OUT = ROOT / "tests" / "resources" / "extraction_floors.json"


def measure(margin: float, shared: Path) -> list[dict[str, Any]]:
    """One floors entry per gold set found (floors ``margin`` below today's F1)."""

    def path(raw: str) -> Path:
        return shared / raw[len("shared/") :] if raw.startswith("shared/") else ROOT / raw

    def floor(f1: float) -> float:
        return max(0.0, math.floor((f1 - margin) * 100) / 100)

    entries = []
    for name, gold, manifest in SETS:
        if not path(gold).exists():
            print(f"{name}: {path(gold)} not found, not measured", file=sys.stderr)
            continue
        got = evaluate(path(gold), path(manifest)).as_dict()
        entries.append(
            {
                "name": name,
                "gold": gold,
                "manifest": manifest,
                "gold_sha256": sha256_file(path(gold)),
                "manifest_sha256": sha256_file(path(manifest)),
                "measured_f1": got["overall"]["f1"],
                "f1": floor(got["overall"]["f1"]),
                "by_kind": {
                    k: floor(v["f1"]) for k, v in got["by_kind"].items() if v["tp"] + v["fn"] >= 3
                },
            }
        )
        print(name, got["overall"])
    return entries


def lowered(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Every floor of ``old`` that ``new`` lowers or drops, one line each."""
    out = []
    new_sets = {e["name"]: e for e in new["sets"]}
    for o in old["sets"]:
        n = new_sets.get(o["name"])
        if n is None:
            out.append(f"{o['name']}: the whole set's floors would be dropped")
            continue
        if n["f1"] < o["f1"]:
            out.append(f"{o['name']} overall F1: {o['f1']} -> {n['f1']}")
        for kind, was in o.get("by_kind", {}).items():
            now = n.get("by_kind", {}).get(kind)
            if now is None:
                out.append(f"{o['name']} {kind}: floor {was} would be dropped")
            elif now < was:
                out.append(f"{o['name']} {kind}: {was} -> {now}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Pin the extraction F1 floors (CI gates).")
    ap.add_argument("--margin", type=float, default=0.02)
    ap.add_argument("--allow-lower", action="store_true", help="accept lower or dropped floors")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    new = {"sets": measure(args.margin, args.shared)}
    if args.out.exists() and not args.allow_lower:
        drops = lowered(json.loads(args.out.read_text(encoding="utf-8")), new)
        if drops:
            print(
                f"refusing to lower floors in {args.out} (rerun with --allow-lower if this "
                "is deliberate):\n  " + "\n  ".join(drops),
                file=sys.stderr,
            )
            return 1
    args.out.write_text(json.dumps(new, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
