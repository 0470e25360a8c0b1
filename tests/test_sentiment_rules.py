"""Fast tests: text cleaning, the stance rule, model-file errors (no encoder loaded)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from nlp.sentiment import (
    SentimentModelError,
    SentimentResult,
    article_stances,
    claim_stance,
    clean_text,
    rule_stance,
)
from nlp.sentiment.model import HEAD_FILE, META_FILE, read_model
from thesisdesk.records import Claim

POS = SentimentResult("positive", 0.7, 0.1, 0.2)
VERY_POS = SentimentResult("positive", 0.95, 0.02, 0.03)
NEG = SentimentResult("negative", 0.1, 0.7, 0.2)
VERY_NEG = SentimentResult("negative", 0.02, 0.93, 0.05)
NEU = SentimentResult("neutral", 0.2, 0.1, 0.7)
WEAK_POS = SentimentResult("positive", 0.42, 0.2, 0.38)


def claim(**kw: object) -> Claim:
    base: dict[str, object] = {
        "kind": "price_level",
        "subject": "IWM",
        "unit": "usd",
        "quote": "IWM sits near $240.",
        "start": 0,
        "end": 19,
    }
    base.update(kw)
    return Claim(**base)  # type: ignore[arg-type]


# --- clean_text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("", "empty"),
        ("   \t  ", "empty"),
        (None, "empty"),
        ("🚀🚀🚀 💰", "no words"),
        ("12.5% -> 14.0%", "no words"),
        ("小型株は大幅に上昇した", "not English"),
        ("Акции компании выросли на 5%", "not English"),
        ("x" * 10_000, "truncated"),
        ("Profit rose 5%.", None),
        ("Sepp+ñl+ñ said sales grew", None),  # the PhraseBank's own mojibake stays readable
        ("RÃ©sultats: profit rose", None),
    ],
)
def test_clean_text_notes(text: object, note: str | None) -> None:
    cleaned, got = clean_text(text)
    assert got == note
    assert len(cleaned) <= 2000
    assert "\n" not in cleaned


def test_clean_text_strips_control_characters() -> None:
    assert clean_text("Sales\x00 rose\x1b\n  10%")[0] == "Sales rose 10%"


# --- rule_stance / claim_stance --------------------------------------------------------------


def test_target_below_current_price_is_bearish_whatever_the_tone() -> None:
    c = claim(kind="price_target", value=200.0, stance="bullish")
    assert claim_stance(c, VERY_POS, current_price=240.0)[0] == "bearish"
    assert claim_stance(c, VERY_POS, current_price=180.0)[0] == "bullish"


def test_target_without_price_falls_back_to_claim_stance_then_model() -> None:
    c = claim(kind="price_target", value=200.0, stance="bullish")
    assert rule_stance(c) is None
    assert claim_stance(c, NEG) == ("bullish", 0.6)
    assert claim_stance(c.model_copy(update={"stance": "neutral"}), NEG)[0] == "bearish"


def test_pct_target_and_performance_signs() -> None:
    assert rule_stance(claim(kind="price_target", unit="pct", value=-15.0)) == "bearish"
    down = claim(kind="performance", unit="pct", value=-8.2, stance="bullish")
    stance, score = claim_stance(down, VERY_POS)
    assert stance == "bearish" and score == pytest.approx(0.8)
    assert claim_stance(claim(kind="performance", unit="pct", value=12.4), NEU)[0] == "bullish"
    streak = claim(kind="performance", unit="months", value=5.0, role="streak")
    assert rule_stance(streak) is None  # the extractor read no direction
    gains = streak.model_copy(update={"streak_direction": "up"})
    assert rule_stance(gains) == "bullish"
    assert claim_stance(gains, NEU)[0] == "bullish"
    losses = streak.model_copy(update={"streak_direction": "down"})
    assert rule_stance(losses) == "bearish"


def test_fedfunds_is_about_equities() -> None:
    cut = claim(kind="rate_decision", subject="FEDFUNDS", unit="bp", value=-25.0)
    hike = cut.model_copy(update={"value": 25.0})
    assert claim_stance(cut, VERY_NEG)[0] == "bullish"
    assert claim_stance(hike, VERY_POS)[0] == "bearish"
    words = claim(
        kind="rate_expectation",
        subject="FEDFUNDS",
        unit="count",
        value=2.0,
        quote="Traders price two more cuts this year.",
    )
    assert rule_stance(words) == "bullish"
    assert rule_stance(words.model_copy(update={"quote": "Two more hikes are priced."})) == (
        "bearish"
    )


def test_entry_zone_is_bullish_even_in_a_neutral_sentence() -> None:
    entry = claim(role="entry", low=205.0, high=220.0, quote="Entry zone: $205 to $220.")
    assert rule_stance(entry) == "bullish"
    assert claim_stance(entry, NEU)[0] == "bullish"
    assert rule_stance(entry.model_copy(update={"role": "support"})) is None


def test_fundamental_growth_sign() -> None:
    g = claim(kind="fundamental", unit="pct", role="growth", value=-3.0)
    assert rule_stance(g) == "bearish"
    assert rule_stance(g.model_copy(update={"role": "eps"})) is None


def test_rule_stance_kept_unless_model_very_confident() -> None:
    c = claim(stance="bullish")
    assert claim_stance(c, NEG)[0] == "bullish"
    stance, score = claim_stance(c, VERY_NEG)
    assert stance == "bearish" and score == pytest.approx(0.93)
    assert claim_stance(c, None) == ("bullish", 0.6)


def test_model_decides_when_no_rule() -> None:
    c = claim(kind="valuation", unit="x", value=16.0, quote="Small caps trade at 16x earnings.")
    assert claim_stance(c, POS) == ("bullish", 0.7)
    assert claim_stance(c, NEG) == ("bearish", 0.7)
    assert claim_stance(c, NEU) == ("neutral", 0.7)
    assert claim_stance(c, WEAK_POS)[0] == "neutral"
    assert claim_stance(c, None) == ("neutral", 0.0)


def test_a_level_or_a_hold_never_takes_the_sentences_tone() -> None:
    close = claim(role="current", quote="IWM jumped 3% to close at $240.")
    assert claim_stance(close, VERY_POS)[0] == "neutral"
    support = claim(role="support", quote="Support sits at $231 after a weak week.")
    assert claim_stance(support, VERY_NEG)[0] == "neutral"
    hold = claim(
        kind="rate_decision",
        subject="FEDFUNDS",
        unit="bp",
        value=0.0,
        quote="Stocks rallied after the Fed left rates unchanged.",
    )
    assert claim_stance(hold, VERY_POS)[0] == "neutral"
    # the level's own words still decide
    broke = claim(stance="bullish", quote="IWM broke above $245.")
    assert claim_stance(broke, NEU)[0] == "bullish"


# --- model files -----------------------------------------------------------------------------


def write_head(path: Path, d: int = 384, seed: int = 0) -> None:
    """A valid (random) head, to test loading without training."""
    rng = np.random.default_rng(seed)
    path.mkdir(parents=True, exist_ok=True)
    np.savez(
        path / HEAD_FILE,
        mean=rng.normal(size=d).astype(np.float32),
        scale=np.ones(d, dtype=np.float32),
        coef=rng.normal(size=(3, d)).astype(np.float32),
        intercept=np.zeros(3, dtype=np.float32),
    )
    meta = {
        "classes": ["positive", "negative", "neutral"],
        "layers": [6],
        "files": {HEAD_FILE: hashlib.sha256((path / HEAD_FILE).read_bytes()).hexdigest()},
    }
    (path / META_FILE).write_text(json.dumps(meta), encoding="utf-8")


def test_valid_head_loads_and_gives_probabilities(tmp_path: Path) -> None:
    write_head(tmp_path)
    model = read_model(tmp_path)
    p = model.head_proba(np.random.default_rng(1).normal(size=(5, 384)).astype(np.float32))
    assert p.shape == (5, 3)
    assert np.allclose(p.sum(axis=1), 1.0)


def test_missing_model_names_the_rebuild_command(tmp_path: Path) -> None:
    with pytest.raises(SentimentModelError, match="thesisdesk train-sentiment"):
        read_model(tmp_path / "nowhere")


@pytest.mark.parametrize("damage", ["garbage", "truncate", "edit", "bad_json", "wrong_width"])
def test_corrupt_model_names_the_rebuild_command(tmp_path: Path, damage: str) -> None:
    write_head(tmp_path)
    head = tmp_path / HEAD_FILE
    meta_path = tmp_path / META_FILE
    if damage == "garbage":
        head.write_bytes(b"not a zip file at all")
    elif damage == "truncate":
        head.write_bytes(head.read_bytes()[:200])
    elif damage == "edit":
        data = bytearray(head.read_bytes())
        data[len(data) // 2] ^= 0xFF
        head.write_bytes(bytes(data))
    elif damage == "bad_json":
        meta_path.write_text("{not json", encoding="utf-8")
    elif damage == "wrong_width":
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta["layers"] = [5, 6]
        meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(SentimentModelError, match="thesisdesk train-sentiment"):
        read_model(tmp_path)


def test_corrupt_model_without_hash_still_fails_cleanly(tmp_path: Path) -> None:
    write_head(tmp_path)
    meta = json.loads((tmp_path / META_FILE).read_text(encoding="utf-8"))
    del meta["files"]
    (tmp_path / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
    (tmp_path / HEAD_FILE).write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(SentimentModelError, match="thesisdesk train-sentiment"):
        read_model(tmp_path)


def test_cli_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from ui.cli import app

    res = CliRunner().invoke(app, ["sentiment", "--model", str(tmp_path)], input="Good.\n")
    assert res.exit_code == 1
    assert "train-sentiment" in res.output


def test_cli_help_has_examples() -> None:
    from typer.testing import CliRunner

    from ui.cli import app

    for cmd in ("sentiment", "train-sentiment"):
        res = CliRunner().invoke(app, [cmd, "--help"])
        assert res.exit_code == 0
        assert "Example:" in res.output


def test_short_entry_is_bearish_and_growth_words_temper_the_sign() -> None:
    short = claim(role="entry", value=2537.0, stance="bearish", quote="Short RTY @ 2537.")
    assert rule_stance(short) == "bearish"
    assert claim_stance(short, VERY_POS)[0] == "bearish"
    small = claim(
        kind="fundamental",
        unit="pct",
        role="growth",
        value=0.4,
        stance="neutral",
        quote="Sales were up just 0.4% from a year ago.",
    )
    assert rule_stance(small) == "neutral"
    assert claim_stance(small, VERY_POS)[0] == "neutral"
    poor = small.model_copy(
        update={"value": 2.1, "quote": "EPS grew 2.1% a year, underperforming its peers."}
    )
    assert claim_stance(poor, VERY_POS)[0] == "bearish"


def test_an_estimate_stays_neutral_and_a_held_range_is_no_easing() -> None:
    """The rules call a consensus or guidance figure neutral on purpose: the sentence's tone
    (a beat) belongs to the result's own claim, never to the estimate."""
    est = claim(
        kind="fundamental",
        unit="usd_millions",
        role="revenue",
        value=212.0,
        quote="Sales of $240 million topped the $212 million consensus.",
    )
    assert claim_stance(est, VERY_POS)[0] == "neutral"
    eps_est = est.model_copy(update={"role": "eps_estimate", "unit": "usd_per_share"})
    assert claim_stance(eps_est, VERY_POS)[0] == "neutral"
    # the words around the figure call it an estimate, whatever role the extractor gave it
    assert claim_stance(est.model_copy(update={"role": None}), VERY_POS)[0] == "neutral"
    # a fundamental with no role and no such words is left to the model
    bookings = est.model_copy(
        update={"role": None, "value": 31.0, "quote": "It logged record bookings of $31 million."}
    )
    assert claim_stance(bookings, VERY_POS)[0] == "bullish"
    held = claim(
        kind="rate_decision",
        subject="FEDFUNDS",
        unit="pct",
        low=3.75,
        high=4.0,
        comparator="range",
        quote="The Fed kept its target range unchanged at 3.75% to 4% and signalled more cuts.",
    )
    assert rule_stance(held) == "neutral"
    hold_bp = held.model_copy(update={"unit": "bp", "value": 0.0, "low": None, "high": None})
    assert rule_stance(hold_bp) == "neutral"  # despite "more cuts" later in the sentence
    assert claim_stance(held, VERY_POS)[0] == "neutral"
    odds = claim(
        kind="rate_expectation",
        subject="FEDFUNDS",
        unit="pct",
        value=31.0,
        quote="Futures put 31% odds on rates falling to 3.25%-3.5% by June.",
    )
    assert rule_stance(odds) == "bullish"


