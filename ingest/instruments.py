"""Instrument lists -> ``Instrument`` rows: symbols, names, aliases, kind, index memberships.

Reads ``companies.csv`` (SEC tickers), ``etfs_indices.csv`` (hand-made, with aliases),
``russell2000.csv`` / ``sp500.csv`` / ``ndx.csv`` (memberships and sectors) and, for older
commentary, ``companies_prior.csv``; ``instruments.toml`` (next to this module) adds the
product's own rows (rates, futures, crypto, groups), extra names, and the contract's symbols
where the lists spell them otherwise. Share classes use a dash (``BRK-B``).

The lists are merged as plain dicts (:func:`load_instrument_rows`) and turned into
``Instrument`` objects only at the end: building a SQLModel table object costs tens of
microseconds, and the store's upsert writes the dicts directly. ``import_instruments`` reads
the lists into the store and records an ``IngestRun`` of kind ``instruments``.
"""

from __future__ import annotations

import csv
import datetime as dt
import time
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from store import runs
from store.instruments import FIELDS, normalise_symbol, upsert_instruments
from store.market import UpsertCounts
from store.models import Instrument

MEMBERSHIP_FILES = {"russell2000": "russell2000.csv", "sp500": "sp500.csv", "ndx": "ndx.csv"}

#: The product's own additions to the shared lists (data, commented): renamed symbols, extra
#: names, rows for rates, futures, crypto and groups, loose names and futures roots.
EXTRA_FILE = Path(__file__).with_name("instruments.toml")


@lru_cache(maxsize=1)
def _extra() -> dict[str, Any]:
    with EXTRA_FILE.open("rb") as fh:
        return tomllib.load(fh)


def builtin_rows() -> list[dict[str, Any]]:
    """Rows the product always knows, whatever the lists say (rates, futures, crypto, groups)."""
    return [
        _row(
            symbol=r["symbol"],
            kind=r["kind"],
            name=r["name"],
            aliases="|".join(r.get("aliases", [])),
        )
        for r in _extra().get("instrument", [])
    ]


def renamed_symbols() -> dict[str, str]:
    """Listed symbol -> the contract's symbol (``^SML`` -> ``^SP600``)."""
    return dict(_extra().get("rename", {}))


def extra_aliases() -> dict[str, list[str]]:
    """More names for listed symbols, by (contract) symbol."""
    return {k: list(v) for k, v in _extra().get("aliases", {}).items()}


def loose_names() -> frozenset[str]:
    """Names that point at an instrument only loosely ("the Russell", "S&P")."""
    return frozenset(_extra().get("loose", {}).get("names", []))


def futures_roots() -> dict[str, str]:
    """Contract root -> future symbol ("RTY" -> "RTY=F")."""
    return dict(_extra().get("roots", {}))


def futures_underlying() -> dict[str, str]:
    """Index future -> its index ("RTY=F" -> "^RUT")."""
    return dict(_extra().get("underlying", {}))


