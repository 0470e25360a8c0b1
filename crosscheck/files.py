"""Checking article files (or claim JSONL) without a database: the engine of ``thesisdesk check``.

Articles are text files; their claims come from ``nlp.extract.extract_claims`` (imported
only when a text file is checked). A ``.jsonl`` input is read as claims already extracted
(one claim object per line, as ``thesisdesk extract --json`` and the gold files write them),
so the checker can be run on gold claims too. Publication dates come from ``--published``
or a manifest (JSONL ``{"article": name relative to the manifest's folder, "published": ...}``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosscheck.checker import check_claims
from crosscheck.market_data import MarketData
from crosscheck.targets import fmt_result, target_outcome
from crosscheck.tolerances import severity_label
from nlp.quote_facts import fill_provenance
from thesisdesk.records import Claim, Verdict


class InputError(ValueError):
    """A file, manifest or claim line that cannot be used (the message says which and why)."""


@dataclass
class Manifest:
    """Publication dates by resolved article path (and by bare file name as a fallback)."""

    by_path: dict[Path, dt.date | None]
    by_name: dict[str, dt.date | None]

    def published(self, path: Path) -> dt.date | None:
        """The row's date; None for an undated row (its date-dependent claims are unverifiable)."""
        return self.by_path.get(path.resolve()) or self.by_name.get(path.name)


def read_manifest(path: str | Path) -> Manifest:
    """Parse a JSONL manifest; a bad line is an ``InputError`` naming the line.

    A row without ``published`` (or with null) is an undated article, not an error: real
    pages often carry no date, and one of them must never stop a batch.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"manifest not found: {path}")
    by_path: dict[Path, dt.date | None] = {}
    by_name: dict[str, dt.date | None] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            name = str(row["article"])
            raw = row.get("published")
            day = dt.date.fromisoformat(str(raw)) if raw else None
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise InputError(f"{path}:{n}: want {{'article', 'published'}}: {exc}") from exc
        by_path[(path.parent / name).resolve()] = day
        by_name[Path(name).name] = day
    return Manifest(by_path, by_name)


def claims_from_jsonl(path: Path) -> Iterator[tuple[Claim | None, str | None]]:
    """(claim, None) per good line, (None, error) per bad one: a bad line loses nothing else."""
    fields = set(Claim.model_fields)
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            data = {k: v for k, v in data.items() if k in fields}
            data.setdefault("article", path.name)
            # a hand-written claim (gold) lacks what the extractor records: read it as it would
            yield fill_provenance(Claim(**data)), None
        except (ValueError, TypeError) as exc:
            yield None, f"{path}:{n}: not a claim: {exc}"


def extract(text: str, published: dt.date | None, name: str) -> list[Claim]:
    """The extractor's claims for one article (the nlp package is imported only here)."""
    try:
        from nlp.extract import extract_claims
    except ImportError as exc:
        raise InputError(
            "claim extraction (nlp.extract) is not available; "
            "pass extracted claims as a .jsonl file instead"
        ) from exc
    return list(extract_claims(text, published, article=name))


def verdict_json(claim: Claim, verdict: Verdict, market: MarketData, published: dt.date | None):
    """The extract output for a claim plus its ``verdict`` object (and a target's outcome)."""
    out: dict[str, Any] = claim.contract_dict()  # what ``thesisdesk extract --json`` prints
    out["article"] = claim.article
    v = verdict.model_dump(mode="json")
    v["severity_label"] = severity_label(verdict.severity) if verdict.severity else None
    if claim.kind == "price_target":
        v["outcome"] = fmt_result(target_outcome(claim, market, published=published))
    out["verdict"] = v
    return out


def check_files(
    paths: list[Path],
    market: MarketData,
    *,
    published: dt.date | None = None,
    manifest: Manifest | None = None,
) -> Iterator[dict[str, Any]]:
    """One JSON-ready dict per claim; an unusable file yields ``{"error": ..., "file": ...}``."""
    for path in paths:
        day = (manifest.published(path) if manifest else None) or published
        if not path.is_file():
            yield {"file": str(path), "error": f"not a file: {path}"}
            continue
        try:
            if path.suffix == ".jsonl":
                yield from _check_jsonl(path, market, day, manifest)
                continue
            text = path.read_text(encoding="utf-8")
            claims = extract(text, day, path.name)
        except (InputError, OSError, UnicodeDecodeError) as exc:
            yield {"file": str(path), "error": str(exc)}
            continue
        for claim, verdict in zip(claims, check_claims(claims, market, published=day), strict=True):
            yield verdict_json(claim, verdict, market, day)


def _check_jsonl(
    path: Path, market: MarketData, day: dt.date | None, manifest: Manifest | None
) -> Iterator[dict[str, Any]]:
    for claim, error in claims_from_jsonl(path):
        if claim is None:
            yield {"file": str(path), "error": error}
            continue
        own = manifest.by_name.get(Path(claim.article).name) if manifest and claim.article else None
        when = own or day
        (verdict,) = check_claims([claim], market, published=when)
        yield verdict_json(claim, verdict, market, when)
