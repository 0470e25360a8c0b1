"""Flags an analyst can trust: every fair reading, unsure claims, severity, readers' marks.

Market figures come from the hand-made series in ``resources/crosscheck/market`` (AAA, BBB:
small round numbers whose returns can be worked out by eye) and, where the shared data is
present, from the real CSVs.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosscheck import MarketData, check_claim
from crosscheck.flags import flagged_articles
from crosscheck.run import check_stored
from store.db import get_engine, session_scope
from store.digest_queries import dismissed_flags_by_subject
from store.models import Article, ClaimRow, PriceBarRow, VerdictRow
from store.verdicts import mark_flag, review_export
from thesisdesk.records import Claim
from ui.cli import app

D = dt.date
HAND = Path(__file__).parent / "resources" / "crosscheck" / "market"
REVIEWS = Path(__file__).parent / "resources" / "crosscheck" / "flag_reviews.jsonl"


@pytest.fixture(scope="module")
def hand() -> MarketData:
    return MarketData.from_directory(HAND)


def claim(**kw: object) -> Claim:
    base: dict[str, object] = dict(
        kind="performance", subject="AAA", unit="pct", comparator="eq", quote="(test)",
        start=0, end=6, stance="neutral",
    )  # fmt: skip
    base.update(kw)
    return Claim(**base)  # type: ignore[arg-type]


def test_start_day_close_is_a_reading(hand: MarketData) -> None:
    # AAA: 2024-12-31 100, 2025-01-02 101, 2025-01-31 110. "Since January 2" read from the
    # close before (100 -> 110, +10%) and from the close ON the start day (101 -> 110, +8.91%).
    v = check_claim(claim(value=8.91, period_start=D(2025, 1, 2), period_end=D(2025, 1, 31)), hand)
    assert v.verdict == "supported"
    assert v.date_start == D(2025, 1, 2) and v.actual == pytest.approx(8.911, abs=0.001)
    assert sorted(round(r.actual, 2) for r in v.readings) == [8.91, 10.0]
    assert [r.fits for r in v.readings].count(True) == 1


def test_previous_session_and_intraday_on_the_article_day(hand: MarketData) -> None:
    # 2025-01-03 close 102 (from 101: +0.99%), high 102.5 (+1.49%): "up 1.4% today", written
    # during the session, fits the day's range; "up 5%" fits nothing.
    day = D(2025, 1, 3)
    ok = check_claim(claim(value=1.4, period_start=day, period_end=day), hand, published=day)
    assert ok.verdict == "supported" and ok.basis == "intraday"
    bad = check_claim(claim(value=5.0, period_start=day, period_end=day), hand, published=day)
    assert bad.verdict == "contradicted"
    assert {r.basis for r in bad.readings} >= {"price_return", "intraday"}
    assert not any(r.fits for r in bad.readings)
    # severity: how far outside the CLOSEST reading (+1.49%), in tolerances (1.0 pp)
    assert bad.severity == pytest.approx((5.0 - 1.485) / 1.0, abs=0.01)
    # a close stated as one ("closed up 1.4%") gets no intraday reading
    closed = check_claim(
        claim(value=1.4, basis="close", period_start=day, period_end=day), hand, published=day
    )
    assert closed.verdict == "contradicted" and closed.basis == "price_return"


def test_over_a_round_figure_is_judged_by_every_reading(hand: MarketData) -> None:
    # Jan 2025: +10% (from 100) or +8.91% (from the Jan 2 close). "over 10%" fits the first;
    # "over 15%" is below every reading by more than the whole-number tolerance (1 pp).
    jan = dict(period_start=D(2025, 1, 1), period_end=D(2025, 1, 31))
    assert check_claim(claim(value=10, comparator="gt", **jan), hand).verdict == "supported"
    v = check_claim(claim(value=16, comparator="gt", **jan), hand)
    assert v.verdict == "contradicted"
    assert v.severity == pytest.approx(6.0, abs=0.01)  # (16 - 10) / 1 pp
    assert v.confidence == "high"
    near = check_claim(claim(value=13, comparator="gt", **jan), hand)
    assert near.verdict == "contradicted" and near.confidence == "medium"  # 3 tolerances


def test_confidence_bands() -> None:
    from crosscheck.readings import flag_confidence

    c = claim(value=1.0)
    assert flag_confidence(c, 6.0, []) == "high"
    assert flag_confidence(c, 3.0, []) == "medium"
    assert flag_confidence(c, 1.2, []) == "low"
    unsure = claim(value=1.0, period_confidence=0.7)
    assert flag_confidence(unsure, 6.0, []) == "medium"


def test_unsure_in_unsure_out(hand: MarketData) -> None:
    jan = dict(value=25, period_start=D(2025, 1, 1), period_end=D(2025, 1, 31))
    assert check_claim(claim(**jan), hand).verdict == "contradicted"
    v = check_claim(claim(period_confidence=0.3, **jan), hand)
    assert v.verdict == "unverifiable" and v.reason.startswith("period unclear")
    assert v.readings and v.severity is None  # the reader can still see the data
    s = check_claim(claim(subject_confidence=0.2, **jan), hand)
    assert s.verdict == "unverifiable" and s.reason.startswith("subject unclear")
    # sure enough: flagged as usual
    assert check_claim(claim(period_confidence=0.9, **jan), hand).verdict == "contradicted"


def test_undated_article_level_is_unverifiable(hand: MarketData) -> None:
    v = check_claim(claim(kind="price_level", role="current", unit="usd", value=110), hand)
    assert v.verdict == "unverifiable" and "no date" in v.reason


def test_spread_as_difference_or_ratio(hand: MarketData) -> None:
    # February: AAA 110 -> 120 (+9.09%); BBB total return 100 -> 110 (+10%). The spread is
    # -0.91 pp as a difference and (1.0909 / 1.10 - 1) = -0.83% as a ratio: both are readings.
    feb = dict(period_start=D(2025, 2, 1), period_end=D(2025, 2, 28))
    rel = dict(role="relative", unit="pp", benchmark="BBB", basis="total_return", **feb)
    v = check_claim(claim(value=-0.83, **rel), hand)
    assert v.verdict == "supported" and " relative to " in v.reason.split(";")[1]
    labels = [r.label for r in v.readings]
    assert any(" minus " in x for x in labels) and any(" relative to " in x for x in labels)
    assert check_claim(claim(value=-0.91, **rel), hand).verdict == "supported"
    assert check_claim(claim(value=-3.0, **rel), hand).verdict == "contradicted"


def test_index_level_in_dollars_reads_the_etf(market_dir: Path) -> None:
    # "the Russell 2000 closed at $244.84" (2025-09-18): the unit says the ETF's price.
    market = MarketData.from_directory(market_dir)
    v = check_claim(
        claim(
            kind="price_level", role="current", subject="^RUT", unit="usd", value=244.84,
            as_of=D(2025, 9, 18),
        ),
        market,
        published=D(2025, 9, 18),
    )  # fmt: skip
    assert v.verdict == "supported" and v.stand_in == "IWM" and v.series == "IWM"
    assert {r.series for r in v.readings if r.stand_in_for == "^RUT"} == {"IWM"}
    assert "^RUT" in {r.series for r in v.readings if not r.fits}  # its own level: read too
    assert "an ETF in dollars" in v.reason
    # the unit may be the extractor's mistake: IWM "at 249.43 points" is still IWM's price
    iwm = check_claim(
        claim(
            kind="price_level", role="current", subject="IWM", unit="points", value=246.81,
            as_of=D(2025, 10, 6),
        ),
        market,
    )  # fmt: skip
    assert iwm.verdict == "supported" and iwm.series == "IWM"


# -- readers' marks --------------------------------------------------------------------------
def _store_with_flags(url: str) -> tuple[object, list[int]]:
    engine = get_engine(url)
    with session_scope(engine) as s:
        for day, close in ((D(2024, 12, 31), 100.0), (D(2025, 1, 31), 110.0)):
            s.add(PriceBarRow(symbol="AAA", date=day, close=close, adj_close=close))
        a = Article(text="t", content_hash="h", published=D(2025, 2, 5), title="January")
        s.add(a)
        s.flush()
        rows = [
            ClaimRow(
                article_id=a.id, kind="performance", subject="AAA", unit="pct", value=value,
                period_start=D(2025, 1, 1), period_end=D(2025, 1, 31), quote=f"AAA rose {value}%",
                start=0, end=6, extractor_version="test",
            )
            for value in (10.0, 30.0, 20.0)
        ]  # fmt: skip
        s.add_all(rows)
        s.flush()
        ids = [r.id for r in rows]
    check_stored(engine)
    return engine, ids  # type: ignore[return-value]


def test_marks_survive_rechecks_hide_dismissed_and_export(sqlite_url: str) -> None:
    engine, (_ok, wrong, other) = _store_with_flags(sqlite_url)
    flagged = flagged_articles(engine)
    assert [c.claim_id for c in flagged[0].claims] == [wrong, other]
    card = flagged[0].claims[0]
    assert card.confidence == "high" and card.readings and card.data_through == D(2025, 1, 31)
    mark_flag(engine, wrong, "not_error", "the author meant something else")
    mark_flag(engine, other, "confirmed")
    check_stored(engine, recheck=True)  # a re-check replaces verdicts, never marks
    (art,) = flagged_articles(engine)
    assert [(c.claim_id, c.review) for c in art.claims] == [(other, "confirmed")]
    (everything,) = flagged_articles(engine, include_dismissed=True)
    assert {c.review for c in everything.claims} == {"not_error", "confirmed"}
    assert flagged_articles(engine, confidence="high")
    rows = review_export(engine)
    assert [r["mark"] for r in rows] == ["not_error", "confirmed"]
    assert rows[0]["reason"] == "the author meant something else"
    assert rows[0]["claim"]["value"] == 30.0 and rows[0]["verdict_when_marked"]["readings"]
    with session_scope(engine) as s:
        assert s.get(VerdictRow, 1) is not None
        dismissed_subject = s.get(ClaimRow, wrong).subject  # type: ignore[union-attr]
    # the digest subtracts dismissed flags per subject
    window = (D(2000, 1, 1), D(2100, 1, 1))
    assert dismissed_flags_by_subject(engine, *window) == {dismissed_subject: 1}
    assert dismissed_flags_by_subject(engine, D(2100, 1, 1), D(2100, 1, 2)) == {}


def test_mark_and_export_from_the_cli(sqlite_url: str, tmp_path: Path) -> None:
    _, (_, wrong, other) = _store_with_flags(sqlite_url)
    runner = CliRunner()
    r = runner.invoke(
        app, ["--db", sqlite_url, "flags", "mark", str(wrong), "--not-error", "--reason", "ok"]
    )
    assert r.exit_code == 0 and "not error" in r.stdout
    assert runner.invoke(app, ["--db", sqlite_url, "flags", "mark", str(other)]).exit_code == 1
    assert (
        runner.invoke(app, ["--db", sqlite_url, "flags", "mark", "999", "--confirmed"]).exit_code
        == 1
    )
    listing = runner.invoke(app, ["--db", sqlite_url, "flags"]).stdout
    assert f"#{other}" in listing and f"#{wrong}" not in listing
    assert f"#{wrong}" in runner.invoke(app, ["--db", sqlite_url, "flags", "--dismissed"]).stdout
    bad = runner.invoke(app, ["--db", sqlite_url, "flags", "--confidence", "sure"])
    assert bad.exit_code == 1
    out = tmp_path / "review.jsonl"
    r = runner.invoke(app, ["--db", sqlite_url, "flags", "--export-review", str(out)])
    assert r.exit_code == 0
    (row,) = [json.loads(x) for x in out.read_text().splitlines()]
    assert row["mark"] == "not_error" and row["claim"]["quote"] == "AAA rose 30.0%"


# -- replaying readers' reviews ----------------------------------------------------------------
def _reviews() -> list[dict]:
    return [json.loads(x) for x in REVIEWS.read_text(encoding="utf-8").splitlines() if x.strip()]


@pytest.mark.parametrize("row", _reviews(), ids=lambda r: f"{r['mark']}:{r['claim']['quote'][:40]}")
def test_replay_exported_reviews(row: dict, market_dir: Path) -> None:
    """Each marked flag from ``flags --export-review`` keeps the reader's judgement.

    "not an error" must not be flagged again; "confirmed" must stay flagged.
    """
    market = _shared_market(market_dir)
    published = D.fromisoformat(row["published"]) if row["published"] else None
    v = check_claim(Claim(**row["claim"]), market, published=published)
    if row["mark"] == "not_error":
        assert v.verdict != "contradicted", v.reason
    else:
        assert v.verdict == "contradicted", v.reason


_MARKET: dict[Path, MarketData] = {}


def _shared_market(path: Path) -> MarketData:
    if path not in _MARKET:
        _MARKET[path] = MarketData.from_directory(path)
    return _MARKET[path]


def test_a_high_needs_a_window(hand: MarketData) -> None:
    # AAA's best close is 132 on 2025-03-31 (intraday high 133).
    day = D(2025, 3, 31)
    lvl = dict(kind="price_level", role="high", unit="usd", as_of=day)
    swing = check_claim(
        claim(value=150, quote="the high at 150 is the line", **lvl), hand, published=day
    )
    assert swing.verdict == "unverifiable" and "swing level" in swing.reason
    today = check_claim(
        claim(value=133, quote="it traded as high as $133", **lvl), hand, published=day
    )
    assert today.verdict == "supported"  # the day's own intraday high
    record = check_claim(
        claim(value=132, quote="a record close of $132", **lvl), hand, published=day
    )
    assert record.verdict == "supported"
    wrong = check_claim(
        claim(value=150, quote="a record close of $150", **lvl), hand, published=day
    )
    assert wrong.verdict == "contradicted"
    # a high the text dates ("its January 31 high") is read on that day and up to it
    dated = dict(lvl, as_of=D(2025, 1, 31))
    jan = check_claim(
        claim(value=111, quote="its January 31 high of $111", **dated), hand, published=day
    )
    assert jan.verdict == "supported"


def test_a_one_day_move_may_be_an_intraday_snapshot(hand: MarketData) -> None:
    # 2025-01-03: from the 101 close, low 101.5 (+0.50%) .. high 102.5 (+1.49%); close +0.99%.
    # Read long after that day, "was up 1.4% on January 3" may be the session's snapshot.
    day = D(2025, 1, 3)
    v = check_claim(
        claim(value=1.4, period_start=day, period_end=day), hand, published=D(2025, 2, 1)
    )
    assert v.verdict == "supported" and v.basis == "intraday"
    far = check_claim(
        claim(value=3.0, period_start=day, period_end=day), hand, published=D(2025, 2, 1)
    )
    assert far.verdict == "contradicted"


def test_a_moving_average_is_read_as_sma_or_ema(hand: MarketData) -> None:
    # AAA closes up to 2025-01-03: 99, 100, 101, 102: the 3-day SMA is 101.0; 1% tolerance.
    ma = dict(
        kind="price_level", role="moving_average", unit="usd", ma_window=3, as_of=D(2025, 1, 3)
    )
    v = check_claim(claim(value=101.5, **ma), hand)
    assert v.verdict == "supported"
    assert {r.label.split()[1] for r in v.readings} == {"3-day"}
    assert {r.label.split()[2] for r in v.readings} == {"SMA", "EMA"}
    assert check_claim(claim(value=105.0, **ma), hand).verdict == "contradicted"


def test_a_period_from_a_weekend_is_also_read_from_its_first_session(hand: MarketData) -> None:
    # "the past month" to 2025-02-28 from Saturday 2025-02-01: from the close before
    # (Jan 31, 110 -> 120: +9.09%) or from the close of the first session (Feb 3, 111: +8.11%).
    feb = dict(period_start=D(2025, 2, 1), period_end=D(2025, 2, 28))
    v = check_claim(claim(value=8.1, **feb), hand)
    assert v.verdict == "supported" and v.date_start == D(2025, 2, 3)
    assert "first session" in v.reason
