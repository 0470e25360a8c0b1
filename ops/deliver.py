"""Delivering alerts and the digest: a webhook (JSON POST) and e-mail (SMTP).

Delivery never stops a run: a failure is recorded on the delivery row (``last_error``),
stated in the run's summary and tried again on the next run, up to ``max_attempts`` runs.
Sending happens after the alert is stored and before its row is marked sent, so a run
killed in between sends it again next time: at least once, never silently lost.
"""

from __future__ import annotations

import datetime as dt
import json
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from html import escape
from typing import Any

import httpx
from sqlalchemy.engine import Engine

from ops.config import AlertsConfig, DigestMailConfig, EmailConfig, WebhookConfig
from store import alerts as alert_q
from store.models import Alert
from thesisdesk import settings


class DeliveryError(Exception):
    """One delivery failed; the message says why in one line."""


@dataclass
class DeliveryReport:
    channel: str
    sent: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def alert_payload(alert: Alert) -> dict[str, Any]:
    """The JSON a webhook receives for one alert."""
    return {
        "source": "thesisdesk",
        "alert": {
            "id": alert.id,
            "rule": alert.rule,
            "subject": alert.subject,
            "day": alert.day.isoformat() if alert.day else None,
            "title": alert.title,
            "detail": json.loads(alert.detail or "{}"),
            "created_at": alert.created_at.isoformat(),
        },
    }


def post_json(
    cfg: WebhookConfig,
    payload: dict[str, Any],
    *,
    client: httpx.Client | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """POST ``payload``; retried ``cfg.retries`` times with doubling waits on a timeout, a
    dropped connection, 429 or 5xx (a 4xx is the receiver refusing: not retried)."""
    own = client is None
    client = client or httpx.Client(
        timeout=cfg.timeout_s, headers={"User-Agent": settings.USER_AGENT}
    )
    last = ""
    try:
        for attempt in range(cfg.retries + 1):
            if attempt:
                sleep(cfg.backoff_s * 2 ** (attempt - 1))
            try:
                resp = client.post(cfg.url, json=payload, headers=cfg.headers)
            except httpx.HTTPError as exc:
                last = f"webhook {httpx.URL(cfg.url).host}: {type(exc).__name__}: {exc}"
                continue
            if resp.status_code < 300:
                return resp.status_code
            last = f"webhook answered HTTP {resp.status_code}"
            if 400 <= resp.status_code < 500 and resp.status_code != 429:
                break
        raise DeliveryError(last + f" (after {attempt + 1} tries)")
    finally:
        if own:
            client.close()


def send_mail(cfg: EmailConfig, msg: EmailMessage) -> None:
    """Send through ``cfg``'s server: SMTP, STARTTLS when asked (or SMTP over TLS), login
    when a user is set. Any failure is a ``DeliveryError`` with the server's words."""
    context = ssl.create_default_context(cafile=cfg.ca_file) if cfg.ca_file else None
    try:
        if cfg.ssl:
            server: smtplib.SMTP = smtplib.SMTP_SSL(
                cfg.host, cfg.port, timeout=cfg.timeout_s, context=context
            )
        else:
            server = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout_s)
        with server:
            server.ehlo()
            if cfg.starttls and not cfg.ssl:
                server.starttls(context=context or ssl.create_default_context())
                server.ehlo()
            if cfg.username:
                server.login(cfg.username, cfg.password() or "")
            refused = server.send_message(msg)
        if refused:
            raise DeliveryError(f"mail refused for {', '.join(sorted(refused))}")
    except (smtplib.SMTPException, OSError, ssl.SSLError) as exc:
        raise DeliveryError(f"smtp {cfg.host}:{cfg.port}: {type(exc).__name__}: {exc}") from exc


def _message(cfg: EmailConfig, to: list[str], subject: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = cfg.sender
    msg["To"] = ", ".join(to)
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = make_msgid(domain="thesisdesk")
    return msg


def alerts_mail(cfg: EmailConfig, alerts: list[Alert]) -> EmailMessage:
    """One message for a run's alerts: a line each, text and HTML."""
    subjects = sorted({a.subject for a in alerts})
    n = len(alerts)
    msg = _message(
        cfg, cfg.to, f"thesisdesk: {n} alert{'s' if n != 1 else ''} on {', '.join(subjects)}"
    )
    lines = [f"- [{a.rule}] {a.title}" for a in alerts]
    msg.set_content("\n".join(lines) + "\n")
    items = "".join(f"<li><b>{escape(a.rule)}</b> {escape(a.title)}</li>" for a in alerts)
    msg.add_alternative(f"<html><body><ul>{items}</ul></body></html>", subtype="html")
    return msg


def deliver_pending(
    engine: Engine,
    cfg: AlertsConfig,
    *,
    client: httpx.Client | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> list[DeliveryReport]:
    """Send every pending delivery of the configured channels; failures stated, not raised."""
    reports: list[DeliveryReport] = []
    if cfg.webhook is not None:
        rep = DeliveryReport("webhook")
        for d, alert in alert_q.pending_deliveries(engine, "webhook", cfg.max_attempts):
            assert d.id is not None
            try:
                post_json(cfg.webhook, alert_payload(alert), client=client, sleep=sleep)
            except DeliveryError as exc:
                rep.failed += 1
                rep.errors.append(f"alert {alert.id}: {exc}")
                alert_q.mark_delivery(engine, [d.id], error=str(exc), max_attempts=cfg.max_attempts)
            else:
                rep.sent += 1
                alert_q.mark_delivery(engine, [d.id], error=None, max_attempts=cfg.max_attempts)
        reports.append(rep)
    if cfg.email is not None and cfg.email.to:
        rep = DeliveryReport("email")
        pending = alert_q.pending_deliveries(engine, "email", cfg.max_attempts)
        if pending:
            ids = [d.id for d, _ in pending if d.id is not None]
            try:
                send_mail(cfg.email, alerts_mail(cfg.email, [a for _, a in pending]))
            except DeliveryError as exc:
                rep.failed = len(ids)
                rep.errors.append(str(exc))
                alert_q.mark_delivery(engine, ids, error=str(exc), max_attempts=cfg.max_attempts)
            else:
                rep.sent = len(ids)
                alert_q.mark_delivery(engine, ids, error=None, max_attempts=cfg.max_attempts)
        reports.append(rep)
    return reports


def digest_mail(
    engine: Engine, mail: DigestMailConfig, server: EmailConfig | None, day: dt.date
) -> dict[str, Any]:
    """Mail the stored digest of ``day`` as HTML (with a text part) unless already mailed."""
    from digest import render
    from digest.model import Digest

    if not mail.to:
        return {"status": "off"}
    if server is None:
        return {"status": "failed", "error": "[digest_mail] needs an [alerts.email] server"}
    snap = alert_q.get_digest(engine, day)
    if snap is None:
        return {"status": "failed", "error": f"no digest stored for {day}"}
    if snap.mailed_at is not None:
        return {"status": "already sent", "day": day}
    digest = Digest.model_validate_json(snap.body)
    msg = _message(server, mail.to, f"thesisdesk digest for {day.isoformat()}")
    msg.set_content(render(digest, "text"))
    msg.add_alternative(render(digest, "html"), subtype="html")
    try:
        send_mail(server, msg)
    except DeliveryError as exc:
        alert_q.mark_digest_mailed(engine, day, str(exc))
        return {"status": "failed", "error": str(exc), "day": day}
    alert_q.mark_digest_mailed(engine, day, None)
    return {"status": "sent", "day": day, "to": mail.to}
