"""One in-memory view of market data for the checker, whatever it was read from.

The checker asks for the same few series (IWM, ^RUT, DFEDTARU...) thousands of times, so each
series is read once, on first use, into numpy arrays (dates as proleptic ordinals, close,
adj_close, high, low) and every later lookup is a binary search. ``from_directory`` reads the
CSV files of ``shared/data/market``; ``from_store`` reads the store's ``price_bar`` and
``rate_observation`` tables (through ``store.market`` when that module exists).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy.engine import Engine

from thesisdesk.records import PriceBar, RateObservation

#: Series ids that are rates (FRED) rather than prices.
RATE_SERIES = ("DFEDTARU", "DFEDTARL", "DFF", "FEDFUNDS", "DGS10", "DGS2")


def ordinal(day: dt.date) -> int:
    """Dates as ints so that lookups are plain integer binary searches."""
    return day.toordinal()


def from_ordinal(value: int | np.integer) -> dt.date:
    return dt.date.fromordinal(int(value))


@dataclass
class PriceSeries:
    """Daily bars of one symbol as arrays, ascending by date, one row per session."""

    symbol: str
    ords: np.ndarray  # int64 ordinals
    close: np.ndarray
    adj_close: np.ndarray  # NaN where the source has none
    high: np.ndarray  # NaN where missing
    low: np.ndarray
    _month_ends: np.ndarray | None = field(default=None, repr=False)
    _week_ends: np.ndarray | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        # Python-list twins of the arrays: scalar lookups (bisect, one value) are several
        # times faster on lists than on numpy arrays, and a check does mostly those.
        self.days: list[int] = self.ords.tolist()
        self.closes: list[float] = self.close.tolist()
        self.adjs: list[float] = self.adj_close.tolist()
        self.highs: list[float] = self.high.tolist()
        self.lows: list[float] = self.low.tolist()

    @classmethod
    def from_bars(cls, symbol: str, bars: Iterable[PriceBar]) -> PriceSeries:
        """Build from provider-neutral bars; duplicates keep the last row, order is enforced."""
        rows: dict[int, PriceBar] = {}
        for bar in bars:
            rows[ordinal(bar.date)] = bar
        keys = sorted(rows)
        nan = float("nan")

        def col(name: str) -> np.ndarray:
            vals = [getattr(rows[k], name) for k in keys]
            return np.array([nan if v is None else float(v) for v in vals], dtype=np.float64)

        return cls(
            symbol=symbol,
            ords=np.array(keys, dtype=np.int64),
            close=col("close"),
            adj_close=col("adj_close"),
            high=col("high"),
            low=col("low"),
        )

    def __len__(self) -> int:
        return len(self.days)

    @property
    def first_date(self) -> dt.date | None:
        return dt.date.fromordinal(self.days[0]) if self.days else None

    @property
    def last_date(self) -> dt.date | None:
        return dt.date.fromordinal(self.days[-1]) if self.days else None

    def date_at(self, i: int) -> dt.date:
        return dt.date.fromordinal(self.days[i])

    def on_or_before(self, day: dt.date) -> int | None:
        """Index of the last session on or before ``day`` (None when the data starts later)."""
        i = bisect_right(self.days, day.toordinal()) - 1
        return i if i >= 0 else None

    def before(self, day: dt.date) -> int | None:
        """Index of the last session strictly before ``day``: the base of a period return."""
        i = bisect_left(self.days, day.toordinal()) - 1
        return i if i >= 0 else None

    def on_or_after(self, day: dt.date) -> int | None:
        i = bisect_left(self.days, day.toordinal())
        return i if i < len(self.days) else None

    def covers(self, day: dt.date) -> bool:
        """Whether the data reaches ``day`` (a later period end cannot be checked yet)."""
        return bool(self.days) and self.days[0] <= day.toordinal() <= self.days[-1]

    def has_adj(self, i: int, j: int) -> bool:
        a, b = self.adjs[i], self.adjs[j]
        return a == a and b == b  # NaN is the only value not equal to itself

    def month_ends(self) -> np.ndarray:
        """Index of the last session of each calendar month present (cached)."""
        if self._month_ends is None:
            dates = [from_ordinal(o) for o in self.ords]
            keys = np.array([d.year * 12 + d.month - 1 for d in dates], dtype=np.int64)
            self._month_ends = _last_of_each(keys)
        return self._month_ends

    def week_ends(self) -> np.ndarray:
        """Index of the last session of each Monday-to-Sunday week present (cached)."""
        if self._week_ends is None:
            self._week_ends = _last_of_each((self.ords - 1) // 7)  # ordinal 1 is a Monday
        return self._week_ends


def _last_of_each(keys: np.ndarray) -> np.ndarray:
    if keys.size == 0:
        return np.array([], dtype=np.int64)
    change = np.nonzero(np.diff(keys))[0]
    return np.append(change, keys.size - 1).astype(np.int64)


@dataclass
class RateSeries:
    """One FRED-style series (daily, weekends included for the target range)."""

    series_id: str
    ords: np.ndarray
    values: np.ndarray

    @classmethod
    def from_observations(cls, series_id: str, obs: Iterable[RateObservation]) -> RateSeries:
        rows = {ordinal(o.date): float(o.value) for o in obs}
        keys = sorted(rows)
        return cls(
            series_id=series_id,
            ords=np.array(keys, dtype=np.int64),
            values=np.array([rows[k] for k in keys], dtype=np.float64),
        )

    def __len__(self) -> int:
        return int(self.ords.size)

    @property
    def last_date(self) -> dt.date | None:
        return from_ordinal(self.ords[-1]) if len(self) else None

    @property
    def first_date(self) -> dt.date | None:
        return from_ordinal(self.ords[0]) if len(self) else None

    def __post_init__(self) -> None:
        self.days: list[int] = self.ords.tolist()
        self.vals: list[float] = self.values.tolist()

    def value_on(self, day: dt.date) -> tuple[dt.date, float] | None:
        """The observation in force on ``day`` (last on or before it)."""
        i = bisect_right(self.days, day.toordinal()) - 1
        if i < 0:
            return None
        return dt.date.fromordinal(self.days[i]), self.vals[i]

    def changes(self, start: dt.date, end: dt.date) -> list[tuple[dt.date, float, float]]:
        """Each change that took effect in (start, end]: (effective date, old, new)."""
        lo = int(np.searchsorted(self.ords, ordinal(start), side="left"))
        hi = int(np.searchsorted(self.ords, ordinal(end), side="right"))
        if hi - lo < 2:
            return []
        vals = self.values[lo:hi]
        idx = np.nonzero(np.diff(vals))[0]
        return [
            (from_ordinal(self.ords[lo + k + 1]), float(vals[k]), float(vals[k + 1])) for k in idx
        ]


PriceLoader = Callable[[str], "Sequence[PriceBar] | PriceSeries"]
RateLoader = Callable[[str], Sequence[RateObservation]]


def _read_price_csv(symbol: str, path: Path) -> PriceSeries | None:
    """Fast path for the known CSV layout (pandas, no per-row records); None to fall back.

    Same rules as ``CsvDirectoryProvider``: empty cells are missing, rows without a close or
    with an unreadable date are skipped, duplicates keep the last row, dates ascend.
    """
    if not path.is_file():
        return None
    try:
        import pandas as pd

        df = pd.read_csv(path, dtype={"date": str})
        df.columns = [c.strip().lower() for c in df.columns]
        dates = pd.to_datetime(df["date"].str.strip(), format="%Y-%m-%d", errors="coerce")
        df = df.assign(_d=dates).dropna(subset=["_d", "close"])
        df = df.drop_duplicates("_d", keep="last").sort_values("_d")
    except (ValueError, KeyError, OSError):
        return None

    def col(name: str) -> np.ndarray:
        if name not in df.columns:
            return np.full(len(df), np.nan)
        return pd.to_numeric(df[name], errors="coerce").to_numpy(dtype=np.float64)

    epoch = dt.date(1970, 1, 1).toordinal()
    days = df["_d"].to_numpy(dtype="datetime64[D]").astype(np.int64) + epoch
    return PriceSeries(
        symbol, days.astype(np.int64), col("close"), col("adj_close"), col("high"), col("low")
    )


class MarketData:
    """Cached price and rate series; loaders are called at most once per symbol."""

    def __init__(
        self,
        price_loader: PriceLoader,
        rate_loader: RateLoader,
        *,
        symbols: Iterable[str] | None = None,
        latest: Callable[[], dict[str, dt.date]] | None = None,
        description: str = "market data",
    ) -> None:
        self._price_loader = price_loader
        self._rate_loader = rate_loader
        self._prices: dict[str, PriceSeries | None] = {}
        self._rates: dict[str, RateSeries | None] = {}
        self._symbols = set(symbols) if symbols is not None else None
        #: per-view memo for derived lookups (e.g. a subject's stand-in sources)
        self.memo: dict[tuple[object, ...], Any] = {}  # values differ by key kind
        self._latest = latest
        self.description = description

    # -- constructors ---------------------------------------------------------------------
    @classmethod
    def from_directory(cls, path: str | Path) -> MarketData:
        """Series from a directory of per-symbol CSVs (``shared/data/market`` layout)."""
        from ingest.market import CsvDirectoryProvider, ProviderError
        from ingest.market.csvdir import file_for_symbol

        provider = CsvDirectoryProvider(path)
        known = set(provider.price_symbols()) | set(provider.rate_series())

        def prices(symbol: str) -> Sequence[PriceBar] | PriceSeries:
            fast = _read_price_csv(symbol, provider.directory / file_for_symbol(symbol))
            if fast is not None:
                return fast
            try:
                return provider.bars(symbol)
            except ProviderError:
                return []

        def rates(series_id: str) -> Sequence[RateObservation]:
            try:
                return provider.rates(series_id)
            except ProviderError:
                return []

        return cls(prices, rates, symbols=known, description=f"directory {path}")

    @classmethod
    def from_bars(
        cls,
        bars: dict[str, Sequence[PriceBar]],
        rates: dict[str, Sequence[RateObservation]] | None = None,
    ) -> MarketData:
        """Series from records in memory (tests, benchmarks, other providers)."""
        rates = rates or {}
        return cls(
            lambda s: bars.get(s, []),
            lambda s: rates.get(s, []),
            symbols=set(bars) | set(rates),
            description="in-memory bars",
        )

    @classmethod
    def from_store(cls, engine: Engine) -> MarketData:
        """Series from the store's tables (``store.market``'s queries)."""
        from store.market import last_dates, load_bars, load_rates

        return cls(
            lambda symbol: load_bars(engine, symbol),
            lambda series_id: load_rates(engine, series_id),
            latest=lambda: last_dates(engine),
            description="store",
        )

    # -- access ---------------------------------------------------------------------------
    def prices(self, symbol: str) -> PriceSeries | None:
        """The cached series for ``symbol`` or None when there is no data for it."""
        if symbol in self._prices:
            return self._prices[symbol]
        series: PriceSeries | None = None
        if self._symbols is None or symbol in self._symbols:
            bars = self._price_loader(symbol)
            if isinstance(bars, PriceSeries):
                series = bars if len(bars) else None
            else:
                series = PriceSeries.from_bars(symbol, bars) if bars else None
        self._prices[symbol] = series
        return series

    def rates(self, series_id: str) -> RateSeries | None:
        if series_id in self._rates:
            return self._rates[series_id]
        series: RateSeries | None = None
        if self._symbols is None or series_id in self._symbols:
            obs = self._rate_loader(series_id)
            series = RateSeries.from_observations(series_id, obs) if obs else None
        self._rates[series_id] = series
        return series

    def last_date(self, series: str) -> dt.date | None:
        """The last date held for a price or rate series (used as ``data_through``)."""
        if series in RATE_SERIES:
            r = self.rates(series)
            return r.last_date if r else None
        p = self.prices(series)
        return p.last_date if p else None

    def latest_dates(self) -> dict[str, dt.date]:
        """The newest date per series in the backing source (store only; else from cache)."""
        if self._latest is not None:
            return self._latest()
        out = {k: v.last_date for k, v in self._prices.items() if v and v.last_date}
        out.update({k: v.last_date for k, v in self._rates.items() if v and v.last_date})
        return out
