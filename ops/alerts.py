"""Alert rules on watched subjects: what changed since the reader was last told.

Each watched symbol keeps a baseline (``Watch.state``, set when it is added and moved when
an alert fires). Against it, a run finds:

``flag``         a claim about the symbol that the market data contradicts (new flag)
``flip``         the voices' consensus turned bullish <-> bearish
``target_move``  the median price target moved more than ``target_move_pct`` since last told
``new_voice``    a source stated a price target on the symbol for the first time
``cross``        the last close crossed a level that ``level_min_sources`` sources named

Every alert has a key built from what it says, so finding it again never stores it twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

from sqlalchemy.engine import Engine

from crosscheck.flags import flagged_articles
from digest import build_digest
from digest.model import Digest, SubjectDigest
from ops.config import AlertsConfig
from store import market as market_q
from store import watch as watch_q
from store.alerts import NewAlert
from store.models import Watch

RULES = ("flag", "flip", "target_move", "new_voice", "cross")
#: a crossing is news only while its bar is this recent
CROSS_RECENT_DAYS = 7


def _key(*parts: object) -> str:
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _flag_key(claim: Any) -> str:
    return _key(
        "flag",
        claim.article_id,
        claim.kind,
        claim.subject,
        claim.value,
        claim.low,
        claim.high,
        claim.quote,
    )


def _fmt(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def snapshot(sd: SubjectDigest | None, flag_keys: Iterable[str] = ()) -> dict[str, Any]:
    """A subject's baseline as the rules compare against it."""
    state: dict[str, Any] = {"flags_known": sorted(set(flag_keys))}
    if sd is None:
        return state
    state["consensus"] = sd.consensus
    if sd.targets is not None:
        state["median_target"] = sd.targets.median
        state["target_voices"] = sorted({t.source for t in sd.targets.items})
    return state


def watched_flags(
    engine: Engine, symbols: Iterable[str], start: dt.date, end: dt.date
) -> dict[str, list[tuple[str, Any, Any]]]:
    """(key, article, claim) of every flagged claim about each watched symbol."""
    wanted = set(symbols)
    out: dict[str, list[tuple[str, Any, Any]]] = {s: [] for s in wanted}
    for art in flagged_articles(engine, since=start, until=end, copies=False):
        for claim in art.claims:
            if claim.subject in wanted:
                out[claim.subject].append((_flag_key(claim), art, claim))
    return out


def initial_state(engine: Engine, symbol: str, cfg: AlertsConfig, today: dt.date) -> dict:
    """The baseline of a symbol just added: what the store already says is not news."""
    from digest.build import default_day

    day, _ = default_day(engine, today)
    if day is None:
        return snapshot(None)
    digest = build_digest(engine, day, cfg.window_days)
    flags = watched_flags(engine, [symbol], digest.start, digest.end)[symbol]
    return snapshot(digest.subject(symbol), [k for k, _, _ in flags])


def _cross(
    engine: Engine, symbol: str, sd: SubjectDigest, cfg: AlertsConfig, day: dt.date
) -> list[NewAlert]:
    bars = market_q.load_bars(engine, symbol, day - dt.timedelta(days=CROSS_RECENT_DAYS + 7))
    bars = [b for b in bars if b.date <= day]
    if len(bars) < 2 or (day - bars[-1].date).days > CROSS_RECENT_DAYS:
        return []
    prev, last = bars[-2], bars[-1]
    out: list[NewAlert] = []
    for zone in sd.levels:
        if zone.n_sources < cfg.level_min_sources:
            continue
        level = zone.center
        if prev.close < level <= last.close:
            way = "above"
        elif prev.close > level >= last.close:
            way = "below"
        else:
            continue
        out.append(
            NewAlert(
                key=_key("cross", symbol, round(level, 4), way, last.date),
                rule="cross",
                subject=symbol,
                day=last.date,
                title=f"{symbol} closed {way} {_fmt(level)} ({zone.role}, named by "
                f"{zone.n_sources} sources): {_fmt(prev.close)} -> {_fmt(last.close)}",
                detail={
                    "level": level,
                    "zone_low": zone.low,
                    "zone_high": zone.high,
                    "role": zone.role,
                    "sources": zone.sources,
                    "direction": way,
                    "previous_close": prev.close,
                    "previous_date": prev.date,
                    "close": last.close,
                    "date": last.date,
                },
            )
        )
    return out


