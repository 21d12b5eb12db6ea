"""Serve a built site over HTTP on the loopback interface, optionally live.

Live, every HTML page gets a small script that listens on a Server-Sent Events
stream and reloads when a build finishes, and, while the last build has
failed, an overlay naming each problem's file and line. Pages are served
fresh (no caching) and nothing is fetched from another host.

`python -m sitetools.server output` serves a folder as it is (`make serve`).
Live or not, a missing page (or a folder without index.html, which a static
host would not list either) is answered with the site's own 404.html and
status 404, as GitHub Pages and most servers do; the page gets a `<base>` so
its relative links work from any address.
"""

from __future__ import annotations

import argparse
import errno
import html
import ipaddress
import json
import re
import socket
import sys
import threading
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

EVENTS = "/__devserver/events"
STATUS = "/__devserver/status"
_KEEPALIVE = 15.0
_BODY_END = re.compile(r"</body\s*>", re.I)
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.I)
NOT_FOUND_PAGE = "404.html"


class PortUnavailable(Exception):
    """The address cannot be served (in use, or privileged); `line` says the fix."""

    def __init__(self, reason: str, port: int):
        super().__init__(reason)
        self.port = port

    def line(self, target: str) -> str:
        return f"{self}: `make {target} PORT={self.port}`"


@dataclass
class Failure:
    """A failed build: the located problems, and the whole log for the rest."""

    problems: list = field(default_factory=list)
    log: str = ""


class Live:
    """The state of the builds, shared by the builder and the request threads."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self.builds = 0
        self.failure: Failure | None = None
        self.closed = False

    def finished(self, failure: Failure | None) -> None:
        with self._changed:
            self.builds += 1
            self.failure = failure
            self._changed.notify_all()

    def wait_beyond(self, seen: int, timeout: float) -> int:
        with self._changed:
            self._changed.wait_for(lambda: self.builds > seen or self.closed, timeout)
            return self.builds

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._changed.notify_all()

    def status(self) -> dict:
        with self._changed:
            failure = self.failure
            return {
                "builds": self.builds,
                "ok": failure is None,
                "problems": [str(p) for p in failure.problems] if failure else [],
            }


class Handler(SimpleHTTPRequestHandler):
    live: Live | None = None

    def do_GET(self) -> None:
        route = urlsplit(self.path).path
        if self.live is not None and route == EVENTS:
            self._events()
        elif self.live is not None and route == STATUS:
            self._send(200, "application/json", json.dumps(self.live.status()))
        elif self.live is None:
            super().do_GET()
        else:
            self._live_page()

    def _live_page(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.suffix in (".html", ".htm") and path.is_file():
            text = path.read_text("utf-8", errors="replace")
            self._send(200, "text/html; charset=utf-8", self._inject(text))
        elif path.exists():
            super().do_GET()
        else:
            self.send_error(404)

    def send_error(self, code, message=None, explain=None) -> None:
        """A 404 is the site's own 404.html when it has one."""
        page = Path(self.directory) / NOT_FOUND_PAGE
        if code != 404 or self.command not in ("GET", "HEAD"):
            return super().send_error(code, message, explain)
        if page.is_file():
            text = with_base(page.read_text("utf-8", errors="replace"))
        elif self.live is not None:
            text = (
                "<!DOCTYPE html><title>Not found</title><body><h1>Not found: "
                f"{html.escape(self.path)}</h1><p>This page reloads when a build "
                "writes it.</p></body>"
            )
        else:
            return super().send_error(code, message, explain)
        if self.live is not None:
            text = self._inject(text)
        self._send(404, "text/html; charset=utf-8", text)

    def list_directory(self, path):
        """No listing of a folder without index.html: a static host has none."""
        self.send_error(404)
        return None

    def _inject(self, text: str) -> str:
        builds = self.live.builds
        extra = overlay(self.live.failure) + script(builds)
        ends = list(_BODY_END.finditer(text))
        if not ends:
            return text + extra
        at = ends[-1].start()
        return text[:at] + extra + text[at:]

    def _events(self) -> None:
        """Stream one `build` event once a build newer than `since` finishes."""
        since = parse_qs(urlsplit(self.path).query).get("since", ["0"])[0]
        seen = int(since) if since.isdigit() else 0
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        try:
            while not self.live.closed:
                builds = self.live.wait_beyond(seen, _KEEPALIVE)
                if builds > seen:
                    self.wfile.write(f"event: build\ndata: {builds}\n\n".encode())
                    self.wfile.flush()
                    return
                self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return

    def _send(self, code: int, kind: str, body: str) -> None:
        data = body.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_request(self, code="-", size="-") -> None:
        if isinstance(code, int) and code >= 400:
            super().log_request(code, size)


