"""The learned step: what kind of claim a figure states when no hand-written rule knows its
phrasing.

The rules (``nlp.rules``) read the phrasings their authors met; on commentary nobody here
wrote, a third of the figures that are claims reach no rule at all. This model reads such a
figure from the same ``Context`` the rules see (the words on either side, the unit, the
sentence's flags) and says which of the seven kinds it states, or ``none``. It only ever
speaks where every rule kept silent: a rule's answer, and a rule's veto ("no claim"), always
win. Its answer becomes a claim only above the threshold the training chose on held-back
folds, so an unsure figure stays unread rather than becoming a spurious claim.

The weights are plain JSON (``models/figure_kind/model.json``, card beside it): a
multinomial logistic regression over sparse string features, scored here with a dictionary
walk, so the runtime needs neither scikit-learn nor pickle. ``nlp.figure_training`` builds
it (the ``train`` extra).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from nlp.claims import Context

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "figure_kind"
MODEL_PATH = MODEL_DIR / "model.json"
NONE = "none"
#: Rate figures: the rate rules assemble them; the step never reads one.
RATE = "rate"
#: The versioned name recorded on claims this step reads (``Claim.rule``).
RULE_NAME = "claims.learned.figure_kind.v1"
#: Vetoes that mean "no rule placed this figure" rather than "this is certainly no claim":
#: the learned step may read past them.
OPEN_VETOES = frozenset({"claims.price_level.unplaced.v1"})

_WORD = re.compile(r"[a-z][a-z&/'-]*|\$|%|\d+")
# words that carry the meaning; digits are folded into one token so features generalise
_NEAR = 4
_BAG = 8


def _words(s: str) -> list[str]:
    return ["#" if w.isdigit() else w.strip("'-") for w in _WORD.findall(s.lower())]


def _magnitude(v: float | None) -> str:
    if v is None:
        return "na"
    a = abs(v)
    if a == 0:
        return "0"
    return str(max(-3, min(6, math.floor(math.log10(a)))))


def open_to_learning(veto: str | None) -> bool:
    """Whether the learned step may read a figure the rules gave no claim (``veto``: the rule
    that said "no claim", None when none spoke)."""
    return veto is None or veto in OPEN_VETOES


def figure_features(ctx: Context, veto: str | None = None) -> list[str]:
    """Sparse features of one figure: its unit and size, the nearest words on each side
    (by position and as a bag), the words further left, the flags the rules use, and which
    open veto (if any) left it unplaced."""
    q = ctx.q
    left = _words(ctx.left)
    right = _words(ctx.right)
    wide = _words(ctx.wide_left)
    f = [
        f"unit={q.unit}",
        f"cmp={q.comparator}",
        f"mag={q.unit}:{_magnitude(q.value if q.value is not None else q.high)}",
        f"range={q.low is not None}",
        f"neg={q.negative}",
        f"prev_unit={ctx.prev_unit}",
        f"rate_sentence={ctx.rate_sentence}",
        f"mention_before={ctx.mention_before}",
        f"mention_adjacent={ctx.mention_adjacent}",
        f"veto={veto}",
    ]
    if q.per_share:
        f.append("per_share")
    if q.what:
        f.append(f"what={q.what}")
    for k, w in enumerate(reversed(left[-_NEAR:]), 1):
        f.append(f"l{k}={w}")
    for k, w in enumerate(right[:_NEAR], 1):
        f.append(f"r{k}={w}")
    f.extend(f"lb={w}" for w in set(left[-_BAG:]))
    f.extend(f"rb={w}" for w in set(right[:_BAG]))
    f.extend(f"wb={w}" for w in set(wide[-24:]))
    f.extend(_name_features(ctx))
    if left:
        f.append(f"l1u={left[-1]}|{q.unit}")
    if right:
        f.append(f"r1u={right[0]}|{q.unit}")
    return f


def _distance(chars: int) -> str:
    return "near" if chars <= 25 else "mid" if chars <= 80 else "far"


def _name_features(ctx: Context) -> list[str]:
    """Where the sentence names instruments relative to the figure, and of which kind: a
    figure with no name in its sentence is rarely a claim."""
    q = ctx.q
    named = [m for m in ctx.names if not m.modifier]
    f = [f"names={min(len({m.symbol for m in named}), 3)}"]
    before = [m for m in named if m.end <= q.start]
    after = [m for m in named if m.start >= q.end]
    if before:
        m = before[-1]
        f.append(f"name_left={m.kind}:{_distance(q.start - m.end)}")
    if after:
        m = after[0]
        f.append(f"name_right={m.kind}:{_distance(m.start - q.end)}")
    return f


@dataclass(frozen=True)
class FigureModel:
    """Weights per feature and label, a bias per label, and the acceptance threshold."""

    labels: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    threshold: float

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> FigureModel:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            labels=tuple(raw["labels"]),
            bias=tuple(float(b) for b in raw["bias"]),
            weights={k: tuple(float(x) for x in v) for k, v in raw["weights"].items()},
            threshold=float(raw["threshold"]),
        )

    def probabilities(self, features: list[str]) -> dict[str, float]:
        scores = list(self.bias)
        for name in features:
            w = self.weights.get(name)
            if w is not None:
                for j, x in enumerate(w):
                    scores[j] += x
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.labels, exps, strict=True)}

    def kind_of(self, ctx: Context, veto: str | None = None) -> tuple[str, float] | None:
        """The kind this figure states and the model's probability, when it is sure enough."""
        probs = self.probabilities(figure_features(ctx, veto))
        label = max(probs, key=probs.__getitem__)
        if label in (NONE, RATE) or probs[label] < self.threshold:
            return None
        return label, probs[label]


@lru_cache(maxsize=1)
def shipped_model() -> FigureModel | None:
    """The model under ``models/``; None when it is not there (the rules alone then)."""
    if not MODEL_PATH.is_file():
        return None
    return FigureModel.load(MODEL_PATH)
