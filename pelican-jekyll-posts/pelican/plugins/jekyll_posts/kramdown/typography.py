"""Typographic quotes, dashes, ellipses and `<<`/`>>`, as kramdown writes them.

Quotes follow kramdown's own rules (`smart_quotes`); dashes, dots and
angled quotes are kramdown's symbols, found left to right. Python-Markdown's
smarty runs such rules through a second full inline pass, which made reading
a post half as slow again; here each text of the tree is rewritten directly,
with the characters themselves rather than entities.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as etree

from markdown.extensions import smarty
from markdown.inlinepatterns import HtmlInlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from . import smart_quotes

# kramdown's typographic symbols, found left to right, the longest first.
_SYMBOLS = re.compile(r"---|--|\.\.\.|<< | >>|<<|>>")
_SYMBOL = {
    "---": "\u2014",
    "--": "\u2013",
    "...": "\u2026",
    "<< ": "\u00ab\u00a0",
    " >>": "\u00a0\u00bb",
    "<<": "\u00ab",
    ">>": "\u00bb",
}


def educate(text: str, after: str = "") -> str:
    symbols = "--" in text or "..." in text or "<<" in text or ">>" in text
    taken = frozenset(m.end() for m in _SYMBOLS.finditer(text)) if symbols else None
    text = smart_quotes.educate(text, after, taken or frozenset())
    if symbols:
        text = _SYMBOLS.sub(lambda m: _SYMBOL[m[0]], text)
    return text


class Typography(Treeprocessor):
    """Every text and tail of the tree but code (which is an AtomicString)."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element is not root and (
                element.text and not isinstance(element.text, AtomicString)
            ):
                following = element[0] if len(element) else None
                element.text = educate(element.text, _opening(following))
            children = list(element)
            for at, child in enumerate(children):
                if child.tail and not isinstance(child.tail, AtomicString):
                    following = children[at + 1] if at + 1 < len(children) else None
                    child.tail = educate(child.tail, _opening(following))


# What an inline element starts with in Markdown, which kramdown's quote
# rules look at (a quote before `*emphasis*` opens).
_MARKS = {"em": "*", "strong": "*", "code": "`", "a": "[", "img": "!", "br": " "}


def _opening(element: etree.Element | None) -> str:
    """The element's first characters as Markdown had them: its mark, if it
    has one, and the first of its text."""
    if element is None:
        return ""
    return _MARKS.get(element.tag, "") + (element.text or "x")[:1]


def register(md) -> None:
    md.treeprocessors.register(Typography(md), "kramdown_typography", 6)
    # `<<` must not start an HTML tag, and `\"` and `\'` keep straight quotes.
    md.inlinePatterns.register(
        HtmlInlineProcessor(smarty.HTML_STRICT_RE, md), "html", 90
    )
    md.ESCAPED_CHARS.extend(c for c in "\"'" if c not in md.ESCAPED_CHARS)
