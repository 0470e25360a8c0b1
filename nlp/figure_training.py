"""Training the learned figure step (``nlp.figure_model``) from gold claims.

Every figure the extractor reads in a gold article is one example: its features, and the
kind of the gold claim it states (a gold claim whose quote holds the figure and whose number
equals it, either sign), or ``none``. Figures that state only doubtful gold are left out.
Rate figures are one label, ``rate``, that the step never acts on: probabilities and basis
points are assembled by the rate rules, and a learned guess there would be noise.

The acceptance threshold is chosen on held-back folds (articles, not figures, are split, so
an article's repeats never sit on both sides): the lowest threshold at which the figures the
rules left silent and the model would read are right at least ``min_precision`` of the time,
with the most right answers. Needs the ``train`` extra (scikit-learn).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nlp.extract as extract_module
from nlp.claims import Context
from nlp.figure_model import (
    MODEL_DIR,
    NONE,
    RATE,
    FigureModel,
    figure_features,
    open_to_learning,
)
from nlp.rules import Classified, classify_or_veto

_RATE_KINDS = {"rate_decision", "rate_expectation"}
TOL = 0.005


@dataclass(frozen=True)
class Article:
    """One gold article: its text, date and gold claims (contract rows with offsets)."""

    name: str
    text: str
    published: dt.date | None
    gold: list[dict[str, Any]]


@dataclass(frozen=True)
class Example:
    article: str
    features: list[str]
    label: str
    silent: bool  # no rule answered and none vetoed for certain: where the model acts


def _numbers(row: dict[str, Any]) -> list[float]:
    return [
        abs(float(row[k]))
        for k in ("value", "low", "high", "probability")
        if row.get(k) is not None
    ]


def _label(pos: int, values: list[float], gold: list[dict[str, Any]]) -> str | None:
    """The kind of the gold claim this figure states; ``none``; None: only doubtful gold."""
    doubtful_only = False
    for row in gold:
        if not (int(row.get("start", -1)) - 2 <= pos <= int(row.get("end", -1)) + 2):
            continue
        if not any(abs(n - v) <= TOL * max(n, 1e-9) for n in _numbers(row) for v in values):
            continue
        if row.get("doubtful"):
            doubtful_only = True
            continue
        return RATE if row["kind"] in _RATE_KINDS else str(row["kind"])
    return None if doubtful_only else NONE


@contextmanager
def _recording() -> Iterator[list[tuple[Context, Classified | None, str | None]]]:
    """Every figure the extractor asks the rules about, with their answer."""
    seen: list[tuple[Context, Classified | None, str | None]] = []
    original = extract_module.classify_or_veto

    def spy(ctx: Context) -> tuple[Classified | None, str | None]:
        got, veto = classify_or_veto(ctx)
        seen.append((ctx, got, veto))
        return got, veto

    extract_module.classify_or_veto = spy
    try:
        yield seen
    finally:
        extract_module.classify_or_veto = original


def examples(articles: Iterable[Article]) -> list[Example]:
    """One example per figure the extractor reads (rules only: the learned step off)."""
    out: list[Example] = []
    for art in articles:
        with _rules_only(), _recording() as seen:
            extract_module.extract_claims(art.text, art.published, article=art.name)
        done: set[tuple[int, str]] = set()
        for ctx, got, veto in seen:
            s0 = art.text.find(ctx.text)
            if s0 < 0:
                continue
            pos = s0 + ctx.q.start
            if (pos, ctx.text) in done:  # a sentence read twice (headline + body repeats)
                continue
            done.add((pos, ctx.text))
            values = [abs(v) for v in (ctx.q.value, ctx.q.low, ctx.q.high) if v is not None]
            label = _label(pos, values, art.gold)
            if label is None:
                continue
            silent = got is None and open_to_learning(veto)
            out.append(Example(art.name, figure_features(ctx, veto), label, silent))
    return out


@contextmanager
def _rules_only() -> Iterator[None]:
    saved = extract_module.learned_model
    extract_module.learned_model = lambda: None
    try:
        yield
    finally:
        extract_module.learned_model = saved


def fit(train: list[Example], c: float = 1.0) -> FigureModel:
    """A multinomial logistic regression over the examples' features (threshold unset)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(e.features, 1.0) for e in train])
    y = [e.label for e in train]
    clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    clf.fit(x, y)
    labels = tuple(str(label) for label in clf.classes_)
    names = vec.get_feature_names_out()
    coef = clf.coef_
    weights = {
        str(name): tuple(round(float(coef[j, k]), 5) for j in range(len(labels)))
        for k, name in enumerate(names)
        if any(abs(coef[j, k]) > 1e-4 for j in range(len(labels)))
    }
    bias = tuple(round(float(b), 5) for b in clf.intercept_)
    return FigureModel(labels=labels, bias=bias, weights=weights, threshold=1.0)


