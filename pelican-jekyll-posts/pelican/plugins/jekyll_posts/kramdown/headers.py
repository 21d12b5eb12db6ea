"""Headers as kramdown's GFM parser (Jekyll's default input) reads them.

A `#` starts a header only when a space or tab follows the hashes, so a line
such as `#validate strips directories` or `#1 priority` stays text.
"""

from __future__ import annotations

import re

from markdown.blockprocessors import HashHeaderProcessor


class GfmHashHeader(HashHeaderProcessor):
    RE = re.compile(
        r"(?:^|\n)(?P<level>#{1,6})[\t ]+(?P<header>(?:\\.|[^\\])*?)#*(?:\n|$)"
    )


def register(md) -> None:
    md.parser.blockprocessors.register(GfmHashHeader(md.parser), "hashheader", 70)