def evaluate_symbol(
    engine: Engine,
    watch: Watch,
    digest: Digest,
    flags: list[tuple[str, Any, Any]],
    cfg: AlertsConfig,
) -> tuple[list[NewAlert], dict[str, Any]]:
    """The alerts for one watched symbol and its next baseline."""
    sym = watch.symbol
    prev = watch_q.load_state(watch)
    sd = digest.subject(sym)
    alerts: list[NewAlert] = []
    known_flags = set(prev.get("flags_known", []))
    for key, art, claim in flags:
        if key in known_flags:
            continue
        stated = claim.value if claim.value is not None else f"{claim.low}-{claim.high}"
        actual = "" if claim.actual is None else f", data says {_fmt(claim.actual)}"
        alerts.append(
            NewAlert(
                key=key,
                rule="flag",
                subject=sym,
                day=art.published,
                title=f"{sym}: {art.source or 'a source'} says {claim.kind} {stated} "
                f"{claim.unit or ''}{actual} (contradicted)".replace("  ", " "),
                detail={
                    "article_id": art.article_id,
                    "title": art.title,
                    "url": art.url,
                    "source": art.source,
                    "quote": claim.quote,
                    "kind": claim.kind,
                    "value": claim.value,
                    "actual": claim.actual,
                    "confidence": claim.confidence,
                    "severity": art.severity_label,
                },
            )
        )
    state = dict(prev)
    if sd is None:
        return alerts, state
    before, after = prev.get("consensus"), sd.consensus
    if {before, after} == {"bullish", "bearish"}:
        alerts.append(
            NewAlert(
                key=_key("flip", sym, before, after, digest.day),
                rule="flip",
                subject=sym,
                day=digest.day,
                title=f"{sym}: consensus flipped {before} -> {after} "
                f"({sd.stance.bullish} bullish, {sd.stance.bearish} bearish voices)",
                detail={"before": before, "after": after, "stance": sd.stance.model_dump()},
            )
        )
    if after in ("bullish", "bearish") or "consensus" not in state:
        state["consensus"] = after  # a mixed or neutral spell keeps the last side as baseline
    if sd.targets is not None:
        base = prev.get("median_target")
        median = sd.targets.median
        if base:
            move = (median / float(base) - 1) * 100
            if abs(move) > cfg.target_move_pct:
                alerts.append(
                    NewAlert(
                        key=_key("target_move", sym, round(float(base), 4), round(median, 4)),
                        rule="target_move",
                        subject=sym,
                        day=digest.day,
                        title=f"{sym}: median target {_fmt(float(base))} -> {_fmt(median)} "
                        f"({move:+.1f}%, {sd.targets.count} targets)",
                        detail={"before": base, "after": median, "move_pct": round(move, 2)},
                    )
                )
                state["median_target"] = median
        else:
            state["median_target"] = median
        known = set(prev.get("target_voices", []))
        for item in sorted(sd.targets.items, key=lambda t: (t.source, t.value)):
            if item.source in known:
                continue
            known.add(item.source)
            alerts.append(
                NewAlert(
                    key=_key("new_voice", sym, item.source),
                    rule="new_voice",
                    subject=sym,
                    day=item.published or digest.day,
                    title=f"{sym}: new price target from {item.source}: {_fmt(item.value)}"
                    + (f" ({item.horizon})" if item.horizon else ""),
                    detail={
                        "source": item.source,
                        "value": item.value,
                        "low": item.low,
                        "high": item.high,
                        "article_id": item.article_id,
                        "stance": item.stance,
                        "median": median,
                    },
                )
            )
        state["target_voices"] = sorted(known)
    alerts.extend(_cross(engine, sym, sd, cfg, digest.day))
    return alerts, state


def evaluate(
    engine: Engine, digest: Digest, cfg: AlertsConfig, watches: list[Watch] | None = None
) -> tuple[list[NewAlert], dict[str, dict[str, Any]]]:
    """Every watched symbol's alerts (in rule order) and new baselines."""
    watches = watch_q.list_watches(engine) if watches is None else watches
    flags = watched_flags(engine, [w.symbol for w in watches], digest.start, digest.end)
    alerts: list[NewAlert] = []
    states: dict[str, dict[str, Any]] = {}
    for watch in watches:
        found, state = evaluate_symbol(engine, watch, digest, flags[watch.symbol], cfg)
        alerts += found
        states[watch.symbol] = state
    alerts.sort(key=lambda a: (RULES.index(a.rule), a.subject, a.title))
    return alerts, states
