"""Jekyll's `slugify` in all its modes.

- "none" (or any unknown mode): the text lowercased, nothing replaced;
- "raw": runs of whitespace become one hyphen;
- "default": runs of anything but letters, marks and digits;
- "pretty": the same, but `._~!$&'()+,;=@` are kept too;
- "ascii": runs of anything but ASCII letters and digits;
- "latin": Latin accents dropped first (I18n's transliteration: `é` is `e`,
  `Æ` is `AE`, `ß` is `ss`, any other non-ASCII character `?`), then "default".

One hyphen is then taken off each end, and the slug lowercased unless
`cased`. Jekyll's filter takes the mode only; `cased` is for callers in Python.
"""

from __future__ import annotations

import re
import unicodedata

from .ruby import nil, to_s
from .support import text_only

_MODES = ("raw", "default", "pretty", "ascii", "latin")
_PRETTY_KEPT = frozenset("._~!$&'()+,;=@")
# The Latin letters I18n approximates by more (or other) than their base letter.
_APPROXIMATIONS = {
    "Æ": "AE", "æ": "ae", "Ð": "D", "ð": "d", "×": "x", "Ø": "O", "ø": "o",
    "Þ": "Th", "þ": "th", "ß": "ss", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h",
    "ı": "i", "ĸ": "k", "Ł": "L", "ł": "l", "ŉ": "'n", "Ŋ": "NG", "ŋ": "ng",
    "Œ": "OE", "œ": "oe", "Ŧ": "T", "ŧ": "t",
}  # fmt: skip


def slugify(text: str, mode: str | None = None, cased: bool = False) -> str:
    if mode is None:
        mode = "default"
    if mode not in _MODES:
        return text if cased else text.lower()
    if mode == "latin":
        text = "".join(_transliterated(char) for char in text)
    if mode == "raw":
        slug = re.sub("[ \t\n\v\f\r]+", "-", text)
    else:
        slug = _hyphenated(text, mode)
    slug = slug.removeprefix("-").removesuffix("-")
    return slug if cased else slug.lower()


def _hyphenated(text: str, mode: str) -> str:
    """Each run of characters the mode does not keep becomes one hyphen."""
    pieces: list[str] = []
    run = False
    for char in text:
        if _kept(char, mode):
            if run:
                pieces.append("-")
            pieces.append(char)
            run = False
        else:
            run = True
    if run:
        pieces.append("-")
    return "".join(pieces)


def _kept(char: str, mode: str) -> bool:
    if mode == "ascii":
        return char.isascii() and char.isalnum()
    if mode == "pretty" and char in _PRETTY_KEPT:
        return True
    category = unicodedata.category(char)
    return category[0] in "LM" or category == "Nd"


def _transliterated(char: str) -> str:
    """I18n's default approximation of one character: Latin-1 and Latin
    Extended-A letters lose their accents; other non-ASCII is `?`."""
    if char.isascii():
        return char
    if char in _APPROXIMATIONS:
        return _APPROXIMATIONS[char]
    if "\u00c0" <= char <= "\u017e" and char != "\u00f7":
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if c.isascii())
        if base:
            return base
    return "?"


def slugify_filter(value, mode=None):
    value = nil(value)
    if value is None:
        return None
    mode = nil(mode)
    return slugify(text_only(value), None if mode is None else to_s(mode))


FILTERS = {"slugify": slugify_filter}
