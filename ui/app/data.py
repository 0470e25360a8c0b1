"""The app's only way to the data: cached calls to the store's and the digest's queries.

Keys are the store URL plus plain arguments, so every cached value is per database; the TTL
keeps a page fresh while an ingest runs elsewhere without re-querying on every widget click.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from typing import Any

import streamlit as st
from sqlalchemy.engine import Engine

from digest.build import build_digest, default_day, track_record
from digest.build import subject_claims as build_subject_claims
from digest.model import Digest, SubjectDigest
from store import digest_queries as dq
from store import ui_queries as uq
from store.claims import ClaimBrief, ClaimHit, search_claims

TTL = 60  # seconds
DIGEST_TTL = 600  # a digest changes only when an ingest runs; the app clears caches after one


def db_url() -> str:
    """The store URL from ``THESISDESK_DB`` (set by ``thesisdesk ui``), else the default."""
    from store.db import resolve_url

    return resolve_url(os.environ.get("THESISDESK_DB") or None)


@st.cache_resource(show_spinner=False)
def engine(url: str) -> Engine:
    from store.db import get_engine

    return get_engine(url)


@st.cache_data(ttl=TTL, show_spinner=False)
def store_counts(url: str) -> dict[str, int]:
    return uq.store_counts(engine(url))


@st.cache_data(ttl=TTL, show_spinner=False)
def default_digest_day(url: str) -> tuple[dt.date | None, str | None]:
    return default_day(engine(url))


# the digests are shared, not copied (``cache_resource``): unpickling a digest of a few
# hundred subjects on every rerun cost a second; pages only read them
@st.cache_resource(ttl=DIGEST_TTL, show_spinner="Building the digest…")
def digest(url: str, day: dt.date, days: int, detail: int | None = None) -> Digest:
    """The digest; with ``detail``, claims are listed under the first ``detail`` subjects
    only (what the page shows), the downloads ask for them all."""
    built = build_digest(engine(url), day, days, detail=detail)
    _BUILT[(url, day, days, detail)] = time.monotonic()
    return built


_BUILT: dict[tuple, float] = {}  # digests this process built, when: a rerun finds them cached


def digest_ready(url: str, day: dt.date, days: int, detail: int | None = None) -> bool:
    """Whether ``digest`` has this one cached (so a page need not paint the counts first)."""
    when = _BUILT.get((url, day, days, detail))
    return when is not None and time.monotonic() - when < DIGEST_TTL


@st.cache_resource(ttl=DIGEST_TTL, show_spinner=False)
def digest_quick(url: str, day: dt.date, days: int) -> Digest:
    """The digest's counts alone (the per-day summary): what the page paints first."""
    return build_digest(engine(url), day, days, quick=True)


def subject_claims(
    url: str, d: Digest, sd: SubjectDigest
) -> tuple[list[ClaimBrief], list[ClaimBrief]]:
    """One subject's listed claims (top performance claims, dissent), fetched on request."""
    return _subject_claims(
        url,
        d.start,
        d.end,
        sd.subject,
        sd.consensus,
        bool(sum(sd.performance_verdicts.values())),
        bool(sd.n_dissent),
    )


@st.cache_data(ttl=DIGEST_TTL, show_spinner="Listing its claims…")
def _subject_claims(
    url: str,
    start: dt.date,
    end: dt.date,
    subject: str,
    consensus: str,
    performance: bool,
    dissent: bool,
) -> tuple[list[ClaimBrief], list[ClaimBrief]]:
    return build_subject_claims(
        engine(url), start, end, subject, consensus, performance=performance, dissent=dissent
    )


@st.cache_data(ttl=TTL, show_spinner=False)
def subject_counts(url: str) -> dict[str, int]:
    return uq.subject_claim_counts(engine(url))


@st.cache_data(ttl=TTL, show_spinner=False)
def subject_choices(url: str, query: str | None, limit: int = 50) -> list[uq.SubjectChoice]:
    return uq.subject_choices(engine(url), query, limit=limit, counts=subject_counts(url))


def top_instrument(url: str) -> str | None:
    """The most-discussed subject that is an instrument (a group has no prices to chart)."""
    return next((c.symbol for c in subject_choices(url, None) if c.name), None)


@st.cache_data(ttl=TTL, show_spinner=False)
def busiest_day(url: str) -> dt.date | None:
    return uq.busiest_recent_day(engine(url))


@st.cache_data(ttl=TTL, show_spinner=False)
def article(url: str, article_id: int) -> uq.ArticleView | None:
    return uq.article_view(engine(url), article_id)


@st.cache_data(ttl=TTL, show_spinner=False)
def outlets(url: str, article_ids: tuple[int, ...]) -> dict[int, list[str]]:
    return uq.outlets(engine(url), list(article_ids))


