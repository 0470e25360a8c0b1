"""The devset bench's error table: each unmatched gold claim lands in the class that explains it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "bench_devset", Path(__file__).resolve().parent.parent / "bench" / "devset.py"
)
assert _spec and _spec.loader
devset = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(devset)


def _c(kind: str, subject: str, value: float, start: str | None = None, **kw: object) -> dict:
    return {
        "article": kw.pop("article", "a1"),
        "kind": kind,
        "subject": subject,
        "value": value,
        "period_start": start,
        "period_end": start,
        **kw,
    }


def test_error_classes_and_scores() -> None:
    gold = [
        _c("performance", "^RUT", 2.0, "2025-01-02"),  # matched, period right
        _c("performance", "^GSPC", 1.0, "2025-01-02"),  # matched, period wrong
        _c("performance", "^NDX", -3.0),  # predicted +3: wrong sign
        _c("performance", "IWM", 4.0),  # predicted for SPY: wrong subject
        _c("price_level", "IWM", 210.0),  # predicted as a target: wrong kind
        _c("valuation", "^RUT", 15.0),  # nothing with 15: missed
        _c("performance", "^RUT", 9.0, doubtful=True),  # neutral
    ]
    pred = [
        _c("performance", "^RUT", 2.0, "2025-01-02", article="a1.txt"),
        _c("performance", "^SPX", 1.0, "2025-01-01"),  # an alias of ^GSPC
        _c("performance", "^NDX", 3.0),
        _c("performance", "SPY", 4.0),
        _c("price_target", "IWM", 210.0),
        _c("performance", "^RUT", 9.0),  # finds the doubtful one: neither right nor wrong
        _c("performance", "QQQ", 77.0),  # spurious
    ]
    got = devset.evaluate_part(gold, pred, {"a1"})
    assert got["overall"]["tp"] == 2 and got["overall"]["pred"] == 6
    assert got["overall"]["gold"] == 6
    assert got["period_right"] == [1, 2]
    assert got["errors"] == {
        "missed": 1,
        "wrong_subject": 1,
        "wrong_kind": 1,
        "wrong_sign": 1,
        "wrong_period": 1,
        "spurious": 1,
    }
    assert got["examples"]["missed"][0]["gold"]["value"] == 15.0
    assert got["examples"]["spurious"][0]["pred"]["subject"] == "QQQ"


def test_parts_are_disjoint_and_cover_the_split() -> None:
    parts = devset.load_parts()
    assert not parts["tune"] & parts["heldout"]
    assert len(parts["heldout"]) == 20 and len(parts["tune"]) == 40


def test_stance_agreement_counts_matched_claims_and_articles() -> None:
    gold = [
        _c("performance", "^RUT", 2.0, stance="bullish"),
        _c("price_level", "^RUT", 2400.0, stance="neutral"),
        _c("valuation", "^RUT", 15.0, stance="bullish", doubtful=True),
        _c("performance", "^GSPC", -1.0, stance="bearish", article="a2"),
    ]
    pred = [
        _c("performance", "^RUT", 2.0, stance="bullish", stance_model="bullish"),
        _c("price_level", "^RUT", 2400.0, stance="neutral", stance_model="bullish"),
        _c("performance", "^GSPC", -1.0, stance="bearish", stance_model="bullish", article="a2"),
    ]
    articles = {
        "a1": {"rules": "bullish", "model": "neutral"},
        "a2": {"rules": "bearish", "model": "bearish"},
    }
    st = devset.stance_part(gold, pred, articles, {"a1": "bullish", "a2": "mixed"}, {"a1", "a2"})
    assert (st["matched"], st["claim_rules"], st["claim_model"]) == (3, 3, 1)
    assert st["model_flips_rule_sign"] == 1
    assert (st["articles"], st["article_rules"], st["article_model"]) == (2, 1, 0)
    assert st["by_kind"]["price_level"] == [1, 1, 0]


def test_article_stance_is_the_main_subjects_or_mixed() -> None:
    assert devset.article_stance([]) == "neutral"
    assert devset.article_stance([("^RUT", "bullish", 0.5, 4), ("^GSPC", "bearish", -0.4, 1)]) == (
        "bullish"
    )
    assert devset.article_stance([("^RUT", "bullish", 0.5, 4), ("^GSPC", "bearish", -0.4, 2)]) == (
        "mixed"
    )
