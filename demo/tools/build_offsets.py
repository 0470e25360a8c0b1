"""Recompute the ``start``/``end`` offsets of gold claims from their quotes.

Gold quotes are the source of truth; offsets are derived, so after editing a demo text run
this instead of counting characters by hand. Each gold line's quote is looked up in its
article's plain text (``demo/texts/`` for ``demo.jsonl``, the gold file's own folder for
the coverage set); when the quote occurs more than once, the occurrence nearest the old
offset wins.

    python demo/tools/build_offsets.py            # rewrite offsets in place
    python demo/tools/build_offsets.py --check    # report stale offsets, exit 1 if any
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DEMO = Path(__file__).resolve().parent.parent
GOLD_FILES = (DEMO / "gold" / "demo.jsonl", DEMO / "gold" / "coverage" / "gold.jsonl")


def text_dir(gold_file: Path) -> Path:
    """Where the articles of a gold file live."""
    return DEMO / "texts" if gold_file.name == "demo.jsonl" else gold_file.parent


def fix_line(row: dict[str, object], text: str) -> tuple[int, int]:
    """The offsets of ``row['quote']`` in ``text`` nearest to the recorded start."""
    quote = str(row["quote"])
    starts: list[int] = []
    i = text.find(quote)
    while i >= 0:
        starts.append(i)
        i = text.find(quote, i + 1)
    if not starts:
        raise ValueError(f"{row['article']}: quote not found: {quote[:60]!r}")
    old = row.get("start")
    old_start = old if isinstance(old, int) else 0
    best = min(starts, key=lambda s: abs(s - old_start))
    return best, best + len(quote)


def process(gold_file: Path, check: bool) -> int:
    """Fix (or only count) stale offsets in one gold file; returns how many were stale."""
    rows = [json.loads(line) for line in gold_file.read_text().splitlines() if line.strip()]
    texts: dict[str, str] = {}
    stale = 0
    for row in rows:
        name = str(row["article"])
        if name not in texts:
            texts[name] = (text_dir(gold_file) / name).read_text()
        start, end = fix_line(row, texts[name])
        if (start, end) != (row["start"], row["end"]):
            stale += 1
            print(f"{gold_file.name}: {name} {row['start']}-{row['end']} -> {start}-{end}")
            row["start"], row["end"] = start, end
    if stale and not check:
        gold_file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report only; exit 1 if stale")
    parser.add_argument("files", nargs="*", type=Path, help="gold files (default: both)")
    args = parser.parse_args(argv)
    stale = sum(process(f, args.check) for f in (args.files or GOLD_FILES))
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
