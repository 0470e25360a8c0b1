"""When ``serve`` runs the daily cycle: every N minutes in market hours, once after the close.

The times come from ``[schedule]`` in the settings file and become one APScheduler trigger:
one cron trigger per market hour with that hour's minutes (09:30, 10:00, ... for N = 30),
plus the after-close run, OR-ed together, in the schedule's time zone (so daylight saving
follows New York, not the server). ``day_times`` is the plain list, for tests and for
printing the cron equivalent.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.combining import OrTrigger
from apscheduler.triggers.cron import CronTrigger

from ops.config import ScheduleConfig

JOB_ID = "thesisdesk-daily-run"


def day_times(cfg: ScheduleConfig) -> list[dt.time]:
    """Every run time of a trading day: open, open + N, ... up to the close, then after-close."""
    start = dt.datetime.combine(dt.date(2000, 1, 3), cfg.time("market_open"))
    close = dt.datetime.combine(start.date(), cfg.time("market_close"))
    times: list[dt.time] = []
    t = start
    while t <= close:
        times.append(t.time())
        t += dt.timedelta(minutes=cfg.every_minutes)
    extra = cfg.time("after_close")
    if extra not in times:
        times.append(extra)
    return sorted(times)


def trigger(cfg: ScheduleConfig) -> BaseTrigger:
    """The APScheduler trigger for ``cfg``: one cron trigger per hour, OR-ed."""
    tz = ZoneInfo(cfg.timezone)
    minutes: dict[int, list[int]] = defaultdict(list)
    for t in day_times(cfg):
        minutes[t.hour].append(t.minute)
    days = ",".join(cfg.days)
    parts = [
        CronTrigger(
            day_of_week=days,
            hour=hour,
            minute=",".join(str(m) for m in sorted(set(mins))),
            timezone=tz,
        )
        for hour, mins in sorted(minutes.items())
    ]
    return parts[0] if len(parts) == 1 else OrTrigger(parts)


def next_runs(cfg: ScheduleConfig, after: dt.datetime, n: int = 5) -> list[dt.datetime]:
    """The next ``n`` run times after ``after`` (aware), in the schedule's time zone."""
    trig = trigger(cfg)
    out: list[dt.datetime] = []
    previous: dt.datetime | None = None
    now = after
    while len(out) < n:
        nxt = trig.get_next_fire_time(previous, now)
        if nxt is None:
            break
        out.append(nxt)
        previous, now = nxt, nxt + dt.timedelta(microseconds=1)
    return out


def cron_lines(cfg: ScheduleConfig, command: str = "thesisdesk run") -> list[str]:
    """crontab lines doing what ``serve`` does (set CRON_TZ or the server's zone to match)."""
    dow = ",".join(cfg.days)
    minutes: dict[int, list[int]] = defaultdict(list)
    for t in day_times(cfg):
        minutes[t.hour].append(t.minute)
    return [
        f"{','.join(str(m) for m in sorted(set(mins)))} {hour} * * {dow} {command}"
        for hour, mins in sorted(minutes.items())
    ]


def make_scheduler(
    job: Callable[[], Any], trig: BaseTrigger, *, timezone: str = "UTC"
) -> BackgroundScheduler:
    """A background scheduler running ``job`` on ``trig``: one instance at a time (a slow
    run is never doubled: the lock would refuse it anyway) and missed runs coalesced."""
    scheduler = BackgroundScheduler(timezone=ZoneInfo(timezone))
    scheduler.add_job(
        job,
        trig,
        id=JOB_ID,
        max_instances=1,
        coalesce=True,
        misfire_grace_time=15 * 60,
        replace_existing=True,
    )
    return scheduler
