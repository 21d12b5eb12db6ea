"""Jekyll's filters on text and single values: xml_escape, number_of_words,
array_to_sentence_string, markdownify, normalize_whitespace, to_integer,
jsonify and inspect.

Where Ruby and Python disagree, Ruby wins: "whitespace" is ASCII whitespace
(a no-break space joins words), values print with Ruby's `to_s`, and JSON is
Ruby's (`1.0e+20`, times as `2021-11-19 08:00:00 -0600`).
"""

from __future__ import annotations

import re

from liquid.filter import with_environment

from .coerce import to_i
from .ruby import inspect, nil, to_json, to_s
from .support import describe, text_only

_SPACE = "[ \t\n\v\f\r]"
_XML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"}
# Han, Katakana, Hiragana and Hangul, as Ruby's \p{...} classes hold them.
_CJK = (
    "\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\U00016ff0-\U00016ff1"
    "\U00020000-\U0002a6df\U0002a700-\U0002ebe0\U0002f800-\U0002fa1d\U00030000-\U0003134a"
    "\u30a1-\u30fa\u30fd-\u30ff\u31f0-\u31ff\u32d0-\u32fe\u3300-\u3357\uff66-\uff6f"
    "\uff71-\uff9d\U0001b000\U0001b164-\U0001b167"
    "\u3041-\u3096\u309d-\u309f\U0001b001-\U0001b11f\U0001b150-\U0001b152\U0001f200"
    "\u1100-\u11ff\u302e-\u302f\u3131-\u318e\u3200-\u321e\u3260-\u327e\ua960-\ua97c"
    "\uac00-\ud7a3\ud7b0-\ud7c6\ud7cb-\ud7fb\uffa0-\uffbe\uffc2-\uffc7\uffca-\uffcf"
    "\uffd2-\uffd7\uffda-\uffdc"
)
_CJK_CHAR = re.compile(f"[{_CJK}]")
_NON_CJK_WORD = re.compile(f"[^{_CJK} \t\n\v\f\r]+")


def words(text: str) -> list[str]:
    """Ruby's `String#split` with no argument: runs of ASCII whitespace."""
    return [w for w in re.split(f"{_SPACE}+", text) if w]


def xml_escape(value) -> str:
    """Ruby's XML attribute escaping: `&`, `<`, `>`, `"` and `'`."""
    return re.sub("[&<>\"']", lambda m: _XML[m[0]], to_s(value))


def number_of_words(value, mode=None) -> int:
    """Words split at whitespace; "cjk" also counts each CJK character as a
    word, and "auto" does so only when there is one."""
    text = text_only(nil(value))
    mode = nil(mode)
    cjk = len(_CJK_CHAR.findall(text)) if mode in ("cjk", "auto") else 0
    if mode == "cjk" or cjk:
        return cjk + len(_NON_CJK_WORD.findall(text))
    return len(words(text))


def array_to_sentence_string(value, connector="and") -> str:
    """`a, b, and c`: Ruby's join, so nested arrays are joined too."""
    value = nil(value)
    if not isinstance(value, (list, tuple)):
        raise ValueError(f"expects an array, got {describe(value)}")
    connector = to_s(connector)
    if not value:
        return ""
    if len(value) == 1:
        return to_s(value[0])
    if len(value) == 2:
        return f"{to_s(value[0])} {connector} {to_s(value[1])}"
    return f"{_join(value[:-1], ', ')}, {connector} {to_s(value[-1])}"


def _join(items, separator: str) -> str:
    return separator.join(
        _join(item, separator) if isinstance(item, (list, tuple)) else to_s(item)
        for item in items
    )


@with_environment
def markdownify(value, *, environment) -> str:
    """The site's Markdown, as for a post's body."""
    return environment.markdownify(to_s(value))


def normalize_whitespace(value) -> str:
    return re.sub(f"{_SPACE}+", " ", to_s(value)).strip(" \t\n\v\f\r\0")


def to_integer(value) -> int:
    """`true` is 1 and `false` 0; text gives its leading integer, or 0."""
    value = nil(value)
    if isinstance(value, bool):
        return int(value)
    return to_i(value)


def jsonify(value) -> str:
    return to_json(value)


def inspect_filter(value) -> str:
    """Ruby's `inspect` of the value, escaped for HTML as xml_escape does."""
    return xml_escape(inspect(value))


FILTERS = {
    "xml_escape": xml_escape,
    "number_of_words": number_of_words,
    "array_to_sentence_string": array_to_sentence_string,
    "markdownify": markdownify,
    "normalize_whitespace": normalize_whitespace,
    "to_integer": to_integer,
    "jsonify": jsonify,
    "inspect": inspect_filter,
}
