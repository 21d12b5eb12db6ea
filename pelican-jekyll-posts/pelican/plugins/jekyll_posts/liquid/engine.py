"""The Liquid engine posts are rendered with: python-liquid, with Jekyll's tags,
filters and rules for what is undefined, and every problem kept with its place.

python-liquid raises, warns or ignores each error by its mode; Jekyll's
builds fail on them, but here a build reports every problem of every file at
once, so the environment's `error` hook records each one (with the file, line
and column of its token) in the render under way and lets the engine go on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import tzinfo

from liquid import Environment, Mode, StrictUndefined, Undefined
from liquid.builtin.output import Output
from liquid.exceptions import ContextDepthError, LiquidError, LiquidSyntaxError
from liquid.token import Token

from .. import fences
from ..diagnostics import Locator, Problem, display_path
from . import filters, lexing, tags
from .includes import IncludeLoader


@dataclass(frozen=True)
class Options:
    """What the engine needs to know of the site, the same for every file."""

    content_path: str | None = None
    url: str = ""
    baseurl: str = ""
    zone: tzinfo | None = None
    strict_variables: bool = False
    strict_filters: bool = False
    error_mode: str = "warn"  # _config.yml's liquid: error_mode
    includes_dir: str = "_includes"


@dataclass
class Source:
    """A text the engine parses, and how to name a place in it."""

    text: str
    path: str
    first_line: int = 1
    locator: Locator | None = None

    def position(self, offset: int) -> tuple[int, int]:
        if self.locator is None:
            self.locator = Locator(self.text, self.first_line)
        return self.locator.position(max(0, offset))


@dataclass
class Inclusion:
    """An include being rendered: where its tag is in the post, what leads to
    it (`chain`, for includes inside includes), its label and its text."""

    line: int
    col: int
    chain: str
    label: str
    source: Source


@dataclass
class Render:
    """What one file's rendering adds to, from its includes too."""

    source: Source
    document: str = ""  # the file's path in the site, as site.posts names it
    links: list = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)
    includes: list[tuple[str, str]] = field(default_factory=list)
    uses: set[str] = field(default_factory=set)
    stack: list[Inclusion] = field(default_factory=list)

    def place(self, token) -> tuple[int, int, str]:
        """The post's line and column for a token, and what to say first when
        the token is in an included file."""
        offset = getattr(token, "start_index", -1)
        within = getattr(token, "source", None)
        if getattr(token, "kind", None) == "tag" and within:
            # A tag's token starts at its name; the tag starts at its `{%`.
            offset = max(within.rfind("{%", 0, offset), 0)
        if not self.stack:
            line, col = self.source.position(offset)
            return line, col, ""
        top = self.stack[-1]
        where = display_path(top.source.path)
        if within is top.source.text and offset >= 0:
            line, col = top.source.position(offset)
            where += f":{line}:{col}"
        return top.line, top.col, f"{top.chain}{top.label}: {where}: "

    @contextmanager
    def including(self, token, label: str, parsed):
        """Problems inside `parsed` (an include) are told at the tag's place."""
        line, col, chain = self.place(token)
        source = Source(parsed.text, parsed.path)
        self.stack.append(Inclusion(line, col, chain, label, source))
        try:
            yield
        finally:
            self.stack.pop()

    def too_deep(self) -> None:
        """Includes inside includes past the engine's limit: said once, at the
        first include, naming the innermost (most likely including itself)."""
        first, last = self.stack[0], self.stack[-1]
        message = (
            f"{first.label}: includes nest {len(self.stack)} deep; does "
            f"{last.label.split(' ', 1)[-1]} include itself?"
        )
        self.problems.append(Problem(self.source.path, first.line, first.col, message))

    def problem(
        self, token, message: str, group: str = "", severity: str = "error"
    ) -> None:
        line, col, prefix = self.place(token)
        self.problems.append(
            Problem(
                self.source.path,
                line,
                col,
                prefix + message,
                severity,
                group or "liquid",
            )
        )


