"""Block quotes where kramdown reads them differently from Python-Markdown, for
the line rewrite (`kramdown_lines`).

- Two quotes with a blank line between are two quotes in kramdown; Python-
  Markdown joins a quote to the one right before it, so an empty comment goes
  between them.
- A fence inside a quote is code in kramdown; Python-Markdown's fences only
  work at the margin, so the fenced lines become an indented code block in the
  quote, which it reads (the language is lost; the text is the same).
- A formula may start a block at the start of a quote or after a blank line
  in it.
- A list may start right after a paragraph line in a quote (GFM), where
  Python-Markdown needs a blank line, so an empty quoted line is added.
"""

from __future__ import annotations

import re

QUOTES = re.compile(r"(?: {0,3}>[ ]?)+")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ITEM = re.compile(r" {0,3}(?:[-+*]|\d{1,9}[.)])[ \t]+\S")
_HR = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")


def depth(line: str) -> tuple[str, int]:
    """The quote markers a line starts with, and how many."""
    quotes = QUOTES.match(line)
    return (quotes.group(0), quotes.group(0).count(">")) if quotes else ("", 0)


def separate(out: list[str]) -> list[str]:
    """What goes before a quote that follows a blank line: a comment when the
    last line written before that blank is a quote's."""
    for above in reversed(out):
        if above.strip():
            quoted = above.lstrip(" ").startswith(">")
            return ["<!-- -->", ""] if quoted and not above.startswith("    ") else []
    return []


def fence(lines: list[str], at: int) -> tuple[list[str], int] | None:
    """A fence opening at line `at` inside a quote: its lines as an indented
    code block in that quote, and the index of the line after its closing
    fence; None without one in the quote (kramdown reads text then)."""
    prefix, level = depth(lines[at])
    opening = _FENCE.match(lines[at][len(prefix) :]) if level else None
    if opening is None:
        return None
    marker = opening.group(1)
    bare = prefix.rstrip()
    out = [bare]
    number = at + 1
    while number < len(lines):
        quotes, found = depth(lines[number])
        if found < level:
            return None
        content = lines[number][len(quotes) :]
        number += 1
        closing = content.strip()
        if closing.startswith(marker) and not closing.strip(marker[0]):
            return out + [bare], number
        out.append(f"{bare} {' ' * 4}{content}".rstrip() if content.strip() else bare)
    return None


def starts_block(lines: list[str], at: int) -> bool:
    """Whether a quoted line starts a block: the quote, or a blank line in it,
    is right above it."""
    _, level = depth(lines[at])
    if not level or at == 0:
        return False
    above, above_level = depth(lines[at - 1])
    return above_level < level or not lines[at - 1][len(above) :].strip()


def list_after_text(lines: list[str], at: int) -> bool:
    """Whether the quoted line `at` starts a list right after a paragraph
    line of the same quote (not after another item or its lazy lines)."""
    prefix, level = depth(lines[at])
    if not level or not _is_item(lines[at][len(prefix) :]) or at == 0:
        return False
    for number in range(at - 1, -1, -1):
        above, above_level = depth(lines[number])
        content = lines[number][len(above) :]
        if above_level != level or not content.strip():
            return number < at - 1
        if _is_item(content):
            return False
    return True


def _is_item(content: str) -> bool:
    return bool(_ITEM.match(content)) and not _HR.match(content)
