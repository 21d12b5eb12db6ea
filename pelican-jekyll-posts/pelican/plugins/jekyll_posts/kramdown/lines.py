"""Rewrites Markdown lines where kramdown's GFM parser (Jekyll's) reads
blocks differently from Python-Markdown.

- A list item's content starts at the column after its marker ("- " is 2,
  "1. " is 3), so kramdown nests a list indented by two spaces; Python-Markdown
  wants four for each level. Lines inside list items are re-indented by level.
- A list, a fence or an HTML block may start right after a paragraph line
  (GFM); Python-Markdown needs a blank line there, so one is added. A line
  whose tag breaks kramdown's grammar of tags is text, not an HTML block.
- A bullet list and a numbered one after it are two lists (Python-Markdown
  would make the second part of the first); an empty comment keeps them apart.
- Quotes: see `kramdown_quotes`. A definition (`: text`) is read as a list
  item is: its lines, lazy ones too, re-indented.
- A fence inside a list item becomes an indented code block, which
  Python-Markdown reads in list items (its fences only work at the margin).
  A fence has one word at most after its marker and a closing fence further
  on (kramdown's GFM rule; else its lines are text), and its language is
  given as Python-Markdown takes one.
- A highlighted block (`{% highlight %}`, a marker by now) is a block of its
  own, as Jekyll writes it, with a blank line before and after.
- `#word` is text, not a header, without a space after the `#`s; an
  abbreviation's definition (`*[HTML]: ...`) may be indented.
- kramdown's own block lines (attribute lists, their definitions, extensions,
  `* TOC` + `{:toc}`) become markers (`kramdown_blocks`), its `$$` formulas
  tokens (`kramdown_math`).

Lines in code blocks and raw HTML blocks are left exactly as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..markers import STASH_ALONE
from . import blockquotes, blocks
from .attributes import LINE
from .blocks import Document
from .formulas import Scanner
from .span_html import TAG

_ITEM = re.compile(r"( *)([-+*]|\d{1,9}[.)])( +|$)")
_DEFINITION = re.compile(r"( {0,3})(:)( +)(?=\S)")
_ABBREVIATION = re.compile(r" {1,3}\*\[")
_HR = re.compile(r" {0,3}([-*_])(?: *\1){2,} *$")
_FENCE = re.compile(r" *(`{3,}|~{3,})")
# kramdown's GFM fence: one word at most after the marker (`?...` dropped)
_OPENING = re.compile(r" *(`{3,}|~{3,})[ \t]*(?:([^\s?]*)\S*)[ \t]*")
_HASH = re.compile(r"^( *)(?=#{1,6}[^#\s])")
_HTML = re.compile(
    r" {0,3}<(?:!--|/?(?:address|article|aside|blockquote|details|div|dl|fieldset|"
    r"figure|footer|form|h[1-6]|header|hr|iframe|nav|ol|p|pre|section|script|style|"
    r"table|textarea|ul|video|figcaption|main|summary|center|canvas|audio|noscript)\b)",
    re.I,
)
_RAW_END = {"<pre": "</pre>", "<scr": "</script>", "<sty": "</style>", "<!--": "-->"}


@dataclass(frozen=True)
class _Item:
    source: int  # the column its content starts at, as written
    output: int  # the indentation Python-Markdown wants for that content
    definition: bool = False  # a definition list's `: text`


class _Rewriter:
    def __init__(self, lines: list[str], document: Document):
        self.lines = lines
        self.document = document
        self.math = Scanner(document.formulas)
        self.at = 0  # the line being read
        self.next = 1  # the line to read after it
        self.out: list[str] = []
        self.items: list[_Item] = []
        self.fence: tuple[str, _Item | None] | None = None  # its marker, its item
        self.html_end: str | None = None  # "" ends at a blank line
        self.code = False
        # "blank", "text" (a paragraph line at the margin), "item" (a line in a
        # list item) or "other"
        self.previous = "blank"
        self.last_list: str | None = None  # "ul" or "ol": the list at the margin
        self.loose = False  # a blank line since the list at the margin started

    def run(self) -> list[str]:
        while self.at < len(self.lines):
            self.next = self.at + 1
            toc = None
            free = not self.items and self.fence is None and self.html_end is None
            if free and self.document.braces:
                toc = blocks.toc(self.document, self.lines, self.at)
            if toc:
                self._taken(toc, "")
            else:
                self._line(self.lines[self.at])
            self.at = self.next
        return self.out

    def _line(self, line: str) -> None:
        if self.fence is not None:
            return self._in_fence(line)
        if not line.strip():
            self.out.append(line)
            self.loose = self.loose or bool(self.items)
            self.previous = "blank"
            if self.html_end == "":
                self.html_end = None
            return
        if self.html_end == "" and LINE.fullmatch(line):
            self.html_end = None  # kramdown: an attribute list for the HTML block
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
        if self._kramdown_block(line, indent):
            return
        item = None if _HR.match(line) else _ITEM.match(line) or _DEFINITION.match(line)
        while self.items and indent < self.items[-1].source:
            if self.previous == "item" and not item and not _FENCE.match(line):
                break  # a lazy continuation of the paragraph above
            self.items.pop()
        if self.items:
            self._in_item(line, indent, item)
        else:
            self._at_margin(line, indent, item)

    def _kramdown_block(self, line: str, indent: int) -> bool:
        """A kramdown block line: its markers in its place."""
        if not self.document.braces or "{:" not in line:
            return False
        level = len(self.items)  # the items the line is in
        while level and indent < self.items[level - 1].source:
            level -= 1
        relative = indent - self.items[level - 1].source if level else indent
        if relative > 3:
            return False
        taken = blocks.take(self.document, self.lines, self.at)
        if taken is None:
            return False
        del self.items[level:]
        if level:
            prefix = " " * (self.items[-1].output + relative)
        else:
            prefix = blockquotes.depth(line)[0]
        self._taken(taken, prefix)
        return True

    def _taken(self, taken: blocks.Taken, prefix: str) -> None:
        self.next = taken.end
        above = self.out[-1] if self.out else ""
        self.out += blocks.placed(taken.markers, prefix, above)
        if not prefix:
            self.previous, self.last_list = "blank", None

    def _with_math(self, text: str, item: bool) -> str:
        """`text` with its formulas as tokens; lines a formula takes are skipped."""
        if not self.document.dollars or "$$" not in text:
            return text
        start = item or self.previous == "blank"
        start = start or blockquotes.starts_block(self.lines, self.at)
        column = self.items[-1].source if self.items else 0
        text, self.next = self.math.take(self.lines, self.at, text, start, column)
        return text

    def _at_margin(self, line: str, indent: int, item) -> None:
        kind = None if item is None else _kind(item)
        ended, self.last_list = self.last_list, kind
        if indent >= 4 and self.previous in ("blank", "other"):
            self.code = True
            self.out.append(line)
            return
        if _HTML.match(line) and _malformed(self.lines, self.at):
            line = "\\" + line.lstrip(" ")  # its `<` is text, as in kramdown
        elif _HTML.match(line):
            if self.previous == "text":
                self.out.append("")  # kramdown: a block tag ends the paragraph
            start = line.lstrip()[:4].lower()
            self.html_end = _RAW_END.get(start, "")
            if self.html_end and self.html_end in line.lower()[4:]:
                self.html_end = None
            self.out.append(line)
            self.previous = "other"
            return
        if _ABBREVIATION.match(line):
            line = line.lstrip()  # kramdown reads it indented too
        if STASH_ALONE.fullmatch(line):  # Jekyll writes it with a blank line around
            self.out += (
                ["", line, ""] if self.out and self.out[-1].strip() else [line, ""]
            )
            self.previous = "blank"
            return
        if line.lstrip().startswith(">"):
            if self.previous == "blank":
                self.out += blockquotes.separate(self.out)
            if blockquotes.list_after_text(self.lines, self.at):
                self.out.append(blockquotes.depth(line)[0].rstrip())
            if quoted := blockquotes.fence(self.lines, self.at):
                self.out, self.next = self.out + quoted[0], quoted[1]
                self.previous = "text"
                return
        if self.previous == "text" and _HR.match(line) and "-" not in line:
            line = "\\" + line.lstrip()  # kramdown: no rule right after a paragraph
        fence = _OPENING.fullmatch(line) if self._closed_later(line) else None
        indent = len(line) - len(line.lstrip(" "))
        if fence and indent > 3:
            fence = None  # code indented by four spaces, or a paragraph's line
        if (fence or (item and kind != "dl")) and self.previous == "text":
            self.out.append("")
        if fence:
            # GFM: a fence may be indented by up to three spaces; Python-Markdown
            # wants its fences at the margin.
            self.fence = (fence.group(1), None)
            # the language as Python-Markdown's fences take it (`:text`)
            self.out.append(fence.group(1) + re.sub(r"[^\w#.+-]", "", fence.group(2)))
            return
        if item:
            if {ended, kind} == {"ul", "ol"}:
                self.out += ["", "<!-- -->", ""]
            self._next_item()
            self.items.append(_Item(_content(item), 4, kind == "dl"))
        else:
            self.loose = False
        text = self._with_math(_HASH.sub(r"\1\\", line, count=1), bool(item))
        self.out.append(text)
        self.previous = "item" if item else "text"

    def _in_item(self, line: str, indent: int, item) -> None:
        parent = self.items[-1]
        text = line.lstrip(" ")
        if indent >= parent.source:
            text = " " * (parent.output + indent - parent.source) + text
        elif parent.definition:
            text = " " * parent.output + text  # lazy, where Python-Markdown wants it
        else:
            text = line  # lazy
        code = indent >= parent.source + 4 and self.previous == "blank"
        closed = self._closed_later(line, parent.source)
        fence = _OPENING.fullmatch(line) if closed else None
        if fence and not code:
            self.fence = (fence.group(1), parent)
            self.out.append("")
            self.previous = "blank"
            return
        if item and not code:
            self._next_item()
            self.items.append(
                _Item(_content(item), parent.output + 4, _kind(item) == "dl")
            )
        if not code:
            text = self._with_math(_HASH.sub(r"\1\\", text, count=1), bool(item))
        self.out.append(text)
        self.previous = "other" if code else "item"

    def _closed_later(self, line: str, column: int = 0) -> bool:
        """Whether a fence that `line` would open is closed further on, before
        a line left of `column` ends the item it is in: kramdown reads no fence
        without its closing one (the lines are text then)."""
        opening = _FENCE.match(line)
        if opening is None:
            return False
        marker = opening.group(1)
        for later in self.lines[self.at + 1 :]:
            stripped = later.strip()
            if stripped and len(later) - len(later.lstrip(" ")) < column:
                return False
            if stripped.startswith(marker) and not stripped.strip(marker[0]):
                return True
        return False

    def _next_item(self) -> None:
        """In a list with a blank line in it, an item after a paragraph line:
        Python-Markdown, unlike kramdown, reads it as that paragraph's unless a
        blank line comes between (which changes nothing else there)."""
        if self.loose and self.previous == "item" and self.out[-1].strip():
            self.out.append("")

    def _in_fence(self, line: str) -> None:
        marker, item = self.fence
        stripped = line.strip()
        closing = stripped.startswith(marker) and not stripped.strip(marker[0])
        if item is None:  # kramdown keeps the code's own indent
            # a longer closing fence is the opening one to Python-Markdown
            self.out.append(marker if closing else line)
        elif not closing:
            indent = len(line) - len(line.lstrip(" "))
            kept = line[min(indent, item.source) :]
            self.out.append(" " * (item.output + 4) + kept)
        else:
            self.out.append("")
        if closing:
            self.fence = None
            self.previous = "other" if item is None else "blank"


def _malformed(lines: list[str], at: int) -> bool:
    """Whether the tag opening an HTML block line breaks kramdown's grammar
    (`<iframe src="x"width="1">`): kramdown reads the line as text then."""
    line = lines[at].lstrip(" ")
    if line.startswith(("<!--", "</")):
        return False
    return TAG.match("\n".join([line, *lines[at + 1 : at + 8]])) is None


def _kind(item: re.Match) -> str:
    marker = item.group(2)
    return "dl" if marker == ":" else "ol" if marker[0].isdigit() else "ul"


def _content(item: re.Match) -> int:
    """The column a list item's text starts at (one past the marker if it is empty)."""
    return item.end() if item.group(3) else item.end() + 1


def rewrite(lines: list[str], document: Document | None = None) -> list[str]:
    return _Rewriter(lines, document or Document()).run()
