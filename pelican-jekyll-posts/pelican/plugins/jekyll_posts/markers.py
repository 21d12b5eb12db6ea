"""Private-use characters that stand in for things until a later step.

Markdown leaves private-use characters alone in every context (text, code,
attributes), so a marker written before Markdown is found intact after it.
Every marker the plugin uses is listed here, so no two steps share one.
"""

from __future__ import annotations

import re

# `\ue000N\ue001`: link N of the file (post_url, link), resolved after reading.
MARKER = re.compile("\ue000(\\d+)\ue001")
# "{" of a "{{" or "{%" that a raw block keeps; "&#123;" once the HTML is made.
RAW_BRACE = "\ue002"
# `\ue003N\ue001`: backlinks.py marks a link that stood in a tag.
IN_TAG = "\ue003"
# `\ue004N\ue001`: HTML kept aside during Markdown (a highlight block).
STASH = re.compile("<p>\ue004(\\d+)\ue001</p>|\ue004(\\d+)\ue001")
# A line (or a paragraph's text) that is only such a block's marker.
STASH_ALONE = re.compile("[ \t]*\ue004\\d+\ue001[ \t]*")
# `\ue005ul\ue001`, `\ue005ol\ue001`: where kramdown's `{:toc}` list stood.
TOC = re.compile("\ue005([uo]l)\ue001")


def marker(index: int) -> str:
    return f"\ue000{index}\ue001"


def stash_marker(index: int) -> str:
    return f"\ue004{index}\ue001"


def toc_marker(kind: str) -> str:
    return f"\ue005{kind}\ue001"


# `\ue006N\ue001`: kramdown's block attribute list N, until it is applied.
ATTRIBUTES = "\ue006"
# `\ue007N\ue001`: formula N (kramdown's `$$` math), written back after Markdown.
MATH = "\ue007"
# `\ue008N\ue001`: kramdown extension N's output (`{::nomarkdown}`, `{::comment}`).
EXTENSION = "\ue008"


def attributes_marker(index: int) -> str:
    return f"{ATTRIBUTES}{index}\ue001"


def math_token(index: int) -> str:
    return f"{MATH}{index}\ue001"


def extension_marker(index: int) -> str:
    return f"{EXTENSION}{index}\ue001"
