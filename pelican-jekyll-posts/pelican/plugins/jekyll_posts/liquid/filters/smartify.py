"""Jekyll's `smartify`: kramdown's SmartyPants parser, which only knows smart
quotes, entities, typographic symbols and HTML tags.

It scans as kramdown does: at each place where one of them may start, the
first that matches is taken, and the rules for a quote look at the character
before it. Quotes and symbols come out as characters, text is escaped for
HTML (`&`, `<`, `>`), an entity as a character unless it is one of those
three, and HTML tags are kept, the text inside them educated unless the
element's content is raw (`code`, `pre`, `kbd`...). A line that starts with a
block element (`<div>`) is kept as it is, up to its closing tag.
"""

from __future__ import annotations

import contextlib
import html.entities
import re

from .ruby import to_s

_NAME = r"[A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?"
_START = re.compile(r"""(?=[^\\]?["']|&|--|\.\.\.|(?:\\| )?(?:<<|>>)|<)""")
_QUOTE_START = re.compile(r"""[^\\]?["']""")
_PUNCT = r"""[!"#$%'()*+,\-./:;<=>?@\[\\\]^_`{|}~]"""
# (rule, what each part becomes): a group's text, or a quote (1 and 2 name the
# group whose quote character decides between single and double).
_QUOTE_RULES = [
    (re.compile(p, re.ASCII | re.S), parts)
    for p, parts in (
        (r"""(["'])(?=[_*]{1,2}\S)""", [("open", 1)]),
        (rf"""(["'])(?={_PUNCT}(?!\.\.)\B)""", [("close", 1)]),
        (r"""(\s?)"'(?=\w)""", [1, "\u201c", "\u2018"]),
        (r"""(\s?)'"(?=\w)""", [1, "\u2018", "\u201c"]),
        (r"""(\s?)'(?=\d\ds)""", [1, "\u2019"]),
        (r"""(\s)(["'])(?=\w)""", [1, ("open", 2)]),
        (r"""([^ \\\t\r\n\[{(-])(["'])""", [1, ("close", 2)]),
        (r"""(["'])(?=\s|s\b|\Z)""", [("close", 1)]),
        (r"""(.?)'""", [1, "\u2018"]),
        (r"""(.?)\"""", [1, "\u201c"]),
    )
]
_QUOTES = {("open", '"'): "\u201c", ("open", "'"): "\u2018",
           ("close", '"'): "\u201d", ("close", "'"): "\u2019"}  # fmt: skip
_ENTITY = re.compile(
    r"&([A-Za-z0-9_:][\-\w.:]*);|&#(\d+);|&#x([0-9a-fA-F]+);", re.ASCII
)
_SYMBOL = re.compile(r"---|--|\.\.\.|\\<<|\\>>|<< | >>|<<|>>")
_SYMBOLS = {"---": "\u2014", "--": "\u2013", "...": "\u2026", "\\<<": "&lt;&lt;",
            "\\>>": "&gt;&gt;", "<< ": "\u00ab\u00a0", " >>": "\u00a0\u00bb",
            "<<": "\u00ab", ">>": "\u00bb"}  # fmt: skip
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CLOSE = re.compile(rf"</({_NAME})\s*>")
_TAG = re.compile(
    rf"""<({_NAME})((?:\s+{_NAME}(?:\s*=\s*(?:\w+|("|').*?\3))?)*)\s*(/)?>""", re.S
)
_RAW_CONTENT = {
    "script",
    "style",
    "math",
    "option",
    "textarea",
    "pre",
    "code",
    "kbd",
    "samp",
    "var",
}
_VOID = {"area", "base", "br", "col", "command", "embed", "hr", "img", "input",
         "keygen", "link", "meta", "param", "source", "track", "wbr"}  # fmt: skip
_BLOCK = {"address", "article", "aside", "applet", "body", "blockquote", "caption",
          "col", "colgroup", "dd", "div", "dl", "dt", "fieldset", "figcaption", "footer",
          "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html",
          "head", "iframe", "legend", "menu", "li", "main", "map", "nav", "ol", "optgroup",
          "p", "pre", "section", "summary", "table", "tbody", "td", "th", "thead", "tfoot",
          "tr", "ul"}  # fmt: skip
_BLOCK_LINE = re.compile(rf" {{0,3}}<(?:!--|/?({_NAME}))")
# kramdown's entity names: HTML 4's, plus two, and four it maps differently.
_NAMED = {**html.entities.name2codepoint, "apos": 39, "vellip": 8942, "rceil": 8968,
          "lceil": 8969, "rang": 9001, "lang": 9002}  # fmt: skip


