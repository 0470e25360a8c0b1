"""The offline provider: one CSV per symbol, as in ``shared/data/market`` (see its SOURCES.md).

Prices: ``date,open,high,low,close,volume[,adj_close]``; index files drop the caret
(``RUT.csv`` is ``^RUT``). Rates: ``date,value`` named by FRED id. Empty cells are missing
values, never zeros. A row whose date cannot be read, or a price row without a close, is
skipped (and counted in ``skipped``) rather than failing the whole file.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from ingest.market.base import EmptyDataError, MarketProvider, ProviderError
from thesisdesk.records import PriceBar, RateObservation

#: Index symbols whose files drop the caret.
INDEX_FILES = {"RUT", "GSPC", "NDX", "RUI", "VIX", "IXIC", "DJI", "SP600", "RUO", "RUJ", "SML"}

#: Column-name aliases, so that ``Date``/``Adj Close``/``adjclose`` files read the same.
_ALIASES = {
    "adj close": "adj_close",
    "adjclose": "adj_close",
    "adjusted_close": "adj_close",
    "observation_date": "date",
}
_PRICE_FIELDS = ("open", "high", "low", "close", "adj_close", "volume")

# Validating a whole list at once runs in pydantic-core without a Python call per row,
# which is several times faster than ``PriceBar(**row)`` in a loop (150k rows per import).
_BARS = TypeAdapter(list[PriceBar])
_RATES = TypeAdapter(list[RateObservation])


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


def _columns(header: list[str]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for i, name in enumerate(header):
        key = name.strip().lower().lstrip("\ufeff")
        cols.setdefault(_ALIASES.get(key, key), i)
    return cols


def _date(cell: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(cell.strip())
    except ValueError:
        return None


class CsvDirectoryProvider(MarketProvider):
    """Reads a directory of per-symbol CSV files (prices and FRED-style rates)."""

    name = "csv"

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        if not self.directory.is_dir():
            raise ProviderError(f"market data directory not found: {self.directory}")
        self._kinds: dict[str, str] = {}
        #: Rows skipped per file name on the last read (bad date, missing close/value).
        self.skipped: dict[str, int] = {}
        #: Files that are neither price nor rate files, by symbol, with the reason.
        self.problems: dict[str, str] = {}
        for path in sorted(self.directory.glob("*.csv")):
            try:
                with path.open(newline="", encoding="utf-8") as fh:
                    cols = _columns(next(csv.reader(fh), []))
            except (OSError, UnicodeDecodeError, csv.Error) as exc:
                self.problems[symbol_for_file(path)] = f"cannot read {path}: {exc}"
                continue
            if "close" in cols and "date" in cols:
                self._kinds[symbol_for_file(path)] = "price"
            elif "date" in cols and ("value" in cols or len(cols) == 2):
                self._kinds[path.stem.upper()] = "rate"
            else:
                self.problems[symbol_for_file(path)] = (
                    f"{path} is neither a price file (date,...,close) nor a rate file "
                    f"(date,value): header {sorted(cols, key=cols.__getitem__)}"
                )

    def price_symbols(self) -> list[str]:
        return sorted(s for s, k in self._kinds.items() if k == "price")

    def rate_series(self) -> list[str]:
        return sorted(s for s, k in self._kinds.items() if k == "rate")

    def _table(self, name: str) -> tuple[dict[str, int], list[list[str]]]:
        path = self.directory / name
        if not path.exists():
            raise EmptyDataError(f"no file {name} in {self.directory}")
        try:
            with path.open(newline="", encoding="utf-8") as fh:
                reader = csv.reader(fh)
                cols = _columns(next(reader, []))
                rows = [r for r in reader if r]
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise ProviderError(f"cannot read {path}: {exc}") from exc
        if "date" not in cols:
            raise ProviderError(f"{path} has no date column")
        return cols, rows

    def bars(
        self, symbol: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[PriceBar]:
        return _BARS.validate_python(self.bar_dicts(symbol, start, end))

    def bar_dicts(
        self, symbol: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[dict[str, Any]]:
        """The rows as dicts of exactly the ``PriceBar`` fields and types (dates, floats)."""
        name = file_for_symbol(symbol)
        cols, rows = self._table(name)
        if "close" not in cols:
            raise ProviderError(f"{self.directory / name} has no close column")
        i_date = cols["date"]
        fields = [f for f in _PRICE_FIELDS if f in cols]
        idx = [cols[f] for f in fields]
        width = max([i_date, *idx]) + 1
        template: dict[str, Any] = {"symbol": symbol, "date": None}
        template.update(dict.fromkeys(_PRICE_FIELDS))
        out: list[dict[str, Any]] = []
        skipped = 0
        for row in rows:
            if len(row) < width:  # a short row: pad so that missing cells read as empty
                row = row + [""] * (width - len(row))
            day = _date(row[i_date])
            if day is None:
                skipped += 1
                continue
            if (start and day < start) or (end and day > end):
                continue
            cells = [row[i] for i in idx]
            try:  # fast path: plain numbers and empty cells
                nums = [float(c) if c else None for c in cells]
            except ValueError:
                nums = [_num(c) for c in cells]
            rec = dict(template)
            rec.update(zip(fields, nums, strict=True))
            if rec["close"] is None:
                skipped += 1
                continue
            rec["date"] = day
            out.append(rec)
        self.skipped[name] = skipped
        return out

    def rates(
        self, series_id: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[RateObservation]:
        return _RATES.validate_python(self.rate_dicts(series_id, start, end))

    def rate_dicts(
        self, series_id: str, start: dt.date | None = None, end: dt.date | None = None
    ) -> list[dict[str, Any]]:
        series_id = series_id.upper()
        name = f"{series_id}.csv"
        cols, rows = self._table(name)
        i_date = cols["date"]
        i_value = cols.get("value", cols.get(series_id.lower(), 1))
        out: list[dict[str, Any]] = []
        skipped = 0
        for row in rows:
            day = _date(row[i_date]) if i_date < len(row) else None
            value = _num(row[i_value]) if i_value < len(row) else None
            if day is None or value is None:
                skipped += 1
                continue
            if (start and day < start) or (end and day > end):
                continue
            out.append({"series_id": series_id, "date": day, "value": value})
        self.skipped[name] = skipped
        return out
