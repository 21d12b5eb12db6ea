"""kramdown's `parse_block_html: true`: Markdown inside every block of HTML.

kramdown leaves the content of an HTML block alone unless the block says
`markdown="1"` or the option says so for all; Python-Markdown (its
md_in_html) reads the attribute, so with the option each opening tag of a
block container at the start of a line is given it, outside code.
"""

from __future__ import annotations

import re

from markdown.preprocessors import Preprocessor

_CONTAINER = re.compile(
    r"^( {0,3}<(?:div|section|article|aside|header|footer|nav|main|blockquote|"
    r"figure|details|center)\b(?![^>]*\bmarkdown=)[^>]*?)(/?>)",
    re.I,
)
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


class BlockHtml(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out, fence = [], None
        for line in lines:
            opened = _FENCE.match(line)
            if fence is not None:
                if opened and line.strip().startswith(fence):
                    fence = None
            elif opened:
                fence = opened.group(1)
            else:
                line = _CONTAINER.sub(r'\1 markdown="1"\2', line, count=1)
            out.append(line)
        return out


def register(md, options: dict[str, str]) -> None:
    if options.get("parse_block_html") == "true":
        md.preprocessors.register(BlockHtml(md), "kramdown_block_html", 28)
