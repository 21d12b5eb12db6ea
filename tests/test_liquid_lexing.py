"""The quicker lexer finds the same tokens as python-liquid's own, for any
text: the same kinds, values and positions, and the same syntax errors."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from liquid.lex import get_lexer
from pelican.plugins.jekyll_posts.liquid.lexing import quick_lexer

# Pieces that make tags, outputs, whitespace control, raw and comment blocks,
# unclosed delimiters and the line ends the stock rule treats specially.
PIECES = [
    "{", "}", "%", "-", " ", "\n", "\r\n", "text", "é", "{{ x }}", "{{- x -}}",
    "{% if x %}", "{% endif %}", "{%- assign y = 1 -%}", "{% raw %}", "{% endraw %}",
    "{% comment %}", "{% endcomment %}", "{%", "{{", "%}", "}}", "{% post_url a %}",
]  # fmt: skip


def tokens(lexer, text: str):
    try:
        return [(t.kind, t.value, t.start_index) for t in lexer(text)]
    except Exception as error:  # noqa: BLE001 - the error is part of the answer
        return (type(error).__name__, str(error))


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=14))
def test_the_quick_lexer_finds_the_stock_lexers_tokens(pieces):
    text = "".join(pieces)
    assert tokens(quick_lexer(), text) == tokens(get_lexer(), text)


def test_a_post_lexes_to_the_same_tokens():
    text = (
        "Intro with {braces} and 50% off.\n\n{% raw %}{{ kept }}{% endraw %}\n"
        "As [before]({% post_url 2021-10-08-a %}), {{ page.title | upcase }}.\n"
        "{%- comment -%} gone {%- endcomment -%}\nLast line\n"
    )
    found = tokens(quick_lexer(), text)
    assert found == tokens(get_lexer(), text)
    assert ("tag", "post_url", text.index("post_url")) in found
