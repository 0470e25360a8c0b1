"""The operations part of the settings file, validated: schedule, market, watch, alerts.

Example ``settings.toml`` (every key optional; the README has the full list)::

    [schedule]
    every_minutes = 30          # during market hours
    after_close = "16:30"       # one more run after the close (sends the digest mail)

    [alerts]
    target_move_pct = 5
    [alerts.webhook]
    url = "https://hooks.example.com/thesisdesk"
    [alerts.email]
    host = "smtp.example.com"
    to = ["me@example.com"]

Secrets never sit in the file: the SMTP password is read from the environment variable
named by ``password_env``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ingest.market.fallback import (
    DEFAULT_PRICE_ORDER,
    DEFAULT_RATE_ORDER,
    PRICE_PROVIDERS,
    RATE_PROVIDERS,
)
from thesisdesk import settings

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _hhmm(value: object) -> str:
    text = str(value).strip()
    try:
        dt.time.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"a time like 16:30, not {text!r}") from exc
    return text[:5]


class ScheduleConfig(_Section):
    """When ``serve`` runs the daily cycle: every N minutes in market hours, and after close."""

    timezone: str = "America/New_York"
    every_minutes: int = Field(30, ge=1, le=24 * 60)
    market_open: str = "09:30"
    market_close: str = "16:00"
    after_close: str = "16:30"
    days: list[str] = Field(default_factory=lambda: list(DAY_NAMES[:5]))

    _times = field_validator("market_open", "market_close", "after_close", mode="before")(_hhmm)

    @field_validator("days")
    @classmethod
    def _days(cls, value: list[str]) -> list[str]:
        days = [d.strip().lower()[:3] for d in value]
        bad = [d for d in days if d not in DAY_NAMES]
        if bad or not days:
            raise ValueError(f"days are among {', '.join(DAY_NAMES)}; got {value}")
        return days

    @field_validator("timezone")
    @classmethod
    def _tz(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    def time(self, name: str) -> dt.time:
        return dt.time.fromisoformat(getattr(self, name))


class MarketConfig(_Section):
    """Live market data: providers in order of preference (each failure is stated)."""

    prices: list[str] = Field(default_factory=lambda: list(DEFAULT_PRICE_ORDER))
    rates: list[str] = Field(default_factory=lambda: list(DEFAULT_RATE_ORDER))
    rate_series: list[str] = Field(default_factory=lambda: ["DFEDTARU", "DFEDTARL", "DFF"])
    history_days: int = Field(730, ge=1)  # how far back a symbol never fetched starts
    enabled: bool = True

    @field_validator("prices")
    @classmethod
    def _prices(cls, value: list[str]) -> list[str]:
        bad = [v for v in value if v not in PRICE_PROVIDERS]
        if bad:
            raise ValueError(f"unknown price providers {bad}: use {sorted(PRICE_PROVIDERS)}")
        return value

    @field_validator("rates")
    @classmethod
    def _rates(cls, value: list[str]) -> list[str]:
        bad = [v for v in value if v not in RATE_PROVIDERS]
        if bad:
            raise ValueError(f"unknown rate providers {bad}: use {sorted(RATE_PROVIDERS)}")
        return value


class WatchConfig(_Section):
    ticker_feeds: str | None = None  # a TOML of per-ticker feed templates replacing the shipped


class WebhookConfig(_Section):
    url: str
    retries: int = Field(3, ge=0, le=10)
    backoff_s: float = Field(2.0, ge=0)  # waits backoff_s, 2*backoff_s, ... between tries
    timeout_s: float = Field(10.0, gt=0)
    headers: dict[str, str] = Field(default_factory=dict)


class EmailConfig(_Section):
    """An SMTP server; ``to`` receives the alerts (``[digest_mail] to`` the digest)."""

    host: str
    port: int = 587
    starttls: bool = True
    ssl: bool = False  # SMTP over TLS from the first byte (port 465)
    username: str | None = None
    password_env: str = "THESISDESK_SMTP_PASSWORD"
    sender: str = "thesisdesk@localhost"
    to: list[str] = Field(default_factory=list)
    timeout_s: float = Field(20.0, gt=0)
    ca_file: str | None = None  # trust this CA (a private mail relay's certificate)

    def password(self) -> str | None:
        return os.environ.get(self.password_env) or None


class AlertsConfig(_Section):
    """Which changes on watched subjects are worth telling, and how to tell them."""

    window_days: int = Field(7, ge=0)
    target_move_pct: float = Field(5.0, gt=0)
    level_min_sources: int = Field(2, ge=1)
    max_attempts: int = Field(5, ge=1)  # runs that try a failing delivery before giving up
    webhook: WebhookConfig | None = None
    email: EmailConfig | None = None

    def channels(self) -> list[str]:
        out = []
        if self.webhook is not None:
            out.append("webhook")
        if self.email is not None and self.email.to:
            out.append("email")
        return out


class DigestMailConfig(_Section):
    """The daily digest as HTML mail, after the close, through ``[alerts.email]``'s server."""

    to: list[str] = Field(default_factory=list)
    days: int = Field(7, ge=0)


class OpsConfig(_Section):
    model_config = ConfigDict(extra="ignore")  # other sections belong to other parts

    schedule: ScheduleConfig = Field(default_factory=ScheduleConfig)
    market: MarketConfig = Field(default_factory=MarketConfig)
    watch: WatchConfig = Field(default_factory=WatchConfig)
    alerts: AlertsConfig = Field(default_factory=AlertsConfig)
    digest_mail: DigestMailConfig = Field(default_factory=DigestMailConfig)
    #: the file it was read from (None: defaults only)
    path: str | None = None

    @property
    def ticker_feeds(self) -> Path | None:
        if not self.watch.ticker_feeds:
            return None
        p = Path(self.watch.ticker_feeds).expanduser()
        if not p.is_absolute() and self.path:
            p = Path(self.path).parent / p
        return p


class ConfigError(ValueError):
    """The settings file is unreadable or says something invalid (message names the key)."""


def load(path: str | os.PathLike[str] | None = None) -> OpsConfig:
    """The operations settings from the settings file (defaults where it is silent)."""
    try:
        data: dict[str, Any] = dict(settings.load_settings_file(path))
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc
    found = settings.settings_file(path)
    try:
        cfg = OpsConfig.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{found}: [{where}] {first['msg']}") from exc
    cfg.path = str(found) if found.is_file() else None
    return cfg
