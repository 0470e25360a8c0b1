"""The run's market stage: fetch only what is missing, for what the reader cares about.

Wanted: every watched symbol and every priced subject a claim names, plus the Fed's target
range (``[market] rate_series``). A symbol is missing data when its last stored bar is older
than the last session that has closed; it is fetched from a week before that bar (late
corrections) or, never fetched, ``history_days`` back. Providers are asked in the settings
file's order; each failure is stated in the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine

from ingest.market.fallback import chain
from ingest.market.sync import OVERLAP_DAYS, Item, SyncResult, run_items
from ops.config import OpsConfig
from store import market as market_q
from store import watch as watch_q

#: FRED publishes a day's rate the next business day: a rate one session old is current.
RATE_LAG_DAYS = 3


def last_closed_session(now: dt.datetime, cfg: OpsConfig) -> dt.date:
    """The latest trading day whose close has passed at ``now`` (weekends skipped; exchange
    holidays are not known, so a holiday's missing bar is asked for once per run)."""
    local = now.astimezone(ZoneInfo(cfg.schedule.timezone))
    day = local.date()
    if local.time() < cfg.schedule.time("market_close"):
        day -= dt.timedelta(days=1)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def wanted_symbols(engine: Engine) -> list[str]:
    return sorted(set(watch_q.watched_symbols(engine)) | set(watch_q.claimed_symbols(engine)))


def plan(
    engine: Engine,
    cfg: OpsConfig,
    symbols: Iterable[str],
    *,
    now: dt.datetime,
    rates: bool = True,
    skip: Iterable[str] = (),
) -> tuple[list[tuple[str, str, dt.date]], list[str]]:
    """([(kind, symbol, start)] to fetch, [symbols already up to date])."""
    session = last_closed_session(now, cfg)
    last = market_q.last_dates(engine)
    skipped = set(skip)
    todo: list[tuple[str, str, dt.date]] = []
    fresh: list[str] = []
    history_start = session - dt.timedelta(days=cfg.market.history_days)

    def start_of(sym: str) -> dt.date:
        return last[sym] - dt.timedelta(days=OVERLAP_DAYS) if sym in last else history_start

    for sym in sorted(set(symbols)):
        if sym in skipped:
            continue
        if sym in last and last[sym] >= session:
            fresh.append(sym)
        else:
            todo.append(("price", sym, start_of(sym)))
    if rates:
        for sid in cfg.market.rate_series:
            if sid in skipped:
                continue
            if sid in last and last[sid] >= session - dt.timedelta(days=RATE_LAG_DAYS):
                fresh.append(sid)
            else:
                todo.append(("rate", sid, start_of(sid)))
    return todo, fresh


def fetch_missing(
    engine: Engine,
    cfg: OpsConfig,
    symbols: Iterable[str],
    *,
    now: dt.datetime,
    rates: bool = True,
    skip: Iterable[str] = (),
) -> tuple[SyncResult | None, list[str]]:
    """Fetch the missing bars and rates through the fallback chains; (result, fresh)."""
    todo, fresh = plan(engine, cfg, symbols, now=now, rates=rates, skip=skip)
    if not todo:
        return None, fresh
    prices = chain("prices", cfg.market.prices)
    rate_chain = chain("rates", cfg.market.rates)
    try:
        items = [
            Item(kind, sym, prices if kind == "price" else rate_chain, start, None)
            for kind, sym, start in todo
        ]
        return run_items(engine, items, "daily: " + ", ".join(s for _, s, _ in todo)), fresh
    finally:
        prices.close()
        rate_chain.close()
