"""The provider interface every market-data adapter implements."""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod

from thesisdesk.records import PriceBar, RateObservation


class ProviderError(Exception):
    """A provider could not answer (network, format, unknown symbol)."""


class EmptyDataError(ProviderError):
    """The provider answered, but with no rows for the request."""


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
