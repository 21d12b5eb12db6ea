"""Typographic quotes as kramdown chooses them.

kramdown reads a text from left to right; at each quote it looks at the
character before it (unless an earlier quote took that character, or the
text starts there) and tries its rules in order; the first that matches
decides. A quote alone between spaces opens (`" (#12)` is “), and a quote
right after another one still opens (`""x"` is ““x”): rules of thumb that
SmartyPants, which Python-Markdown's smarty follows, answers otherwise.
"""

from __future__ import annotations

import re

LSQUO, RSQUO, LDQUO, RDQUO = "\u2018", "\u2019", "\u201c", "\u201d"
# \x02 starts an inline element Markdown set aside: an HTML tag, to kramdown.
_PUNCT = r"""[!"#$%'()*+,\-./:;<=>?@\[\\\]^_`{|}~\x02]"""
_CLOSE = r"[^ \\\t\r\n\[{(-]"
_OPEN = {'"': LDQUO, "'": LSQUO}
_SHUT = {'"': RDQUO, "'": RSQUO}

# Ruby's \s, \w and \b are ASCII: so are these (re.A).
# (pattern tried where the quote's match starts, what each group becomes: a
# group kept as written, or a quote opened or shut, or a fixed character)
_RULES = [
    (re.compile(r"""(["'])(?=[_*]{1,2}\S)""", re.A), ("open",)),
    (re.compile(rf"""(["'])(?={_PUNCT}(?!\.\.)\B)""", re.A), ("shut",)),
    (re.compile(r"""(\s?)"'(?=\w)""", re.A), (1, LDQUO, LSQUO)),
    (re.compile(r"""(\s?)'"(?=\w)""", re.A), (1, LSQUO, LDQUO)),
    (re.compile(r"(\s?)'(?=\d\ds)", re.A), (1, RSQUO)),
    (re.compile(r"""(\s)(["'])(?=\w)""", re.A), (1, "open")),
    (re.compile(rf"""({_CLOSE})(["'])""", re.A), (1, "shut")),
    (re.compile(r"""(["'])(?=\s|s\b|$)""", re.A), ("shut",)),
    (re.compile(r"(.?)'", re.S), (1, LSQUO)),
    (re.compile(r'(.?)"', re.S), (1, LDQUO)),
]
_QUOTE = re.compile(r"""["']""")


def educate(text: str, after: str = "", taken: frozenset[int] = frozenset()) -> str:
    """`text` with each straight quote turned as kramdown turns it; `after`
    is what kramdown would see right after it (`*` before an emphasis), and
    `taken` where a symbol kramdown reads first ends (`--`): a quote there
    starts a text of its own."""
    if '"' not in text and "'" not in text:
        return text
    if after:  # seen by the rules' look-ahead, never taken by a rule
        return educate(text + after, "", taken)[: -len(after)]
    out: list[str] = []
    done = 0  # characters before this are written (or taken by a rule)
    for found in _QUOTE.finditer(text):
        at = found.start()
        if at < done:
            continue
        before = text[at - 1] if at - 1 >= done and at not in taken else "\\"
        # After a backslash or an element Markdown set aside (its placeholder
        # ends in \x03), the quote starts a text of its own, as in kramdown.
        start = at if before in "\\\x03" else at - 1
        out.append(text[done:start])
        done = _apply(text, start, out)
    out.append(text[done:])
    return "".join(out)


def _apply(text: str, start: int, out: list[str]) -> int:
    """The first rule that matches at `start`, written to `out`; where the
    text goes on."""
    for pattern, parts in _RULES:
        match = pattern.match(text, start)
        if match is None:
            continue
        quote_group = 2 if len(match.groups()) > 1 else 1
        for part in parts:
            if isinstance(part, int):
                out.append(match[part] or "")
            elif part == "open":
                out.append(_OPEN[match[quote_group]])
            elif part == "shut":
                out.append(_SHUT[match[quote_group]])
            else:
                out.append(part)
        return match.end()
    out.append(text[start])  # a backslash's quote, which no rule takes
    return start + 1
