"""Fetching an article from an http(s) address, with the limits a desktop app needs.

Only the address the user gave is fetched (and the redirects its server sends,
to http or https only); nothing the page refers to is ever requested, except
its pictures once the reader turns on View > Load Images (images.fetch_image). A total
time limit, a size limit and a content-type check keep a slow, huge or wrong
answer from hanging or flooding the app, and every failure is one sentence.

http.client, ssl, socket, urllib.request and email are imported on the first
fetch, not with this module: every start-up imports the loaders, and opening a
file needs none of them (about 30 ms before the first paint).
"""
from __future__ import annotations

import functools
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from ... import __version__
from ..errors import ArticleError
from .files import MAX_BYTES, MB, size_limit_text

if TYPE_CHECKING:
    import socket
    import urllib.request

DEFAULT_TIMEOUT = 20.0  # seconds for the whole download, not only for each network read
USER_AGENT = f"ArticleViewer/{__version__} (desktop news reader; Python urllib)"
_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,application/pdf;q=0.8,*/*;q=0.1"
# What an article can come as, and which loader reads it.
CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "application/pdf": "pdf",
}
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Fetched:
    url: str  # the final address, after redirects
    kind: str  # a key of the loaders: "html", "text", "markdown", "pdf"
    charset: str | None
    data: bytes


def is_url(source: str) -> bool:
    """True for an http(s) address with a host name."""
    if not isinstance(source, str):
        return False
    try:
        parts = urlsplit(source.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


class _Watchdog:
    """Cuts every connection of one fetch when its total time is up, whatever the fetch is waiting for.

    Socket timeouts bound each network read only: a server sending its headers
    a byte at a time would otherwise hold the fetch for hours (http.client has
    no total deadline while it reads headers).
    """

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self._timers: list[threading.Timer] = []

    def watch(self, sock: socket.socket) -> None:
        timer = threading.Timer(max(0.0, self.deadline - time.monotonic()), _cut, (sock,))
        timer.daemon = True
        timer.start()
        self._timers.append(timer)

    def expired(self) -> bool:
        return time.monotonic() >= self.deadline

    def cancel(self) -> None:
        for timer in self._timers:
            timer.cancel()


def _cut(sock: socket.socket) -> None:
    import socket

    try:
        sock.shutdown(socket.SHUT_RDWR)  # wakes the blocked read, which then fails at once
    except OSError:
        pass


def _watched(http_class, watchdog: _Watchdog):
    class Connection(http_class):
        def connect(self) -> None:
            super().connect()
            watchdog.watch(self.sock)

    return Connection


@functools.cache
def _handler_classes() -> tuple[type, type, type]:
    """The urllib handlers a fetch uses, built on first use (their bases need urllib.request)."""
    import urllib.request

    class _RedirectHandler(urllib.request.HTTPRedirectHandler):
        """Follow redirects to http(s) only; a redirect to a file: or ftp: address is refused."""

        max_redirections = 10

        def http_error_302(self, req, fp, code, msg, headers):
            location = headers.get("location") or headers.get("uri") or ""
            target = urljoin(req.full_url, location)
            if location and urlsplit(target).scheme.lower() not in ("http", "https"):
                raise ArticleError(f"The page at {req.full_url} redirects to “{target}”, which is not a web address.")
            return super().http_error_302(req, fp, code, msg, headers)

        http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    class _WatchedHTTPHandler(urllib.request.HTTPHandler):
        def __init__(self, watchdog: _Watchdog) -> None:
            super().__init__()
            self.watchdog = watchdog

        def do_open(self, http_class, req, **kwargs):
            return super().do_open(_watched(http_class, self.watchdog), req, **kwargs)

    class _WatchedHTTPSHandler(urllib.request.HTTPSHandler):
        def __init__(self, watchdog: _Watchdog) -> None:
            super().__init__()
            self.watchdog = watchdog

        def do_open(self, http_class, req, **kwargs):
            return super().do_open(_watched(http_class, self.watchdog), req, **kwargs)

    return _RedirectHandler, _WatchedHTTPHandler, _WatchedHTTPSHandler


def _opener(watchdog: _Watchdog) -> urllib.request.OpenerDirector:
    import urllib.request

    redirect, http_handler, https_handler = _handler_classes()
    # No cookie handler: the app keeps no state between fetches and sends nothing it was not asked to.
    return urllib.request.build_opener(redirect(), http_handler(watchdog), https_handler(watchdog))


def fetch(url: str, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = MAX_BYTES,
          kinds: dict[str, str] | None = None) -> Fetched:
    """Download url, or raise ArticleError with one sentence saying what went wrong.

    kinds: the content types accepted, each to its kind (CONTENT_TYPES, an article, unless given).
    """
    import http.client
    import urllib.error
    import urllib.request

    url = url.strip()
    if not is_url(url):
        raise ArticleError(f"“{url}” is not a web address the viewer can open (it must start with http:// or https://).")
    host = urlsplit(url).hostname or url
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT, "Accept": ", ".join(kinds) if kinds else _ACCEPT,
        "Accept-Language": "en;q=1.0, *;q=0.5",
    })
    deadline = time.monotonic() + timeout
    watchdog = _Watchdog(deadline)
    try:
        with _opener(watchdog).open(request, timeout=timeout) as response:
            final_url = response.geturl()
            headers = response.headers  # an email.message.Message
            kind = _kind(headers.get_content_type() if headers.get("Content-Type") else "", final_url, kinds)
            length = headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise ArticleError(f"The page at {final_url} is {int(length) / MB:.1f} MB, larger than the "
                                   f"{size_limit_text(max_bytes)} limit for an article.")
            data = _read(response, max_bytes, deadline, host, timeout, final_url)
            return Fetched(final_url, kind, headers.get_content_charset(), data)
    except ArticleError:
        raise
    except urllib.error.HTTPError as error:
        reason = error.reason or http.client.responses.get(error.code, "")
        if 300 <= error.code < 400:
            raise ArticleError(f"The page at {url} redirects too many times.") from None
        raise ArticleError(f"The server answered “{error.code} {reason}” for {url}.".replace(" ”", "”")) from None
    except urllib.error.URLError as error:
        if watchdog.expired():
            raise ArticleError(_timeout_sentence(host, timeout)) from None
        raise ArticleError(_network_sentence(error.reason, host, timeout, url)) from None
    except TimeoutError:
        raise ArticleError(_timeout_sentence(host, timeout)) from None
    except (http.client.HTTPException, ConnectionError, OSError) as error:
        if watchdog.expired():
            raise ArticleError(_timeout_sentence(host, timeout)) from None
        raise ArticleError(_network_sentence(error, host, timeout, url)) from None
    finally:
        watchdog.cancel()


def _kind(content_type: str, url: str, kinds: dict[str, str] | None = None) -> str:
    if not content_type:
        return "sniff"  # no header: decide from the bytes, as for a file without an extension
    kind = (kinds or CONTENT_TYPES).get(content_type.lower())
    if kind is None and kinds:
        raise ArticleError(f"The address {url} gives “{content_type}”, not {' or '.join(sorted(set(kinds.values())))}.")
    if kind is None:
        raise ArticleError(f"The address {url} gives “{content_type}”, not a web page or an article "
                           "(the viewer opens HTML, plain text, Markdown and PDF).")
    return kind


def _read(response, max_bytes: int, deadline: float, host: str, timeout: float, url: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise ArticleError(_timeout_sentence(host, timeout))
        chunk = response.read1(_CHUNK)  # what has arrived, so the deadline is checked often
        if not chunk:
            if time.monotonic() >= deadline:  # the watchdog cut the connection: the page is incomplete
                raise ArticleError(_timeout_sentence(host, timeout))
            break
        size += len(chunk)
        if size > max_bytes:
            raise ArticleError(f"The page at {url} is larger than the {size_limit_text(max_bytes)} limit "
                               "for an article.")
        chunks.append(chunk)
    data = b"".join(chunks)
    if not data.strip():
        raise ArticleError(f"The page at {url} is empty.")
    return data


def _timeout_sentence(host: str, timeout: float) -> str:
    return f"{host} did not answer within {timeout:g} seconds; try again later."


def _network_sentence(reason: object, host: str, timeout: float, url: str) -> str:
    import http.client
    import socket
    import ssl

    if isinstance(reason, (TimeoutError, socket.timeout)):
        return _timeout_sentence(host, timeout)
    if isinstance(reason, socket.gaierror):
        return f"The address “{host}” could not be found; check the spelling and your internet connection."
    if isinstance(reason, ConnectionRefusedError):
        return f"{host} refused the connection."
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"The secure connection to {host} failed: its certificate is not valid ({reason.verify_message})."
    if isinstance(reason, ssl.SSLError):
        return f"The secure connection to {host} failed."
    if isinstance(reason, (http.client.HTTPException, ConnectionResetError, ConnectionAbortedError)):
        return f"The connection to {host} broke off while loading {url}."
    detail = getattr(reason, "strerror", None) or str(reason)
    return f"{url} could not be opened: {str(detail).rstrip('.')}."
