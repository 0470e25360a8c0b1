"""Measure extraction F1 on the gold sets and write the CI floors (a margin below today's).

Usage: python bench/pin_floors.py [--margin 0.02] [--allow-lower] [--shared DIR] [--devset]
``--devset`` pins the devset's floors instead (tests/resources/devset_floors.json: F1, per
kind with at least 5 gold claims in the part, and the period share, for each split part;
the same "raise only" rule, each floor kept at the higher of old and new).
Floors may rise freely. Lowering one (or dropping a set or a kind) is a deliberate act: it
is refused unless ``--allow-lower`` is given, and the rewritten
tests/resources/extraction_floors.json shows up in review.
"""

from __future__ import annotations

import argparse
import copy
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
    ("phrasebook", "demo/gold/phrasebook/gold.jsonl", "demo/gold/phrasebook/index.jsonl"),
]
OUT = ROOT / "tests" / "resources" / "extraction_floors.json"
DEVSET_OUT = ROOT / "tests" / "resources" / "devset_floors.json"


def _floor(value: float, margin: float) -> float:
    return max(0.0, math.floor((value - margin) * 100) / 100)


def measure_devset(margin: float, shared: Path) -> dict[str, Any]:
    """Devset floors per split part, ``margin`` below today's figures (``bench/devset.py``)."""
    import datetime as dt
    import importlib.util

    from nlp.extract import EXTRACTOR_VERSION

    spec = importlib.util.spec_from_file_location("bench_devset", ROOT / "bench" / "devset.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    root = shared / "devset"
    gold = bench.read_jsonl(root / "gold.jsonl")
    pred = bench.predict(root)
    parts: dict[str, Any] = {}
    for name, ids in bench.load_parts().items():
        got = bench.evaluate_part(gold, pred, ids)
        ok, n = got["period_right"]
        parts[name] = {
            "measured_f1": round(got["overall"]["f1"], 4),
            "f1": _floor(got["overall"]["f1"], margin),
            "by_kind": {
                k: _floor(v["f1"], margin) for k, v in got["per_kind"].items() if v["gold"] >= 5
            },
            "period_right": _floor(ok / n, margin) if n else 0.0,
        }
        print(name, got["overall"], "period", ok, n)
    return {
        "margin": f"{margin} below the F1 and period share measured on {dt.date.today()} "
        f"(extractor {EXTRACTOR_VERSION}; re-pinned upward only); kinds with at least 5 gold "
        "claims in the part",
        "parts": parts,
    }


def raise_only(old: dict[str, Any], new: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """``new`` devset floors with every floor at least ``old``'s, and the lines it held up."""
    held: list[str] = []
    out = copy.deepcopy(new)
    for part, was in old.get("parts", {}).items():
        now = out["parts"].setdefault(part, copy.deepcopy(was))
        for key in ("f1", "period_right"):
            if now.get(key, 0.0) < was.get(key, 0.0):
                held.append(f"{part} {key}: measured floor {now.get(key)} < pinned {was[key]}")
                now[key] = was[key]
        for kind, floor in was.get("by_kind", {}).items():
            if now["by_kind"].get(kind, 0.0) < floor:
                held.append(f"{part} {kind}: measured floor {now['by_kind'].get(kind)} < {floor}")
                now["by_kind"][kind] = floor
    return out, held


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
    ap.add_argument("--devset", action="store_true", help="pin the devset floors instead")
    args = ap.parse_args(argv)
    if args.devset:
        out = DEVSET_OUT if args.out == OUT else args.out
        pinned = measure_devset(args.margin, args.shared)
        if out.exists() and not args.allow_lower:
            pinned, held = raise_only(json.loads(out.read_text(encoding="utf-8")), pinned)
            for line in held:
                print(f"kept the higher pinned floor: {line}", file=sys.stderr)
        out.write_text(json.dumps(pinned, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {out}")
        return 0
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