@st.cache_data(ttl=TTL, show_spinner=False)
def source_options(url: str) -> list[tuple[int, str]]:
    return uq.source_options(engine(url))


@st.cache_data(ttl=10, show_spinner=False)
def source_health(url: str) -> list[dict[str, Any]]:
    return uq.source_health(engine(url))


@st.cache_data(ttl=TTL, show_spinner=False)
def price_series(
    url: str, symbol: str, start: dt.date | None, end: dt.date | None
) -> list[tuple[dt.date, float]]:
    return uq.price_series(engine(url), symbol, start, end)


@st.cache_data(ttl=TTL, show_spinner=False)
def rate_series(
    url: str, series_id: str, start: dt.date | None, end: dt.date | None
) -> list[tuple[dt.date, float]]:
    """(date, value in %) of a rate series such as DFEDTARU, ascending."""
    return uq.rate_series(engine(url), series_id, start, end)


@st.cache_data(ttl=TTL, show_spinner=False)
def stance_timeline(
    url: str, subject: str, start: dt.date, end: dt.date
) -> list[tuple[dt.date, str, int]]:
    return uq.stance_timeline(engine(url), subject, start, end)


@st.cache_data(ttl=TTL, show_spinner=False)
def subject_sources(url: str, subject: str, since: dt.date | None) -> list[dict[str, Any]]:
    return uq.subject_sources(engine(url), subject, since)


@st.cache_data(ttl=TTL, show_spinner=False)
def claims(url: str, **filters: Any) -> list[ClaimHit]:
    return search_claims(engine(url), **filters)


@st.cache_data(ttl=TTL, show_spinner=False)
def contradicted(
    url: str,
    subject: str | None,
    since: dt.date | None,
    until: dt.date | None,
    limit: int,
    offset: int,
) -> list[ClaimBrief]:
    from store.digest_queries import brief

    rows = dq.contradicted_briefs(
        engine(url), since=since, until=until, subject=subject, limit=limit, offset=offset
    )
    return [brief(r) for r in rows]


FLAGS_SHOWN = 200  # flagged articles a page draws from: the most contradicted first


@st.cache_data(ttl=TTL, show_spinner=False)
def flags(
    url: str,
    subject: str | None,
    since: dt.date | None,
    confidence: str | None,
    dismissed: bool,
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(article, claim) pairs of the flags of the ``FLAGS_SHOWN`` most flagged articles, in
    ``flagged_articles``' order, as plain dicts. The articles are picked in SQL: a store can
    hold tens of thousands of flags, a reader pages through the worst."""
    from crosscheck.flags import flagged_articles
    from store.verdicts import CONFIDENCE_LEVELS

    levels = None
    if confidence is not None:
        levels = list(CONFIDENCE_LEVELS[CONFIDENCE_LEVELS.index(confidence) :])
    margin = 0 if dismissed else dq.dismissed_articles(engine(url))
    ids = dq.flagged_article_ids(
        engine(url), since, None, FLAGS_SHOWN + margin, subject=subject, confidences=levels
    )
    out = []
    found = flagged_articles(
        engine(url),
        since=since,
        ticker=subject,
        confidence=confidence,
        include_dismissed=dismissed,
        article_ids=ids,
    )
    for art in found[:FLAGS_SHOWN]:
        a = art.model_dump()
        for c in a.pop("claims"):
            out.append((a, c))
    return out


def mark_flag(url: str, claim_id: int, mark: str | None, reason: str | None) -> None:
    """Store (``mark`` None: remove) a reader's mark, then drop cached query results."""
    from store.verdicts import mark_flag as store_mark
    from store.verdicts import unmark_flag

    if mark is None:
        unmark_flag(engine(url), claim_id)
    else:
        store_mark(engine(url), claim_id, mark, reason or None)
    clear()


@st.cache_data(ttl=TTL, show_spinner=False)
def sources_track_record(url: str) -> list[dict[str, Any]]:
    return [r.as_dict() for r in track_record(engine(url))]


def clear() -> None:
    """Drop cached query results (after an ingest or a new feed)."""
    st.cache_data.clear()
    _BUILT.clear()
    digest.clear()
    digest_quick.clear()


@st.cache_data(ttl=TTL, show_spinner=False)
def alerts(url: str, subject: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    from store.alerts import list_alerts

    return list_alerts(engine(url), limit=limit, subject=subject)


@st.cache_data(ttl=TTL, show_spinner=False)
def watchlist(url: str) -> list[dict[str, Any]]:
    from store import watch as wq

    eng = engine(url)
    counts = wq.article_counts(eng)
    return [
        {
            "symbol": w.symbol,
            "note": w.note,
            "added": w.added_at,
            "feeds": len(wq.watch_sources(eng, w.symbol)),
            "articles": counts.get(w.symbol, 0),
        }
        for w in wq.list_watches(eng)
    ]