def smartify(value) -> str:
    lines = to_s(value).splitlines(keepends=True)
    out: list[str] = []
    text: list[str] = []
    closing = None
    for line in lines:
        if closing is None:
            block = _BLOCK_LINE.match(line)
            name = block and (block[1] or "").lower()
            if block and (name in _BLOCK or not block[1]):
                out.append(_educate("".join(text)))
                text = []
                closing = re.compile(rf"</{name}\s*>" if name else "-->", re.I)
        if closing is None:
            text.append(line)
            continue
        out.append(line)  # a block of HTML, kept as written
        if closing.search(line):
            closing = None
    out.append(_educate("".join(text)))
    return "".join(out).removesuffix("\n")


def _educate(text: str) -> str:
    return _spans(text, 0, None, True)[0]


def _spans(text: str, at: int, stop, educate: bool) -> tuple[str, int, bool]:
    """HTML for `text` from `at` up to the `stop` pattern (an element's end);
    whether it was found."""
    out: list[str] = []
    while at < len(text):
        found = _START.search(text, at)
        if stop is not None:
            end = stop.search(text, at)
            if end and (not found or end.start() <= found.start()):
                out.append(_escape(text[at : end.start()]))
                return "".join(out), end.end(), True
        if not found:
            out.append(_escape(text[at:]))
            return "".join(out), len(text), False
        out.append(_escape(text[at : found.start()]))
        at = found.start()
        rest = text[at:]
        if educate and _QUOTE_START.match(rest):
            html, used = _quote(rest)
        elif educate and (entity := _ENTITY.match(rest)):
            html, used = _entity(entity), entity.end()
        elif educate and (symbol := _SYMBOL.match(rest)):
            html, used = _SYMBOLS[symbol[0]], symbol.end()
        elif rest.startswith("<"):
            html, used = _html(text, at, educate)
            used -= at
        else:
            html, used = _escape(rest[0]), 1
        out.append(html)
        at += used
    return "".join(out), at, False


def _quote(rest: str) -> tuple[str, int]:
    for rule, parts in _QUOTE_RULES:
        found = rule.match(rest)
        if found:
            pieces = [
                _escape(found[p]) if isinstance(p, int)
                else _QUOTES[p[0], found[p[1]]] if isinstance(p, tuple)
                else p
                for p in parts
            ]  # fmt: skip
            return "".join(pieces), found.end()
    return _escape(rest[0]), 1


def _entity(found: re.Match) -> str:
    name, decimal, hexadecimal = found.groups()
    if name is not None:
        if name not in _NAMED:
            return "&amp;" + _escape(found[0][1:])
        code = _NAMED[name]
    else:
        code = int(decimal) if decimal is not None else int(hexadecimal, 16)
        if 128 <= code <= 159:  # kramdown reads these as Windows-1252
            with contextlib.suppress(UnicodeDecodeError):
                code = ord(bytes([code]).decode("cp1252"))
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or chr(code) in "<>&":
        return found[0]
    return chr(code)


def _html(text: str, at: int, educate: bool) -> tuple[str, int]:
    """A comment, a stray closing tag (text), or an element and its content."""
    rest = text[at:]
    if comment := _COMMENT.match(rest):
        return comment[0], at + comment.end()
    if closing := _CLOSE.match(rest):
        return _escape(closing[0]), at + closing.end()
    tag = _TAG.match(rest)
    if not tag:
        return "&lt;", at + 1
    name = tag[1].lower()
    if name in _BLOCK:
        return _escape(tag[0]), at + tag.end()
    opening = f"<{name}{_attributes(tag[2])}"
    if name in _VOID or tag[4]:
        return opening + " />", at + tag.end()
    stop = re.compile(rf"</{re.escape(name)}\s*>", re.I)
    inner, end, _ = _spans(
        text, at + tag.end(), stop, educate and name not in _RAW_CONTENT
    )
    return f"{opening}>{inner}</{name}>", end


def _attributes(text: str) -> str:
    out = []
    for found in re.finditer(
        rf"""({_NAME})(?:\s*=\s*(?:(\w+)|("|')(.*?)\3))?""", text, re.S
    ):
        value = found[2] if found[2] is not None else found[4] or ""
        value = re.sub(r"\n+", " ", value)
        out.append(f' {found[1].lower()}="{_escape(value, attribute=True)}"')
    return "".join(out)


def _escape(text: str, attribute: bool = False) -> str:
    """kramdown's escaping: entities already written are left alone."""
    pattern = r"&(?:[A-Za-z0-9_:][\-\w.:]*|#\d+|#x[0-9a-fA-F]+);|[<>&]" + (
        '|"' if attribute else ""
    )
    table = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;"}
    return re.sub(pattern, lambda m: table.get(m[0], m[0]), text)


FILTERS = {"smartify": smartify}
