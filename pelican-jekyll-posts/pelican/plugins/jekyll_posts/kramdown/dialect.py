"""A Python-Markdown extension that reads Markdown as Jekyll 4 does (kramdown,
GFM input), so posts look as they did and `#fragments` written for Jekyll land.

- Header ids: `{#id}` at the end of a header, else GitHub's rule as kramdown
  applies it: the header's text, lower-cased, without punctuation, spaces to
  hyphens, `-1`, `-2` for repeats (a prefix and the levels in the table of
  contents as `{::options}` set them). Other `{...}` after a header stays text.
- `* TOC` + `{:toc}`: kramdown's `ul#markdown-toc` (`kramdown_toc`).
- `~~struck~~`, `- [x] task` lists, `\\\\` at the end of a line as a line
  break; typographic quotes, dashes and `<<`/`>>` (`typography`); footnotes
  (`kramdown_footnotes`), tables, definition lists and abbreviations (extra);
  the block rules in `kramdown_lines`.
- kramdown's attribute lists (`kramdown_ial`), `$$` math (`kramdown_math`),
  `{::extensions}` (`kramdown_extensions`), and the escapes of `$ : = <`.

`KramdownExtension(options={...})` takes kramdown options for every post, as
`_config.yml`'s `kramdown:` would set them.
"""

from __future__ import annotations

import html
import re
import unicodedata
from xml.etree import ElementTree as etree

from markdown.extensions import Extension
from markdown.extensions.toc import remove_fnrefs, render_inner_html, strip_tags
from markdown.inlinepatterns import (
    SimpleTagInlineProcessor,
    SubstituteTagInlineProcessor,
)
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from ..markers import TOC
from . import (
    code_spans,
    emphasis,
    extensions,
    footnotes,
    formulas,
    headers,
    html_blocks,
    ial,
    span_html,
    speed,
    tables,
    toc,
    typography,
)
from . import lines as line_rules
from .blocks import Document

HEADERS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_EXPLICIT_ID = re.compile(r"[ \t]+\{#([A-Za-z][\w:-]*)\}[ \t]*$")
_TASK = re.compile(r"\[([ xX])\] ")
# kramdown: `\\` at the end of a line breaks it. The newline stays text after
# the break, as in kramdown, where emphasis may not close after it.
_BACKSLASH_BREAK = r"\\\\(?=\n)"
_GFM_BREAK = r"(?<!\\)\\(?=\n)"
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
    """A post's `Document` starts here, for the steps after Markdown."""

    def __init__(self, md, options: dict[str, str]):
        super().__init__(md)
        self.options = options

    def run(self, lines: list[str]) -> list[str]:
        document = Document(options=dict(self.options))
        text = "\n".join(lines)
        document.braces, document.dollars = "{:" in text, "$$" in text
        self.md.kramdown = document
        return line_rules.rewrite(lines, document)


class _ExplicitIds(Treeprocessor):
    """Before inline parsing: take `{#id}` off a header."""

    def run(self, root: etree.Element) -> None:
        for header in root.iter():
            if header.tag not in HEADERS or not header.text:
                continue
            explicit = _EXPLICIT_ID.search(header.text)
            if explicit:
                header.set("id", explicit.group(1))
                header.text = header.text[: explicit.start()]


class _Finish(Treeprocessor):
    """After inline parsing and smart quotes: ids, the TOC, task lists, the
    newline after a break."""

    def run(self, root: etree.Element) -> None:
        counts: dict[str, int] = {}
        headers = []
        options = self.md.kramdown.options
        automatic = options.get("auto_ids", "true") != "false"
        prefix = options.get("auto_id_prefix", "")
        levels = extensions.levels(options.get("toc_levels", "1..6"))
        for header in root.iter():
            if header.tag not in HEADERS:
                continue
            if "id" not in header.attrib and automatic:
                inner = render_inner_html(remove_fnrefs(header), self.md)
                text = html.unescape(strip_tags(inner))
                header.set("id", prefix + gfm_id(text, counts))
            listed = "no_toc" not in header.get("class", "").split()
            if listed and "id" in header.attrib and int(header.tag[1]) in levels:
                headers.append(header)
        for parent in list(root.iter()):
            for at, child in enumerate(parent):
                spot = TOC.fullmatch(child.text or "") if child.tag == "p" else None
                if spot and not len(child):
                    parent[at] = toc.build(spot.group(1), headers, child.attrib)
        for item in root.iter("li"):
            _task(item)
        for br in root.iter("br"):  # the newline a break kept, once prettified
            if (br.tail or "").startswith("\n\n"):
                br.tail = br.tail[1:]


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
    def __init__(self, **kwargs):
        self.config = {
            "options": [{}, "kramdown options for every post (_config.yml's kramdown:)"]
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md) -> None:
        md.registerExtensions(["markdown.extensions.extra"], {})
        headers.register(md)
        speed.install(md)
        typography.register(md)
        md.ESCAPED_CHARS.extend(c for c in "$:=<" if c not in md.ESCAPED_CHARS)
        options = {
            str(key): str(value).lower() if isinstance(value, bool) else str(value)
            for key, value in self.getConfig("options").items()
        }
        md.preprocessors.register(_Lines(md, options), "kramdown_lines", 27)
        html_blocks.register(md, options)
        md.treeprocessors.register(_ExplicitIds(md), "kramdown_explicit_ids", 30)
        md.treeprocessors.deregister("attr_list", strict=False)
        if "toc" in md.treeprocessors:  # kramdown prints a `[TOC]` paragraph
            md.treeprocessors["toc"].marker = ""
        attributes = ial.BlockAttributes(md)
        md.treeprocessors.register(attributes, "kramdown_block_attributes", 29)
        spans = ial.SpanAttributes(md)
        md.treeprocessors.register(spans, "kramdown_span_attributes", 8)
        extensions.register(md)
        tables.register(md)
        footnotes.register(md)
        as_written = formulas.AsWrittenInAttributes(md)
        md.treeprocessors.register(as_written, "kramdown_math_in_attributes", 7)
        math = formulas.MathPostprocessor(md)
        md.postprocessors.register(math, "kramdown_math", 25)
        md.treeprocessors.register(_Finish(md), "kramdown_finish", 5.5)
        md.inlinePatterns.register(
            SimpleTagInlineProcessor(_STRIKE, "del"), "kramdown_strike", 65
        )
        md.inlinePatterns.register(
            SubstituteTagInlineProcessor(_BACKSLASH_BREAK, "br"), "kramdown_break", 185
        )
        # GFM: a backslash at the end of a line breaks it, as `\\` does.
        md.inlinePatterns.register(
            SubstituteTagInlineProcessor(_GFM_BREAK, "br"), "kramdown_gfm_break", 184
        )
        code_spans.register(md)
        emphasis.register(md)
        span_html.register(md)
        md.registerExtension(self)
