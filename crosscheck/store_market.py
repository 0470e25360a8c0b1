"""Reading market series out of the store for ``MarketData.from_store``.

``store.market`` (``load_bars``/``load_rates``) is the store's own query module;
it is used when it exists. Until then (or if its signature differs) the rows are read here
directly from ``PriceBarRow``/``RateObservationRow``, so the checker never depends on it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from thesisdesk.records import PriceBar, RateObservation


def _store_market() -> object | None:
    try:
        from store import market  # written by another engineer; may not exist yet
    except ImportError:
        return None
    return market


def bar_loader(engine: Engine) -> Callable[[str], Sequence[PriceBar]]:
    """A function symbol -> bars, via ``store.market.load_bars`` when available."""
    module = _store_market()
    load = getattr(module, "load_bars", None) if module else None

    def load_direct(symbol: str) -> Sequence[PriceBar]:
        from store.db import session_scope
        from store.models import PriceBarRow

        with session_scope(engine) as session:
            rows = session.execute(
                select(PriceBarRow).where(PriceBarRow.symbol == symbol).order_by(PriceBarRow.date)
            ).scalars()
            return [
                PriceBar(
                    symbol=r.symbol,
                    date=r.date,
                    open=r.open,
                    high=r.high,
                    low=r.low,
                    close=r.close,
                    adj_close=r.adj_close,
                    volume=r.volume,
                )
                for r in rows
            ]

    def loader(symbol: str) -> Sequence[PriceBar]:
        if load is not None:
            try:
                return list(load(engine, symbol))
            except TypeError:  # a different signature than agreed: fall back
                pass
        return load_direct(symbol)

    return loader


def rate_loader(engine: Engine) -> Callable[[str], Sequence[RateObservation]]:
    """A function series id -> observations, via ``store.market.load_rates`` when available."""
    module = _store_market()
    load = getattr(module, "load_rates", None) if module else None

    def load_direct(series_id: str) -> Sequence[RateObservation]:
        from store.db import session_scope
        from store.models import RateObservationRow

        with session_scope(engine) as session:
            rows = session.execute(
                select(RateObservationRow)
                .where(RateObservationRow.series_id == series_id)
                .order_by(RateObservationRow.date)
            ).scalars()
            return [
                RateObservation(series_id=r.series_id, date=r.date, value=r.value) for r in rows
            ]

    def loader(series_id: str) -> Sequence[RateObservation]:
        if load is not None:
            try:
                return list(load(engine, series_id))
            except TypeError:
                pass
        return load_direct(series_id)

    return loader


def latest_dates(engine: Engine) -> dict[str, dt.date]:
    """The newest date of every price and rate series in the store (two grouped queries)."""
    from store.models import PriceBarRow, RateObservationRow

    out: dict[str, dt.date] = {}
    with engine.connect() as conn:
        for sym, last in conn.execute(
            select(PriceBarRow.symbol, func.max(PriceBarRow.date)).group_by(PriceBarRow.symbol)
        ):
            out[sym] = last if isinstance(last, dt.date) else dt.date.fromisoformat(str(last))
        for sid, last in conn.execute(
            select(RateObservationRow.series_id, func.max(RateObservationRow.date)).group_by(
                RateObservationRow.series_id
            )
        ):
            out[sid] = last if isinstance(last, dt.date) else dt.date.fromisoformat(str(last))
    return out
