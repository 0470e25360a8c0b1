"""The shipped sentiment model: a fine-tuned MiniLM-L6 in int8 ONNX, or frozen features + head.

``read_model`` loads whichever artifact the directory holds, preferring the fine-tuned one:

- ``model.int8.onnx`` (``thesisdesk train-sentiment --method finetune``): encoder + linear head,
  logits out, run with ONNX Runtime; its tokenizer is ``tokenizer.json`` beside it (read
  with ``tokenizers``: no PyTorch at run time; ``metadata.json`` records its sha256 and the
  graph's, both checked on load);

Files of the frozen-encoder head (``--method head``; nothing in them runs code on load):

- ``head.npz``: ``mean``, ``scale`` (feature standardisation), optionally ``components``
  (k x d), ``normalization`` (k x k) and ``gamma`` (an RBF kernel map, scikit-learn's
  Nystroem), then ``coef`` (3 x k) and ``intercept`` (3); read with ``allow_pickle=False``;
- ``metadata.json``: classes, encoder layers, training data with sha256, CV figures and
  the sha256 of ``head.npz`` (a mismatch means a corrupt or hand-edited file).

Bad input never raises: empty text, text with no letters and mostly non-Latin text get
``neutral`` with the uninformative probabilities (1/3 each) and a ``note`` saying why.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from thesisdesk.settings import MODELS_DIR

#: Default location of the shipped model.
DEFAULT_MODEL_DIR = MODELS_DIR / "sentiment"
HEAD_FILE = "head.npz"
#: The fine-tuned network (encoder + head, logits out), int8 ONNX; preferred when present.
ONNX_FILE = "model.int8.onnx"
#: The encoder's tokenizer, shipped with the graph so that inference needs only
#: ``onnxruntime`` + ``tokenizers`` (the encoder package is a training dependency).
TOKENIZER_FILE = "tokenizer.json"
META_FILE = "metadata.json"
CLASSES: tuple[str, ...] = ("positive", "negative", "neutral")
REBUILD_HINT = "rebuild it with `thesisdesk train-sentiment`"
#: Characters kept per sentence; the encoder reads at most 128 tokens anyway.
MAX_CHARS = 2000
#: Sentences remembered by hash (repeated headlines and boilerplate cost nothing).
CACHE_SIZE = 50_000


class SentimentModelError(RuntimeError):
    """The model files are missing or unreadable; the message says how to rebuild them."""


@dataclass(frozen=True)
class SentimentResult:
    """One sentence's label (investor's view) and the three class probabilities."""

    label: str
    p_positive: float
    p_negative: float
    p_neutral: float
    note: str | None = None

    @property
    def confidence(self) -> float:
        """Probability of the chosen label."""
        return max(self.p_positive, self.p_negative, self.p_neutral)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


UNINFORMATIVE = (1 / 3, 1 / 3, 1 / 3)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WS = re.compile(r"\s+")


def clean_text(text: object) -> tuple[str, str | None]:
    """Normalised text and a note when it says nothing the model can read.

    Why: the encoder would happily score an emoji or a Chinese sentence, but a confident
    label there is noise; callers get ``neutral`` at 1/3 with the reason instead.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", text))
    text = _WS.sub(" ", text).strip()
    if not text:
        return "", "empty"
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return text, "no words"
    latin = sum(1 for c in letters if c.isascii() or "LATIN" in unicodedata.name(c, ""))
    if latin / len(letters) < 0.5:
        return text, "not English"
    note = None
    if len(text) > MAX_CHARS:
        text, note = text[:MAX_CHARS], "truncated"
    return text, note


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class SentimentModel:
    """Encoder + linear head; ``predict`` batches, sorts by length and caches by hash."""

    def __init__(self, head: dict[str, np.ndarray], meta: dict[str, Any], path: Path) -> None:
        self.meta = meta
        self.path = path
        self.layers: tuple[int, ...] = tuple(int(x) for x in meta["layers"])
        self.classes: tuple[str, ...] = tuple(meta["classes"])
        self._mean = head["mean"].astype(np.float32)
        self._scale = head["scale"].astype(np.float32)
        self._coef = head["coef"].astype(np.float32)
        self._intercept = head["intercept"].astype(np.float32)
        self._components = head.get("components")
        self._normalization = head.get("normalization")
        self._gamma = float(head["gamma"][0]) if "gamma" in head else None
        self._encoder: Any = None
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, tuple[float, float, float]] = OrderedDict()
        #: Sentences run through the network so far (cache misses), for the benches.
        self.computed = 0

    @property
    def encoder(self) -> Any:
        """The encoder, loaded on first use (it costs seconds; the head costs nothing)."""
        if self._encoder is None:
            from nlp.sentiment.encoder import Encoder

            self._encoder = Encoder()
        return self._encoder

    def head_proba(self, features: np.ndarray) -> np.ndarray:
        """Class probabilities (columns in ``self.classes`` order) for encoder features."""
        x = (features - self._mean) / self._scale
        if self._components is not None and self._normalization is not None and self._gamma:
            c = self._components
            sq = (x * x).sum(1)[:, None] + (c * c).sum(1)[None, :] - 2.0 * (x @ c.T)
            x = np.exp(-self._gamma * np.maximum(sq, 0.0)) @ self._normalization.T
        z = x @ self._coef.T + self._intercept
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def _probs(self, texts: Sequence[str], batch_size: int) -> list[tuple[float, float, float]]:
        """(positive, negative, neutral) per text, computing only the uncached ones."""
        keys = [hashlib.sha1(t.encode("utf-8", "surrogatepass")).hexdigest() for t in texts]
        found: dict[str, tuple[float, float, float]] = {}
        with self._lock:
            for k in keys:
                if k in self._cache:
                    found[k] = self._cache[k]
                    self._cache.move_to_end(k)
        todo = {k: t for k, t in zip(keys, texts, strict=True) if k not in found}
        if todo:
            proba = self._compute(list(todo.values()), batch_size)
            self.computed += len(todo)
            cols = [self.classes.index(c) for c in CLASSES]
            fresh = {
                k: (float(r[cols[0]]), float(r[cols[1]]), float(r[cols[2]]))
                for k, r in zip(todo, proba, strict=True)
            }
            found.update(fresh)
            with self._lock:
                self._cache.update(fresh)
                while len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
        return [found[k] for k in keys]

    def _compute(self, texts: list[str], batch_size: int) -> np.ndarray:
        """Class probabilities (columns in ``self.classes`` order), one row per text."""
        return self.head_proba(self.encoder.embed(texts, self.layers, batch_size=batch_size))

    def predict(self, sentences: Sequence[str], *, batch_size: int = 64) -> list[SentimentResult]:
        """One result per input, in order; never raises on odd text."""
        cleaned = [clean_text(s) for s in sentences]
        readable = [i for i, (_, note) in enumerate(cleaned) if note in (None, "truncated")]
        probs = self._probs([cleaned[i][0] for i in readable], batch_size) if readable else []
        results: list[SentimentResult] = []
        by_index = dict(zip(readable, probs, strict=True))
        for i, (_, note) in enumerate(cleaned):
            p = by_index.get(i)
            if p is None:
                results.append(SentimentResult("neutral", *UNINFORMATIVE, note=note))
                continue
            label = CLASSES[int(np.argmax(p))]
            results.append(SentimentResult(label, p[0], p[1], p[2], note=note))
        return results


