"""kramdown's attribute lists put on the elements they belong to.

A block list (a marker, after the line rewrite) goes to the block right above it
when nothing separates them, else to the next block; one inside a paragraph's
lines ends up at its start or end and goes to that paragraph, and one at the
end of a list item that has no paragraph is dropped (kramdown gives it to a
paragraph it never writes). A span list (`*word*{: .x}`) goes to the span
right before it, with no space between; after text it stays text, as in
kramdown. Python-Markdown's attr_list, which reads `{.x}` and `{: name}` its own
way, is replaced by these.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as etree

from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER

from ..markers import ATTRIBUTES, MATH, STASH_ALONE
from .attributes import SPAN, apply, apply_to_html, merge, parse

_MARKER = re.compile(f"{ATTRIBUTES}(\\d+)\ue001")
_EDGES = re.compile(
    f"((?:{ATTRIBUTES}\\d+\ue001\\s*)*)(.*?)((?:\\s*{ATTRIBUTES}\\d+\ue001)*)\\s*",
    re.S,
)
_STASHED = re.compile(HTML_PLACEHOLDER % r"(\d+)")
_AFTER_MATH = re.compile(f"({MATH}(\\d+)\ue001)" + SPAN.pattern)
_TRANSPARENT = {"li", "dd", "dt"}  # their text has no paragraph of its own
_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)[^<>]*>")
_MARKDOWN_ATTRIBUTE = re.compile(
    r"""^(<[A-Za-z][^<>]*?)\s+markdown=(?:"[^"]*"|'[^']*'|[^\s>]+)(?=[^<>]*>$)"""
)


class BlockAttributes(Treeprocessor):
    """Before inline Markdown, so a header's id is known before ids are made."""

    def run(self, root: etree.Element) -> None:
        document = self.md.kramdown
        if not document.lists:
            return
        self.lists = document.lists
        self.definitions = document.definitions
        for parent in list(root.iter()):
            if len(parent):
                self._children(parent)
        for element in root.iter():  # any left where no block takes them
            for name in ("text", "tail"):
                value = getattr(element, name)
                if value and ATTRIBUTES in value:
                    setattr(element, name, _MARKER.sub("", value).strip("\n") or None)

    def _children(self, parent: etree.Element) -> None:
        pending: dict[str, str] = {}
        previous = None
        for child in list(parent):
            text = child.text or ""
            if ATTRIBUTES not in text:
                if pending and not STASH_ALONE.fullmatch(text):
                    self._apply(child, pending)
                pending = {}  # kramdown gives none to Jekyll's highlighted block
                previous = child
                continue
            leading, middle, trailing = _EDGES.fullmatch(text).groups()
            alone = not middle.strip() and not len(child)
            for number in _numbers(leading + (trailing if alone else "")):
                values, to_next = self._values(number)
                if to_next:
                    merge(pending, values)
                elif previous is not None:
                    self._apply(previous, values)
            if alone:
                parent.remove(child)
                continue
            child.text = middle
            if pending:
                self._apply(child, pending)
                pending = {}
            for number in _numbers(trailing):
                values, to_next = self._values(number)
                if to_next:
                    merge(pending, values)
                elif child.tag not in _TRANSPARENT:
                    self._apply(child, values)
            previous = child

    def _values(self, number: int) -> tuple[dict[str, str], bool]:
        parsed, to_next = self.lists[number]
        return self.definitions.resolve(parsed), to_next

    def _apply(self, element: etree.Element, values: dict[str, str]) -> None:
        """On the element, or on the raw HTML a placeholder paragraph stands for."""
        stashed = _STASHED.fullmatch((element.text or "").strip())
        if element.tag == "p" and stashed and not len(element):
            blocks = self.md.htmlStash.rawHtmlBlocks
            number = int(stashed.group(1))
            if isinstance(blocks[number], str):
                blocks[number] = apply_to_html(blocks[number], values)
            else:  # an element kept for later (md_in_html)
                apply(blocks[number], values)
        else:
            apply(element, values)


def _in_order(element: etree.Element):
    """(element, "text" or "tail") for each text of the tree, in reading order."""
    yield element, "text"
    for child in element:
        yield from _in_order(child)
        yield child, "tail"


def _numbers(markers: str) -> list[int]:
    return [int(n) for n in _MARKER.findall(markers)]


class SpanAttributes(Treeprocessor):
    """After inline Markdown: a list right after an element, a formula or an
    HTML tag's end; and, as in kramdown, no `markdown` attribute left on a tag."""

    def run(self, root: etree.Element) -> None:
        document = self.md.kramdown
        stash = self.md.htmlStash.rawHtmlBlocks
        for number, block in enumerate(stash):
            if isinstance(block, str) and " markdown=" in block:
                stash[number] = _MARKDOWN_ATTRIBUTE.sub(r"\1", block)
        if not document.braces:
            return
        if stash:
            self._after_tags(root)
        resolve = document.definitions.resolve
        for element in root.iter():
            tail = element.tail
            if (
                tail
                and tail.startswith("{:")
                and not self.md.is_block_level(element.tag)
            ):
                found = SPAN.match(tail)
                if found:
                    apply(element, resolve(parse(found.group(1))))
                    element.tail = tail[found.end() :]
            for name in ("text", "tail"):
                value = getattr(element, name)
                if value and MATH in value and "{:" in value:
                    setattr(element, name, _AFTER_MATH.sub(self._math, value))

    def _after_tags(self, root: etree.Element) -> None:
        """A list right after an HTML tag's end goes to its start tag."""
        stash = self.md.htmlStash.rawHtmlBlocks
        opened: list[tuple[str, int]] = []
        for element, name in _in_order(root):
            value = getattr(element, name)
            if not value or "\x02" not in value:
                continue
            position = 0
            while found := _STASHED.search(value, position):
                position = found.end()
                stashed = stash[int(found[1])]
                tag = _TAG.fullmatch(stashed) if isinstance(stashed, str) else None
                if tag is None:
                    continue
                name_of = tag[2].lower()
                if not tag[1]:
                    opened.append((name_of, int(found[1])))
                    continue
                starts = [at for at, (t, _) in enumerate(opened) if t == name_of]
                if not starts:
                    continue
                _, start = opened.pop(starts[-1])
                span = SPAN.match(value, found.end())
                if span:
                    values = self.md.kramdown.definitions.resolve(parse(span[1]))
                    stash[start] = apply_to_html(stash[start], values)
                    value = value[: span.start()] + value[span.end() :]
                    setattr(element, name, value)

    def _math(self, found: re.Match) -> str:
        document = self.md.kramdown
        formula = document.formulas[int(found.group(2))]
        formula.attributes = document.definitions.resolve(parse(found.group(3)))
        return found.group(1)
