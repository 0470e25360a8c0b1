"""Instruments in the store: idempotent upsert, symbol keys, lookup, autocomplete.

The upsert reads every stored row once and writes only new or changed ones (same
driver-level upsert as the market tables); reading the lists is ingest's job
(``ingest.instruments.import_instruments``). Search is a prefix match on the symbol, then
on the name (case-insensitive), symbols first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Table, case, func, literal, or_, select
from sqlalchemy.engine import Engine

from store.market import UpsertCounts, write_rows
from store.models import Instrument, table_of

INSTRUMENTS: Table = table_of(Instrument)
COLUMNS = tuple(c.name for c in INSTRUMENTS.columns)
BATCH_SIZE = 1000

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


def normalise_symbol(symbol: str) -> str:
    """``brk.b`` / ``BRK/B`` -> ``BRK-B``; index symbols keep their caret (``^RUT``)."""
    return symbol.strip().upper().replace(".", "-").replace("/", "-")


def _as_row(item: Instrument | dict[str, Any]) -> dict[str, Any]:
    data = item if isinstance(item, dict) else item.model_dump()
    return {c: data.get(c, FIELDS.get(c)) for c in COLUMNS}


def upsert_instruments(
    engine: Engine,
    items: Iterable[Instrument | dict[str, Any]],
    *,
    batch_size: int = BATCH_SIZE,
    iterate: Callable[[Sequence[list[dict[str, Any]]]], Iterable[list[dict[str, Any]]]]
    | None = None,
) -> UpsertCounts:
    """Store instruments (``Instrument`` objects or column dicts) by symbol; idempotent."""
    rows = {r["symbol"]: r for r in map(_as_row, items) if r["symbol"]}
    counts = UpsertCounts()
    with engine.begin() as conn:
        existing = {
            r[0]: tuple(r) for r in conn.execute(select(*(INSTRUMENTS.c[c] for c in COLUMNS)))
        }
        new: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        for sym, row in rows.items():
            old = existing.get(sym)
            if old is None:
                new.append(row)
            elif tuple(row[c] for c in COLUMNS) == old:
                counts.unchanged += 1
            else:
                changed.append(row)
        todo = new + changed
        batches = [todo[i : i + batch_size] for i in range(0, len(todo), batch_size)]
        for batch in (iterate or iter)(batches):
            write_rows(
                conn,
                INSTRUMENTS,
                ("symbol",),
                [r for r in batch if r["symbol"] not in existing],
                [r for r in batch if r["symbol"] in existing],
                batch_size,
            )
    counts.new, counts.changed = len(new), len(changed)
    return counts


def _lookup_key(symbol: str) -> str:
    sym = symbol.strip().upper()
    return sym if sym.startswith("^") or "=" in sym else normalise_symbol(sym)


def get_instrument(engine: Engine, symbol: str) -> Instrument | None:
    """One instrument by symbol (``brk.b``, ``BRK/B`` and ``BRK-B`` all find ``BRK-B``)."""
    with engine.connect() as conn:
        row = conn.execute(
            select(INSTRUMENTS).where(INSTRUMENTS.c.symbol == _lookup_key(symbol))
        ).first()
    return Instrument(**row._mapping) if row else None


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_instruments(
    engine: Engine, prefix: str, limit: int = 10, *, active_only: bool = False
) -> list[Instrument]:
    """Autocomplete: instruments whose symbol or name starts with ``prefix``.

    Order: exact symbol, then symbol prefixes (shortest first), then name prefixes
    (listed before delisted, shortest name first), then alias prefixes ("R2K" finds
    ``^RUT``). Case-insensitive; ``^rut`` and ``brk.b`` work too. An empty prefix gives
    nothing.
    """
    text = prefix.strip()
    if not text or limit <= 0:
        return []
    sym = _escape_like(_lookup_key(text))
    name = _escape_like(text.lower())
    c = INSTRUMENTS.c
    sym_match = c.symbol.like(sym + "%", escape="\\")
    name_match = func.lower(c.name).like(name + "%", escape="\\")
    alias_match = func.lower(literal("|") + c.aliases).like("%|" + name + "%", escape="\\")
    rank = case(
        (c.symbol == _lookup_key(text), literal(0)),
        (sym_match, literal(1)),
        (name_match, literal(2)),
        else_=literal(3),
    )
    stmt = (
        select(INSTRUMENTS)
        .where(or_(sym_match, name_match, alias_match))
        .order_by(
            rank,
            case((c.active, literal(0)), else_=literal(1)),
            case((rank == 1, func.length(c.symbol)), else_=func.length(c.name)),
            c.symbol,
        )
        .limit(limit)
    )
    if active_only:
        stmt = stmt.where(c.active)
    with engine.connect() as conn:
        return [Instrument(**r._mapping) for r in conn.execute(stmt)]


def count_instruments(engine: Engine) -> dict[str, int]:
    """Stored instruments per kind."""
    with engine.connect() as conn:
        stmt = select(INSTRUMENTS.c.kind, func.count()).group_by(INSTRUMENTS.c.kind)
        return {k: int(n) for k, n in conn.execute(stmt)}
