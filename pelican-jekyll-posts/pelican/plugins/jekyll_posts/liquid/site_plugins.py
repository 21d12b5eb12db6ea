"""A site's own Liquid tags and filters: Python modules in `_plugins/`.

Jekyll runs the Ruby files in a site's `_plugins/` folder (unless built with
`--safe`); those cannot run here, but their Python equivalents can. Each
`_plugins/*.py` module may define:

- `FILTERS = {"name": function}`: `{{ value | name: a, b }}` calls
  `function(value, a, b)`;
- `TAGS = {"name": function}`: `{% name some text %}` is replaced by
  `function("some text", context)`; `context.get("page.title")` reads a
  variable;
- `BLOCKS = {"name": function}`: `{% name text %}body{% endname %}` is replaced
  by `function("text", body, context)`, the body rendered first.

A module is code from the site folder run by the build, as Jekyll's Ruby
plugins are: `JEKYLL_SAFE = True` (or `safe: true`) turns them off.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
import traceback
from dataclasses import dataclass, field

from liquid import Undefined
from liquid.ast import Node
from liquid.builtin.expressions import parse_primitive, tokenize
from liquid.exceptions import LiquidError
from liquid.parser import get_parser
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import TOKEN_EOF

from ..diagnostics import Problem
from .tags import argument


@dataclass
class Loaded:
    filters: dict = field(default_factory=dict)
    tags: list = field(default_factory=list)  # python-liquid Tag classes
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


class Context:
    """What a site's tag sees of the render: variables by their Liquid path."""

    def __init__(self, context, token):
        self._context = context
        self._token = token

    def get(self, path: str, default=None):
        try:
            expression = parse_primitive(
                self._context.env, TokenStream(tokenize(path, self._token))
            )
            value = expression.evaluate(self._context)
        except LiquidError:
            return default
        return default if value is None or isinstance(value, Undefined) else value


class _CallNode(Node):
    __slots__ = ("function", "argument", "block", "name")

    def __init__(self, token, name, function, argument, block=None):
        super().__init__(token)
        self.name = name
        self.function = function
        self.argument = argument
        self.block = block
        self.blank = False

    def render_to_output(self, context, buffer) -> int:
        scope = Context(context, self.token)
        try:
            if self.block is None:
                text = self.function(self.argument, scope)
            else:
                inner = context.get_buffer(buffer)
                self.block.render(context, inner)
                text = self.function(self.argument, inner.getvalue(), scope)
        except Exception as error:  # the site's code: say where it failed
            raise LiquidError(
                f"tag '{self.name}' from _plugins/ failed: "
                f"{type(error).__name__}: {error}",
                token=self.token,
            ) from None
        return buffer.write("" if text is None else str(text))


def _tag(name: str, function, block: bool) -> type:
    def parse(self, stream):
        token, written = argument(stream)
        if not block:
            return _CallNode(token, name, function, written)
        next(stream)
        body = get_parser(self.env).parse_block(stream, ("end" + name, TOKEN_EOF))
        if not stream.current.is_tag("end" + name):
            raise LiquidError(f"'{name}' is never closed with 'end{name}'", token=token)
        return _CallNode(token, name, function, written, body)

    return type(
        f"SiteTag_{name}",
        (Tag,),
        {"name": name, "block": block, "end": "end" + name, "parse": parse},
    )


def load(folder: str) -> Loaded:
    """Every module in `folder`, in name order; a module that fails to load is
    a problem at the line that failed, and adds nothing."""
    loaded = Loaded()
    if not os.path.isdir(folder):
        return loaded
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if not name.endswith(".py") or not os.path.isfile(path):
            continue
        loaded.files.append(path)
        try:
            module = _import(path)
        except Exception as error:
            loaded.problems.append(_failure(path, error))
            continue
        _take(module, path, loaded)
    return loaded


def _import(path: str):
    digest = hashlib.blake2b(os.path.abspath(path).encode(), digest_size=6).hexdigest()
    name = f"jekyll_site_plugin_{digest}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _take(module, path: str, loaded: Loaded) -> None:
    for kind in ("FILTERS", "TAGS", "BLOCKS"):
        table = getattr(module, kind, {})
        if not isinstance(table, dict):
            loaded.problems.append(Problem(path, 1, 1, f"{kind} must be a dict"))
            continue
        for name, thing in table.items():
            if not isinstance(name, str) or not callable(thing):
                loaded.problems.append(
                    Problem(path, 1, 1, f"{kind}: {name!r} must name a function")
                )
            elif kind == "FILTERS":
                loaded.filters[name] = thing
            elif isinstance(thing, type) and issubclass(thing, Tag):
                loaded.tags.append(thing)
            else:
                loaded.tags.append(_tag(name, thing, kind == "BLOCKS"))


def _failure(path: str, error: Exception) -> Problem:
    line = 1
    for frame in traceback.extract_tb(error.__traceback__):
        if os.path.abspath(frame.filename) == os.path.abspath(path):
            line = frame.lineno or 1
    if isinstance(error, SyntaxError) and error.lineno:
        line = error.lineno
    return Problem(
        path, line, 1, f"cannot load this plugin: {type(error).__name__}: {error}"
    )
