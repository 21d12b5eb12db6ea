"""Code spans as kramdown reads them.

Python-Markdown strips all the space around a code span's text; kramdown
keeps a single-backtick span's text as it is, takes one space off each end
of a longer one, and reads a lone backtick between spaces as text.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as etree

from markdown.util import AtomicString, code_escape

from .speed import QuickBacktick

_TICKS = re.compile("`+")


class KramdownCodeSpans:
    """kramdown's rules, over any of Python-Markdown's backtick processors."""

    def handleMatch(self, m: re.Match, data: str):
        if m.group(1):  # backslashes before backticks
            return super().handleMatch(m, data)
        begin = m.start(0)
        ticks = len(_TICKS.match(data, begin)[0])
        before = data[begin - 1] if begin else " "
        after = data[begin + 1 : begin + 2]
        if ticks == 1 and before.isspace() and after.isspace():
            return "`", begin, begin + 1
        start, end = self.find_code_spans(begin, data)
        if end is None:
            return None, begin, start
        text = data[start:end]
        if start - begin > 1:
            text = text.removeprefix(" ").removesuffix(" ")
        code = etree.Element("code")
        code.text = AtomicString(code_escape(text))
        return code, begin, end + (start - begin)


class KramdownBacktick(KramdownCodeSpans, QuickBacktick):
    """kramdown's code spans, found as quickly as markdown_speed finds them."""


def register(md) -> None:
    pattern = md.inlinePatterns["backtick"].pattern
    md.inlinePatterns.register(KramdownBacktick(pattern), "backtick", 190)
