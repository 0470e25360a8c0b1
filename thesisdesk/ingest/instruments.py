"""Instrument lists -> ``Instrument`` rows: symbols, names, aliases, kind, index memberships.

Reads ``companies.csv`` (SEC tickers), ``etfs_indices.csv`` (hand-made, with aliases),
``russell2000.csv`` / ``sp500.csv`` / ``ndx.csv`` (memberships and sectors) and, for older
commentary, ``companies_prior.csv``. Share classes use a dash (``BRK-B``).
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from thesisdesk.store.models import Instrument

MEMBERSHIP_FILES = {"russell2000": "russell2000.csv", "sp500": "sp500.csv", "ndx": "ndx.csv"}

#: Symbols the product always knows, whatever the lists say (rates and futures).
BUILTIN = (
    Instrument(
        symbol="FEDFUNDS", kind="rate", name="Federal funds target rate",
        aliases="Fed funds|federal funds rate|fed funds rate|policy rate|the Fed|Federal Reserve",
    ),
    Instrument(
        symbol="RTY=F", kind="future", name="E-mini Russell 2000 futures",
        aliases="Russell 2000 futures|RTY futures|/RTY",
    ),
    Instrument(
        symbol="ES=F", kind="future", name="E-mini S&P 500 futures",
        aliases="S&P 500 futures|ES futures|/ES",
    ),
)


def normalise_symbol(symbol: str) -> str:
    """``brk.b`` / ``BRK/B`` -> ``BRK-B``."""
    return symbol.strip().upper().replace(".", "-").replace("/", "-")


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def load_instruments(directory: str | Path, *, include_prior: bool = True) -> list[Instrument]:
    """Every instrument in ``directory``, merged by symbol (detached rows, not yet stored)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"instrument directory not found: {directory}")
    found: dict[str, Instrument] = {i.symbol: i.model_copy() for i in BUILTIN}

    companies = directory / "companies.csv"
    if companies.exists():
        for row in _read(companies):
            sym = normalise_symbol(row["ticker"])
            if sym and row.get("name"):
                found[sym] = Instrument(
                    symbol=sym, kind="stock", name=row["name"].strip(),
                    exchange=(row.get("exchange") or None),
                )
    prior = directory / "companies_prior.csv"
    if include_prior and prior.exists():
        for row in _read(prior):
            sym = normalise_symbol(row["ticker"])
            if sym and sym not in found and row.get("name"):
                last = row.get("last_seen") or ""
                found[sym] = Instrument(
                    symbol=sym, kind="stock", name=row["name"].strip(), active=False,
                    exchange=(row.get("exchange") or None),
                    last_seen=dt.date.fromisoformat(last) if last else None,
                )
    etfs = directory / "etfs_indices.csv"
    if etfs.exists():
        for row in _read(etfs):
            sym = normalise_symbol(row["symbol"]) if not row["symbol"].startswith("^") else (
                row["symbol"].strip().upper()
            )
            found[sym] = Instrument(
                symbol=sym, kind=row["kind"].strip(), name=row["name"].strip(),
                aliases=(row.get("aliases") or "").strip(),
            )
    for membership, filename in MEMBERSHIP_FILES.items():
        path = directory / filename
        if not path.exists():
            continue
        for row in _read(path):
            sym = normalise_symbol(row["ticker"])
            inst = found.get(sym)
            if inst is None:
                inst = found[sym] = Instrument(symbol=sym, kind="stock", name=row["name"].strip())
            members = {m for m in inst.memberships.split("|") if m}
            members.add(membership)
            inst.memberships = "|".join(sorted(members))
            if row.get("sector") and not inst.sector:
                inst.sector = row["sector"].strip()
    return sorted(found.values(), key=lambda i: i.symbol)
