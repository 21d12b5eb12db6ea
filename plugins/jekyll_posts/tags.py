"""The Liquid tags beyond output: links, raw and comment blocks, highlighted
code and includes. Each takes the renderer at the tag (`liquid._Renderer`),
adds to its output and reports problems at the tag's position.
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import expressions, highlight, includes
from .diagnostics import Locator, display_path
from .markers import RAW_BRACE, stash_marker

_WORD = re.compile(r"[^\s]+")
MAX_DEPTH = 10


def link(renderer, start: int, name: str, argument: str) -> None:
    """`post_url` and `link` take one name; the link is resolved later."""
    words = _WORD.findall(argument)
    if len(words) != 1 or "{{" in argument:
        wanted = "post name" if name == "post_url" else "file path"
        what = f"no {wanted}" if not words else f"'{argument}'"
        renderer.problem(start, f"{name}: expected one {wanted}, got {what}")
        return
    renderer.add_link(start, words[0], name)


def end_of(renderer, start: int, stop: int, name: str) -> re.Match | None:
    closing = re.compile(r"\{%(-?)\s*end" + name + r"\s*(-?)%\}")
    end = closing.search(renderer.body, stop)
    if end is None:
        renderer.problem(
            start,
            f"'{{% {name} %}}' opened here is never closed with '{{% end{name} %}}'",
        )
    return end


def _after(renderer, end: re.Match) -> int:
    """Past the closing tag, and past the whitespace after it for `-%}`."""
    return skip_space(renderer.body, end.end()) if end.group(2) else end.end()


def block(renderer, start: int, stop: int, name: str) -> int:
    """`raw` keeps its content verbatim; `comment` drops it."""
    end = end_of(renderer, start, stop, name)
    if end is None:
        renderer.out.append(renderer.body[stop:])
        return len(renderer.body)
    content = renderer.body[stop : end.start()]
    if end.group(1):
        content = content.rstrip()
    if name == "raw":
        renderer.out.append(re.sub(r"\{(?=[{%])", RAW_BRACE, content))
    return _after(renderer, end)


def highlight_block(renderer, start: int, stop: int, argument: str) -> int:
    """The code is Liquid too (as in Jekyll), then highlighted and set aside."""
    end = end_of(renderer, start, stop, "highlight")
    if end is None:
        return len(renderer.body)
    code = renderer.child(
        renderer.body, renderer.base, renderer.locator, renderer.scope
    )
    text = code.run(stop, end.start()).replace(RAW_BRACE, "{")
    try:
        language, linenos = highlight.parse(argument)
    except highlight.HighlightError as error:
        renderer.problem(start, str(error))
    else:
        blocks = renderer.shared.blocks
        renderer.out.append(stash_marker(len(blocks)))
        blocks.append(highlight.render(text, language, linenos))
    return _after(renderer, end)


def include(renderer, start: int, argument: str) -> None:
    """The file's text, rendered with `include.*` set, in place of the tag."""
    scope = renderer.scope
    try:
        tag = includes.parse(argument)
        if scope.content_path is None:
            raise includes.IncludeError("include: no content folder to read from")
        if scope.depth >= MAX_DEPTH:
            raise includes.IncludeError(
                f"include: more than {MAX_DEPTH} includes inside each other; "
                f"does {tag.name} include itself?"
            )
        path, text, digest = includes.load(scope.content_path, tag.name)
        values = dict(tag.strings)
        for key, name in tag.variables.items():
            values[key] = expressions.value_of(name, scope.variables)
    except (includes.IncludeError, expressions.ExpressionError) as error:
        renderer.problem(start, str(error))
        return
    renderer.shared.includes.append((path, digest))
    line, col, prefix = renderer.at(start)
    inner = replace(
        scope,
        variables=replace(scope.variables, include=values),
        origin=(line, col, f"{prefix}include {tag.name}: {display_path(path)}"),
        depth=scope.depth + 1,
    )
    included = renderer.child(text, 0, Locator(text), inner)
    renderer.out.append(included.run(0, len(text)))


def skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position
