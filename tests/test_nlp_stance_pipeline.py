"""The stance step: model-refined claim stances, article stances per subject, in the store.

Fast tests use a stand-in model (always confidently positive) to pin the rules down; the
store tests (slow) load the shipped model and run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from nlp import stance_pipeline as sp
from nlp.sentiment import SentimentResult
from thesisdesk.records import Claim

DAY = dt.date(2025, 11, 14)
TEXTS = {
    # a target the tone loves, below the store's close (250): bearish
    "target": "Jefferies set a price target of $150 on Tesla, praising its brilliant execution.",
    # a target below the price the article itself gives: bearish
    "own_price": "Goldman sees Tesla at $150, even as the stock trades at $250 and fans cheer.",
    "drop": "Shares of Apple slumped 4% on Tuesday after a disappointing iPhone forecast.",
    "rally": "The Russell 2000 rallied 3% last week as investors cheered strong earnings.",
    "empty": "",
}


class Cheerful:
    """A stand-in model: every sentence confidently positive."""

    def __init__(self) -> None:
        self.meta: dict = {"files": {"head.npz": "0" * 64}, "kind": "head"}
        self.calls: list[list[str]] = []

    def predict(self, sentences):
        self.calls.append(list(sentences))
        return [SentimentResult("positive", 0.95, 0.02, 0.03) for _ in sentences]


def _claim(**kw) -> Claim:
    base = {"subject": "TSLA", "unit": "usd", "quote": "q", "start": 0, "end": 1}
    return Claim(**{**base, **kw})


def test_target_below_the_price_stays_bearish_whatever_the_tone() -> None:
    quote = "Analysts set a $150 target on Tesla, a stock at $250, in glowing terms."
    target = _claim(kind="price_target", value=150, stance="bullish", quote=quote)
    level = _claim(kind="price_level", value=250, role="current", quote=quote)
    out = sp.refine_stances([target, level], quote, Cheerful())
    assert out[0].stance == "bearish" and out[0].stance_score >= 0.8
    assert target.stance == "bullish"  # the input is not modified
    # the price may come from outside the article (the store's close)
    (alone,) = sp.refine_stances([target], quote, Cheerful(), prices={"TSLA": 250.0})
    assert alone.stance == "bearish"
    (no_price,) = sp.refine_stances([target], quote, Cheerful())
    assert no_price.stance == "bullish"  # nothing to compare with: the rule stance stays


def test_model_decides_a_claim_the_numbers_say_nothing_about() -> None:
    multiple = _claim(kind="valuation", value=17, unit="x", quote="It trades at 17x earnings.")
    (out,) = sp.refine_stances([multiple], multiple.quote, Cheerful())
    assert out.stance == "bullish" and out.stance_score == pytest.approx(0.95)
    # a level is a fact: the sentence's tone does not make it a view
    level = _claim(kind="price_level", value=250, role="support", quote="Support holds at $250.")
    (out,) = sp.refine_stances([level], level.quote, Cheerful())
    assert out.stance == "neutral"


def test_refine_many_predicts_once_and_skips_empty() -> None:
    model = Cheerful()
    a = _claim(kind="price_level", value=1, role="support", quote="One.")
    b = _claim(kind="price_level", value=2, role="support", quote="Two.")
    out = sp.refine_many([("One.", [a]), ("", []), ("Two. One.", [b, a])], model)
    assert [len(x) for x in out] == [1, 0, 2]
    assert len(model.calls) == 1 and sorted(model.calls[0]) == ["One.", "Two."]


def test_missing_or_corrupt_model_keeps_rule_stances(tmp_path: Path) -> None:
    claim = _claim(kind="price_target", value=150, stance="bullish")
    out, warning = sp.refine_or_keep([("q", [claim])], model_dir=tmp_path / "nowhere")
    assert out == [[claim]] and warning and "thesisdesk train-sentiment" in warning
    from nlp.sentiment import DEFAULT_MODEL_DIR

    shipped = [n for n in ("model.int8.onnx", "head.npz") if (DEFAULT_MODEL_DIR / n).is_file()]
    assert shipped, "models/sentiment holds no model file"
    bad = tmp_path / "bad"
    shutil.copytree(DEFAULT_MODEL_DIR, bad)
    (bad / shipped[0]).write_bytes(b"not a model")
    out, warning = sp.refine_or_keep([("q", [claim])], model_dir=bad)
    assert out == [[claim]] and warning and "train-sentiment" in warning


def test_model_version_follows_the_artifacts() -> None:
    a = sp.model_version(Cheerful())
    other = Cheerful()
    other.meta = {"files": {"head.npz": "1" * 64}}
    assert a != sp.model_version(other) and len(a) <= 64
    assert a.endswith(sp.STANCE_STEP_VERSION)


# --- the store (slow: spaCy and the shipped model) ------------------------------------------


def _seed(engine) -> dict[str, int]:
    from store.db import session_scope
    from store.models import Article, PriceBarRow

    ids: dict[str, int] = {}
    with session_scope(engine) as s:
        s.add(PriceBarRow(symbol="TSLA", date=DAY - dt.timedelta(days=1), close=250.0))
        for name, text in TEXTS.items():
            art = Article(
                text=text,
                published=DAY,
                content_hash=hashlib.sha256(name.encode()).hexdigest(),
            )
            s.add(art)
            s.flush()
            ids[name] = int(art.id)
    return ids


def _snapshot(engine) -> tuple[list, list]:
    from store.db import session_scope
    from store.models import ArticleStance, ClaimRow

    with session_scope(engine) as s:
        claims = [
            (r.id, r.article_id, r.kind, r.subject, r.stance, r.stance_score)
            for r in s.exec(select(ClaimRow).order_by(ClaimRow.id)).all()
        ]
        stances = sorted(
            (r.article_id, r.subject, r.stance, r.score, r.n_sentences, r.model_version)
            for r in s.exec(select(ArticleStance)).all()
        )
    return claims, stances


@pytest.mark.slow
def test_stored_articles_get_model_stances_and_article_stances(db_url: str) -> None:
    from nlp.sentiment import load_model
    from nlp.store_pipeline import extract_stored
    from store.db import get_engine, session_scope
    from store.models import ArticleStance

    engine = get_engine(db_url)
    ids = _seed(engine)
    first = extract_stored(engine)
    assert first.articles_done == len(TEXTS) and first.articles_failed == 0
    assert first.warnings == [] and first.stance_seconds > 0
    version = sp.model_version(load_model())
    assert first.stance_model == version
    claims, stances = _snapshot(engine)
    assert all(c[5] is not None for c in claims)  # every claim scored
    by_article = {(a, subj): (st, score, n, v) for a, subj, st, score, n, v in stances}
    assert {v for *_, v in by_article.values()} == {version}
    assert first.article_stances_written == len(stances)
    # targets below the price (the store's close, or the article's own) are bearish
    for name in ("target", "own_price"):
        target = next(c for c in claims if c[1] == ids[name] and c[2] == "price_target")
        assert target[4] == "bearish", name
        assert by_article[(ids[name], "TSLA")][0] == "bearish"
    assert by_article[(ids["drop"], "AAPL")][0] == "bearish"
    assert by_article[(ids["rally"], "^RUT")][0] == "bullish"
    assert not any(a == ids["empty"] for a, *_ in stances)

    # idempotent: nothing to do, nothing added
    again = extract_stored(engine)
    assert (again.articles_seen, again.articles_restanced, again.article_stances_written) == (
        0,
        0,
        0,
    )
    assert _snapshot(engine) == (claims, stances)

    # another model version: those articles are re-scored, their claims updated in place
    with session_scope(engine) as s:
        for row in s.exec(
            select(ArticleStance).where(ArticleStance.article_id == ids["drop"])
        ).all():
            row.model_version = "sentiment.old"
            s.add(row)
    third = extract_stored(engine)
    assert third.articles_seen == 0 and third.articles_restanced == 1
    assert _snapshot(engine) == (claims, stances)  # same ids, same stances, current version
    forced = extract_stored(engine, restance=True)
    assert forced.articles_restanced == len(TEXTS) - 1  # every article with claims
    assert _snapshot(engine) == (claims, stances)


@pytest.mark.slow
def test_missing_model_keeps_rule_stances_with_one_warning(db_url: str, tmp_path: Path) -> None:
    from nlp.extract import extract_claims
    from nlp.store_pipeline import extract_stored
    from store.db import get_engine

    engine = get_engine(db_url)
    ids = _seed(engine)
    summary = extract_stored(engine, model_dir=tmp_path / "no-model")
    assert summary.articles_done == len(TEXTS) and summary.articles_failed == 0
    assert len(summary.warnings) == 1 and "thesisdesk train-sentiment" in summary.warnings[0]
    assert summary.stance_model is None and summary.article_stances_written == 0
    claims, stances = _snapshot(engine)
    assert stances == []
    rules = [c.stance for c in extract_claims(TEXTS["target"], DAY)]
    assert [c[4] for c in claims if c[1] == ids["target"]] == rules
    # a re-run without the model adds nothing (and still says why)
    again = extract_stored(engine, model_dir=tmp_path / "no-model")
    assert again.articles_seen == 0 and len(again.warnings) == 1
    assert _snapshot(engine) == (claims, [])
    # rules only on purpose: no warning
    off = extract_stored(engine, use_model=False)
    assert off.warnings == [] and off.stance_model is None


@pytest.mark.slow
def test_extract_command_uses_the_model_unless_told(tmp_path: Path) -> None:
    from ui.cli import app

    path = tmp_path / "a.txt"
    path.write_text(TEXTS["own_price"], encoding="utf-8")
    runner = CliRunner()
    args = ["extract", str(path), "--published", DAY.isoformat(), "--json"]
    with_model = runner.invoke(app, args)
    assert with_model.exit_code == 0, with_model.output
    rows = [json.loads(x) for x in with_model.stdout.splitlines() if x.strip()]
    target = next(r for r in rows if r["kind"] == "price_target")
    assert target["stance"] == "bearish"
    rules = runner.invoke(app, [*args, "--no-model"])
    assert rules.exit_code == 0, rules.output
    assert len([x for x in rules.stdout.splitlines() if x.strip()]) == len(rows)


@pytest.mark.slow
def test_restance_keeps_verdicts_and_reextraction_replaces_them(db_url: str) -> None:
    from crosscheck.run import check_stored
    from nlp.store_pipeline import extract_stored
    from store.db import get_engine, session_scope
    from store.models import Article, ClaimRow, VerdictRow

    engine = get_engine(db_url)
    ids = _seed(engine)
    extract_stored(engine)
    check_stored(engine)

    def verdicts() -> list[tuple[int, int]]:
        with session_scope(engine) as s:
            return sorted(
                (int(v.claim_id), int(c.article_id))
                for v, c in s.exec(
                    select(VerdictRow, ClaimRow).join(ClaimRow, ClaimRow.id == VerdictRow.claim_id)
                ).all()
            )

    before = verdicts()
    assert before
    forced = extract_stored(engine, restance=True)
    assert forced.articles_restanced == len(TEXTS) - 1 and verdicts() == before
    # a stale extractor version: the article's claims (and their verdicts) are replaced
    with session_scope(engine) as s:
        art = s.get(Article, ids["target"])
        art.extractor_version = "claims.rules.v0"
        s.add(art)
    again = extract_stored(engine)
    assert again.articles_done == 1 and again.articles_failed == 0, again.errors
    assert [v for v in verdicts() if v[1] == ids["target"]] == []
    assert [v for v in verdicts() if v[1] != ids["target"]] == [
        v for v in before if v[1] != ids["target"]
    ]
