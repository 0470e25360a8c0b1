"""Providers into the store: a directory import, a live update (Stooq, FRED, or a fallback
chain of providers: ``ingest.market.fallback``).

Each symbol or series is one item: fetched, then upserted in its own transaction. A
failing item (HTTP 500, timeout, "No data", a garbage body, an unreadable file) is
recorded with its message and the others go on. Every run leaves one ``IngestRun`` row
(kind ``market``) with the counts and the errors.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from ingest.market.base import EmptyDataError, MarketProvider, ProviderError
from ingest.market.csvdir import CsvDirectoryProvider
from ingest.market.fallback import PRICE_PROVIDERS, RATE_PROVIDERS, FallbackProvider
from ingest.market.fred import DEFAULT_SERIES, KNOWN_SERIES, FredProvider
from ingest.market.stooq import StooqProvider
from store import market as store
from store import runs

#: A live update re-reads this many days before the last stored date, so that late
#: corrections at the source (FRED revisions, a corrected close) reach the store.
OVERLAP_DAYS = 7


@dataclass(frozen=True)
class Item:
    """One unit of work: a price symbol or a rate series, from one provider."""

    kind: str  # price | rate
    symbol: str
    provider: MarketProvider
    start: dt.date | None = None
    end: dt.date | None = None

    def __str__(self) -> str:
        return f"{self.provider.name} {self.symbol}"


@dataclass
class ItemResult:
    kind: str
    symbol: str
    provider: str
    rows: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    first: dt.date | None = None
    last: dt.date | None = None
    error: str | None = None
    empty: bool = False  # the provider answered, but with no rows
    #: providers of a fallback chain that failed before ``provider`` answered (stated)
    fallbacks: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class SyncResult:
    """What one import or update did, item by item."""

    target: str
    items: list[ItemResult] = field(default_factory=list)
    run_id: int | None = None
    seconds: float = 0.0

    @property
    def failed(self) -> list[ItemResult]:
        return [i for i in self.items if i.error]

    @property
    def status(self) -> str:
        if not self.failed:
            return "ok"
        return "failed" if len(self.failed) == len(self.items) else "partial"

    def total(self, name: str) -> int:
        return sum(int(getattr(i, name)) for i in self.items)

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "run_id": self.run_id,
            "status": self.status,
            "seconds": round(self.seconds, 3),
            "rows": self.total("rows"),
            "new": self.total("new"),
            "changed": self.total("changed"),
            "unchanged": self.total("unchanged"),
            "failed": len(self.failed),
            "items": [i.to_dict() for i in self.items],
        }


Iterate = Callable[[Sequence[Item]], Iterable[Item]]


def _fetch(item: Item, res: ItemResult) -> tuple[str, list[dict[str, Any]]]:
    """The item's rows and the name of the provider that gave them; a fallback chain's
    earlier failures are noted on ``res`` even when a later provider answered."""
    provider = item.provider
    if isinstance(provider, FallbackProvider):
        ask = provider.bar_answer if item.kind == "price" else provider.rate_answer
        answer = ask(item.symbol, item.start, item.end)  # all failed: the error names each
        res.provider, res.fallbacks = answer.provider, answer.failures
        return answer.provider, answer.rows
    if item.kind == "price":
        return provider.name, provider.bar_dicts(item.symbol, item.start, item.end)
    return provider.name, provider.rate_dicts(item.symbol, item.start, item.end)


def run_items(
    engine: Engine, items: Sequence[Item], target: str, *, iterate: Iterate | None = None
) -> SyncResult:
    """Fetch and store every item, recording failures per item and one ``IngestRun``."""
    t0 = time.perf_counter()
    result = SyncResult(target=target, run_id=runs.start_run(engine, "market", target))
    for item in (iterate or iter)(items):
        res = ItemResult(item.kind, item.symbol, item.provider.name)
        try:
            if item.kind == "price":
                name, bars = _fetch(item, res)
                counts = store.upsert_bars(engine, bars, name)
                dates = [b["date"] for b in bars]
            elif item.kind == "rate":
                name, obs = _fetch(item, res)
                counts = store.upsert_rates(engine, obs, name)
                dates = [o["date"] for o in obs]
            else:
                problems = getattr(item.provider, "problems", {})
                raise ProviderError(problems.get(item.symbol, f"{item}: unknown kind of data"))
        except EmptyDataError as exc:
            res.error, res.empty = str(exc), True
        except ProviderError as exc:
            res.error = str(exc)
        except Exception as exc:  # one bad item never stops the batch
            res.error = f"{item}: {type(exc).__name__}: {exc}"
        else:
            res.rows = counts.seen
            res.new, res.changed, res.unchanged = counts.new, counts.changed, counts.unchanged
            res.first, res.last = (min(dates), max(dates)) if dates else (None, None)
        result.items.append(res)
    result.seconds = time.perf_counter() - t0
    runs.finish_run(
        engine,
        result.run_id,  # type: ignore[arg-type]
        seen=result.total("rows"),
        new=result.total("new") + result.total("changed"),
        duplicate=result.total("unchanged"),
        failed=len(result.failed),
        errors=[
            {"item": f"{i.provider} {i.symbol}", "error": i.error or ""} for i in result.failed
        ],
        status=result.status,
    )
    return result


def import_directory(
    engine: Engine, directory: str | Path, *, iterate: Iterate | None = None
) -> SyncResult:
    """Every price and rate file of a market CSV directory into the store (idempotent)."""
    provider = CsvDirectoryProvider(directory)
    items = [Item("price", s, provider) for s in provider.price_symbols()]
    items += [Item("rate", s, provider) for s in provider.rate_series()]
    # files that could not even be classified are failed items of the same run
    items += [Item("unknown", s, provider) for s in sorted(provider.problems)]
    return run_items(engine, items, str(Path(directory).resolve()), iterate=iterate)


def plan_update(
    engine: Engine,
    *,
    symbols: Sequence[str] = (),
    provider: str | None = None,
    since: dt.date | None = None,
    stooq: MarketProvider | None = None,
    fred: MarketProvider | None = None,
) -> list[Item]:
    """The items of a live update.

    Without ``symbols``: every price symbol the store holds (from Stooq) and every rate
    series it holds plus DFEDTARU/DFEDTARL/DFF (from FRED). A symbol that is a FRED id
    goes to FRED, anything else to Stooq. ``provider`` asks only that adapter (any name of
    ``PRICE_PROVIDERS`` / ``RATE_PROVIDERS``: ``yahoo`` for prices, ``nyfed`` for the target
    range ...) and only for its kind of data. Each item starts at ``since``, else a week
    before its last stored date, else at the start.
    """
    known = sorted({*PRICE_PROVIDERS, *RATE_PROVIDERS})
    if provider is not None and provider not in known:
        raise ValueError(f"unknown provider {provider!r} (stooq or fred, or {', '.join(known)})")
    stored_rates = set(store.stored_rate_series(engine))
    if symbols:
        wanted = [s.strip().upper() for s in symbols if s.strip()]
        prices = [s for s in wanted if s not in stored_rates and s not in KNOWN_SERIES]
        rates = [s for s in wanted if s in stored_rates or s in KNOWN_SERIES]
    else:
        prices = store.stored_price_symbols(engine)
        rates = sorted(stored_rates | set(DEFAULT_SERIES))
    last = store.last_dates(engine) if since is None else {}

    def start_of(sym: str) -> dt.date | None:
        if since is not None:
            return since
        return last[sym] - dt.timedelta(days=OVERLAP_DAYS) if sym in last else None

    items: list[Item] = []
    price_name = "stooq" if provider is None else provider
    rate_name = "fred" if provider is None else provider
    if price_name in PRICE_PROVIDERS and prices:
        if price_name == "stooq":
            price_p = stooq or StooqProvider()
        else:
            price_p = PRICE_PROVIDERS[price_name]()  # a missing key raises ProviderError
        items += [Item("price", s, price_p, start_of(s)) for s in prices]
    if rate_name in RATE_PROVIDERS and rates:
        rate_p = (fred or FredProvider()) if rate_name == "fred" else RATE_PROVIDERS[rate_name]()
        items += [Item("rate", s, rate_p, start_of(s)) for s in rates]
    return items


def update_live(
    engine: Engine,
    *,
    symbols: Sequence[str] = (),
    provider: str | None = None,
    since: dt.date | None = None,
    stooq: MarketProvider | None = None,
    fred: MarketProvider | None = None,
    iterate: Iterate | None = None,
) -> SyncResult:
    """Fetch fresh bars and rates over HTTP into the store (see :func:`plan_update`)."""
    items = plan_update(
        engine, symbols=symbols, provider=provider, since=since, stooq=stooq, fred=fred
    )
    names = sorted({i.provider.name for i in items}) or [provider or "none"]
    try:
        return run_items(engine, items, "+".join(names), iterate=iterate)
    finally:
        for p in {id(i.provider): i.provider for i in items}.values():
            close = getattr(p, "close", None)
            if close and p not in (stooq, fred):  # close only the clients opened here
                close()
