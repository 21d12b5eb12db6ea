"""kramdown's extensions: `{::comment}`, `{::nomarkdown}` and `{::options}`.

A block extension starts on a line of its own and ends at `{:/name}` or `{:/}` on
a line of its own; a span one opens and closes within a paragraph. What a
comment holds is written as an HTML comment and what `nomarkdown` holds as it
is, both untouched by Markdown, as kramdown writes them. `{::options ... /}` sets
kramdown options for the whole post: this site applies `auto_ids`,
`auto_id_prefix`, `toc_levels` and `footnote_nr`; the doctor and the build warn
about any other that would change what kramdown writes (`differences`).
"""

from __future__ import annotations

import re

from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor

from ..markers import EXTENSION, MATH, extension_marker
from . import attributes

NAMES = ("comment", "nomarkdown", "options")
BLOCK_START = re.compile(
    r" {0,3}\{::(comment|nomarkdown|options)((?:\\\}|[^}])*?)(/?)\}[ \t]*"
)
_BLOCK_END = r" {0,3}\{:/(?:%s)?\}[ \t]*"
# A code span that comes first is passed over: it shows an extension as written.
SPAN = (
    r"(`+).+?(?<!`)\1(?!`)"
    r"|\{::(comment|nomarkdown|options)((?:\\\}|[^}])*?)"
    r"(?:/\}|\}(.*?)\{:/(?:\2)?\})"
)


def block(lines: list[str], at: int, outputs: list, options: dict) -> int:
    """The index of the line after the block extension starting at line `at`
    (its output added to `outputs`, options to `options`), or `at` when none
    starts there."""
    start = BLOCK_START.fullmatch(lines[at])
    if start is None:
        return at
    name, arguments, closed = start.groups()
    if name == "options":
        options.update(attributes.parse(arguments).values)
    if closed or name == "options":
        return at + 1
    end = re.compile(_BLOCK_END % name)
    for number in range(at + 1, len(lines)):
        if end.fullmatch(lines[number]):
            outputs.append((_output(name, "\n".join(lines[at + 1 : number])), True))
            return number + 1
    return at


def _output(name: str, text: str) -> str:
    return f"<!-- {text} -->" if name == "comment" else text


class SpanExtensions(InlineProcessor):
    """A span extension: a marker for its output, untouched by inline Markdown."""

    def handleMatch(self, m: re.Match, data: str):
        if m.group(1):
            return None, None, None
        name, arguments, text = m.group(2), m.group(3), m.group(4) or ""
        document = self.md.kramdown
        if name == "options":
            document.options.update(attributes.parse(arguments).values)
            return "", m.start(0), m.end(0)
        if MATH in text:  # not math in kramdown's eyes: back as written
            text = re.sub(
                f"{MATH}(\\d+)\ue001",
                lambda t: document.formulas[int(t[1])].source,
                text,
            )
        document.outputs.append((_output(name, text), False))
        return extension_marker(len(document.outputs) - 1), m.start(0), m.end(0)


_WRAPPED = re.compile(f"<p>{EXTENSION}(\\d+)\ue001</p>|{EXTENSION}(\\d+)\ue001")


class Outputs(Postprocessor):
    """An extension's output in place of its marker; a block extension's in
    place of the marker's paragraph."""

    def run(self, text: str) -> str:
        if EXTENSION not in text:
            return text
        outputs = self.md.kramdown.outputs

        def written(found: re.Match) -> str:
            output, block = outputs[int(found[1] or found[2])]
            return output if block or not found[1] else f"<p>{output}</p>"

        return _WRAPPED.sub(written, text)


def levels(value: str) -> set[int]:
    """kramdown's `toc_levels`: `2..3`, or levels one by one (`2,3`)."""
    bounds = re.fullmatch(r"\s*(\d)\s*\.\.\.?\s*(\d)\s*", value)
    if bounds:
        return set(range(int(bounds[1]), int(bounds[2]) + 1))
    return {int(n) for n in re.findall(r"\d", value)}


def register(md) -> None:
    """Span extensions before code spans, so that code in them is theirs."""
    md.inlinePatterns.register(
        SpanExtensions(SPAN, md), "kramdown_span_extensions", 195
    )
    md.postprocessors.register(Outputs(md), "kramdown_extensions", 26)
