"""HTML inside running text, read as kramdown reads it.

kramdown takes a tag in a paragraph only when it is well formed by its own
grammar; anything else that Python-Markdown would call a tag (`<seq[char]>`,
`<a href=https://x>`, attributes with no space between them) is text. Of the
well-formed tags, only elements kramdown knows to hold Markdown have their
content read as Markdown; every other element (`<code>`, `<kbd>`, `<mark>`,
`<u>`, unknown names) keeps its content exactly as written, to the end of
the text when it is not closed. A block element's
tag (`<div>`, `<iframe>`, `</dl>`) inside a line is printed as text, and so
is a closing tag that closes nothing.
"""

from __future__ import annotations

import html
import re

from markdown.inlinepatterns import (
    AUTOLINK_RE,
    AUTOMAIL_RE,
    HTML_RE,
    InlineProcessor,
)

from .speed import closing_run

# Before code spans: whichever starts first wins, as kramdown reads from
# left to right, so a tag inside a code span is left to it (`_code_spans`).
PRIORITY = 191

_NAME = r"(?:[^\W\d][-\w.]*:)?[^\W\d][-\w.]*"
TAG = re.compile(  # kramdown's grammar of a tag
    rf"<({_NAME})\s*((?>\s+{_NAME}(?:\s*=\s*(?:\w+|([\"']).*?\3))?)*)\s*(/)?>", re.S
)
_CLOSE = re.compile(rf"</({_NAME})\s*>")
_TICKS = re.compile("`+")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_OTHERS = [re.compile(p) for p in (AUTOLINK_RE, AUTOMAIL_RE)]
_PYTHON_MARKDOWN_TAG = re.compile(HTML_RE)


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


# kramdown's lists: the elements whose content holds Markdown, those that are
# blocks, and those that never have content.
_MARKDOWN_INSIDE = _names(
    "a abbr acronym address applet article aside b bdo big blockquote body button "
    "caption cite dd del details dfn div dl dt em fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hgroup i iframe ins label legend li main map menu "
    "nav noscript object optgroup p q rb rbc rp rt rtc ruby section select small "
    "span strong sub summary sup td th tt"
)
_BLOCKS = _names(
    "address article aside applet body blockquote caption col colgroup dd div dl dt "
    "fieldset figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head "
    "iframe legend menu li main map nav ol optgroup p pre section summary table "
    "tbody td th thead tfoot tr ul"
)
_EMPTY = _names(
    "area base br col command embed hr img input keygen link meta param source "
    "track wbr"
)
_KNOWN = (
    _MARKDOWN_INSIDE
    | _BLOCKS
    | _EMPTY
    | _names("code kbd mark option samp var math pre script style textarea")
)


class SpanHtml(InlineProcessor):
    def __init__(self, pattern: str, md):
        super().__init__(pattern, md)
        self._spans: tuple[str, list[tuple[int, int]]] | None = None

    def handleMatch(self, m, data):
        at = m.start(0)
        guillemets = data[at - 1 : at] == "<"  # `<<` is typography to kramdown
        if guillemets or _escaped(data, at) or any(p.match(data, at) for p in _OTHERS):
            return None, None, None
        if "`" in data and any(s < at < e for s, e in self._code_spans(data)):
            return None, None, None
        if comment := _COMMENT.match(data, at):
            return self._kept(comment.group(0)), at, comment.end(0)
        if close := _CLOSE.match(data, at):
            name = close.group(1).lower()
            opening = re.compile(rf"<{re.escape(name)}\b", re.I)
            opened = any(
                not _escaped(data, o.start()) for o in opening.finditer(data, 0, at)
            )
            if (name in _BLOCKS and not _line_start(data, at)) or not opened:
                return self._text(close.group(0)), at, close.end(0)
            return None, None, None
        if tag := TAG.match(data, at):
            return self._element(tag, data)
        if _PYTHON_MARKDOWN_TAG.match(data, at):
            return self._text("<"), at, at + 1
        return None, None, None

    def _element(self, tag, data):
        at, name = tag.start(0), tag.group(1)
        if name.lower() in _KNOWN:
            name = name.lower()
        if name in _BLOCKS:
            if _line_start(data, at):
                return None, None, None
            return self._text(tag.group(0)), at, tag.end(0)
        if name in _MARKDOWN_INSIDE:
            return None, None, None
        if tag.group(4) or name in _EMPTY:
            return self._kept(tag.group(0)), at, tag.end(0)
        flags = re.I if name in _KNOWN else 0
        end = re.compile(rf"</{re.escape(name)}\s*>", flags).search(data, tag.end(0))
        if end is None:  # kramdown closes it at the end of the text
            return self._kept(f"{data[at:]}</{name}>"), at, len(data)
        return self._kept(data[at : end.end(0)]), at, end.end(0)

    def _code_spans(self, data: str) -> list[tuple[int, int]]:
        """The text's code spans, found once for all its `<`."""
        if self._spans is None or self._spans[0] is not data:
            self._spans = (data, _code_spans(data))
        return self._spans[1]

    def _kept(self, markup: str) -> str:
        return self.md.htmlStash.store(markup)

    def _text(self, text: str) -> str:
        return self.md.htmlStash.store(html.escape(text, quote=False))


def _line_start(data: str, at: int) -> bool:
    """Whether a tag starts its line, where a block tag ends kramdown's
    paragraph and opens an HTML block (Python-Markdown keeps it inline)."""
    line = data.rfind("\n", 0, at) + 1
    return len(data[line:at]) <= 3 and not data[line:at].strip(" ")


def _code_spans(data: str) -> list[tuple[int, int]]:
    """Where each code span of the text starts and ends, read left to right."""
    spans = []
    position = 0
    while ticks := _TICKS.search(data, position):
        begin = ticks.start()
        lone = len(ticks.group()) == 1 and data[begin - 1 : begin].isspace()
        if _escaped(data, begin) or (lone and data[begin + 1 : begin + 2].isspace()):
            position = begin + 1
            continue
        start, end = closing_run(data, begin)
        if end is None:
            position = ticks.end()
            continue
        position = end + (start - begin)
        spans.append((begin, position))
    return spans


def _escaped(data: str, at: int) -> bool:
    before = at
    while before and data[before - 1] == "\\":
        before -= 1
    return (at - before) % 2 == 1


def register(md) -> None:
    md.inlinePatterns.register(SpanHtml("<", md), "kramdown_span_html", PRIORITY)
