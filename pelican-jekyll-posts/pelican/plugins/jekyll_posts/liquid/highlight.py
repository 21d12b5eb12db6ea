"""`{% highlight LANG [linenos] %}`: Pygments, in the markup Jekyll's Rouge writes.

The HTML must come out of Markdown as it went in (no smart quotes, no
paragraphs inside `<pre>`), so the Liquid step keeps it aside and leaves a
stash marker; `restore` puts it back once Markdown is done.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import groupby

from pygments import format as pygments_format
from pygments.formatters import HtmlFormatter
from pygments.lexers import TextLexer, get_lexer_by_name
from pygments.token import Token
from pygments.util import ClassNotFound

from ..markers import MARKER, STASH

# Jekyll's syntax: a language, then options such as `linenos`.
_SYNTAX = re.compile(r"([a-zA-Z0-9.+#_-]+)((?:\s+\w+(?:=(?:\w+|\"[\d\s]*\"))?)*)\s*")


class HighlightError(ValueError):
    pass


def parse(argument: str) -> tuple[str, bool]:
    """The language and whether line numbers are wanted."""
    match = _SYNTAX.fullmatch(argument.strip())
    if not match:
        raise HighlightError(
            f"highlight: cannot read '{argument.strip()}'; write "
            "{% highlight LANGUAGE %} or {% highlight LANGUAGE linenos %}"
        )
    options = match.group(2).split()
    unknown = [o for o in options if o not in ("linenos", "linenos=table")]
    if unknown:
        raise HighlightError(
            f"highlight: option '{unknown[0]}' is not supported; only linenos is"
        )
    return match.group(1).lower(), bool(options)


def render(code: str, language: str, linenos: bool) -> str:
    """Jekyll strips the line breaks around the code; an unknown language is text."""
    code = code.strip("\r\n")
    try:
        lexer = get_lexer_by_name(language, stripnl=False)
    except ClassNotFound:
        lexer = TextLexer(stripnl=False)
    spans = pygments_format(
        _whole_markers(lexer.get_tokens(code)), HtmlFormatter(nowrap=True)
    )
    # No Liquid-looking text may reach the output, even split by spans.
    spans = spans.replace("{", "&#123;")
    head = f'<figure class="highlight"><pre><code class="language-{language}" data-lang="{language}">'
    if not linenos:
        return f"{head}{spans.removesuffix(chr(10))}</code></pre></figure>"
    numbers = "".join(f"{n}\n" for n in range(1, code.count("\n") + 2))
    return (
        f'{head}<table class="rouge-table"><tbody><tr><td class="gutter gl">'
        f'<pre class="lineno">{numbers}</pre></td><td class="code"><pre>{spans}'
        "</pre></td></tr></tbody></table></code></pre></figure>"
    )


def restore(html: str, blocks: Sequence[str]) -> str:
    """Each stash marker becomes its block (with the paragraph Markdown put around it)."""
    if "\ue004" not in html:
        return html

    def block(match: re.Match) -> str:
        index = int(match[1] or match[2])
        return blocks[index] if index < len(blocks) else ""  # a marker in the text

    return STASH.sub(block, html)


def _whole_markers(tokens):
    """A lexer may split a link marker into tokens (its digits a number), and
    then spans would separate its characters; this keeps each marker one run
    of text, so the link can still be resolved inside the code."""
    tokens = list(tokens)
    text = "".join(value for _, value in tokens)
    if "\ue000" not in text:
        return tokens
    kinds = [kind for kind, value in tokens for _ in value]
    for found in MARKER.finditer(text):
        kinds[found.start() : found.end()] = [Token.Text] * len(found[0])
    return [
        (kind, "".join(char for _, char in run))
        for kind, run in groupby(zip(kinds, text, strict=True), key=lambda p: p[0])
    ]
