"""The keyless and keyed live adapters (Yahoo chart, Alpha Vantage, NY Fed) and the fallback
chain, against a real local HTTP server replaying hand-written bodies in each endpoint's
documented format (``resources/market/http``, see its README)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from local_http import LocalServer

from ingest.market import EmptyDataError, ProviderError
from ingest.market.alphavantage import AlphaVantageProvider, MissingKey
from ingest.market.fallback import FallbackProvider, chain
from ingest.market.nyfed import NyFedProvider
from ingest.market.stooq import StooqProvider
from ingest.market.sync import Item, run_items
from ingest.market.yahoo import YahooProvider
from ops.config import OpsConfig
from ops.market import last_closed_session, plan
from store.db import get_engine
from store.market import load_bars, load_rates, upsert_bars
from thesisdesk.records import PriceBar

HTTP = Path(__file__).parent / "resources" / "market" / "http"
JSON = {"Content-Type": "application/json"}
CSV = {"Content-Type": "text/csv"}


def _body(name: str) -> bytes:
    return (HTTP / name).read_bytes()


@pytest.fixture
def server() -> Iterator[LocalServer]:
    srv = LocalServer()
    yield srv
    srv.close()


def _query(path: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(path).query).items()}


def test_yahoo_chart_maps_to_bars(server: LocalServer) -> None:
    server.routes["/v8/finance/chart/IWM"] = (200, JSON, _body("yahoo_iwm.json"))
    with YahooProvider(server.url(""), retry_wait_s=0) as yahoo:
        bars = yahoo.bars("iwm", dt.date(2025, 9, 20), dt.date(2025, 9, 30))
    # the session's open (13:30 UTC) minus four hours is the trading day; a null close is skipped
    assert [b.date.isoformat() for b in bars] == [
        "2025-09-24",
        "2025-09-25",
        "2025-09-26",
        "2025-09-29",
    ]
    assert bars[0].close == 241.6 and bars[0].adj_close == pytest.approx(241.6 * 0.992, abs=1e-3)
    query = _query(server.requests[0][0])
    assert query["interval"] == "1d" and int(query["period2"]) > int(query["period1"])


def test_yahoo_unknown_symbol_is_empty_data(server: LocalServer) -> None:
    server.routes["/v8/finance/chart/NOPE"] = (404, JSON, _body("yahoo_notfound.json"))
    with YahooProvider(server.url(""), retry_wait_s=0) as yahoo, pytest.raises(ProviderError):
        yahoo.bars("NOPE")
    # a 200 carrying the error object reads as "no data" with the site's words
    server.routes["/v8/finance/chart/NOPE"] = (200, JSON, _body("yahoo_notfound.json"))
    with (
        YahooProvider(server.url(""), retry_wait_s=0) as yahoo,
        pytest.raises(EmptyDataError, match="symbol may be delisted"),
    ):
        yahoo.bars("NOPE")


def test_alphavantage_needs_a_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ALPHAVANTAGE_API_KEY", raising=False)
    with pytest.raises(MissingKey, match="ALPHAVANTAGE_API_KEY"):
        AlphaVantageProvider("http://127.0.0.1:9")


def test_alphavantage_answers_and_failures(
    server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALPHAVANTAGE_API_KEY", "demo-key")
    answers = {"IWM": "alphavantage_iwm.json", "TNA": "alphavantage_limit.json"}

    def route(headers: dict[str, str]) -> tuple[int, dict, bytes]:
        q = _query(headers[":path"])
        return 200, JSON, _body(answers.get(q["symbol"], "alphavantage_error.json"))

    server.routes["/query"] = route
    with AlphaVantageProvider(server.url(""), retry_wait_s=0) as av:
        bars = av.bars("IWM", dt.date(2025, 9, 1))
        assert [b.close for b in bars] == [241.6, 239.29, 241.34, 241.62]  # ascending
        q = _query(server.requests[0][0])
        assert q["apikey"] == "demo-key" and q["function"] == "TIME_SERIES_DAILY"
        with pytest.raises(ProviderError, match="rate limit") as limited:
            av.bars("TNA")
        assert not isinstance(limited.value, EmptyDataError)
        with pytest.raises(EmptyDataError, match="Invalid API call"):
            av.bars("ZZZZ")
        n = len(server.requests)
        with pytest.raises(EmptyDataError, match="indices"):
            av.bars("^RUT")
        assert len(server.requests) == n  # never asked


def test_nyfed_gives_the_target_range(server: LocalServer) -> None:
    server.routes["/api/rates/unsecured/effr/search.json"] = (200, JSON, _body("nyfed_effr.json"))
    with NyFedProvider(server.url(""), retry_wait_s=0) as fed:
        upper = fed.rates("DFEDTARU", dt.date(2025, 9, 15), dt.date(2025, 9, 19))
        lower = fed.rates("dfedtarl", dt.date(2025, 9, 15), dt.date(2025, 9, 19))
        eff = fed.rates("DFF", dt.date(2025, 9, 15), dt.date(2025, 9, 19))
        with pytest.raises(EmptyDataError, match="only"):
            fed.rates("DGS10", dt.date(2025, 9, 15))
    assert [(o.date.day, o.value) for o in upper] == [
        (15, 4.5),
        (16, 4.5),
        (17, 4.5),
        (18, 4.25),
        (19, 4.25),
    ]
    assert lower[-1].value == 4.0 and eff[-1].value == 4.09
    q = _query(server.requests[0][0])
    assert q == {"startDate": "2025-09-15", "endDate": "2025-09-19"}


def test_fallback_states_each_failure_and_stores_who_answered(
    server: LocalServer, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ALPHAVANTAGE_API_KEY", raising=False)
    server.routes["/q/d/l/"] = (200, {"Content-Type": "text/html"}, _body("stooq_garbage.html"))
    server.routes["/v8/finance/chart/IWM"] = (200, JSON, _body("yahoo_iwm.json"))
    server.routes["/v8/finance/chart/TNA"] = (404, JSON, _body("yahoo_notfound.json"))
    options = {"base_url": server.url(""), "retry_wait_s": 0}
    prices = chain("prices", ["stooq", "yahoo", "alphavantage"], **options)
    assert [p.name for p in prices.providers] == ["stooq", "yahoo"]
    assert "ALPHAVANTAGE_API_KEY" in prices.broken[0]
    engine = get_engine(sqlite_url)
    start = dt.date(2025, 9, 20)
    result = run_items(
        engine, [Item("price", "IWM", prices, start), Item("price", "TNA", prices, start)], "t"
    )
    iwm, tna = result.items
    assert iwm.error is None and iwm.provider == "yahoo" and iwm.new == 4
    assert any("stooq IWM" in f and "HTML" in f for f in iwm.fallbacks)
    assert any("ALPHAVANTAGE_API_KEY" in f for f in iwm.fallbacks)
    assert {b.symbol for b in load_bars(engine, "IWM")} == {"IWM"}
    assert tna.error is not None and "every provider failed" in tna.error
    assert "stooq TNA" in tna.error and "yahoo TNA" in tna.error and "API key" in tna.error
    prices.close()


def test_rate_fallback_to_nyfed(server: LocalServer, sqlite_url: str) -> None:
    server.routes["/graph/fredgraph.csv"] = (500, CSV, b"oops")
    server.routes["/api/rates/unsecured/effr/search.json"] = (200, JSON, _body("nyfed_effr.json"))
    rates = chain("rates", ["fred", "nyfed"], base_url=server.url(""), retry_wait_s=0)
    engine = get_engine(sqlite_url)
    result = run_items(engine, [Item("rate", "DFEDTARU", rates, dt.date(2025, 9, 15))], "t")
    item = result.items[0]
    assert item.provider == "nyfed" and item.error is None
    assert any("HTTP 500" in f for f in item.fallbacks)
    assert load_rates(engine, "DFEDTARU")[-1].value == 4.25
    rates.close()


def test_chain_refuses_unknown_names() -> None:
    with pytest.raises(ValueError, match="unknown prices provider"):
        chain("prices", ["stooq", "bloomberg"])
    assert isinstance(chain("rates", []), FallbackProvider)


def test_plan_fetches_only_what_is_missing(sqlite_url: str) -> None:
    engine = get_engine(sqlite_url)
    cfg = OpsConfig()
    # Friday 2026-03-06 at 15:00 New York: the last closed session is Thursday
    now = dt.datetime(2026, 3, 6, 20, 0, tzinfo=dt.UTC)
    assert last_closed_session(now, cfg) == dt.date(2026, 3, 5)
    # Saturday: Friday's session
    assert last_closed_session(dt.datetime(2026, 3, 7, 15, 0, tzinfo=dt.UTC), cfg) == dt.date(
        2026, 3, 6
    )
    upsert_bars(engine, [PriceBar(symbol="IWM", date=dt.date(2026, 3, 5), close=250.0)], "t")
    upsert_bars(engine, [PriceBar(symbol="TNA", date=dt.date(2026, 2, 20), close=40.0)], "t")
    todo, fresh = plan(engine, cfg, ["IWM", "TNA", "^RUT"], now=now, rates=False)
    assert fresh == ["IWM"]
    starts = {s: start for _, s, start in todo}
    assert starts["TNA"] == dt.date(2026, 2, 13)  # a week before its last bar
    assert starts["^RUT"] == dt.date(2026, 3, 5) - dt.timedelta(days=cfg.market.history_days)
    todo, _ = plan(engine, cfg, ["IWM"], now=now, rates=True, skip=["DFF"])
    assert {s for _, s, _ in todo} == {"DFEDTARU", "DFEDTARL"}


def test_stooq_unchanged_by_chain(server: LocalServer) -> None:
    """The Stooq adapter keeps its own query (the chain only orders providers)."""
    server.routes["/q/d/l/"] = (200, CSV, _body("stooq_iwm.us.csv"))
    with StooqProvider(server.url(""), retry_wait_s=0) as stooq:
        assert stooq.bars("IWM")[0].close == 241.6
    assert _query(server.requests[0][0])["s"] == "iwm.us"
    assert json.loads(_body("nyfed_effr.json"))["refRates"]


def test_market_update_with_another_provider(
    server: LocalServer, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from ui.cli import app

    server.routes["/v8/finance/chart/IWM"] = (200, JSON, _body("yahoo_iwm.json"))
    server.routes["/api/rates/unsecured/effr/search.json"] = (200, JSON, _body("nyfed_effr.json"))
    monkeypatch.setenv("THESISDESK_YAHOO_URL", server.url(""))
    monkeypatch.setenv("THESISDESK_NYFED_URL", server.url(""))
    monkeypatch.delenv("ALPHAVANTAGE_API_KEY", raising=False)
    runner = CliRunner()
    base = ["--db", sqlite_url, "market", "update", "--since", "2025-09-15", "--json"]
    res = runner.invoke(app, [*base, "-s", "IWM", "--provider", "yahoo"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["items"][0]["provider"] == "yahoo"
    res = runner.invoke(app, [*base, "-s", "DFEDTARU", "--provider", "nyfed"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["new"] == 5
    res = runner.invoke(app, [*base, "-s", "IWM", "--provider", "alphavantage"])
    assert res.exit_code == 1 and "ALPHAVANTAGE_API_KEY" in res.stderr
    res = runner.invoke(app, [*base, "--provider", "bloomberg"])
    assert res.exit_code == 1 and "stooq or fred" in res.stderr
