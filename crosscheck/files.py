"""Checking article files (or claim JSONL) without a database: the engine of ``thesisdesk check``.

Articles are text files; their claims come from ``nlp.extract.extract_claims`` (imported
only when a text file is checked). A ``.jsonl`` input is read as claims already extracted
(one claim object per line, as ``thesisdesk extract --json`` and the gold files write them),
so the checker can be run on gold claims too. Publication dates come from ``--published``
or a manifest (``ingest.manifest``); an article with no date is checked all the same, its
date-dependent claims coming back unverifiable.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from crosscheck.checker import check_claims
from crosscheck.market_data import MarketData
from crosscheck.targets import fmt_result, target_outcome
from crosscheck.tolerances import severity_label
from ingest.manifest import Manifest
from nlp.quote_facts import fill_provenance
from thesisdesk.records import Claim, Verdict


class InputError(ValueError):
    """A file, manifest or claim line that cannot be used (the message says which and why)."""


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


class _Stances:
    """The sentiment model for text files' claims, loaded on first use; after a failure
    (said once through ``warn``) the extractor's rule stances stay."""

    def __init__(self, use_model: bool, warn: Callable[[str], None] | None) -> None:
        self.on = use_model
        self.warn = warn or (lambda _msg: None)
        self.model: Any = None

    def refine(self, text: str, claims: list[Claim]) -> list[Claim]:
        if not self.on:
            return claims
        from nlp.stance_pipeline import load_stance_model, refine_or_keep

        if self.model is None:
            self.model, warning = load_stance_model()
            if self.model is None:  # missing or corrupt
                return self._off(warning, claims)
        (refined,), warning = refine_or_keep([(text, claims)], self.model)
        return self._off(warning, refined) if warning else refined

    def _off(self, warning: str | None, claims: list[Claim]) -> list[Claim]:
        self.on = False
        self.warn(warning or "sentiment model unavailable; kept the rule stances")
        return claims


def check_files(
    paths: list[Path],
    market: MarketData,
    *,
    published: dt.date | None = None,
    manifest: Manifest | None = None,
    use_model: bool = False,
    warn: Callable[[str], None] | None = None,
) -> Iterator[dict[str, Any]]:
    """One JSON-ready dict per claim; an unusable file yields ``{"error": ..., "file": ...}``.

    ``use_model``: the claims of text files get the sentiment model's stances (as ``extract``
    gives them); without the model files the rule stances stay and ``warn`` is told why.
    An article with no date is checked too: its date-dependent claims come back unverifiable.
    """
    stances = _Stances(use_model, warn)
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
            claims = stances.refine(text, extract(text, day, path.name))
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
        own = manifest.for_name(claim.article) if manifest and claim.article else None
        when = own.published if own and own.published else day
        (verdict,) = check_claims([claim], market, published=when)
        yield verdict_json(claim, verdict, market, when)
