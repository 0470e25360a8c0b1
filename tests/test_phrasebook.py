"""The phrasebook (``demo/gold/phrasebook/``): its derived files match its source, its gold is
in the contract's shape, and it covers every kind and the negatives it promises.

Its extraction F1 is gated with the other gold sets (``test_nlp_quality.py``, floors in
``tests/resources/extraction_floors.json``); ``bench/phrasebook.py`` prints the error table.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from thesisdesk.records import CLAIM_FIELDS, Comparator, Unit

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "demo" / "gold" / "phrasebook"


def _module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


BUILD = _module(ROOT / "demo" / "tools" / "build_phrasebook.py", "build_phrasebook")
ARTICLES = BUILD.parse(BUILD.SOURCE.read_text(encoding="utf-8"))
GOLD = [json.loads(x) for x in (FOLDER / "gold.jsonl").read_text().splitlines() if x.strip()]


def test_derived_files_match_the_source() -> None:
    for name, content in BUILD.build(ARTICLES).items():
        path = FOLDER / name
        assert path.is_file() and path.read_text(encoding="utf-8") == content, (
            f"{name} is stale: run python demo/tools/build_phrasebook.py"
        )


def test_size_and_coverage() -> None:
    paragraphs = [p for a in ARTICLES for p in a.paragraphs]
    assert len(paragraphs) >= 200
    negatives = [p for p in paragraphs if not p.claims]
    assert len(negatives) >= 30, "numbers that are not claims keep the extractor honest"
    kinds = Counter(str(g["kind"]) for g in GOLD if not g.get("doubtful"))
    for kind in (
        "price_target",
        "price_level",
        "performance",
        "rate_decision",
        "rate_expectation",
        "valuation",
        "fundamental",
    ):
        assert kinds[kind] >= 10, (kind, kinds)


def test_gold_is_in_the_contract_shape() -> None:
    texts = {p.name: p.read_text(encoding="utf-8") for p in FOLDER.glob("pb*.txt")}
    units = {u.value for u in Unit}
    comparators = {c.value for c in Comparator}
    for row in GOLD:
        assert set(CLAIM_FIELDS) | {"article"} <= set(row)
        assert set(row) <= set(CLAIM_FIELDS) | {"article", "note", "doubtful"}
        text = texts[str(row["article"])]
        assert text[int(row["start"]) : int(row["end"])] == row["quote"]
        assert row["unit"] in units and row["comparator"] in comparators, row
        assert (row["value"] is None) == (row["comparator"] == "range"), row


def test_parse_rejects_a_bad_claim_line() -> None:
    bad = "[pbx | 2025-01-02 | f]\nIWM rose.\n  performance IWM 1 pct cmp\n"
    with pytest.raises(ValueError, match="bad option"):
        BUILD.build(BUILD.parse(bad))


@pytest.mark.usefixtures("claims_nlp")
def test_bench_reports_every_family() -> None:
    bench = _module(ROOT / "bench" / "phrasebook.py", "bench_phrasebook")
    got = bench.evaluate("negatives")
    assert set(got["families"]) == {a.family for a in ARTICLES if a.family.startswith("negatives")}
    assert got["overall"]["gold"] == 0
    # the extractor stays (almost) silent on numbers that are not claims
    assert got["errors"]["spurious"] <= 3, got["examples"]["spurious"]
