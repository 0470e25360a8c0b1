"""Providers in order of preference: the first that answers wins, every failure is stated.

``chain("prices", ["stooq", "yahoo", "alphavantage"])`` builds the adapters by name; one that
cannot even start (an API key missing from the environment) is kept as a stated failure,
so a summary says "alphavantage: needs an API key, set ALPHAVANTAGE_API_KEY" instead of
silently skipping it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ingest.market.alphavantage import AlphaVantageProvider
from ingest.market.base import EmptyDataError, MarketProvider, ProviderError
from ingest.market.fred import FredProvider
from ingest.market.nyfed import NyFedProvider
from ingest.market.stooq import StooqProvider
from ingest.market.yahoo import YahooProvider
from thesisdesk.records import PriceBar, RateObservation

#: Adapters by name; the README lists which need a key.
PRICE_PROVIDERS: dict[str, Callable[..., MarketProvider]] = {
    "stooq": StooqProvider,
    "yahoo": YahooProvider,
    "alphavantage": AlphaVantageProvider,
}
RATE_PROVIDERS: dict[str, Callable[..., MarketProvider]] = {
    "fred": FredProvider,
    "nyfed": NyFedProvider,
}
DEFAULT_PRICE_ORDER = ("stooq", "yahoo", "alphavantage")
DEFAULT_RATE_ORDER = ("fred", "nyfed")


@dataclass
class Answer:
    """What a chain returned for one request: rows, who answered, who failed before."""

    provider: str
    rows: list[dict[str, Any]]
    failures: list[str] = field(default_factory=list)


class FallbackProvider(MarketProvider):
    """Asks its providers in order; raises only when all of them failed (naming each)."""

    name = "fallback"

    def __init__(self, providers: Sequence[MarketProvider], broken: Sequence[str] = ()) -> None:
        self.providers = list(providers)
        #: providers that could not be built ("alphavantage: needs an API key ...")
        self.broken = list(broken)
        self.name = "+".join(p.name for p in self.providers) or "none"

    def price_symbols(self) -> list[str]:
        return sorted({s for p in self.providers for s in p.price_symbols()})

    def rate_series(self) -> list[str]:
        return sorted({s for p in self.providers for s in p.rate_series()})

    def _ask(self, what: str, call: Callable[[MarketProvider], list[dict[str, Any]]]) -> Answer:
        failures: list[str] = []
        all_empty = True
        for provider in self.providers:
            try:
                rows = call(provider)
            except EmptyDataError as exc:
                failures.append(str(exc))
                continue
            except ProviderError as exc:
                failures.append(str(exc))
                all_empty = False
                continue
            except Exception as exc:  # an adapter bug must not hide the next provider
                failures.append(f"{provider.name} {what}: {type(exc).__name__}: {exc}")
                all_empty = False
                continue
            return Answer(provider.name, rows, failures + self.broken)
        failures += self.broken
        message = f"{what}: every provider failed: " + "; ".join(failures or ["none configured"])
        if all_empty and self.providers:
            raise EmptyDataError(message)
        raise ProviderError(message)

    def bar_answer(self, symbol: str, start: dt.date | None, end: dt.date | None) -> Answer:
        return self._ask(symbol, lambda p: p.bar_dicts(symbol, start, end))

    def rate_answer(self, series_id: str, start: dt.date | None, end: dt.date | None) -> Answer:
        return self._ask(series_id, lambda p: p.rate_dicts(series_id, start, end))

    def bars(
        self, symbol: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[PriceBar]:
        return [PriceBar(**r) for r in self.bar_answer(symbol, start, end).rows]

    def rates(
        self, series_id: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[RateObservation]:
        return [RateObservation(**r) for r in self.rate_answer(series_id, start, end).rows]

    def close(self) -> None:
        for p in self.providers:
            close = getattr(p, "close", None)
            if close is not None:
                close()


def chain(kind: str, names: Sequence[str], **options: Any) -> FallbackProvider:
    """The providers named, in order, for ``kind`` ``prices`` or ``rates``; unknown names
    raise ``ValueError`` (a typo in the settings file should not pass silently)."""
    table = PRICE_PROVIDERS if kind == "prices" else RATE_PROVIDERS
    unknown = [n for n in names if n not in table]
    if unknown:
        raise ValueError(f"unknown {kind} provider(s) {unknown}: choose from {sorted(table)}")
    providers: list[MarketProvider] = []
    broken: list[str] = []
    for name in names:
        try:
            providers.append(table[name](**options))
        except ProviderError as exc:
            broken.append(str(exc))
    return FallbackProvider(providers, broken)
