"""Fine-tuning settings compared on the recipe's validation split (never the held-out test).

Usage (from the project root):

    .venv/bin/python bench/sentiment_search.py "layers=6,frozen=0,epochs=4" \\
        "layers=4,frozen=0,epochs=4,aux=1" [--record models/sentiment]

Each setting runs ``finetune`` into a temporary directory (the same code as
``thesisdesk train-sentiment``) and reports the selected epoch's validation scores, fp32 and
int8, and the training time. ``--record DIR`` adds the rows to ``DIR/metadata.json`` under
``search`` and regenerates that model card, so the card lists what was tried.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KEYS = {
    "layers": ("layers", int),
    "frozen": ("frozen_layers", int),
    "epochs": ("epochs", int),
    "aux": ("aux_epochs", int),
    "lr": ("lr", float),
}


def parse_setting(text: str) -> dict[str, Any]:
    """``"layers=4,frozen=0"`` -> keyword arguments of ``finetune``."""
    out: dict[str, Any] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, _, value = part.partition("=")
        if key not in KEYS or not value:
            raise SystemExit(f"bad setting {part!r}: use {', '.join(KEYS)} as key=value")
        name, cast = KEYS[key]
        out[name] = cast(value)
    return out


def run(setting: str, data: Path) -> dict[str, Any]:
    from thesisdesk.nlp.sentiment.finetune import finetune

    out = Path(tempfile.mkdtemp(prefix="thesisdesk-search-"))
    try:
        meta = finetune(
            data, out, log=lambda m: print(m, file=sys.stderr), **parse_setting(setting)
        )
    finally:
        shutil.rmtree(out, ignore_errors=True)
    sel = meta["selected"]
    return {
        "setting": setting,
        "validation": sel.get("validation", {}),
        "epoch": sel["epoch"],
        "int8": meta["validation_onnx"].get("int8", {}),
        "train_seconds": meta["train_seconds"],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("settings", nargs="+", help="key=value,... (keys: " + ", ".join(KEYS) + ")")
    ap.add_argument("--data", type=Path, default=None, help="training TSV directory")
    ap.add_argument("--record", type=Path, default=None, help="model directory to record into")
    args = ap.parse_args()
    from thesisdesk.settings import data_dir

    data = args.data or ((data_dir() or Path(".")) / "sentiment")
    rows = []
    for setting in args.settings:
        rows.append(run(setting, data))
        print(json.dumps(rows[-1]), flush=True)
    if args.record:
        from thesisdesk.nlp.sentiment.card import write_card
        from thesisdesk.nlp.sentiment.model import META_FILE

        path = args.record / META_FILE
        meta = json.loads(path.read_text(encoding="utf-8"))
        done = {r["setting"] for r in rows}
        meta["search"] = [r for r in meta.get("search", []) if r["setting"] not in done] + [
            {
                **r,
                "note": f"epoch {r['epoch']}, int8 macro-F1 {r['int8'].get('macro_f1')}, "
                f"{r['train_seconds']:.0f} s",
            }
            for r in rows
        ]
        path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        write_card(args.record)


if __name__ == "__main__":
    main()
