"""Market data in the store: idempotent upserts of bars and rates, and the queries on them.

An upsert first reads the rows already stored for the same symbol and dates, and writes
only what is new or changed, so a re-import writes nothing and says so in its counts. The
write itself is ``INSERT ... ON CONFLICT DO UPDATE`` as driver-level SQL: SQLite gets one
``executemany`` per batch, PostgreSQL a ``COPY`` into a temporary table and one
``INSERT ... SELECT`` (small batches: ``executemany``); other engines fall back to plain
SQLAlchemy insert/update.
A missing value in the incoming row never erases a stored one: Stooq has no ``adj_close``,
and refreshing the last week from Stooq must not blank the total-return column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from operator import itemgetter
from typing import Any

from pydantic import BaseModel, TypeAdapter
from sqlalchemy import Date, Table, and_, bindparam, func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from store.models import PriceBarRow, RateObservationRow, table_of
from thesisdesk.records import PriceBar, RateObservation

BATCH_SIZE = 2000

BARS: Table = table_of(PriceBarRow)
RATES: Table = table_of(RateObservationRow)
BAR_VALUES = ("open", "high", "low", "close", "adj_close", "volume")
RATE_VALUES = ("value",)

_BAR_LIST = TypeAdapter(list[PriceBar])
_RATE_LIST = TypeAdapter(list[RateObservation])


@dataclass
class UpsertCounts:
    """Rows written for the first time, rows whose values changed, rows already as given."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0

    @property
    def seen(self) -> int:
        return self.new + self.changed + self.unchanged

    def __iadd__(self, other: UpsertCounts) -> UpsertCounts:
        self.new += other.new
        self.changed += other.changed
        self.unchanged += other.unchanged
        return self


@dataclass
class Coverage:
    """What the store holds for one symbol or series (for ``market status``)."""

    kind: str  # price | rate
    symbol: str
    first: dt.date
    last: dt.date
    rows: int
    last_value: float | None = None
    providers: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --- writing ---------------------------------------------------------------------------------


#: From this many rows on, PostgreSQL gets ``COPY`` into a temporary table and one
#: ``INSERT ... SELECT``: a statement per row costs a round trip each (5x slower measured).
PG_COPY_FROM_ROWS = 200


def _upsert_sql(
    conn: Connection, table: Table, keys: Sequence[str], source: str = ""
) -> str | None:
    """Driver-level ``INSERT ... ON CONFLICT DO UPDATE`` text, or None for other engines.

    Plain SQL through ``exec_driver_sql`` skips SQLAlchemy's per-row parameter processing,
    which was most of the time of a 150k-row import; SQLite and PostgreSQL accept the same
    text. With ``source`` the rows come from that table instead of parameters.
    """
    marker = {"sqlite": "?", "postgresql": "%s"}.get(conn.dialect.name)
    if marker is None or conn.dialect.paramstyle not in ("qmark", "format", "pyformat"):
        return None
    cols = ", ".join(c.name for c in table.columns)
    rest = [c.name for c in table.columns if c.name not in keys]
    values = (
        f"SELECT {cols} FROM {source}"
        if source
        else f"VALUES ({', '.join([marker] * len(table.columns))})"
    )
    return (
        f"INSERT INTO {table.name} ({cols}) {values} "
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET "
        + ", ".join(f"{c} = excluded.{c}" for c in rest)
    )


