"""kramdown's `$$` math, written as its default MathJax engine writes it: `\\(...\\)`
in running text, `\\[...\\]` for a formula that is a block of its own.

A formula is taken out of the line before Markdown reads it (a token stands in
its place) and written back after, so no Markdown, smart quote or escape ever
touches its text. kramdown's rule for a block: the `$$` opens where a block may
start (after a blank line, an attribute list or at the start of a list item),
and after the closing `$$` the line ends and a block ends (a blank line, an
attribute list, the end of the item or of the post). Any other `$$...$$`, in a
paragraph, a header, a table cell or a list item, is inline; so is one that
stands alone as a paragraph but is followed by more lines. An inline formula
ends within its paragraph; a block one may hold blank lines.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from ..markers import MATH, math_token

_QUOTES = re.compile(r"(?: {0,3}>[ ]?)+")
_QUOTE = re.compile(r" {0,3}>[ ]?")
_ITEM = re.compile(r"(?:[-+*:]|\d{1,9}[.)])[ ]+(?=\$\$)|")
_TICKS = re.compile(r"`+")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_SCAN = re.compile(r"\\.|`+|\$\$")
_INTERRUPTS = re.compile(r" {0,3}(?:#|>|```|~~~|[-+*] |\d{1,9}[.)] |\{:|<[A-Za-z/!])")
_BOUNDARY = re.compile(r" {0,3}(?:\{:.*\}|\^)?[ \t]*$")


@dataclass
class Formula:
    text: str
    block: bool
    source: str  # as written, `$$` included
    attributes: dict[str, str] | None = None  # a span attribute list's


class Scanner:
    """Finds the formulas of a post, line by line, as the line rewrite meets
    lines of text (never code, raw HTML or front matter)."""

    def __init__(self, formulas: list[Formula]):
        self.formulas = formulas

    def take(
        self,
        lines: list[str],
        at: int,
        text: str,
        block_start: bool,
        item: int = 0,
    ) -> tuple[str, int]:
        """`text` (line `at` of `lines`, as rewritten) with each formula in it
        replaced by a token, and the index of the first line not taken (a
        formula may run over several). `item` is the column the content of the
        list item the line is in starts at, in `lines`."""
        if "$$" not in text:
            return text, at + 1
        quotes = _QUOTES.match(lines[at])
        depth = quotes.group(0).count(">") if quotes else 0
        start = _QUOTES.match(text)
        start = start.end() if start else 0
        start += len(text[start:]) - len(text[start:].lstrip(" "))
        start += len(_ITEM.match(text, start).group(0))
        context = _Context(lines, depth, item)
        if block_start and text.startswith("$$", start):
            found = self._block(context, at, text, start)
            if found is not None:
                return found
        return self._inline(context, at, text, start)

    def _block(self, context: _Context, at: int, text: str, start: int):
        parts, number = [text[start + 2 :]], at
        while (end := parts[-1].find("$$")) < 0:
            number += 1
            line = context.follow(number)
            if line is None:
                return None
            parts.append(line)
        if parts[-1][end + 2 :].strip() or not context.ends_block(number + 1):
            return None
        parts[-1] = parts[-1][:end]
        formula = "\n".join(parts)
        return text[:start] + self._add(formula, True), number + 1

    def _inline(self, context: _Context, at: int, text: str, start: int):
        pieces, taken, cursor = [text[:start]], at + 1, start
        row = text.lstrip().startswith("|")
        while (found := _SCAN.search(text, cursor)) is not None:
            mark = found.group(0)
            if mark[0] != "$":
                close = (
                    _closing(text, found.end(), len(mark)) if mark[0] == "`" else None
                )
                cursor = close or found.end()
                continue
            joined, more = text, taken
            close = joined.find("$$", found.end())
            while close < 0 and (line := context.follow(more)) and _continues(line):
                joined, more = joined + "\n" + line, more + 1
                close = joined.find("$$", found.end())
            formula = joined[found.end() : close]
            if close < 0 or (row and _UNESCAPED_PIPE.search(formula)):
                cursor = found.end()  # in a table, a `|` ends the cell first
                continue
            if row:
                formula = formula.replace("\\|", "|")
            text, taken = joined, more
            pieces.append(text[start : found.start()] + self._add(formula, False))
            start = cursor = close + 2
        pieces.append(text[start:])
        return "".join(pieces), taken

    def _add(self, formula: str, block: bool) -> str:
        self.formulas.append(Formula(formula.strip(), block, f"$${formula}$$"))
        return math_token(len(self.formulas) - 1)


@dataclass(frozen=True)
class _Context:
    """The lines after a formula's first, as the container it is in reads them."""

    lines: list[str]
    depth: int  # quote markers
    item: int  # the list item's content column

    def follow(self, number: int) -> str | None:
        """Line `number` without its quote markers and the item's indentation;
        None past the end or outside the quote."""
        if number >= len(self.lines):
            return None
        line = self.lines[number]
        for _ in range(self.depth):
            quote = _QUOTE.match(line)
            if quote is None:
                return None
            line = line[quote.end() :]
        spaces = len(line) - len(line.lstrip(" "))
        return line[min(spaces, self.item) :]

    def ends_block(self, number: int) -> bool:
        """Whether a block may end before line `number`: a blank line, an
        attribute list, the end of the post or of the list item."""
        if number >= len(self.lines) or not self.lines[number].strip():
            return True
        line = self.follow(number)
        if line is None:
            return False
        raw = self.lines[number]
        outside = self.item and len(raw) - len(raw.lstrip(" ")) < self.item
        return bool(outside) or _BOUNDARY.fullmatch(line) is not None


