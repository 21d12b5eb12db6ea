"""kramdown's attribute lists: `{: .class #id key="value" name}` read as kramdown
reads them, with the definitions (`{:name: ...}`) that a bare `name` refers to.

A list sets classes (`.x` adds one, `class="x"` replaces them), the id (the
last wins) and quoted `key="value"` pairs; anything else in it is ignored, as
kramdown ignores it. A definition may be written anywhere in the post, even
after its use, and one written twice is the two merged; a list's own values
win over a definition's, whose classes come first.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

# A `}` inside a list is escaped as `\}`, as kramdown has it.
_BODY = r"((?:\\\}|[^}])*)"
# A whole line that is only an attribute list, or a definition.
LINE = re.compile(r" {0,3}\{:(?![:/])(?![\w-]+:)" + _BODY + r"\}[ \t]*")
DEFINITION = re.compile(r" {0,3}\{:(\w[\w-]*):" + _BODY + r"\}[ \t]*")
# One right after a span, at the start of the text that follows it.
SPAN = re.compile(r"\{:(?![:/])(?![\w-]+:)" + _BODY + r"\}")

_ITEM = re.compile(
    r"""\.(-?\w[\w-]*)"""  # .class
    r"""|\#([A-Za-z][\w:-]*)"""  # #id
    r"""|(\w[\w-]*)=(?:"((?:\\.|[^"\\])*)"|'((?:\\.|[^'\\])*)')"""  # key="value"
    r"""|(\w[\w-]*)(?=\s|$)"""  # a definition's name
    r"""|\S+"""  # anything else: ignored
)


@dataclass
class Parsed:
    """One list's values, before the definitions it names are looked up."""

    names: list[str] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)


def parse(text: str) -> Parsed:
    parsed = Parsed()
    values = parsed.values
    for item in _ITEM.finditer(text):
        css, ident, key, double, single, name = item.groups()
        if css:
            values["class"] = f"{values.get('class', '')} {css}".lstrip()
        elif ident:
            values["id"] = ident
        elif key:
            quote = '"' if double is not None else "'"
            value = double if double is not None else single
            values[key] = value.replace("\\}", "}").replace("\\" + quote, quote)
        elif name:
            parsed.names.append(name)
    return parsed


class Definitions:
    """A post's attribute list definitions, by name."""

    def __init__(self) -> None:
        self._by_name: dict[str, list[Parsed]] = {}

    def define(self, name: str, text: str) -> None:
        self._by_name.setdefault(name, []).append(parse(text))

    def resolve(self, parsed: Parsed, seen: frozenset[str] = frozenset()) -> dict:
        """The attributes a list gives: its definitions' first, then its own."""
        result: dict[str, str] = {}
        for name in parsed.names:
            if name in seen or name not in self._by_name:
                continue  # kramdown ignores an unknown name
            for part in self._by_name[name]:
                merge(result, self.resolve(part, seen | {name}))
        own = dict(parsed.values)
        if "class" in result and "class" in own:
            own["class"] = f"{result['class']} {own['class']}"
        result.update(own)
        return result


def merge(into: dict[str, str], values: dict[str, str]) -> None:
    """`values` added to `into`: classes after its classes, others in place."""
    for key, value in values.items():
        if key == "class" and into.get("class"):
            into["class"] = f"{into['class']} {value}"
        else:
            into[key] = value


def apply(element, values: dict[str, str]) -> None:
    """Set `values` on an ElementTree element; classes add to its own."""
    for key, value in values.items():
        if key == "class" and element.get("class"):
            value = f"{element.get('class')} {value}"
        element.set(key, value)


_FIRST_TAG = re.compile(r"\s*<([A-Za-z][\w-]*)([^>]*?)(/?)>")
_CLASS = re.compile(r"""\sclass=(["'])(.*?)\1""")


def apply_to_html(markup: str, values: dict[str, str]) -> str:
    """`values` set on the first tag of raw HTML (a highlighted code block, an
    HTML block), the element kramdown gives them to."""
    tag = _FIRST_TAG.match(markup)
    if tag is None or not values:
        return markup
    attributes = tag.group(2)
    values = dict(values)
    css = _CLASS.search(attributes)
    if css and "class" in values:
        joined = f"{html.unescape(css.group(2))} {values.pop('class')}"
        attributes = attributes[: css.start()] + attributes[css.end() :]
        values = {"class": joined, **values}
    for key in values:
        attributes = re.sub(rf"""\s{re.escape(key)}=(["']).*?\1""", "", attributes)
    added = "".join(f' {k}="{html.escape(v)}"' for k, v in values.items())
    start, end = tag.span(2)
    return markup[:start] + attributes + added + markup[end:]
