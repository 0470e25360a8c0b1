"""The cross-checker over every gold claim of the demo corpus: no false flags, no misses.

``demo/README.md`` lists the deliberately wrong figures (section "Deliberately wrong
articles"); every one of them must come out ``contradicted``, and no other gold claim may
(a false flag on an honest author is worse than a missed one). The wrong claims are named
below by article, kind and figure, and that list is held against both the README's table
and the gold lines whose ``note`` says ``DELIBERATELY WRONG``, so a drift in any of the three
fails here instead of silently changing what is tested.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from crosscheck import MarketData, check_claim
from nlp.quote_facts import fill_provenance
from thesisdesk.records import Claim

pytestmark = pytest.mark.slow

DEMO = Path(__file__).resolve().parent.parent / "demo"
GOLD = [DEMO / "gold" / "demo.jsonl", DEMO / "gold" / "coverage" / "gold.jsonl"]
INDEXES = [DEMO / "texts" / "index.jsonl", DEMO / "gold" / "coverage" / "index.jsonl"]

#: (article, kind, figure) of each deliberately wrong claim, in the README table's order;
#: the figure is ``value``, or ``(low, high)`` for a range.
WRONG: list[tuple[str, str, float | tuple[float, float]]] = [
    ("small-caps-monster-quarter-whats-next.txt", "performance", 18.0),  # "IWM surged 18%"
    ("small-caps-monster-quarter-whats-next.txt", "performance", 10.0),  # "beat ... by 10 pp"
    ("small-caps-monster-quarter-whats-next.txt", "performance", 100.0),  # "IonQ more than doubled"
    ("russell-smashes-record-2548.txt", "price_level", 2548.30),  # "a record 2,548.30"
    ("fed-goes-big-half-point.txt", "rate_decision", -50.0),  # "by half a percentage point"
    ("fed-goes-big-half-point.txt", "rate_decision", (3.50, 3.75)),  # "range of 3.50%-3.75%"
    ("small-cap-rally-running-on-fumes.txt", "performance", -20.0),  # "IonQ ... down > 20%"
    ("iwm-up-21-percent-fed-cut-full-point.txt", "performance", 21.0),  # "IWM is up 21% YTD"
    ("iwm-up-21-percent-fed-cut-full-point.txt", "rate_decision", -100.0),  # "a full point"
]


def _published() -> dict[str, dt.date]:
    out: dict[str, dt.date] = {}
    for index in INDEXES:
        for line in index.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out[row["article"]] = dt.date.fromisoformat(row["published"])
    return out


def _gold() -> list[dict[str, Any]]:
    rows = []
    for path in GOLD:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                row = json.loads(line)
                row["_where"] = f"{path.relative_to(DEMO)}:{n}"
                rows.append(row)
    return rows


def _figure(row: dict[str, Any]) -> float | tuple[float, float]:
    if row.get("value") is not None:
        return float(row["value"])
    return (float(row["low"]), float(row["high"]))


def _key(row: dict[str, Any]) -> tuple[str, str, float | tuple[float, float]]:
    return (row["article"], row["kind"], _figure(row))


def _readme_wrong_articles() -> list[str]:
    """The article of each row of the README's "Deliberately wrong articles" table."""
    text = (DEMO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Deliberately wrong articles", 1)[1].split("\n## ", 1)[0]
    out: list[str] = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) < 3 or set(cells[0]) <= {"-", " "}:
            continue
        if cells[0] == "article":
            continue
        m = re.match(r"`([^`]+\.txt)`", cells[0])
        out.append(m.group(1) if m else out[-1])  # "same" repeats the previous article
    return out


@pytest.fixture(scope="module")
def verdicts(market_dir: Path) -> list[tuple[dict[str, Any], Any]]:
    market = MarketData.from_directory(market_dir)
    published = _published()
    fields = set(Claim.model_fields)
    out = []
    for row in _gold():
        # gold carries the contract only: read the quote facts the way the extractor does
        claim = fill_provenance(Claim(**{k: v for k, v in row.items() if k in fields}))
        out.append((row, check_claim(claim, market, published=published[row["article"]])))
    return out


def test_the_wrong_list_matches_the_readme_and_the_gold_notes() -> None:
    assert _readme_wrong_articles() == [article for article, _, _ in WRONG]
    gold = _gold()
    for key in WRONG:
        hits = [row["_where"] for row in gold if _key(row) == key]
        assert len(hits) == 1, f"{key} should name exactly one gold claim, got {hits}"
    noted = {_key(row) for row in gold if "DELIBERATELY WRONG" in (row.get("note") or "")}
    assert noted == set(WRONG)


def test_every_deliberately_wrong_figure_is_contradicted(verdicts) -> None:
    missed = [
        f"{row['_where']} {_key(row)}: {v.verdict} ({v.reason})"
        for row, v in verdicts
        if _key(row) in WRONG and v.verdict != "contradicted"
    ]
    assert not missed, "\n".join(missed)


def test_no_honest_gold_claim_is_contradicted(verdicts) -> None:
    flagged = [
        f"{row['_where']} {row['quote']!r}: {v.reason}"
        for row, v in verdicts
        if _key(row) not in WRONG and v.verdict == "contradicted"
    ]
    assert not flagged, "false flags:\n" + "\n".join(flagged)


def test_agreement_figures(verdicts) -> None:
    # Pinned so that a change in coverage is seen (and the report's figures stay true): all
    # 439 gold claims get a verdict; 9 contradicted (the wrong ones), the rest split between
    # supported and unverifiable (opinions, forecasts, subjects without data).
    counts = Counter(str(v.verdict) for _, v in verdicts)
    assert sum(counts.values()) == 439
    assert counts["contradicted"] == len(WRONG)
    assert counts["supported"] >= 290