class JekyllEnvironment(Environment):
    """python-liquid's environment with Jekyll's tags and filters on it.

    One per build and process; `current` is the render under way.
    """

    def __init__(self, options: Options, markdownify: Callable[[str], str]):
        super().__init__(
            tolerance=Mode.LAX,
            undefined=StrictUndefined if options.strict_variables else Undefined,
            strict_filters=options.strict_filters,
            loader=IncludeLoader(options.content_path, options.includes_dir),
        )
        self.options = options
        self.markdownify = markdownify
        self.current: Render | None = None
        self.add_tag(LaxOutput)
        self._captured: list | None = None
        self.parsing: list[str] = []  # the texts being parsed, innermost last
        tags.register(self)
        filters.register(self)

    def error(self, exc, msg=None, token=None) -> None:
        if not isinstance(exc, LiquidError):
            exc = exc(msg, token=token)
        elif not exc.token:
            exc.token = token
        message, group = _explain(exc)
        severity = "error"
        if isinstance(exc, LaxOutputError) and self.options.error_mode != "strict":
            # Jekyll's `error_mode: warn` (its default): Liquid warns about an
            # output it cannot parse and prints what it can of it.
            severity = "warning"
        if _unclosed(exc) and self.parsing:
            exc.token = _opening(self.parsing[-1], _unclosed(exc)) or exc.token
            message = _never_closed(_unclosed(exc))
        if self._captured is not None:
            self._captured.append((exc.token, message, group, severity))
        elif self.current is None:
            raise exc
        elif isinstance(exc, ContextDepthError) and self.current.stack:
            self.current.too_deep()
        else:
            self.current.problem(exc.token, message, group, severity)

    def tokenizer(self):
        if fences.standing(fences.LIQUID_LEXER):
            return lexing.quick_lexer()
        return super().tokenizer()

    def parse_text(self, text: str, path: str | None = None):
        """Parse `text`; an unclosed block is then told at its opening tag."""
        self.parsing.append(text)
        try:
            return self.from_string(text, path=path)
        finally:
            self.parsing.pop()

    @contextmanager
    def capturing(self, into: list):
        """Errors found meanwhile go to `into` as (token, message, group, severity)."""
        saved, self._captured = self._captured, into
        try:
            yield
        finally:
            self._captured = saved


class LaxOutputError(LiquidSyntaxError):
    """An output statement (`{{ ... }}`) that does not parse."""


class LaxOutput(Output):
    """`{{ ... }}`, whose parse errors Jekyll's default error mode only warns of."""

    def parse(self, stream):
        try:
            return super().parse(stream)
        except LiquidSyntaxError as error:
            raise LaxOutputError(error.message, token=error.token) from None


def _explain(exc: LiquidError) -> tuple[str, str]:
    """python-liquid's message, in the words a Jekyll writer knows, and the
    group that collapses repeats of one problem (an unknown tag) into one line."""
    text = str(exc.message if exc.message is not None else type(exc).__name__)
    unexpected = re.fullmatch(r"unexpected tag '(\w+)'", text)
    if unexpected and unexpected[1] in ("raw", "comment"):
        return _never_closed(unexpected[1]), ""
    if unexpected:
        name = unexpected[1]
        return f"unknown Liquid tag '{name}'", f"tag:{name}"
    unknown = re.fullmatch(r"unknown filter '(.+)'", text)
    if unknown:
        return f"unknown Liquid filter '{unknown[1]}'", f"filter:{unknown[1]}"
    if text == "comment tag was never closed":
        return _never_closed("comment"), ""
    return text, ""


def _unclosed(exc: LiquidError) -> str | None:
    """The block a parse ended inside of, from python-liquid's message."""
    found = re.fullmatch(r"expected tag end(\w+), found .*", str(exc.message))
    return found[1] if found else None


def _opening(text: str, name: str) -> Token | None:
    """The `{% name %}` left open in `text`: the outermost one not closed."""
    stack = []
    for match in re.finditer(r"\{%-?\s*(end)?" + name + r"\b", text):
        if match[1]:
            if stack:
                stack.pop()
        else:
            stack.append(match.start())
    if not stack:
        return None
    return Token("tag", name, stack[0] + 2, text)


def _never_closed(name: str) -> str:
    return f"'{{% {name} %}}' opened here is never closed with '{{% end{name} %}}'"
