"""``thesisdesk run``: the whole daily cycle, in order, under one lock.

poll feeds (the watched tickers' feeds included) -> fetch missing market data -> extract
claims -> fetch data for subjects the new claims name -> check -> build and store the
digest -> find and store alerts -> deliver them -> mail the digest after the close.

Every stage is idempotent and commits per item (an article, a symbol, a batch of verdicts,
the alerts of a run with their baselines in one transaction), so a run killed anywhere
leaves a consistent store and the next run does what is left. A stage that raises is
recorded and the later stages still run (a feed outage must not stop the alerts on what
is already stored); the run is then ``partial``.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine

from ops.config import OpsConfig
from store import runs
from thesisdesk.progress import ProgressHook

log = logging.getLogger(__name__)

STAGES = (
    "feeds",
    "market",
    "extract",
    "market (new subjects)",
    "check",
    "digest",
    "alerts",
    "deliver",
    "digest mail",
)

#: "auto": mail the digest on a trading day once the ``after_close`` time has passed
DIGEST_MAIL_MODES = ("auto", "always", "never")


@dataclass
class StageResult:
    stage: str
    status: str = "ok"  # ok | partial (some items failed) | failed (it raised) | skipped
    seconds: float = 0.0
    result: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


@dataclass
class DailySummary:
    run_id: int | None = None
    started_at: dt.datetime | None = None
    seconds: float = 0.0
    stages: list[StageResult] = field(default_factory=list)
    new_alerts: int = 0
    interrupted_runs: list[int] = field(default_factory=list)

    @property
    def status(self) -> str:
        """``ok``, ``partial`` (a stage raised or some of its items failed) or ``failed``
        (every stage that ran raised or lost all its items: nothing of the run landed).

        A script reading ``--json`` must not be told "ok" while every feed returned 500.
        """
        ran = [s for s in self.stages if s.status != "skipped"]
        if ran and all(s.status == "failed" or s.result.get("all_failed") for s in ran):
            return "failed"
        return "partial" if any(s.status in ("failed", "partial") for s in ran) else "ok"

    def stage(self, name: str) -> StageResult | None:
        return next((s for s in self.stages if s.stage == name), None)

    def problems(self) -> list[str]:
        """Every failure worth telling: stage crashes, failed items, failed deliveries."""
        out: list[str] = []
        for s in self.stages:
            if s.error:
                out.append(f"{s.stage}: {s.error}")
            out += [f"{s.stage}: {p}" for p in s.result.get("problems", [])]
            out += [f"{s.stage}: {p}" for p in s.result.get("notices", [])]
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "status": self.status,
            "started_at": self.started_at,
            "seconds": round(self.seconds, 2),
            "new_alerts": self.new_alerts,
            "interrupted_runs": self.interrupted_runs,
            "problems": self.problems(),
            "stages": [s.__dict__ for s in self.stages],
        }


def _dict(obj: Any) -> dict[str, Any]:
    for name in ("as_dict", "to_dict"):
        if hasattr(obj, name):
            return dict(getattr(obj, name)())
    if hasattr(obj, "__dataclass_fields__"):
        from dataclasses import asdict

        return asdict(obj)
    return dict(obj) if isinstance(obj, dict) else {"value": obj}


def _market_dict(res: Any, fresh: list[str]) -> dict[str, Any]:
    if res is None:
        return {"fetched": [], "up_to_date": fresh, "problems": []}
    d = res.to_dict()
    problems = [i.error for i in res.failed]
    # a fallback got the data: worth telling, not a failure of the run
    notices = [
        f"{i.symbol}: fell back to {i.provider} after {'; '.join(i.fallbacks)}"
        for i in res.items
        if i.fallbacks and not i.error
    ]
    return {
        "fetched": [
            {
                "symbol": i.symbol,
                "provider": i.provider,
                "rows": i.rows,
                "new": i.new,
                "last": i.last,
                "error": i.error,
                "fallbacks": i.fallbacks,
            }
            for i in res.items
        ],
        "rows": d["rows"],
        "new": d["new"],
        "failed": d["failed"],
        "up_to_date": fresh,
        "problems": problems,
        "notices": notices,
        "all_failed": bool(res.items) and len(res.failed) == len(res.items),
    }


def after_close(now: dt.datetime, cfg: OpsConfig) -> bool:
    """Whether ``now`` is on a scheduled trading day, past the ``after_close`` time."""
    local = now.astimezone(ZoneInfo(cfg.schedule.timezone))
    day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[local.weekday()]
    return day in cfg.schedule.days and local.time() >= cfg.schedule.time("after_close")


def run_daily(
    engine: Engine,
    cfg: OpsConfig,
    *,
    now: dt.datetime | None = None,
    force_feeds: bool = False,
    use_model: bool = True,
    deliver: bool = True,
    digest_mail: str = "auto",
    progress: ProgressHook | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> DailySummary:
    """The whole cycle; the caller holds the run lock (``ops.lock.RunLock``).

    ``now`` fixes the clock for the market and mail decisions (a replay, a test);
    ``on_stage`` is told each stage's name as it starts (the CLI prints it).
    """
    from ingest.pipeline import poll_feeds
    from ops import alerts as alert_rules
    from ops import deliver as delivery
    from ops import market as market_stage
    from store import alerts as alert_q
    from store import watch as watch_q

    if digest_mail not in DIGEST_MAIL_MODES:
        raise ValueError(f"digest_mail is one of {DIGEST_MAIL_MODES}")
    now = now or dt.datetime.now(dt.UTC)
    t0 = time.perf_counter()
    summary = DailySummary(started_at=now)
    summary.interrupted_runs = runs.close_interrupted(engine)
    summary.run_id = runs.start_run(engine, "daily", cfg.path or "defaults")
    ctx: dict[str, Any] = {"fetched": set()}

    def stage(name: str, fn: Callable[[], dict[str, Any] | None]) -> None:
        if on_stage is not None:
            on_stage(name)
        res = StageResult(name)
        t = time.perf_counter()
        try:
            out = fn()
            if out is None:
                res.status = "skipped"
            else:
                res.result = out
                if out.get("problems"):
                    res.status = "partial"
        except Exception as exc:  # one stage failing never stops the later ones
            log.error("stage %s failed:\n%s", name, traceback.format_exc())
            res.status, res.error = "failed", f"{type(exc).__name__}: {exc}"
        res.seconds = round(time.perf_counter() - t, 3)
        summary.stages.append(res)

    def feeds() -> dict[str, Any]:
        s = poll_feeds(engine, force=force_feeds, progress=progress)
        d = s.as_dict()
        d["problems"] = [
            f"{e['item']}: {e['error']}" for e in s.errors if e.get("kind") != "warning"
        ]
        d["all_failed"] = s.feeds > 0 and s.feeds_failed == s.feeds
        return d

    def market(new_only: bool) -> dict[str, Any] | None:
        if not cfg.market.enabled:
            return None
        symbols = market_stage.wanted_symbols(engine)
        res, fresh = market_stage.fetch_missing(
            engine, cfg, symbols, now=now, rates=not new_only, skip=ctx["fetched"]
        )
        if new_only and res is None:
            return None
        if res is not None:
            ctx["fetched"].update(i.symbol for i in res.items)
        return _market_dict(res, fresh)

    def extract() -> dict[str, Any]:
        from nlp.store_pipeline import extract_stored

        s = extract_stored(engine, progress=progress, use_model=use_model)
        d = _dict(s)
        d["problems"] = list(s.errors)
        d["all_failed"] = s.articles_failed > 0 and s.articles_done == 0
        return d

    def check() -> dict[str, Any]:
        from crosscheck.run import check_stored

        s = check_stored(engine)
        d = _dict(s)
        d["problems"] = list(s.errors)
        d["all_failed"] = s.failed > 0 and s.checked == 0
        return d

    def digest() -> dict[str, Any] | None:
        from digest import build_digest, default_day

        day, note = default_day(engine, now.date())
        if day is None:
            return None
        built = build_digest(engine, day, cfg.digest_mail.days)
        built.note = note
        alert_q.save_digest(engine, day, built.days, built.model_dump_json(), len(built.subjects))
        ctx["digest"] = built
        return {
            "day": day,
            "subjects": len(built.subjects),
            "articles": built.n_articles,
            "claims": built.n_claims,
            "note": note,
        }

    def alerts() -> dict[str, Any] | None:
        watches = watch_q.list_watches(engine)
        if not watches:
            return None
        from digest import build_digest, default_day

        built = ctx.get("digest")
        day, _ = default_day(engine, now.date())
        if day is None:
            return None
        if built is None or built.days != cfg.alerts.window_days:
            built = build_digest(engine, day, cfg.alerts.window_days)
        found, states = alert_rules.evaluate(engine, built, cfg.alerts, watches)
        created = alert_q.record_alerts(
            engine, found, cfg.alerts.channels(), states, run_id=summary.run_id
        )
        summary.new_alerts = len(created)
        return {
            "watched": [w.symbol for w in watches],
            "found": len(found),
            "new": len(created),
            "ids": created,
        }

    def send() -> dict[str, Any] | None:
        if not deliver or not cfg.alerts.channels():
            return None
        reports = delivery.deliver_pending(engine, cfg.alerts)
        return {
            "channels": [r.as_dict() for r in reports],
            "problems": [e for r in reports for e in r.errors],
        }

    def mail_digest() -> dict[str, Any] | None:
        if digest_mail == "never" or not cfg.digest_mail.to:
            return None
        if digest_mail == "auto" and not after_close(now, cfg):
            return None
        built = ctx.get("digest")
        if built is None:
            return None
        out = delivery.digest_mail(engine, cfg.digest_mail, cfg.alerts.email, built.day)
        if out.get("error"):
            out["problems"] = [out["error"]]
        return out

    stage("feeds", feeds)
    stage("market", lambda: market(False))
    stage("extract", extract)
    stage("market (new subjects)", lambda: market(True))
    stage("check", check)
    stage("digest", digest)
    stage("alerts", alerts)
    stage("deliver", send)
    stage("digest mail", mail_digest)

    summary.seconds = time.perf_counter() - t0
    problems = summary.problems()
    runs.finish_run(
        engine,
        summary.run_id,
        seen=len(summary.stages),
        new=summary.new_alerts,
        duplicate=0,
        failed=sum(1 for s in summary.stages if s.status == "failed"),
        errors=[{"item": p.split(":", 1)[0], "error": p, "kind": "error"} for p in problems],
        status=summary.status,
    )
    return summary
