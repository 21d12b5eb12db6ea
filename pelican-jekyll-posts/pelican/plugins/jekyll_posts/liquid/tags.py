"""Jekyll's own tags on python-liquid: `post_url`, `link`, `include` (with
`include_relative` and jekyll-include-cache's `include_cached`) and `highlight`.

`post_url` and `link` cannot be answered while one file is rendered: they
write a marker naming the link, replaced once every post is known
(`links.py`). `highlight` writes its HTML aside, behind a stash marker, so
Markdown never sees it (`highlight.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from liquid.ast import Node
from liquid.builtin.expressions import parse_primitive, tokenize
from liquid.exceptions import LiquidSyntaxError
from liquid.parser import get_parser
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import TOKEN_EOF, TOKEN_EXPRESSION, Token

from ..markers import marker, stash_marker
from . import highlight
from .includes import IncludeError

# Jekyll's include parameters: key="v", key='v' or key=variable.path
_PARAMETER = re.compile(
    r"""([\w-]+)\s*=\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.-]+))"""
)
_ALL_PARAMETERS = re.compile(rf"\s*(?:{_PARAMETER.pattern}(?=\s|\Z)\s*)*")
_VARIABLE_NAME = re.compile(
    r"(?P<file>[^{]*(?:\{\{\s*[\w.-]+\s*(?:\|.*)?\}\}[^\s{}]*)+)(?P<params>.*)", re.S
)
_FILE_NAME = re.compile(r"[\w/.\-()+~#@]+")


@dataclass(frozen=True)
class Link:
    """One `{% post_url %}` or `{% link %}` with the position of its tag in the
    file; `where` says where in an included file it was written."""

    name: str
    line: int
    col: int
    kind: str = "post_url"
    where: str = ""


def _argument(stream: TokenStream) -> tuple[Token, Token | None]:
    """The tag's token, and its argument's token left as written."""
    token = stream.current
    if stream.peek.kind == TOKEN_EXPRESSION:
        next(stream)
        return token, stream.current
    return token, None


def argument(stream: TokenStream) -> tuple[Token, str]:
    """The tag's token and its argument as written ("" when it has none), for
    tags whose arguments are not Liquid expressions; the stream is left on the
    tag's last token."""
    token, written = _argument(stream)
    return token, written.value if written is not None else ""


def _sub_template(env, text: str, token: Token):
    """Liquid inside a tag's argument (`{% link {{ page.x }} %}`), or None."""
    if "{{" not in text and "{%" not in text:
        return None
    return env.from_string(text)


class _LinkNode(Node):
    __slots__ = ("kind", "name", "template")

    def __init__(self, token, kind: str, name: str, template):
        super().__init__(token)
        self.kind = kind
        self.name = name
        self.template = template
        self.blank = False

    def render_to_output(self, context, buffer) -> int:
        render = context.env.current
        name = self.name
        if self.template is not None:
            taken = _Buffer(buffer)
            self.template.render_with_context(context, taken)
            name = taken.taken.strip()
        words = name.split()
        if len(words) != 1:
            wanted = "post name" if self.kind == "post_url" else "file path"
            what = f"no {wanted}" if not words else f"'{name}'"
            render.problem(
                self.token, f"{self.kind}: expected one {wanted}, got {what}"
            )
            return 0
        line, col, where = render.place(self.token)
        render.links.append(Link(words[0], line, col, self.kind, where.rstrip(": ")))
        return buffer.write(marker(len(render.links) - 1))


class _Buffer:
    """Collects what a sub-template writes, instead of the page's buffer."""

    def __init__(self, page_buffer):
        self.parts: list[str] = []
        self.size = getattr(page_buffer, "size", 0)

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    @property
    def taken(self) -> str:
        return "".join(self.parts)


class PostUrlTag(Tag):
    name = "post_url"
    block = False

    def parse(self, stream):
        token, argument = _argument(stream)
        return _LinkNode(token, self.name, argument.value if argument else "", None)


class LinkTag(Tag):
    """Jekyll's `link` evaluates Liquid in its path; `post_url` does not."""

    name = "link"
    block = False

    def parse(self, stream):
        token, argument = _argument(stream)
        text = argument.value if argument else ""
        return _LinkNode(token, self.name, text, _sub_template(self.env, text, token))


