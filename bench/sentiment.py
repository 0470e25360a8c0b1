"""Sentiment benchmark: held-out accuracy, speed against plain PyTorch, stance agreement.

Usage (from the project root):

    .venv/bin/python bench/sentiment.py [--model DIR] [--record] [--skip-heldout]

The held-out PhraseBank test is evaluated once per shipped model; ``--record`` writes the
figures into the model's ``metadata.json`` and regenerates ``MODEL_CARD.md``. Speed is
reported as sentences/s and as a ratio to the plain encoder in the same process (the machine
is shared, so absolute figures are noisy).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _data_dir() -> Path:
    from thesisdesk.settings import data_dir

    base = data_dir()
    if base is None:
        sys.exit("no shared data directory (set THESISDESK_DATA)")
    return base


def heldout(model: Any, path: Path) -> dict[str, Any]:
    """Accuracy and macro-F1 on the held-out test, overall and on its allagree rows."""
    import pandas as pd
    from sklearn.metrics import accuracy_score, f1_score

    df = pd.read_csv(path, sep="\t", quoting=csv.QUOTE_NONE, keep_default_na=False, dtype=str)
    pred = [r.label for r in model.predict(list(df["sentence"]))]
    y = list(df["label"])
    out: dict[str, Any] = {
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "measured_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
    }
    labels = ["positive", "negative", "neutral"]
    for name, mask in (("all", [True] * len(y)), ("allagree", list(df["allagree"] == "1"))):
        yy = [a for a, m in zip(y, mask, strict=True) if m]
        pp = [a for a, m in zip(pred, mask, strict=True) if m]
        out[name] = {
            "n": len(yy),
            "accuracy": round(float(accuracy_score(yy, pp)), 4),
            "macro_f1": round(float(f1_score(yy, pp, average="macro")), 4),
        }
    per = f1_score(y, pred, labels=labels, average=None)
    out["per_class_f1"] = {k: round(float(v), 4) for k, v in zip(labels, per, strict=True)}
    return out


def plain_rate(tok: Any, net: Any, sentences: list[str], max_len: int, head: Any = None) -> float:
    """Sentences/s of a plain PyTorch encoder: batches of 64 in input order, padded to the
    batch's longest, mean pooling (and ``head`` with a softmax when given)."""
    import torch

    t = time.perf_counter()
    with torch.inference_mode():
        for lo in range(0, len(sentences), 64):
            b = tok(
                sentences[lo : lo + 64],
                padding=True,
                truncation=True,
                max_length=max_len,
                return_tensors="pt",
            )
            h = net(**b).last_hidden_state
            m = b["attention_mask"].unsqueeze(-1).float()
            pooled = (h * m).sum(1) / m.sum(1)
            _ = (head(pooled).softmax(1) if head is not None else pooled).numpy()
    return len(sentences) / (time.perf_counter() - t)


def predict_rates(model: Any, sentences: list[str]) -> tuple[float, float]:
    """Sentences/s of ``model.predict``: cold (cache emptied first), then cached."""
    rates = []
    model._cache.clear()
    for _ in range(2):
        t = time.perf_counter()
        model.predict(sentences)
        rates.append(len(sentences) / (time.perf_counter() - t))
    return rates[0], rates[1]


