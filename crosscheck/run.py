"""Checking the store's claims: one ``VerdictRow`` per ``ClaimRow``, kept current.

A claim is (re)checked when it has no verdict, when ``recheck`` is asked for, when the
checker's version changed, or when newer market data arrived for the series its verdict used
(``data_through`` older than the store's latest date for that series). Otherwise it is left
alone, so running twice does nothing the second time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import col

from crosscheck.checker import check_claim
from crosscheck.market_data import MarketData
from crosscheck.readings import CHECKER_VERSION, unverifiable
from crosscheck.targets import target_outcome
from thesisdesk.records import CLAIM_FIELDS, Claim, ClaimProvenance, ReadingRecord, Verdict

if TYPE_CHECKING:
    from store.models import VerdictRow

BATCH = 500


def checker_version() -> str:
    """Code version plus tolerance-table version: either change forces a re-check."""
    return CHECKER_VERSION


@dataclass
class CheckSummary:
    """What one ``check_stored`` run did."""

    claims: int = 0
    checked: int = 0
    skipped: int = 0
    failed: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def series_parts(series: str | None) -> list[str]:
    """'IWM vs SPY' (a relative check) and 'DFEDTARU/DFEDTARL' name several series."""
    if not series:
        return []
    return [p for p in re.split(r"\s+vs\s+|/", series) if p]


def data_through(series: str | None, market: MarketData) -> dt.date | None:
    dates = [d for p in series_parts(series) if (d := market.last_date(p)) is not None]
    return max(dates) if dates else None


def needs_check(
    row: VerdictRow | None, version: str, latest: dict[str, dt.date], recheck: bool
) -> bool:
    """Whether a claim's stored verdict is missing or stale."""
    if recheck or row is None:
        return True
    if row.checker_version != version:
        return True
    newest = [latest[p] for p in series_parts(row.series) if p in latest]
    if not newest:
        return False
    through = row.data_through
    return through is None or max(newest) > through


def claim_from_row(row: object) -> Claim:
    """A stored claim as the checker reads it: the contract plus how it was read."""
    names = (*CLAIM_FIELDS, *ClaimProvenance.model_fields)
    data = {name: getattr(row, name, None) for name in names}
    data["note"] = getattr(row, "note", None)
    data["extractor_version"] = getattr(row, "extractor_version", None)
    return Claim.model_validate(data)


def check_stored(
    engine: Engine,
    *,
    recheck: bool = False,
    market: MarketData | None = None,
    wrap: Callable[[list[Any], int], Iterable[Any]] | None = None,
) -> CheckSummary:
    """Check every stored claim that needs it and write its verdict (replacing the old one).

    ``wrap(items, total)`` may wrap the claims being checked (a progress bar).
    """
    market = market or MarketData.from_store(engine)
    latest = market.latest_dates()
    version = checker_version()
    summary = CheckSummary()

    rows = _read(engine)
    summary.claims = len(rows)
    todo = [(c, pub, v) for c, pub, v in rows if needs_check(v, version, latest, recheck)]
    summary.skipped = len(rows) - len(todo)
    now = dt.datetime.now(dt.UTC)
    items = iter(wrap(todo, len(todo)) if wrap else todo)
    while batch := list(itertools.islice(items, BATCH)):
        _write_retrying(engine, batch, market, summary, version, now)
    return summary


def _read(engine: Engine, ids: list[int] | None = None) -> list[Any]:
    """(claim, published, verdict or None) of every stored claim, or of ``ids``."""
    from store.db import session_scope
    from store.models import Article, ClaimRow, VerdictRow

    query = (
        select(ClaimRow, col(Article.published), VerdictRow)
        .join(Article, col(Article.id) == ClaimRow.article_id)
        .outerjoin(VerdictRow, col(VerdictRow.claim_id) == ClaimRow.id)
        .order_by(col(ClaimRow.id))
    )
    if ids is not None:
        query = query.where(col(ClaimRow.id).in_(ids))
    with session_scope(engine) as session:
        return list(session.execute(query).all())


def due_claim_ids(
    engine: Engine, market: MarketData, *, recheck: bool = False
) -> tuple[int, list[int]]:
    """(claims in the store, ids of those that need a verdict): what a cluster splits up."""
    version, latest = checker_version(), market.latest_dates()
    rows = _read(engine)
    return len(rows), [c.id for c, _, v in rows if needs_check(v, version, latest, recheck)]


def check_ids(
    engine: Engine,
    ids: list[int],
    market: MarketData,
    *,
    recheck: bool = False,
    now: dt.datetime | None = None,
) -> CheckSummary:
    """Verdicts for the claims ``ids`` that still need one, in one transaction per batch.

    The unit of work on a cluster's workers (``cluster.runner``): a batch whose first try
    was lost with its worker is simply run again (a claim checked meanwhile is skipped)."""
    version, latest = checker_version(), market.latest_dates()
    summary = CheckSummary()
    rows = _read(engine, ids)
    todo = [(c, pub, v) for c, pub, v in rows if needs_check(v, version, latest, recheck)]
    summary.skipped = len(ids) - len(todo)
    now = now or dt.datetime.now(dt.UTC)
    for lo in range(0, len(todo), BATCH):
        _write_retrying(engine, todo[lo : lo + BATCH], market, summary, version, now)
    return summary


