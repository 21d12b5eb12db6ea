"""kramdown's block lines that Python-Markdown does not know, taken out of a post
as the line rewrite meets them: attribute lists (`{: .x}`), their definitions
(`{:name: .x}`), extensions (`{::comment}` ...) and the list that stands for a
table of contents (`* TOC` + `{:toc}`).

Each leaves a marker line, or nothing, and what the tree steps after Markdown
need to finish it in the post's `Document`: the attribute lists, by marker, with
the side of the block they belong to; the definitions; the formulas and
extension outputs; the options.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..markers import STASH_ALONE, attributes_marker, extension_marker, toc_marker
from . import extensions
from .attributes import DEFINITION, LINE, Definitions, Parsed, parse
from .blockquotes import QUOTES
from .formulas import Formula

_ITEM = re.compile(r" {0,3}([-+*]|\d{1,9}[.)]) ")


@dataclass
class Document:
    """What the line rewrite took out of one post, for the steps after Markdown."""

    definitions: Definitions = field(default_factory=Definitions)
    # An attribute list, and whether it goes to the block after it (else the
    # block before it).
    lists: list[tuple[Parsed, bool]] = field(default_factory=list)
    formulas: list[Formula] = field(default_factory=list)
    # Extensions' outputs, each with whether it is a block of its own.
    outputs: list[tuple[str, bool]] = field(default_factory=list)
    options: dict[str, str] = field(default_factory=dict)
    braces: bool = False  # whether the post has a `{:` anywhere
    dollars: bool = False  # and a `$$`: most have neither, and skip their steps


@dataclass(frozen=True)
class Taken:
    markers: list[str]  # the lines that stand for what was taken
    end: int  # the first line not taken


def take(document: Document, lines: list[str], at: int) -> Taken | None:
    """What kramdown reads as a block of its own at line `at` (after any quote
    markers), or None."""
    line = lines[at]
    quotes = QUOTES.match(line)
    text = line[quotes.end() :] if quotes else line
    if "{:" not in text:
        return None
    if DEFINITION.fullmatch(text):
        name, values = DEFINITION.fullmatch(text).groups()
        document.definitions.define(name, values)
        return Taken([], at + 1)
    if LINE.fullmatch(text):
        parsed = parse(LINE.fullmatch(text).group(1))
        document.lists.append((parsed, _after_break(lines, at)))
        return Taken([attributes_marker(len(document.lists) - 1)], at + 1)
    if quotes:
        return None
    outputs = document.outputs
    before = len(outputs)
    end = extensions.block(lines, at, outputs, document.options)
    if end == at:
        return None
    return Taken([extension_marker(before)] if len(outputs) > before else [], end)


def toc(document: Document, lines: list[str], at: int) -> Taken | None:
    """kramdown's table of contents: a one-item list whose attribute list names
    `toc`; its other attributes go to the table."""
    if at + 1 >= len(lines) or not _ITEM.match(lines[at]):
        return None
    following = LINE.fullmatch(lines[at + 1])
    if following is None:
        return None
    parsed = parse(following.group(1))
    if "toc" not in parsed.names:
        return None
    kind = "ol" if lines[at].lstrip()[0].isdigit() else "ul"
    parsed.names.remove("toc")
    document.lists.append((parsed, False))
    marker = attributes_marker(len(document.lists) - 1)
    return Taken([toc_marker(kind), marker], at + 2)


def placed(markers: list[str], prefix: str, above: str) -> list[str]:
    """The lines for `markers`: at the margin (no `prefix`), each a paragraph of
    its own, which ends the list or paragraph above it, as in kramdown; in a
    list item or a quote, lines of the paragraph next to them, so the item's
    paragraphs stay as they were."""
    if prefix:
        return [prefix + marker for marker in markers]
    lines = [] if not above.strip() else [""]
    for marker in markers:
        lines += [marker, ""]
    return lines


def _after_break(lines: list[str], at: int) -> bool:
    """kramdown gives an attribute list to the block before it only when that
    block's last line is right above it; else to the block after it."""
    if at == 0:
        return True
    above = lines[at - 1]
    quotes = QUOTES.match(above)
    if quotes and QUOTES.match(lines[at]):
        above = above[quotes.end() :]
    if STASH_ALONE.fullmatch(above):  # Jekyll writes a blank line after it
        return True
    return not above.strip() or bool(
        LINE.fullmatch(above) or DEFINITION.fullmatch(above)
    )
