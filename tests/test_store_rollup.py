"""The ``subject_day`` summary stays equal to a recomputation from the claims, on SQLite and
PostgreSQL, through the real writers: extraction, re-extraction, check, an article's text
replaced (its claims deleted), a syndication group re-pointed and a source removed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from crosscheck import MarketData, check_stored
from nlp.store_pipeline import _replace_claims
from store import rollup
from store.articles import replace_text, repoint_group
from store.db import get_engine, session_scope
from store.models import Article, PriceBarRow, Source, SubjectDay, table_of
from store.sources import remove_source
from thesisdesk.records import Claim

D = dt.date
Q3 = dict(period_start=D(2025, 7, 1), period_end=D(2025, 9, 30))


def _claim(**kw: object) -> Claim:
    base: dict[str, object] = dict(
        kind="performance", subject="IWM", unit="pct", quote="(test)", start=0, end=6
    )
    base.update(kw)
    return Claim(**base)  # type: ignore[arg-type]


def _rows(engine) -> dict[tuple, dict]:
    t = table_of(SubjectDay)
    with engine.connect() as conn:
        return {
            (str(r["day"])[:10], r["subject"], r["voice"]): dict(r)
            for r in conn.execute(select(t)).mappings()
        }


def _in_step(engine) -> dict[tuple, dict]:
    with engine.connect() as conn:
        assert rollup.differences(conn) == []
    return _rows(engine)


def test_summary_equals_recomputation_through_every_writer(db_url: str) -> None:
    engine = get_engine(db_url)
    with session_scope(engine) as s:
        for day, close, adj in ((D(2025, 6, 30), 215.79, 214.08), (D(2025, 9, 30), 241.96, 240.72)):
            s.add(PriceBarRow(symbol="IWM", date=day, close=close, adj_close=adj))
        wire = Source(url="https://wire.example/feed", name="Wire")
        desk = Source(url="https://desk.example/feed", name="Desk")
        s.add_all([wire, desk])
        s.flush()
        day1, day2 = D(2025, 10, 5), D(2025, 10, 6)
        a1 = Article(text="t1", content_hash="h1", published=day1, source_id=wire.id)
        a2 = Article(text="t2", content_hash="h2", published=day1, source_id=wire.id)
        a3 = Article(text="t3", content_hash="h3", published=day2, source_id=desk.id)
        a4 = Article(text="t4", content_hash="h4", published=day2)  # no source: its own voice
        s.add_all([a1, a2, a3, a4])
        s.flush()
        a5 = Article(text="t1", content_hash="h5", published=day2, duplicate_of_id=a1.id)
        s.add(a5)
        s.flush()
        ids = [a.id for a in (a1, a2, a3, a4, a5)]
    a1, a2, a3, a4, a5 = ids

    # extraction: claims and article stances, one transaction per article
    _replace_claims(
        engine,
        a1,
        [
            _claim(value=12.4, stance="bullish", **Q3),  # supported by the data
            _claim(value=30.0, stance="bullish", **Q3),  # contradicted
            _claim(kind="price_target", unit="usd", value=260.0, stance="bullish"),
        ],
    )
    _replace_claims(engine, a2, [_claim(value=-5.0, stance="bearish", **Q3)])
    _replace_claims(
        engine,
        a3,
        [_claim(kind="price_target", unit="usd", value=240.0, stance="neutral")],
        [("IWM", "bearish", -0.7, 2)],  # its sentences outvote its claims' stance
    )
    _replace_claims(engine, a4, [_claim(subject="^RUT", value=3.0, stance="bullish", **Q3)])
    _replace_claims(engine, a5, [_claim(value=12.4, stance="bullish", **Q3)])  # the copy
    rows = _in_step(engine)
    wire_day1 = rows[(str(day1), "IWM", "s1")]
    assert (wire_day1["articles"], wire_day1["article_net"], wire_day1["claims"]) == (2, 0, 4)
    assert (wire_day1["bullish"], wire_day1["bearish"], wire_day1["price_target"]) == (3, 1, 1)
    assert wire_day1["target_low"] == wire_day1["target_high"] == 260.0
    desk_day2 = rows[(str(day2), "IWM", "s2")]
    assert (desk_day2["articles"], desk_day2["article_net"]) == (1, -1)
    copy_day2 = rows[(str(day2), "IWM", "s1")]  # the copy speaks with its original's voice
    assert (copy_day2["claims"], copy_day2["articles"]) == (1, 0)
    assert (str(day2), "^RUT", f"a{a4}") in rows

    # check: verdicts, and the flag counts with them
    check_stored(engine, market=MarketData.from_store(engine))
    rows = _in_step(engine)
    assert rows[(str(day1), "IWM", "s1")]["flags"] == 2  # +30% and -5% against +12.4%
    assert rows[(str(day1), "IWM", "s1")]["performance_supported"] == 1

    # re-extraction: other claims replace the old ones (and their verdicts)
    _replace_claims(engine, a1, [_claim(subject="CRDO", value=50.0, stance="bearish", **Q3)])
    rows = _in_step(engine)
    assert rows[(str(day1), "IWM", "s1")]["flags"] == 1  # a2's -5% is left
    assert rows[(str(day1), "CRDO", "s1")]["bearish"] == 1

    # an article's text replaced: its claims, verdicts and stances go, in one transaction
    with engine.begin() as conn:
        replace_text(conn, a3, {"text": "new", "content_hash": "h3b", "published": day1})
    rows = _in_step(engine)
    assert (str(day2), "IWM", "s2") not in rows

    # an earlier copy of the story turns up: it becomes the group's original
    with session_scope(engine) as s:
        head = Article(text="t1", content_hash="h6", published=D(2025, 10, 4))
        s.add(head)
        s.flush()
        a6 = head.id
    with engine.begin() as conn:
        repoint_group(conn, a1, a6)
    rows = _in_step(engine)
    assert (str(day2), "IWM", "s1") not in rows  # a5's claims now speak with a6's voice
    for key in ((str(day2), "IWM", f"a{a6}"), (str(day1), "CRDO", f"a{a6}")):
        assert (rows[key]["claims"], rows[key]["articles"]) == (1, 0)

    # a source removed: its articles speak for themselves
    remove_source(engine, 1)
    rows = _in_step(engine)
    assert not [k for k in rows if k[2] == "s1"]
    assert rows[(str(day1), "IWM", f"a{a2}")]["bearish"] == 1
    assert rows[(str(day1), "IWM", f"a{a2}")]["articles"] == 1

    # a rebuild from scratch gives the same table
    before = _rows(engine)
    assert rollup.rebuild_engine(engine) == len(before)
    assert _rows(engine) == before
