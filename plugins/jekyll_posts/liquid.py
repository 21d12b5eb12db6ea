"""The subset of Liquid that Jekyll posts use, evaluated before Markdown.

Jekyll runs Liquid over the whole body first, so a tag works in links,
reference definitions, raw HTML and running text alike. A `post_url` cannot be
resolved here, one file at a time: it becomes a marker that names the link by
its index, and the marker is replaced once every post is known (`links.py`).
That keeps this step a pure function of one file, safe to cache.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .diagnostics import Locator, Problem

_OPENING = re.compile(r"\{[{%]")
_SITE_CHAIN = re.compile(
    r"(?:\{\{-?\s*site\.(?:url|baseurl)\s*-?\}\})*\{%-?\s*post_url(?![\w-])"
)
_WORD = re.compile(r"[^\s]+")
MARKER = re.compile("\ue000(\\d+)\ue001")
# Stands in for the "{" of a "{{" or "{%" that a raw block keeps, until the
# HTML is rendered; then it becomes "&#123;", so no Liquid-looking text is left.
_RAW_BRACE = "\ue002"


def marker(index: int) -> str:
    """Private-use characters: Markdown leaves them alone in every context."""
    return f"\ue000{index}\ue001"


@dataclass(frozen=True)
class Site:
    """What `{{ site.url }}` and `{{ site.baseurl }}` stand for on this site."""

    url: str = ""
    baseurl: str = ""


@dataclass(frozen=True)
class Link:
    """One `{% post_url %}` with the position of its tag in the file."""

    name: str
    line: int
    col: int


@dataclass(frozen=True)
class Rendered:
    text: str
    links: tuple[Link, ...]
    problems: tuple[Problem, ...]


def render(body: str, path: str, first_line: int = 1, site: Site = Site()) -> Rendered:
    return _Renderer(body, path, first_line, site).run()


class _Renderer:
    def __init__(self, body: str, path: str, first_line: int, site: Site):
        self.body = body
        self.path = path
        self.site = site
        self.locator = Locator(body, first_line)
        self.out: list[str] = []
        self.links: list[Link] = []
        self.problems: list[Problem] = []

    def run(self) -> Rendered:
        body, position = self.body, 0
        while True:
            opening = _OPENING.search(body, position)
            if opening is None:
                self.out.append(body[position:])
                break
            start = opening.start()
            self.out.append(body[position:start])
            position = (
                self._tag(start) if body[start + 1] == "%" else self._output(start)
            )
        return Rendered("".join(self.out), tuple(self.links), tuple(self.problems))

    def _problem(self, offset: int, message: str) -> None:
        line, col = self.locator.position(offset)
        self.problems.append(Problem(self.path, line, col, message))

    def _snippet(self, start: int, end: int) -> str:
        text = " ".join(self.body[start:end].split())
        return text if len(text) <= 60 else text[:57] + "..."

    def _inner(self, start: int, closer: str) -> tuple[str, int] | None:
        """The text between the delimiters, handling `-` whitespace control."""
        end = self.body.find(closer, start + 2)
        if end == -1:
            kind = "tag" if closer == "%}" else "output"
            self._problem(
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
            stop = _skip_space(self.body, stop)
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
        if expression in ("site.url", "site.baseurl"):
            if not _SITE_CHAIN.match(self.body, stop):
                self.out.append(
                    self.site.url if expression == "site.url" else self.site.baseurl
                )
        else:
            self._problem(
                start,
                f"unsupported Liquid output '{{{{ {expression} }}}}': only site.url and "
                "site.baseurl are known; wrap literal braces in {% raw %}...{% endraw %}",
            )
        return stop

    def _tag(self, start: int) -> int:
        found = self._inner(start, "%}")
        if found is None:
            return len(self.body)
        inner, stop = found
        words = inner.split(None, 1)
        name = words[0] if words else ""
        argument = words[1].strip() if len(words) > 1 else ""
        if name == "post_url":
            self._post_url(start, argument)
            return stop
        if name in ("raw", "comment"):
            return self._block(start, stop, name)
        self._problem(
            start, f"unknown Liquid tag '{name or self._snippet(start, stop)}'"
        )
        return stop

    def _post_url(self, start: int, argument: str) -> None:
        line, col = self.locator.position(start)
        words = _WORD.findall(argument)
        if len(words) != 1:
            what = "no post name" if not words else f"'{argument}'"
            self.problems.append(
                Problem(
                    self.path,
                    line,
                    col,
                    f"post_url: expected one post name, got {what}",
                )
            )
            return
        self.out.append(marker(len(self.links)))
        self.links.append(Link(words[0], line, col))

    def _block(self, start: int, stop: int, name: str) -> int:
        """`raw` keeps its content verbatim; `comment` drops it."""
        closing = re.compile(r"\{%(-?)\s*end" + name + r"\s*(-?)%\}")
        end = closing.search(self.body, stop)
        if end is None:
            self._problem(
                start,
                f"'{{% {name} %}}' opened here is never closed with '{{% end{name} %}}'",
            )
            self.out.append(self.body[stop:])
            return len(self.body)
        content = self.body[stop : end.start()]
        if end.group(1):
            content = content.rstrip()
        if name == "raw":
            self.out.append(re.sub(r"\{(?=[{%])", _RAW_BRACE, content))
        return _skip_space(self.body, end.end()) if end.group(2) else end.end()


def restore_braces(html: str) -> str:
    return html.replace(_RAW_BRACE, "&#123;")


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position
