"""Yahoo Finance's public chart API: daily bars with no account or key.

``GET {base}/v8/finance/chart/{symbol}?period1=EPOCH&period2=EPOCH&interval=1d&events=history``
answers ``{"chart": {"result": [{"meta": {...}, "timestamp": [...], "indicators": {"quote":
[{"open": [...], "high": [...], "low": [...], "close": [...], "volume": [...]}], "adjclose":
[{"adjclose": [...]}]}}], "error": null}}``; an unknown symbol is HTTP 404 with
``{"chart": {"result": null, "error": {"code": "Not Found", "description": ...}}}``.
Timestamps are the session's open in UTC seconds; ``meta.gmtoffset`` turns them into the
exchange's trading day. A ``null`` close (a halted or not yet settled day) is skipped.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import quote

from ingest.market.base import EmptyDataError, ProviderError, bars_in_window
from ingest.market.http import HttpProvider
from thesisdesk.records import PriceBar, RateObservation

DEFAULT_BASE_URL = "https://query1.finance.yahoo.com"
BASE_URL_ENV = "THESISDESK_YAHOO_URL"
PATH = "/v8/finance/chart/"


def _epoch(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def build_query(start: dt.date | None, end: dt.date | None) -> dict[str, str]:
    """Step 1: the query string (the symbol goes in the path)."""
    params = {"interval": "1d", "events": "history", "includeAdjustedClose": "true"}
    if start or end:
        first = start or dt.date(1970, 1, 2)
        last = (end or dt.date.today()) + dt.timedelta(days=1)
        params["period1"], params["period2"] = str(_epoch(first)), str(_epoch(last))
    else:
        params["range"] = "max"
    return params


def _at(values: list[Any] | None, i: int) -> float | None:
    if not values or i >= len(values) or values[i] is None:
        return None
    try:
        return float(values[i])
    except (TypeError, ValueError):
        return None


def parse_chart(symbol: str, body: str) -> list[PriceBar]:
    """Step 3: chart JSON -> ``PriceBar``s, ascending."""
    label = f"yahoo {symbol}"
    try:
        data = json.loads(body)
        chart = data["chart"]
    except (ValueError, KeyError, TypeError) as exc:
        snippet = " ".join(body[:80].split())
        raise ProviderError(f"{label}: not a chart answer (starts {snippet!r})") from exc
    if chart.get("error"):
        err = chart["error"]
        raise EmptyDataError(f"{label}: {err.get('code')}: {err.get('description')}")
    results = chart.get("result") or []
    if not results:
        raise EmptyDataError(f"{label}: no result")
    res = results[0]
    offset = int((res.get("meta") or {}).get("gmtoffset") or 0)
    stamps = res.get("timestamp") or []
    quotes = ((res.get("indicators") or {}).get("quote") or [{}])[0]
    adj = ((res.get("indicators") or {}).get("adjclose") or [{}])[0].get("adjclose")
    bars: dict[dt.date, PriceBar] = {}
    for i, stamp in enumerate(stamps):
        close = _at(quotes.get("close"), i)
        if close is None or close <= 0:
            continue
        day = dt.datetime.fromtimestamp(int(stamp) + offset, dt.UTC).date()
        bars[day] = PriceBar(
            symbol=symbol,
            date=day,
            open=_at(quotes.get("open"), i),
            high=_at(quotes.get("high"), i),
            low=_at(quotes.get("low"), i),
            close=close,
            adj_close=_at(adj, i),
            volume=_at(quotes.get("volume"), i),
        )
    if not bars:
        raise EmptyDataError(f"{label}: the answer has no closes")
    return [bars[d] for d in sorted(bars)]


class YahooProvider(HttpProvider):
    """Daily bars (with dividend-adjusted closes) for stocks, ETFs and ``^`` indices."""

    name = "yahoo"
    default_base_url = DEFAULT_BASE_URL
    base_url_env = BASE_URL_ENV

    def price_symbols(self) -> list[str]:
        return []

    def rate_series(self) -> list[str]:
        return []

    def bars(
        self, symbol: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[PriceBar]:
        symbol = symbol.strip().upper()
        body = self._get(
            PATH + quote(symbol.replace(".", "-"), safe=""),
            build_query(start, end),
            f"yahoo {symbol}",
        )
        return bars_in_window(parse_chart(symbol, body), start, end, f"yahoo {symbol}")

    def rates(
        self, series_id: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[RateObservation]:
        raise ProviderError(f"yahoo gives prices, not rate series ({series_id})")
