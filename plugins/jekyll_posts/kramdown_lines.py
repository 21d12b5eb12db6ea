"""Rewrites Markdown lines where kramdown's GFM parser (Jekyll's) reads
blocks differently from Python-Markdown.

- A list item's content starts at the column after its marker ("- " is 2,
  "1. " is 3), so kramdown nests a list indented by two spaces; Python-Markdown
  wants four for each level. Lines inside list items are re-indented by level.
- A list or a fence may start right after a paragraph line (GFM); Python-Markdown
  needs a blank line there, so one is added.
- A bullet list and a numbered one after it are two lists (Python-Markdown
  would make the second part of the first); an empty comment keeps them apart.
- A fence inside a list item becomes an indented code block, which
  Python-Markdown reads in list items (its fences only work at the margin).
- `#word` is text, not a header, without a space after the `#`s.
- `* TOC` followed by `{:toc}` becomes a marker for kramdown's table of contents.

Lines in code blocks and raw HTML blocks are left exactly as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .markers import toc_marker

_ITEM = re.compile(r"( *)([-+*]|\d{1,9}[.)])( +|$)")
_HR = re.compile(r" {0,3}([-*_])(?: *\1){2,} *$")
_FENCE = re.compile(r" *(`{3,}|~{3,})")
_HASH = re.compile(r"^( *)(?=#{1,6}[^#\s])")
_HTML = re.compile(
    r" {0,3}<(?:!--|/?(?:address|article|aside|blockquote|details|div|dl|fieldset|"
    r"figure|footer|form|h[1-6]|header|hr|iframe|nav|ol|p|pre|section|script|style|"
    r"table|textarea|ul|video|figcaption|main|summary|center|canvas|audio|noscript)\b)",
    re.I,
)
_RAW_END = {"<pre": "</pre>", "<scr": "</script>", "<sty": "</style>", "<!--": "-->"}
_TOC_IAL = re.compile(r"\{:toc\}[ \t]*")


@dataclass(frozen=True)
class _Item:
    source: int  # the column its content starts at, as written
    output: int  # the indentation Python-Markdown wants for that content


class _Rewriter:
    def __init__(self, lines: list[str]):
        self.lines = lines
        self.out: list[str] = []
        self.items: list[_Item] = []
        self.fence: tuple[str, _Item | None] | None = None  # its marker, its item
        self.html_end: str | None = None  # "" ends at a blank line
        self.code = False
        # "blank", "text" (a paragraph line at the margin), "item" (a line in a
        # list item) or "other"
        self.previous = "blank"
        self.last_list: str | None = None  # "ul" or "ol": the list at the margin

    def run(self) -> list[str]:
        at = 0
        while at < len(self.lines):
            line = self.lines[at]
            toc = not self.items and at + 1 < len(self.lines)
            if toc and _ITEM.match(line) and _TOC_IAL.fullmatch(self.lines[at + 1]):
                kind = "ol" if line.lstrip()[0].isdigit() else "ul"
                self.out += ["", toc_marker(kind), ""]
                self.previous = "blank"
                at += 2
                continue
            self._line(line)
            at += 1
        return self.out

    def _line(self, line: str) -> None:
        if self.fence is not None:
            return self._in_fence(line)
        if not line.strip():
            self.out.append(line)
            self.previous = "blank"
            if self.html_end == "":
                self.html_end = None
            return
        if self.html_end is not None:
            self.out.append(line)
            if self.html_end and self.html_end in line.lower():
                self.html_end = None
            return
        indent = len(line) - len(line.lstrip(" "))
        if self.code and indent >= 4:
            self.out.append(line)
            return
        self.code = False
        item = _ITEM.match(line) if not _HR.match(line) else None
        while self.items and indent < self.items[-1].source:
            if self.previous == "item" and not item and not _FENCE.match(line):
                break  # a lazy continuation of the paragraph above
            self.items.pop()
        if self.items:
            self._in_item(line, indent, item)
        else:
            self._at_margin(line, indent, item)

    def _at_margin(self, line: str, indent: int, item) -> None:
        kind = None if item is None else "ol" if item.group(2)[0].isdigit() else "ul"
        ended, self.last_list = self.last_list, kind
        if indent >= 4 and self.previous in ("blank", "other"):
            self.code = True
            self.out.append(line)
            return
        if _HTML.match(line):
            start = line.lstrip()[:4].lower()
            self.html_end = _RAW_END.get(start, "")
            if self.html_end and self.html_end in line.lower()[4:]:
                self.html_end = None
            self.out.append(line)
            self.previous = "other"
            return
        if self.previous == "text" and _HR.match(line) and "-" not in line:
            line = "\\" + line.lstrip()  # kramdown: no rule right after a paragraph
        fence = _FENCE.match(line)
        if (fence or item) and self.previous == "text":
            self.out.append("")
        if fence:
            self.fence = (fence.group(1), None)
            self.out.append(line)
            return
        if item:
            if ended not in (None, kind):
                self.out += ["", "<!-- -->", ""]
            self.items.append(_Item(_content(item), 4))
        self.out.append(_HASH.sub(r"\1\\", line, count=1))
        self.previous = "item" if item else "text"

    def _in_item(self, line: str, indent: int, item) -> None:
        parent = self.items[-1]
        text = line.lstrip(" ")
        if indent >= parent.source:
            text = " " * (parent.output + indent - parent.source) + text
        else:
            text = line  # lazy
        code = indent >= parent.source + 4 and self.previous == "blank"
        fence = _FENCE.match(line)
        if fence and not code:
            self.fence = (fence.group(1), parent)
            self.out.append("")
            self.previous = "blank"
            return
        if item and not code:
            self.items.append(_Item(_content(item), parent.output + 4))
        self.out.append(text if code else _HASH.sub(r"\1\\", text, count=1))
        self.previous = "other" if code else "item"

    def _in_fence(self, line: str) -> None:
        marker, item = self.fence
        stripped = line.strip()
        closing = stripped.startswith(marker) and not stripped.strip(marker[0])
        if item is None:
            self.out.append(line)
        elif not closing:
            indent = len(line) - len(line.lstrip(" "))
            kept = line[min(indent, item.source) :]
            self.out.append(" " * (item.output + 4) + kept)
        else:
            self.out.append("")
        if closing:
            self.fence = None
            self.previous = "other" if item is None else "blank"


def _content(item: re.Match) -> int:
    """The column a list item's text starts at (one past the marker if it is empty)."""
    return item.end() if item.group(3) else item.end() + 1


def rewrite(lines: list[str]) -> list[str]:
    return _Rewriter(lines).run()
