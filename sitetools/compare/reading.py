"""What a reader gets from a post body: its words, and which posts it links to.

Pure functions of the HTML and of a side's addresses, so the comparison can
be tested without building anything. Both sides are read the same way; only
what a reader sees or follows counts, not how the HTML spells it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup, CData, NavigableString, Tag

# Not shown to a reader.
_HIDDEN = frozenset({"script", "style", "template", "noscript", "head", "title"})
# Elements a browser puts on a line of their own: their text never runs into
# the text around them, however the HTML is indented.
_BLOCKS = frozenset((
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details",
    "div", "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
))  # fmt: skip


class Link(NamedTuple):
    """A link to a post, as it reads: `shown` is the site path (with the
    `#fragment`). `target` is the post's source path when the link lands on a
    post of its own side; otherwise (`lands` false) it lands where only the
    other side put a post, and `target` is that site path."""

    target: str
    fragment: str
    shown: str
    lands: bool = True

    @property
    def written(self) -> str:
        return self.shown + (f"#{self.fragment}" if self.fragment else "")


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def words(soup: BeautifulSoup) -> list[str]:
    """The visible text as words: scripts, styles and comments dropped."""
    return "".join(_strings(soup)).split()


def _strings(node: Tag) -> Iterator[str]:
    for child in node.children:
        if isinstance(child, Tag):
            if child.name in _HIDDEN:
                continue
            block = child.name in _BLOCKS
            if block:
                yield " "
            yield from _strings(child)
            if block:
                yield " "
        elif type(child) in (NavigableString, CData):
            yield child


def site_path(href: str, page: str, hosts: Iterable[str]) -> tuple[str, str] | None:
    """(site-absolute path, fragment) of a link on the page at `page` (a path
    relative to the site's root), or None for another host or scheme."""
    parts = urlsplit(href.strip())
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.netloc and parts.netloc.lower() not in hosts:
        return None
    if not parts.path:
        return None  # `#fragment` or `?query`: this page
    path = urljoin("/" + page, parts.path)
    return unquote(path), unquote(parts.fragment)


def address_index(addresses: Mapping[str, str]) -> dict[str, str]:
    """Every site path that serves a post, to its source: `a/index.html` is
    also `/a/` and `/a`, and `a.html` also `/a` (as GitHub Pages serves it)."""
    index: dict[str, str] = {}
    for source, address in addresses.items():
        path = "/" + address
        index[path] = source
        if path.endswith("/index.html"):
            index.setdefault(path[: -len("index.html")], source)
            index.setdefault(path[: -len("/index.html")] or "/", source)
        elif path.endswith(".html"):
            index.setdefault(path[: -len(".html")], source)
    return index


class PageLinks(NamedTuple):
    """What is needed to tell which links of a page land on a post: the
    page's address, this side's address index (`own`), the other side's, the
    site's hosts and base paths (Jekyll's `url` and `baseurl`)."""

    address: str
    own: Mapping[str, str]
    other: Mapping[str, str]
    hosts: Iterable[str] = ()
    bases: Iterable[str] = ()


def post_links(soup: BeautifulSoup, page: PageLinks) -> set[Link]:
    """The links of a body that land on a post of this side, or where the
    other side put a post (a link that misses its post here). A path may carry
    one of the site's base paths in front."""
    hosts = {h.lower() for h in page.hosts}
    bases = [b.rstrip("/") for b in page.bases if b.strip("/")]
    found: set[Link] = set()
    for tag in soup.find_all("a", href=True):
        located = site_path(tag["href"], page.address, hosts)
        if located is None:
            continue
        path, fragment = located
        for candidate in _without_base(posixpath.normpath(path), path, bases):
            if candidate in page.own:
                found.add(Link(page.own[candidate], fragment, candidate))
                break
            if candidate in page.other:
                found.add(Link(candidate, fragment, candidate, lands=False))
                break
    return found


def _without_base(normal: str, path: str, bases: list[str]) -> Iterator[str]:
    """The path as written (a trailing `/` kept), then with a base removed."""
    if path.endswith("/") and normal != "/":
        normal += "/"
    yield normal
    for base in bases:
        if normal.startswith(base + "/"):
            yield normal[len(base) :]