def speed_finetuned(model: Any, sentences: list[str]) -> dict[str, Any]:
    """Sentences/s: the plain PyTorch MiniLM-L6 encoder (all 6 layers, and cut to the shipped
    model's layer count; fp32, batch 64 in input order, mean pooling, a linear head) vs the
    shipped int8 ONNX ``predict`` path, in the same process."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    from nlp.sentiment.encoder import _offline, encoder_dir

    _offline()
    src = encoder_dir()
    tok = AutoTokenizer.from_pretrained(src, local_files_only=True)
    head = torch.nn.Linear(384, 3)
    n, max_len = len(sentences), model.max_tokens
    layers = int(model.meta.get("params", {}).get("layers", 6))

    def plain(n_layers: int) -> float:
        net = AutoModel.from_pretrained(src, local_files_only=True).eval()
        net.encoder.layer = net.encoder.layer[:n_layers]
        return plain_rate(tok, net, sentences, max_len, head)

    base = plain(6)
    same = plain(layers) if layers != 6 else base
    cold, warm = predict_rates(model, sentences)
    return {
        "n": n,
        "plain_torch_batch64_per_s": round(base, 1),
        f"plain_torch_{layers}_layers_batch64_per_s": round(same, 1),
        "backend": f"onnx int8 (fine-tuned, {layers} layers, sorted, dynamic padding)",
        "threads": torch.get_num_threads(),
        "predict_cold_per_s": round(cold, 1),
        "predict_cached_per_s": round(warm, 1),
        "cold_vs_plain": round(cold / base, 2),
        "cold_vs_plain_same_layers": round(cold / same, 2),
    }


def speed(model: Any, sentences: list[str]) -> dict[str, Any]:
    """Sentences/s: plain AutoModel batch 64 in input order vs the shipped predict path."""
    import numpy as np

    from nlp.sentiment.encoder import MAX_TOKENS
    from nlp.sentiment.model import FinetunedSentimentModel

    if isinstance(model, FinetunedSentimentModel):
        return speed_finetuned(model, sentences)
    enc = model.encoder
    tok, net = enc.tokenizer, enc.model
    n = len(sentences)
    base = plain_rate(tok, net, sentences, MAX_TOKENS)
    backend = "onnx" if enc.session(model.layers) is not None else "torch"
    saved = enc.backend, dict(enc._sessions)
    enc.backend, enc._sessions = "torch", {}
    t = time.perf_counter()
    enc.embed(sentences, model.layers)
    torch_sorted = n / (time.perf_counter() - t)
    enc.backend, enc._sessions = saved
    cold, warm = predict_rates(model, sentences)
    del np
    return {
        "n": n,
        "plain_torch_batch64_per_s": round(base, 1),
        "torch_sorted_dynamic_padding_per_s": round(torch_sorted, 1),
        "backend": backend,
        "predict_cold_per_s": round(cold, 1),
        "predict_cached_per_s": round(warm, 1),
        "cold_vs_plain": round(cold / base, 2),
    }


def stance_agreement(model: Any, gold_path: Path) -> dict[str, Any]:
    """Agreement of ``claim_stance`` with the gold stance of every gold seed claim.

    Three readings: the model alone (label mapped to a stance); claim_stance with the gold
    stance blanked (rules from the numbers + model: the honest figure); claim_stance with the
    claim as given (the extractor's rule stance kept unless the model is very sure).
    A target's current price comes from the same article's ``price_level``/``current`` claim.
    """
    from nlp.sentiment import claim_stance
    from thesisdesk.records import Claim

    rows = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
    fields = set(Claim.model_fields)
    claims = [Claim(**{k: v for k, v in r.items() if k in fields}) for r in rows]
    current = {
        (c.article, c.subject): c.value
        for c in claims
        if c.kind == "price_level" and c.role == "current" and c.value
    }
    results = model.predict([c.quote for c in claims])
    counts: Counter[str] = Counter()
    for c, res in zip(claims, results, strict=True):
        price = current.get((c.article, c.subject))
        mapped = {"positive": "bullish", "negative": "bearish"}.get(res.label, "neutral")
        blank = c.model_copy(update={"stance": "neutral"})
        counts["model_only"] += mapped == c.stance
        counts["rules_plus_model"] += claim_stance(blank, res, current_price=price)[0] == c.stance
        counts["with_claim_stance"] += claim_stance(c, res, current_price=price)[0] == c.stance
    n = len(claims)
    return {"n": n, **{k: f"{v}/{n} ({v / n:.2f})" for k, v in counts.items()}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", type=Path, default=None, help="model directory")
    ap.add_argument("--record", action="store_true", help="write figures into the model card")
    ap.add_argument("--skip-heldout", action="store_true", help="speed and stance only")
    args = ap.parse_args()

    import torch

    from nlp.sentiment import load_model
    from nlp.sentiment.card import write_card
    from nlp.sentiment.model import META_FILE

    torch.set_num_threads(2)
    model = load_model(args.model)
    data = _data_dir()
    report: dict[str, Any] = {"model": str(model.path), "selected": model.meta.get("selected")}
    test_path = data / "sentiment" / "heldout" / "phrasebank_test.tsv"
    if not args.skip_heldout:
        report["heldout"] = heldout(model, test_path)
    train = data / "sentiment" / "twitter_financial_news_valid.tsv"
    import pandas as pd

    sents = list(
        pd.read_csv(train, sep="\t", quoting=csv.QUOTE_NONE, keep_default_na=False, dtype=str)[
            "sentence"
        ][:1024]
    )
    import os

    report["speed"] = speed(model, sents)
    report["speed"]["load_average"] = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    gold = data.parent / "spec" / "gold" / "seeds.jsonl"
    if gold.is_file():
        report["stance"] = stance_agreement(model, gold)
    print(json.dumps(report, indent=2))
    if args.record:
        # with --skip-heldout only speed and stance are refreshed: the test ran once already
        meta_path = model.path / META_FILE
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if "heldout" not in report and not meta.get("heldout"):
            sys.exit("no held-out figures recorded yet: run without --skip-heldout once")
        h = dict(report.get("heldout") or meta["heldout"])
        s = report["speed"]
        if "torch_sorted_dynamic_padding_per_s" in s:
            h["speed"] = (
                f"plain PyTorch encoder batch 64 {s['plain_torch_batch64_per_s']}/s; PyTorch "
                f"sorted with dynamic padding {s['torch_sorted_dynamic_padding_per_s']}/s; "
                f"predict ({s['backend']}, sorted, dynamic padding) {s['predict_cold_per_s']}/s "
                f"cold ({s['cold_vs_plain']}x plain), {s['predict_cached_per_s']}/s when "
                f"cached; {s['n']} tweets"
            )
        else:
            same = next((v for k, v in s.items() if k.endswith("_layers_batch64_per_s")), None)
            h["speed"] = (
                f"plain PyTorch MiniLM-L6 fp32 batch 64 {s['plain_torch_batch64_per_s']}/s"
                + (
                    f" (cut to the same layers: {same}/s, {s['cold_vs_plain_same_layers']}x)"
                    if same is not None
                    else ""
                )
                + f"; predict ({s['backend']}) {s['predict_cold_per_s']}/s cold "
                f"({s['cold_vs_plain']}x plain), {s['predict_cached_per_s']}/s when cached; "
                f"{s['n']} tweets, {s['threads']} threads, load average "
                f"{s.get('load_average', '?')}"
            )
        if "stance" in report:
            st = report["stance"]
            h["stance_agreement"] = (
                f"model only {st['model_only']}, rules + model (gold stance blanked) "
                f"{st['rules_plus_model']}, with the claim's own stance {st['with_claim_stance']}"
            )
        meta["heldout"] = h
        meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        write_card(model.path)
        print(f"recorded in {meta_path} and MODEL_CARD.md", file=sys.stderr)


if __name__ == "__main__":
    main()
