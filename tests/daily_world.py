"""A small world for the daily-run tests: local feed, page, market-data and webhook server
(``local_http.LocalServer``), a real local SMTP server (aiosmtpd), a settings file, and
helpers to count what the store holds.

Sources are ``resources/daily/articles.toml`` (written for these tests); bars and rates are
hand-written files in Stooq's and FRED's CSV formats beside it.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils
import html
import os
import socket
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from aiosmtpd.controller import Controller
from local_http import LocalServer
from sqlalchemy import text
from sqlalchemy.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
DAILY = Path(__file__).parent / "resources" / "daily"
INSTRUMENTS = Path(__file__).parent / "resources" / "market" / "instruments"
XML = {"Content-Type": "application/rss+xml; charset=utf-8"}
HTML = {"Content-Type": "text/html; charset=utf-8"}
CSV = {"Content-Type": "text/csv"}

#: The clock of each day's run: 17:00 in New York, after the 16:30 after-close run time.
NOW = {1: "2026-03-04T22:00:00+00:00", 2: "2026-03-05T22:00:00+00:00"}

#: Tables whose rows are the product's data (a repeated run must add none of them).
DATA_TABLES = (
    "source",
    "article",
    "claim",
    "verdict",
    "article_stance",
    "price_bar",
    "rate_observation",
    "watch",
    "watch_source",
    "alert",
    "alert_delivery",
    "digest_snapshot",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Mail:
    sender: str
    to: list[str]
    message: email.message.EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    def part(self, subtype: str) -> str:
        found = self.message.get_body(preferencelist=(subtype,))
        return "" if found is None else str(found.get_content())  # type: ignore[attr-defined]


@dataclass
class MailSink:
    """aiosmtpd handler keeping every message it accepts."""

    mails: list[Mail] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.mails.append(Mail(envelope.mail_from, list(envelope.rcpt_tos), msg))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"


@contextmanager
def smtp_server() -> Iterator[tuple[Controller, MailSink]]:
    sink = MailSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller, sink
    finally:
        controller.stop()


def _rfc822(iso: str) -> str:
    return email.utils.format_datetime(dt.datetime.fromisoformat(iso.replace("Z", "+00:00")))


class World:
    """Local servers and files for one test; ``publish(day)`` puts that day's articles up."""

    def __init__(self, tmp: Path, server: LocalServer, smtp_port: int) -> None:
        self.tmp = tmp
        self.server = server
        self.smtp_port = smtp_port
        self.data = tomllib.loads((DAILY / "articles.toml").read_text(encoding="utf-8"))
        self.db_url = f"sqlite:///{tmp / 'store.db'}"
        self.settings = tmp / "settings.toml"
        base = server.url("")
        (tmp / "ticker_feeds.toml").write_text(
            f'[[site]]\nname = "local"\ntitle = "Headlines for {{symbol}}"\n'
            f'url = "{base}/ticker/{{symbol}}.xml"\n',
            encoding="utf-8",
        )
        self.settings.write_text(
            f"""
[market]
prices = ["stooq", "yahoo"]
rates = ["fred"]
history_days = 90

[watch]
ticker_feeds = "ticker_feeds.toml"

[alerts]
window_days = 0
target_move_pct = 5

[alerts.webhook]
url = "{base}/hook"
retries = 1
backoff_s = 0
timeout_s = 10

[alerts.email]
host = "127.0.0.1"
port = {smtp_port}
starttls = false
sender = "thesisdesk@example.test"
to = ["reader@example.test"]

[digest_mail]
to = ["desk@example.test"]
""",
            encoding="utf-8",
        )
        server.routes["/q/d/l/"] = self._stooq
        server.routes["/graph/fredgraph.csv"] = self._fred
        server.routes["/hook"] = (200, {"Content-Type": "application/json"}, b'{"ok": true}')
        self.publish(0)

    # --- routes -----------------------------------------------------------------------------
    @staticmethod
    def _query(headers: dict[str, str]) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(urlsplit(headers[":path"]).query).items()}

    def _stooq(self, headers: dict[str, str]) -> tuple[int, dict, bytes]:
        sym = self._query(headers).get("s", "")
        path = DAILY / f"stooq_{sym}.csv"
        return (200, CSV, path.read_bytes()) if path.is_file() else (200, CSV, b"No data")

    def _fred(self, headers: dict[str, str]) -> tuple[int, dict, bytes]:
        sid = self._query(headers).get("id", "").lower()
        path = DAILY / f"fred_{sid}.csv"
        return (200, CSV, path.read_bytes()) if path.is_file() else (404, CSV, b"")

    def feed_url(self, feed: str) -> str:
        return self.server.url(f"/{feed}.xml")

    def page_path(self, slug: str) -> str:
        return f"/articles/{slug}.html"

    def publish(self, day: int) -> None:
        """Every feed lists the articles of days <= ``day`` (pages served for all of them)."""
        feeds: dict[str, list[dict[str, Any]]] = {"alpha": [], "beta": [], "ticker": []}
        for art in self.data["article"]:
            page = _page(art)
            self.server.routes[self.page_path(art["slug"])] = (200, HTML, page)
            if art["day"] <= day:
                feeds[art["feed"]].append(art)
        for feed, items in feeds.items():
            name = self.data["feeds"][feed].replace("{symbol}", "IWM")
            path = "/ticker/IWM.xml" if feed == "ticker" else f"/{feed}.xml"
            self.server.routes[path] = (200, XML, self._rss(name, items))

    def _rss(self, name: str, items: list[dict[str, Any]]) -> bytes:
        entries = "".join(
            f"<item><title>{html.escape(a['title'])}</title>"
            f"<link>{self.server.url(self.page_path(a['slug']))}</link>"
            f"<guid>{a['slug']}</guid><pubDate>{_rfc822(a['published'])}</pubDate>"
            f"<description>{html.escape(a['paragraphs'][0])}</description></item>"
            for a in sorted(items, key=lambda a: a["published"], reverse=True)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>{html.escape(name)}</title><link>{self.server.url('/')}</link>"
            f"<description>test feed</description>{entries}</channel></rss>"
        ).encode()

    # --- running ------------------------------------------------------------------------------
    def env(self) -> dict[str, str]:
        base = self.server.url("")
        env = dict(os.environ)
        env.update(
            THESISDESK_STOOQ_URL=base,
            THESISDESK_YAHOO_URL=base,
            THESISDESK_FRED_URL=base,
            THESISDESK_NYFED_URL=base,
            PYTHONPATH=str(ROOT),
        )
        env.pop("ALPHAVANTAGE_API_KEY", None)
        return env

    def run_args(self, day: int, *extra: str) -> list[str]:
        return [
            "--db",
            self.db_url,
            "run",
            "--settings",
            str(self.settings),
            "--no-model",
            "--json",
            "--now",
            NOW[day],
            *extra,
        ]

    def webhook_posts(self) -> list[dict[str, Any]]:
        import json

        return [json.loads(body) for path, _, body in self.server.posts if path == "/hook"]


