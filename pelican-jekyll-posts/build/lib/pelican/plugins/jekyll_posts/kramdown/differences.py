"""Markdown that this site still renders differently from Jekyll's kramdown,
found in a post's source so the build can warn at the place and the doctor
can list it.

The scan reads the body as written (before Liquid), skipping fenced and
indented code and highlight blocks, where such text is only shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..diagnostics import Problem
from .attributes import parse
from .options import APPLIED, DEFAULTS

_FENCE = re.compile(r" *(`{3,}|~{3,})")
_HIGHLIGHT = re.compile(r"\{%-?\s*(end)?highlight\b")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_OPTIONS = re.compile(r"\{::options((?:\\\}|[^}])*?)/?\}")

KINDS = {
    "kramdown option not applied": "this site does not apply this kramdown option, "
    "so the post reads as if it were not set (it applies auto_id_prefix, "
    "toc_levels and footnote_nr)",
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


def scan(body: str, first_line: int = 1) -> list[Difference]:
    if "{::options" not in body:  # what every difference above needs
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
        found += [
            Difference(kind, number, col, text.strip())
            for kind, col, text in _in_line(line)
        ]
    return found


def _in_line(line: str):
    """(kind, column, text) of each difference in one line of text."""
    if "{::options" not in line:
        return
    visible = _CODE_SPAN.sub(lambda m: " " * len(m[0]), line)
    for match in _OPTIONS.finditer(visible):
        for key, value in parse(match[1]).values.items():
            if key not in APPLIED and DEFAULTS.get(key) != value.strip():
                yield (
                    "kramdown option not applied",
                    match.start() + 1,
                    f'{key}="{value}"',
                )


def warnings(body: str, path: str, first_line: int = 1) -> tuple[Problem, ...]:
    return tuple(
        Problem(path, d.line, d.col, d.message, "warning")
        for d in scan(body, first_line)
    )
