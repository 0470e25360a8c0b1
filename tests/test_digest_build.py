"""The digest's numbers on the sample store, on SQLite and PostgreSQL (``db_url``)."""

from __future__ import annotations

import datetime as dt

import pytest
from sample_store import SAMPLE_DAY, fill_sample

from digest import build_digest, default_day
from store import rollup
from store.db import get_engine, session_scope
from store.digest_queries import close_as_of
from store.models import ArticleStance, ClaimRow


@pytest.fixture
def sample(db_url: str):
    engine = get_engine(db_url)
    ids = fill_sample(engine)
    return engine, ids


def test_syndicated_copy_counts_once(sample) -> None:
    engine, _ = sample
    d = build_digest(engine, SAMPLE_DAY)
    iwm = d.subject("IWM")
    assert iwm is not None
    # wire, rates, charts, contrarian; the syndicator's copy of the wire piece is the wire's voice
    assert iwm.voices == 4
    assert "Syndicator News" not in iwm.sources
    assert iwm.articles == 4
    # the copy's $300 target is the original's: counted once
    assert [t.value for t in iwm.targets.items].count(300.0) == 1


def test_stance_split_prefers_article_stance(sample) -> None:
    engine, ids = sample
    d = build_digest(engine, SAMPLE_DAY)
    rut = d.subject("^RUT")
    # wire: ArticleStance bullish; charts: claims bullish; contrarian: claims bearish;
    # rates: only a neutral level claim
    assert (rut.stance.bullish, rut.stance.bearish, rut.stance.neutral) == (2, 1, 1)
    assert rut.consensus == "bullish"
    # an ArticleStance overrides the claims: mark the chart desk piece bearish
    with session_scope(engine) as s:
        s.add(
            ArticleStance(
                article_id=ids.articles["a4"], subject="^RUT", stance="bearish", score=-0.8
            )
        )
        s.flush()  # a writer keeps the summary in step in its own transaction
        rollup.refresh_articles(s.connection(), [ids.articles["a4"]])
    rut = build_digest(engine, SAMPLE_DAY).subject("^RUT")
    assert (rut.stance.bullish, rut.stance.bearish) == (1, 2)
    assert rut.consensus == "bearish"


def test_targets_median_low_high_upside(sample) -> None:
    engine, _ = sample
    iwm = build_digest(engine, SAMPLE_DAY).subject("IWM")
    t = iwm.targets
    assert t is not None
    assert (t.count, t.median, t.low, t.high) == (4, 290.0, 210.0, 320.0)
    close_day, close = close_as_of(engine, "IWM", SAMPLE_DAY)
    assert t.latest_close == pytest.approx(close) and t.close_date == close_day
    assert t.upside_pct == pytest.approx((290.0 / close - 1) * 100)
    assert set(t.sources) == {"Small Cap Wire", "Rate Watch", "Chart Desk", "Contrarian Notes"}


def test_levels_clustered_into_zones(sample) -> None:
    engine, _ = sample
    rut = build_digest(engine, SAMPLE_DAY).subject("^RUT")
    zones = {(z.role, z.low, z.high): z for z in rut.levels}
    support = zones[("support", 2350.0, 2360.0)]
    assert support.n_sources == 2 and set(support.sources) == {"Small Cap Wire", "Rate Watch"}
    assert zones[("resistance", 2500.0, 2510.0)].n_sources == 2
    assert zones[("support", 2100.0, 2100.0)].n_sources == 1
    assert rut.levels[0].n_sources >= rut.levels[-1].n_sources


def test_rates_performance_and_dissent(sample) -> None:
    engine, _ = sample
    d = build_digest(engine, SAMPLE_DAY)
    fed = d.subject("FEDFUNDS")
    sept = next(r for r in fed.rates if r.horizon == "September 17 meeting")
    assert sept.size == -25 and sept.unit == "bp" and sept.mean_probability == 81
    rut = d.subject("^RUT")
    assert rut.performance_verdicts == {"supported": 1, "contradicted": 2}
    assert rut.performance[0].verdict == "contradicted"
    iwm = d.subject("IWM")
    assert iwm.consensus == "bullish"
    assert [c.quote for c in iwm.dissent] == ["IWM could slide to $210"]
    assert iwm.n_dissent == 1
    assert [c.quote for c in rut.dissent] == ["The Russell 2000 fell 3% last week"]
    assert "The Russell 2000 fell 3% last week" not in [c.quote for c in rut.performance]
    for sd in d.subjects:  # a claim is listed once: under Performance or under Dissent
        assert not {c.claim_id for c in sd.performance} & {c.claim_id for c in sd.dissent}


