"""Tables without a separator line, as kramdown reads them.

kramdown makes a table of lines that start with `|` even when no `|---|`
line follows the first: every row is then a body row. Python-Markdown's
tables need that line, so one is added after the first row, which is marked;
once the tree is made, the marked header row becomes the first body row.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as etree

from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

_ROW = re.compile(r" {0,3}\|")
_SEPARATOR = re.compile(
    r" {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$"
)
_PIPE = re.compile(r"(?<!\\)\|")
HEADLESS = "\ue009"  # before the first cell of a table that had no separator


class Headless(Preprocessor):
    """After fenced code is set aside: runs of `|` lines with no separator."""

    def run(self, lines: list[str]) -> list[str]:
        if not any(_ROW.match(line) for line in lines):
            return lines
        out: list[str] = []
        at = 0
        while at < len(lines):
            end = at
            if not out or not out[-1].strip():
                while end < len(lines) and _ROW.match(lines[end]):
                    end += 1
            rows = lines[at:end]
            if len(rows) >= 1 and not any(_SEPARATOR.match(r) for r in rows):
                out += _with_separator(rows)
                at = end
            else:
                out.append(lines[at])
                at += 1
        return out


def _cells(row: str) -> int:
    inner = row.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return len(_PIPE.split(inner))


def _with_separator(rows: list[str]) -> list[str]:
    columns = max(_cells(row) for row in rows)
    first = rows[0].replace("|", "|" + HEADLESS, 1)
    first += "|" * (columns - _cells(rows[0])) if first.rstrip().endswith("|") else ""
    return [first, "|" + "---|" * columns, *rows[1:]]


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
            first.text = first.text[len(HEADLESS) :]
            for cell in row:
                cell.tag = "td"
            table.remove(head)
            body = table.find("tbody")
            if body is None:
                body = etree.SubElement(table, "tbody")
            body.insert(0, row)


def register(md) -> None:
    md.preprocessors.register(Headless(md), "kramdown_headless_tables", 24)
    md.treeprocessors.register(BodyOnly(md), "kramdown_headless_tables", 29.5)