def script(builds: int) -> str:
    return (
        "<script>/* dev server: reload when a build finishes */"
        f'new EventSource("{EVENTS}?since={builds}")'
        '.addEventListener("build", () => location.reload());</script>'
    )


def overlay(failure: Failure | None) -> str:
    """The failed build's problems over the page, file and line first."""
    if failure is None:
        return ""
    items = "".join(
        f"<li><code>{html.escape(f'{p.path}:{p.line}:{p.col}')}</code> "
        f"{html.escape(p.message)}</li>"
        for p in failure.problems
    )
    problems = f"<ul>{items}</ul>" if items else ""
    return (
        '<div id="devserver-error" role="alert" style="position:fixed;top:0;left:0;'
        "right:0;max-height:80vh;overflow:auto;z-index:2147483647;margin:0;"
        "padding:1rem;background:#fff0f0;color:#600;border-bottom:4px solid #c00;"
        'font:14px/1.5 ui-monospace,monospace;text-align:left">'
        "<strong>Build failed.</strong> This page is from the last good build; "
        "it reloads after the next save that builds."
        f"{problems}<details{'' if items else ' open'}><summary>Build log</summary>"
        f'<pre style="white-space:pre-wrap">{html.escape(failure.log)}</pre>'
        "</details></div>"
    )


def with_base(text: str) -> str:
    """The 404 page is written for the site's root; served at any other
    address, its relative links need `<base href="/">` to resolve."""
    if re.search(r"<base\s", text, re.I):
        return text
    head = _HEAD.search(text)
    at = head.end() if head else 0
    return text[:at] + '<base href="/">' + text[at:]


def exposure_warning(bind: str) -> str | None:
    """A warning when `bind` lets other machines reach the server."""
    try:
        loopback = ipaddress.ip_address(bind).is_loopback
    except ValueError:
        loopback = bind == "localhost"
    if loopback:
        return None
    return (
        f"warning: serving on {bind}, reachable from other machines on the "
        "network; everything in the output, drafts included, is visible to them"
    )


def make_server(root: Path, bind: str, port: int, live: Live | None = None):
    """A threaded HTTP server for `root`; port 0 picks a free port. Raises
    PortUnavailable, with the fix, when the port is taken or privileged."""
    handler = type("BoundHandler", (Handler,), {"live": live})

    class Server(ThreadingHTTPServer):
        address_family = socket.AF_INET6 if ":" in bind else socket.AF_INET
        daemon_threads = True

    try:
        return Server((bind, port), partial(handler, directory=str(root)))
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise PortUnavailable(
                f"port {port} on {bind} is in use (another server still running?); "
                "stop it, or choose another port",
                port + 1,
            ) from None
        if error.errno == errno.EACCES:
            raise PortUnavailable(
                f"port {port} needs administrator rights; choose one above 1023",
                8000,
            ) from None
        raise


def url(server) -> str:
    host, port = server.server_address[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bind", default="127.0.0.1", help="address (127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (8000)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve a built site as it is.")
    parser.add_argument("output", type=Path, nargs="?", default=Path("output"))
    arguments(parser)
    args = parser.parse_args(argv)
    if not args.output.is_dir():
        print(f"{args.output}: no such folder; run `make html` first", file=sys.stderr)
        return 2
    warning = exposure_warning(args.bind)
    if warning:
        print(warning, file=sys.stderr)
    try:
        server = make_server(args.output, args.bind, args.port)
    except PortUnavailable as error:
        print(error.line("serve"), file=sys.stderr)
        return 1
    print(f"Serving {args.output}/ at {url(server)} (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
