"""The offline provider: one CSV per symbol, as in ``shared/data/market`` (see its SOURCES.md).

Prices: ``date,open,high,low,close,volume[,adj_close]``; index files drop the caret
(``RUT.csv`` is ``^RUT``). Rates: ``date,value`` named by FRED id. Empty cells are missing
values, never zeros.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from thesisdesk.ingest.market.base import EmptyDataError, MarketProvider, ProviderError
from thesisdesk.records import PriceBar, RateObservation

#: Index symbols whose files drop the caret.
INDEX_FILES = {"RUT", "GSPC", "NDX", "RUI", "VIX", "IXIC", "DJI", "SP600", "RUO", "RUJ", "SML"}


def _num(cell: str | None) -> float | None:
    if cell is None:
        return None
    cell = cell.strip()
    if not cell:
        return None
    try:
        return float(cell)
    except ValueError:
        return None


def symbol_for_file(path: Path) -> str:
    stem = path.stem.upper()
    return f"^{stem}" if stem in INDEX_FILES else stem


def file_for_symbol(symbol: str) -> str:
    return f"{symbol.lstrip('^').upper()}.csv"


class CsvDirectoryProvider(MarketProvider):
    """Reads a directory of per-symbol CSV files (prices and FRED-style rates)."""

    name = "csv"

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        if not self.directory.is_dir():
            raise ProviderError(f"market data directory not found: {self.directory}")
        self._kinds: dict[str, str] = {}
        for path in sorted(self.directory.glob("*.csv")):
            with path.open(newline="", encoding="utf-8") as fh:
                header = next(csv.reader(fh), [])
            cols = [c.strip().lower() for c in header]
            if "close" in cols:
                self._kinds[symbol_for_file(path)] = "price"
            elif cols[:2] == ["date", "value"]:
                self._kinds[path.stem.upper()] = "rate"

    def price_symbols(self) -> list[str]:
        return sorted(s for s, k in self._kinds.items() if k == "price")

    def rate_series(self) -> list[str]:
        return sorted(s for s, k in self._kinds.items() if k == "rate")

    def _rows(self, name: str) -> list[dict[str, str]]:
        path = self.directory / name
        if not path.exists():
            raise EmptyDataError(f"no file {name} in {self.directory}")
        with path.open(newline="", encoding="utf-8") as fh:
            return list(csv.DictReader(fh))

    def bars(
        self, symbol: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[PriceBar]:
        out: list[PriceBar] = []
        for row in self._rows(file_for_symbol(symbol)):
            try:
                day = dt.date.fromisoformat(row["date"].strip())
            except (KeyError, ValueError):
                continue
            if (start and day < start) or (end and day > end):
                continue
            close = _num(row.get("close"))
            if close is None:
                continue
            out.append(
                PriceBar(
                    symbol=symbol, date=day, open=_num(row.get("open")),
                    high=_num(row.get("high")), low=_num(row.get("low")), close=close,
                    adj_close=_num(row.get("adj_close")), volume=_num(row.get("volume")),
                )
            )
        return out

    def rates(
        self, series_id: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[RateObservation]:
        out: list[RateObservation] = []
        for row in self._rows(f"{series_id.upper()}.csv"):
            try:
                day = dt.date.fromisoformat(row["date"].strip())
            except (KeyError, ValueError):
                continue
            value = _num(row.get("value"))
            if value is None or (start and day < start) or (end and day > end):
                continue
            out.append(RateObservation(series_id=series_id.upper(), date=day, value=value))
        return out
