"""A real HTTP server on 127.0.0.1, started by a test in a thread, serving pages the test defines.

Routes map a path to (status, headers, body) or to a callable for slow or
redirecting answers; every request is recorded so tests can check that nothing
but the given address was fetched.
"""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, dict[str, str], bytes] | object] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.stop_slow = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                server.requests.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path)
                if route is None:
                    route = (404, {"Content-Type": "text/html"}, b"<html><body><h1>Not found</h1></body></html>")
                if callable(route):
                    route = route(self)
                    if route is None:
                        return
                status, headers, body = route
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                       name="test-http", daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def page(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
             status: int = 200, headers: dict[str, str] | None = None) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (status, {"Content-Type": content_type, **(headers or {})}, data)
        return self.url(path)

    def slow(self, path: str, seconds: float) -> str:
        """A page whose server waits before answering (or until the test ends)."""
        def answer(handler):
            self.stop_slow.wait(seconds)
            return 200, {"Content-Type": "text/html"}, b"<html><body><p>Too late.</p></body></html>"
        self.routes[path] = answer
        return self.url(path)

    def trickle(self, path: str, seconds: float) -> str:
        """A page that starts at once but sends its body a byte at a time for `seconds`."""
        def answer(handler):
            handler.send_response(200)
            handler.send_header("Content-Type", "text/html")
            handler.end_headers()
            end = time.monotonic() + seconds
            try:
                while time.monotonic() < end and not self.stop_slow.is_set():
                    handler.wfile.write(b"<p>x</p>")
                    handler.wfile.flush()
                    time.sleep(0.05)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return None
        self.routes[path] = answer
        return self.url(path)

    def redirect(self, path: str, target: str, status: int = 302) -> str:
        self.routes[path] = (status, {"Location": target, "Content-Type": "text/html"}, b"")
        return self.url(path)

    def paths(self) -> list[str]:
        return [path for path, _headers in self.requests]

    def close(self) -> None:
        self.stop_slow.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def local_server():
    server = LocalServer()
    server.thread.start()
    yield server
    server.close()