class _IncludeNode(Node):
    __slots__ = ("tag", "file", "file_template", "params")

    def __init__(self, token, tag: str, file: str, file_template, params):
        super().__init__(token)
        self.tag = tag
        self.file = file
        self.file_template = file_template
        self.params = params  # (key, literal or None, variable Path or None)
        self.blank = False

    def render_to_output(self, context, buffer) -> int:
        env = context.env
        render = env.current
        name = self.file
        if self.file_template is not None:
            taken = _Buffer(buffer)
            self.file_template.render_with_context(context, taken)
            name = taken.taken.strip()
        try:
            if not _FILE_NAME.fullmatch(name) or re.search(r"[./]{2,}", name):
                raise IncludeError(
                    f"{self.tag}: '{name}' is not a file name Jekyll accepts "
                    "(letters, digits, / . - _ ( ) + ~ # @, no '..' or '//')"
                )
            including = render.stack[-1].source.path if render.stack else None
            relative = including or render.source.path
            path = env.loader.find(
                name, relative if self.tag == "include_relative" else None
            )
            parsed = env.loader.parsed(env, path)
        except IncludeError as error:
            render.problem(self.token, str(error))
            return 0
        namespace = {}
        if self.params is not None:
            values = {}
            for key, literal, variable in self.params:
                values[key] = (
                    literal if variable is None else variable.evaluate(context)
                )
            namespace["include"] = values
        render.includes.append((parsed.path, parsed.digest))
        with render.including(self.token, f"{self.tag} {name}", parsed):
            for token, message, group, severity in parsed.errors:
                render.problem(token, message, group, severity)
            with context.extend(namespace, template=parsed.template):
                parsed.template.render_with_context(context, buffer, partial=True)
        return 1


class IncludeTag(Tag):
    name = "include"
    block = False

    def parse(self, stream):
        token, argument = _argument(stream)
        markup = (argument.value if argument else "").strip()
        if not markup:
            raise LiquidSyntaxError(f"{self.name}: no file name", token=token)
        variable = _VARIABLE_NAME.fullmatch(markup)
        if variable:
            file, params = variable["file"].strip(), variable["params"].strip()
        else:
            file, _, params = markup.partition(" ")
            params = params.strip()
        return _IncludeNode(
            token,
            self.name,
            file,
            _sub_template(self.env, file, token) if variable else None,
            self._parameters(params, argument or token) if params else None,
        )

    def _parameters(self, text: str, token: Token):
        if not _ALL_PARAMETERS.fullmatch(text):
            raise LiquidSyntaxError(
                f"{self.name}: cannot read the parameters '{text}'; write them as "
                "key=\"value\", key='value' or key=variable",
                token=token,
            )
        found = []
        for match in _PARAMETER.finditer(text):
            key, double, single, name = match.groups()
            if name is not None:
                value = parse_primitive(self.env, TokenStream(tokenize(name, token)))
                found.append((key, None, value))
            elif double is not None:
                found.append((key, double.replace('\\"', '"'), None))
            else:
                found.append((key, single.replace("\\'", "'"), None))
        return tuple(found)


class IncludeRelativeTag(IncludeTag):
    name = "include_relative"


class IncludeCachedTag(IncludeTag):
    """jekyll-include-cache: the same output as `include`, which is what counts."""

    name = "include_cached"


class _HighlightNode(Node):
    __slots__ = ("language", "linenos", "block")

    def __init__(self, token, language: str, linenos: bool, block):
        super().__init__(token)
        self.language = language
        self.linenos = linenos
        self.block = block
        self.blank = False

    def render_to_output(self, context, buffer) -> int:
        code = _Buffer(buffer)
        self.block.render(context, code)
        render = context.env.current
        render.blocks.append(highlight.render(code.taken, self.language, self.linenos))
        return buffer.write(stash_marker(len(render.blocks) - 1))


class HighlightTag(Tag):
    """The code is Liquid too, as in Jekyll, then highlighted."""

    name = "highlight"
    end = "endhighlight"

    def parse(self, stream):
        token, written = argument(stream)
        next(stream)
        try:
            language, linenos = highlight.parse(written)
        except highlight.HighlightError as error:
            raise LiquidSyntaxError(str(error), token=token) from None
        block = get_parser(self.env).parse_block(stream, (self.end, TOKEN_EOF))
        if not stream.current.is_tag(self.end):
            raise LiquidSyntaxError(
                "'{% highlight %}' opened here is never closed with '{% endhighlight %}'",
                token=token,
            )
        return _HighlightNode(token, language, linenos, block)


TAGS = (
    PostUrlTag,
    LinkTag,
    IncludeTag,
    IncludeRelativeTag,
    IncludeCachedTag,
    HighlightTag,
)


def register(env) -> None:
    for tag in TAGS:
        env.add_tag(tag)