def _pg_copy(conn: Connection, table: Table, keys: Sequence[str], rows: list[tuple]) -> bool:
    """Bulk upsert through ``COPY`` (psycopg 3) in the current transaction; False if unable."""
    dbapi = conn.connection.dbapi_connection
    cursor = dbapi.cursor() if dbapi is not None else None
    if cursor is None or not hasattr(cursor, "copy"):
        return False
    tmp = f"tmp_upsert_{table.name}"
    cols = ", ".join(c.name for c in table.columns)
    try:
        cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {tmp} (LIKE {table.name}) ON COMMIT DROP")
        cursor.execute(f"TRUNCATE {tmp}")
        with cursor.copy(f"COPY {tmp} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(_upsert_sql(conn, table, keys, source=tmp))
    finally:
        cursor.close()
    return True


def write_rows(
    conn: Connection,
    table: Table,
    keys: Sequence[str],
    new: list[dict[str, Any]],
    changed: list[dict[str, Any]],
    batch_size: int = BATCH_SIZE,
) -> None:
    """Write rows known to be ``new`` and rows known to exist (``changed``) to ``table``.

    SQLite: one prepared statement through ``executemany`` (in C, fast). PostgreSQL:
    ``COPY`` for large batches, ``executemany`` for small ones (a live update's week).
    """
    sql = _upsert_sql(conn, table, keys)
    if sql is not None:
        cols = [c.name for c in table.columns]
        rows = [tuple(r[c] for c in cols) for r in new + changed]
        if not rows:
            return
        if conn.dialect.name == "postgresql":
            if len(rows) >= PG_COPY_FROM_ROWS and _pg_copy(conn, table, keys, rows):
                return
        else:  # SQLAlchemy keeps SQLite dates as ISO text; the driver must be given the same
            dates = [i for i, c in enumerate(table.columns) if isinstance(c.type, Date)]
            if dates:
                rows = [
                    tuple(
                        v.isoformat() if i in dates and v is not None else v
                        for i, v in enumerate(r)
                    )
                    for r in rows
                ]
        for i in range(0, len(rows), batch_size):
            conn.exec_driver_sql(sql, rows[i : i + batch_size])
        return
    for i in range(0, len(new), batch_size):  # portable fallback for other engines
        conn.execute(insert(table), new[i : i + batch_size])
    if changed:
        where = and_(*(table.c[k] == bindparam(f"k_{k}") for k in keys))
        renamed = [{**{f"k_{k}": r[k] for k in keys}, **r} for r in changed]
        conn.execute(update(table).where(where), renamed)


def _one(name: str) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    return lambda row: (row[name],)


def _merge(
    conn: Connection,
    table: Table,
    key: str,
    value_cols: Sequence[str],
    rows: list[Mapping[str, Any]],
    provider: str,
    batch_size: int,
) -> UpsertCounts:
    """Upsert ``rows`` (all with the same ``key`` value) keyed by (key, date)."""
    counts = UpsertCounts()
    if not rows:
        return counts
    ident = rows[0][key]
    dates = [r["date"] for r in rows]
    cols = [table.c.date, *(table.c[c] for c in value_cols)]
    found = conn.execute(
        select(*cols).where(
            table.c[key] == ident, table.c.date >= min(dates), table.c.date <= max(dates)
        )
    ).all()
    existing: dict[dt.date, tuple[Any, ...]] = {r[0]: tuple(r[1:]) for r in found}
    values_of = itemgetter(*value_cols) if len(value_cols) > 1 else _one(value_cols[0])
    new: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    seen: set[dt.date] = set()
    for row in rows:
        day = row["date"]
        if day in seen:  # a provider repeating a date: the first row wins
            continue
        seen.add(day)
        old = existing.get(day)
        if old is None:
            new.append({**row, key: ident, "provider": provider})
            continue
        values = values_of(row)
        if values == old:  # the common case of a re-import, compared in C
            counts.unchanged += 1
            continue
        merged = tuple(v if v is not None else o for v, o in zip(values, old, strict=True))
        if merged == old:
            counts.unchanged += 1
        else:
            changed.append(
                {
                    key: ident,
                    "date": day,
                    **dict(zip(value_cols, merged, strict=True)),
                    "provider": provider,
                }
            )
    write_rows(conn, table, (key, "date"), new, changed, batch_size)
    counts.new += len(new)
    counts.changed += len(changed)
    return counts


def _fields(record: BaseModel | Mapping[str, Any]) -> Mapping[str, Any]:
    return record.__dict__ if isinstance(record, BaseModel) else record


def _grouped(rows: Iterable[Mapping[str, Any]], key: str) -> dict[str, list[Mapping[str, Any]]]:
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row[key], []).append(row)
    return groups


def upsert_bars(
    engine: Engine,
    bars: Iterable[PriceBar | Mapping[str, Any]],
    provider: str = "csv",
    *,
    batch_size: int = BATCH_SIZE,
) -> UpsertCounts:
    """Store ``bars`` (any symbols); idempotent. Returns new/changed/unchanged row counts.

    ``bars`` are ``PriceBar``s or dicts with every ``PriceBar`` field (``bar_dicts``).
    """
    counts = UpsertCounts()
    groups = _grouped((_fields(b) for b in bars), "symbol")
    with engine.begin() as conn:
        for rows in groups.values():
            counts += _merge(conn, BARS, "symbol", BAR_VALUES, rows, provider, batch_size)
    return counts


def upsert_rates(
    engine: Engine,
    observations: Iterable[RateObservation | Mapping[str, Any]],
    provider: str = "csv",
    *,
    batch_size: int = BATCH_SIZE,
) -> UpsertCounts:
    """Store rate observations (any series); idempotent, like :func:`upsert_bars`."""
    counts = UpsertCounts()
    groups = _grouped((_fields(o) for o in observations), "series_id")
    with engine.begin() as conn:
        for rows in groups.values():
            counts += _merge(conn, RATES, "series_id", RATE_VALUES, rows, provider, batch_size)
    return counts


# --- reading ---------------------------------------------------------------------------------


def _range(table: Table, key: str, ident: str, start: dt.date | None, end: dt.date | None):
    conds = [table.c[key] == ident]
    if start:
        conds.append(table.c.date >= start)
    if end:
        conds.append(table.c.date <= end)
    return conds


