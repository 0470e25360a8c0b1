"""Scoring extracted claims against a gold set (used by bench/extraction.py and the CI gate).

The rule: a prediction matches a gold claim when article, kind and subject are equal and the
number agrees within 0.5% (``value``; for a range both ``low`` and ``high``), one-to-one.
Repeated mentions count once: predictions and gold are de-duplicated on (article, kind,
subject, value, low, high, period). Gold marked ``doubtful`` is neither required nor
penalised: a prediction that matches only a doubtful gold claim is neither TP nor FP.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.manifest import read_manifest

TOLERANCE = 0.005
KINDS = (
    "price_target",
    "price_level",
    "performance",
    "rate_decision",
    "rate_expectation",
    "valuation",
    "fundamental",
)


def _iso(v: object) -> str | None:
    if v is None:
        return None
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def _num(v: object) -> float | None:
    if v is None or v == "":
        return None
    try:
        return float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def close(a: float | None, b: float | None) -> bool:
    """Both absent, or within 0.5% of the larger magnitude."""
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b)) or a == b


def key(row: dict[str, object]) -> tuple[object, ...]:
    return (
        row.get("article"),
        row.get("kind"),
        row.get("subject"),
        _num(row.get("value")),
        _num(row.get("low")),
        _num(row.get("high")),
        _iso(row.get("period_start")),
        _iso(row.get("period_end")),
    )


def dedupe(rows: Iterable[dict[str, object]]) -> list[dict[str, object]]:
    """One row per key; a non-doubtful row beats a doubtful duplicate."""
    out: dict[tuple[object, ...], dict[str, object]] = {}
    for row in rows:
        k = key(row)
        if k not in out or (out[k].get("doubtful") and not row.get("doubtful")):
            out[k] = row
    return list(out.values())


def numbers_match(p: dict[str, object], g: dict[str, object]) -> bool:
    gv, gl, gh = _num(g.get("value")), _num(g.get("low")), _num(g.get("high"))
    pv, pl, ph = _num(p.get("value")), _num(p.get("low")), _num(p.get("high"))
    if gv is not None:
        return close(pv, gv)
    if gl is not None or gh is not None:
        return close(pl, gl) and close(ph, gh)
    return pv is None and pl is None and ph is None


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Report:
    overall: Score = field(default_factory=Score)
    by_kind: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    period_right: int = 0
    period_total: int = 0
    misses: list[dict[str, object]] = field(default_factory=list)
    false_positives: list[dict[str, object]] = field(default_factory=list)
    wrong_periods: list[tuple[dict[str, object], dict[str, object]]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "overall": self.overall.as_dict(),
            "by_kind": {k: s.as_dict() for k, s in sorted(self.by_kind.items())},
            "performance_period_accuracy": (
                round(self.period_right / self.period_total, 4) if self.period_total else None
            ),
            "performance_period_matched": self.period_total,
        }


def score(
    predictions: Iterable[dict[str, object]],
    gold: Iterable[dict[str, object]],
    articles: set[str] | None = None,
) -> Report:
    """Score predictions against gold; ``articles`` limits both to those articles."""
    preds = dedupe(p for p in predictions if articles is None or p.get("article") in articles)
    golds = dedupe(g for g in gold if articles is None or g.get("article") in articles)
    report = Report()
    groups: dict[tuple[object, object, object], list[dict[str, object]]] = defaultdict(list)
    for p in preds:
        groups[(p.get("article"), p.get("kind"), p.get("subject"))].append(p)
    used: set[int] = set()
    # required gold first, then doubtful gold only absorbs what is left
    for doubtful in (False, True):
        for g in golds:
            if bool(g.get("doubtful")) != doubtful:
                continue
            cands = [
                p
                for p in groups[(g.get("article"), g.get("kind"), g.get("subject"))]
                if id(p) not in used and numbers_match(p, g)
            ]
            kind = str(g.get("kind"))
            if not cands:
                if not doubtful:
                    report.overall.fn += 1
                    report.by_kind[kind].fn += 1
                    report.misses.append(g)
                continue
            same = [p for p in cands if _period(p) == _period(g)]
            p = (same or cands)[0]
            used.add(id(p))
            if doubtful:
                continue
            report.overall.tp += 1
            report.by_kind[kind].tp += 1
            if kind == "performance":
                report.period_total += 1
                if _period(p) == _period(g):
                    report.period_right += 1
                else:
                    report.wrong_periods.append((p, g))
    for p in preds:
        if id(p) not in used:
            report.overall.fp += 1
            report.by_kind[str(p.get("kind"))].fp += 1
            report.false_positives.append(p)
    return report


def _period(row: dict[str, object]) -> tuple[str | None, str | None]:
    return _iso(row.get("period_start")), _iso(row.get("period_end"))


def read_jsonl(path: str | Path) -> list[dict[str, object]]:
    rows = []
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                rows.append(json.loads(line))
    return rows


def sha256_file(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def predict_manifest(manifest: str | Path) -> list[dict[str, object]]:
    """Run the extractor on every article of a manifest; contract dicts plus ``article``."""
    from nlp.extract import extract_many

    items = [
        (e.path.read_text(encoding="utf-8", errors="replace"), e.published, e.name)
        for e in read_manifest(manifest).entries
    ]
    rows: list[dict[str, object]] = []
    for (_, _, name), claims in zip(items, extract_many(items), strict=True):
        for c in claims:
            row = c.contract_dict()
            row["article"] = name
            rows.append(row)
    return rows


def evaluate(gold_path: str | Path, manifest: str | Path) -> Report:
    """Score the extractor on a gold file and the manifest of its texts."""
    names = {e.name for e in read_manifest(manifest).entries}
    return score(predict_manifest(manifest), read_jsonl(gold_path), names)