class _ByText:
    """A stand-in model: a fixed reading per sentence, neutral for the rest."""

    def __init__(self, readings: dict[str, SentimentResult]) -> None:
        self.readings = readings

    def predict(self, sentences: list[str]) -> list[SentimentResult]:
        return [self.readings.get(s, SentimentResult("neutral", 0.1, 0.1, 0.8)) for s in sentences]


def test_the_headline_decides_only_what_the_claims_leave_open() -> None:
    """The article's overall tone (its headline, read by the model) gives the stance of the
    subject it says most about only when that subject's claims lean neither way."""
    head = "Small caps shrug off the jitters"
    body = "Support sits at 2,180 on the Russell 2000. Resistance is near 2,300."
    text = f"{head}\n{body}"
    support, resistance = body.split(". ")
    levels = [
        claim(subject="^RUT", unit="points", value=2180.0, role="support", quote=support + "."),
        claim(subject="^RUT", unit="points", value=2300.0, role="resistance", quote=resistance),
    ]
    for c in levels:
        c.start = text.index(c.quote)
        c.end = c.start + len(c.quote)
    cheerful = _ByText({head: VERY_POS})
    ((subject, stance, score, n),) = article_stances(text, levels, model=cheerful)
    assert (subject, stance, n) == ("^RUT", "bullish", 2) and score == 0.0
    # an unsure headline leaves it neutral
    ((_, unsure, _, _),) = article_stances(text, levels, model=_ByText({head: WEAK_POS}))
    assert unsure == "neutral"
    # claims that lean one way keep their lean whatever the headline says
    fell = "The Russell 2000 fell 2.1% on Monday."
    down = claim(kind="performance", subject="^RUT", unit="pct", value=-2.1, quote=fell)
    text2 = f"{head}\n{fell}"
    down.start, down.end = len(head) + 1, len(text2)
    ((_, stance2, _, _),) = article_stances(text2, [down], model=cheerful)
    assert stance2 == "bearish"
    # no headline (one line of text): no tone to read
    ((_, alone, _, _),) = article_stances(body, levels, model=cheerful)
    assert alone == "neutral"
