"""Polite, bounded HTTP GETs for feeds and pages (httpx), with one typed error hierarchy.

Every fetch streams the body and stops reading past a byte cap (a 50 MB answer costs at
most the cap), checks the content type before reading, follows at most
``settings.MAX_REDIRECTS`` redirects, sends a clear User-Agent, and never runs more than
``settings.MAX_CONCURRENT_PER_HOST`` requests to one host at once (threads share one
``Fetcher``). gzip/deflate bodies are decoded by httpx while streaming, so the cap applies
to the decoded size (a gzip bomb is capped too). Bodies are returned as bytes;
``decode_bytes`` survives a wrong declared charset.

The total deadline is per request (connect + headers + body), not per read: every socket
operation of a fetch waits at most until the request's deadline (``_DeadlineBackend``), so a
server trickling one byte at a time is cut at the deadline, not kept alive by each byte.

Errors (all carry ``url`` and a readable ``str()``; callers catch ``FetchError``)::

    FetchError                 anything that stopped us getting usable content
    ├── UnsupportedURL         not http(s) (file:// only where the caller allows it)
    ├── NetworkError           connection refused / reset, DNS, broken protocol
    │   └── FetchTimeout       connect or read timeout, or the total deadline passed
    ├── TooManyRedirects       more than ``max_redirects`` hops
    ├── HTTPStatusError        a 4xx/5xx answer (``status``)
    │   └── RateLimited        429 (or 503) with ``retry_after`` seconds when the server said
    ├── ContentTypeError       the server sent a type the caller cannot use (``content_type``)
    ├── TooLarge               the body passed the cap and the caller did not ask to truncate
    └── ContentError           fetched, but unusable: not a feed, nothing to extract, binary
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpcore
import httpx

from thesisdesk import settings

__all__ = [
    "ContentError",
    "ContentTypeError",
    "FetchError",
    "FetchResult",
    "FetchTimeout",
    "Fetcher",
    "HTTPStatusError",
    "NetworkError",
    "RateLimited",
    "TooLarge",
    "TooManyRedirects",
    "UnsupportedURL",
    "decode_bytes",
    "parse_retry_after",
]


class FetchError(Exception):
    """Base of every ingestion fetch error: ``url`` plus a message a person can act on."""

    def __init__(self, url: str, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.message = message
        self.status = status

    def __str__(self) -> str:
        return self.message


class UnsupportedURL(FetchError):
    """The URL's scheme is not one this fetch may use."""


class NetworkError(FetchError):
    """No usable answer at the transport level."""


class FetchTimeout(NetworkError):
    """The server took too long (to connect, between bytes, or in total)."""


class TooManyRedirects(FetchError):
    """The redirect chain was longer than allowed."""


class HTTPStatusError(FetchError):
    """The server answered with an error status."""


class RateLimited(HTTPStatusError):
    """429/503: the server asked us to come back later (``retry_after`` seconds, if said)."""

    def __init__(self, url: str, message: str, *, status: int, retry_after: float | None):
        super().__init__(url, message, status=status)
        self.retry_after = retry_after


class ContentTypeError(FetchError):
    """The declared content type is not one the caller accepts."""

    def __init__(self, url: str, message: str, *, content_type: str, status: int | None = None):
        super().__init__(url, message, status=status)
        self.content_type = content_type


class TooLarge(FetchError):
    """The body is larger than the cap."""


class ContentError(FetchError):
    """The content arrived but cannot be used (not a feed, no text, binary junk)."""


@dataclass
class FetchResult:
    """One answer: the (possibly capped) body and what the caller needs from the headers."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    content: bytes = b""
    content_type: str = ""  # the mime type only, lower-case
    charset: str | None = None
    truncated: bool = False
    elapsed_s: float = 0.0

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        return decode_bytes(self.content, self.charset)


def parse_retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    now = now or dt.datetime.now(dt.UTC)
    return max(0.0, (when - now).total_seconds())


def _valid_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Text from bytes whatever the server claimed: UTF-8 if it is valid UTF-8 (a wrong
    ``charset=latin-1`` label is common), else the declared charset, else a detected one,
    else cp1252 with replacement characters. Never raises."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    codec = _valid_codec(declared)
    if codec and codec != "utf-8":
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace")
    return data.decode("cp1252", errors="replace")


_REQUEST = threading.local()  # .deadline: time.monotonic() by which this thread's fetch ends


def _within_deadline(timeout: float | None, exc: type[Exception]) -> float | None:
    """``timeout`` shortened to what is left of the current request's deadline."""
    deadline = getattr(_REQUEST, "deadline", None)
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise exc("the request's total deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write waits no longer than the request deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _within_deadline(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _within_deadline(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: object,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        limit = _within_deadline(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, limit))  # type: ignore[arg-type]

    def get_extra_info(self, info: str) -> object:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's network backend with connections bounded by the request deadline."""

    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: object = None,
    ) -> httpcore.NetworkStream:
        limit = _within_deadline(timeout, httpcore.ConnectTimeout)
        stream = self._inner.connect_tcp(host, port, limit, local_address, socket_options)  # type: ignore[arg-type]
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: object = None
    ) -> httpcore.NetworkStream:
        limit = _within_deadline(timeout, httpcore.ConnectTimeout)
        stream = self._inner.connect_unix_socket(path, limit, socket_options)  # type: ignore[arg-type]
        return _DeadlineStream(stream)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _bound_by_deadline(client: httpx.Client) -> None:
    """Route the client's connections (direct and through env proxies) through
    ``_DeadlineBackend``. httpx has no public hook for the network backend, so the pools'
    backend attribute is wrapped; a transport without one (a test's mock) is left alone."""
    transports = [client._transport, *client._mounts.values()]
    for transport in transports:
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if backend is not None and not isinstance(backend, _DeadlineBackend):
            pool._network_backend = _DeadlineBackend(backend)  # type: ignore[union-attr]


