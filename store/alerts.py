"""Alerts and their deliveries; the daily digests a run stored.

An alert is inserted with its deliveries and the watch baselines it moved in one
transaction, so a run killed half-way either told the store all of it or none of it.
Its ``key`` is unique: the same change found again on a later run is not stored twice.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from store.db import session_scope
from store.models import Alert, AlertDelivery, DigestSnapshot, Watch


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class NewAlert:
    """An alert as the rules produce it, before it is stored."""

    key: str
    rule: str
    subject: str
    title: str
    day: dt.date | None = None
    detail: dict[str, Any] = field(default_factory=dict)


def record_alerts(
    engine: Engine,
    alerts: Iterable[NewAlert],
    channels: Iterable[str],
    states: Mapping[str, dict[str, Any]],
    *,
    run_id: int | None = None,
) -> list[int]:
    """Store the alerts not stored before (one pending delivery per channel) and the new
    watch baselines, in one transaction; the ids of the alerts that were new."""
    channels = list(channels)
    now = _now()
    created: list[int] = []
    with session_scope(engine) as s:
        for a in alerts:
            if s.exec(select(Alert.id).where(Alert.key == a.key)).first() is not None:
                continue
            row = Alert(
                key=a.key,
                rule=a.rule,
                subject=a.subject,
                day=a.day,
                title=a.title,
                detail=json.dumps(a.detail, ensure_ascii=False, default=str),
                run_id=run_id,
            )
            s.add(row)
            s.flush()
            assert row.id is not None
            created.append(row.id)
            for ch in channels:
                s.add(AlertDelivery(alert_id=row.id, channel=ch))
        for symbol, state in states.items():
            watch = s.get(Watch, symbol)
            if watch is not None:
                watch.state = json.dumps(state, ensure_ascii=False, sort_keys=True, default=str)
                watch.state_at = now
                s.add(watch)
    return created


def pending_deliveries(
    engine: Engine, channel: str, max_attempts: int
) -> list[tuple[AlertDelivery, Alert]]:
    """Deliveries of ``channel`` not yet sent and not given up on, oldest alert first."""
    with session_scope(engine) as s:
        q = (
            select(AlertDelivery, Alert)
            .join(Alert, col(Alert.id) == AlertDelivery.alert_id)
            .where(AlertDelivery.channel == channel, AlertDelivery.status == "pending")
            .where(AlertDelivery.attempts < max_attempts)
            .order_by(col(Alert.id))
        )
        return [(d, a) for d, a in s.exec(q).all()]


def mark_delivery(
    engine: Engine, delivery_ids: Iterable[int], *, error: str | None, max_attempts: int
) -> None:
    """Sent (``error`` None), or one more failed attempt (``failed`` after the last)."""
    now = _now()
    with session_scope(engine) as s:
        for did in delivery_ids:
            d = s.get(AlertDelivery, did)
            if d is None:
                continue
            d.attempts += 1
            if error is None:
                d.status, d.sent_at, d.last_error = "sent", now, None
            else:
                d.last_error = error
                if d.attempts >= max_attempts:
                    d.status = "failed"
            s.add(d)


def list_alerts(
    engine: Engine, *, limit: int = 100, subject: str | None = None
) -> list[dict[str, Any]]:
    """Newest first, each with its deliveries."""
    with session_scope(engine) as s:
        q = select(Alert).order_by(col(Alert.id).desc()).limit(limit)
        if subject:
            q = q.where(Alert.subject == subject.upper())
        alerts = list(s.exec(q).all())
        ids = [a.id for a in alerts]
        deliveries = s.exec(select(AlertDelivery).where(col(AlertDelivery.alert_id).in_(ids))).all()
    by_alert: dict[int, list[dict[str, Any]]] = {}
    for d in deliveries:
        by_alert.setdefault(d.alert_id, []).append(
            {
                "channel": d.channel,
                "status": d.status,
                "attempts": d.attempts,
                "error": d.last_error,
                "sent_at": d.sent_at,
            }
        )
    return [
        {
            "id": a.id,
            "rule": a.rule,
            "subject": a.subject,
            "day": a.day,
            "title": a.title,
            "detail": json.loads(a.detail or "{}"),
            "created_at": a.created_at,
            "deliveries": by_alert.get(a.id or 0, []),
        }
        for a in alerts
    ]


def alert_count(engine: Engine) -> int:
    with session_scope(engine) as s:
        return int(s.exec(select(func.count(col(Alert.id)))).one())


def save_digest(engine: Engine, day: dt.date, days: int, body: str, n_subjects: int) -> None:
    """Store (or replace) the digest built for ``day``; a replaced one keeps its mail mark."""
    with session_scope(engine) as s:
        row = s.get(DigestSnapshot, day)
        if row is None:
            row = DigestSnapshot(day=day, days=days, body=body, n_subjects=n_subjects)
        else:
            row.days, row.body, row.n_subjects, row.built_at = days, body, n_subjects, _now()
        s.add(row)


def get_digest(engine: Engine, day: dt.date) -> DigestSnapshot | None:
    with session_scope(engine) as s:
        return s.get(DigestSnapshot, day)


def mark_digest_mailed(engine: Engine, day: dt.date, error: str | None) -> None:
    with session_scope(engine) as s:
        row = s.get(DigestSnapshot, day)
        if row is None:
            return
        if error is None:
            row.mailed_at, row.mail_error = _now(), None
        else:
            row.mail_error = error
        s.add(row)
