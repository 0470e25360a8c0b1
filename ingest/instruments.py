"""Instrument lists -> ``Instrument`` rows: symbols, names, aliases, kind, index memberships.

Reads ``companies.csv`` (SEC tickers), ``etfs_indices.csv`` (hand-made, with aliases),
``russell2000.csv`` / ``sp500.csv`` / ``ndx.csv`` (memberships and sectors) and, for older
commentary, ``companies_prior.csv``; ``instruments.toml`` (next to this module) adds the
product's own rows (rates, futures, crypto, groups), extra names, and the contract's symbols
where the lists spell them otherwise. Share classes use a dash (``BRK-B``).

The lists are merged as plain dicts (:func:`load_instrument_rows`) and turned into
``Instrument`` objects only at the end: building a SQLModel table object costs tens of
microseconds, and the store's import writes the dicts directly.
"""

from __future__ import annotations

import csv
import datetime as dt
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from store.models import Instrument

MEMBERSHIP_FILES = {"russell2000": "russell2000.csv", "sp500": "sp500.csv", "ndx": "ndx.csv"}

#: Columns of the instrument table, with the value a row gets when a list says nothing.
FIELDS: dict[str, Any] = {
    "symbol": None,
    "kind": "stock",
    "name": "",
    "aliases": "",
    "exchange": None,
    "sector": None,
    "memberships": "",
    "active": True,
    "last_seen": None,
}

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


def normalise_symbol(symbol: str) -> str:
    """``brk.b`` / ``BRK/B`` -> ``BRK-B``; index symbols keep their caret (``^RUT``)."""
    return symbol.strip().upper().replace(".", "-").replace("/", "-")


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
