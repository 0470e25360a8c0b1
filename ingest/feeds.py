"""Feeds: fetch (conditionally) and parse RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 with feedparser.

Fetching goes through ``http.Fetcher`` (httpx) with the source's ETag / Last-Modified, so
an unchanged feed costs one 304 and no parsing. A malformed ("bozo") feed keeps the entries
feedparser could read; the problem is reported in ``FeedResult.warning``.

Local feeds (a path or ``file:`` URL) are read from disk; their relative item links resolve
against the feed file, and only they may point at ``file:`` pages. Their "ETag" is the
sha256 of the file, so an unchanged local feed is skipped like a 304.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ingest.http import ContentError, Fetcher, FetchError, RateLimited, UnsupportedURL
from ingest.pages import read_local
from ingest.sanitize import clean_text
from thesisdesk import settings

FEED_TYPES = ("xml", "rss", "atom", "rdf", "text/", "octet-stream")


@dataclass
class FeedEntry:
    """One item of a feed, links made absolute."""

    link: str | None
    title: str | None = None
    summary: str | None = None  # HTML as the feed gave it
    author: str | None = None
    published_at: dt.datetime | None = None
    entry_id: str | None = None
    error: str | None = None  # why the link is not followed (e.g. a remote feed's file: link)
    source_name: str | None = None  # the item's own <source> (aggregators, syndication)
    source_url: str | None = None


@dataclass
class FeedResult:
    """One poll of one feed."""

    url: str
    status: int | None = None  # HTTP status (200 for local files)
    not_modified: bool = False
    entries: list[FeedEntry] = field(default_factory=list)
    title: str | None = None
    site_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    warning: str | None = None  # bozo or truncation: entries kept, problem recorded
    local: bool = False


def is_local(url: str) -> bool:
    """A path or ``file:`` URL (not http/https)."""
    scheme = urlsplit(url).scheme.lower()
    return scheme == "file" or (scheme == "" or len(scheme) == 1)  # "C:\..." on Windows


def normalise_feed_url(url: str) -> str:
    """Local paths become absolute ``file:`` URLs so the stored URL means one thing."""
    if is_local(url) and not url.lower().startswith("file:"):
        return Path(url).expanduser().resolve().as_uri()
    return url.strip()


def check_feed_url(url: str) -> str:
    """``url`` normalised, if it is one a feed may live at: http(s) with a host, a ``file:``
    URL or a local path. Anything else (``javascript:``, ``ftp://``, ``data:``) raises
    ``UnsupportedURL`` with a message naming the URL."""
    url = url.strip()
    if not url:
        raise UnsupportedURL(url, "empty feed URL")
    if any(ord(ch) < 32 for ch in url):
        raise UnsupportedURL(url, f"feed URL contains control characters: {url!r}")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        if not parts.hostname:
            raise UnsupportedURL(url, f"feed URL has no host: {url!r}")
        return url
    if is_local(url):
        return normalise_feed_url(url)
    raise UnsupportedURL(
        url, f"unsupported feed URL {url!r}: only http(s) URLs and local files are polled"
    )


def backoff_seconds(failures: int, rng: random.Random | None = None) -> float:
    """Delay before the next try after ``failures`` consecutive failures: doubling from
    ``BACKOFF_BASE_S`` up to ``BACKOFF_MAX_S``, with +/- ``BACKOFF_JITTER`` spread."""
    rng = rng or random.Random()
    base = min(settings.BACKOFF_MAX_S, settings.BACKOFF_BASE_S * 2 ** max(0, failures - 1))
    return base * (1 + rng.uniform(-settings.BACKOFF_JITTER, settings.BACKOFF_JITTER))


def next_fetch_after_failure(
    failures: int, error: FetchError | None, now: dt.datetime, rng: random.Random | None = None
) -> dt.datetime:
    """When to try again: the server's ``Retry-After`` when it gave one, else back-off."""
    if isinstance(error, RateLimited) and error.retry_after is not None:
        return now + dt.timedelta(seconds=min(error.retry_after, settings.BACKOFF_MAX_S))
    return now + dt.timedelta(seconds=backoff_seconds(failures, rng))


def _entry_time(entry: dict) -> dt.datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.datetime.fromtimestamp(calendar.timegm(value), dt.UTC)
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def _text(value: object) -> str | None:
    """A feed field as storable text (feedparser passes ``&#55296;`` through as a lone
    surrogate, which would cost the item at the store)."""
    return clean_text(value) if isinstance(value, str) else None


def _entries(parsed: object, base: str, local: bool) -> list[FeedEntry]:
    out: list[FeedEntry] = []
    for e in parsed.entries:  # type: ignore[attr-defined]
        raw = (_text(e.get("link")) or "").strip()
        if not raw:
            for link in e.get("links") or []:
                if _text(link.get("href")) and link.get("rel", "alternate") == "alternate":
                    raw = (_text(link["href"]) or "").strip()
                    break
        link = urljoin(base, raw) if raw else None
        error = None
        if link:
            scheme = urlsplit(link).scheme.lower()
            if scheme == "file" and not local:
                error, link = f"refused file: link {raw!r} in a remote feed", None
            elif scheme not in ("http", "https", "file"):
                error, link = f"unsupported link {raw!r}", None
        origin = e.get("source") or {}
        content = e.get("content") or []
        summary = e.get("summary") or (content[0].get("value") if content else None)
        out.append(
            FeedEntry(
                link=link,
                title=(_text(e.get("title")) or "").strip() or None,
                summary=_text(summary),
                author=_text(e.get("author")) or None,
                published_at=_entry_time(e),
                entry_id=_text(e.get("id")) or None,
                error=error,
                source_name=(_text(origin.get("title")) or "").strip() or None,
                source_url=(_text(origin.get("href")) or "").strip() or None,
            )
        )
    return out


def _bozo_message(exc: object) -> str:
    text = str(exc).strip() or type(exc).__name__
    return f"malformed feed ({type(exc).__name__}): {text}"


_CHAR_REF = re.compile(rb"&#(?:[xX]0*([0-9a-fA-F]+)|0*([0-9]+));")


def _drop_bad_char_ref(match: re.Match[bytes]) -> bytes:
    hex_digits, dec_digits = match.groups()
    if len(hex_digits or dec_digits) > 8:  # past U+10FFFF whatever the digits
        return b""
    code = int(hex_digits, 16) if hex_digits else int(dec_digits)
    if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return b""
    return match.group(0)


def drop_bad_char_refs(data: bytes) -> bytes:
    """``data`` without character references no text can hold (``&#55296;``, a lone
    surrogate, makes feedparser fail on the whole feed; ``&#0;``): each costs itself."""
    if b"&#" not in data:
        return data
    return _CHAR_REF.sub(_drop_bad_char_ref, data)


def parse_feed(
    data: bytes, url: str, *, headers: dict[str, str] | None = None, local: bool = False
) -> FeedResult:
    """Parse feed bytes; raises ``ContentError`` when it is not a feed at all."""
    import feedparser

    # feedparser mangles relative links against file: URLs, so those are joined here instead.
    response_headers = {"content-type": "application/xml"} if local else {"content-location": url}
    if headers and headers.get("content-type"):
        response_headers["content-type"] = headers["content-type"]
    data = drop_bad_char_refs(data)
    parsed = feedparser.parse(data, response_headers=response_headers, sanitize_html=False)
    entries = _entries(parsed, url, local)
    if not parsed.get("version") and not entries:
        ctype = (headers or {}).get("content-type", "")
        what = "an HTML page" if "html" in ctype or b"<html" in data[:2048].lower() else "no feed"
        detail = f" ({_bozo_message(parsed.bozo_exception)})" if parsed.get("bozo") else ""
        raise ContentError(url, f"not a feed: got {what}{detail}")
    result = FeedResult(url=url, status=200, entries=entries, local=local)
    result.title = _text(parsed.feed.get("title")) or None
    result.site_url = _text(parsed.feed.get("link")) or None
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        # A charset that had to be overridden is survivable and common; say it, keep going.
        result.warning = _bozo_message(exc) + f"; kept {len(entries)} entries"
    return result


def fetch_feed(
    url: str,
    fetcher: Fetcher,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    max_bytes: int = settings.MAX_FEED_BYTES,
) -> FeedResult:
    """Fetch and parse one feed (http(s), ``file:`` URL or path). Raises ``FetchError``."""
    url = normalise_feed_url(url)
    if is_local(url):
        data = read_local(url, max_bytes)
        digest = "sha256:" + hashlib.sha256(data).hexdigest()
        if etag and etag == digest:
            return FeedResult(url=url, status=304, not_modified=True, etag=digest, local=True)
        result = parse_feed(data, url, local=True)
        result.etag = digest
        return result
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise UnsupportedURL(url, f"unsupported feed URL: {url!r}")
    resp = fetcher.fetch(
        url,
        max_bytes=max_bytes,
        accept=FEED_TYPES,
        etag=etag,
        last_modified=last_modified,
        truncate=True,
    )
    if resp.not_modified:
        return FeedResult(
            url=url, status=304, not_modified=True, etag=etag, last_modified=last_modified
        )
    try:
        result = parse_feed(resp.content, resp.final_url, headers=resp.headers)
    except ContentError as exc:
        if resp.truncated:
            raise ContentError(
                url, f"feed larger than the {max_bytes:,}-byte cap and unreadable: {exc}"
            ) from exc
        raise
    result.url = url
    result.status = resp.status
    result.etag = resp.headers.get("etag")
    result.last_modified = resp.headers.get("last-modified")
    if resp.truncated:
        cut = f"feed cut off at the {max_bytes:,}-byte cap; kept {len(result.entries)} entries"
        result.warning = f"{cut}; {result.warning}" if result.warning else cut
    return result
