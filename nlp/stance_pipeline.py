"""The stance step: the sentiment model refines claim stances and scores articles per subject.

Used by the file commands (``thesisdesk extract``/``check`` on text files, no database) through
``refine_stances`` and by the stored pipeline (``nlp.store_pipeline``) through ``StanceStep``,
which batches the claims' sentences of many articles into one ``predict`` call (the model
caches by sentence hash, so a sentence is scored once per process).

A claim's sentence is its ``quote``. Its stance comes from
``nlp.sentiment.claim_stance``: what the claim's own numbers say wins (a target
below the current price is bearish whatever the tone), then the extractor's rule stance unless
the model is very sure of the opposite, then the model. The current price of a subject is the
article's own ``price_level``/``current`` claim, else (stored articles only) the store's close
on or before the article's date. An article's stances per subject come from
``article_stances`` on the extractor's claims as they were (rule stances).

When the model cannot be loaded (files missing or corrupt) nothing fails: the rule stances
stay, ``StanceStep.warning`` says why (naming ``thesisdesk train-sentiment``) and no
``ArticleStance`` rows are written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thesisdesk.records import Claim, Stance

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from nlp.sentiment import SentimentModel

log = logging.getLogger(__name__)

#: Bumped when this step's own logic changes, so stored articles get re-scored.
STANCE_STEP_VERSION = "s4"
TRAIN_HINT = "rebuild it with `thesisdesk train-sentiment`"
#: (subject, stance, score, n_sentences), as ``article_stances`` returns them.
SubjectStance = tuple[str, str, float, int]


def load_stance_model(
    model_dir: str | Path | None = None,
) -> tuple[SentimentModel | None, str | None]:
    """``(model, None)``, or ``(None, warning)`` when the model files are missing or corrupt."""
    from nlp.sentiment import SentimentModelError, load_model

    try:
        return load_model(model_dir), None
    except SentimentModelError as exc:
        return None, unavailable_warning(exc)


def unavailable_warning(exc: BaseException) -> str:
    msg = str(exc)
    if "train-sentiment" not in msg:
        msg = f"{msg}; {TRAIN_HINT}"
    return (
        "sentiment model unavailable, kept the extractor's rule stances and wrote no "
        f"article stances: {msg}"
    )


def model_version(model: SentimentModel) -> str:
    """A short id of the model's artifacts (from ``metadata.json``) and of this step's logic.

    Stored with each ``ArticleStance`` row; a different value means the article is re-scored.
    """
    meta: dict[str, Any] = dict(getattr(model, "meta", {}) or {})
    explicit = meta.get("version")
    if isinstance(explicit, str) and explicit:
        return f"{explicit[:52]}+{STANCE_STEP_VERSION}"
    files = meta.get("files") or {}
    basis = json.dumps(files, sort_keys=True) if files else json.dumps(meta, sort_keys=True)
    digest = hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]
    kind = meta.get("kind")
    if not isinstance(kind, str) or not kind:
        kind = "finetune" if any(str(f).endswith(".onnx") for f in files) else "head"
    return f"sentiment.{kind[:16]}.{digest}+{STANCE_STEP_VERSION}"


def own_prices(claims: Sequence[Claim]) -> dict[str, float]:
    """Subject -> the current price the article itself states (``price_level``/``current``)."""
    return {
        c.subject: float(c.value)
        for c in claims
        if c.kind == "price_level" and c.role == "current" and c.value
    }


def price_subjects(claims: Sequence[Claim]) -> set[str]:
    """Subjects with a price target in price units and no current price in the article."""
    have = own_prices(claims)
    return {
        c.subject
        for c in claims
        if c.kind == "price_target" and c.unit in ("usd", "points") and c.subject not in have
    }


def _predict(model: SentimentModel, quotes: Sequence[str]) -> dict[str, Any]:
    unique = sorted(set(quotes))
    return dict(zip(unique, model.predict(unique), strict=True)) if unique else {}


def _refined(
    claims: Sequence[Claim], results: Mapping[str, Any], prices: Mapping[str, float]
) -> list[Claim]:
    from nlp.sentiment import claim_stance

    out: list[Claim] = []
    for c in claims:
        stance, score = claim_stance(c, results.get(c.quote), current_price=prices.get(c.subject))
        update = {"stance": Stance(stance), "stance_score": round(score, 4)}
        out.append(c.model_copy(update=update))
    return out


def refine_stances(
    claims: Sequence[Claim],
    text: str,
    model: SentimentModel | None = None,
    *,
    prices: Mapping[str, float] | None = None,
) -> list[Claim]:
    """Copies of ``claims`` with ``stance``/``stance_score`` from the model and the numbers.

    ``text`` is the article the claims come from (kept for symmetry with ``article_stances``;
    a claim's sentence is its quote). ``prices`` (subject -> current price) fills in where the
    article states none. Loads the default model when ``model`` is None (and raises
    ``SentimentModelError`` when it cannot).
    """
    del text  # the quote is the sentence
    if not claims:
        return []
    if model is None:
        from nlp.sentiment import load_model

        model = load_model()
    known = {**(prices or {}), **own_prices(claims)}
    return _refined(claims, _predict(model, [c.quote for c in claims]), known)


def refine_many(
    items: Sequence[tuple[str, Sequence[Claim]]], model: SentimentModel
) -> list[list[Claim]]:
    """``refine_stances`` over many (text, claims) pairs with one batched ``predict``."""
    results = _predict(model, [c.quote for _, claims in items for c in claims])
    return [_refined(claims, results, own_prices(claims)) for _, claims in items]


def refine_or_keep(
    items: Sequence[tuple[str, Sequence[Claim]]],
    model: SentimentModel | None = None,
    *,
    model_dir: str | Path | None = None,
) -> tuple[list[list[Claim]], str | None]:
    """``refine_many`` with the default (or given) model, or the claims unchanged and a
    warning when the model files are missing or corrupt: what the file commands use."""
    if model is None:
        model, warning = load_stance_model(model_dir)
        if model is None:
            return [list(c) for _, c in items], warning
    try:
        return refine_many(items, model), None
    except Exception as exc:  # e.g. the encoder's files are gone: rules, not a crash
        log.exception("the sentiment model failed; keeping rule stances")
        return [list(c) for _, c in items], unavailable_warning(exc)


def score_article(
    text: str,
    claims: Sequence[Claim],
    model: SentimentModel,
    *,
    prices: Mapping[str, float] | None = None,
) -> tuple[list[Claim], list[SubjectStance]]:
    """Refined claims and the article's stance per subject (``article_stances``)."""
    from nlp.sentiment import article_stances

    known = {**(prices or {}), **own_prices(claims)}
    refined = refine_stances(claims, text, model, prices=known)
    return refined, article_stances(text, list(claims), model=model, prices=known)


class StanceStep:
    """The stored pipeline's stance step: one model per run, loaded on first use.

    ``score(engine, items)`` takes ``(text, published, claims)`` per article and returns,
    per article, ``(claims, stances)``: refined claims and the subject stances, or the claims
    unchanged and ``None`` when the model is off or unavailable.
    """

    def __init__(self, *, use_model: bool = True, model_dir: str | Path | None = None) -> None:
        self.use_model = use_model
        self.model_dir = model_dir
        self.warning: str | None = None
        self.seconds = 0.0
        self._model: SentimentModel | None = None
        self._tried = False
        self._price_cache: dict[tuple[str, dt.date], float | None] = {}

    @property
    def model(self) -> SentimentModel | None:
        if not self.use_model:
            return None
        if not self._tried:
            self._tried = True
            t0 = time.perf_counter()
            self._model, self.warning = load_stance_model(self.model_dir)
            self.seconds += time.perf_counter() - t0
            if self.warning:
                log.warning("%s", self.warning)
        return self._model

    @property
    def version(self) -> str | None:
        model = self.model
        return model_version(model) if model is not None else None

    def _disable(self, exc: BaseException) -> None:
        log.exception("the sentiment model failed; keeping rule stances")
        self._model = None
        self.warning = unavailable_warning(exc)

    def store_prices(
        self, engine: Engine, claims: Sequence[Claim], day: dt.date | None
    ) -> dict[str, float]:
        """The store's close on or before ``day`` for subjects whose targets need one."""
        if day is None:
            return {}
        from store.market import bar_on_or_before

        out: dict[str, float] = {}
        for subject in sorted(price_subjects(claims)):
            key = (subject, day)
            if key not in self._price_cache:
                try:
                    bar = bar_on_or_before(engine, subject, day)
                except Exception:  # a price is a nicety; never fail the article for it
                    log.exception("reading the close of %s failed", subject)
                    bar = None
                self._price_cache[key] = float(bar.close) if bar and bar.close else None
            price = self._price_cache[key]
            if price:
                out[subject] = price
        return out

    def score(
        self,
        engine: Engine | None,
        items: Sequence[tuple[str, dt.date | None, list[Claim]]],
    ) -> list[tuple[list[Claim], list[SubjectStance] | None]]:
        plain: list[tuple[list[Claim], list[SubjectStance] | None]] = [
            (claims, None) for _, _, claims in items
        ]
        model = self.model
        if model is None or not items:
            return plain
        t0 = time.perf_counter()
        try:
            _predict(model, [c.quote for _, _, claims in items for c in claims])  # one batch
        except Exception as exc:  # e.g. the encoder's files are gone: rules, not a crash
            self._disable(exc)
            self.seconds += time.perf_counter() - t0
            return plain
        out: list[tuple[list[Claim], list[SubjectStance] | None]] = []
        for text, day, claims in items:
            if not claims:
                out.append((claims, []))
                continue
            try:
                prices = self.store_prices(engine, claims, day) if engine is not None else {}
                out.append(score_article(text, claims, model, prices=prices))
            except Exception:  # one odd article keeps its rule stances
                log.exception("scoring stances failed; keeping rule stances")
                out.append((claims, None))
        self.seconds += time.perf_counter() - t0
        return out


def write_article_stances(
    session: Session,
    article_id: int,
    stances: Sequence[SubjectStance] | None,
    version: str | None,
) -> int:
    """Replace the article's ``ArticleStance`` rows (none written when ``stances`` is None)."""
    from sqlalchemy import delete
    from sqlmodel import col

    from store.models import ArticleStance

    session.execute(delete(ArticleStance).where(col(ArticleStance.article_id) == article_id))
    if not stances:
        return 0
    for subject, stance, score, n in stances:
        session.add(
            ArticleStance(
                article_id=article_id,
                subject=subject,
                stance=stance,
                score=float(score),
                n_sentences=int(n),
                model_version=version,
            )
        )
    return len(stances)


def restance_due_ids(
    engine: Engine, version: str, *, extractor_version: str, all_articles: bool = False
) -> list[int]:
    """Extracted articles with claims whose stances are not from ``version``.

    An article scored by this model has ``ArticleStance`` rows carrying ``version``; one with
    claims but no such rows was scored by another model, or by none (model missing then).
    ``all_articles`` re-scores every extracted article with claims.
    """
    from sqlalchemy import exists, select
    from sqlmodel import col

    from store.models import Article, ArticleStance, ClaimRow

    has_claims = exists().where(col(ClaimRow.article_id) == Article.id)
    q = (
        select(col(Article.id))
        .where(col(Article.extractor_version) == extractor_version, has_claims)
        .order_by(col(Article.id))
    )
    if not all_articles:
        current = exists().where(
            col(ArticleStance.article_id) == Article.id,
            col(ArticleStance.model_version) == version,
        )
        q = q.where(~current)
    with engine.connect() as conn:
        return [i for i in conn.execute(q).scalars() if i is not None]
