"""The links and ids of an HTML page, found by scanning its bytes.

A DOM per page (BeautifulSoup) takes about a minute on a 5,000-post site;
this takes about a second. Each attribute name is searched for as a literal
in the lowercased bytes (ASCII case folding keeps every offset), and a hit
counts only where a parser would see that attribute: inside a start tag,
preceded by a space or a quote, outside a double-quoted value, and not in a
comment or the body of a <script> or <style>.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from typing import NamedTuple

_HIDDEN = re.compile(
    rb"<!--.*?-->|<(?:script|style)\b[^>]*>.*?</(?:script|style)\s*>", re.S
)
_VALUE = rb"""\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"""
_HREF, _SRC, _POSTER, _SRCSET, _ID, _NAME = (
    re.compile(name + _VALUE)
    for name in (rb"href", rb"src", rb"poster", rb"srcset", rb"id", rb"name")
)
_SPACE = frozenset(b" \t\n\r\f")
_BEFORE_NAME = _SPACE | frozenset(b"\"'")
_BANG, _A = ord("!"), ord("a")


class Page(NamedTuple):
    links: list[str]
    ids: set[str]


def scan(data: bytes) -> Page:
    """Every URL the page's tags make a browser follow or fetch, and its ids."""
    page = _Scanner(data)
    links = page.values(_HREF) + page.values(_SRC)
    if b"poster" in page.low:
        links += page.values(_POSTER)
    if b"srcset" in page.low:
        for value in page.values(_SRCSET):
            links += [c.split()[0] for c in value.split(",") if c.strip()]
    ids = set(page.values(_ID))
    if b"name" in page.low:
        ids.update(page.values(_NAME, only_in_a=True))
    return Page(links, ids)


class _Scanner:
    def __init__(self, data: bytes):
        self.data = data
        self.low = low = data.lower()
        self.hidden_starts: list[int] = []
        self.hidden_ends: list[int] = []
        if b"<!--" in low or b"<script" in low or b"<style" in low:
            for match in _HIDDEN.finditer(low):
                start = match.start()
                if low[start + 1] != _BANG:  # a script's own tag stays visible
                    start = low.index(b">", start) + 1
                self.hidden_starts.append(start)
                self.hidden_ends.append(match.end())

    def values(self, pattern: re.Pattern, only_in_a: bool = False) -> list[str]:
        """The decoded value of each real use of the attribute."""
        low, found = self.low, []
        for match in pattern.finditer(low):
            at = match.start()
            if low[at - 1] not in _BEFORE_NAME:
                continue
            tag = low.rfind(b"<", 0, at)
            if tag < 0 or not self._in_tag(tag, at) or self._hidden(at):
                continue
            if only_in_a and not (low[tag + 1] == _A and low[tag + 2] in _SPACE):
                continue
            group = match.lastindex
            value = self.data[match.start(group) : match.end(group)]
            text = value.decode("utf-8", "replace")
            found.append(html.unescape(text) if "&" in text else text)
        return found

    def _in_tag(self, tag: int, at: int) -> bool:
        """No `>` closes the tag before `at`, and `at` is not in a quoted value."""
        low = self.low
        if low.count(b'"', tag, at) % 2:
            return False
        end = low.rfind(b">", tag, at)
        while end != -1 and low.count(b'"', tag, end) % 2:
            end = low.rfind(b">", tag, end)
        return end == -1

    def _hidden(self, at: int) -> bool:
        if not self.hidden_starts:
            return False
        index = bisect_right(self.hidden_starts, at) - 1
        return index >= 0 and at < self.hidden_ends[index]
