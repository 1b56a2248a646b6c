"""A small web server on 127.0.0.1 for the feed reader and the link checker tests, so that no
test reaches the internet.

Paths: ``/data/<file>`` serves a file from ``tests/library/data/`` with an ETag (and answers
304 to ``If-None-Match`` with it); ``/huge.xml`` streams a feed of six megabytes;
``/loop/a`` and ``/loop/b`` redirect to each other; ``/redirect-to/<path>`` redirects once;
``/slow`` answers after ``server.slow_seconds``; ``/drip`` starts a feed at once and then
sends one byte every ``server.drip_interval`` seconds (for up to ``server.drip_seconds``);
``/status/<code>`` answers with that code; ``/no-head`` refuses HEAD with 405 and answers GET
with 200. Every request is kept in
``server.requests`` as (method, path, headers).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DATA = Path(__file__).parent / "data"
HUGE_BYTES = 6 * 1024 * 1024
_TYPES = {".xml": "application/xml; charset=utf-8", ".html": "text/html; charset=utf-8"}


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    slow_seconds = 1.5
    drip_interval = 0.05
    drip_seconds = 30.0

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[Seen] = []

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path


class _Handler(BaseHTTPRequestHandler):
    server: FeedServer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(head=True)

    def do_GET(self) -> None:  # noqa: N802
        self._answer(head=False)

    def _answer(self, *, head: bool) -> None:
        self.server.requests.append(
            Seen("HEAD" if head else "GET", self.path, dict(self.headers.items()))
        )
        path = self.path.split("?", 1)[0]
        if path.startswith("/data/"):
            self._file(DATA / path.removeprefix("/data/"), head=head)
        elif path == "/huge.xml":
            self._huge(head=head)
        elif path == "/loop/a":
            self._redirect("/loop/b")
        elif path == "/loop/b":
            self._redirect("/loop/a")
        elif path.startswith("/redirect-to/"):
            self._redirect("/" + path.removeprefix("/redirect-to/"))
        elif path == "/slow":
            time.sleep(self.server.slow_seconds)
            self._send(200, b"<rss version='2.0'><channel></channel></rss>", head=head)
        elif path == "/drip":
            self._drip(head=head)
        elif path.startswith("/status/"):
            self._send(int(path.removeprefix("/status/")), b"status", head=head)
        elif path == "/no-head":
            self._send(405 if head else 200, b"ok", head=head)
        else:
            self._send(404, b"not found", head=head)

    def _file(self, file: Path, *, head: bool) -> None:
        if file.parent != DATA or not file.is_file():
            self._send(404, b"not found", head=head)
            return
        etag = f'"{file.name}-{file.stat().st_size}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        content_type = _TYPES.get(file.suffix, "application/octet-stream")
        self._send(
            200,
            file.read_bytes(),
            head=head,
            headers={
                "Content-Type": content_type,
                "ETag": etag,
                "Last-Modified": "Mon, 10 Mar 2025 09:00:00 GMT",
            },
        )

    def _huge(self, *, head: bool) -> None:
        # No Content-Length: the reader must stop by counting.
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Connection", "close")
        self.end_headers()
        if head:
            return
        self.wfile.write(b"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title>")
        item = b"<item><title>Stort</title><link>https://stort.example.org/</link></item>" * 100
        sent = 0
        try:
            while sent < HUGE_BYTES:
                self.wfile.write(item)
                sent += len(item)
            self.wfile.write(b"</channel></rss>")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the reader stopped at its limit, as it should
        self.close_connection = True

    def _drip(self, *, head: bool) -> None:
        # Each byte well within the read timeout, the whole far beyond the download deadline.
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        if head:
            return
        stop = time.monotonic() + self.server.drip_seconds
        try:
            self.wfile.write(b"<?xml version='1.0'?><rss version='2.0'><channel>")
            self.wfile.flush()
            while time.monotonic() < stop:
                time.sleep(self.server.drip_interval)
                self.wfile.write(b" ")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the reader gave up, as it should

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(
        self, status: int, body: bytes, *, head: bool, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        for name, value in (headers or {"Content-Type": "text/plain"}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            with suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)


@contextmanager
def running_feed_server() -> Iterator[FeedServer]:
    server = FeedServer()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