class FinetunedSentimentModel(SentimentModel):
    """The fine-tuned network as an int8 ONNX graph; same ``predict`` (cache, notes, order)."""

    def __init__(self, session: Any, tokenizer: Any, meta: dict[str, Any], path: Path) -> None:
        self.meta = meta
        self.path = path
        self.layers = ()
        self.classes = tuple(meta["classes"])
        self.max_tokens = int(meta["encoder"]["max_tokens"])
        #: Logits are divided by this (fitted on the validation split; labels are unchanged).
        self.temperature = float(meta.get("temperature", 1.0))
        self.session = session
        self.tokenizer = tokenizer
        self._lock = threading.Lock()
        self._cache = OrderedDict()
        self.computed = 0

    @property
    def encoder(self) -> Any:
        raise AttributeError("a fine-tuned model has no separate encoder")

    def _compute(self, texts: list[str], batch_size: int) -> np.ndarray:
        """Softmax of the logits, one sentence per run.

        The int8 graph quantizes its activations with one scale per input tensor, so a
        sentence run in a batch (and padded to the batch's longest) scores differently
        depending on its neighbours: up to 0.05 in probability, enough to flip a stance.
        One sentence per run, unpadded, gives every sentence the same stance whatever else
        is scored with it (``batch_size`` is kept for the interface)."""
        enc = self.tokenizer.encode_batch(texts)
        out = np.zeros((len(texts), len(self.classes)), dtype=np.float32)
        for i, e in enumerate(enc):
            ids = np.asarray([e.ids[: self.max_tokens]], dtype=np.int64)
            mask = np.ones_like(ids)
            z = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
            z = z / self.temperature
            z = z - z.max(axis=1, keepdims=True)
            ez = np.exp(z)
            out[i] = (ez / ez.sum(axis=1, keepdims=True))[0]
        return out


