"""The URL filters, normalising as Jekyll's Addressable does.

`relative_url` and `absolute_url` do more than put `baseurl` in front: they
percent-encode what a path may not hold, decode what it need not encode
(`%7E` is `~`), apply NFKC, drop `.` and `..` segments, and lowercase the
scheme and host. `uri_escape` is the same encoding for one component. A link
marker (a `post_url` not yet resolved) is left intact: it becomes a full URL
later, so escaping it would only break it.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote_plus

from liquid.filter import with_environment

from ...markers import MARKER
from ..drops import DocumentDrop
from .ruby import nil, to_s
from .support import text_only

_URI = re.compile(
    r"(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?", re.S
)
_UNRESERVED = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
)
_SUB_DELIMS = frozenset("!$&'()*+,;=")
_RESERVED = frozenset(":/?#[]@") | _SUB_DELIMS
_PCHAR = _UNRESERVED | _SUB_DELIMS | frozenset(":@")
_QUERY = _PCHAR - frozenset("&;") | frozenset("/?")
_FRAGMENT = _PCHAR | frozenset("/?")
_DEFAULT_PORTS = {"http": "80", "https": "443", "ftp": "21", "tftp": "69"}
_ESCAPED = re.compile(rb"%([0-9A-Fa-f]{2})")


def _component(text: str, allowed: frozenset, keep_plus: bool = False) -> str:
    """One component normalised: decoded, NFKC, then encoded again."""
    if keep_plus:  # a query keeps `%2B` encoded: it is not a space
        parts = re.split("(%2[Bb])", text)
        return "".join(
            p if i % 2 else _component(p, allowed) for i, p in enumerate(parts)
        )
    raw = _ESCAPED.sub(
        lambda m: bytes([int(m[1], 16)]), text.encode("utf-8", "surrogateescape")
    )
    try:
        decoded = unicodedata.normalize("NFKC", raw.decode("utf-8"))
    except UnicodeDecodeError:  # not UTF-8 once decoded: encoded byte by byte
        allowed = _RESERVED | _UNRESERVED
        return "".join(chr(b) if chr(b) in allowed else f"%{b:02X}" for b in raw)
    return "".join(
        c
        if c in allowed
        else "".join(f"%{b:02X}" for b in c.encode("utf-8", "surrogatepass"))
        for c in decoded
    )


def normalize(url: str) -> str:
    """Addressable's `URI.parse(url).normalize.to_s`."""
    scheme, authority, path, query, fragment = _URI.fullmatch(url).groups()
    if scheme is not None:
        scheme = scheme.lower()
    elif re.match(r"[^/:]*:", path):
        path = path.replace(":", "%2F", 1)  # a colon would read as a scheme
    path = "/".join(_component(s, _PCHAR) for s in path.strip().split("/"))
    path = _without_dots(path)
    if not path and scheme in _DEFAULT_PORTS:
        path = "/"
    out = f"{scheme}:" if scheme is not None else ""
    if authority is not None:
        out += "//" + _authority(authority, scheme)
    out += path
    if query:
        query = "&".join(
            _component(p, _QUERY, keep_plus=True) for p in query.split("&")
        )
        out += "?" + query if query else ""
    if fragment:
        out += "#" + _component(fragment, _FRAGMENT)
    return out


def _authority(authority: str, scheme: str | None) -> str:
    userinfo, at, host = authority.rpartition("@")
    port = ""
    found = re.fullmatch(r"(.*?)(?::(\d*))?", host, re.S)
    if not host.endswith("]"):
        host, port = found[1], found[2] or ""
    host = _component(
        host.strip().lower(), _UNRESERVED | _SUB_DELIMS | frozenset("[:]")
    )
    if not host.isascii():
        host = host.encode("idna").decode("ascii")
    host = host[:-1] if host.endswith(".") and len(host) > 1 else host
    if port == _DEFAULT_PORTS.get(scheme or ""):
        port = ""
    return f"{userinfo}{at}{host}" + (f":{port}" if port else "")


def _without_dots(path: str) -> str:
    """RFC 3986's remove_dot_segments."""
    out: list[str] = []
    while path:
        if path.startswith(("../", "./")):
            path = path.partition("/")[2]
        elif path.startswith("/./") or path == "/.":
            path = "/" + path[3:]
        elif path.startswith("/../") or path == "/..":
            path = "/" + path[4:]
            if out:
                out.pop()
        elif path in (".", ".."):
            path = ""
        else:
            cut = path.find("/", 1)
            cut = len(path) if cut < 0 else cut
            out.append(path[:cut])
            path = path[cut:]
    return "".join(out)


def _absolute(text: str) -> bool:
    return _URI.fullmatch(text)[1] is not None


def _url_of(value):
    """A document (a post in `site.posts`) stands for its own URL, as in Jekyll."""
    return value["url"] if isinstance(value, DocumentDrop) else value


def _as_given(value) -> tuple[str | None, bool]:
    """The value's text, and whether the URL filters leave it as it is: nil,
    a link marker or an absolute URL."""
    value = nil(_url_of(nil(value)))
    if value is None:
        return None, True
    text = to_s(value)
    return text, bool(MARKER.search(text) or _absolute(text))


def relative(value, baseurl: str):
    text, kept = _as_given(value)
    if kept:
        return text
    base = baseurl[:-1] if baseurl.endswith("/") else baseurl
    parts = [p if not p or p.startswith("/") else "/" + p for p in (base, text)]
    return normalize("".join(parts))


@with_environment
def relative_url(value, *, environment):
    """Jekyll's: `baseurl`, then the path with a leading slash, normalised."""
    return relative(value, environment.options.baseurl)


@with_environment
def absolute_url(value, *, environment):
    """Jekyll's: `url` in front of `relative_url`, unless there is no `url`."""
    text, kept = _as_given(value)
    if kept:
        return text
    options = environment.options
    path = relative(text, options.baseurl)
    return normalize(str(options.url) + path) if options.url else path


def _around_markers(text: str, escape) -> str:
    """`escape` applied to the text between link markers, never to a marker."""
    parts = MARKER.split(text)
    out = []
    for at, part in enumerate(parts):
        out.append(f"\ue000{part}\ue001" if at % 2 else escape(part))
    return "".join(out)


def uri_escape(value):
    """Addressable's normalize_component: reserved characters stay as they are."""
    value = nil(value)
    if value is None:
        return None
    text = text_only(value)
    return _around_markers(text, lambda part: _component(part, _RESERVED | _UNRESERVED))


def cgi_escape(value):
    """Ruby's CGI.escape: everything but letters, digits and `_.-~`; space is `+`."""
    text = text_only(nil(value))
    return _around_markers(text, quote_plus)


def url_encode(value):
    """Liquid's url_encode is CGI.escape of the value printed (nil stays nil)."""
    value = nil(value)
    return None if value is None else _around_markers(to_s(value), quote_plus)


FILTERS = {
    "relative_url": relative_url,
    "absolute_url": absolute_url,
    "uri_escape": uri_escape,
    "cgi_escape": cgi_escape,
    "url_encode": url_encode,
}
