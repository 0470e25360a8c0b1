"""CSV of claim lists (a claims search, the flags list): the same columns from the app's
download buttons and from ``thesisdesk claims --csv`` / ``thesisdesk flags --csv``."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from ui.labels import kind_label

CLAIM_COLUMNS = (
    "claim_id",
    "published",
    "subject",
    "kind",
    "stance",
    "value",
    "low",
    "high",
    "unit",
    "verdict",
    "actual",
    "difference",
    "tolerance",
    "source",
    "title",
    "url",
    "article_id",
    "quote",
)


def claim_row(c: object) -> dict[str, object]:
    """One claim as a flat row: plain kind label, empty cells (not "None") when missing."""
    row = {name: getattr(c, name, None) for name in CLAIM_COLUMNS}
    row["kind"] = kind_label(str(row["kind"])) if row["kind"] else ""
    row["verdict"] = row["verdict"] or "unchecked"
    return {k: "" if v is None else v for k, v in row.items()}


def claims_csv(claims: Iterable[object]) -> str:
    """Claims (``ClaimHit`` or ``ClaimBrief``) as CSV text with a header row."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CLAIM_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for c in claims:
        writer.writerow(claim_row(c))
    return buf.getvalue()


FLAG_COLUMNS = (
    "claim_id",
    "published",
    "subject",
    "kind",
    "confidence",
    "severity",
    "review",
    "value",
    "low",
    "high",
    "unit",
    "actual",
    "difference",
    "tolerance",
    "series",
    "data_through",
    "reason",
    "source",
    "title",
    "url",
    "article_id",
    "quote",
)


def flags_csv(pairs: Iterable[tuple[dict, dict]]) -> str:
    """Flags as CSV, one claim a row: (article, claim) dicts as ``FlaggedArticle.model_dump``
    gives them (the app's flags list and ``thesisdesk flags --csv`` write the same columns)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=FLAG_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for article, claim in pairs:
        row = {name: claim.get(name) for name in FLAG_COLUMNS}
        for name in ("published", "source", "title", "url", "article_id"):
            row[name] = article.get(name)
        row["kind"] = kind_label(str(row["kind"])) if row["kind"] else ""
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buf.getvalue()