def _page(art: dict[str, Any]) -> bytes:
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in art["paragraphs"])
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(art['title'])}</title>"
        f"<meta property='article:published_time' content='{art['published']}'></head>"
        f"<body><article><h1>{html.escape(art['title'])}</h1>{paras}</article></body></html>"
    ).encode()


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t: int(conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one())
            for t in DATA_TABLES
        }


def fingerprint(engine: Engine) -> dict[str, Any]:
    """What a finished run leaves, comparable between stores (no ids, no timestamps)."""
    q = {
        "articles": "SELECT url, title, published FROM article ORDER BY url",
        "claims": "SELECT a.url, c.kind, c.subject, c.value, c.role FROM claim c "
        "JOIN article a ON a.id = c.article_id ORDER BY 1, 2, 3, 4, 5",
        "verdicts": "SELECT a.url, c.kind, c.value, v.verdict FROM verdict v JOIN claim c "
        "ON c.id = v.claim_id JOIN article a ON a.id = c.article_id ORDER BY 1, 2, 3, 4",
        "bars": "SELECT symbol, COUNT(*), MIN(date), MAX(date) FROM price_bar GROUP BY symbol",
        "rates": "SELECT series_id, COUNT(*) FROM rate_observation GROUP BY series_id",
        "alerts": "SELECT rule, subject, title FROM alert ORDER BY rule, title",
        "deliveries": "SELECT al.rule, d.channel, d.status FROM alert_delivery d "
        "JOIN alert al ON al.id = d.alert_id ORDER BY 1, 2, 3",
        "digests": "SELECT day, mailed_at IS NOT NULL FROM digest_snapshot ORDER BY day",
        "watch": "SELECT symbol, state FROM watch",
    }
    with engine.connect() as conn:
        return {k: [tuple(r) for r in conn.execute(text(sql))] for k, sql in q.items()}


def integrity(engine: Engine) -> dict[str, Any]:
    """SQLite's own checks plus the orphans the foreign keys would not catch."""
    with engine.connect() as conn:
        return {
            "integrity_check": conn.execute(text("PRAGMA integrity_check")).scalar_one(),
            "foreign_key_check": list(conn.execute(text("PRAGMA foreign_key_check"))),
            "orphan_claims": conn.execute(
                text("SELECT COUNT(*) FROM claim WHERE article_id NOT IN (SELECT id FROM article)")
            ).scalar_one(),
            "orphan_verdicts": conn.execute(
                text("SELECT COUNT(*) FROM verdict WHERE claim_id NOT IN (SELECT id FROM claim)")
            ).scalar_one(),
            "orphan_deliveries": conn.execute(
                text(
                    "SELECT COUNT(*) FROM alert_delivery WHERE alert_id NOT IN "
                    "(SELECT id FROM alert)"
                )
            ).scalar_one(),
            "alerts_without_delivery": conn.execute(
                text(
                    "SELECT COUNT(*) FROM alert WHERE id NOT IN "
                    "(SELECT alert_id FROM alert_delivery)"
                )
            ).scalar_one(),
            "unfinished_runs": conn.execute(
                text("SELECT COUNT(*) FROM ingest_run WHERE status = 'running'")
            ).scalar_one(),
        }
