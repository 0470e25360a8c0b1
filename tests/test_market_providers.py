"""Stooq and FRED adapters against a real local HTTP server answering in their real formats.

The server (``http.server`` in a thread, on a free port) serves the hand-written bodies in
``resources/market/http`` and can answer 404, 500, "No data", garbage, or too slowly.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from typer.testing import CliRunner

from ingest.market import EmptyDataError, ProviderError
from ingest.market.fred import FredProvider
from ingest.market.fred import parse_csv as parse_fred
from ingest.market.stooq import StooqProvider, build_query, from_stooq, to_stooq
from ingest.market.sync import update_live
from store.db import get_engine
from store.market import load_bars, load_rates, upsert_bars
from store.runs import recent_runs
from thesisdesk import settings
from thesisdesk.records import PriceBar

HTTP = Path(__file__).parent / "resources" / "market" / "http"


@dataclass
class Answer:
    status: int = 200
    body: str = ""
    delay: float = 0.0
    content_type: str = "text/csv"


@dataclass
class FakeMarketServer:
    """Answers keyed by (path, symbol) — Stooq's ``s`` or FRED's ``id`` parameter."""

    url: str = ""
    answers: dict[tuple[str, str], Answer] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str], dict[str, str]]] = field(default_factory=list)

    def set(self, path: str, key: str, answer: Answer) -> None:
        self.answers[(path, key)] = answer

    def hits(self, key: str) -> int:
        return sum(1 for _, q, _ in self.requests if key in (q.get("s"), q.get("id")))


STOOQ = "/q/d/l/"
FRED = "/graph/fredgraph.csv"


@pytest.fixture
def server() -> Iterator[FakeMarketServer]:
    state = FakeMarketServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            state.requests.append((parts.path, query, dict(self.headers)))
            key = query.get("s") or query.get("id") or ""
            ans = state.answers.get((parts.path, key), Answer(404, "<h1>Not Found</h1>"))
            if ans.delay:
                time.sleep(ans.delay)
            body = ans.body.encode()
            try:
                self.send_response(ans.status)
                self.send_header("Content-Type", ans.content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout test)

        def log_message(self, *_args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


def _body(name: str) -> str:
    return (HTTP / name).read_text(encoding="utf-8")


def _stooq(server: FakeMarketServer, **kw: object) -> StooqProvider:
    return StooqProvider(server.url, retry_wait_s=0.0, **kw)  # type: ignore[arg-type]


def _fred(server: FakeMarketServer, **kw: object) -> FredProvider:
    return FredProvider(server.url, retry_wait_s=0.0, **kw)  # type: ignore[arg-type]


# --- symbols and queries ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("canonical", "stooq"),
    [
        ("IWM", "iwm.us"),
        ("BRK-B", "brk-b.us"),
        ("^GSPC", "^spx"),
        ("^RUT", "^rut"),
        ("^NDX", "^ndx"),
        ("^DJI", "^dji"),
    ],
)
def test_symbols_map_both_ways(canonical: str, stooq: str) -> None:
    assert to_stooq(canonical) == stooq
    assert from_stooq(stooq) == canonical


def test_share_class_dot_goes_to_dash() -> None:
    assert to_stooq("brk.b") == "brk-b.us"
    assert to_stooq("BRK/B") == "brk-b.us"


def test_stooq_query_carries_dates() -> None:
    q = build_query("^GSPC", dt.date(2025, 1, 2), dt.date(2025, 9, 30))
    assert q == {"s": "^spx", "i": "d", "d1": "20250102", "d2": "20250930"}
    assert build_query("IWM", None, None) == {"s": "iwm.us", "i": "d"}


# --- Stooq -------------------------------------------------------------------------------


def test_stooq_bars_in_real_format(server: FakeMarketServer) -> None:
    server.set(STOOQ, "iwm.us", Answer(body=_body("stooq_iwm.us.csv")))
    with _stooq(server) as p:
        bars = p.bars("IWM", dt.date(2025, 9, 24), dt.date(2025, 9, 30))
    assert [b.date for b in bars] == [
        dt.date(2025, 9, 24),
        dt.date(2025, 9, 25),
        dt.date(2025, 9, 26),
        dt.date(2025, 9, 29),
        dt.date(2025, 9, 30),
    ]
    last = bars[-1]
    assert (last.symbol, last.close, last.open, last.volume) == ("IWM", 241.96, 241.11, 33447700)
    assert all(b.adj_close is None for b in bars)  # Stooq closes are not dividend-adjusted
    path, query, headers = server.requests[-1]
    assert path == STOOQ
    assert query == {"s": "iwm.us", "i": "d", "d1": "20250924", "d2": "20250930"}
    assert headers["User-Agent"] == settings.USER_AGENT


def test_stooq_index_symbol_is_translated(server: FakeMarketServer) -> None:
    server.set(STOOQ, "^rut", Answer(body=_body("stooq_rut.csv")))
    with _stooq(server) as p:
        bars = p.bars("^RUT")
    assert {b.symbol for b in bars} == {"^RUT"}
    assert bars[0].close == 2434.98
    assert server.requests[-1][1]["s"] == "^rut"


def test_stooq_range_is_enforced_even_if_ignored(server: FakeMarketServer) -> None:
    server.set(STOOQ, "iwm.us", Answer(body=_body("stooq_iwm.us.csv")))
    with _stooq(server) as p:
        bars = p.bars("IWM", start=dt.date(2025, 9, 29))
    assert [b.date.day for b in bars] == [29, 30]


def test_stooq_no_data_is_empty_data_error(server: FakeMarketServer) -> None:
    server.set(STOOQ, "zzzz.us", Answer(body=_body("stooq_nodata.txt"), content_type="text/plain"))
    with _stooq(server) as p, pytest.raises(EmptyDataError, match="stooq ZZZZ: no data"):
        p.bars("ZZZZ")


def test_stooq_garbage_body_is_provider_error(server: FakeMarketServer) -> None:
    server.set(STOOQ, "iwm.us", Answer(body=_body("stooq_garbage.html"), content_type="text/html"))
    with _stooq(server) as p, pytest.raises(ProviderError, match="HTML page") as err:
        p.bars("IWM")
    assert not isinstance(err.value, EmptyDataError)
    server.set(STOOQ, "spy.us", Answer(body="Symbol,Last\nSPY,1\n"))
    with _stooq(server) as p, pytest.raises(ProviderError, match="not a Stooq price CSV"):
        p.bars("SPY")


def test_stooq_extra_params_reach_the_server(server: FakeMarketServer) -> None:
    server.set(STOOQ, "iwm.us", Answer(body=_body("stooq_iwm.us.csv")))
    with _stooq(server, extra_params={"apikey": "k123"}) as p:
        p.bars("IWM")
    assert server.requests[-1][1] == {"s": "iwm.us", "i": "d", "apikey": "k123"}


def test_stooq_404_is_not_retried(server: FakeMarketServer) -> None:
    with _stooq(server, retries=2) as p, pytest.raises(ProviderError, match="HTTP 404"):
        p.bars("IWM")
    assert server.hits("iwm.us") == 1


def test_stooq_500_is_retried_then_reported(server: FakeMarketServer) -> None:
    server.set(STOOQ, "iwm.us", Answer(500, "oops"))
    with _stooq(server, retries=2) as p, pytest.raises(ProviderError, match="HTTP 500"):
        p.bars("IWM")
    assert server.hits("iwm.us") == 3


def test_stooq_timeout_is_provider_error(server: FakeMarketServer) -> None:
    server.set(STOOQ, "iwm.us", Answer(body=_body("stooq_iwm.us.csv"), delay=1.0))
    t0 = time.perf_counter()
    with _stooq(server, timeout=0.2, retries=0) as p, pytest.raises(ProviderError, match="timed"):
        p.bars("IWM")
    assert time.perf_counter() - t0 < 0.9


def test_unreachable_host_is_a_clear_error() -> None:
    with (
        StooqProvider("http://127.0.0.1:9", retries=3) as p,
        pytest.raises(ProviderError, match=r"stooq IWM: cannot reach 127\.0\.0\.1"),
    ):
        p.bars("IWM")


def test_stooq_has_no_rates() -> None:
    with StooqProvider("http://127.0.0.1:9") as p, pytest.raises(ProviderError, match="fred"):
        p.rates("DFF")


# --- FRED --------------------------------------------------------------------------------


def test_fred_current_header(server: FakeMarketServer) -> None:
    server.set(FRED, "DFEDTARU", Answer(body=_body("fred_dfedtaru.csv")))
    with _fred(server) as p:
        obs = p.rates("dfedtaru", start=dt.date(2025, 9, 15))
    assert [(o.date.day, o.value) for o in obs] == [
        (15, 4.5),
        (16, 4.5),
        (17, 4.5),
        (18, 4.25),
        (19, 4.25),
    ]
    assert {o.series_id for o in obs} == {"DFEDTARU"}
    assert server.requests[-1][1] == {"id": "DFEDTARU", "cosd": "2025-09-15"}


def test_fred_old_header_and_missing_dot(server: FakeMarketServer) -> None:
    server.set(FRED, "DFF", Answer(body=_body("fred_dff_old_header.csv")))
    with _fred(server) as p:
        obs = p.rates("DFF")
    assert [o.date.day for o in obs] == [15, 16, 18, 19]  # "." on the 17th is skipped, not 0
    assert obs[-1].value == 4.08


def test_fred_garbage_and_empty(server: FakeMarketServer) -> None:
    server.set(FRED, "DFF", Answer(body="<html>maintenance</html>", content_type="text/html"))
    server.set(FRED, "DFEDTARL", Answer(body="observation_date,DFEDTARL\n2025-09-17,.\n"))
    with _fred(server) as p:
        with pytest.raises(ProviderError, match="not a FRED CSV"):
            p.rates("DFF")
        with pytest.raises(EmptyDataError, match="no observations"):
            p.rates("DFEDTARL")
        with pytest.raises(ProviderError, match="HTTP 404"):
            p.rates("NOPE")


def test_fred_parse_ignores_junk_rows() -> None:
    obs = parse_fred("DGS2", "DATE,DGS2\n2025-01-02,4.25\nfootnote,x\n2025-01-03,\n")
    assert [(o.date, o.value) for o in obs] == [(dt.date(2025, 1, 2), 4.25)]


# --- a live update: one bad symbol is recorded, the others proceed --------------------------


def test_update_with_failing_symbols_keeps_going(server: FakeMarketServer, sqlite_url: str) -> None:
    engine = get_engine(sqlite_url)
    server.set(STOOQ, "iwm.us", Answer(body=_body("stooq_iwm.us.csv")))
    server.set(STOOQ, "spy.us", Answer(500, "internal error"))
    server.set(STOOQ, "qqq.us", Answer(body=_body("stooq_garbage.html")))
    server.set(STOOQ, "zzzz.us", Answer(body="No data"))
    server.set(STOOQ, "dia.us", Answer(body=_body("stooq_iwm.us.csv"), delay=1.0))
    server.set(FRED, "DFEDTARU", Answer(body=_body("fred_dfedtaru.csv")))
    result = update_live(
        engine,
        symbols=["IWM", "SPY", "QQQ", "ZZZZ", "DIA", "DFEDTARU"],
        stooq=_stooq(server, timeout=0.2, retries=0),
        fred=_fred(server),
    )
    by = {i.symbol: i for i in result.items}
    assert result.status == "partial"
    assert by["IWM"].error is None and by["IWM"].new == 5
    assert by["DFEDTARU"].new == 5
    assert "HTTP 500" in (by["SPY"].error or "")
    assert "HTML page" in (by["QQQ"].error or "")
    assert by["ZZZZ"].empty and "no data" in (by["ZZZZ"].error or "")
    assert "timed out" in (by["DIA"].error or "")
    assert [b.close for b in load_bars(engine, "IWM")][-1] == 241.96
    assert load_rates(engine, "DFEDTARU")[-1].value == 4.25
    run = recent_runs(engine, "market", 1)[0]
    assert (run.status, run.items_new, run.items_failed) == ("partial", 10, 4)
    assert {e["item"] for e in json.loads(run.errors)} == {
        "stooq SPY",
        "stooq QQQ",
        "stooq ZZZZ",
        "stooq DIA",
    }


def test_update_from_stooq_keeps_stored_adj_close(
    server: FakeMarketServer, sqlite_url: str
) -> None:
    """Stooq has no adj_close: refreshing recent days must not blank the stored one."""
    engine = get_engine(sqlite_url)
    upsert_bars(
        engine,
        [
            PriceBar(
                symbol="IWM",
                date=dt.date(2025, 9, 30),
                close=241.96,
                adj_close=240.723123,
                open=241.11,
                high=242.13,
                low=239.4,
                volume=33447700,
            )
        ],
    )
    server.set(STOOQ, "iwm.us", Answer(body=_body("stooq_iwm.us.csv")))
    result = update_live(engine, provider="stooq", stooq=_stooq(server))
    assert result.status == "ok"
    item = result.items[0]
    assert (item.new, item.changed, item.unchanged) == (4, 0, 1)
    # no --since: starts a week before the last stored date
    assert server.requests[-1][1]["d1"] == "20250923"
    stored = {b.date: b for b in load_bars(engine, "IWM")}
    assert stored[dt.date(2025, 9, 30)].adj_close == 240.723123
    assert stored[dt.date(2025, 9, 29)].adj_close is None


def test_cli_update_reports_failures_without_traceback(
    server: FakeMarketServer, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.cli import app

    monkeypatch.setenv("THESISDESK_STOOQ_URL", server.url)
    monkeypatch.setenv("THESISDESK_FRED_URL", server.url)
    server.set(STOOQ, "iwm.us", Answer(body=_body("stooq_iwm.us.csv")))
    server.set(FRED, "DFF", Answer(body=_body("fred_dff_old_header.csv")))
    result = CliRunner().invoke(
        app,
        [
            "--db",
            sqlite_url,
            "market",
            "update",
            "-s",
            "IWM",
            "-s",
            "NOPE",
            "-s",
            "DFF",
            "--since",
            "2025-09-01",
            "--json",
        ],
    )
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    doc = json.loads(result.stdout.splitlines()[0])
    assert doc["status"] == "partial"
    assert [(i["symbol"], i["new"], bool(i["error"])) for i in doc["items"]] == [
        ("IWM", 5, False),
        ("NOPE", 0, True),
        ("DFF", 4, False),
    ]
    assert "HTTP 404" in result.stderr and "Traceback" not in result.output


def test_cli_update_rejects_bad_options(sqlite_url: str) -> None:
    from ui.cli import app

    runner = CliRunner()
    bad_date = runner.invoke(app, ["--db", sqlite_url, "market", "update", "--since", "yesterday"])
    assert bad_date.exit_code == 1 and "YYYY-MM-DD" in bad_date.stderr
    bad_provider = runner.invoke(app, ["--db", sqlite_url, "market", "update", "-p", "bloomberg"])
    assert bad_provider.exit_code == 1 and "stooq or fred" in bad_provider.stderr


def test_update_plan(sqlite_url: str) -> None:
    from ingest.market.sync import plan_update
    from store.market import upsert_rates
    from thesisdesk.records import RateObservation

    engine = get_engine(sqlite_url)
    upsert_bars(engine, [PriceBar(symbol="^RUT", date=dt.date(2025, 9, 26), close=2434.32)])
    upsert_rates(engine, [RateObservation(series_id="DGS2", date=dt.date(2025, 9, 26), value=3.6)])
    with StooqProvider("http://127.0.0.1:9") as stooq, FredProvider("http://127.0.0.1:9") as fred:
        plan = plan_update(engine, stooq=stooq, fred=fred)
        assert [(i.kind, i.symbol, i.provider.name, i.start) for i in plan] == [
            ("price", "^RUT", "stooq", dt.date(2025, 9, 19)),
            ("rate", "DFEDTARL", "fred", None),
            ("rate", "DFEDTARU", "fred", None),
            ("rate", "DFF", "fred", None),
            ("rate", "DGS2", "fred", dt.date(2025, 9, 19)),
        ]
        only = plan_update(engine, symbols=["iwm", "dff"], provider="fred", stooq=stooq, fred=fred)
        assert [(i.symbol, i.provider.name) for i in only] == [("DFF", "fred")]
        since = plan_update(engine, symbols=["IWM"], since=dt.date(2024, 1, 2), stooq=stooq)
        assert [(i.symbol, i.start) for i in since] == [("IWM", dt.date(2024, 1, 2))]
    with pytest.raises(ValueError, match="unknown provider"):
        plan_update(engine, provider="bloomberg")
