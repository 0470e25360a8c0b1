"""Generated market commentary for volume tests and ``bench/scale.py``: realistic articles
(several paragraphs, figures the extractor reads, subjects from the shared market data) from
this project's own templates, any number of them, the same for the same seed.

``insert_articles`` bulk-inserts them as stored, not yet extracted articles (what ingest
leaves behind), so extraction and checking can be measured on their own.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Iterator

from sqlalchemy import insert
from sqlalchemy.engine import Engine

from store.models import Article, Source

#: (name in the text, ticker, a plausible price) for subjects with market data in shared/.
SUBJECTS = (
    ("the Russell 2000", "^RUT", 2450.0),
    ("IWM", "IWM", 240.0),
    ("the iShares Core S&P Small-Cap ETF (IJR)", "IJR", 118.0),
    ("Credo Technology (CRDO)", "CRDO", 120.0),
    ("IonQ (IONQ)", "IONQ", 45.0),
    ("Oklo (OKLO)", "OKLO", 80.0),
    ("the S&P 500", "^GSPC", 6400.0),
    ("SPY", "SPY", 640.0),
    ("the Nasdaq-100", "^NDX", 23000.0),
)

_OPENERS = (
    "Small caps spent the week trying to hold their gains while rate bets swung back and forth.",
    "Breadth improved again, and the smaller names in the market finally joined in.",
    "It was a choppy session for risk assets, with investors rotating out of last month's winners.",
    "Our desk has been watching the gap between large and small companies widen all summer.",
    "After a quiet start, buyers came back into cyclical names late in the week.",
)
_FILLERS = (
    "Volumes were light ahead of the holiday, so we would not read too much into one day.",
    "Several strategists we spoke to expect the rotation to continue into the autumn.",
    "Credit spreads stayed tight, which usually helps the more leveraged end of the market.",
    "The dollar was little changed and oil drifted lower for a third straight session.",
    "Earnings season is only half done, and guidance so far has been mixed at best.",
    "Positioning data suggest that hedge funds are still underweight domestic cyclicals.",
)
_CLOSERS = (
    "We stay constructive but would add on pullbacks rather than chase strength.",
    "For now the trend is intact, though the next inflation print could change that quickly.",
    "We will revisit these calls after the central bank meeting next month.",
)


def _claim_sentence(rng: random.Random, day: dt.date) -> str:
    name, _, price = rng.choice(SUBJECTS)
    pct = round(rng.uniform(0.3, 9.5), 1)
    move, moved = rng.choice(
        (("rose", "risen"), ("gained", "gained"), ("fell", "fallen"), ("slipped", "slipped"))
    )
    px = round(price * rng.uniform(0.9, 1.1), 2)
    target = round(price * rng.uniform(0.8, 1.4))
    bps = rng.choice((25, 50))
    pick = rng.randrange(7)
    if pick == 0:
        return f"{name[0].upper() + name[1:]} {move} {pct}% last week."
    if pick == 1:
        month = (day.replace(day=1) - dt.timedelta(days=1)).strftime("%B")
        return f"In {month}, {name} {move} {pct}%, its biggest monthly move this year."
    if pick == 2:
        return f"{name[0].upper() + name[1:]} closed at ${px:,.2f} on {day:%B} {day.day}."
    if pick == 3:
        bank = rng.choice(("Goldman Sachs", "Morgan Stanley", "Jefferies", "Piper Sandler"))
        return f"{bank} set a ${target} price target on {name}, citing stronger orders."
    if pick == 4:
        verb = rng.choice(("cut", "raised"))
        return f"The Fed {verb} rates by {bps} basis points at its last meeting."
    if pick == 5:
        return f"Year to date, {name} is up {pct}%, well ahead of most of its peers."
    return f"{name[0].upper() + name[1:]} has {moved} {pct}% over the past five sessions."


def make_article(rng: random.Random, n: int, start: dt.date, days: int) -> dict[str, object]:
    """One article: a title, 3 to 5 paragraphs with 3 to 7 claims among filler sentences."""
    day = start + dt.timedelta(days=rng.randrange(days))
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    paragraphs = []
    claims = rng.randint(3, 7)
    for p in range(rng.randint(3, 5)):
        sents = [rng.choice(_OPENERS)] if p == 0 else []
        for _ in range(rng.randint(1, 3)):
            if claims and rng.random() < 0.6:
                sents.append(_claim_sentence(rng, day))
                claims -= 1
            else:
                sents.append(rng.choice(_FILLERS))
        paragraphs.append(" ".join(sents))
    while claims:
        paragraphs.append(_claim_sentence(rng, day))
        claims -= 1
    paragraphs.append(rng.choice(_CLOSERS))
    name = rng.choice(SUBJECTS)[0]
    title = f"Market note #{n}: what moved {name} this week"
    return {"title": title, "text": "\n\n".join(paragraphs), "published": day}


def generate_articles(
    count: int, *, seed: int = 16, start: dt.date = dt.date(2026, 3, 2), days: int = 120
) -> Iterator[dict[str, object]]:
    """``count`` articles published over ``days`` days from ``start`` (deterministic)."""
    rng = random.Random(seed)
    for n in range(count):
        yield make_article(rng, n, start, days)


def insert_articles(
    engine: Engine, count: int, *, seed: int = 16, chunk: int = 5_000, sources: int = 50
) -> list[int]:
    """Bulk-insert ``count`` generated articles (not extracted); their ids, in order."""
    now = dt.datetime(2026, 8, 21, tzinfo=dt.UTC)
    with engine.begin() as conn:
        first_source = conn.execute(
            insert(Source.__table__).returning(Source.__table__.c.id),
            [
                {
                    "kind": "feed",
                    "url": f"https://desk{i}-{seed}.example.com/feed",
                    "name": f"Desk {i}",
                    "active": True,
                    "added_at": now,
                    "consecutive_failures": 0,
                    "entries_seen": 0,
                }
                for i in range(sources)
            ],
        ).scalars()
        source_ids = list(first_source)
        rows: list[dict[str, object]] = []
        for n, art in enumerate(generate_articles(count, seed=seed)):
            text = str(art["text"])
            rows.append(
                {
                    "source_id": source_ids[n % len(source_ids)],
                    "url": f"https://desk{n % sources}-{seed}.example.com/a/{n}",
                    "canonical_url": f"https://desk{n % sources}-{seed}.example.com/a/{n}",
                    "title": art["title"],
                    "published": art["published"],
                    "fetched_at": now,
                    "text": text,
                    "word_count": len(text.split()),
                    "content_hash": hashlib.sha256(f"{seed}:{n}:{text}".encode()).hexdigest(),
                    "summary_only": False,
                    "origin": "feed",
                }
            )
            if len(rows) >= chunk:
                conn.execute(insert(Article.__table__), rows)
                rows = []
        if rows:
            conn.execute(insert(Article.__table__), rows)
        ids = conn.execute(
            Article.__table__.select()
            .with_only_columns(Article.__table__.c.id)
            .order_by(Article.__table__.c.id)
        ).scalars()
        return [int(i) for i in ids]