def _threads() -> int:
    """ONNX Runtime threads: 1 unless ``THESISDESK_SENTIMENT_THREADS`` says otherwise.

    Why: the graph runs one short sentence at a time (see ``_compute``), too little work to
    split. Measured on the 2-core box at real-time priority (no neighbours), per sentence:
    1 thread 1.60 ms wall / 1.60 ms CPU, 2 threads 1.64 ms wall / 2.77 ms CPU: the second
    thread bought nothing and cost 70% more CPU, which a cluster's workers or PostgreSQL
    could have used."""
    env = os.environ.get("THESISDESK_SENTIMENT_THREADS")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    return 1


def read_finetuned(path: Path) -> FinetunedSentimentModel:
    """Load and verify ``model.int8.onnx`` + ``metadata.json`` in ``path``."""
    onnx_path, meta_path = path / ONNX_FILE, path / META_FILE
    for f in (onnx_path, meta_path):
        if not f.is_file():
            raise SentimentModelError(f"sentiment model file missing: {f}; {REBUILD_HINT}")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        expected = meta.get("files", {}).get(ONNX_FILE)
        if not expected or expected != _sha256(onnx_path):
            raise ValueError(f"{ONNX_FILE} does not match the sha256 in {META_FILE}")
        if list(meta["classes"]) != list(CLASSES):
            raise ValueError("model classes do not match positive/negative/neutral")
        int(meta["encoder"]["max_tokens"])
        t = meta.get("temperature", 1.0)
        if not isinstance(t, int | float) or not 0.05 <= t <= 100:
            raise ValueError(f"invalid temperature {t!r}")
        tok_path = path / TOKENIZER_FILE
        if not tok_path.is_file():  # a model trained before the tokenizer was shipped with it
            from nlp.sentiment.encoder import encoder_dir

            tok_path = encoder_dir() / TOKENIZER_FILE
        want = meta["encoder"].get("tokenizer_sha256")
        if want and want != _sha256(tok_path):
            raise ValueError(f"the installed tokenizer {tok_path} differs from the trained one")
        import onnxruntime as ort
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(tok_path))
        tokenizer.no_padding()
        tokenizer.enable_truncation(int(meta["encoder"]["max_tokens"]))
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = _threads()
        opts.inter_op_num_threads = 1
        # idle threads sleep instead of spinning: on cores shared with other processes (a
        # second model's worker, PostgreSQL) spinning burnt CPU they needed
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        opts.log_severity_level = 3
        session = ort.InferenceSession(str(onnx_path), opts, providers=["CPUExecutionProvider"])
        outs = session.get_outputs()
        if len(outs) != 1 or outs[0].shape[-1] != len(CLASSES):
            raise ValueError("the ONNX graph does not output one logit per class")
    except (OSError, ValueError, KeyError, TypeError, json.JSONDecodeError) as exc:
        raise SentimentModelError(
            f"sentiment model in {path} is unreadable ({exc}); {REBUILD_HINT}"
        ) from exc
    except Exception as exc:  # onnxruntime's own errors on a truncated or garbled graph
        raise SentimentModelError(
            f"sentiment model in {path} is corrupt ({type(exc).__name__}: {exc}); {REBUILD_HINT}"
        ) from exc
    return FinetunedSentimentModel(session, tokenizer, meta, path)


