"""FRED rate series over HTTP, in three steps: build the query, fetch, map to observations.

``GET {base}/graph/fredgraph.csv?id=DFEDTARU[&cosd=YYYY-MM-DD&coed=YYYY-MM-DD]`` answers a
two-column CSV. The header is ``observation_date,DFEDTARU`` (the older form is
``DATE,DFEDTARU``); a missing value is written ``.`` (or left empty) and is skipped, never
read as zero. Values are in percent, as FRED gives them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from ingest.market.base import EmptyDataError, ProviderError
from ingest.market.http import HttpProvider
from thesisdesk.records import PriceBar, RateObservation

DEFAULT_BASE_URL = "https://fred.stlouisfed.org"
#: Overrides the base URL (a mirror, or a local server in tests of the CLI).
BASE_URL_ENV = "THESISDESK_FRED_URL"
PATH = "/graph/fredgraph.csv"

#: The series ``market update`` keeps fresh: the Fed's target range and the effective rate.
DEFAULT_SERIES = ("DFEDTARU", "DFEDTARL", "DFF")
#: Other FRED series the product reads (in the offline snapshot too).
KNOWN_SERIES = (*DEFAULT_SERIES, "FEDFUNDS", "DGS10", "DGS2")

_DATE_HEADERS = {"observation_date", "date"}


def build_query(series_id: str, start: dt.date | None, end: dt.date | None) -> dict[str, str]:
    """Step 1: the query string for one series and date range."""
    params = {"id": series_id}
    if start:
        params["cosd"] = start.isoformat()
    if end:
        params["coed"] = end.isoformat()
    return params


def parse_csv(series_id: str, body: str) -> list[RateObservation]:
    """Step 3: fredgraph CSV -> ``RateObservation``s, ascending, missing values dropped."""
    label = f"fred {series_id}"
    text = body.lstrip("\ufeff").strip()
    if not text:
        raise EmptyDataError(f"{label}: empty answer")
    reader = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(reader, [])]
    if len(header) < 2 or header[0].lower() not in _DATE_HEADERS:
        snippet = " ".join(text[:80].split())
        raise ProviderError(f"{label}: not a FRED CSV (starts {snippet!r})")
    upper = [h.upper() for h in header]
    i_value = upper.index(series_id) if series_id in upper else 1
    out: dict[dt.date, RateObservation] = {}
    for row in reader:
        if len(row) <= i_value:
            continue
        try:
            day = dt.date.fromisoformat(row[0].strip())
            value = float(row[i_value].strip())
        except ValueError:  # "." marks a missing value; garbage rows are skipped too
            continue
        out[day] = RateObservation(series_id=series_id, date=day, value=value)
    if not out:
        raise EmptyDataError(f"{label}: no observations in the answer")
    return [out[d] for d in sorted(out)]


class FredProvider(HttpProvider):
    """Rate series from FRED's public CSV download (no API key needed)."""

    name = "fred"
    default_base_url = DEFAULT_BASE_URL
    base_url_env = BASE_URL_ENV

    def price_symbols(self) -> list[str]:
        return []

    def rate_series(self) -> list[str]:
        return list(DEFAULT_SERIES)

    def bars(
        self, symbol: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[PriceBar]:
        raise ProviderError(f"fred gives rate series, not prices ({symbol}): use stooq")

    def rates(
        self, series_id: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[RateObservation]:
        series_id = series_id.strip().upper()
        body = self._get(PATH, build_query(series_id, start, end), f"fred {series_id}")
        obs = parse_csv(series_id, body)
        obs = [o for o in obs if (not start or o.date >= start) and (not end or o.date <= end)]
        if not obs:
            raise EmptyDataError(f"fred {series_id}: no observations between {start} and {end}")
        return obs
