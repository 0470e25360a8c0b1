"""``thesisdesk sentiment`` and ``thesisdesk train-sentiment``: label sentences, train the model."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ui.common import JSON_OPTION, err_console, fail, print_json, print_jsonl

CHUNK = 512
METHODS = ("finetune", "head")


def _has(module: str) -> bool:
    """Whether ``module`` is installed (the training libraries are an optional extra)."""
    import importlib.util

    return importlib.util.find_spec(module) is not None


#: What a plain `thesisdesk train-sentiment` builds (and what the shipped model is).
DEFAULT_METHOD = "finetune"


def _read_lines(file: Path | None) -> list[str]:
    """Input lines (stdin or a file); undecodable bytes are replaced, never fatal."""
    if file is None:
        data = sys.stdin.buffer.read()
    else:
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise fail(f"cannot read {file}: {exc.strerror or exc}") from exc
    text = data.decode("utf-8-sig", errors="replace")
    return text.splitlines()


def register(app: typer.Typer) -> None:
    @app.command("sentiment")
    def sentiment_cmd(
        file: Path | None = typer.Option(
            None, "--file", "-f", help="Read sentences from this file (default: stdin)."
        ),
        model_dir: Path | None = typer.Option(
            None, "--model", help="Model directory (default: models/sentiment)."
        ),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Label sentences positive/negative/neutral (one per line) and print JSONL.

        Each output line holds sentence, label, p_positive, p_negative, p_neutral and note
        (why a line was not scored: empty, no words, not English, truncated). The output is
        JSONL with or without --json.

        Example: echo "Profit rose 20% and beat estimates." | thesisdesk sentiment
        """
        from nlp.sentiment import SentimentModelError, load_model
        from ui.common import progress

        lines = _read_lines(file)
        try:
            model = load_model(model_dir)
        except SentimentModelError as exc:
            raise fail(str(exc)) from exc
        chunks = [lines[i : i + CHUNK] for i in range(0, len(lines), CHUNK)]
        show = sys.stderr.isatty() and len(chunks) > 1
        for chunk in progress(chunks, len(chunks), "sentiment (chunks)", enabled=show):
            results = model.predict(chunk)
            print_jsonl({"sentence": s, **r.to_dict()} for s, r in zip(chunk, results, strict=True))
        del as_json  # JSONL either way; the option exists for the CLI's convention

    @app.command("train-sentiment")
    def train_cmd(
        permissive_only: bool = typer.Option(
            False,
            "--permissive-only",
            help="Train on MIT-licensed data only (Twitter), leaving out PhraseBank (CC BY-NC-SA).",
        ),
        out: Path | None = typer.Option(
            None, "--out", help="Output directory (default: models/sentiment)."
        ),
        data: Path | None = typer.Option(
            None, "--data", help="Directory with the training TSVs (default: <data>/sentiment)."
        ),
        limit: int | None = typer.Option(
            None,
            "--limit",
            min=10,
            help="Use a seeded sample of N rows of each file (smoke tests).",
        ),
        folds: int = typer.Option(
            5, "--folds", min=2, max=10, help="Cross-validation folds (--method head)."
        ),
        method: str = typer.Option(
            DEFAULT_METHOD,
            "--method",
            help="finetune: fine-tune MiniLM-L6 and export int8 ONNX; "
            "head: frozen MiniLM-L6 features + kernel logistic regression.",
        ),
        epochs: int | None = typer.Option(
            None, "--epochs", min=1, max=20, help="Training epochs (--method finetune)."
        ),
        layers: int | None = typer.Option(
            None,
            "--layers",
            min=1,
            max=6,
            help="Transformer layers kept, of 6 (--method finetune).",
        ),
        frozen_layers: int | None = typer.Option(
            None,
            "--frozen-layers",
            min=0,
            max=6,
            help="Bottom layers left frozen (--method finetune).",
        ),
        warmup_epochs: int | None = typer.Option(
            None,
            "--warmup-epochs",
            min=0,
            max=5,
            help="Epochs over the MIT tweets before the PhraseBank epochs (--method finetune).",
        ),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Train the sentiment model: fine-tuned MiniLM-L6 (default) or a head on frozen features.

        --method finetune (about 5 minutes on 2 CPU cores) writes model.int8.onnx,
        metadata.json and MODEL_CARD.md; --method head writes head.npz instead of the graph.
        Never reads the held-out test.

        Example: thesisdesk train-sentiment --permissive-only --out /tmp/sentiment
        """
        missing = [m for m in ("torch", "transformers", "sklearn", "onnx") if not _has(m)]
        if missing:
            raise fail(
                f"training needs the `train` extra ({', '.join(missing)} missing): "
                "pip install 'thesisdesk[train]'"
            )
        from nlp.sentiment.model import DEFAULT_MODEL_DIR
        from nlp.sentiment.train import train
        from thesisdesk.settings import data_dir

        if method not in METHODS:
            raise fail(f"unknown --method {method!r} (choose {' or '.join(METHODS)})")

        if data is None:
            base = data_dir()
            if base is None or not (base / "sentiment").is_dir():
                raise fail(
                    "no sentiment training data found: pass --data DIR "
                    "(with phrasebank_train.tsv and the twitter_financial_news TSVs)"
                )
            data = base / "sentiment"
        target = out or DEFAULT_MODEL_DIR
        parts = ["thesisdesk train-sentiment"]
        if method != DEFAULT_METHOD:
            parts += ["--method", method]
        tuned = {"epochs": epochs, "layers": layers, "frozen-layers": frozen_layers}
        tuned["warmup-epochs"] = warmup_epochs
        for flag, value in tuned.items():
            if value is not None and method == "finetune":
                parts += [f"--{flag}", str(value)]
        if permissive_only:
            parts.append("--permissive-only")
        if out is not None:
            parts += ["--out", str(out)]
        if limit is not None:
            parts += ["--limit", str(limit)]
        if folds != 5 and method == "head":
            parts += ["--folds", str(folds)]
        try:
            if method == "finetune":
                from nlp.sentiment import finetune as ft

                meta = ft.finetune(
                    data,
                    target,
                    permissive_only=permissive_only,
                    limit=limit,
                    epochs=ft.EPOCHS if epochs is None else epochs,
                    layers=ft.LAYERS if layers is None else layers,
                    frozen_layers=ft.FROZEN_LAYERS if frozen_layers is None else frozen_layers,
                    aux_epochs=ft.AUX_EPOCHS if warmup_epochs is None else warmup_epochs,
                    command=" ".join(parts),
                    log=lambda m: err_console.print(m),
                )
            else:
                meta = train(
                    data,
                    target,
                    permissive_only=permissive_only,
                    limit=limit,
                    folds=folds,
                    command=" ".join(parts),
                    log=lambda m: err_console.print(m),
                )
        except (FileNotFoundError, ValueError) as exc:
            raise fail(str(exc)) from exc
        summary = {
            "out": str(target),
            "selected": meta["selected"],
            "train_seconds": meta["train_seconds"],
            "n_train": meta["n_train"],
            "permissive_only": permissive_only,
        }
        if as_json:
            print_json(summary)
        elif method == "finetune":
            val = meta["selected"].get("validation", {})
            typer.echo(
                f"fine-tuned on {meta['n_train']:,} sentences in {meta['train_seconds']:.0f} s; "
                f"epoch {meta['selected']['epoch']}; validation macro-F1 "
                f"{val.get('macro_f1', float('nan')):.3f}; wrote {target}"
            )
        else:
            sel = meta["selected"]
            typer.echo(
                f"trained on {meta['n_train']:,} sentences in {meta['train_seconds']:.0f} s; "
                f"layers {sel['layers']} C={sel['C']}; CV macro-F1 {sel['cv_macro_f1']:.3f}; "
                f"wrote {target}"
            )
