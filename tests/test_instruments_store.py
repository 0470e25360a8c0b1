"""Instrument lists: loading, idempotent import, lookup and autocomplete on both engines."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ingest.instruments import (
    builtin_rows,
    import_instruments,
    load_instrument_rows,
    load_instruments,
)
from store.db import get_engine
from store.instruments import (
    count_instruments,
    get_instrument,
    search_instruments,
    upsert_instruments,
)
from store.runs import recent_runs

SMALL = Path(__file__).parent / "resources" / "market" / "instruments"


def test_load_small_lists() -> None:
    rows = {i.symbol: i for i in load_instruments(SMALL)}
    assert "" not in rows  # the row without a ticker is skipped
    assert rows["AAPL"].name == "Apple Inc."  # the prior list never overrides a current row
    assert rows["AAPL"].memberships == "sp500" and rows["AAPL"].active
    assert rows["GTLS"].active is False and rows["GTLS"].last_seen == dt.date(2026, 7, 31)
    assert rows["BRK-B"].memberships == "sp500"  # BRK.B in sp500.csv, normalised
    assert rows["BE"].sector == "Industrials" and rows["BE"].memberships == "russell2000"
    assert rows["TOWN"].name == "TOWNEBANK"  # a member missing from the SEC list
    assert rows["^RUT"].kind == "index" and "R2K" in rows["^RUT"].aliases.split("|")
    assert {"FEDFUNDS", "RTY=F", "ES=F"} <= set(rows)  # built-ins
    assert "GTLS" not in {i.symbol for i in load_instruments(SMALL, include_prior=False)}


@pytest.mark.slow
def test_rows_and_objects_agree(instruments_dir: Path) -> None:
    rows = load_instrument_rows(instruments_dir)
    objects = load_instruments(instruments_dir)
    assert len(rows) == len(objects) > 14_000
    assert [o.model_dump() for o in objects[:200]] == rows[:200]
    assert [r["symbol"] for r in rows] == sorted(r["symbol"] for r in rows)
    iwm = next(r for r in rows if r["symbol"] == "IWM")
    assert iwm["kind"] == "etf"


def test_import_is_idempotent_and_search_works(db_url: str) -> None:
    engine = get_engine(db_url)
    first = import_instruments(engine, SMALL)
    n = first.counts.new
    assert n == first.counts.seen == 10 + len(builtin_rows())  # the lists + instruments.toml
    again = import_instruments(engine, SMALL)
    assert (again.counts.new, again.counts.changed, again.counts.unchanged) == (0, 0, n)
    runs = recent_runs(engine, "instruments")
    assert [(r.status, r.items_new, r.items_duplicate) for r in runs] == [
        ("ok", 0, n),
        ("ok", n, 0),
    ]
    assert count_instruments(engine)["stock"] == 8 + 1  # the lists + PacWest (instruments.toml)

    brk = get_instrument(engine, "brk.b")
    assert brk is not None and brk.symbol == "BRK-B" and brk.exchange == "NYSE"
    assert get_instrument(engine, "BRK/B") is not None
    rut = get_instrument(engine, "^rut")
    assert rut is not None and rut.name == "Russell 2000 Index"
    assert get_instrument(engine, "NOPE") is None

    def syms(text: str, limit: int = 10) -> list[str]:
        return [i.symbol for i in search_instruments(engine, text, limit)]

    assert syms("iwm") == ["IWM", "IWML"]  # exact symbol first, then longer symbols
    assert syms("bl") == ["BLMN", "BE"]  # symbol prefix before name prefix
    assert syms("Bloom") == ["BE", "BLMN"]  # names: shortest first
    assert syms("r2k") == ["^RUT"]  # aliases
    assert syms("russell 2000") == ["^RUT", "IWM", "RTY=F"]
    assert syms("russell 2000", limit=1) == ["^RUT"]
    assert syms("") == [] and syms("%") == [] and syms("zz") == []


def test_changed_rows_are_updated(db_url: str) -> None:
    engine = get_engine(db_url)
    import_instruments(engine, SMALL)
    rows = load_instrument_rows(SMALL)
    for r in rows:
        if r["symbol"] == "CRDO":
            r["sector"] = "Semiconductors"
    counts = upsert_instruments(engine, rows)
    assert (counts.new, counts.changed) == (0, 1)
    crdo = get_instrument(engine, "CRDO")
    assert crdo is not None and crdo.sector == "Semiconductors"


@pytest.mark.slow
def test_full_lists_import(db_url: str, instruments_dir: Path) -> None:
    engine = get_engine(db_url)
    result = import_instruments(engine, instruments_dir)
    assert result.counts.new > 14_000
    assert import_instruments(engine, instruments_dir).counts.unchanged == result.counts.new
    assert [i.symbol for i in search_instruments(engine, "IWM", 1)] == ["IWM"]
    be = get_instrument(engine, "BE")
    assert be is not None and "russell2000" in be.memberships


def test_cli_import_search_show(sqlite_url: str, tmp_path: Path) -> None:
    from ui.cli import app

    data = tmp_path / "instruments"
    shutil.copytree(SMALL, data)
    runner = CliRunner()
    imported = runner.invoke(
        app, ["--db", sqlite_url, "instruments", "import", str(data), "--json"]
    )
    assert imported.exit_code == 0, imported.output
    assert json.loads(imported.stdout)["new"] == 10 + len(builtin_rows())
    found = runner.invoke(app, ["--db", sqlite_url, "instruments", "search", "bloom", "--json"])
    assert [i["symbol"] for i in json.loads(found.stdout)] == ["BE", "BLMN"]
    shown = runner.invoke(app, ["--db", sqlite_url, "instruments", "show", "brk.b", "--json"])
    assert json.loads(shown.stdout)["memberships"] == "sp500"
    none = runner.invoke(app, ["--db", sqlite_url, "instruments", "search", "zzzz"])
    assert none.exit_code == 1 and "no instrument" in none.stderr
    missing = runner.invoke(
        app, ["--db", sqlite_url, "instruments", "import", str(tmp_path / "nope")]
    )
    assert missing.exit_code == 1 and "not a directory" in missing.stderr
