"""Every page of the Streamlit app, in-process with AppTest, on the sample store and empty."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sample_store import fill_sample
from streamlit.testing.v1 import AppTest

from store import rollup
from store.db import dispose_all, get_engine, session_scope
from store.models import Article, ClaimRow, RateObservationRow, VerdictRow
from ui.app import page_claims

APP = str(Path(__file__).resolve().parent.parent / "ui" / "app" / "main.py")


@pytest.fixture(scope="module")
def sample_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('ui') / 'sample.db'}"
    fill_sample(get_engine(url))
    yield url
    dispose_all()


def _run(url: str, monkeypatch: pytest.MonkeyPatch, page: str | None = None) -> AppTest:
    monkeypatch.setenv("THESISDESK_DB", url)
    at = AppTest.from_file(APP, default_timeout=60)
    if page:
        at.query_params["page"] = page
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def _no_raw_html(at: AppTest) -> None:
    """Article text is untrusted: no element may carry an unescaped tag or script URL."""
    text = _markdown(at)
    assert "<script" not in text and "javascript:" not in text


def test_digest_page(sample_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _run(sample_url, monkeypatch)
    assert at.title[0].value == "Digest"
    assert any("busiest recent day" in c.value for c in at.caption)
    summary = at.dataframe[0].value  # the digest at a glance, first
    iwm = summary[summary["subject"] == "IWM"].iloc[0]
    assert iwm["median target"] == 290.0 and iwm["bull"] + iwm["bear"] + iwm["neutral"] > 0
    assert "price_level" not in _markdown(at) and "None" not in _markdown(at)
    metrics: dict[str, str] = {}
    for m in at.metric:  # the page's headline metrics come first
        metrics.setdefault(m.label, m.value)
    assert metrics["Articles"] == "6" and metrics["Flagged articles"] == "2"
    assert metrics["Median target"] == "$290.00"
    assert any("IWM" in e.label for e in at.expander)
    md = _markdown(at)
    assert "[Chart of the week](<https://charts.example.com/a4>)" in md
    assert "The case against small caps" in md  # a javascript: URL: plain text, no link
    assert at.get("vega_lite_chart")
    _no_raw_html(at)


def test_digest_page_other_day_and_chart_subject(sample_url: str, monkeypatch) -> None:
    at = _run(sample_url, monkeypatch)
    at.number_input(key="digest_days").set_value(0).run()
    assert not at.exception
    assert [e.label.split(" ")[0] for e in at.expander] == ["CRDO"]
    at.number_input(key="digest_days").set_value(7).run()
    at.selectbox(key="digest_chart_subject").set_value("^RUT").run()
    assert not at.exception
    # a closed subject draws its details, and lists its claims, when asked
    more = [t for t in at.toggle if t.key and t.key.startswith("digest_more_")]
    assert more, "the subjects past the first two open on request"
    n_md = len(at.markdown)
    more[0].set_value(True).run()
    assert not at.exception and len(at.markdown) > n_md


def test_claims_page_search_and_filters(sample_url: str, monkeypatch) -> None:
    at = _run(sample_url, monkeypatch, "Claims")
    assert at.title[0].value == "Claims"
    at.text_input(key="claims_text").input("third quarter").run()
    md = _markdown(at)
    assert "The Russell 2000 gained **12\\.4%** in the third quarter" in md
    assert md.count("in the third quarter") == 2
    at.text_input(key="claims_text").input("").run()
    at.selectbox(key="claims_ticker").set_value("IWM").run()
    at.multiselect(key="claims_stances").set_value(["bearish"]).run()
    md = _markdown(at)
    assert "IWM could slide to **\\$210**" in md and "\\$300" not in md
    _no_raw_html(at)


def test_claims_page_by_name_and_verdict(sample_url: str, monkeypatch) -> None:
    at = _run(sample_url, monkeypatch, "Claims")
    at.text_input(key="claims_ticker_find").input("Russell 2000").run()
    assert at.selectbox(key="claims_ticker").value == "^RUT"  # the search picks the best match
    assert at.query_params["ticker"] == "^RUT" and at.query_params["q"] == "Russell 2000"
    at.multiselect(key="claims_verdicts").set_value(["contradicted"]).run()
    md = _markdown(at)
    assert md.count(":red[contradicted]") == 2
    at.multiselect(key="claims_kinds").set_value(["rate_decision"]).run()
    assert any("No claim matches" in i.value for i in at.info)


def test_claims_page_pages(sample_url: str, monkeypatch) -> None:
    monkeypatch.setattr(page_claims, "PAGE_SIZE", 5)
    at = _run(sample_url, monkeypatch, "Claims")
    first = _markdown(at)
    at.button(key="claims_next").click().run()
    second = _markdown(at)
    assert "Page 2" in at.caption[0].value and first != second
    at.button(key="claims_prev").click().run()
    assert _markdown(at) == first


def test_flags_page(sample_url: str, monkeypatch) -> None:
    at = _run(sample_url, monkeypatch, "Flags")
    assert at.title[0].value == "Flags"
    values = [(m.label, m.value) for m in at.metric]
    assert ("Claimed", "+15.00%") in values and ("Actual", "+12.13%") in values
    assert ("Difference", "+2.87 pp") in values and ("Tolerance", "±0.5 pp") in values
    assert len(at.get("vega_lite_chart")) >= 2
    _no_raw_html(at)
    at.selectbox(key="flags_ticker").set_value("IWM").run()
    assert [m.value for m in at.metric if m.label == "Claimed"] == ["$260.00"]


def test_flags_page_marks(tmp_path: Path, monkeypatch) -> None:
    url = f"sqlite:///{tmp_path / 'marks.db'}"
    fill_sample(get_engine(url))
    at = _run(url, monkeypatch, "Flags")
    before = [m.value for m in at.metric if m.label == "Claimed"]
    key = next(b.key for b in at.button if b.key and b.key.endswith("_dismiss"))
    at.text_input(key=key.replace("_dismiss", "_reason")).input("a total return").run()
    at.button(key=key).click().run()
    assert not at.exception
    after = [m.value for m in at.metric if m.label == "Claimed"]
    assert len(after) == len(before) - 1  # dismissed: hidden by default ...
    at.checkbox(key="flags_dismissed").check().run()
    assert len([m for m in at.metric if m.label == "Claimed"]) == len(before)  # ... not lost
    assert any("not error" in i.value and "a total return" in i.value for i in at.info)


def test_ticker_page(sample_url: str, monkeypatch) -> None:
    at = _run(sample_url, monkeypatch, "Ticker")
    at.selectbox(key="ticker_symbol").set_value("^RUT").run()
    assert not at.exception
    assert len(at.get("vega_lite_chart")) == 2  # price with overlays, claims timeline
    sources = at.dataframe[0].value
    assert set(sources["source"]) >= {"Small Cap Wire", "Chart Desk", "Contrarian Notes"}


def test_sources_page_health_and_add_feed(tmp_path: Path, monkeypatch) -> None:
    url = f"sqlite:///{tmp_path / 'sources.db'}"
    fill_sample(get_engine(url))
    at = _run(url, monkeypatch, "Sources")
    health = at.dataframe[0].value
    assert len(health) == 5
    row = health[health["name"] == "Chart Desk"].iloc[0]
    assert row["health"] == "failing" and row["consecutive_failures"] == 3
    at.text_input[0].input("ftp://nope.example/feed")
    at.button[0].click().run()  # the form's submit button
    assert any("http://" in e.value for e in at.error)
    at.text_input[0].input("https://new.example.com/feed.xml")
    at.button[0].click().run()
    assert not at.exception
    assert any("Feed added" in s.value for s in at.success)
    at.run()  # AppTest keeps the pre-rerun table in the tree; a plain run shows the new one
    assert len(at.dataframe[0].value) == 6
    dispose_all()


def test_empty_store_shows_first_run_page(tmp_path: Path, monkeypatch) -> None:
    at = _run(f"sqlite:///{tmp_path / 'empty.db'}", monkeypatch)
    assert at.title[0].value == "Welcome to thesisdesk"
    codes = [c.value for c in at.code]
    assert "bash scripts/demo.sh" in codes and "thesisdesk demo run" in codes
    assert at.sidebar.radio[0].options == ["Welcome", "Sources"]
    at.sidebar.radio[0].set_value("Sources").run()
    assert at.title[0].value == "Sources" and not at.exception
    assert any("No sources yet" in i.value for i in at.info)
    at.button(key="ingest_run").click().run()  # no feeds: the ingest runs and reports nothing
    assert not at.exception and not at.error
    assert any("0 feed(s) polled" in s.value for s in at.success)
    dispose_all()


def test_alerts_page_lists_watchlist_and_alerts(tmp_path: Path, monkeypatch) -> None:
    import datetime as dt

    from store.alerts import NewAlert, mark_delivery, pending_deliveries, record_alerts
    from store.watch import add_watch

    url = f"sqlite:///{tmp_path / 'alerts.db'}"
    engine = get_engine(url)
    fill_sample(engine)
    add_watch(engine, "IWM", note="small-cap beta")
    alert = NewAlert(
        key="k1",
        rule="cross",
        subject="IWM",
        title="IWM closed above 250 (resistance, named by 2 sources): 242.05 -> 252.4",
        day=dt.date(2026, 3, 4),
    )
    record_alerts(engine, [alert], ["webhook", "email"], {})
    ((hook, _),) = pending_deliveries(engine, "webhook", 5)
    mark_delivery(engine, [hook.id], error="webhook answered HTTP 503", max_attempts=1)
    at = _run(url, monkeypatch, "Alerts")
    assert at.title[0].value == "Alerts"
    watch = at.dataframe[0].value
    assert list(watch["symbol"]) == ["IWM"] and watch["note"][0] == "small-cap beta"
    table = at.dataframe[1].value
    assert table["rule"][0] == "level crossed" and "closed above 250" in table["alert"][0]
    assert "webhook: failed (webhook answered HTTP 503)" in table["delivery"][0]
    assert "email: pending" in table["delivery"][0]
    dispose_all()


def test_rate_flag_card_draws_the_target_range(tmp_path: Path, monkeypatch) -> None:
    """A contradicted rate claim opens onto the Fed's target range with its day marked."""
    url = f"sqlite:///{tmp_path / 'rates.db'}"
    engine = get_engine(url)
    fill_sample(engine)
    day = dt.date(2025, 10, 30)
    with session_scope(engine) as s:
        for d, upper in ((dt.date(2025, 9, 18), 4.25), (dt.date(2025, 10, 30), 4.0)):
            s.add(RateObservationRow(series_id="DFEDTARU", date=d, value=upper))
            s.add(RateObservationRow(series_id="DFEDTARL", date=d, value=upper - 0.25))
        art = Article(text="The Fed cut to 3.50%-3.75%.", content_hash="fed", published=day)
        s.add(art)
        s.flush()
        claim = ClaimRow(
            article_id=art.id,
            kind="rate_decision",
            subject="FEDFUNDS",
            unit="pct",
            low=3.5,
            high=3.75,
            quote="cut to 3.50%-3.75%",
            start=11,
            end=26,
            extractor_version="t",
        )
        s.add(claim)
        s.flush()
        s.add(
            VerdictRow(
                claim_id=claim.id,
                verdict="contradicted",
                reason="the range in force was 3.75-4.00%",
                actual=4.0,
                difference=0.25,
                tolerance=0.01,
                series="DFEDTARU/DFEDTARL",
                confidence="high",
                severity=25.0,
                checker_version="t",
            )
        )
        s.flush()
        rollup.refresh_articles(s.connection(), [art.id])
        cid = claim.id
    at = _run(url, monkeypatch, "Flags")
    at.selectbox(key="flags_ticker").set_value("FEDFUNDS").run()
    assert not at.exception
    specs = [c.proto.spec for c in at.get("vega_lite_chart")]
    assert any("target range (%)" in s for s in specs)  # the first cards open with their chart
    at.toggle(key=f"flag_series_{cid}").set_value(False).run()
    assert not at.exception
    assert not any("target range (%)" in c.proto.spec for c in at.get("vega_lite_chart"))
    dispose_all()


def test_a_point_move_is_drawn_as_points_from_the_period_start() -> None:
    from ui.app.charts import claim_vs_actual

    d0, d1 = dt.date(2025, 9, 1), dt.date(2025, 9, 30)
    chart = claim_vs_actual(
        [(d0, 2400.0), (d1, 2440.0)],
        claimed=60.0,
        actual=40.0,
        unit="points",
        start=d0,
        end=d1,
        move=True,
    )
    assert chart is not None
    line = chart.layer[1].data
    assert list(line["value"]) == [0.0, 40.0]  # on the claim's scale, not the index level
