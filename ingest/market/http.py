"""What the live providers share: one polite httpx client, and HTTP failures as typed errors.

Errors (all raised from :func:`get_text`)::

    ProviderError            network down, timeout, HTTP 4xx/5xx, body too large
    └── EmptyDataError       (raised by the adapters when a good answer has no rows)

The ``client`` argument is the seam tests and callers use: pass an ``httpx.Client`` (for a
custom transport or a shared connection pool), or let the provider open its own.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Mapping
from typing import ClassVar

import httpx

from ingest.market.base import MarketProvider, ProviderError
from thesisdesk import settings

#: A CSV of daily history is at most a few MB (^GSPC since 1927 is ~1 MB at Stooq).
MAX_BODY_BYTES = settings.MAX_FEED_BYTES


def make_client(timeout: float | httpx.Timeout | None = None) -> httpx.Client:
    """A client with the project's User-Agent, timeouts and redirect limit."""
    if timeout is None:
        timeout = httpx.Timeout(settings.READ_TIMEOUT_S, connect=settings.CONNECT_TIMEOUT_S)
    return httpx.Client(
        timeout=timeout,
        headers={"User-Agent": settings.USER_AGENT},
        follow_redirects=True,
        max_redirects=settings.MAX_REDIRECTS,
    )


def _describe(exc: httpx.HTTPError, host: str) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return f"{host} timed out"
    if isinstance(exc, httpx.ConnectError):
        reason = re.sub(r"^\[Errno -?\d+\]\s*", "", str(exc)) or "connection failed"
        return f"cannot reach {host} ({reason})"
    if isinstance(exc, httpx.TooManyRedirects):
        return "too many redirects"
    return f"{type(exc).__name__}: {exc}"


def _host(url: str) -> str:
    try:
        return httpx.URL(url).host or url
    except httpx.InvalidURL:
        return url


def get_text(
    client: httpx.Client,
    url: str,
    params: Mapping[str, str],
    *,
    what: str,
    retries: int = 1,
    retry_wait_s: float = 1.0,
) -> str:
    """GET ``url`` and return the body as text; any failure is a ``ProviderError``.

    Timeouts, dropped connections and 5xx/429 answers are retried ``retries`` times (live
    sources hiccup); 4xx answers and unreachable hosts are not, since asking again gives
    the same answer (and an offline update should fail fast, symbol by symbol).
    ``what`` names the request in messages ("stooq IWM").
    """
    last = ""
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(retry_wait_s * attempt)
        try:
            with client.stream("GET", url, params=params) as resp:
                if resp.status_code >= 400:
                    last = f"{what}: HTTP {resp.status_code} from {resp.url.host}"
                    if resp.status_code < 500 and resp.status_code != 429:
                        raise ProviderError(last)
                    continue
                chunks: list[bytes] = []
                size = 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > MAX_BODY_BYTES:
                        raise ProviderError(f"{what}: answer larger than {MAX_BODY_BYTES} bytes")
                    chunks.append(chunk)
                return b"".join(chunks).decode(resp.encoding or "utf-8", errors="replace")
        except httpx.ConnectError as exc:  # no network or no such host: asking again won't help
            raise ProviderError(f"{what}: {_describe(exc, _host(url))}") from exc
        except httpx.HTTPError as exc:
            last = f"{what}: {_describe(exc, _host(url))}"
        except httpx.InvalidURL as exc:
            raise ProviderError(f"{what}: bad URL {url!r} ({exc})") from exc
    raise ProviderError(last)


class HttpProvider(MarketProvider):
    """A provider that fetches over HTTP; closes its own client, never a caller's.

    Its address is the argument, else the environment variable ``base_url_env`` (tests and
    mirrors point a provider elsewhere), else ``default_base_url``."""

    default_base_url: ClassVar[str] = ""
    base_url_env: ClassVar[str] = ""

    def __init__(
        self,
        base_url: str | None = None,
        *,
        client: httpx.Client | None = None,
        timeout: float | httpx.Timeout | None = None,
        retries: int = 1,
        retry_wait_s: float = 1.0,
    ) -> None:
        address = base_url or os.environ.get(self.base_url_env) or self.default_base_url
        if not address:
            raise ValueError(f"{type(self).__name__}: no base URL")
        self.base_url = address.rstrip("/")
        self._own_client = client is None
        self.client = client or make_client(timeout)
        self.retries = retries
        self.retry_wait_s = retry_wait_s

    def _get(self, path: str, params: Mapping[str, str], what: str) -> str:
        return get_text(
            self.client,
            self.base_url + path,
            params,
            what=what,
            retries=self.retries,
            retry_wait_s=self.retry_wait_s,
        )

    def close(self) -> None:
        if self._own_client:
            self.client.close()

    def __enter__(self) -> HttpProvider:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
