"""Emphasis as kramdown reads it, which is not as CommonMark (and so
Python-Markdown) does.

In kramdown a run of `*` or `_` opens when no space follows it (and, for `_`,
no letter comes right before it); the first run of the same marks that has
no space before it closes, unless it would leave the element empty, or a
`_` run is followed by a letter or digit, or a single mark meets a double
one. `**` that finds no closing `**` is read again as `*` holding a `*`, and
emphasis never holds emphasis of its own kind, so such a run is text. When
this runs, code, links, HTML and escapes are placeholders already: spans
that kramdown also reads whole while it looks for the closing run.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as etree

from markdown.inlinepatterns import InlineProcessor
from markdown.util import ETX, STX

PRIORITY = 60  # where Python-Markdown's own emphasis is
_RUN = re.compile(r"\*\*?|__?")
_NEXT = re.compile(f"[*_{STX}]")
_SPACE = " \t\r\n\f\v"  # Ruby's \s, which kramdown tests with


class KramdownEmphasis(InlineProcessor):
    def handleMatch(self, m, data):
        element, end = _Spans(data).emphasis(m.start(0), ())
        return element, m.start(0), end


class _Spans:
    def __init__(self, text: str):
        self.text = text

    def emphasis(self, at: int, open_tags: tuple[str, ...]):
        """The element a run at `at` starts and the index past it; None and
        the index past the run when the run is text."""
        run = _RUN.match(self.text, at).group(0)
        tag = "strong" if len(run) == 2 else "em"
        after = at + len(run)
        follows = self.text[after : after + 1]
        if (
            (run[0] == "_" and self._after_letter(at))
            or (follows and follows in _SPACE)
            or tag in open_tags
        ):
            return None, after
        found = self._until_closed(after, run, tag, open_tags)
        if found is None and tag == "strong" and open_tags[-1:] != ("em",):
            found = self._until_closed(at + 1, run[0], "em", open_tags)
        return found or (None, after)

    def _until_closed(self, at: int, run: str, tag: str, open_tags: tuple[str, ...]):
        element = etree.Element(tag)
        inside = (*open_tags, tag)
        text = self.text
        while True:
            found = _NEXT.search(text, at)
            stop = found.start() if found else len(text)
            _add(element, text[at:stop])
            if found is None:
                return None
            at = stop
            if text.startswith(run, at) and self._closes(element, at, run, tag):
                return element, at + len(run)
            if text[at] == STX:
                end = text.find(ETX, at) + 1 or len(text)
                _add(element, text[at:end])
                at = end
                continue
            child, end = self.emphasis(at, inside)
            if child is None:
                _add(element, text[at:end])
            else:
                element.append(child)
            at = end

    def _closes(self, element, at: int, run: str, tag: str) -> bool:
        text = self.text
        after = text[at + len(run) : at + len(run) + 1]
        empty = not element.text and not len(element)
        if empty or text[at - 1] in _SPACE:
            return False
        double = text.startswith(run * 2, at) and not text.startswith(run * 3, at)
        if tag == "em" and double:
            return False
        return not (run[0] == "_" and after and after.isalnum())

    def _after_letter(self, at: int) -> bool:
        before = self.text[max(0, at - 2) : at]
        if before[-1:].isalpha():
            return True
        return before[-1:] == "-" and before[:1].isalpha()


def _add(element, text: str) -> None:
    if not text:
        return
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text


def register(md) -> None:
    md.inlinePatterns.register(KramdownEmphasis(r"[*_]", md), "em_strong", PRIORITY)
