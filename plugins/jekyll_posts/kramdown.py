"""A Python-Markdown extension that reads Markdown as Jekyll 4 does (kramdown,
GFM input), so posts look as they did and `#fragments` written for Jekyll land.

- Header ids: `{#id}` at the end of a header, else GitHub's rule as kramdown
  applies it: the header's text, lower-cased, without punctuation, spaces to
  hyphens, `-1`, `-2` for repeats. Other `{...}` after a header stays text,
  as in kramdown (Python-Markdown's attr_list would take it).
- `* TOC` + `{:toc}`: kramdown's `ul#markdown-toc` of every header.
- `~~struck~~`, `- [x] task` lists; typographic quotes, dashes and `<<`/`>>`
  (`typography`); footnotes, tables, definition lists, abbreviations and `{: .class}`
  attribute lists (extra); the block rules in `kramdown_lines`.
"""

from __future__ import annotations

import html
import re
import unicodedata
from copy import deepcopy
from xml.etree import ElementTree as etree

from markdown.extensions import Extension
from markdown.extensions.toc import remove_fnrefs, render_inner_html, strip_tags
from markdown.inlinepatterns import SimpleTagInlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from . import kramdown_lines, markdown_speed, typography
from .markers import TOC

HEADERS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_EXPLICIT_ID = re.compile(r"[ \t]+\{#([A-Za-z][\w:-]*)\}[ \t]*$")
_ATTRIBUTES = re.compile(r"[ \t]\{:?[ ]*[^}\n ][^}\n]*\}[ \t]*$")
_BLOCK_IAL = re.compile(r"\{:(?![\w-]+:)[^}\n]*\}[ \t]*")
_TASK = re.compile(r"\[([ xX])\] ")
_STRIKE = r"(~~)(?=[^\s~])(.+?)(?<=[^\s~])~~(?!~)"
_WORD_KINDS = {"Nd", "Nl", "Pc"}  # with letters and marks: Ruby's \p{Word}


def gfm_id(text: str, counts: dict[str, int]) -> str:
    """kramdown-parser-gfm's header id: only word characters, `-` and spaces
    survive, spaces become hyphens; a repeat gets `-1`, `-2`, ..."""
    kept = "".join(
        c
        for c in text.lower()
        if c in "- \t"
        or unicodedata.category(c)[0] in "LM"
        or unicodedata.category(c) in _WORD_KINDS
    )
    base = kept.replace(" ", "-").replace("\t", "-")
    counts[base] = counts.get(base, 0) + 1
    return base if counts[base] == 1 else f"{base}-{counts[base] - 1}"


class _Lines(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return kramdown_lines.rewrite(lines)


class _ExplicitIds(Treeprocessor):
    """Before inline parsing: take `{#id}` off a header; hide any other `{...}`
    from attr_list, since kramdown prints it."""

    def run(self, root: etree.Element) -> None:
        after: set[int] = set()  # headers given an attribute list on the next line
        for parent in root.iter():
            for header, following in zip(list(parent), list(parent)[1:], strict=False):
                if (
                    header.tag in HEADERS
                    and following.tag == "p"
                    and not len(following)
                    and _BLOCK_IAL.fullmatch(following.text or "")
                ):
                    header.text = f"{header.text or ''} {following.text.strip()}"
                    parent.remove(following)
                    after.add(id(header))
        for header in root.iter():
            if header.tag not in HEADERS or not header.text or id(header) in after:
                continue
            explicit = _EXPLICIT_ID.search(header.text)
            if explicit:
                header.set("id", explicit.group(1))
                header.text = header.text[: explicit.start()]
            elif _ATTRIBUTES.search(header.text):
                at = header.text.rindex("{")
                header.text = header.text[:at] + "\\" + header.text[at:]


class _Finish(Treeprocessor):
    """After inline parsing and smart quotes: ids, the TOC, task lists."""

    def run(self, root: etree.Element) -> None:
        counts: dict[str, int] = {}
        headers = []
        for header in root.iter():
            if header.tag not in HEADERS:
                continue
            if "id" not in header.attrib:
                inner = render_inner_html(remove_fnrefs(header), self.md)
                header.set("id", gfm_id(html.unescape(strip_tags(inner)), counts))
            if "no_toc" not in header.get("class", "").split():
                headers.append(header)
        for parent in list(root.iter()):
            for at, child in enumerate(parent):
                spot = TOC.fullmatch(child.text or "") if child.tag == "p" else None
                if spot and not len(child):
                    parent[at] = _toc(spot.group(1), headers)
        for item in root.iter("li"):
            _task(item)


def _toc(kind: str, headers: list[etree.Element]) -> etree.Element:
    """kramdown's nesting: a header deeper than the one before goes inside it."""
    top = etree.Element(kind, {"id": "markdown-toc"})
    top.text = "\n"
    stack: list[tuple[int, etree.Element]] = []
    for header in headers:
        level = int(header.tag[1])
        item = etree.Element("li")
        item.tail = "\n"
        link = etree.SubElement(
            item,
            "a",
            {"href": "#" + header.get("id"), "id": "markdown-toc-" + header.get("id")},
        )
        copy = deepcopy(remove_fnrefs(header))
        link.text = copy.text
        link.extend(copy)
        _unwrap_links(link)
        while stack and stack[-1][0] >= level:
            stack.pop()
        if stack:
            holder = stack[-1][1]
            inner = holder.find(kind)
            if inner is None:
                inner = etree.SubElement(holder, kind)
                inner.text = "\n"
            inner.append(item)
        else:
            top.append(item)
        stack.append((level, item))
    return top


def _unwrap_links(element: etree.Element) -> None:
    """Each `<a>` gives way to its content: a TOC entry links to its header only."""
    for parent in list(element.iter()):
        at = 0
        while at < len(parent):
            child = parent[at]
            if child.tag != "a":
                at += 1
                continue
            parent.remove(child)
            _add_text(parent, at, child.text)
            for grandchild in list(child):
                parent.insert(at, grandchild)
                at += 1
            _add_text(parent, at, child.tail)


def _add_text(parent: etree.Element, at: int, text: str | None) -> None:
    """Text placed just before child `at` of `parent`."""
    if not text:
        return
    if at == 0:
        parent.text = (parent.text or "") + text
    else:
        parent[at - 1].tail = (parent[at - 1].tail or "") + text


def _task(item: etree.Element) -> None:
    """GitHub's `[ ] ` or `[x] ` at the start of an item becomes a checkbox."""
    holder = (
        item[0]
        if len(item) and item[0].tag == "p" and not (item.text or "").strip()
        else item
    )
    found = _TASK.match(holder.text or "")
    if not found:
        return
    box = {
        "type": "checkbox",
        "class": "task-list-item-checkbox",
        "disabled": "disabled",
    }
    if found.group(1) != " ":
        box["checked"] = "checked"
    checkbox = etree.Element("input", box)
    checkbox.tail = holder.text[found.end() :]
    holder.text = None
    holder.insert(0, checkbox)
    item.set("class", "task-list-item")


class KramdownExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.registerExtensions(["markdown.extensions.extra"], {})
        markdown_speed.install(md)
        typography.register(md)
        md.preprocessors.register(_Lines(md), "kramdown_lines", 27)
        md.treeprocessors.register(_ExplicitIds(md), "kramdown_explicit_ids", 30)
        md.treeprocessors.register(_Finish(md), "kramdown_finish", 5.5)
        md.inlinePatterns.register(
            SimpleTagInlineProcessor(_STRIKE, "del"), "kramdown_strike", 65
        )
        md.registerExtension(self)
