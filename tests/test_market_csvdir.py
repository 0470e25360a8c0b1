"""The offline CSV provider, on the shared snapshot and on small hand-written directories."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from ingest.market import CsvDirectoryProvider, EmptyDataError, ProviderError

CSV = Path(__file__).parent / "resources" / "market" / "csv"


@pytest.fixture(scope="module")
def snapshot(market_dir: Path) -> CsvDirectoryProvider:
    return CsvDirectoryProvider(market_dir)


def _on(bars: list, day: str):
    return next(b for b in bars if b.date == dt.date.fromisoformat(day))


def test_snapshot_lists_prices_and_rates(snapshot: CsvDirectoryProvider) -> None:
    assert {"IWM", "SPY", "^RUT", "^GSPC", "^VIX", "CRDO"} <= set(snapshot.price_symbols())
    assert {"DFEDTARU", "DFEDTARL", "DFF", "FEDFUNDS"} <= set(snapshot.rate_series())
    assert not set(snapshot.price_symbols()) & set(snapshot.rate_series())


def test_iwm_q3_2025_closes_and_returns(snapshot: CsvDirectoryProvider) -> None:
    """Figures from SOURCES.md: price return +12.13%, total return +12.45% in Q3 2025."""
    bars = snapshot.bars("IWM", dt.date(2025, 6, 30), dt.date(2025, 9, 30))
    first, last = bars[0], bars[-1]
    assert (first.date, first.close) == (dt.date(2025, 6, 30), 215.79)
    assert (last.date, last.close) == (dt.date(2025, 9, 30), 241.96)
    assert round((last.close / first.close - 1) * 100, 2) == 12.13
    assert first.adj_close and last.adj_close
    assert round((last.adj_close / first.adj_close - 1) * 100, 2) == 12.45
    assert all(b.symbol == "IWM" for b in bars)


def test_index_file_drops_caret_and_has_no_volume(snapshot: CsvDirectoryProvider) -> None:
    bars = snapshot.bars("^RUT", dt.date(2025, 9, 24), dt.date(2025, 9, 26))
    assert [b.close for b in bars] == [2434.98, 2411.04, 2434.32]
    assert all(b.volume is None and b.adj_close is None and b.symbol == "^RUT" for b in bars)


def test_full_series_has_every_session_of_2020_to_2025(snapshot: CsvDirectoryProvider) -> None:
    bars = snapshot.bars("SPY", dt.date(2020, 1, 1), dt.date(2025, 12, 31))
    assert len(bars) == 1508  # NYSE sessions, per SOURCES.md
    assert [b.date for b in bars] == sorted({b.date for b in bars})


def test_rates_from_snapshot(snapshot: CsvDirectoryProvider) -> None:
    upper = snapshot.rates("DFEDTARU", dt.date(2025, 9, 17), dt.date(2025, 9, 18))
    assert [(o.date.day, o.value) for o in upper] == [(17, 4.5), (18, 4.25)]
    assert snapshot.rates("dfedtarl", dt.date(2025, 9, 18), dt.date(2025, 9, 18))[0].value == 4.0


def test_hand_written_directory_with_empty_cells() -> None:
    p = CsvDirectoryProvider(CSV)
    assert p.price_symbols() == ["IWM", "SPY", "^RUT"]
    assert p.rate_series() == ["DFEDTARU"]
    bars = p.bars("IWM")
    # the row without a close and the row with a bad date are skipped; the rest is kept
    assert [b.date.isoformat() for b in bars] == [
        "2025-06-27",
        "2025-06-30",
        "2025-07-01",
        "2025-07-03",
    ]
    assert p.skipped["IWM.csv"] == 2
    empty = _on(bars, "2025-07-01")
    assert (empty.open, empty.volume, empty.adj_close, empty.close) == (None, None, None, 219.0)
    short = _on(bars, "2025-07-03")  # a short row: the missing cells read as missing
    assert (short.close, short.volume, short.adj_close) == (221.5, None, None)
    assert [o.value for o in p.rates("DFEDTARU")] == [4.5, 4.25]  # empty value skipped, not 0


def test_yahoo_style_headers() -> None:
    bar = CsvDirectoryProvider(CSV).bars("SPY")[0]
    assert (bar.close, bar.adj_close, bar.volume) == (617.85, 612.1, 92502500)


def test_missing_file_and_directory() -> None:
    with pytest.raises(EmptyDataError, match=r"no file QQQ\.csv"):
        CsvDirectoryProvider(CSV).bars("QQQ")
    with pytest.raises(ProviderError, match="not found"):
        CsvDirectoryProvider(CSV / "nope")


def test_file_without_date_column_is_an_error(tmp_path: Path) -> None:
    shutil.copy(CSV / "IWM.csv", tmp_path / "IWM.csv")
    (tmp_path / "BAD.csv").write_text("day,close\n2025-01-02,1\n", encoding="utf-8")
    p = CsvDirectoryProvider(tmp_path)
    assert p.price_symbols() == ["IWM"]  # BAD.csv is not recognised as a price file
    assert "neither a price file" in p.problems["BAD"]
    with pytest.raises(ProviderError, match="no date column"):
        p.bars("BAD")


def test_public_names() -> None:
    import ingest.market as market

    assert sorted(market.__all__) == [
        "CsvDirectoryProvider",
        "EmptyDataError",
        "FredProvider",
        "MarketProvider",
        "ProviderError",
        "StooqProvider",
    ]
    assert all(hasattr(market, name) for name in market.__all__)
    assert issubclass(market.EmptyDataError, market.ProviderError)
