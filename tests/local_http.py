"""A real HTTP server on a free loopback port for tests: routes, recorded requests, POSTs.

``routes`` maps a path (with or without its query) to (status, headers, body); a body may be
bytes, a zero-argument callable returning an iterable of chunks (streamed), or ``HANG`` (the
handler waits until the server closes). A route may also be a callable taking the request
headers and returning such a tuple. POST bodies are kept in ``posts`` (webhook receivers).
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable
from typing import Any

HANG = object()

Route = tuple[int, dict[str, str], Any] | Callable[[dict[str, str]], tuple[int, dict, Any]]


class LocalServer:
    """A threaded HTTP server on a free loopback port; records requests and concurrency."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.posts: list[tuple[str, dict[str, str], bytes]] = []
        self.stop = threading.Event()
        self.in_flight = 0
        self.max_in_flight = 0
        self.bytes_sent: dict[str, int] = {}
        self._lock = threading.Lock()
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                owner._handle(self)

            def do_POST(self) -> None:
                size = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(size) if size else b""
                with owner._lock:
                    owner.posts.append((self.path, dict(self.headers.items()), body))
                owner._handle(self)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def hits(self, path: str) -> list[dict[str, str]]:
        return [h for p, h in self.requests if p == path]

    def _handle(self, req: http.server.BaseHTTPRequestHandler) -> None:
        headers = {k.lower(): v for k, v in req.headers.items()}
        with self._lock:
            self.requests.append((req.path, headers))
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            route = self.routes.get(req.path) or self.routes.get(req.path.split("?")[0])
            if route is None:
                route = (404, {"Content-Type": "text/plain"}, b"not here")
            if callable(route):  # it sees the headers, plus the request line as :method/:path
                route = route({**headers, ":path": req.path, ":method": req.command})
            status, hdrs, body = route
            if body is HANG:
                self.stop.wait(30)
                return
            req.send_response(status)
            for k, v in hdrs.items():
                req.send_header(k, v)
            if isinstance(body, bytes) and "Content-Length" not in hdrs:
                req.send_header("Content-Length", str(len(body)))
            req.end_headers()
            chunks = [body] if isinstance(body, bytes) else body()
            sent = 0
            try:
                for chunk in chunks:
                    req.wfile.write(chunk)
                    sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.bytes_sent[req.path] = sent
        finally:
            with self._lock:
                self.in_flight -= 1

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
