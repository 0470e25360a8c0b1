"""The provider interface every market-data adapter implements."""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from typing import Any

from thesisdesk.records import PriceBar, RateObservation


class ProviderError(Exception):
    """A provider could not answer (network, format, unknown symbol)."""


class EmptyDataError(ProviderError):
    """The provider answered, but with no rows for the request."""


def bars_in_window(
    bars: list[PriceBar], start: dt.date | None, end: dt.date | None, what: str
) -> list[PriceBar]:
    """The bars between ``start`` and ``end`` (a provider may answer wider than asked);
    none is an ``EmptyDataError`` naming ``what`` ("stooq IWM")."""
    kept = [b for b in bars if (not start or b.date >= start) and (not end or b.date <= end)]
    if not kept:
        raise EmptyDataError(f"{what}: no rows between {start} and {end}")
    return kept


class MarketProvider(ABC):
    """Daily price bars and rate observations, in the neutral records of ``records``."""

    name: str = "provider"

    @abstractmethod
    def price_symbols(self) -> list[str]:
        """Symbols this provider can give bars for (may be empty for open-ended ones)."""

    @abstractmethod
    def rate_series(self) -> list[str]:
        """Rate series ids this provider can give (FRED ids)."""

    @abstractmethod
    def bars(
        self, symbol: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[PriceBar]:
        """Daily bars for ``symbol`` (canonical form: ``IWM``, ``^RUT``), ascending by date."""

    @abstractmethod
    def rates(
        self, series_id: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[RateObservation]:
        """Observations of ``series_id`` (``DFEDTARU``, ``DFF``...), ascending by date."""

    def bar_dicts(
        self, symbol: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[dict[str, Any]]:
        """``bars`` as plain dicts with every ``PriceBar`` field, for bulk imports.

        A provider that parses large files overrides this to skip building (and
        validating) one pydantic object per row; the store writes dicts anyway.
        """
        return [dict(b.__dict__) for b in self.bars(symbol, start, end)]

    def rate_dicts(
        self, series_id: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[dict[str, Any]]:
        """``rates`` as plain dicts (``series_id``, ``date``, ``value``), for bulk imports."""
        return [dict(o.__dict__) for o in self.rates(series_id, start, end)]