def _plain(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def _cell(row: dict[str, str], name: str) -> str:
    return (row.get(name) or "").strip()


def _row(**values: Any) -> dict[str, Any]:
    return {**FIELDS, **values}


def load_instrument_rows(directory: str | Path, *, include_prior: bool = True) -> list[dict]:
    """Every instrument in ``directory`` as a dict of table columns, merged by symbol.

    Later lists refine earlier ones: the ETF/index list replaces a company row of the same
    symbol; membership lists add memberships and a sector (and rows for members missing
    from the SEC list, such as banks that file elsewhere). Rows without a symbol or name
    are skipped.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"instrument directory not found: {directory}")
    found: dict[str, dict[str, Any]] = {r["symbol"]: r for r in builtin_rows()}

    companies = directory / "companies.csv"
    if companies.exists():
        for row in _read(companies):
            sym, name = normalise_symbol(_cell(row, "ticker")), _cell(row, "name")
            if sym and name:
                found[sym] = _row(symbol=sym, name=name, exchange=_cell(row, "exchange") or None)
    prior = directory / "companies_prior.csv"
    if include_prior and prior.exists():
        for row in _read(prior):
            sym, name = normalise_symbol(_cell(row, "ticker")), _cell(row, "name")
            if sym and name and sym not in found:
                last = _cell(row, "last_seen")
                try:
                    last_seen = dt.date.fromisoformat(last) if last else None
                except ValueError:
                    last_seen = None
                found[sym] = _row(
                    symbol=sym,
                    name=name,
                    active=False,
                    last_seen=last_seen,
                    exchange=_cell(row, "exchange") or None,
                )
    etfs = directory / "etfs_indices.csv"
    renamed = renamed_symbols()
    if etfs.exists():
        for row in _read(etfs):
            raw = _cell(row, "symbol")
            sym = raw.upper() if raw.startswith("^") else normalise_symbol(raw)
            sym = renamed.get(sym, sym)
            if sym and _cell(row, "name"):
                found[sym] = _row(
                    symbol=sym,
                    kind=_cell(row, "kind") or "etf",
                    name=_cell(row, "name"),
                    aliases=_cell(row, "aliases"),
                )
    for membership, filename in MEMBERSHIP_FILES.items():
        path = directory / filename
        if not path.exists():
            continue
        for row in _read(path):
            sym = normalise_symbol(_cell(row, "ticker"))
            if not sym:
                continue
            inst = found.get(sym)
            if inst is None:
                if not _cell(row, "name"):
                    continue
                inst = found[sym] = _row(symbol=sym, name=_cell(row, "name"))
            members = {m for m in inst["memberships"].split("|") if m}
            members.add(membership)
            inst["memberships"] = "|".join(sorted(members))
            if _cell(row, "sector") and not inst["sector"]:
                inst["sector"] = _cell(row, "sector")
            listed = _cell(row, "name")
            if listed and not listed.isupper() and _plain(listed) != _plain(inst["name"]):
                # the index list's own spelling ("KeyCorp" for the SEC's "KEYCORP /NEW/")
                have = [a for a in inst["aliases"].split("|") if a]
                inst["aliases"] = "|".join(dict.fromkeys([*have, listed]))
    for sym, names in extra_aliases().items():
        if sym in found:
            have = [a for a in found[sym]["aliases"].split("|") if a]
            found[sym]["aliases"] = "|".join(dict.fromkeys([*have, *names]))
    return [found[s] for s in sorted(found)]


def load_instruments(directory: str | Path, *, include_prior: bool = True) -> list[Instrument]:
    """Every instrument in ``directory``, merged by symbol (detached rows, not yet stored)."""
    return [
        Instrument(**row) for row in load_instrument_rows(directory, include_prior=include_prior)
    ]


@dataclass
class InstrumentImport:
    """What one instrument import did."""

    target: str
    counts: UpsertCounts = field(default_factory=UpsertCounts)
    run_id: int | None = None
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "run_id": self.run_id,
            "status": "ok",
            "seconds": round(self.seconds, 3),
            "rows": self.counts.seen,
            "new": self.counts.new,
            "changed": self.counts.changed,
            "unchanged": self.counts.unchanged,
        }


def import_instruments(
    engine: Engine,
    directory: str | Path,
    *,
    include_prior: bool = True,
    iterate: Callable[[Sequence[list[dict[str, Any]]]], Iterable[list[dict[str, Any]]]]
    | None = None,
) -> InstrumentImport:
    """Read the instrument lists in ``directory`` and upsert them, recording an IngestRun."""
    t0 = time.perf_counter()
    target = str(Path(directory).resolve())
    run_id = runs.start_run(engine, "instruments", target)
    result = InstrumentImport(target=target, run_id=run_id)
    try:
        rows = load_instrument_rows(directory, include_prior=include_prior)
        result.counts = upsert_instruments(engine, rows, iterate=iterate)
    except Exception as exc:
        runs.finish_run(
            engine,
            run_id,
            seen=0,
            new=0,
            duplicate=0,
            failed=1,
            errors=[{"item": target, "error": f"{type(exc).__name__}: {exc}"}],
            status="failed",
        )
        raise
    result.seconds = time.perf_counter() - t0
    c = result.counts
    runs.finish_run(
        engine,
        run_id,
        seen=c.seen,
        new=c.new + c.changed,
        duplicate=c.unchanged,
        failed=0,
        errors=[],
        status="ok",
    )
    return result
