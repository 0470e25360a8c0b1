"""The learned figure step: scoring, where it may act, what the checker makes of it, training."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from rule_context import figure

import nlp.extract
from crosscheck.checker import unsure
from nlp.extract import extract_claims
from nlp.figure_model import (
    MODEL_PATH,
    NONE,
    RATE,
    RULE_NAME,
    FigureModel,
    figure_features,
    open_to_learning,
    shipped_model,
)

ROOT = Path(__file__).resolve().parent.parent
DAY = dt.date(2025, 10, 7)


def _always(label: str) -> FigureModel:
    """A model whose bias alone makes ``label`` certain: shows where the step is asked."""
    labels = ("none", "performance", "price_level", "rate")
    return FigureModel(
        labels=labels,
        bias=tuple(50.0 if x == label else 0.0 for x in labels),
        weights={},
        threshold=0.5,
    )


@pytest.fixture
def learned(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    def use(model: FigureModel | None) -> None:
        monkeypatch.setattr(nlp.extract, "learned_model", lambda: model)

    yield use


def test_probabilities_sum_to_one_and_weights_move_them() -> None:
    model = FigureModel(
        labels=("none", "performance"),
        bias=(0.0, 0.0),
        weights={"l1=rose": (-1.0, 2.0)},
        threshold=0.6,
    )
    flat = model.probabilities(["l1=fell"])
    assert flat == {"none": 0.5, "performance": 0.5}
    moved = model.probabilities(["l1=rose", "unknown feature"])
    assert math.isclose(sum(moved.values()), 1.0)
    assert moved["performance"] == pytest.approx(math.exp(3) / (1 + math.exp(3)))


def test_below_threshold_none_and_rate_are_never_read() -> None:
    ctx = figure("IWM printed $231.50 on heavy volume.", "$231.50")
    assert _always("performance").kind_of(ctx) == ("performance", pytest.approx(1.0))
    assert _always(NONE).kind_of(ctx) is None
    assert _always(RATE).kind_of(ctx) is None
    unsure_model = FigureModel(("none", "performance"), (0.0, 0.1), {}, threshold=0.9)
    assert unsure_model.kind_of(ctx) is None


def test_features_name_unit_neighbours_and_veto() -> None:
    ctx = figure("Small caps jumped 4.2% on Friday.", "4.2%")
    feats = figure_features(ctx, "claims.price_level.unplaced.v1")
    assert "unit=pct" in feats
    assert "l1=jumped" in feats
    assert "r1=on" in feats
    assert "veto=claims.price_level.unplaced.v1" in feats
    assert figure_features(ctx) == figure_features(ctx)  # deterministic


def test_only_open_vetoes_let_the_step_read() -> None:
    assert open_to_learning(None)
    assert open_to_learning("claims.price_level.unplaced.v1")
    assert not open_to_learning("claims.price_level.member_count.v1")


def test_step_reads_an_unplaced_figure_and_the_checker_never_accuses_it(learned) -> None:  # type: ignore[no-untyped-def]
    text = "IWM printed $231.50 on heavy volume."
    learned(None)
    assert extract_claims(text, DAY) == []
    learned(_always("price_level"))
    (claim,) = extract_claims(text, DAY)
    assert (claim.kind, claim.subject, claim.value, claim.rule) == (
        "price_level",
        "IWM",
        231.5,
        RULE_NAME,
    )
    assert claim.quote == text[claim.start : claim.end]
    reason = unsure(claim)
    assert reason is not None and reason.startswith("kind unclear")


def test_a_certain_veto_or_a_rule_answer_always_wins(learned) -> None:  # type: ignore[no-untyped-def]
    learned(_always("performance"))
    assert extract_claims("The Russell 2000 holds about 2,000 companies.", DAY) == []
    (claim,) = extract_claims("IWM fell 1.6% on Tuesday.", DAY)
    assert claim.rule != RULE_NAME and claim.value == -1.6


def test_shipped_model_is_plain_json_with_finite_weights() -> None:
    raw = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    model = shipped_model()
    assert model is not None
    assert {NONE, RATE, "performance", "price_level"} <= set(model.labels)
    assert 0 < model.threshold <= 1
    assert len(raw["bias"]) == len(model.labels)
    assert all(math.isfinite(x) for w in model.weights.values() for x in w)
    record = json.loads((MODEL_PATH.parent / "training.json").read_text(encoding="utf-8"))
    assert record["threshold"] == model.threshold


@pytest.mark.slow
def test_training_writes_a_loadable_model_with_a_held_back_threshold(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from nlp.figure_training import load_articles, train

    articles = load_articles(
        ROOT / "demo" / "gold" / "demo.jsonl", ROOT / "demo" / "texts" / "index.jsonl"
    )
    assert len(articles) >= 20
    report = train(articles, grid=(1.0,), min_precision=0.5, out_dir=tmp_path)
    model = FigureModel.load(tmp_path / "model.json")
    assert model.threshold == report["threshold"]
    assert report["figures"] > 300 and report["labels"]["performance"] > 100
    at = report["held_back_at_threshold"]
    assert model.threshold == 1.0 or at["precision"] >= 0.5
