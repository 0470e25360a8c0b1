"""Extraction over the store: new or stale articles get their claims (re)written and scored.

An article is due when its ``extractor_version`` differs from ``EXTRACTOR_VERSION`` (never
extracted, or by an older extractor). Its claims are replaced, their stances refined by the
sentiment model, its per-subject ``ArticleStance`` rows replaced and the article stamped, all
in one transaction (a chunk of articles shares one, ``store_batch``; if it fails, each article
gets its own), so a crash leaves either the old claims or the new ones, never a mix, and a
re-run finds nothing to do. Syndicated copies (``duplicate_of_id`` set) are extracted too:
the digest counts them as one voice, but their claims must exist to be counted.

Stances (``nlp.stance_pipeline``): the model's claims' sentences are scored in one batch per
chunk of articles. An article already extracted is re-scored when its ``ArticleStance`` rows
carry another model version than the loaded model's (or none: the model was missing then);
its claims are then updated in place, so their verdicts stay. Without the model files the
rule stances stay, ``ExtractSummary.warnings`` says why, and no ``ArticleStance`` is written.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import or_
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from nlp.extract import EXTRACTOR_VERSION, extract_many
from nlp.stance_pipeline import (
    StanceStep,
    SubjectStance,
    restance_due_ids,
    write_article_stances,
)
from store import articles as article_q
from store import rollup
from store.db import session_scope
from store.extracted import write_articles
from store.models import Article, ClaimRow
from thesisdesk.progress import ProgressHook
from thesisdesk.records import Claim

log = logging.getLogger(__name__)
CHUNK = 64
#: The fields that identify a claim when re-scoring in place (everything but the stance).
_IDENTITY = (
    "kind", "subject", "value", "low", "high", "unit", "comparator", "role", "benchmark",
    "basis", "period_start", "period_end", "as_of", "horizon", "probability", "quote",
    "start", "end",
)  # fmt: skip


@dataclass
class ExtractSummary:
    """What one run did."""

    articles_seen: int = 0
    articles_done: int = 0
    articles_failed: int = 0
    claims_written: int = 0
    articles_restanced: int = 0
    article_stances_written: int = 0
    stance_model: str | None = None
    stance_seconds: float = 0.0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def due_article_ids(engine: Engine, *, all_new: bool = True) -> list[int]:
    """Articles whose claims are missing or from another extractor version.

    ``all_new=False`` re-extracts every article (e.g. after editing the instrument list).
    """
    with session_scope(engine) as s:
        q = select(col(Article.id)).order_by(col(Article.id))
        if all_new:
            version = col(Article.extractor_version)
            q = q.where(or_(version.is_(None), version != EXTRACTOR_VERSION))
        return [i for i in s.exec(q).all() if i is not None]


def _any_claims(engine: Engine) -> bool:
    with session_scope(engine) as s:
        return s.exec(select(ClaimRow.id).limit(1)).first() is not None


def extract_stored(
    engine: Engine,
    *,
    all_new: bool = True,
    progress: ProgressHook | None = None,
    use_model: bool = True,
    restance: bool = False,
    model_dir: str | Path | None = None,
) -> ExtractSummary:
    """Extract claims for due articles and score their stances; one transaction per chunk.

    ``use_model=False`` keeps the extractor's rule stances and writes no article stances.
    Articles already extracted are re-scored when the model version changed (``restance``:
    every one of them). Idempotent: a second run does nothing. ``progress`` is told after
    each chunk of articles written (tasks ``extracting`` and ``scoring stances``).
    """
    t0 = time.perf_counter()
    summary = ExtractSummary()
    step = StanceStep(use_model=use_model, model_dir=model_dir)
    ids = due_article_ids(engine, all_new=all_new)
    summary.articles_seen = len(ids)
    for lo in range(0, len(ids), CHUNK):
        store_batch(engine, summary, extract_chunk(engine, ids[lo : lo + CHUNK], step))
        if progress is not None:
            progress("extracting", summary.articles_done + summary.articles_failed, len(ids))
    if use_model and (ids or restance or _any_claims(engine)):
        _restance(engine, step, summary, all_articles=restance, progress=progress)
    summary.stance_model = step.version
    summary.stance_seconds = round(step.seconds, 3)
    if step.warning:
        summary.warnings.append(step.warning)
    summary.seconds = round(time.perf_counter() - t0, 3)
    return summary


#: One extracted article: (article id, claims, subject stances or None, model version or None).
Extracted = tuple[int, list[Claim], list[SubjectStance] | None, str | None]


def extract_chunk(engine: Engine, ids: list[int], step: StanceStep) -> list[Extracted]:
    """Claims and stances of the articles ``ids`` (read from the store), nothing written.

    The unit of work both here and on a cluster's workers (``cluster.runner``): the stance
    model scores each sentence alone, so how articles are grouped never changes a result."""
    rows = _articles(engine, ids)
    items = [(text or "", published, str(aid)) for aid, text, published in rows]
    extracted = list(extract_many(items))
    scored = step.score(engine, [(t, d, c) for (t, d, _), c in zip(items, extracted, strict=True)])
    version = step.version
    return [
        (int(aid), claims, stances, version)
        for (aid, _, _), (claims, stances) in zip(rows, scored, strict=True)
    ]


def store_batch(engine: Engine, summary: ExtractSummary, rows: Sequence[Extracted]) -> None:
    """Write several extracted articles in ONE transaction (one summary refresh), counted in
    ``summary``. If that fails, each article is written in its own transaction, so one bad
    article never costs the others: an article is always either wholly in or not at all."""
    if len(rows) > 1:
        try:
            with engine.begin() as conn:
                n = write_articles(conn, rows, extractor_version=EXTRACTOR_VERSION)
        except Exception:
            log.warning("writing %d articles at once failed; one at a time", len(rows))
        else:
            summary.articles_done += len(rows)
            summary.claims_written += sum(len(claims) for _, claims, _, _ in rows)
            summary.article_stances_written += n
            return
    for row in rows:
        store_extracted(engine, summary, *row)


def store_extracted(
    engine: Engine,
    summary: ExtractSummary,
    aid: int,
    claims: list[Claim],
    stances: list[SubjectStance] | None,
    version: str | None,
) -> None:
    """Write one article's claims in its own transaction, counted in ``summary``; a failure
    is recorded there (one bad article never stops the run)."""
    try:
        n = _replace_claims(engine, aid, claims, stances, version)
        summary.articles_done += 1
        summary.claims_written += len(claims)
        summary.article_stances_written += n
    except Exception as exc:
        log.exception("storing claims for article %s failed", aid)
        summary.articles_failed += 1
        summary.errors.append(f"article {aid}: {exc}")


def still_due(engine: Engine, ids: list[int]) -> list[int]:
    """Those of ``ids`` not yet extracted by this extractor (a retried batch skips the
    articles its first try already wrote)."""
    with session_scope(engine) as s:
        version = col(Article.extractor_version)
        q = (
            select(col(Article.id))
            .where(col(Article.id).in_(ids))
            .where(or_(version.is_(None), version != EXTRACTOR_VERSION))
            .order_by(col(Article.id))
        )
        return [i for i in s.exec(q).all() if i is not None]


def _articles(engine: Engine, ids: list[int]) -> list[tuple]:
    with session_scope(engine) as s:
        return list(
            s.exec(
                select(col(Article.id), col(Article.text), col(Article.published))
                .where(col(Article.id).in_(ids))
                .order_by(col(Article.id))
            ).all()
        )


def _restance(
    engine: Engine,
    step: StanceStep,
    summary: ExtractSummary,
    *,
    all_articles: bool,
    progress: ProgressHook | None,
) -> None:
    """Re-score extracted articles whose stances come from another model version (or none)."""
    version = step.version
    if version is None:  # model off or unavailable: nothing to re-score with
        return
    ids = restance_due_ids(
        engine, version, extractor_version=EXTRACTOR_VERSION, all_articles=all_articles
    )
    done = 0
    for lo in range(0, len(ids), CHUNK):
        chunk = ids[lo : lo + CHUNK]
        if not restance_chunk(engine, chunk, step, summary, version):
            return  # the model failed mid-run
        done += len(chunk)
        if progress is not None:
            progress("scoring stances", done, len(ids))


def restance_chunk(
    engine: Engine, ids: list[int], step: StanceStep, summary: ExtractSummary, version: str
) -> bool:
    """Re-score the stances of the extracted articles ``ids``, one transaction per article;
    False when the model failed (nothing more to do this run)."""
    rows = _articles(engine, ids)
    items = [(text or "", published, str(aid)) for aid, text, published in rows]
    extracted = list(extract_many(items))  # the rule stances are not stored: re-derive
    scored = step.score(engine, [(t, d, c) for (t, d, _), c in zip(items, extracted, strict=True)])
    if step.version is None:
        return False
    for (aid, _, _), (claims, stances) in zip(rows, scored, strict=True):
        try:
            if stances is not None:
                summary.article_stances_written += _update_stances(
                    engine, int(aid), claims, stances, version
                )
                summary.articles_restanced += 1
        except Exception as exc:
            log.exception("re-scoring stances of article %s failed", aid)
            summary.articles_failed += 1
            summary.errors.append(f"article {aid} (stances): {exc}")
    return True


def _claim_row(article_id: int, c: Claim) -> ClaimRow:
    data = c.model_dump(exclude={"article", "extractor_version"})
    data["extractor_version"] = c.extractor_version or EXTRACTOR_VERSION
    return ClaimRow(article_id=article_id, **data)


def _delete_claims(s, article_id: int) -> None:
    """The article's claims and their verdicts (a verdict points at its claim)."""
    for stmt in article_q.claim_deletes(article_id):
        s.exec(stmt)


