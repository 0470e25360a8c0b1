"""Extraction over the store: new and stale articles, one transaction each, idempotent."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import update
from sqlmodel import select

from nlp.extract import EXTRACTOR_VERSION
from nlp.store_pipeline import ExtractSummary, due_article_ids, extract_stored, store_batch
from store import rollup
from store.db import get_engine, session_scope
from store.models import Article, ArticleStance, ClaimRow
from thesisdesk.records import Claim, ClaimKind, Stance, Unit

pytestmark = pytest.mark.usefixtures("claims_nlp")

TEXTS = [
    "The Russell 2000 gained 2.4% last week, and IWM closed at $241.10 on Friday.",
    "The Fed cut rates by 25 basis points on Wednesday.",
    "",  # an empty article: no claims, but still marked as extracted
]


def _add(engine, text: str, n: int, **kw) -> int:
    with session_scope(engine) as s:
        art = Article(
            text=text,
            published=dt.date(2025, 11, 14),
            content_hash=hashlib.sha256(f"{n}{text}".encode()).hexdigest(),
            **kw,
        )
        s.add(art)
        s.flush()
        return int(art.id)


def test_extract_stored_is_idempotent_and_replaces_stale(db_url: str) -> None:
    engine = get_engine(db_url)
    ids = [_add(engine, t, i) for i, t in enumerate(TEXTS)]
    _add(engine, TEXTS[0], 99, duplicate_of_id=ids[0])  # copies are extracted too
    first = extract_stored(engine)
    assert first.articles_done == 4 and first.articles_failed == 0
    with session_scope(engine) as s:
        rows = s.exec(select(ClaimRow)).all()
        n_claims = len(rows)
        assert n_claims == first.claims_written > 0
        assert {r.extractor_version for r in rows} == {EXTRACTOR_VERSION}
        arts = s.exec(select(Article)).all()
        assert all(a.extractor_version == EXTRACTOR_VERSION and a.extracted_at for a in arts)
        r = next(r for r in rows if r.kind == "rate_decision")
        assert r.value == -25 and r.quote in TEXTS[1]

    again = extract_stored(engine)
    assert again.articles_seen == 0 and due_article_ids(engine) == []
    with session_scope(engine) as s:
        assert len(s.exec(select(ClaimRow)).all()) == n_claims

    # a stale article (older extractor) gets its claims replaced, not duplicated
    with session_scope(engine) as s:
        art = s.get(Article, ids[0])
        art.extractor_version = "claims.rules.v0"
        s.add(art)
    third = extract_stored(engine)
    assert third.articles_done == 1
    with session_scope(engine) as s:
        assert len(s.exec(select(ClaimRow)).all()) == n_claims


def _claim(subject: str, value: float) -> Claim:
    quote = f"{subject} gained {value}% last week."
    return Claim(
        kind="performance", subject=subject, value=value, unit="pct", quote=quote, start=0,
        end=len(quote), stance="bullish",
    )  # fmt: skip


def test_a_batch_is_one_transaction_and_a_bad_article_costs_only_itself(db_url: str) -> None:
    """Several articles share a transaction; when the batch fails (an article that is not in
    the store: its claims break the foreign key), each is written alone, so the others land
    whole and the bad one leaves nothing behind."""
    engine = get_engine(db_url)
    a, b = (_add(engine, f"text {n}", n) for n in (1, 2))
    missing = b + 1000
    good = [
        (a, [_claim("IWM", 2.0), _claim("^RUT", 1.5)], [("IWM", "bullish", 0.8, 1)], "m1"),
        (b, [_claim("CRDO", 4.0)], None, None),
    ]
    summary = ExtractSummary()
    store_batch(engine, summary, [good[0], (missing, [_claim("IONQ", 3.0)], None, None), good[1]])
    assert (summary.articles_done, summary.articles_failed) == (2, 1)
    assert summary.claims_written == 3 and summary.article_stances_written == 1
    assert str(missing) in summary.errors[0]
    with session_scope(engine) as s:
        rows = s.exec(select(ClaimRow).order_by(ClaimRow.id)).all()
        assert [(r.article_id, r.subject) for r in rows] == [(a, "IWM"), (a, "^RUT"), (b, "CRDO")]
        # enum columns load as their enums (a stored claim dumps like a fresh one)
        assert rows[0].kind is ClaimKind.performance and rows[0].stance is Stance.bullish
        assert rows[0].model_dump(include={"unit"}) == {"unit": Unit.pct}
        assert [(x.article_id, x.model_version) for x in s.exec(select(ArticleStance))] == [
            (a, "m1")
        ]
        assert all(x.extractor_version == EXTRACTOR_VERSION for x in s.exec(select(Article)))
    with engine.connect() as conn:
        assert rollup.differences(conn) == []

    # the same articles again, as one batch that succeeds: replaced, not doubled
    again = ExtractSummary()
    store_batch(engine, again, good)
    assert (again.articles_done, again.articles_failed, again.claims_written) == (2, 0, 3)
    with session_scope(engine) as s:
        assert len(s.exec(select(ClaimRow)).all()) == 3
    with engine.connect() as conn:
        assert rollup.differences(conn) == []


def test_an_enum_value_no_member_names_loads_as_its_string(db_url: str) -> None:
    """A kind written by a version with more kinds still reads (as the plain string)."""
    engine = get_engine(db_url)
    aid = _add(engine, "text", 1)
    store_batch(engine, ExtractSummary(), [(aid, [_claim("IWM", 1.0)], None, None)])
    with engine.begin() as conn:
        conn.execute(update(ClaimRow).values(kind="a_future_kind"))
    with session_scope(engine) as s:
        row = s.exec(select(ClaimRow)).one()
        assert row.kind == "a_future_kind" and not isinstance(row.kind, ClaimKind)