def _write_retrying(
    engine: Engine,
    batch: list[Any],
    market: MarketData,
    summary: CheckSummary,
    version: str,
    now: dt.datetime,
) -> None:
    for attempt in range(3):
        try:
            _write_batch(engine, batch, market, summary, version, now)
            return
        except (IntegrityError, StaleDataError) as exc:
            # ``extract --all`` replaced some of these claims (or their verdicts) since
            # they were read: check what is still there; the new claims get their
            # verdicts on the next ``check --all``.
            still = _read(engine, [c.id for c, _, _ in batch])
            summary.skipped += len(batch) - len(still)
            batch = still
            if attempt == 2 or not batch:
                summary.errors.append(f"claims changed while checking: {type(exc).__name__}")
                return


def _write_batch(
    engine: Engine,
    batch: list[Any],
    market: MarketData,
    summary: CheckSummary,
    version: str,
    now: dt.datetime,
) -> None:
    """Verdicts for one batch of (claim, published, old verdict), in one transaction."""
    from store import rollup
    from store.db import session_scope
    from store.models import Article, VerdictRow

    done = CheckSummary()
    touched: set[int] = set()
    with session_scope(engine) as session:
        old_ids = [old.id for _, _, old in batch if old is not None]
        existing = {
            r.id: r
            for r in session.execute(
                select(VerdictRow).where(col(VerdictRow.id).in_(old_ids))
            ).scalars()
        }
        for claim_row, published, old in batch:
            verdict, outcome = _check_one(claim_row, published, market, done)
            row = existing.get(old.id) if old is not None else None
            if row is None:
                row = VerdictRow(
                    claim_id=claim_row.id,
                    verdict=verdict.verdict.value,
                    # search's copies of the claim's (0012): written here, no trigger work
                    subject=claim_row.subject,
                    kind=str(claim_row.kind),
                    reason=verdict.reason,
                    checker_version=version,
                )
            _fill(row, verdict, outcome, version, market, now)
            session.add(row)
            touched.add(claim_row.article_id)
            done.checked += 1
            done.counts[verdict.verdict.value] = done.counts.get(verdict.verdict.value, 0) + 1
        for article in session.execute(
            select(Article).where(col(Article.id).in_(touched))
        ).scalars():
            article.checked_at = now
        session.flush()
        rollup.refresh_articles(session.connection(), touched)  # flag counts, in step
    # counted only once the batch is written (a batch retried is not counted twice)
    summary.checked += done.checked
    summary.failed += done.failed
    summary.errors.extend(done.errors)
    for k, v in done.counts.items():
        summary.counts[k] = summary.counts.get(k, 0) + v


def _check_one(
    claim_row: object, published: dt.date | None, market: MarketData, summary: CheckSummary
) -> tuple[Verdict, tuple[str | None, dt.date | None]]:
    """One verdict (and a target's outcome); an exception becomes an unverifiable verdict."""
    try:
        claim = claim_from_row(claim_row)
        verdict = check_claim(claim, market, published=published)
        outcome: tuple[str | None, dt.date | None] = (None, None)
        if claim.kind == "price_target":
            result = target_outcome(claim, market, published=published)
            if result.outcome is not None:
                outcome = (result.outcome.value, result.outcome_date)
        return verdict, outcome
    except Exception as exc:  # one bad claim never stops a batch
        summary.failed += 1
        msg = f"claim {getattr(claim_row, 'id', '?')}: {type(exc).__name__}: {exc}"
        summary.errors.append(msg)
        return unverifiable(f"checker error: {type(exc).__name__}: {exc}"), (None, None)


def reading_dict(r: ReadingRecord) -> dict[str, object]:
    """A reading as JSON-ready values (dates as ISO strings, figures rounded for reading)."""
    out = dataclasses.asdict(r)
    for k in ("date_start", "date_end"):
        out[k] = out[k].isoformat() if out[k] else None
    for k in ("actual", "difference", "tolerance"):
        out[k] = round(out[k], 6)
    return out


def readings_json(verdict: Verdict) -> str | None:
    """Every reading the verdict judged, as the JSON the flag card reads back."""
    if not verdict.readings:
        return None
    return json.dumps([reading_dict(r) for r in verdict.readings])


def _fill(
    row: VerdictRow,
    verdict: Verdict,
    outcome: tuple[str | None, dt.date | None],
    version: str,
    market: MarketData,
    now: dt.datetime,
) -> None:
    for name in (
        "reason",
        "actual",
        "difference",
        "tolerance",
        "tolerance_reason",
        "series",
        "date_start",
        "date_end",
        "basis",
        "stand_in",
        "severity",
        "confidence",
    ):
        setattr(row, name, getattr(verdict, name))
    row.readings = readings_json(verdict)
    row.verdict = verdict.verdict.value
    row.outcome, row.outcome_date = outcome
    row.checker_version = version
    row.data_through = data_through(verdict.series, market)
    row.checked_at = now