def test_flagged_articles_in_window(sample) -> None:
    engine, _ = sample
    d = build_digest(engine, SAMPLE_DAY)
    titles = {f.title for f in d.flagged}
    assert titles == {"Chart of the week", "The case against small caps"}
    flag = next(f for f in d.flagged if f.title == "Chart of the week")
    assert flag.claims[0].actual == pytest.approx(12.13)
    # the spring article with a missed target is outside the window
    assert all(f.published >= d.start for f in d.flagged)


def test_changes_against_previous_window(sample) -> None:
    engine, _ = sample
    d = build_digest(engine, SAMPLE_DAY)
    by = {(c.subject, c.change): c for c in d.changes}
    assert ("CRDO", "new") in by and ("FEDFUNDS", "new") in by
    assert by[("^RUT", "stance")].before == "bearish"
    assert by[("^RUT", "stance")].after == "bullish"
    target = by[("IWM", "target")]
    assert (target.before, target.after) == ("255", "290")
    assert ("IWM", "new") not in by


def test_track_record_from_resolved_targets(sample) -> None:
    engine, _ = sample
    rec = {r.source: r for r in build_digest(engine, SAMPLE_DAY).track_record}
    assert (rec["Small Cap Wire"].hits, rec["Small Cap Wire"].misses) == (1, 0)
    assert (rec["Chart Desk"].hits, rec["Chart Desk"].misses) == (0, 1)
    assert rec["Chart Desk"].avg_error_pct == pytest.approx(38.5 / 260 * 100, rel=1e-3)
    assert "Rate Watch" not in rec  # nothing resolved


def test_window_and_empty_days(sample) -> None:
    engine, _ = sample
    d = build_digest(engine, SAMPLE_DAY, days=0)
    assert (d.start, d.end) == (SAMPLE_DAY, SAMPLE_DAY)
    assert [s.subject for s in d.subjects] == ["CRDO"]
    assert (d.previous_start, d.previous_end) == (SAMPLE_DAY - dt.timedelta(days=1),) * 2
    empty = build_digest(engine, dt.date(2020, 1, 1))
    assert empty.subjects == [] and empty.n_articles == 0
    with pytest.raises(ValueError):
        build_digest(engine, SAMPLE_DAY, days=-1)


def test_default_day_falls_back_to_latest(sample) -> None:
    engine, _ = sample
    day, note = default_day(engine, today=dt.date(2030, 1, 1))
    assert day == SAMPLE_DAY and "no articles on 2030-01-01" in note
    assert default_day(engine, today=SAMPLE_DAY) == (SAMPLE_DAY, None)


def test_claim_without_article_stance_or_numbers_is_tolerated(sample) -> None:
    engine, ids = sample
    with session_scope(engine) as s:  # a target with no number at all must not break anything
        s.add(
            ClaimRow(
                article_id=ids.articles["a6"],
                kind="price_target",
                subject="CRDO",
                unit="usd",
                quote="a higher target",
                start=0,
                end=5,
                extractor_version="t",
            )
        )
        s.flush()
        rollup.refresh_articles(s.connection(), [ids.articles["a6"]])
    crdo = build_digest(engine, SAMPLE_DAY).subject("CRDO")
    assert crdo.targets.count == 1


def test_lists_for_the_first_subjects_match_the_full_digest(sample) -> None:
    """A page lists claims under the subjects it opens (one query each); the full digest
    lists them all in one pass: both pick the same claims."""
    engine, _ = sample
    full = build_digest(engine, SAMPLE_DAY)
    few = build_digest(engine, SAMPLE_DAY, detail=2)
    for a, b in zip(full.subjects[:2], few.subjects[:2], strict=True):
        assert [c.claim_id for c in a.performance] == [c.claim_id for c in b.performance]
        assert [c.claim_id for c in a.dissent] == [c.claim_id for c in b.dissent]
    assert any(sd.performance or sd.dissent for sd in few.subjects[:2])
    assert not any(sd.listed for sd in few.subjects[2:])
