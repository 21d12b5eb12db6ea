"""The subset of Liquid that Jekyll posts use, evaluated before Markdown.

Jekyll runs Liquid over the whole body first, so a tag works in links,
reference definitions, raw HTML and running text alike. A `post_url` or
`link` cannot be resolved here, one file at a time: it becomes a marker that
names the link by its index, and the marker is replaced once every post is
known (`links.py`). Highlighted code is kept aside until Markdown is done
(`highlight.py`). That keeps this step a pure function of one file (and the
includes it names, which are recorded), safe to cache.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import tzinfo

from . import expressions, tags
from .diagnostics import Locator, Problem
from .markers import MARKER, RAW_BRACE, marker

__all__ = ["MARKER", "Link", "Rendered", "Site", "marker", "render", "restore_braces"]

_OPENING = re.compile(r"\{[{%]")
# At most `{{ site.url }}{{ site.baseurl }}` stands before a link tag; the bound
# keeps a long run of site variables linear.
_SITE_CHAIN = re.compile(
    r"(?:\{\{-?\s*site\.(?:url|baseurl)\s*-?\}\}){0,2}\{%-?\s*(?:post_url|link)(?![\w-])"
)
TAGS = ("post_url", "link", "highlight", "include", "raw", "comment")


@dataclass(frozen=True)
class Site:
    """What `{{ site.url }}` and `{{ site.baseurl }}` stand for on this site."""

    url: str = ""
    baseurl: str = ""


@dataclass(frozen=True)
class Link:
    """One `{% post_url %}` or `{% link %}` with the position of its tag in the
    file; `where` says where in an included file it was written."""

    name: str
    line: int
    col: int
    kind: str = "post_url"
    where: str = ""


@dataclass(frozen=True)
class Rendered:
    text: str
    links: tuple[Link, ...]
    problems: tuple[Problem, ...]
    blocks: tuple[str, ...] = ()  # highlighted code, by stash marker
    includes: tuple[tuple[str, str], ...] = ()  # (path, digest) of each include read


@dataclass
class _Shared:
    """What every part of one file's rendering adds to, includes too."""

    links: list[Link] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)
    includes: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class _Scope:
    path: str  # the post: every problem is reported in it
    variables: expressions.Variables
    content_path: str | None
    origin: tuple[int, int, str] | None = None  # the include tag's place, and a label
    depth: int = 0


def render(
    body: str,
    path: str,
    first_line: int = 1,
    site: Site = Site(),
    page: Mapping | None = None,
    content_path: str | None = None,
    zone: tzinfo | None = None,
) -> Rendered:
    """`page` holds the `page.*` values; includes are read under `content_path`."""
    variables = expressions.Variables(
        {"url": site.url, "baseurl": site.baseurl}, page or {}, None, zone
    )
    shared = _Shared()
    scope = _Scope(path, variables, content_path)
    text = _Renderer(body, 0, Locator(body, first_line), scope, shared).run(
        0, len(body)
    )
    return Rendered(
        text,
        tuple(shared.links),
        tuple(shared.problems),
        tuple(shared.blocks),
        tuple(shared.includes),
    )


class _Renderer:
    def __init__(self, body: str, base: int, locator: Locator, scope: _Scope, shared):
        self.body = body
        self.base = base  # where `body` starts in the text the locator counts in
        self.locator = locator
        self.scope = scope
        self.shared = shared
        self.out: list[str] = []

    def run(self, position: int, end: int) -> str:
        body = self.body
        while True:
            opening = _OPENING.search(body, position, end)
            if opening is None:
                self.out.append(body[position:end])
                break
            start = opening.start()
            self.out.append(body[position:start])
            position = (
                self._tag(start) if body[start + 1] == "%" else self._output(start)
            )
        return "".join(self.out)

    def at(self, offset: int) -> tuple[int, int, str]:
        """The position to report, and what to say first when it is in an include."""
        line, col = self.locator.position(self.base + offset)
        if self.scope.origin is None:
            return line, col, ""
        at_line, at_col, label = self.scope.origin
        return at_line, at_col, f"{label}:{line}:{col}: "

    def problem(self, offset: int, message: str) -> None:
        line, col, prefix = self.at(offset)
        self.shared.problems.append(
            Problem(self.scope.path, line, col, prefix + message)
        )

    def _snippet(self, start: int, end: int) -> str:
        text = " ".join(self.body[start:end].split())
        return text if len(text) <= 60 else text[:57] + "..."

    def _inner(self, start: int, closer: str) -> tuple[str, int] | None:
        """The text between the delimiters, handling `-` whitespace control."""
        end = self.body.find(closer, start + 2)
        if end == -1:
            kind = "tag" if closer == "%}" else "output"
            self.problem(
                start,
                f"Liquid {kind} '{self._snippet(start, start + 40)}' is never closed with '{closer}'",
            )
            self.out.append(self.body[start:])
            return None
        inner = self.body[start + 2 : end]
        if inner.startswith("-"):
            self._trim_output()
            inner = inner[1:]
        stop = end + 2
        if inner.endswith("-"):
            inner = inner[:-1]
            stop = tags.skip_space(self.body, stop)
        return inner, stop

    def _trim_output(self) -> None:
        """`{%-` removes all whitespace before the tag, across earlier pieces."""
        while self.out and not self.out[-1].strip():
            self.out.pop()
        if self.out and not MARKER.fullmatch(self.out[-1]):
            self.out[-1] = self.out[-1].rstrip()

    def _output(self, start: int) -> int:
        found = self._inner(start, "}}")
        if found is None:
            return len(self.body)
        inner, stop = found
        expression = inner.strip()
        if expression in ("site.url", "site.baseurl") and _SITE_CHAIN.match(
            self.body, stop
        ):
            return stop  # post_url and link already start with the site's path
        try:
            self.out.append(expressions.evaluate(expression, self.scope.variables))
        except expressions.ExpressionError as error:
            self.problem(start, f"Liquid output '{{{{ {expression} }}}}': {error}")
        return stop

    def _tag(self, start: int) -> int:
        found = self._inner(start, "%}")
        if found is None:
            return len(self.body)
        inner, stop = found
        words = inner.split(None, 1)
        name = words[0] if words else ""
        argument = words[1].strip() if len(words) > 1 else ""
        if name in ("post_url", "link"):
            tags.link(self, start, name, argument)
        elif name in ("raw", "comment"):
            return tags.block(self, start, stop, name)
        elif name == "highlight":
            return tags.highlight_block(self, start, stop, argument)
        elif name == "include":
            tags.include(self, start, argument)
        else:
            self.problem(
                start,
                f"unknown Liquid tag '{name or self._snippet(start, stop)}'; "
                f"supported: {', '.join(TAGS)}",
            )
        return stop

    def add_link(self, start: int, name: str, kind: str) -> None:
        """A marker where the tag was, and the link it stands for."""
        line, col, where = self.at(start)
        self.out.append(marker(len(self.shared.links)))
        self.shared.links.append(Link(name, line, col, kind, where.rstrip(": ")))

    def child(self, body: str, base: int, locator: Locator, scope: _Scope):
        """A renderer for a part of this file, or for an included file."""
        return _Renderer(body, base, locator, scope, self.shared)


def restore_braces(html: str) -> str:
    return html.replace(RAW_BRACE, "&#123;")