def load_bars(
    engine: Engine, symbol: str, start: dt.date | None = None, end: dt.date | None = None
) -> list[PriceBar]:
    """Stored bars of ``symbol`` (``IWM``, ``^RUT``) between ``start`` and ``end``, ascending."""
    cols = [BARS.c.symbol, BARS.c.date, *(BARS.c[c] for c in BAR_VALUES)]
    stmt = select(*cols).where(*_range(BARS, "symbol", symbol.upper(), start, end))
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(stmt.order_by(BARS.c.date))]
    return _BAR_LIST.validate_python(rows)


def load_rates(
    engine: Engine, series_id: str, start: dt.date | None = None, end: dt.date | None = None
) -> list[RateObservation]:
    """Stored observations of ``series_id`` (``DFEDTARU``...) in range, ascending."""
    stmt = select(RATES.c.series_id, RATES.c.date, RATES.c.value).where(
        *_range(RATES, "series_id", series_id.upper(), start, end)
    )
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(stmt.order_by(RATES.c.date))]
    return _RATE_LIST.validate_python(rows)


def bar_on_or_before(engine: Engine, symbol: str, day: dt.date) -> PriceBar | None:
    """The last bar on or before ``day`` (a claim dated on a weekend reads Friday's close)."""
    cols = [BARS.c.symbol, BARS.c.date, *(BARS.c[c] for c in BAR_VALUES)]
    stmt = (
        select(*cols)
        .where(BARS.c.symbol == symbol.upper(), BARS.c.date <= day)
        .order_by(BARS.c.date.desc())
        .limit(1)
    )
    with engine.connect() as conn:
        row = conn.execute(stmt).first()
    return PriceBar.model_validate(dict(row._mapping)) if row else None


def latest_close(engine: Engine, symbol: str) -> PriceBar | None:
    """The most recent stored bar of ``symbol`` (its ``close`` and ``date``), or None."""
    return bar_on_or_before(engine, symbol, dt.date.max)


def rate_on_or_before(engine: Engine, series_id: str, day: dt.date) -> RateObservation | None:
    """The last observation of ``series_id`` on or before ``day``, or None."""
    stmt = (
        select(RATES.c.series_id, RATES.c.date, RATES.c.value)
        .where(RATES.c.series_id == series_id.upper(), RATES.c.date <= day)
        .order_by(RATES.c.date.desc())
        .limit(1)
    )
    with engine.connect() as conn:
        row = conn.execute(stmt).first()
    return RateObservation.model_validate(dict(row._mapping)) if row else None


def stored_price_symbols(engine: Engine) -> list[str]:
    """Symbols with at least one stored bar."""
    with engine.connect() as conn:
        return sorted(r[0] for r in conn.execute(select(BARS.c.symbol).distinct()))


def stored_rate_series(engine: Engine) -> list[str]:
    """Series with at least one stored observation."""
    with engine.connect() as conn:
        return sorted(r[0] for r in conn.execute(select(RATES.c.series_id).distinct()))


def last_dates(engine: Engine) -> dict[str, dt.date]:
    """Last stored date per symbol and per series (one dict: symbols and FRED ids differ)."""
    out: dict[str, dt.date] = {}
    with engine.connect() as conn:
        for table, key in ((BARS, "symbol"), (RATES, "series_id")):
            stmt = select(table.c[key], func.max(table.c.date)).group_by(table.c[key])
            out.update({k: d for k, d in conn.execute(stmt)})
    return out


def coverage(engine: Engine) -> list[Coverage]:
    """First and last date, row count, last value and providers per symbol and series."""
    out: list[Coverage] = []
    with engine.connect() as conn:
        for kind, table, key, value in (
            ("price", BARS, "symbol", "close"),
            ("rate", RATES, "series_id", "value"),
        ):
            k = table.c[key]
            stmt = select(k, func.min(table.c.date), func.max(table.c.date), func.count()).group_by(
                k
            )
            summary = {r[0]: r[1:] for r in conn.execute(stmt)}
            providers: dict[str, list[str]] = {}
            for ident, prov in conn.execute(select(k, table.c.provider).distinct()):
                providers.setdefault(ident, []).append(prov)
            latest = select(k, func.max(table.c.date).label("d")).group_by(k).subquery()
            last_values = dict(
                conn.execute(
                    select(k, table.c[value]).join(
                        latest, and_(latest.c[key] == k, latest.c.d == table.c.date)
                    )
                ).all()
            )
            for ident in sorted(summary):
                first, last, rows = summary[ident]
                out.append(
                    Coverage(
                        kind,
                        ident,
                        first,
                        last,
                        int(rows),
                        last_values.get(ident),
                        sorted(providers.get(ident, [])),
                    )
                )
    return out
