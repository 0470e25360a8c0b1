"""Verdicts in the store, on SQLite and PostgreSQL: one row per claim, re-checked when stale,
flags shared with syndicated copies, target track records.

Market rows are copied by hand from ``shared/data/market`` (IWM.csv, DFEDTARU.csv) into the
store's tables, so expected figures are the same as in test_crosscheck_verdicts.py.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from crosscheck import MarketData, check_stored, flagged_articles
from store.db import get_engine, session_scope
from store.models import (
    Article,
    ClaimRow,
    PriceBarRow,
    RateObservationRow,
    Source,
    VerdictRow,
)
from store.verdicts import track_record

D = dt.date
Q3 = dict(period_start=D(2025, 7, 1), period_end=D(2025, 9, 30))

# IWM.csv rows (close, adj_close) used below
IWM = [
    (D(2025, 6, 30), 215.79, 214.079648),
    (D(2025, 9, 30), 241.96, 240.723123),
]
# DFEDTARU.csv: 4.50 through 2025-09-17, 4.25 from 2025-09-18
FED = [
    (D(2025, 8, 31), 4.50),
    (D(2025, 9, 17), 4.50),
    (D(2025, 9, 18), 4.25),
    (D(2025, 10, 1), 4.25),
]


def _claim(article_id: int, **kw: object) -> ClaimRow:
    base: dict[str, object] = dict(
        article_id=article_id,
        kind="performance",
        subject="IWM",
        unit="pct",
        quote="(test)",
        start=0,
        end=6,
        extractor_version="test",
    )
    base.update(kw)
    return ClaimRow(**base)  # type: ignore[arg-type]


@pytest.fixture
def store(db_url: str):
    engine = get_engine(db_url)
    with session_scope(engine) as s:
        for day, close, adj in IWM:
            s.add(
                PriceBarRow(
                    symbol="IWM", date=day, close=close, adj_close=adj, high=close, low=close
                )
            )
        for day, value in FED:
            s.add(RateObservationRow(series_id="DFEDTARU", date=day, value=value))
        src = Source(url="https://wire.example/feed", name="Example Wire")
        s.add(src)
        s.flush()
        a1 = Article(
            text="t1",
            content_hash="h1",
            published=D(2025, 10, 5),
            source_id=src.id,
            title="Small caps in Q3",
        )
        a3 = Article(
            text="t3",
            content_hash="h3",
            published=D(2025, 6, 30),
            source_id=src.id,
            title="Targets",
        )
        s.add_all([a1, a3])
        s.flush()
        a2 = Article(
            text="t1",
            content_hash="h2",
            published=D(2025, 10, 6),
            duplicate_of_id=a1.id,
            title="Small caps in Q3 (syndicated)",
        )
        s.add(a2)
        s.flush()
        s.add_all(
            [
                _claim(a1.id, value=12.4, **Q3),  # supported: IWM total return 12.446%
                _claim(a1.id, value=20, **Q3),  # contradicted: closest 12.446%
                _claim(
                    a1.id,
                    kind="rate_decision",
                    subject="FEDFUNDS",
                    unit="bp",
                    value=-25,
                    period_start=D(2025, 9, 1),
                    period_end=D(2025, 9, 30),
                ),
                _claim(a1.id, kind="valuation", subject="^GSPC", unit="x", value=20),
                # from the 2025-06-30 close 215.79: 240 is reached on the 2025-09-30 close 241.96
                _claim(
                    a3.id,
                    kind="price_target",
                    value=240,
                    unit="usd",
                    stance="bullish",
                    horizon="by 2025-09-30",
                ),
                _claim(
                    a3.id,
                    kind="price_target",
                    value=260,
                    unit="usd",
                    stance="bullish",
                    horizon="by 2025-09-30",
                ),
            ]
        )
        ids = (a1.id, a2.id, a3.id)
    return engine, ids


def _verdicts(engine) -> list[VerdictRow]:
    with session_scope(engine) as s:
        return list(s.execute(select(VerdictRow).order_by(VerdictRow.claim_id)).scalars())


def test_check_stored_writes_one_verdict_per_claim(store) -> None:
    engine, (a1, a2, a3) = store
    summary = check_stored(engine)
    assert (summary.claims, summary.checked, summary.failed) == (6, 6, 0)
    rows = _verdicts(engine)
    assert [r.verdict for r in rows] == [
        "supported",
        "contradicted",
        "supported",
        "unverifiable",
        "unverifiable",
        "unverifiable",
    ]
    assert rows[0].actual == pytest.approx(12.446, abs=0.001) and rows[0].basis == "total_return"
    assert rows[0].data_through == D(2025, 9, 30)  # the store's last IWM bar
    assert rows[2].series == "DFEDTARU" and rows[2].data_through == D(2025, 10, 1)
    assert (rows[4].outcome, rows[4].outcome_date) == ("hit", D(2025, 9, 30))
    assert rows[5].outcome == "missed"
    with session_scope(engine) as s:
        checked = {a.id: a.checked_at for a in s.execute(select(Article)).scalars()}
    assert checked[a1] is not None and checked[a3] is not None
    assert checked[a2] is None  # the copy has no claims of its own


def test_idempotent_and_rechecks_on_new_data(store) -> None:
    engine, _ = store
    check_stored(engine)
    again = check_stored(engine)
    assert (again.checked, again.skipped) == (0, 6)
    with session_scope(engine) as s:
        assert s.execute(select(func.count()).select_from(VerdictRow)).scalar_one() == 6
        s.add(PriceBarRow(symbol="IWM", date=D(2025, 10, 1), close=242.0, adj_close=242.0))
    # the IWM-based verdicts (two performance claims, two targets) are stale now
    fresh = check_stored(engine)
    assert fresh.checked == 4
    assert {r.data_through for r in _verdicts(engine) if r.series == "IWM"} == {D(2025, 10, 1)}
    assert check_stored(engine).checked == 0
    assert check_stored(engine, recheck=True).checked == 6


def test_checker_version_change_rechecks(store) -> None:
    engine, _ = store
    check_stored(engine)
    with session_scope(engine) as s:
        row = s.execute(select(VerdictRow).limit(1)).scalar_one()
        row.checker_version = "crosscheck-0"
    assert check_stored(engine).checked == 1


def test_flags_are_shared_with_copies(store) -> None:
    engine, (a1, a2, _a3) = store
    check_stored(engine)
    flagged = flagged_articles(engine)
    assert [f.article_id for f in flagged] == [a2, a1]  # one claim each: newest first
    copy, original = flagged
    assert copy.shared_from == a1 and [c.claim_id for c in copy.claims] == [
        c.claim_id for c in original.claims
    ]
    # severity: |12.446 - 20| / 1.0 (integer figure, IWM's own series) = 7.55 -> high
    assert original.max_severity == pytest.approx(7.554, abs=0.01)
    assert original.severity_label == "high" and original.source == "Example Wire"
    assert flagged_articles(engine, since=D(2025, 10, 6))[0].article_id == a2
    assert flagged_articles(engine, ticker="SPY") == []
    assert len(flagged_articles(engine, ticker="iwm")) == 2


def test_track_record(store) -> None:
    engine, _ = store
    check_stored(engine)
    (rec,) = track_record(engine)
    assert (rec.source, rec.targets, rec.hits, rec.misses, rec.resolved) == (
        "Example Wire",
        2,
        1,
        1,
        2,
    )
    # |241.96 - 240| / 240 = 0.8167%; |241.96 - 260| / 260 = 6.9385%; mean 3.8776%
    assert rec.avg_error_pct == pytest.approx(3.8776, abs=1e-3)
    assert rec.hit_rate == 0.5


def test_market_from_store(store) -> None:
    engine, _ = store
    m = MarketData.from_store(engine)
    iwm = m.prices("IWM")
    assert iwm is not None and list(iwm.close) == [215.79, 241.96]
    assert m.rates("DFEDTARU").value_on(D(2025, 9, 18)) == (D(2025, 9, 18), 4.25)
    assert m.prices("NOPE") is None
    assert m.latest_dates()["IWM"] == D(2025, 9, 30)
    assert list(iwm.adj_close) == [214.079648, 240.723123]
