"""Market data behind one interface: a neutral bar/rate model, one adapter per provider.

``MarketProvider`` is the seam: ``CsvDirectoryProvider`` reads the offline files of
``shared/data/market``; live providers (Stooq prices, FRED rates) fetch over HTTP.
"""

from thesisdesk.ingest.market.base import EmptyDataError, MarketProvider, ProviderError
from thesisdesk.ingest.market.csvdir import CsvDirectoryProvider

__all__ = ["CsvDirectoryProvider", "EmptyDataError", "MarketProvider", "ProviderError"]
