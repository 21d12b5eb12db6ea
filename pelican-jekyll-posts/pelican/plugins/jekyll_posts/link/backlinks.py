"""The link graph: which published posts link to a post, and in what words.

The words are the sentence around each link, taken from the rendered HTML
while the post_url markers are still in it: a marker sits exactly where its
link is, whatever Markdown did with the text (reference links, lists,
emphasis). Finding a sentence takes a few string searches around its marker,
never a scan of the whole post, so thousands of links cost a fraction of a
second.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..markers import MARKER

# Tags that end a run of text: a sentence never crosses one.
_BLOCK = re.compile(
    r"</?(?:p|li|h[1-6]|td|th|dt|dd|pre|blockquote|figcaption|caption|div|"
    r"table|tr|ul|ol|dl|section|aside|details|summary|hr)\b[^>]*>",
    re.I,
)
_TAG = re.compile(r"<[^>]*>")
_MARKED_TAG = re.compile("<[^>]*?\ue000(\\d+)\ue001[^>]*>")
# A marker that stood in a tag (an href): the link's text starts here.
_IN_TAG = re.compile("\ue003(\\d+)\ue001")
_ANY = re.compile("[\ue000\ue003](\\d+)\ue001")
_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+")
# What a sentence starts with, past markers and opening quotes: its first letter.
_NEXT = re.compile("(?:[\ue000\ue003]\\d+\ue001)*[\"'“‘(\\[]*(\\w)")
_LONGEST = 300


class Sentence(NamedTuple):
    """A link's sentence; `order` is the link's place in reading order."""

    text: str
    order: int


@dataclass(frozen=True)
class Backlink:
    """A post that links here, with the sentence around each of its links."""

    article: Any
    contexts: tuple[str, ...]

    @property
    def context(self) -> str:
        return self.contexts[0] if self.contexts else ""


def sentences(marked_html: str, targets: Sequence) -> list[Sentence]:
    """The sentence around each link (by index); empty for one not in the text.

    `targets[i]` is link i's resolved target (with `text_url`) or None; a
    post_url in running text shows as that URL, as on the page. A reference
    definition comes last in the source but is read where it is used, so
    sentences carry their reading order.
    """
    found = [Sentence("", len(targets))] * len(targets)
    if "\ue000" not in marked_html:
        return found
    read = 0
    position = marked_html.find("\ue000")
    while position != -1:
        after = _BLOCK.search(marked_html, position)
        stop = after.start() if after else len(marked_html)
        text = _plain(marked_html[_block_start(marked_html, position) : stop])
        position = marked_html.find("\ue000", stop)
        for marker in _ANY.finditer(text):
            index = int(marker[1])
            if index >= len(found) or found[index].text:
                continue
            begin, end = _bounds(text, marker.start())
            shown = _shown(text[begin:end], marker.start() - begin, targets)
            found[index] = Sentence(shown, read)
            read += 1
    return found


def referenced_by(
    edges: Iterable, contexts: Mapping, posts: Mapping[str, Any]
) -> dict[str, list[Backlink]]:
    """Backlinks by target source path, each list in the order of `posts`.

    `posts` maps every published post's source path to its article, in date
    order; a link from anything else (a draft, a page) does not count, nor
    does a post's link to itself.
    """
    rank = {source: at for at, source in enumerate(posts)}
    by_target: dict[str, dict[str, dict[str, int]]] = {}
    for edge in edges:
        if edge.source not in rank or edge.source == edge.target:
            continue
        said = by_target.setdefault(edge.target, {}).setdefault(edge.source, {})
        sentence = contexts.get(edge)
        if sentence and sentence.text:
            said[sentence.text] = min(
                said.get(sentence.text, sentence.order), sentence.order
            )
    return {
        target: [
            Backlink(posts[source], tuple(sorted(said, key=said.__getitem__)))
            for source, said in sorted(sources.items(), key=lambda i: rank[i[0]])
        ]
        for target, sources in by_target.items()
    }


def _block_start(html: str, position: int) -> int:
    """Just past the last block tag before `position`, stepping over inline tags."""
    while (position := html.rfind("<", 0, position)) != -1:
        tag = _BLOCK.match(html, position)
        if tag:
            return tag.end()
    return 0


def _plain(block: str) -> str:
    """Text without tags or entities; a marker in a tag stays, as \ue003i\ue001.

    Whitespace is left as it is: only the sentence shown is tidied.
    """
    text = _TAG.sub("", _MARKED_TAG.sub("\ue003\\1\ue001", block))
    return html.unescape(text) if "&" in text else text


def _bounds(text: str, at: int) -> tuple[int, int]:
    """Where the sentence holding `at` begins and ends, looked for no further
    than the longest context either side (string searches, not a scan)."""
    low, high = max(0, at - 2 * _LONGEST), at + 2 * _LONGEST
    begin, stop = low, at
    while stop > low:
        end = max(text.rfind(mark, low, stop) for mark in ".!?…")
        boundary = _END.match(text, end) if end >= 0 else None
        if boundary and boundary.end() <= at and _starts_sentence(text, boundary):
            begin = boundary.end()
            break
        stop = end if end >= 0 else low
    for boundary in _END.finditer(text, at, high):
        if _starts_sentence(text, boundary):
            return begin, boundary.end()
    return begin, min(high, len(text))


def _starts_sentence(text: str, boundary: re.Match) -> bool:
    """A capital or a digit follows, past markers and opening quotes."""
    first = _NEXT.match(text, boundary.end())
    return bool(first) and (first[1].isupper() or first[1].isdigit())


def _shown(sentence: str, at: int, targets: Sequence) -> str:
    """The sentence as a reader sees it, cut around the link when it is long."""
    before = _visible(sentence[:at], targets)
    text = before + _visible(sentence[at:], targets)
    if len(text) > _LONGEST:
        begin = max(0, min(len(before) - _LONGEST // 2, len(text) - _LONGEST))
        cut = text[begin : begin + _LONGEST]
        if begin:
            cut = "…" + cut.split(" ", 1)[-1]
        if begin + _LONGEST < len(text):
            cut = cut.rsplit(" ", 1)[0] + "…"
        text = cut
    return " ".join(text.split())


def _visible(text: str, targets: Sequence) -> str:
    """Markers out: a link's href marker goes, a bare post_url shows its URL."""

    def url(marker: re.Match) -> str:
        index = int(marker[1])
        target = targets[index] if index < len(targets) else None
        return target.text_url if target is not None else ""

    return MARKER.sub(url, _IN_TAG.sub("", text))
