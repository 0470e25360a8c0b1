"""Stooq daily prices over HTTP, in three steps: build the query, fetch, map to ``PriceBar``.

``GET {base}/q/d/l/?s=iwm.us&i=d[&d1=YYYYMMDD&d2=YYYYMMDD]`` answers
``Date,Open,High,Low,Close,Volume`` (ascending), or the body ``No data`` for an unknown
symbol. Stooq spells symbols its own way: U.S. stocks and ETFs lower-case with ``.us``
(``brk-b.us``), indices with their own names (``^spx`` for Yahoo's ``^GSPC``). Its closes are
split-adjusted but not dividend-adjusted, so ``adj_close`` is left empty.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping

import httpx

from ingest.market.base import EmptyDataError, ProviderError, bars_in_window
from ingest.market.http import HttpProvider
from thesisdesk.records import PriceBar, RateObservation

DEFAULT_BASE_URL = "https://stooq.com"
#: Overrides the base URL (a mirror, or a local server in tests of the CLI).
BASE_URL_ENV = "THESISDESK_STOOQ_URL"
PATH = "/q/d/l/"

#: Canonical (Yahoo-style) index symbol -> Stooq symbol. Only names checked against Stooq.
INDEX_SYMBOLS = {
    "^GSPC": "^spx",
    "^SPX": "^spx",
    "^RUT": "^rut",
    "^NDX": "^ndx",
    "^DJI": "^dji",
    "^IXIC": "^ndq",
}
_FROM_STOOQ = {
    "^spx": "^GSPC",
    "^rut": "^RUT",
    "^ndx": "^NDX",
    "^dji": "^DJI",
    "^ndq": "^IXIC",
}

#: Answers Stooq gives instead of a CSV, and what they mean.
_NO_DATA = ("no data",)
_LIMIT = ("exceeded the daily hits limit",)


def to_stooq(symbol: str) -> str:
    """``IWM`` -> ``iwm.us``, ``BRK.B`` -> ``brk-b.us``, ``^GSPC`` -> ``^spx``."""
    sym = symbol.strip().upper()
    if sym in INDEX_SYMBOLS:
        return INDEX_SYMBOLS[sym]
    if sym.startswith("^"):
        return sym.lower()
    if "." in sym and sym.rsplit(".", 1)[1] in {"US", "UK", "DE", "JP", "HK"}:
        return sym.lower()  # already carries a Stooq market suffix
    return sym.replace(".", "-").replace("/", "-").lower() + ".us"


def from_stooq(stooq_symbol: str) -> str:
    """``iwm.us`` -> ``IWM``, ``^spx`` -> ``^GSPC`` (the inverse of :func:`to_stooq`)."""
    sym = stooq_symbol.strip().lower()
    if sym in _FROM_STOOQ:
        return _FROM_STOOQ[sym]
    if sym.endswith(".us"):
        sym = sym[:-3]
    return sym.upper()


def build_query(symbol: str, start: dt.date | None, end: dt.date | None) -> dict[str, str]:
    """Step 1: the query string for one symbol and date range."""
    params = {"s": to_stooq(symbol), "i": "d"}
    if start:
        params["d1"] = start.strftime("%Y%m%d")
    if end:
        params["d2"] = end.strftime("%Y%m%d")
    return params


def _num(cell: str | None) -> float | None:
    if cell is None:
        return None
    cell = cell.strip()
    if not cell or cell.upper() in {"N/D", "NA", "NULL"}:
        return None
    try:
        return float(cell)
    except ValueError:
        return None


def parse_csv(symbol: str, body: str) -> list[PriceBar]:
    """Step 3: Stooq's CSV -> ``PriceBar``s for ``symbol`` (canonical form), ascending."""
    text = body.lstrip("\ufeff").strip()
    label = f"stooq {symbol}"
    if not text or text.lower().startswith(_NO_DATA):
        raise EmptyDataError(f"{label}: no data (unknown symbol or empty range)")
    if text.lower().startswith(_LIMIT):
        raise ProviderError(f"{label}: Stooq's daily request limit is exhausted")
    if text.startswith("<"):
        raise ProviderError(
            f"{label}: not a Stooq price CSV but an HTML page (a browser check or an API-key "
            "request: Stooq has restricted automated downloads; see StooqProvider)"
        )
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().lower() for h in next(reader, [])]
    if "date" not in header or "close" not in header:
        snippet = " ".join(text[:80].split())
        raise ProviderError(f"{label}: not a Stooq price CSV (starts {snippet!r})")
    col = {name: i for i, name in enumerate(header)}
    bars: dict[dt.date, PriceBar] = {}
    for row in reader:
        cells = dict(zip(header, row, strict=False))
        try:
            day = dt.date.fromisoformat(cells.get("date", "").strip())
        except ValueError:
            continue
        close = _num(cells.get("close"))
        if close is None or close <= 0:
            continue
        bars[day] = PriceBar(
            symbol=symbol,
            date=day,
            close=close,
            adj_close=None,
            open=_num(cells.get("open")),
            high=_num(cells.get("high")),
            low=_num(cells.get("low")),
            volume=_num(cells.get("volume")) if "volume" in col else None,
        )
    if not bars:
        raise EmptyDataError(f"{label}: the answer has a header but no usable rows")
    return [bars[d] for d in sorted(bars)]


class StooqProvider(HttpProvider):
    """Daily bars for any symbol Stooq knows; no rates (use FRED for those).

    Since 2026 Stooq answers some non-browser clients with an HTML check page (HTTP 200)
    or asks for an API key; the page is reported as a ``ProviderError`` naming it, and
    ``extra_params`` (e.g. a key, under whatever name Stooq gives it) is added to every
    query without a code change.
    """

    name = "stooq"
    default_base_url = DEFAULT_BASE_URL
    base_url_env = BASE_URL_ENV

    def __init__(
        self,
        base_url: str | None = None,
        *,
        client: httpx.Client | None = None,
        timeout: float | httpx.Timeout | None = None,
        retries: int = 1,
        retry_wait_s: float = 1.0,
        extra_params: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(
            base_url,
            client=client,
            timeout=timeout,
            retries=retries,
            retry_wait_s=retry_wait_s,
        )
        self.extra_params = dict(extra_params or {})

    def price_symbols(self) -> list[str]:
        return []  # open-ended: whatever Stooq knows

    def rate_series(self) -> list[str]:
        return []

    def bars(
        self, symbol: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[PriceBar]:
        symbol = symbol.strip().upper()
        query = {**build_query(symbol, start, end), **self.extra_params}
        body = self._get(PATH, query, f"stooq {symbol}")
        # Stooq ignores d1/d2 it cannot honour; keep the promise of the interface anyway.
        return bars_in_window(parse_csv(symbol, body), start, end, f"stooq {symbol}")

    def rates(
        self, series_id: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[RateObservation]:
        raise ProviderError(f"stooq gives prices, not rate series ({series_id}): use fred")
