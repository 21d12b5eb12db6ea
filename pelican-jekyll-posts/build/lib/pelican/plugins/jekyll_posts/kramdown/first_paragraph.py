"""The excerpt of a post that opens with a plain paragraph, cut from its body.

Jekyll renders the excerpt (the text before the first blank line) as a
document of its own, and so does the reader, at the cost of a second Markdown
pass for every post. When that text can only be one paragraph, read the same
way alone as at the top of the post, its HTML is the body's first `<p>`
element, and no second pass is needed. Anything that could read differently
in the two places sends the reader back to rendering the excerpt itself:

- a line that does not start with a letter (headers, lists, quotes, code,
  tables, definitions, HTML, and Liquid's highlight blocks all start with
  something else);
- characters whose meaning can come from elsewhere in the post or span
  blocks: HTML (`<`), footnotes (`[^`), attribute lists (`{`, `}`), table
  cells (`|`), placeholders, and reference links (`[`) when the post defines
  any;
- a definition list's `:` line right after it, which would make it a term;
- abbreviations defined anywhere in the post (`*[`), which apply to it only
  in the body;
- footnote definitions among the lines the excerpt takes from the rest of
  the post, which give the excerpt a footnote list of its own.
"""

from __future__ import annotations

import re

_UNSAFE = ("<", "[^", "{", "}", "|", "\x02", "\x03", "\ue004", "\ue005")
_DEFINITION_NEXT = re.compile(r"\s*:")


def cut(
    head: str,
    tail: str,
    text: str,
    html: str,
    references: bool,
    definitions: list[str],
) -> str | None:
    """The excerpt's HTML taken from the body's `html`, or None when it must be
    rendered: `head` is the text before the first blank line, `tail` the text
    after it, `text` the whole Markdown, `references` whether it defines
    reference links and `definitions` the lines the excerpt takes from `tail`."""
    if any(line.lstrip().startswith("[^") for line in definitions):
        return None
    if not all(line[:1].isalpha() for line in head.split("\n")):
        return None
    if any(mark in head for mark in _UNSAFE) or (references and "[" in head):
        return None
    if _DEFINITION_NEXT.match(tail) or "*[" in text:
        return None
    if not html.startswith("<p>"):
        return None
    end = html.find("</p>")
    return html[: end + 4] if end > 0 else None