def _mime(content_type: str) -> tuple[str, str | None]:
    mime, _, params = content_type.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return mime.strip().lower(), charset


def _accepted(mime: str, accept: Sequence[str] | None) -> bool:
    """``accept`` holds substrings (``"xml"``, ``"html"``); a missing type is let through
    for the parser to judge."""
    if accept is None or not mime:
        return True
    return any(a in mime for a in accept)


class Fetcher:
    """A shared httpx client with per-host concurrency limits; safe to use from threads."""

    def __init__(
        self,
        *,
        user_agent: str = settings.USER_AGENT,
        connect_timeout: float = settings.CONNECT_TIMEOUT_S,
        read_timeout: float = settings.READ_TIMEOUT_S,
        total_timeout: float | None = None,
        max_redirects: int = settings.MAX_REDIRECTS,
        per_host: int = settings.MAX_CONCURRENT_PER_HOST,
        max_total: int = settings.MAX_CONCURRENT_TOTAL,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.total_timeout = total_timeout or (connect_timeout + 4 * read_timeout)
        self.per_host = max(1, per_host)
        self._client = httpx.Client(
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
            follow_redirects=True,
            max_redirects=max_redirects,
            limits=httpx.Limits(max_connections=max(max_total, 1), max_keepalive_connections=32),
            transport=transport,
        )
        _bound_by_deadline(self._client)
        self._total = threading.BoundedSemaphore(max(1, max_total))
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def _host_slot(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            sem = self._hosts.get(host)
            if sem is None:
                sem = self._hosts[host] = threading.BoundedSemaphore(self.per_host)
            return sem

    def fetch(
        self,
        url: str,
        *,
        max_bytes: int,
        accept: Sequence[str] | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        truncate: bool = False,
    ) -> FetchResult:
        """GET ``url``. 304 comes back as a result (``not_modified``); errors are raised.

        ``truncate=True`` keeps the first ``max_bytes`` of an over-long body (marked
        ``truncated``) instead of raising ``TooLarge``.
        """
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UnsupportedURL(url, f"not an http(s) URL: {url!r}")
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        with self._total, self._host_slot(parts.hostname.lower()):
            return self._get(url, headers, max_bytes, accept, truncate)

    def _get(
        self,
        url: str,
        headers: dict[str, str],
        max_bytes: int,
        accept: Sequence[str] | None,
        truncate: bool,
    ) -> FetchResult:
        started = time.monotonic()
        deadline = started + self.total_timeout
        _REQUEST.deadline = deadline
        try:
            with self._client.stream("GET", url, headers=headers) as resp:
                hdrs = {k.lower(): v for k, v in resp.headers.items()}
                mime, charset = _mime(hdrs.get("content-type", ""))
                result = FetchResult(
                    url=url,
                    final_url=str(resp.url),
                    status=resp.status_code,
                    headers=hdrs,
                    content_type=mime,
                    charset=charset,
                )
                if resp.status_code == 304:
                    result.elapsed_s = time.monotonic() - started
                    return result
                if resp.status_code >= 400:
                    raise self._status_error(url, resp.status_code, resp.reason_phrase, hdrs)
                if not _accepted(mime, accept):
                    raise ContentTypeError(
                        url,
                        f"unexpected content type {mime!r} (wanted {', '.join(accept or [])})",
                        content_type=mime,
                        status=resp.status_code,
                    )
                chunks: list[bytes] = []
                size = 0
                for chunk in resp.iter_bytes(64 * 1024):
                    if time.monotonic() > deadline:
                        raise FetchTimeout(
                            url, f"gave up after {self.total_timeout:.0f} s (body still arriving)"
                        )
                    if size + len(chunk) > max_bytes:
                        if not truncate:
                            raise TooLarge(
                                url, f"body larger than the {max_bytes:,}-byte cap; stopped reading"
                            )
                        chunks.append(chunk[: max_bytes - size])
                        result.truncated = True
                        break
                    chunks.append(chunk)
                    size += len(chunk)
                result.content = b"".join(chunks)
                result.elapsed_s = time.monotonic() - started
                return result
        except httpx.TimeoutException as exc:
            if time.monotonic() >= deadline:
                raise FetchTimeout(
                    url, f"gave up after {self.total_timeout:.0f} s (total deadline)"
                ) from exc
            raise FetchTimeout(url, f"timed out ({type(exc).__name__})") from exc
        except httpx.TooManyRedirects as exc:
            raise TooManyRedirects(url, f"more than the allowed redirects: {exc}") from exc
        except httpx.UnsupportedProtocol as exc:
            raise UnsupportedURL(url, f"redirected to an unsupported URL: {exc}") from exc
        except httpx.DecodingError as exc:
            raise ContentError(url, f"body could not be decoded: {exc}") from exc
        except httpx.HTTPError as exc:
            raise NetworkError(url, f"network error: {type(exc).__name__}: {exc}") from exc
        finally:
            _REQUEST.deadline = None

    @staticmethod
    def _status_error(url: str, status: int, reason: str, hdrs: dict[str, str]) -> FetchError:
        label = f"HTTP {status} {reason}".strip()
        if status in (429, 503):
            retry_after = parse_retry_after(hdrs.get("retry-after"))
            when = f"; retry after {retry_after:.0f} s" if retry_after is not None else ""
            return RateLimited(url, f"{label}{when}", status=status, retry_after=retry_after)
        return HTTPStatusError(url, label, status=status)
