"""Markdown that this site still renders differently from Jekyll's kramdown,
found in a post's source so the build can warn at the place and the doctor
can list it.

The scan reads the body as written (before Liquid), skipping fenced and
indented code and highlight blocks, where such text is only shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .diagnostics import Problem

_FENCE = re.compile(r" *(`{3,}|~{3,})")
_HIGHLIGHT = re.compile(r"\{%-?\s*(end)?highlight\b")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_ALD = re.compile(r" {0,3}\{:([\w-]+):[^}]*\}\s*$")
_IAL = re.compile(r" {0,3}\{:(?![:/])(?![\w-]+:)[^}]*\}\s*$")
_EXTENSION = re.compile(r"\{::(\w+)")
_MATH = re.compile(r"\$\$")
_TOC_TEXT = re.compile(r" {0,3}\[TOC\]\s*$")
_QUOTED_FENCE = re.compile(r" {0,3}>[ >]*(`{3,}|~{3,})")
_NO_COLON = re.compile(r"(?:^ {0,3}|(?<=[)*_`]))\{[.#][\w-][^}\n]*\}")

KINDS = {
    "attribute list definition": "kramdown's '{:name: ...}' and the '{: name}' that "
    "use it are not supported: the definition shows as text",
    "attribute list before a block": "only an attribute list after its block is read; "
    "this one shows as text (move it to the line after the block)",
    "kramdown extension": "kramdown's '{::...}' extensions are not supported and show as text",
    "math": "'$$' math is left as written; kramdown writes \\[...\\] and \\(...\\) for MathJax",
    "[TOC] marker": "Python-Markdown's toc replaces '[TOC]' with a table of contents; "
    "kramdown shows the text (use '* TOC' and '{:toc}')",
    "fence in a blockquote": "a fenced code block inside '>' is not read as code",
    "attribute list without ':'": "Python-Markdown applies it, kramdown shows it as "
    "text (kramdown's form is '{: .class}')",
}


@dataclass(frozen=True)
class Difference:
    kind: str
    line: int
    col: int
    text: str  # what was written there

    @property
    def message(self) -> str:
        return f"renders differently from Jekyll: {self.kind}: '{self.text}': {KINDS[self.kind]}"


# Every difference above needs one of these; most posts have none, so a
# look for them over the whole body spares the line-by-line scan.
_MARKS = ("{:", "{.", "{#", "$$", "[TOC]")
_ANY_QUOTED_FENCE = re.compile(r"^ {0,3}>[ >]*(?:`{3}|~{3})", re.M)


def _may_differ(body: str) -> bool:
    if any(mark in body for mark in _MARKS):
        return True
    fenced = "```" in body or "~~~" in body
    return fenced and ">" in body and _ANY_QUOTED_FENCE.search(body) is not None


def scan(body: str, first_line: int = 1) -> list[Difference]:
    if not _may_differ(body):
        return []
    found: list[Difference] = []
    lines = body.split("\n")
    fence = None
    highlight = False
    blank = True
    for at, line in enumerate(lines):
        number = first_line + at
        previous_blank, blank = blank, not line.strip()
        opening = _FENCE.match(line)
        if fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        tags = _HIGHLIGHT.findall(line)
        if tags:
            highlight = tags[-1] == ""
            continue
        if highlight or (previous_blank and line.startswith("    ")):
            continue

        following = lines[at + 1] if at + 1 < len(lines) else ""
        found += [
            Difference(kind, number, col, text.strip())
            for kind, col, text in _in_line(line, previous_blank, following)
        ]
    return found


def _in_line(line: str, after_blank: bool, following: str):
    """(kind, column, text) of each difference in one line of text."""
    if _ALD.match(line):
        yield "attribute list definition", 1, line
    elif _IAL.match(line) and after_blank and following.strip():
        yield "attribute list before a block", 1, line
    elif _TOC_TEXT.match(line):
        yield "[TOC] marker", 1, line
    elif _QUOTED_FENCE.match(line):
        yield "fence in a blockquote", 1, line
    visible = _CODE_SPAN.sub(lambda m: " " * len(m[0]), line)
    for match in _NO_COLON.finditer(visible):
        yield "attribute list without ':'", match.start() + 1, match[0]
    for match in _EXTENSION.finditer(visible):
        yield "kramdown extension", match.start() + 1, "{::" + match[1] + "}"
    math = _MATH.search(visible)
    if math:
        yield "math", math.start() + 1, "$$"


def warnings(body: str, path: str, first_line: int = 1) -> tuple[Problem, ...]:
    return tuple(
        Problem(path, d.line, d.col, d.message, "warning")
        for d in scan(body, first_line)
    )
