"""Which index a level in points can be: where each index traded around the article's date.

"Our desk sees support at 2,400 and a year-end target of 2,650", paragraphs after the S&P
500 was last named, is about the Russell 2000: the S&P 500 has not been near 2,400 since 2016.
The sentence machinery picks the subject a level's words point to; this module says whether
that subject's own closes make the figure a plausible level of it, so an implausible one can
go to another index the article names (``nlp.extract``). It reads the closes from the market
data directory (``thesisdesk.settings.data_dir``, the same files the checker reads) and says
nothing (None) where it has no data: the rules' choice then stands.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
from functools import lru_cache

from ingest.market.base import ProviderError
from ingest.market.csvdir import CsvDirectoryProvider
from thesisdesk import settings

log = logging.getLogger(__name__)

#: A level within this factor of the index's close (either way) can be one of its levels:
#: targets and supports a year out, and records, sit well inside it; another index of a
#: different order of magnitude does not.
PLAUSIBLE_FACTOR = 1.6


@lru_cache(maxsize=1)
def _provider() -> CsvDirectoryProvider | None:
    data = settings.data_dir()
    if data is None or not (data / "market").is_dir():
        return None
    try:
        return CsvDirectoryProvider(data / "market")
    except ProviderError as exc:  # an unreadable directory: no scale, the rules decide
        log.info("no market data for level scales: %s", exc)
        return None


@lru_cache(maxsize=64)
def _closes(symbol: str) -> tuple[list[int], list[float]] | None:
    provider = _provider()
    if provider is None or symbol not in provider.price_symbols():
        return None
    try:
        rows = provider.bar_dicts(symbol)
    except ProviderError as exc:
        log.info("no closes for %s: %s", symbol, exc)
        return None
    rows = [r for r in rows if r.get("close")]
    if not rows:
        return None
    return [r["date"].toordinal() for r in rows], [float(r["close"]) for r in rows]


def close_near(symbol: str, day: dt.date) -> float | None:
    """The close on or before ``day`` (or the first one after it), None without data."""
    got = _closes(symbol)
    if got is None:
        return None
    days, closes = got
    i = bisect.bisect_right(days, day.toordinal()) - 1
    if i < 0:
        i = 0
    if abs(days[i] - day.toordinal()) > 400:  # the file does not reach that year
        return None
    return closes[i]


def fits(symbol: str, value: float, day: dt.date) -> bool | None:
    """Whether ``value`` can be a level of ``symbol`` around ``day``; None: no data to say."""
    close = close_near(symbol, day)
    if close is None or close <= 0 or value <= 0:
        return None
    return 1 / PLAUSIBLE_FACTOR <= value / close <= PLAUSIBLE_FACTOR
