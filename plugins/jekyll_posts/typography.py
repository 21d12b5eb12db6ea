"""Typographic quotes, dashes, ellipses and `<<`/`>>`, as kramdown writes them.

The rules are Python-Markdown's smarty extension's, taken from it and applied
in its order, with its way of hiding each replacement from the rules after
it, and two of kramdown's (a quote after a digit, dots in fours). Smarty runs them through a second full inline pass, which made reading a
post half as slow again; here each text of the tree is rewritten directly,
with the characters themselves rather than entities.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as etree

from markdown.extensions import smarty
from markdown.inlinepatterns import HtmlInlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

_LSQUO, _RSQUO, _LDQUO, _RDQUO = "\u2018", "\u2019", "\u201c", "\u201d"


# (what a text must hold for the rule to apply, pattern, parts): a part is a
# group of the match or a replacement text. Most texts hold no quote, dash
# or dots, so most searches are skipped.
_RULES = [
    (needs, re.compile(pattern), parts)
    for needs, pattern, parts in (
        ("--", r"(?<!-)---(?!-)", ("\u2014",)),
        ("--", r"(?<!-)--(?!-)", ("\u2013",)),
        ("<<", r"\<\<", ("\u00ab",)),
        (">>", r"\>\>", ("\u00bb",)),
        ("'", r"(?<=\d)'", (_RSQUO,)),  # kramdown: 5'10" is a foot mark, not an opening
        ("'", smarty.singleQuoteStartRe, (_RSQUO,)),
        ('"', smarty.doubleQuoteStartRe, (_RDQUO,)),
        ('"', smarty.doubleQuoteSetsRe, (_LDQUO + _LSQUO,)),
        ("'", smarty.singleQuoteSetsRe, (_LSQUO + _LDQUO,)),
        ('"', smarty.doubleQuoteSetsRe2, (_RSQUO + _RDQUO,)),
        ("'", smarty.singleQuoteSetsRe2, (_RDQUO + _RSQUO,)),
        ("'", smarty.decadeAbbrRe, (_RSQUO,)),
        ("'", smarty.openingSingleQuotesRegex, (1, _LSQUO)),
        ("'", smarty.closingSingleQuotesRegex, (_RSQUO,)),
        ("'", smarty.closingSingleQuotesRegex2, (_RSQUO, 1)),
        ("'", smarty.remainingSingleQuotesRegex, (_LSQUO,)),
        ('"', smarty.openingDoubleQuotesRegex, (1, _LDQUO)),
        ('"', smarty.closingDoubleQuotesRegex, (_RDQUO,)),
        ('"', smarty.closingDoubleQuotesRegex2, (_RDQUO,)),
        ('"', smarty.remainingDoubleQuotesRegex, (_LDQUO,)),
        ("...", r"\.\.\.", ("\u2026",)),  # kramdown: "...." is "…."
    )
]
# What a rule leaves in place of what it replaced: opaque to the rules after
# it, as Python-Markdown's own placeholders are (\x02 and \x03 end words).
_DONE = re.compile("\x02\uf8ff(\\d+)\x03")


def educate(text: str) -> str:
    replaced: list[str] = []
    for needs, pattern, parts in _RULES:
        if needs not in text:
            continue
        start = 0
        while match := pattern.search(text, start):
            replaced.append(
                "".join(match[p] if isinstance(p, int) else p for p in parts)
            )
            token = f"\x02\uf8ff{len(replaced) - 1}\x03"
            text = text[: match.start()] + token + text[match.end() :]
            start = match.start() + len(token)
    return _DONE.sub(lambda m: replaced[int(m[1])], text) if replaced else text


class Typography(Treeprocessor):
    """Every text and tail of the tree but code (which is an AtomicString)."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element is root:
                continue
            if element.text and not isinstance(element.text, AtomicString):
                element.text = educate(element.text)
            if element.tail and not isinstance(element.tail, AtomicString):
                element.tail = educate(element.tail)


def register(md) -> None:
    md.treeprocessors.register(Typography(md), "kramdown_typography", 6)
    # `<<` must not start an HTML tag, and `\"` and `\'` keep straight quotes.
    md.inlinePatterns.register(
        HtmlInlineProcessor(smarty.HTML_STRICT_RE, md), "html", 90
    )
    md.ESCAPED_CHARS.extend(c for c in "\"'" if c not in md.ESCAPED_CHARS)
