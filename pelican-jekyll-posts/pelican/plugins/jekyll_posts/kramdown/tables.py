"""Tables without a separator line, as kramdown reads them.

kramdown makes a table of a block of lines that hold a pipe (`a | b`,
`| a |`) even when no `|---|` line follows the first: every row is then a
body row; so is a list item's one line with a pipe. Python-Markdown's
tables need that line, so one is added after the first row, which is marked;
once the tree is made, the marked header row becomes the first body row.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as etree

from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from ..markers import STASH_ALONE

_PIPE = re.compile(r"(?<!\\)\|")
# kramdown's test for a table line: a pipe, first or after a character
# that is not a backslash.
_TABLE_LINE = re.compile(r"(?:\||.*?[^\\\n]\|)")
# Lines that kramdown reads as another block before it looks for a table:
# code, a list item, a header, a quote, a definition, HTML, math.
_OTHER_BLOCK = re.compile(
    r"(?: {4}|\t| {0,3}(?:[-+*][\t| ]|\d+[.)][\t| ]|#{1,6}[\t ]|>|:[\t ]|\$\$|<|`{3}|~{3}))"
)
_ITEM = re.compile(r"( *)(?:[-+*]|\d{1,9}[.)]) +(\S.*)")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_SEPARATOR = re.compile(
    r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$"
)
HEADLESS = "\ue009"  # before the first cell of a table that had no separator


class Headless(Preprocessor):
    """After fenced code is set aside: a block of lines with pipes and no
    separator, from a blank line to a blank line, is a table of body rows."""

    def run(self, lines: list[str]) -> list[str]:
        if not any("|" in line for line in lines):
            return lines
        out: list[str] = []
        at = 0
        while at < len(lines):
            end = at
            if (not out or not out[-1].strip()) and _starts_table(lines[at]):
                end = at + 1
                while end < len(lines) and _is_row(lines[end]):
                    end += 1
            if item := _table_item(lines, at):
                out += item
                at += 1
                continue
            rows = lines[at:end]
            if (
                rows
                and _ends_block(lines, end)
                and not any(map(_SEPARATOR.match, rows))
            ):
                out += _with_separator(rows)
                at = end
            else:
                out.append(lines[at])
                at += 1
        return out


def _table_item(lines: list[str], at: int) -> list[str] | None:
    """A list item whose text is one line with pipes, followed by a blank
    line or another item (its own included): kramdown reads a table there.
    Its lines, with a separator in it."""
    item = _ITEM.match(lines[at])
    if item is None or not _starts_table(item.group(2)):
        return None
    following = lines[at + 1] if at + 1 < len(lines) else ""
    if following.strip() and not _ITEM.match(following):
        return None
    # The table under an empty first line: Python-Markdown reads it inside
    # the item then, and not as a table holding the list.
    indent = " " * (len(item.group(1)) + 4)
    rows = _with_separator([item.group(2)])
    return [lines[at][: item.start(2)], *(indent + row for row in rows)]


def _is_row(line: str) -> bool:
    if not _TABLE_LINE.match(line):
        return False
    return bool(_PIPE.search(_CODE_SPAN.sub("", line)))


def _starts_table(line: str) -> bool:
    if line.lstrip(" ").startswith("|"):
        return len(line) - len(line.lstrip(" ")) <= 3
    return line[:1] not in ("", " ") and not _OTHER_BLOCK.match(line) and _is_row(line)


def _ends_block(lines: list[str], end: int) -> bool:
    return (
        end == len(lines)
        or not lines[end].strip()
        or STASH_ALONE.fullmatch(lines[end]) is not None
    )


def _cells(row: str) -> int:
    inner = row.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return len(_PIPE.split(inner))


def _with_separator(rows: list[str]) -> list[str]:
    """The rows with a separator in the first row's style (Python-Markdown
    counts cells by it), the first padded to the widest."""
    columns = max(_cells(row) for row in rows)
    first = rows[0].rstrip()
    leading = first.lstrip(" ").startswith("|")
    # Twice for a table of one row, where Python-Markdown adds an empty one.
    marker = HEADLESS * (2 if len(rows) == 1 else 1)
    first = first.replace("|", "|" + marker, 1) if leading else marker + first
    if not first.endswith("|") or first.endswith("\\|"):
        first += "|"
    first += "|" * (columns - _cells(rows[0]))
    separator = ("|" if leading else "") + "|".join(["---"] * columns) + "|"
    return [first, separator, *rows[1:]]


class BodyOnly(Treeprocessor):
    """The marked header row goes back among the body rows, as cells."""

    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            head = table.find("thead")
            if head is None or not len(head):
                continue
            row = head[0]
            first = row[0] if len(row) else None
            if first is None or not (first.text or "").startswith(HEADLESS):
                continue
            alone = first.text.startswith(HEADLESS * 2)
            first.text = first.text.lstrip(HEADLESS)
            for cell in row:
                cell.tag = "td"
            table.remove(head)
            body = table.find("tbody")
            if body is None:
                body = etree.SubElement(table, "tbody")
            elif alone and len(body) == 1:
                body.remove(body[0])
            body.insert(0, row)


def register(md) -> None:
    md.preprocessors.register(Headless(md), "kramdown_headless_tables", 24)
    md.treeprocessors.register(BodyOnly(md), "kramdown_headless_tables", 29.5)
