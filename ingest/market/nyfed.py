"""The New York Fed's Markets Data API: the Fed's target range and the effective rate, no key.

``GET {base}/api/rates/unsecured/effr/search.json?startDate=YYYY-MM-DD&endDate=YYYY-MM-DD``
(or ``.../effr/last/N.json``) answers ``{"refRates": [{"effectiveDate": "2025-01-02",
"type": "EFFR", "percentRate": 4.33, ..., "targetRateFrom": 4.25, "targetRateTo": 4.50}]}``.
One answer gives three FRED series: ``DFEDTARL`` (targetRateFrom), ``DFEDTARU``
(targetRateTo) and ``DFF`` (percentRate), on business days only (FRED fills weekends).
"""

from __future__ import annotations

import datetime as dt
import json

from ingest.market.base import EmptyDataError, ProviderError
from ingest.market.http import HttpProvider
from thesisdesk.records import PriceBar, RateObservation

DEFAULT_BASE_URL = "https://markets.newyorkfed.org"
BASE_URL_ENV = "THESISDESK_NYFED_URL"
SEARCH_PATH = "/api/rates/unsecured/effr/search.json"
LAST_PATH = "/api/rates/unsecured/effr/last/{n}.json"
#: FRED id -> the field of an EFFR record that carries it.
FIELDS = {"DFEDTARL": "targetRateFrom", "DFEDTARU": "targetRateTo", "DFF": "percentRate"}
LAST_N = 30  # no start date: the latest month of business days


def build_request(start: dt.date | None, end: dt.date | None) -> tuple[str, dict[str, str]]:
    """Step 1: (path, query) for a date range, or the latest ``LAST_N`` without a start."""
    if start is None:
        return LAST_PATH.format(n=LAST_N), {}
    return SEARCH_PATH, {
        "startDate": start.isoformat(),
        "endDate": (end or dt.date.today()).isoformat(),
    }


def parse_effr(series_id: str, body: str) -> list[RateObservation]:
    """Step 3: the EFFR JSON -> observations of ``series_id``, ascending."""
    label = f"nyfed {series_id}"
    field = FIELDS[series_id]
    try:
        rows = json.loads(body)["refRates"]
    except (ValueError, KeyError, TypeError) as exc:
        snippet = " ".join(body[:80].split())
        raise ProviderError(f"{label}: not an EFFR answer (starts {snippet!r})") from exc
    out: dict[dt.date, RateObservation] = {}
    for row in rows or []:
        try:
            day = dt.date.fromisoformat(str(row["effectiveDate"]))
            value = float(row[field])
        except (KeyError, TypeError, ValueError):
            continue
        out[day] = RateObservation(series_id=series_id, date=day, value=value)
    if not out:
        raise EmptyDataError(f"{label}: no observations in the answer")
    return [out[d] for d in sorted(out)]


class NyFedProvider(HttpProvider):
    """DFEDTARU / DFEDTARL / DFF from the NY Fed's EFFR publication."""

    name = "nyfed"
    default_base_url = DEFAULT_BASE_URL
    base_url_env = BASE_URL_ENV

    def price_symbols(self) -> list[str]:
        return []

    def rate_series(self) -> list[str]:
        return list(FIELDS)

    def bars(
        self, symbol: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[PriceBar]:
        raise ProviderError(f"nyfed gives rates, not prices ({symbol})")

    def rates(
        self, series_id: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[RateObservation]:
        series_id = series_id.strip().upper()
        if series_id not in FIELDS:
            raise EmptyDataError(f"nyfed {series_id}: only {', '.join(FIELDS)} are published")
        path, query = build_request(start, end)
        obs = parse_effr(series_id, self._get(path, query, f"nyfed {series_id}"))
        obs = [o for o in obs if (not start or o.date >= start) and (not end or o.date <= end)]
        if not obs:
            raise EmptyDataError(f"nyfed {series_id}: no observations between {start} and {end}")
        return obs
