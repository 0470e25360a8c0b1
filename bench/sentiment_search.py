"""Fine-tuning settings compared on the recipe's validation split (never the held-out test).

Usage (from the project root):

    .venv/bin/python bench/sentiment_search.py run "layers=6,frozen=0,epochs=4" \\
        "layers=4,frozen=0,epochs=4" --results /tmp/search.jsonl
    .venv/bin/python bench/sentiment_search.py record models/sentiment --results /tmp/search.jsonl

``run`` trains each setting with ``finetune`` into a temporary directory (the same code as
``thesisdesk train-sentiment``) and appends a JSON line per setting: the selected epoch's
validation scores (fp32 and int8), the training time, and the int8 graph's cold batch speed
on 1,024 MIT tweets as a ratio to the shipped model measured in the same process.
``record`` copies those rows into a model's ``metadata.json`` under ``search`` and
regenerates its card, so the card lists what was tried.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
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


def sentences_per_s(model_dir: Path, sentences: list[str]) -> float:
    """Cold batch ``predict`` rate of the model in ``model_dir`` (best of 3 runs)."""
    from nlp.sentiment.model import read_model

    model = read_model(model_dir)
    best = 0.0
    for _ in range(3):
        model._cache.clear()
        t = time.perf_counter()
        model.predict(sentences)
        best = max(best, len(sentences) / (time.perf_counter() - t))
    return round(best, 1)


def run_setting(setting: str, data: Path, sentences: list[str], base: float) -> dict[str, Any]:
    from nlp.sentiment.finetune import finetune

    out = Path(tempfile.mkdtemp(prefix="thesisdesk-search-"))
    try:
        meta = finetune(
            data, out, log=lambda m: print(m, file=sys.stderr), **parse_setting(setting)
        )
        speed = sentences_per_s(out, sentences)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    sel = meta["selected"]
    return {
        "setting": setting,
        "validation": sel.get("validation", {}),
        "epoch": sel["epoch"],
        "int8": meta["validation_onnx"].get("int8", {}),
        "train_seconds": meta["train_seconds"],
        "sentences_per_s": speed,
        "speed_vs_shipped": round(speed / base, 2),
    }


def record(model_dir: Path, rows: list[dict[str, Any]]) -> None:
    from nlp.sentiment.card import write_card
    from nlp.sentiment.model import META_FILE

    path = model_dir / META_FILE
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta["search"] = [
        {
            **r,
            "note": f"epoch {r['epoch']}; int8 {r['int8'].get('accuracy')} / "
            f"{r['int8'].get('macro_f1')}; trained in {r['train_seconds']:.0f} s"
            + (
                f"; {r['speed_vs_shipped']}x the speed of the model shipped when it ran"
                if "speed_vs_shipped" in r
                else ""
            ),
        }
        for r in rows
    ]
    path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    write_card(model_dir)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="train and score settings")
    r.add_argument("settings", nargs="+", help="key=value,... (keys: " + ", ".join(KEYS) + ")")
    r.add_argument("--data", type=Path, default=None, help="training TSV directory")
    r.add_argument("--results", type=Path, required=True, help="JSONL file to append to")
    w = sub.add_parser("record", help="write results into a model's metadata and card")
    w.add_argument("model_dir", type=Path)
    w.add_argument("--results", type=Path, required=True)
    args = ap.parse_args()
    if args.cmd == "record":
        rows = [json.loads(x) for x in args.results.read_text(encoding="utf-8").splitlines()]
        record(args.model_dir, [x for x in rows if "setting" in x])
        return
    from nlp.sentiment.model import DEFAULT_MODEL_DIR
    from nlp.sentiment.train import read_tsv
    from thesisdesk.settings import data_dir

    data = args.data or ((data_dir() or Path(".")) / "sentiment")
    sentences = read_tsv(data / "twitter_financial_news_valid.tsv")[0][:1024]
    base = sentences_per_s(DEFAULT_MODEL_DIR, sentences)
    print(json.dumps({"shipped_model_sentences_per_s": base}), flush=True)
    for setting in args.settings:
        row = run_setting(setting, data, sentences, base)
        with args.results.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(row) + "\n")
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
