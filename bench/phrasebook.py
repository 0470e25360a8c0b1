"""Extraction on the phrasebook: our own sentences in the phrasings real commentary uses.

Usage:
    python bench/phrasebook.py [--examples CLASS] [--family TEXT] [--json]

The phrasebook (``demo/gold/phrasebook/``, built from ``phrasebook.txt`` by
``demo/tools/build_phrasebook.py``) holds short articles, one per phrasing family (support
and resistance, closes, forward P/E, EPS vs estimate, FedWatch odds, ..., and negatives:
numbers that are not claims). It is scored with the devset's rule and error classes
(``bench/devset.py``: article, kind and subject agree, the number within 0.5%, one-to-one;
a rate expectation's probability is its number), so its figures read like the devset's.
Printed: P/R/F1 overall and per kind, the error table (missed, wrong subject, wrong kind,
wrong sign, wrong period, spurious), and one line per family. ``--examples CLASS`` lists a
class's rows (``--family`` narrows everything to families whose name contains TEXT).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PHRASEBOOK = ROOT / "demo" / "gold" / "phrasebook"


def devset_bench() -> ModuleType:
    """``bench/devset.py`` as a module: its scorer and error classes (bench/ is no package)."""
    spec = importlib.util.spec_from_file_location("bench_devset", ROOT / "bench" / "devset.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def families(folder: Path = PHRASEBOOK) -> dict[str, str]:
    """Article key -> its phrasing family (from the manifest)."""
    rows = (json.loads(x) for x in (folder / "index.jsonl").read_text().splitlines() if x)
    return {str(r["article"]).removesuffix(".txt"): str(r["family"]) for r in rows}


def evaluate(family: str | None = None, folder: Path = PHRASEBOOK) -> dict[str, object]:
    """Scores and the error table on the whole phrasebook (or the matching families), plus one
    entry per family: gold, predicted, matched and spurious counts."""
    from nlp.scoring import predict_manifest, read_jsonl

    bench = devset_bench()
    fams = {k: v for k, v in families(folder).items() if family is None or family in v}
    gold = read_jsonl(folder / "gold.jsonl")
    pred = predict_manifest(folder / "index.jsonl")
    out = bench.evaluate_part(gold, pred, set(fams))
    grouped: dict[str, set[str]] = {}
    for key, name in fams.items():  # a family may span several articles (one per date)
        grouped.setdefault(name, set()).add(key)
    per_family = {}
    for name, keys in grouped.items():
        part = bench.evaluate_part(gold, pred, keys)
        o = part["overall"]
        per_family[name] = {
            "gold": o["gold"],
            "pred": o["pred"],
            "tp": o["tp"],
            "f1": round(o["f1"], 4),
            "errors": part["errors"],
        }
    out["families"] = per_family
    return out


def main(argv: list[str] | None = None) -> int:
    bench = devset_bench()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--examples", choices=bench.CLASSES, help="print this error class's rows")
    ap.add_argument("--family", help="only the families whose name contains this text")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    args = ap.parse_args(argv)
    result = evaluate(args.family)
    if args.json:
        shown = {k: v for k, v in result.items() if k != "examples"}
        if args.examples:
            shown["examples"] = result["examples"][args.examples]  # type: ignore[index]
        print(json.dumps(shown, indent=1, default=str))
        return 0
    print(bench.render("phrasebook", result))
    print("by family (gold / pred / matched, errors):")
    for name, f in result["families"].items():  # type: ignore[attr-defined]
        errs = " ".join(f"{c}={n}" for c, n in f["errors"].items() if n)
        print(f"  {name[:58]:58} {f['gold']:3} {f['pred']:3} {f['tp']:3}  {errs}")
    if args.examples:
        rows = result["examples"][args.examples]  # type: ignore[index]
        bench.print_examples(rows, args.examples, with_rule=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
