"""Mutation bench for flags: plant one wrong number per article and count how many get flagged.

    .venv/bin/python bench/flags.py [--gold FILE --manifest FILE] [--split all|tune|heldout]
                                    [--market-dir DIR] [--seed 7] [--no-extract] [--show N]

Defaults to the devset (``../shared/devset``: gold.jsonl + articles/manifest.jsonl); the demo
is ``--gold demo/gold/demo.jsonl --manifest demo/texts/index.jsonl``. Any gold set works whose
manifest rows are ``{"article": file name relative to the manifest, "published": date}``.

Per article, among the gold claims the checker *supports* (a checkable number that agrees
with the data), one is picked (seeded) and its figure moved far outside any tolerance: a
percent x1.7 and 4 points further from zero, a level x1.18, a move in basis points x3 (a 25 bp
cut becomes 75 bp). The number is rewritten in the article's text, in the same format.

1. Claims only: the mutated gold claim through the checker (is the checker able to flag it?).
2. End to end: the mutated TEXT through the extractor and the checker; a planted error counts
   as extracted when a claim of the same kind carries the mutated figure (within 0.5%; one
   with the gold subject is preferred), and as flagged when that claim is ``contradicted``.
   Reports the share flagged of the extracted (goal >= 0.90) and of all planted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crosscheck import MarketData, check_claim  # noqa: E402
from thesisdesk.records import Claim, VerdictLabel  # noqa: E402


def _shared() -> Path:
    """``$THESISDESK_SHARED``, else the folder above the data directory, else ``../shared``."""
    import os

    from thesisdesk.settings import data_dir

    if os.environ.get("THESISDESK_SHARED"):
        return Path(os.environ["THESISDESK_SHARED"])
    data = data_dir()
    return data.parent if data else ROOT.parent / "shared"


SHARED = _shared()
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


@dataclass
class Plant:
    """One planted error: the gold claim, its mutated figure, and what became of it."""

    article: str
    claim: Claim
    new_value: float
    text_old: str
    text_new: str
    claims_only: str = ""  # verdict of the mutated gold claim
    extracted: bool = False
    same_subject: bool = False
    unsure: bool = False  # the extracted claim's period or subject was below the sure minimum
    end_to_end: str = ""  # verdict of the extracted claim carrying the mutated figure
    reason: str = ""


def mutate(claim: Claim) -> float | None:
    """The planted figure, far outside tolerance; None for a claim this bench does not move."""
    v = claim.value
    if v is None or claim.comparator not in ("eq", "approx"):
        return None  # "over 8%" stays true when 8 becomes 18: only exact figures are moved
    if claim.unit == "pct" and claim.kind == "performance":
        return v * 1.7 + (4 if v >= 0 else -4)
    if claim.unit in ("usd", "points") and claim.kind == "price_level":
        return v * 1.18
    if claim.unit == "bp" and v != 0:
        return v * 3
    return None


def _number(token: str) -> float:
    return float(token.replace(",", ""))


def render(token: str, value: float) -> str:
    """``value`` written like ``token``: same decimals, thousands separators if it had them."""
    decimals = len(token.split(".")[1]) if "." in token else 0
    text = f"{abs(value):,.{decimals}f}" if "," in token else f"{abs(value):.{decimals}f}"
    return text


def find_token(text: str, claim: Claim) -> re.Match[str] | None:
    """The figure's number inside the claim's quote span of ``text`` (absolute value matches)."""
    assert claim.value is not None
    span = text[claim.start : claim.end]
    want = abs(claim.value)
    for m in NUMBER.finditer(span):
        if abs(_number(m.group()) - want) <= max(1e-9, 0.001 * want):
            return m
    return None


def load_manifest(path: Path) -> dict[str, dt.date | None]:
    out: dict[str, dt.date | None] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            day = row.get("published")
            out[row["article"]] = dt.date.fromisoformat(day) if day else None
    return out


def load_gold(path: Path) -> dict[str, list[Claim]]:
    fields = set(Claim.model_fields)
    out: dict[str, list[Claim]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("doubtful"):
            continue
        claim = Claim(**{k: v for k, v in row.items() if k in fields})
        out.setdefault(str(row["article"]), []).append(claim)
    return out


def _file_name(article: str, manifest: dict[str, dt.date | None]) -> str | None:
    for name in (article, f"{article}.txt"):
        if name in manifest:
            return name
    return None


def plant(
    gold: dict[str, list[Claim]],
    manifest: dict[str, dt.date | None],
    texts: Path,
    market: MarketData,
    rng: random.Random,
) -> tuple[list[Plant], int]:
    """One planted error per article that has a supported, movable gold claim."""
    plants: list[Plant] = []
    skipped = 0
    for article in sorted(gold):
        name = _file_name(article, manifest)
        if name is None:
            skipped += 1
            continue
        published = manifest[name]
        text = (texts / name).read_text(encoding="utf-8")
        options = []
        for c in gold[article]:
            new = mutate(c)
            if new is None or find_token(text, c) is None:
                continue
            if check_claim(c, market, published=published).verdict != VerdictLabel.supported:
                continue
            options.append((c, new))
        if not options:
            skipped += 1
            continue
        c, new = rng.choice(options)
        m = find_token(text, c)
        assert m is not None
        at = c.start + m.start()
        written = render(m.group(), new)
        new = float(written.replace(",", "")) * (-1 if new < 0 else 1)  # as the text now says
        mutated = text[:at] + written + text[at + len(m.group()) :]
        plants.append(Plant(name, c, new, text, mutated))
    return plants, skipped


def run(plants: list[Plant], manifest: dict, market: MarketData, extract: bool) -> None:
    for p in plants:
        published = manifest[p.article]
        moved = p.claim.model_copy(update={"value": p.new_value})
        p.claims_only = check_claim(moved, market, published=published).verdict.value
        if not extract:
            continue
        from nlp.extract import extract_claims

        found = [
            c
            for c in extract_claims(p.text_new, published, article=p.article)
            if c.kind == p.claim.kind
            and c.value is not None
            and abs(abs(c.value) - abs(p.new_value)) <= 0.005 * abs(p.new_value)
        ]
        if not found:
            continue
        p.extracted = True
        mine = [c for c in found if c.subject == p.claim.subject]
        p.same_subject = bool(mine)
        found = mine or found
        verdicts = [check_claim(c, market, published=published) for c in found]
        hit = next((v for v in verdicts if v.verdict == VerdictLabel.contradicted), verdicts[0])
        p.end_to_end, p.reason = hit.verdict.value, hit.reason
        p.unsure = hit.verdict != VerdictLabel.contradicted and " unclear: " in hit.reason


def _share(k: int, n: int) -> str:
    return f"{k}/{n} = {k / n:.2f}" if n else f"{k}/0"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=SHARED / "devset" / "gold.jsonl")
    ap.add_argument(
        "--manifest", type=Path, default=SHARED / "devset" / "articles" / "manifest.jsonl"
    )
    ap.add_argument("--split", choices=["all", "tune", "heldout"], default="all")
    ap.add_argument("--market-dir", type=Path, default=SHARED / "data" / "market")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-extract", action="store_true", help="claims-only (no extractor)")
    ap.add_argument("--show", type=int, default=10, help="list this many misses")
    args = ap.parse_args()

    manifest = load_manifest(args.manifest)
    gold = load_gold(args.gold)
    if args.split != "all":
        split = json.loads((ROOT / "bench" / "devset_split.json").read_text())
        keep = set(split[args.split])
        gold = {a: cs for a, cs in gold.items() if a.removesuffix(".txt") in keep}
    market = MarketData.from_directory(args.market_dir)
    plants, skipped = plant(gold, manifest, args.manifest.parent, market, random.Random(args.seed))
    run(plants, manifest, market, extract=not args.no_extract)

    n = len(plants)
    print(f"== flags mutation bench: {args.gold} ({args.split}) ==")
    print(f"articles: {len(gold)}; planted: {n}; no supported movable claim: {skipped}")
    by_kind: dict[str, int] = {}
    for p in plants:
        by_kind[f"{p.claim.kind}/{p.claim.unit}"] = (
            by_kind.get(f"{p.claim.kind}/{p.claim.unit}", 0) + 1
        )
    print("planted by kind/unit:", ", ".join(f"{k} {v}" for k, v in sorted(by_kind.items())))
    flagged = sum(p.claims_only == "contradicted" for p in plants)
    print(f"claims only (mutated gold claim checked): flagged {_share(flagged, n)}")
    if not args.no_extract:
        ext = [p for p in plants if p.extracted]
        hit = sum(p.end_to_end == "contradicted" for p in ext)
        same = [p for p in ext if p.same_subject]
        hit_same = sum(p.end_to_end == "contradicted" for p in same)
        print(f"end to end: extracted (kind + figure) {_share(len(ext), n)}")
        print(f"  flagged of extracted: {_share(hit, len(ext))} (goal >= 0.90)")
        print(f"  flagged of extracted with the gold subject: {_share(hit_same, len(same))}")
        sure = [p for p in ext if not p.unsure]
        hit_sure = sum(p.end_to_end == "contradicted" for p in sure)
        print(
            f"  flagged of extracted the extractor was sure of: {_share(hit_sure, len(sure))} "
            f"({len(ext) - len(sure)} unsure: unverifiable by rule, never flagged)"
        )
        print(f"  flagged of all planted: {_share(hit, n)}")
        misses = [p for p in ext if p.end_to_end != "contradicted"]
        for p in misses[: args.show]:
            print(
                f"  MISS {p.article}: {p.claim.kind} {p.claim.subject} {p.claim.value} -> "
                f"{p.new_value:.4g}: {p.end_to_end}: {p.reason[:160]}"
            )
    misses = [p for p in plants if p.claims_only != "contradicted"]
    for p in misses[: args.show]:
        print(
            f"  CLAIM-ONLY MISS {p.article}: {p.claim.kind} {p.claim.subject} {p.claim.value} -> "
            f"{p.new_value:.4g}: {p.claims_only}"
        )


if __name__ == "__main__":
    main()
