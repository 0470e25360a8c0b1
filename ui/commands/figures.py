"""``thesisdesk train-figures``: retrain the learned figure step (``nlp.figure_model``)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ui.common import JSON_OPTION, err_console, fail, print_json

ROOT = Path(__file__).resolve().parent.parent.parent
#: The project's own gold sets: (gold, manifest of the texts).
OWN_SETS = (
    (ROOT / "demo" / "gold" / "demo.jsonl", ROOT / "demo" / "texts" / "index.jsonl"),
    (
        ROOT / "demo" / "gold" / "coverage" / "gold.jsonl",
        ROOT / "demo" / "gold" / "coverage" / "index.jsonl",
    ),
    (
        ROOT / "demo" / "gold" / "phrasebook" / "gold.jsonl",
        ROOT / "demo" / "gold" / "phrasebook" / "index.jsonl",
    ),
)


def _shared() -> Path | None:
    return next((d / "shared" for d in ROOT.parents if (d / "shared" / "devset").is_dir()), None)


def register(app: typer.Typer) -> None:
    @app.command("train-figures")
    def train_figures_cmd(
        devset: Path | None = typer.Option(
            None, "--devset", help="Devset folder (default: ../shared/devset beside the project)."
        ),
        split: Path = typer.Option(
            ROOT / "bench" / "devset_split.json",
            "--split",
            help="Split file: only its 'tune' articles are trained on; 'heldout' never is.",
        ),
        seeds: bool = typer.Option(True, help="Also train on the seeds' gold (../shared/spec)."),
        out: Path = typer.Option(
            ROOT / "models" / "figure_kind", "--out", help="Where model.json and training.json go."
        ),
        min_precision: float = typer.Option(
            0.8, help="Held-back precision a reading must reach for the step to act on it."
        ),
        as_json: bool = JSON_OPTION,
    ) -> None:
        """Train the learned figure step on the devset's tuning part and the own gold sets.

        Every figure the extractor reads in those articles is an example (the kind of the gold
        claim it states, or none); regularisation and the acceptance threshold are chosen on
        held-back folds of articles. Writes plain-JSON weights (no pickle) and a training
        record. Needs the `train` extra (scikit-learn).

        Example: thesisdesk train-figures --out /tmp/figure_kind
        """
        try:
            from nlp.figure_training import load_articles, train
        except ImportError as exc:
            hint = "training needs the train extra (pip install thesisdesk[train])"
            raise fail(f"{hint}: {exc}") from exc
        shared = _shared()
        devset = devset or (shared / "devset" if shared else None)
        if devset is None or not (devset / "gold.jsonl").is_file():
            raise fail("no devset found: pass --devset DIR (a folder with gold.jsonl)")
        tune = set(json.loads(split.read_text(encoding="utf-8"))["tune"])
        sets: list[tuple[Path, Path, set[str] | None]] = [
            (devset / "gold.jsonl", devset / "articles" / "manifest.jsonl", tune)
        ]
        sets += [(g, m, None) for g, m in OWN_SETS]
        if seeds and shared is not None:
            sets.append(
                (shared / "spec" / "gold" / "seeds.jsonl", shared / "seeds" / "index.jsonl", None)
            )
        articles = []
        for gold, manifest, only in sets:
            if not gold.is_file() or not manifest.is_file():
                raise fail(f"gold set not found: {gold} / {manifest}")
            articles += load_articles(gold, manifest, only)
        err_console.print(f"training on {len(articles)} articles from {len(sets)} gold sets…")
        report = train(
            articles,
            min_precision=min_precision,
            out_dir=out,
            sources=[str(g.relative_to(g.parents[2])) for g, _, _ in sets],
        )
        if as_json:
            print_json(report)
            return
        at = report["held_back_at_threshold"]
        typer.echo(
            f"{report['figures']} figures, {report['features']} features; C={report['C']}, "
            f"threshold {report['threshold']}: on held-back folds {at['right']:.0f} right, "
            f"{at['wrong']:.0f} wrong (precision {at['precision']}) -> {out}/model.json"
        )
