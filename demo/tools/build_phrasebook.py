"""Build the phrasebook's articles and gold claims from its one source file.

``demo/gold/phrasebook/phrasebook.txt`` is the source of truth (its header explains the
format): sentences written for this project, grouped into short articles by phrasing
family, each followed by its gold claims in a compact line. Writing 250 claims as JSON by
hand invites offset and enum mistakes, so this script derives the files the scorers read:

* ``ARTICLE.txt`` per article (its paragraphs, separated by blank lines: no headline);
* ``index.jsonl`` (``article``, ``published``, ``family``): the manifest;
* ``gold.jsonl``: one claim per line in the contract's shape plus ``article`` (``quote`` is
  the paragraph, ``start``/``end`` its offsets).

    python demo/tools/build_phrasebook.py            # (re)write the derived files
    python demo/tools/build_phrasebook.py --check    # exit 1 when they are stale
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from thesisdesk.records import CLAIM_FIELDS as FIELDS

HERE = Path(__file__).resolve().parent.parent / "gold" / "phrasebook"
SOURCE = HERE / "phrasebook.txt"
_HEADER = re.compile(r"^\[(\w+)\s*\|\s*(\d{4}-\d{2}-\d{2})\s*\|\s*([^\]]+)\]$")
_KEYS = {"cmp", "role", "p", "asof", "prob", "hz", "bench", "basis", "stance", "note", "doubtful"}


@dataclass
class Paragraph:
    text: str
    claims: list[str] = field(default_factory=list)


@dataclass
class Article:
    name: str
    published: str
    family: str
    paragraphs: list[Paragraph] = field(default_factory=list)


def parse(source: str) -> list[Article]:
    """The articles of a phrasebook source (raises ValueError naming the bad line)."""
    articles: list[Article] = []
    for n, raw in enumerate(source.splitlines(), 1):
        line = raw.rstrip()
        if not line.strip() or line.startswith("#"):
            continue
        if m := _HEADER.match(line):
            articles.append(Article(m[1], m[2], m[3].strip()))
        elif not articles:
            raise ValueError(f"line {n}: text before the first [article | date | family]")
        elif line.startswith((" ", "\t")):
            if not articles[-1].paragraphs:
                raise ValueError(f"line {n}: a claim before any paragraph")
            articles[-1].paragraphs[-1].claims.append(line.strip())
        else:
            articles[-1].paragraphs.append(Paragraph(line))
    return articles


def _words(v: str) -> str:
    return v.replace("_", " ")


def _default_stance(kind: str, value: float | None) -> str:
    """The annotation rules' stance when the line gives none: the sign of a move; a cut."""
    if value is None or value == 0:
        return "neutral"
    if kind == "performance":
        return "bullish" if value > 0 else "bearish"
    if kind == "rate_decision":
        return "bullish" if value < 0 else "bearish"
    return "neutral"


def claim_row(spec: str, article: Article, quote: str, start: int) -> dict[str, object]:
    """One gold row from a claim line ``kind subject number unit key=value...``."""
    parts = spec.split()
    if len(parts) < 4:
        raise ValueError(f"{article.name}: claim line too short: {spec!r}")
    kind, subject, number, unit = parts[:4]
    kv: dict[str, str] = {}
    for opt in parts[4:]:
        key, sep, val = opt.partition("=")
        if not sep or key not in _KEYS:
            raise ValueError(f"{article.name}: bad option {opt!r} in {spec!r}")
        kv[key] = val
    row: dict[str, object] = dict.fromkeys(FIELDS)
    row.update(kind=kind, subject=_words(subject), unit=unit)
    if ".." in number:
        lo, hi = number.split("..")
        row.update(low=float(lo), high=float(hi), comparator="range")
    else:
        row.update(value=float(number), comparator=kv.get("cmp", "eq"))
    if "p" in kv:
        row["period_start"], row["period_end"] = kv["p"].split("..")
    row.update(
        role=kv.get("role"),
        benchmark=_words(kv["bench"]) if "bench" in kv else None,
        basis=kv.get("basis"),
        as_of=kv.get("asof"),
        horizon=_words(kv["hz"]) if "hz" in kv else None,
        probability=float(kv["prob"]) if "prob" in kv else None,
    )
    value = row["value"] if isinstance(row["value"], float) else None
    row["stance"] = kv.get("stance") or _default_stance(kind, value)
    row.update(quote=quote, start=start, end=start + len(quote), article=f"{article.name}.txt")
    if "note" in kv:
        row["note"] = _words(kv["note"])
    if kv.get("doubtful") == "1":
        row["doubtful"] = True
    return row


def build(articles: list[Article]) -> dict[str, str]:
    """File name (relative to the phrasebook folder) -> content, for every derived file."""
    files: dict[str, str] = {}
    index: list[str] = []
    gold: list[str] = []
    for a in articles:
        text, offsets = "", []
        for p in a.paragraphs:
            if text:
                text += "\n\n"
            offsets.append(len(text))
            text += p.text
        files[f"{a.name}.txt"] = text + "\n"
        index.append(
            json.dumps({"article": f"{a.name}.txt", "published": a.published, "family": a.family})
        )
        for p, start in zip(a.paragraphs, offsets, strict=True):
            for spec in p.claims:
                gold.append(json.dumps(claim_row(spec, a, p.text, start), ensure_ascii=False))
    files["index.jsonl"] = "\n".join(index) + "\n"
    files["gold.jsonl"] = "\n".join(gold) + "\n"
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--check", action="store_true", help="report stale files, exit 1 if any")
    args = ap.parse_args(argv)
    files = build(parse(SOURCE.read_text(encoding="utf-8")))
    stale = [
        name
        for name, content in files.items()
        if not (HERE / name).is_file() or (HERE / name).read_text(encoding="utf-8") != content
    ]
    extra = sorted(
        p.name for p in HERE.glob("*.txt") if p.name not in files and p.name != SOURCE.name
    )
    if args.check:
        for name in stale + extra:
            print(f"stale: {name}")
        return 1 if stale or extra else 0
    for name in stale:
        (HERE / name).write_text(files[name], encoding="utf-8")
    for name in extra:
        (HERE / name).unlink()
    print(f"{len(stale)} written, {len(extra)} removed ({len(files)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
