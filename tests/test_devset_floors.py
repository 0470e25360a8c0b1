"""Quality gate on real third-party commentary: devset F1, per kind and period accuracy.

The devset (``shared/devset``) is measured in both parts of ``bench/devset_split.json`` with
the bench's own rule; ``tests/resources/devset_floors.json`` pins floors a little below the
figures measured when they were set, so a regression on text nobody here wrote fails CI.
Raise them when the extractor improves; lowering one is a decision to write down.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("claims_nlp")

_BENCH = Path(__file__).resolve().parent.parent / "bench" / "devset.py"
_spec = importlib.util.spec_from_file_location("bench_devset_floors", _BENCH)
assert _spec and _spec.loader
devset = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(devset)

FLOORS = json.loads((Path(__file__).parent / "resources" / "devset_floors.json").read_text())


#: The extractor's rule stance (no sentiment model) on matched claims, per part: a little
#: below 304/318 (tune) and 89/95 (heldout) measured on 2026-12-07 (stance step s4).
RULE_STANCE_FLOORS = {"tune": 0.94, "heldout": 0.91}


@pytest.fixture(scope="module")
def predicted(shared_dir: Path) -> tuple[list, list]:
    root = shared_dir / "devset"
    if not (root / "gold.jsonl").is_file():
        pytest.skip(f"devset not found at {root}")
    return devset.read_jsonl(root / "gold.jsonl"), devset.predict(root)


@pytest.fixture(scope="module")
def scores(predicted: tuple[list, list]) -> dict[str, dict]:
    gold, pred = predicted
    parts = devset.load_parts()
    return {name: devset.evaluate_part(gold, pred, ids) for name, ids in parts.items()}


@pytest.mark.parametrize("part", sorted(FLOORS["parts"]))
def test_devset_floors(part: str, scores: dict[str, dict]) -> None:
    floor, got = FLOORS["parts"][part], scores[part]
    assert got["overall"]["f1"] >= floor["f1"], (part, got["overall"])
    for kind, f1 in floor["by_kind"].items():
        assert got["per_kind"][kind]["f1"] >= f1, (part, kind, got["per_kind"][kind])
    ok, n = got["period_right"]
    assert n and ok / n >= floor["period_right"], (part, "period right", ok, n)


@pytest.mark.parametrize("part", sorted(RULE_STANCE_FLOORS))
def test_rule_stance_floor(part: str, predicted: tuple[list, list]) -> None:
    """Claim stance from the rules alone (numbers first) on the part's matched claims."""
    gold, pred = predicted
    ids = devset.load_parts()[part]
    # the bench's own pairing: the part's rows, none that matched doubtful gold
    rows = [{**p, "stance_model": p.get("stance")} for p in pred]
    st = devset.stance_part(gold, rows, {}, {}, ids)
    matched, agree = st["matched"], st["claim_rules"]
    assert matched and agree / matched >= RULE_STANCE_FLOORS[part], (part, agree, matched)