def _continues(line: str) -> bool:
    """Whether a line goes on with the paragraph above it, for kramdown: not
    blank, and no header, quote, fence, list item, attribute list or HTML."""
    return bool(line.strip()) and not _INTERRUPTS.match(line)


def _closing(text: str, start: int, length: int) -> int | None:
    """The end of the code span opened by `length` backticks before `start`."""
    for run in _TICKS.finditer(text, start):
        if run.end() - run.start() == length:
            return run.end()
    return None


_WRAPPED = re.compile(f"<p([^>]*)>{MATH}(\\d+)\ue001</p>")
_TOKEN = re.compile(f"{MATH}(\\d+)\ue001")


class AsWrittenInAttributes(Treeprocessor):
    """In an address, a title or an image's text, kramdown reads no math: the
    formula is given back as written."""

    def run(self, root) -> None:
        formulas: list[Formula] = self.md.kramdown.formulas
        if not formulas:
            return
        for element in root.iter():
            for key, value in element.attrib.items():
                if MATH in value:
                    element.set(
                        key, _TOKEN.sub(lambda m: formulas[int(m[1])].source, value)
                    )


class MathPostprocessor(Postprocessor):
    """Tokens back as MathJax's delimiters; a block formula in place of its
    paragraph (in a `div` when an attribute list gave it attributes)."""

    def run(self, text: str) -> str:
        if MATH not in text:
            return text
        formulas: list[Formula] = self.md.kramdown.formulas
        text = _WRAPPED.sub(lambda m: _alone(formulas[int(m[2])], m[1]), text)
        return _TOKEN.sub(lambda m: _written(formulas[int(m[1])]), text)


def _alone(formula: Formula, attributes: str) -> str:
    """A formula that is all of a paragraph: a block one in its place."""
    if not formula.block:
        return f"<p{attributes}>{_written(formula)}</p>"
    if attributes:
        return f"<div{attributes}>{_written(formula)}\n</div>"
    return _written(formula)


def _written(formula: Formula) -> str:
    text = html.escape(formula.text, quote=False)
    if formula.attributes:
        values = "".join(
            f' {k}="{html.escape(v)}"' for k, v in formula.attributes.items()
        )
        return f"<span{values}>${text}$</span>"
    return f"\\[{text}\\]" if formula.block else f"\\({text}\\)"
