"""Liquid's standard filters where python-liquid and Ruby's Liquid 5 (which
Jekyll runs) print different things for the same post.

- Values and arguments print with Ruby's `to_s`: `{{ x | append: nil }}`
  appends nothing, `{{ list | join: ", " }}` prints nil items as nothing.
- `escape` writes `&#39;` and `&quot;`; `escape_once` keeps only `&name;` and
  `&#NN;` references; `strip_html` is Ruby's regular expressions, so a stray
  `<` removes up to the next `>`.
- `truncate` leaves text of exactly the length alone; `truncatewords` leaves
  the text as written when it has no more words than asked for.
- `split` drops empty strings at the end; `strip` removes ASCII whitespace
  and NUL only (a no-break space stays).
- Arrays and numbers: filters_standard_values.
- Filters Ruby's Liquid 5.4 does not have (`sum`, `reject`, `has`...) are
  removed, so they behave as in Jekyll: unknown.
"""

from __future__ import annotations

import re
from functools import wraps

from .coerce import to_integer
from .ruby import nil, to_s

_WHITESPACE = " \t\n\v\f\r\0"
_SPACES = "[ \t\n\v\f\r]+"
_ESCAPES = {"&": "&amp;", ">": "&gt;", "<": "&lt;", '"': "&quot;", "'": "&#39;"}
# Filters to print their input (and arguments) with Ruby's to_s.
_TEXT_IN = ("capitalize", "downcase", "upcase", "strip_newlines", "newline_to_br",
            "url_decode", "base64_encode", "base64_decode", "base64_url_safe_encode",
            "base64_url_safe_decode")  # fmt: skip
_TEXT_IN_AND_ARGUMENTS = ("append", "prepend", "remove", "remove_first", "remove_last",
                          "replace", "replace_first", "replace_last")  # fmt: skip
NOT_IN_RUBY = ("sum", "reject", "has", "find_index", "squish", "safe", "escapejs")


def escape(value):
    """Ruby's CGI.escapeHTML; nil stays nil."""
    value = nil(value)
    if value is None:
        return None
    return re.sub("[&<>\"']", lambda m: _ESCAPES[m[0]], to_s(value))


def escape_once(value) -> str:
    pattern = r"""["><']|&(?!(?:[a-zA-Z]+|#\d+);)"""
    return re.sub(pattern, lambda m: _ESCAPES[m[0]], to_s(value))


def strip_html(value) -> str:
    text = re.sub(
        r"<script.*?</script>|<!--.*?-->|<style.*?</style>", "", to_s(value), flags=re.S
    )
    return re.sub(r"<.*?>", "", text, flags=re.S)


def strip(value) -> str:
    return to_s(value).strip(_WHITESPACE)


def lstrip(value) -> str:
    return to_s(value).lstrip(_WHITESPACE)


def rstrip(value) -> str:
    return to_s(value).rstrip(_WHITESPACE)


def truncate(value, length=50, ellipsis="..."):
    value = nil(value)
    if value is None:
        return None
    text, length, ellipsis = to_s(value), to_integer(length), to_s(ellipsis)
    if len(text) <= length:
        return text
    return text[: max(length - len(ellipsis), 0)] + ellipsis


def truncatewords(value, count=15, ellipsis="..."):
    value = nil(value)
    if value is None:
        return None
    text, count = to_s(value), max(to_integer(count), 1)
    words = re.split(_SPACES, text.lstrip(_WHITESPACE[:-1]), maxsplit=count)
    if len(words) <= count or not text.strip(_WHITESPACE[:-1]):
        return text
    return " ".join(words[:count]) + to_s(ellipsis)


def split(value, separator) -> list[str]:
    text, separator = to_s(value), to_s(separator)
    if separator == " ":
        parts = re.split(_SPACES, text.lstrip(_WHITESPACE[:-1]))
    elif separator:
        parts = text.split(separator)
    else:
        parts = list(text)
    while parts and parts[-1] == "":
        parts.pop()
    return parts


def _with_text(original, arguments: bool):
    """A python-liquid filter given Ruby's to_s of its input (and arguments)."""

    @wraps(original)
    def call(value, *args, **kwargs):
        if arguments:
            args = tuple(to_s(a) for a in args)
        return original(to_s(value), *args, **kwargs)

    return call


def _ruby_slice(original):
    """python-liquid's slice, on the value printed unless it is an array."""

    @wraps(original)
    def call(value, *args):
        value = nil(value)
        if not isinstance(value, (list, tuple, str)):
            value = to_s(value)
        return original(value, *args)

    return call


def replace_builtins(env) -> None:
    """Ruby's to_s for python-liquid's own text filters; Ruby's missing ones gone."""
    for name in _TEXT_IN + _TEXT_IN_AND_ARGUMENTS:
        env.add_filter(
            name, _with_text(env.filters[name], name in _TEXT_IN_AND_ARGUMENTS)
        )
    env.add_filter("slice", _ruby_slice(env.filters["slice"]))
    for name in NOT_IN_RUBY:
        env.filters.pop(name, None)


FILTERS = {
    "escape": escape,
    "h": escape,
    "escape_once": escape_once,
    "strip_html": strip_html,
    "strip": strip,
    "lstrip": lstrip,
    "rstrip": rstrip,
    "truncate": truncate,
    "truncatewords": truncatewords,
    "split": split,
}