def _replace_claims(
    engine: Engine,
    article_id: int,
    claims: list[Claim],
    stances: list[SubjectStance] | None = None,
    version: str | None = None,
) -> int:
    """Claims, article stances and the article's stamp in one transaction; stances written."""
    with engine.begin() as conn:
        return write_articles(
            conn, [(article_id, claims, stances, version)], extractor_version=EXTRACTOR_VERSION
        )


def _update_stances(
    engine: Engine,
    article_id: int,
    claims: list[Claim],
    stances: list[SubjectStance],
    version: str,
) -> int:
    """Re-scored stances in one transaction: claims updated in place when the extractor gives
    the same claims again (their verdicts stay), else replaced; article stances replaced."""
    with session_scope(engine) as s:
        rows = list(
            s.exec(
                select(ClaimRow)
                .where(col(ClaimRow.article_id) == article_id)
                .order_by(col(ClaimRow.id))
            ).all()
        )
        same = len(rows) == len(claims) and all(
            all(getattr(r, f) == getattr(c, f) for f in _IDENTITY)
            for r, c in zip(rows, claims, strict=True)
        )
        if same:
            for r, c in zip(rows, claims, strict=True):
                if r.stance != c.stance or r.stance_score != c.stance_score:
                    r.stance, r.stance_score = c.stance, c.stance_score
                    s.add(r)
        else:
            _delete_claims(s, article_id)
            for c in claims:
                s.add(_claim_row(article_id, c))
        n = write_article_stances(s, article_id, stances, version)
        s.flush()
        rollup.refresh_articles(s.connection(), [article_id])  # the summary, in step
        return n
