"""python-liquid's lexer, with a quicker rule for the text between tags.

Its rule for plain text takes one character at a time and, after each, looks
ahead for `{%`, `{{` or the end: most of the time a post spends in Liquid,
since a post is mostly text. The rule here takes whole runs of characters
that cannot start a tag at once and stops at exactly the same places, so the
tokens are the same (tests compare them). Everything else is the library's.
"""

from __future__ import annotations

import re
from functools import cache, partial

from liquid import lex

from ..fences import LIQUID_DELIMITERS, LIQUID_TEXT

# In place of the library's rule for text: one character, then runs free of
# `{{`, `{%` and of the newline that ends the text (where the library's `$`
# also stops), then the same look-ahead.
QUICK_TEXT = (
    r"(?P<content>.(?:[^{\n]+|\n(?!\Z)|\{(?![{%]))*(?=((\{%|\{\{)(?P<rstrip>-?))|$))"
)


def stock_pattern() -> re.Pattern:
    return lex.compile_liquid_rules(*LIQUID_DELIMITERS)


@cache
def quick_lexer():
    """The tokenizer for Liquid's standard delimiters, with the quicker rule."""
    stock = stock_pattern()
    pattern = re.compile(stock.pattern.replace(LIQUID_TEXT, QUICK_TEXT), stock.flags)
    return partial(lex._tokenize_template, rules=pattern)
