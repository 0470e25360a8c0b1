"""``bench/pin_floors.py``: floors rise freely; lowering or dropping one needs --allow-lower."""

from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLOORS = Path(__file__).parent / "resources" / "extraction_floors.json"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pin_floors", ROOT / "bench" / "pin_floors.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pin = _load()
OLD = {"sets": [{"name": "demo", "f1": 0.9, "by_kind": {"valuation": 0.8, "fundamental": 0.7}}]}


def test_raised_floors_are_not_lowered() -> None:
    raised = {"valuation": 0.8, "fundamental": 0.9}
    new = {"sets": [{"name": "demo", "f1": 0.95, "by_kind": raised}]}
    assert pin.lowered(OLD, new) == []


def test_each_lowered_or_dropped_floor_is_named() -> None:
    new = {"sets": [{"name": "demo", "f1": 0.89, "by_kind": {"valuation": 0.85}}]}
    assert pin.lowered(OLD, new) == [
        "demo overall F1: 0.9 -> 0.89",
        "demo fundamental: floor 0.7 would be dropped",
    ]
    assert pin.lowered(OLD, {"sets": []}) == ["demo: the whole set's floors would be dropped"]


@pytest.mark.usefixtures("claims_nlp")
def test_the_script_refuses_to_lower_without_the_flag(
    tmp_path: Path, shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "floors.json"
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    unreachable = copy.deepcopy(floors)
    for entry in unreachable["sets"]:
        entry["f1"] = 1.01
    out.write_text(json.dumps(unreachable), encoding="utf-8")
    argv = ["--out", str(out), "--shared", str(shared_dir)]

    assert pin.main(argv) == 1
    err = capsys.readouterr().err
    assert "--allow-lower" in err and "demo overall F1: 1.01 ->" in err
    assert json.loads(out.read_text(encoding="utf-8")) == unreachable  # untouched

    assert pin.main([*argv, "--allow-lower"]) == 0
    pinned = json.loads(out.read_text(encoding="utf-8"))
    assert [e["name"] for e in pinned["sets"]] == [e["name"] for e in floors["sets"]]
    assert all(e["f1"] < 1.01 for e in pinned["sets"])

    for entry in pinned["sets"]:  # today's floors far below what is measured: raising is free
        entry["f1"], entry["by_kind"] = 0.0, dict.fromkeys(entry["by_kind"], 0.0)
    out.write_text(json.dumps(pinned), encoding="utf-8")
    assert pin.main(argv) == 0
    assert all(e["f1"] > 0.0 for e in json.loads(out.read_text(encoding="utf-8"))["sets"])


def test_devset_floors_only_rise() -> None:
    old = {
        "parts": {
            "heldout": {"f1": 0.64, "by_kind": {"valuation": 0.33}, "period_right": 0.64},
            "tune": {"f1": 0.82, "by_kind": {"performance": 0.85}, "period_right": 0.77},
        }
    }
    new = {
        "parts": {
            "heldout": {"f1": 0.66, "by_kind": {"valuation": 0.3}, "period_right": 0.7},
            "tune": {"f1": 0.8, "by_kind": {}, "period_right": 0.79},
        }
    }
    out, held = pin.raise_only(old, new)
    assert out["parts"]["heldout"] == {
        "f1": 0.66,
        "by_kind": {"valuation": 0.33},
        "period_right": 0.7,
    }
    assert out["parts"]["tune"] == {
        "f1": 0.82,
        "by_kind": {"performance": 0.85},
        "period_right": 0.79,
    }
    assert len(held) == 3 and new["parts"]["tune"]["f1"] == 0.8  # the input is not modified
