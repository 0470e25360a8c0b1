"""Market data in the store: import, idempotent re-import, round trip, queries (both engines)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from ingest.market import CsvDirectoryProvider
from ingest.market.sync import import_directory
from store.db import get_engine
from store.market import (
    BARS,
    RATES,
    bar_on_or_before,
    coverage,
    latest_close,
    load_bars,
    load_rates,
    rate_on_or_before,
    upsert_bars,
    upsert_rates,
)
from store.runs import recent_runs
from thesisdesk.records import PriceBar, RateObservation

CSV = Path(__file__).parent / "resources" / "market" / "csv"


@pytest.fixture
def subset(market_dir: Path, tmp_path: Path) -> Path:
    """2025 rows of IWM, ^RUT and DFEDTARU from the snapshot: small enough for PostgreSQL."""
    out = tmp_path / "market"
    out.mkdir()
    for name in ("IWM.csv", "RUT.csv", "DFEDTARU.csv"):
        lines = (market_dir / name).read_text(encoding="utf-8").splitlines()
        keep = [lines[0]] + [ln for ln in lines[1:] if ln.startswith("2025-")]
        (out / name).write_text("\n".join(keep) + "\n", encoding="utf-8")
    return out


def _count(engine, table) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_import_round_trip_and_idempotence(db_url: str, subset: Path) -> None:
    engine = get_engine(db_url)
    first = import_directory(engine, subset)
    assert first.status == "ok"
    total = first.total("rows")
    assert first.total("new") == total > 700
    bars_before, rates_before = _count(engine, BARS), _count(engine, RATES)

    again = import_directory(engine, subset)
    assert (again.total("new"), again.total("changed"), again.total("unchanged")) == (
        0,
        0,
        total,
    )
    assert (_count(engine, BARS), _count(engine, RATES)) == (bars_before, rates_before)

    provider = CsvDirectoryProvider(subset)
    assert load_bars(engine, "IWM") == provider.bars("IWM")
    assert load_bars(engine, "^RUT") == provider.bars("^RUT")
    assert load_rates(engine, "DFEDTARU") == provider.rates("DFEDTARU")

    runs = recent_runs(engine, "market")
    assert [(r.status, r.items_new, r.items_duplicate, r.items_failed) for r in runs] == [
        ("ok", 0, total, 0),
        ("ok", total, 0, 0),
    ]
    assert runs[0].finished_at is not None and runs[0].seconds is not None


def test_queries(db_url: str, subset: Path) -> None:
    engine = get_engine(db_url)
    import_directory(engine, subset)
    q3 = load_bars(engine, "iwm", dt.date(2025, 6, 30), dt.date(2025, 9, 30))
    assert (q3[0].close, q3[-1].close) == (215.79, 241.96)
    assert q3[-1].adj_close == 240.723123
    assert latest_close(engine, "IWM").date == dt.date(2025, 12, 31)  # type: ignore[union-attr]
    assert latest_close(engine, "NOPE") is None
    saturday = bar_on_or_before(engine, "^RUT", dt.date(2025, 9, 27))
    assert saturday is not None and saturday.date == dt.date(2025, 9, 26)
    assert saturday.close == 2434.32 and saturday.volume is None
    cut = rate_on_or_before(engine, "DFEDTARU", dt.date(2025, 9, 18))
    assert cut is not None and cut.value == 4.25
    cov = {c.symbol: c for c in coverage(engine)}
    assert set(cov) == {"IWM", "^RUT", "DFEDTARU"}
    assert cov["IWM"].kind == "price" and cov["DFEDTARU"].kind == "rate"
    assert cov["IWM"].first == dt.date(2025, 1, 2) and cov["IWM"].rows == 250
    assert cov["DFEDTARU"].last_value == 3.75 and cov["IWM"].providers == ["csv"]


def test_changed_values_are_updated_and_missing_ones_kept(db_url: str) -> None:
    engine = get_engine(db_url)
    day = dt.date(2025, 9, 30)
    bar = PriceBar(
        symbol="IWM",
        date=day,
        open=241.11,
        high=242.13,
        low=239.4,
        close=241.96,
        adj_close=240.723123,
        volume=33447700,
    )
    assert upsert_bars(engine, [bar]).new == 1
    # a provider without adj_close and volume: nothing to change
    bare = bar.model_copy(update={"adj_close": None, "volume": None})
    counts = upsert_bars(engine, [bare], provider="stooq")
    assert (counts.new, counts.changed, counts.unchanged) == (0, 0, 1)
    # a corrected close is written, the stored adj_close survives, the provider is noted
    fixed = bare.model_copy(update={"close": 242.0})
    counts = upsert_bars(
        engine, [fixed, bar.model_copy(update={"date": dt.date(2025, 10, 1)})], provider="stooq"
    )
    assert (counts.new, counts.changed, counts.unchanged) == (1, 1, 0)
    stored = load_bars(engine, "IWM")
    assert [(b.close, b.adj_close) for b in stored] == [(242.0, 240.723123), (241.96, 240.723123)]
    assert coverage(engine)[0].providers == ["stooq"]
    # rates: same rules
    obs = RateObservation(series_id="DFF", date=day, value=4.08)
    assert upsert_rates(engine, [obs, obs]).new == 1  # a repeated date counts once
    assert upsert_rates(engine, [obs.model_copy(update={"value": 4.09})]).changed == 1
    assert load_rates(engine, "DFF")[0].value == 4.09


def test_bad_file_is_recorded_and_the_rest_imported(db_url: str, tmp_path: Path) -> None:
    for name in ("IWM.csv", "RUT.csv", "DFEDTARU.csv"):
        shutil.copy(CSV / name, tmp_path / name)
    (tmp_path / "SPY.csv").write_bytes(b"date,open,high,low,close\n2025-01-02,1,1,1,\xff\xfe\n")
    engine = get_engine(db_url)
    result = import_directory(engine, tmp_path)
    by = {i.symbol: i for i in result.items}
    assert result.status == "partial"
    assert by["SPY"].error and "cannot read" in by["SPY"].error
    assert by["IWM"].new == 4 and by["^RUT"].new == 2 and by["DFEDTARU"].new == 2
    run = recent_runs(engine, "market", 1)[0]
    assert run.status == "partial" and run.items_failed == 1
    assert json.loads(run.errors)[0]["item"] == "csv SPY"


def test_cli_import_and_status(sqlite_url: str, subset: Path) -> None:
    from ui.cli import app

    runner = CliRunner()
    first = runner.invoke(app, ["--db", sqlite_url, "market", "import", str(subset), "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["new"] > 700
    again = runner.invoke(app, ["--db", sqlite_url, "market", "import", str(subset), "--json"])
    assert json.loads(again.stdout)["new"] == 0
    status = runner.invoke(app, ["--db", sqlite_url, "market", "status", "--json"])
    doc = json.loads(status.stdout)
    assert {s["symbol"] for s in doc["series"]} == {"IWM", "^RUT", "DFEDTARU"}
    assert len(doc["runs"]) == 2
    text = runner.invoke(app, ["--db", sqlite_url, "market", "status"], terminal_width=200)
    assert "^RUT" in text.stdout and "2025-12-31" in text.stdout


def test_cli_import_bad_directory(sqlite_url: str, tmp_path: Path) -> None:
    from ui.cli import app

    result = CliRunner().invoke(
        app, ["--db", sqlite_url, "market", "import", str(tmp_path / "missing")]
    )
    assert result.exit_code == 1 and "not a directory" in result.stderr


def test_cli_import_without_data_names_the_variable(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from thesisdesk import settings
    from ui.cli import app

    monkeypatch.setattr(settings, "market_dir", lambda explicit=None: None)
    result = CliRunner().invoke(app, ["--db", sqlite_url, "market", "import"])
    assert result.exit_code == 1 and "THESISDESK_DATA" in result.stderr


@pytest.mark.slow
def test_full_snapshot_import_is_idempotent(sqlite_url: str, market_dir: Path) -> None:
    engine = get_engine(sqlite_url)
    first = import_directory(engine, market_dir)
    assert first.status == "ok" and first.total("new") == first.total("rows") > 150_000
    again = import_directory(engine, market_dir)
    assert again.total("new") == again.total("changed") == 0
    assert again.total("unchanged") == first.total("rows")
    bar = bar_on_or_before(engine, "IWM", dt.date(2025, 9, 30))
    assert bar is not None and bar.close == 241.96
    assert len(load_bars(engine, "^GSPC")) == len(CsvDirectoryProvider(market_dir).bars("^GSPC"))
