"""The sample store: small and hand-shaped, for tests, the app and the browser test.

The small store (``fill_sample``) is written so that every number the digest shows can be
worked out by hand: see ``SAMPLE_DAY`` and the comments by each article. The texts are
written for this project (no real article is copied). The bulk store for benchmarks is
``sample_bulk.generate_bulk``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from store import rollup
from store.db import session_scope
from store.models import (
    Article,
    ArticleStance,
    ClaimRow,
    Instrument,
    PriceBarRow,
    Source,
    VerdictRow,
)

#: The digest day of the sample store; its window is 2025-09-15 .. 2025-09-22.
SAMPLE_DAY = dt.date(2025, 9, 22)
XSS_TITLE = "Rate watch: <script>alert('x')</script> cuts ahead & small caps"


def close_for(symbol: str, day: dt.date) -> float:
    """A smooth, deterministic price path: IWM ~215 -> ~245, ^RUT ~2,130 -> ~2,440."""
    t = (day - dt.date(2025, 6, 2)).days
    wiggle = math.sin(t / 3.0) * 0.004
    base = 215.0 + 0.27 * t
    scale = {"IWM": 1.0, "^RUT": 9.93, "CRDO": 0.55}[symbol]
    return round(base * scale * (1 + wiggle), 2)


def trading_days(start: dt.date, end: dt.date) -> list[dt.date]:
    days, d = [], start
    while d <= end:
        if d.weekday() < 5:
            days.append(d)
        d += dt.timedelta(days=1)
    return days


@dataclass
class SampleIds:
    """Ids of the rows tests reason about."""

    sources: dict[str, int] = field(default_factory=dict)
    articles: dict[str, int] = field(default_factory=dict)
    claims: dict[str, int] = field(default_factory=dict)


def _text(*sentences: str) -> str:
    return " ".join(sentences)


def fill_sample(engine: Engine) -> SampleIds:
    """Write the small sample store (sources, articles, claims, verdicts, stances, bars)."""
    ids = SampleIds()
    with session_scope(engine) as s:
        s.add_all(
            [
                Instrument(
                    symbol="IWM",
                    kind="etf",
                    name="iShares Russell 2000 ETF",
                    aliases="IWM|iShares Russell 2000",
                    memberships="",
                ),
                Instrument(
                    symbol="^RUT",
                    kind="index",
                    name="Russell 2000 Index",
                    aliases="Russell 2000|the Russell|R2K|RTY|small-cap index",
                ),
                Instrument(
                    symbol="CRDO",
                    kind="stock",
                    name="Credo Technology Group",
                    aliases="Credo",
                    memberships="russell2000",
                ),
                Instrument(
                    symbol="FEDFUNDS",
                    kind="rate",
                    name="Federal funds rate",
                    aliases="fed funds|policy rate",
                ),
            ]
        )
        for symbol in ("IWM", "^RUT", "CRDO"):
            for d in trading_days(dt.date(2025, 6, 2), SAMPLE_DAY):
                c = close_for(symbol, d)
                s.add(
                    PriceBarRow(
                        symbol=symbol,
                        date=d,
                        open=c,
                        high=c * 1.006,
                        low=c * 0.994,
                        close=c,
                        adj_close=c,
                    )
                )
        now = dt.datetime(2025, 9, 22, 12, tzinfo=dt.UTC)
        srcs = {
            "wire": Source(
                url="https://wire.example.com/feed.xml",
                name="Small Cap Wire",
                last_fetch_at=now,
                last_ok_at=now,
                last_status=200,
                entries_seen=40,
            ),
            "rates": Source(
                url="https://rates.example.org/rss",
                name="Rate Watch",
                last_fetch_at=now,
                last_ok_at=now,
                last_status=200,
                entries_seen=12,
            ),
            "charts": Source(
                url="https://charts.example.net/atom",
                name="Chart Desk",
                last_fetch_at=now,
                last_ok_at=now - dt.timedelta(days=2),
                last_status=503,
                last_error="HTTP 503 Service Unavailable",
                consecutive_failures=3,
                next_fetch_at=now + dt.timedelta(hours=1),
            ),
            "synd": Source(url="https://syndicate.example.com/feed", name="Syndicator News"),
            "contra": Source(url="https://contrarian.example.io/feed", name="Contrarian Notes"),
        }
        s.add_all(srcs.values())
        s.flush()
        ids.sources = {k: v.id for k, v in srcs.items()}  # type: ignore[misc]

        def article(
            key: str,
            src: str,
            day: dt.date,
            title: str,
            text: str,
            dup: str | None = None,
            url: str | None = None,
        ) -> Article:
            a = Article(
                source_id=srcs[src].id,
                url=url or f"https://{src}.example.com/{key}",
                canonical_url=url or f"https://{src}.example.com/{key}",
                title=title,
                published=day,
                text=text,
                word_count=len(text.split()),
                content_hash=hashlib.sha256((key + text).encode()).hexdigest(),
                duplicate_of_id=ids.articles[dup] if dup else None,
                origin="feed",
            )
            s.add(a)
            s.flush()
            ids.articles[key] = a.id  # type: ignore[assignment]
            return a

        def claim(key: str, art: str, text: str, span: str, **kw: object) -> ClaimRow:
            start = text.index(span)
            c = ClaimRow(
                article_id=ids.articles[art],
                quote=span,
                start=start,
                end=start + len(span),
                extractor_version="sample-1",
                **kw,
            )  # type: ignore[arg-type]
            s.add(c)
            s.flush()
            ids.claims[key] = c.id  # type: ignore[assignment]
            return c

        def verdict(ckey: str, label: str, **kw: object) -> None:
            s.add(
                VerdictRow(
                    claim_id=ids.claims[ckey],
                    verdict=label,
                    reason=kw.pop("reason", f"sample {label}"),  # type: ignore[arg-type]
                    checker_version="sample-1",
                    **kw,
                )
            )  # type: ignore[arg-type]

        # --- current window (2025-09-15 .. 2025-09-22) ------------------------------------
        t1 = _text(
            "The Russell 2000 gained 12.4% in the third quarter on a total-return basis.",
            "We see IWM reaching $300 by year-end.",
            "Support sits near 2,350 while resistance is the 2,500 area.",
        )
        article("a1", "wire", dt.date(2025, 9, 18), "Small caps break out", t1)
        claim(
            "a1_perf",
            "a1",
            t1,
            "The Russell 2000 gained 12.4% in the third quarter",
            kind="performance",
            subject="^RUT",
            value=12.4,
            unit="pct",
            basis="total_return",
            period_start=dt.date(2025, 7, 1),
            period_end=dt.date(2025, 9, 30),
            stance="bullish",
        )
        claim(
            "a1_target",
            "a1",
            t1,
            "IWM reaching $300 by year-end",
            kind="price_target",
            subject="IWM",
            value=300,
            unit="usd",
            horizon="by year-end",
            stance="bullish",
        )
        claim(
            "a1_sup",
            "a1",
            t1,
            "Support sits near 2,350",
            kind="price_level",
            subject="^RUT",
            value=2350,
            unit="points",
            role="support",
            stance="neutral",
        )
        claim(
            "a1_res",
            "a1",
            t1,
            "resistance is the 2,500 area",
            kind="price_level",
            subject="^RUT",
            value=2500,
            unit="points",
            role="resistance",
            stance="neutral",
        )
        verdict(
            "a1_perf",
            "supported",
            actual=12.45,
            difference=-0.05,
            tolerance=0.5,
            series="IWM",
            date_start=dt.date(2025, 6, 30),
            date_end=dt.date(2025, 9, 30),
        )
        s.add(
            ArticleStance(
                article_id=ids.articles["a1"],
                subject="^RUT",
                stance="bullish",
                score=0.7,
                n_sentences=2,
            )
        )
        s.add(
            ArticleStance(
                article_id=ids.articles["a1"],
                subject="IWM",
                stance="bullish",
                score=0.6,
                n_sentences=1,
            )
        )

        # a syndicated copy of a1 on another site: same voice, counted once
        article(
            "a2", "synd", dt.date(2025, 9, 19), "Small caps break out (syndicated)", t1, dup="a1"
        )
        claim(
            "a2_target",
            "a2",
            t1,
            "IWM reaching $300 by year-end",
            kind="price_target",
            subject="IWM",
            value=300,
            unit="usd",
            horizon="by year-end",
            stance="bullish",
        )
        claim(
            "a2_sup",
            "a2",
            t1,
            "Support sits near 2,350",
            kind="price_level",
            subject="^RUT",
            value=2350,
            unit="points",
            role="support",
            stance="neutral",
        )

        t3 = _text(
            "Futures price an 81% probability of a 25 basis point cut at the September 17 meeting.",
            "Traders also expect two more cuts this year.",
            "Our IWM target is $280.",
            "The Russell 2000 finds a floor at 2,360.",
        )
        article("a3", "rates", dt.date(2025, 9, 16), XSS_TITLE, t3)
        claim(
            "a3_rate",
            "a3",
            t3,
            "an 81% probability of a 25 basis point cut at the September 17 meeting",
            kind="rate_expectation",
            subject="FEDFUNDS",
            value=-25,
            unit="bp",
            probability=81,
            horizon="September 17 meeting",
            stance="bullish",
        )
        claim(
            "a3_rate2",
            "a3",
            t3,
            "two more cuts this year",
            kind="rate_expectation",
            subject="FEDFUNDS",
            value=2,
            unit="count",
            horizon="this year",
            stance="bullish",
        )
        claim(
            "a3_target",
            "a3",
            t3,
            "Our IWM target is $280",
            kind="price_target",
            subject="IWM",
            value=280,
            unit="usd",
            stance="bullish",
        )
        claim(
            "a3_sup",
            "a3",
            t3,
            "a floor at 2,360",
            kind="price_level",
            subject="^RUT",
            value=2360,
            unit="points",
            role="support",
            stance="neutral",
        )

        t4 = _text(
            "The Russell 2000 surged 15% in the third quarter.",
            "IWM could climb to $320.",
            "Resistance at 2,510 is the line to beat; deeper support at 2,100.",
        )
        article("a4", "charts", dt.date(2025, 9, 20), "Chart of the week", t4)
        claim(
            "a4_perf",
            "a4",
            t4,
            "The Russell 2000 surged 15% in the third quarter",
            kind="performance",
            subject="^RUT",
            value=15,
            unit="pct",
            period_start=dt.date(2025, 7, 1),
            period_end=dt.date(2025, 9, 30),
            stance="bullish",
        )
        claim(
            "a4_target",
            "a4",
            t4,
            "IWM could climb to $320",
            kind="price_target",
            subject="IWM",
            value=320,
            unit="usd",
            stance="bullish",
        )
        claim(
            "a4_res",
            "a4",
            t4,
            "Resistance at 2,510",
            kind="price_level",
            subject="^RUT",
            value=2510,
            unit="points",
            role="resistance",
            stance="neutral",
        )
        claim(
            "a4_sup",
            "a4",
            t4,
            "deeper support at 2,100",
            kind="price_level",
            subject="^RUT",
            value=2100,
            unit="points",
            role="support",
            stance="neutral",
        )
        verdict(
            "a4_perf",
            "contradicted",
            actual=12.13,
            difference=2.87,
            tolerance=0.5,
            series="^RUT",
            date_start=dt.date(2025, 6, 30),
            date_end=dt.date(2025, 9, 19),
            severity=0.8,
            reason="price return over Q3 was 12.13%, claim says 15%",
        )

        t5 = _text(
            "Small caps look stretched and IWM could slide to $210.",
            "The Russell 2000 fell 3% last week.",
        )
        article(
            "a5",
            "contra",
            dt.date(2025, 9, 21),
            "The case against small caps",
            t5,
            url="javascript:alert(1)",
        )
        claim(
            "a5_target",
            "a5",
            t5,
            "IWM could slide to $210",
            kind="price_target",
            subject="IWM",
            value=210,
            unit="usd",
            stance="bearish",
        )
        claim(
            "a5_perf",
            "a5",
            t5,
            "The Russell 2000 fell 3% last week",
            kind="performance",
            subject="^RUT",
            value=-3,
            unit="pct",
            period_start=dt.date(2025, 9, 15),
            period_end=dt.date(2025, 9, 19),
            stance="bearish",
        )
        verdict(
            "a5_perf",
            "contradicted",
            actual=1.1,
            difference=-4.1,
            tolerance=0.3,
            series="^RUT",
            date_start=dt.date(2025, 9, 12),
            date_end=dt.date(2025, 9, 19),
            severity=0.9,
            reason="the index rose 1.1% that week",
        )
        s.add(
            ArticleStance(
                article_id=ids.articles["a5"],
                subject="IWM",
                stance="bearish",
                score=-0.6,
                n_sentences=1,
            )
        )

        t6 = _text("Credo has advanced 60% year-to-date and we target $150.")
        article("a6", "wire", SAMPLE_DAY, "Credo keeps climbing", t6)
        claim(
            "a6_perf",
            "a6",
            t6,
            "Credo has advanced 60% year-to-date",
            kind="performance",
            subject="CRDO",
            value=60,
            unit="pct",
            period_start=dt.date(2025, 1, 1),
            period_end=SAMPLE_DAY,
            stance="bullish",
        )
        claim(
            "a6_target",
            "a6",
            t6,
            "we target $150",
            kind="price_target",
            subject="CRDO",
            value=150,
            unit="usd",
            stance="bullish",
        )
        verdict("a6_perf", "unverifiable", reason="no prices before June in the sample")

        # --- previous window (2025-09-07 .. 2025-09-14) ------------------------------------
        p1 = _text("IWM can reach $260 and the Russell 2000 is at risk of a pullback.")
        article("p1", "wire", dt.date(2025, 9, 10), "Mid-month check", p1)
        claim(
            "p1_target",
            "p1",
            p1,
            "IWM can reach $260",
            kind="price_target",
            subject="IWM",
            value=260,
            unit="usd",
            stance="bullish",
        )
        s.add(
            ArticleStance(
                article_id=ids.articles["p1"],
                subject="^RUT",
                stance="bearish",
                score=-0.4,
                n_sentences=1,
            )
        )
        p2 = _text("A $250 target for IWM; the Russell 2000 looks heavy.")
        article("p2", "charts", dt.date(2025, 9, 12), "Heavy tape", p2)
        claim(
            "p2_target",
            "p2",
            p2,
            "A $250 target for IWM",
            kind="price_target",
            subject="IWM",
            value=250,
            unit="usd",
            stance="bullish",
        )
        s.add(
            ArticleStance(
                article_id=ids.articles["p2"],
                subject="^RUT",
                stance="bearish",
                score=-0.5,
                n_sentences=1,
            )
        )

        # --- resolved targets for the track record (spring) --------------------------------
        r1 = _text("IWM to $220 by summer.")
        article("r1", "wire", dt.date(2025, 4, 10), "Spring outlook", r1)
        claim(
            "r1_target",
            "r1",
            r1,
            "IWM to $220 by summer",
            kind="price_target",
            subject="IWM",
            value=220,
            unit="usd",
            horizon="by summer",
            stance="bullish",
        )
        verdict(
            "r1_target",
            "supported",
            outcome="hit",
            outcome_date=dt.date(2025, 6, 20),
            actual=221.0,
            difference=1.0,
        )
        r2 = _text("IWM to $260 by July.")
        article("r2", "charts", dt.date(2025, 4, 12), "Spring charts", r2)
        claim(
            "r2_target",
            "r2",
            r2,
            "IWM to $260 by July",
            kind="price_target",
            subject="IWM",
            value=260,
            unit="usd",
            horizon="by July",
            stance="bullish",
        )
        verdict(
            "r2_target",
            "contradicted",
            outcome="missed",
            outcome_date=dt.date(2025, 7, 31),
            actual=221.5,
            difference=-38.5,
        )
    # written row by row here, not through extraction: the summary is built once at the end
    rollup.rebuild_engine(engine)
    return ids