def read_model(path: Path) -> SentimentModel:
    """Load and verify the model files in ``path`` (no caching; see ``load_model``).

    The fine-tuned ONNX graph is preferred when present (or when ``metadata.json`` says the
    directory holds one); otherwise the frozen-encoder head is read.
    """
    head_path, meta_path = path / HEAD_FILE, path / META_FILE
    if (path / ONNX_FILE).is_file() or _meta_kind(meta_path) == "finetune":
        return read_finetuned(path)
    for f in (head_path, meta_path):
        if not f.is_file():
            raise SentimentModelError(f"sentiment model file missing: {f}; {REBUILD_HINT}")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        expected = meta.get("files", {}).get(HEAD_FILE)
        if expected and expected != _sha256(head_path):
            raise ValueError(f"{HEAD_FILE} does not match the sha256 in {META_FILE}")
        with np.load(head_path, allow_pickle=False) as data:
            names = ["mean", "scale", "coef", "intercept"]
            names += [k for k in ("components", "normalization", "gamma") if k in data.files]
            head = {k: np.asarray(data[k]) for k in names}
        d = head["mean"].shape[0]
        n = len(meta["classes"])
        k = d
        if "components" in head:
            k = head["components"].shape[0]
            if head["components"].shape != (k, d) or head["normalization"].shape != (k, k):
                raise ValueError("kernel-map arrays have inconsistent shapes")
            if head["gamma"].shape != (1,) or not head["gamma"][0] > 0:
                raise ValueError("kernel-map gamma is invalid")
        if head["scale"].shape != (d,) or head["coef"].shape != (n, k):
            raise ValueError("head arrays have inconsistent shapes")
        if head["intercept"].shape != (n,) or sorted(meta["classes"]) != sorted(CLASSES):
            raise ValueError("head classes do not match positive/negative/neutral")
        if d != 384 * len(meta["layers"]):
            raise ValueError("head width does not match the encoder layers")
        if not np.all(np.isfinite(head["coef"])) or np.any(head["scale"] <= 0):
            raise ValueError("head arrays hold invalid numbers")
    except (OSError, ValueError, KeyError, TypeError, json.JSONDecodeError) as exc:
        raise SentimentModelError(
            f"sentiment model in {path} is unreadable ({exc}); {REBUILD_HINT}"
        ) from exc
    except Exception as exc:  # zipfile.BadZipFile and friends from a truncated .npz
        raise SentimentModelError(
            f"sentiment model in {path} is corrupt ({type(exc).__name__}: {exc}); {REBUILD_HINT}"
        ) from exc
    return SentimentModel(head, meta, path)


def _meta_kind(meta_path: Path) -> str | None:
    """``kind`` in ``metadata.json``, or None when absent or unreadable (reported later)."""
    try:
        kind = json.loads(meta_path.read_text(encoding="utf-8")).get("kind")
    except (OSError, ValueError, AttributeError):
        return None
    return kind if isinstance(kind, str) else None


_MODELS: dict[Path, SentimentModel] = {}
_MODELS_LOCK = threading.Lock()


def load_model(path: str | Path | None = None) -> SentimentModel:
    """The model in ``path`` (default ``models/sentiment``), loaded once per process."""
    key = Path(path or DEFAULT_MODEL_DIR).resolve()
    with _MODELS_LOCK:
        if key not in _MODELS:
            _MODELS[key] = read_model(key)
        return _MODELS[key]
