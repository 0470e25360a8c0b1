"""Alpha Vantage daily bars: needs a free API key in ``ALPHAVANTAGE_API_KEY``.

``GET {base}/query?function=TIME_SERIES_DAILY&symbol=IWM&outputsize=compact|full&apikey=KEY``
answers ``{"Meta Data": {...}, "Time Series (Daily)": {"2025-01-02": {"1. open": "...",
"2. high": "...", "3. low": "...", "4. close": "...", "5. volume": "..."}, ...}}``. Failures
come back as HTTP 200 with ``{"Error Message": ...}`` (unknown symbol), or ``{"Note": ...}`` /
``{"Information": ...}`` (rate limit, premium-only request). Indices (``^RUT``) are not served.
"""

from __future__ import annotations

import datetime as dt
import json
import os

import httpx

from ingest.market.base import EmptyDataError, ProviderError, bars_in_window
from ingest.market.http import HttpProvider
from thesisdesk.records import PriceBar, RateObservation

DEFAULT_BASE_URL = "https://www.alphavantage.co"
BASE_URL_ENV = "THESISDESK_ALPHAVANTAGE_URL"
KEY_ENV = "ALPHAVANTAGE_API_KEY"
PATH = "/query"
#: The compact answer holds the latest 100 sessions; older starts need the full history.
COMPACT_DAYS = 140


class MissingKey(ProviderError):
    """The provider needs an API key that the environment does not hold."""


def build_query(
    symbol: str, start: dt.date | None, key: str, today: dt.date | None = None
) -> dict[str, str]:
    """Step 1: the query for one symbol; ``full`` only when the start is older than ~100
    sessions (the full answer is large)."""
    today = today or dt.date.today()
    compact = start is not None and (today - start).days <= COMPACT_DAYS
    return {
        "function": "TIME_SERIES_DAILY",
        "symbol": symbol.replace("-", "."),
        "outputsize": "compact" if compact else "full",
        "datatype": "json",
        "apikey": key,
    }


def _num(value: object) -> float | None:
    try:
        return float(str(value))
    except (TypeError, ValueError):
        return None


def parse_series(symbol: str, body: str) -> list[PriceBar]:
    """Step 3: the daily time series JSON -> ``PriceBar``s, ascending."""
    label = f"alphavantage {symbol}"
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise ProviderError(f"{label}: not JSON (starts {body[:60]!r})") from exc
    if not isinstance(data, dict):
        raise ProviderError(f"{label}: unexpected answer")
    if "Error Message" in data:
        raise EmptyDataError(f"{label}: {data['Error Message']}")
    for key in ("Note", "Information"):
        if key in data:
            raise ProviderError(f"{label}: {data[key]}")
    series = data.get("Time Series (Daily)")
    if not isinstance(series, dict):
        raise ProviderError(f"{label}: no 'Time Series (Daily)' in the answer")
    bars: list[PriceBar] = []
    for day_text, row in series.items():
        try:
            day = dt.date.fromisoformat(day_text)
        except ValueError:
            continue
        close = _num(row.get("4. close")) if isinstance(row, dict) else None
        if close is None or close <= 0:
            continue
        bars.append(
            PriceBar(
                symbol=symbol,
                date=day,
                open=_num(row.get("1. open")),
                high=_num(row.get("2. high")),
                low=_num(row.get("3. low")),
                close=close,
                adj_close=None,
                volume=_num(row.get("5. volume")),
            )
        )
    if not bars:
        raise EmptyDataError(f"{label}: the series has no rows")
    return sorted(bars, key=lambda b: b.date)


class AlphaVantageProvider(HttpProvider):
    """Daily bars for U.S. stocks and ETFs (no indices) with a key from the environment."""

    name = "alphavantage"
    default_base_url = DEFAULT_BASE_URL
    base_url_env = BASE_URL_ENV

    def __init__(
        self,
        base_url: str | None = None,
        *,
        api_key: str | None = None,
        client: httpx.Client | None = None,
        timeout: float | httpx.Timeout | None = None,
        retries: int = 1,
        retry_wait_s: float = 1.0,
    ) -> None:
        key = api_key or os.environ.get(KEY_ENV)
        if not key:
            raise MissingKey(f"alphavantage: needs an API key, set {KEY_ENV}")
        self.api_key = key
        super().__init__(
            base_url,
            client=client,
            timeout=timeout,
            retries=retries,
            retry_wait_s=retry_wait_s,
        )

    def price_symbols(self) -> list[str]:
        return []

    def rate_series(self) -> list[str]:
        return []

    def bars(
        self, symbol: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[PriceBar]:
        symbol = symbol.strip().upper()
        if symbol.startswith("^"):
            raise EmptyDataError(f"alphavantage {symbol}: indices are not served")
        body = self._get(PATH, build_query(symbol, start, self.api_key), f"alphavantage {symbol}")
        return bars_in_window(parse_series(symbol, body), start, end, f"alphavantage {symbol}")

    def rates(
        self, series_id: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[RateObservation]:
        raise ProviderError(f"alphavantage gives prices, not rate series ({series_id})")
