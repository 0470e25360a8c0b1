"""Extract + check the demo and coverage texts: the only contradicted claims are wrong ones.

The checker gives no false flag on the gold claims (``test_crosscheck_demo_gold.py``); this
holds the extractor to the same bar. A claim the extractor reads with the wrong period, the
wrong subject or the wrong role ("a buy zone taken for the current price") comes out
``contradicted`` against an honest author, which is a false flag caused by extraction.

The deliberately wrong figures are read from the gold lines whose ``note`` says
``DELIBERATELY WRONG`` (article + figure), so the test follows the corpus, not a copy of it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from crosscheck import MarketData
from crosscheck.files import check_files
from ingest.manifest import read_manifest

pytestmark = pytest.mark.usefixtures("claims_nlp")

DEMO = Path(__file__).resolve().parent.parent / "demo"
SETS = [
    (DEMO / "texts" / "index.jsonl", DEMO / "gold" / "demo.jsonl"),
    (DEMO / "gold" / "coverage" / "index.jsonl", DEMO / "gold" / "coverage" / "gold.jsonl"),
]
#: false flags left on the extracted claims (0 when this was written; never raise it)
MAX_FALSE_FLAGS = 0


def _figures(row: dict) -> set[float]:
    out = set()
    for key in ("value", "low", "high"):
        if row.get(key) is not None:
            out.add(round(abs(float(row[key])), 2))
    return out


def _wrong() -> dict[str, set[float]]:
    """article -> the figures its gold marks DELIBERATELY WRONG."""
    out: dict[str, set[float]] = {}
    for _, gold in SETS:
        for line in gold.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if "DELIBERATELY WRONG" in (row.get("note") or ""):
                out.setdefault(row["article"], set()).update(_figures(row))
    return out


def _is_wrong(row: dict, wrong: dict[str, set[float]]) -> bool:
    figures = wrong.get(Path(str(row.get("article") or row.get("file") or "")).name, set())
    return any(abs(f - w) <= max(0.01, 0.005 * w) for f in _figures(row) for w in figures)


@pytest.fixture(scope="module")
def flagged(market_dir: Path) -> list[dict]:
    if not market_dir.is_dir():
        pytest.skip(f"no market data at {market_dir}")
    market = MarketData.from_directory(market_dir)
    out = []
    for index, _ in SETS:
        manifest = read_manifest(index)
        files = sorted(index.parent.glob("*.txt"))
        assert files, index.parent
        for row in check_files(files, market, manifest=manifest):
            assert "error" not in row, row
            if row["verdict"]["verdict"] == "contradicted":
                out.append(row)
    return out


def test_the_wrong_figures_are_known() -> None:
    wrong = _wrong()
    assert sum(len(v) for v in wrong.values()) >= 9
    assert "small-caps-monster-quarter-whats-next.txt" in wrong


def test_only_deliberately_wrong_claims_are_contradicted(flagged: list[dict]) -> None:
    wrong = _wrong()
    false = [
        f"{r['article']} {r['kind']} {r['subject']} {r.get('value')} "
        f"{r.get('period_start')}..{r.get('period_end')}: {r['verdict']['reason'][:120]}"
        for r in flagged
        if not _is_wrong(r, wrong)
    ]
    assert len(false) <= MAX_FALSE_FLAGS, "\n".join(false)


def test_the_wrong_figures_are_still_flagged(flagged: list[dict]) -> None:
    """Cutting false flags must not cost the true ones: most wrong figures stay caught."""
    wrong = _wrong()
    caught = {(r["article"], f) for r in flagged for f in _figures(r) if _is_wrong(r, wrong)}
    assert len(caught) >= 6, sorted(caught)


def test_published_dates_are_used() -> None:
    manifest = read_manifest(SETS[0][0])
    day = manifest.published(DEMO / "texts" / "cool-cpi-sparks-rebound.txt")
    assert isinstance(day, dt.date)
