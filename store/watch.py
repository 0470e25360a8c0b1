"""The watchlist: watched symbols, the per-ticker feeds subscribed for them, alert baselines."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import delete, func
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from store.db import session_scope
from store.models import Article, Instrument, Source, Watch, WatchSource


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def normalise_symbol(symbol: str) -> str:
    """``iwm`` -> ``IWM``, ``^rut`` -> ``^RUT``; whitespace dropped."""
    return "".join(symbol.split()).upper()


def add_watch(engine: Engine, symbol: str, note: str | None = None) -> tuple[Watch, bool]:
    """Put ``symbol`` on the watchlist (no-op when there); returns (watch, created)."""
    symbol = normalise_symbol(symbol)
    with session_scope(engine) as s:
        found = s.get(Watch, symbol)
        if found is not None:
            return found, False
        watch = Watch(symbol=symbol, note=note)
        s.add(watch)
        s.flush()
        return watch, True


def link_source(engine: Engine, symbol: str, source_id: int, site: str) -> bool:
    """Record that ``source_id`` was subscribed for ``symbol``; False when it already was."""
    with session_scope(engine) as s:
        existing = s.exec(
            select(WatchSource).where(
                WatchSource.symbol == symbol, WatchSource.source_id == source_id
            )
        ).first()
        if existing is not None:
            return False
        s.add(WatchSource(symbol=symbol, source_id=source_id, site=site))
        return True


def list_watches(engine: Engine) -> list[Watch]:
    with session_scope(engine) as s:
        return list(s.exec(select(Watch).order_by(col(Watch.symbol))).all())


def watched_symbols(engine: Engine) -> list[str]:
    return [w.symbol for w in list_watches(engine)]


def watch_sources(engine: Engine, symbol: str | None = None) -> list[tuple[WatchSource, Source]]:
    """The per-ticker feeds (with their source rows), of one symbol or all."""
    with session_scope(engine) as s:
        q = select(WatchSource, Source).join(Source, col(Source.id) == WatchSource.source_id)
        if symbol is not None:
            q = q.where(WatchSource.symbol == normalise_symbol(symbol))
        return [(ws, src) for ws, src in s.exec(q.order_by(col(WatchSource.id))).all()]


def remove_watch(engine: Engine, symbol: str) -> dict[str, Any] | None:
    """Take ``symbol`` off the watchlist with the feeds subscribed only for it (their
    articles stay, detached). None when it was not watched."""
    symbol = normalise_symbol(symbol)
    with session_scope(engine) as s:
        watch = s.get(Watch, symbol)
        if watch is None:
            return None
        links = s.exec(select(WatchSource).where(WatchSource.symbol == symbol)).all()
        ids = [ln.source_id for ln in links]
        s.execute(delete(WatchSource).where(col(WatchSource.symbol) == symbol))
        shared = set(
            s.exec(select(WatchSource.source_id).where(col(WatchSource.source_id).in_(ids))).all()
        )
        dropped = [i for i in ids if i not in shared]
        detached = 0
        if dropped:
            from sqlalchemy import update

            from store import rollup

            conn = s.connection()
            arts = [
                int(a or 0)
                for a in s.exec(select(Article.id).where(col(Article.source_id).in_(dropped)))
            ]
            before = rollup.scope_of(conn, arts)
            res = s.execute(
                update(Article).where(col(Article.source_id).in_(dropped)).values(source_id=None)
            )
            detached = int(getattr(res, "rowcount", 0) or 0)
            rollup.refresh_articles(conn, arts, before)  # their articles speak for themselves
            s.execute(delete(Source).where(col(Source.id).in_(dropped)))
        s.delete(watch)
    return {"symbol": symbol, "feeds_removed": len(dropped), "articles_kept": detached}


def article_counts(engine: Engine) -> dict[str, int]:
    """Articles stored from each symbol's per-ticker feeds."""
    with session_scope(engine) as s:
        rows = s.exec(
            select(WatchSource.symbol, func.count(col(Article.id)))
            .join(Article, col(Article.source_id) == WatchSource.source_id)
            .group_by(col(WatchSource.symbol))
        ).all()
    return {sym: int(n) for sym, n in rows}


def instrument_kind(engine: Engine, symbol: str) -> str | None:
    with session_scope(engine) as s:
        inst = s.get(Instrument, normalise_symbol(symbol))
        return inst.kind if inst else None


def load_state(watch: Watch) -> dict[str, Any]:
    try:
        data = json.loads(watch.state or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


#: Instrument kinds that have daily bars (a claim about "small caps" or a rate has none).
PRICED_KINDS = ("stock", "etf", "index")


def claimed_symbols(engine: Engine) -> list[str]:
    """Subjects of stored claims that are priced instruments (stocks, ETFs, indices); an
    unlisted index has a lower-case name for a symbol ("russell microcap") and no series to
    fetch."""
    from store.models import ClaimRow

    with session_scope(engine) as s:
        rows = s.exec(
            select(ClaimRow.subject)
            .join(Instrument, col(Instrument.symbol) == ClaimRow.subject)
            .where(col(Instrument.kind).in_(PRICED_KINDS))
            .distinct()
        ).all()
    return sorted(str(r) for r in rows if not str(r).islower())
