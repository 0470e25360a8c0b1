"""Quality gate: extraction F1 on the project's gold sets never drops below pinned floors.

Floors and the sha256 of every gold file and manifest are pinned in
``tests/resources/extraction_floors.json``: an edited fixture trips the gate until the
floors are re-measured and re-pinned (``python bench/extraction.py GOLD --texts DIR``).
Paths starting with ``shared/`` are read from the shared directory (the seeds).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.scoring import evaluate, sha256_file

pytestmark = pytest.mark.usefixtures("claims_nlp")

ROOT = Path(__file__).resolve().parent.parent
FLOORS = json.loads((Path(__file__).parent / "resources" / "extraction_floors.json").read_text())


def _path(raw: str, shared: Path) -> Path:
    return shared / raw[len("shared/") :] if raw.startswith("shared/") else ROOT / raw


@pytest.mark.parametrize("entry", FLOORS["sets"], ids=[e["name"] for e in FLOORS["sets"]])
def test_extraction_f1_floor(entry: dict, request: pytest.FixtureRequest) -> None:
    shared = ROOT.parent / "shared"
    if entry["gold"].startswith("shared/"):
        shared = request.getfixturevalue("shared_dir")
    gold, manifest = _path(entry["gold"], shared), _path(entry["manifest"], shared)
    assert sha256_file(gold) == entry["gold_sha256"], f"{gold} changed: re-measure and re-pin"
    assert sha256_file(manifest) == entry["manifest_sha256"], f"{manifest} changed: re-pin"
    report = evaluate(gold, manifest)
    got = report.as_dict()
    assert got["overall"]["f1"] >= entry["f1"], (entry["name"], got["overall"])
    for kind, floor in entry.get("by_kind", {}).items():
        assert got["by_kind"][kind]["f1"] >= floor, (entry["name"], kind, got["by_kind"][kind])
