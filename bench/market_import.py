"""Import speed: the market CSV snapshot and the instrument lists into a fresh store.

Usage:
    python bench/market_import.py [--data DIR] [--db URL] [--repeat N] [--json]

Example:
    python bench/market_import.py --data ../shared/data --repeat 3

Each figure is the median of ``--repeat`` runs, every run into a new SQLite file (or, with
``--db``, the given database after emptying the tables). Parsing alone is timed too, so the
share of the store is visible; ``load_instruments`` (SQLModel objects) is compared with
``load_instrument_rows`` (plain dicts, what the import writes) in the same process.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import delete  # noqa: E402

from ingest.instruments import (  # noqa: E402
    import_instruments,
    load_instrument_rows,
    load_instruments,
)
from ingest.market import CsvDirectoryProvider  # noqa: E402
from ingest.market.sync import import_directory  # noqa: E402
from store.db import dispose_all, get_engine  # noqa: E402
from store.models import Instrument, PriceBarRow, RateObservationRow  # noqa: E402
from thesisdesk import settings  # noqa: E402


def _median(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def _fresh_engine(db: str | None, tmp: Path, n: int):
    if db:
        engine = get_engine(db)
        with engine.begin() as conn:
            for model in (PriceBarRow, RateObservationRow, Instrument):
                conn.execute(delete(model))
        return engine
    return get_engine(f"sqlite:///{tmp / f'bench{n}.db'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", help="data directory holding market/ and instruments/")
    ap.add_argument("--db", help="SQLAlchemy URL (tables are emptied first!)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    market = settings.market_dir(args.data)
    instruments = settings.instruments_dir(args.data)
    if market is None or instruments is None:
        sys.exit(f"no data directory: pass --data or set {settings.DATA_ENV}")

    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)

        def parse_all() -> int:
            p = CsvDirectoryProvider(market)
            return sum(len(p.bars(s)) for s in p.price_symbols()) + sum(
                len(p.rates(s)) for s in p.rate_series()
            )

        figures["market_parse_s"], rows = _median(parse_all, args.repeat)
        figures["market_rows"] = float(rows)  # type: ignore[arg-type]
        counter = iter(range(10_000))
        engines = []

        def first_import() -> None:
            engine = _fresh_engine(args.db, tmp, next(counter))
            engines.append(engine)
            import_directory(engine, market)

        figures["market_import_s"], _ = _median(first_import, args.repeat)
        figures["market_reimport_s"], _ = _median(
            lambda: import_directory(engines[-1], market), args.repeat
        )
        figures["market_rows_per_s"] = figures["market_rows"] / figures["market_import_s"]

        figures["instruments_objects_s"], objs = _median(
            lambda: load_instruments(instruments), args.repeat
        )
        figures["instruments_rows_s"], _ = _median(
            lambda: load_instrument_rows(instruments), args.repeat
        )
        figures["instruments"] = float(len(objs))  # type: ignore[arg-type]
        figures["instruments_rows_speedup"] = (
            figures["instruments_objects_s"] / figures["instruments_rows_s"]
        )

        def instruments_import() -> None:
            engine = _fresh_engine(args.db, tmp, next(counter))
            engines.append(engine)
            import_instruments(engine, instruments)

        figures["instruments_import_s"], _ = _median(instruments_import, args.repeat)
        figures["instruments_reimport_s"], _ = _median(
            lambda: import_instruments(engines[-1], instruments), args.repeat
        )
        dispose_all()

    if args.json:
        print(json.dumps({k: round(v, 4) for k, v in figures.items()}))
        return
    print(f"store: {args.db or 'fresh SQLite file per run'}; median of {args.repeat}")
    for key, value in figures.items():
        print(f"  {key:28s} {value:>12,.3f}")


if __name__ == "__main__":
    main()