def _accepted(model: FigureModel, e: Example) -> str | None:
    probs = model.probabilities(e.features)
    label = max(probs, key=probs.__getitem__)
    return None if label in (NONE, RATE) else label


def held_back_answers(
    data: list[Example], folds: int = 5, c: float = 1.0
) -> list[tuple[Example, str | None, float]]:
    """For every silent figure: the answer and probability of a model that never saw its
    article (articles dealt round-robin into ``folds``)."""
    names = sorted({e.article for e in data})
    fold_of = {name: i % folds for i, name in enumerate(names)}
    out: list[tuple[Example, str | None, float]] = []
    for f in range(folds):
        model = fit([e for e in data if fold_of[e.article] != f], c)
        for e in data:
            if fold_of[e.article] == f and e.silent:
                probs = model.probabilities(e.features)
                out.append((e, _accepted(model, e), max(probs.values())))
    return out


def choose_threshold(
    answers: list[tuple[Example, str | None, float]], min_precision: float = 0.7
) -> tuple[float, dict[str, float]]:
    """The threshold with the most right readings among those at least ``min_precision``
    right (1.0, i.e. never act, when none is)."""
    best = (1.0, {"right": 0.0, "wrong": 0.0, "precision": 0.0})
    for t in [x / 100 for x in range(30, 100, 2)]:
        taken = [(e, a) for e, a, p in answers if a is not None and p >= t]
        right = sum(1 for e, a in taken if a == e.label)
        wrong = len(taken) - right
        precision = right / len(taken) if taken else 0.0
        if taken and precision >= min_precision and right > best[1]["right"]:
            best = (t, {"right": right, "wrong": wrong, "precision": round(precision, 3)})
    return best


def train(
    articles: list[Article],
    *,
    grid: tuple[float, ...] = (0.3, 1.0, 3.0, 10.0),
    min_precision: float = 0.8,
    out_dir: Path = MODEL_DIR,
    sources: list[str] | None = None,
) -> dict[str, Any]:
    """Fit on every article with the regularisation (``grid``) and threshold that read the
    most silent figures right on held-back folds, at least ``min_precision`` of them right;
    write the model and its training record."""
    data = examples(articles)
    tried: list[dict[str, Any]] = []
    best: tuple[float, float, dict[str, float]] | None = None
    for c in grid:
        threshold, at = choose_threshold(held_back_answers(data, c=c), min_precision)
        tried.append({"C": c, "threshold": threshold, **at})
        if best is None or at["right"] - at["wrong"] > best[2]["right"] - best[2]["wrong"]:
            best = (c, threshold, at)
    assert best is not None
    c, threshold, at = best
    model = fit(data, c)
    labels = Counter(e.label for e in data)
    silent = Counter(e.label for e in data if e.silent)
    out_dir.mkdir(parents=True, exist_ok=True)
    payload = {
        "name": "figure_kind",
        "version": 1,
        "labels": list(model.labels),
        "bias": list(model.bias),
        "threshold": threshold,
        "weights": dict(sorted(model.weights.items())),
    }
    (out_dir / "model.json").write_text(json.dumps(payload, separators=(",", ":")) + "\n")
    report = {
        "articles": len(articles),
        "figures": len(data),
        "labels": dict(labels),
        "silent_figures_by_label": dict(silent),
        "features": len(model.weights),
        "C": c,
        "min_precision": min_precision,
        "threshold": threshold,
        "held_back_at_threshold": at,
        "grid": tried,
        "sources": sources or [],
    }
    (out_dir / "training.json").write_text(json.dumps(report, indent=1) + "\n")
    return report


def load_articles(
    gold_path: Path, manifest_path: Path, only: set[str] | None = None
) -> list[Article]:
    """The gold articles of one set: texts and dates from its manifest, gold rows by article
    (``only``: article stems to keep, e.g. a devset's tuning part)."""
    from ingest.manifest import read_manifest

    rows: dict[str, list[dict[str, Any]]] = {}
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            rows.setdefault(Path(str(row["article"])).stem, []).append(row)
    out: list[Article] = []
    for entry in read_manifest(manifest_path).entries:
        stem = Path(entry.name).stem
        if (only is not None and stem not in only) or not entry.path.is_file():
            continue
        text = entry.path.read_text(encoding="utf-8")
        out.append(Article(stem, text, entry.published, rows.get(stem, [])))
    return out
