"""Market data behind one interface: a neutral bar/rate model, one adapter per provider.

``MarketProvider`` is the seam: ``CsvDirectoryProvider`` reads the offline files of
``shared/data/market``; live providers (``StooqProvider`` for daily prices,
``FredProvider`` for rate series) fetch over HTTP. Each adapter works in three steps:
build the query, fetch, map to ``PriceBar`` / ``RateObservation``. ``sync`` moves what a
provider gives into the store (``import_directory``, ``update_live``).

Errors::

    ProviderError        the provider could not answer: network, timeout, HTTP status,
    │                    a body that is not the expected CSV, an unreadable file
    └── EmptyDataError   it answered, with no rows ("No data", an empty range)
"""

from ingest.market.base import EmptyDataError, MarketProvider, ProviderError
from ingest.market.csvdir import CsvDirectoryProvider
from ingest.market.fred import FredProvider
from ingest.market.stooq import StooqProvider

__all__ = [
    "CsvDirectoryProvider",
    "EmptyDataError",
    "FredProvider",
    "MarketProvider",
    "ProviderError",
    "StooqProvider",
]
