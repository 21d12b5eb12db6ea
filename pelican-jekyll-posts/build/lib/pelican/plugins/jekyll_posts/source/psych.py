"""What Ruby's YAML (Psych) makes of an unquoted front-matter value, before
Jekyll sees it.

Psych types a plain scalar by its look: YAML's timestamp form is a Time (UTC
without an offset), numbers are numbers (`20210410`, `0x1f`, `10:30` is
37800), `yes` is true and `~` null. Jekyll then turns whatever it got back into
text for Ruby's Time.parse, except a Time, which is the moment itself. The
steps and their quirks are Psych 4's (Ruby 3.1), as Jekyll 4.3 runs them.
"""

from __future__ import annotations

import re
from datetime import datetime
from fractions import Fraction

from . import ruby_time

# Psych's timestamp: YAML 1.1's, with `\s` and `\d` in ASCII.
_WS = "[ \t\n\v\f\r]"
_TIMESTAMP = re.compile(
    rf"-?[0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}}(?:[Tt]|{_WS}+)"
    rf"[0-9]{{1,2}}:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?"
    rf"(?:{_WS}*(?:Z|[-+][0-9]{{1,2}}:?(?:[0-9][0-9])?))?"
)
DAY = re.compile(r"(-?[0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_CLOCK = re.compile(
    rf"([0-9]+):([0-9]+):([0-9]+)(?:\.([0-9]*))?{_WS}*(Z|[-+][0-9]+(?::[0-9][0-9])?)?"
)
_TEXT_LIKE = re.compile(rf"[^0-9.:-]?(?:[^\W0-9]|{_WS}|[!@#$%^&*(){{}}<>|/\\~;=])")
_WORDS = {"yes": "true", "true": "true", "on": "true", "no": "false"}
_WORDS |= {"false": "false", "off": "false", "null": "", "~": ""}
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9]){1,2}(\.[0-9_]*)?")
_FLOAT = re.compile(r"[-+]?(?:[0-9][0-9_,]*)?\.[0-9]*(?:[eE][-+][0-9]+)?")
_INTEGER = re.compile(
    r"[-+]?(?:0b[0-1_,]+|0[0-7_,]+|(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|0x[0-9a-fA-F_,]+)"
)


class Refused(ValueError):
    """Psych reads the value as something Jekyll refuses as a date."""


def typed(text: str) -> datetime | str:
    """What Psych makes of an unquoted value: a moment, or the text Jekyll
    then parses (a number or a boolean written out again)."""
    if not text:
        raise Refused("'' is not a date: YAML reads an empty value as null")
    if _TEXT_LIKE.match(text) or "\n" in text:
        word = _WORDS.get(text.lower()) if len(text) <= 5 else None
        if word is None:
            return text
        raise Refused(f"'{text}' is not a date: YAML reads it as {word or 'null'}")
    if _TIMESTAMP.fullmatch(text):
        try:
            return _timestamp(text)
        except ruby_time.TimeError:
            return text  # Psych gives up and leaves the text to Time.parse
    if text.startswith(":") and len(text) > 1:
        raise Refused(f"'{text}' is not a date: YAML reads it as a symbol")
    try:
        if m := _SEXAGESIMAL.fullmatch(text):
            return _sexagesimal(text, float if m[1] is not None else int)
        if _FLOAT.fullmatch(text) and not re.fullmatch(r"[-+]?\.", text):
            return _ruby_float(float(re.sub(r"[,_]|\.(?=[Ee]|$)", "", text)))
        if _INTEGER.fullmatch(text):
            return str(_integer(re.sub("[,_]", "", text)))
    except ValueError:
        raise Refused(
            f"'{text}' is not a date: YAML cannot read it as a number"
        ) from None
    return text


def _timestamp(text: str) -> datetime:
    """Psych's own steps: split at the first space or T, read the clock and
    its zone with looser patterns than the ones that recognised it."""
    cut = re.search("[ tT]", text)
    c = cut and _CLOCK.search(text, cut.end())
    d = DAY.match(text)
    if not c:
        raise Refused(
            f"'{text}' is not a date: Jekyll's YAML cannot read it (a tab before the time?)"
        )
    year, mon, mday = map(int, d.groups())
    hour, minute, sec = map(int, c.group(1, 2, 3))
    micro = int(Fraction(f"0.{c[4]}") * 1_000_000) if c[4] else 0
    if not c[5] or c[5] == "Z":
        return ruby_time.utc_time(year, mon, mday, hour, minute, sec, micro)
    z = re.fullmatch(r"([+-]?[0-9]{1,2}):?([0-9]{1,2})?", c[5])
    # The sign comes from the hours alone, so -00:30 is half an hour east.
    hours = int(z[1])
    off = hours * 3600 + (-1 if hours < 0 else 1) * int(z[2] or 0) * 60
    return ruby_time.offset_time(year, mon, mday, hour, minute, sec, micro, off)


def _sexagesimal(text: str, kind: type) -> str:
    """Psych weighs the parts 60**2, 60, 1 from the left, even when there
    are only two (`10:30` is 37800), and signs the first part alone."""
    parts = text.replace("_", "").split(":")
    total = sum(kind(p) * 60 ** abs(i - 2) for i, p in enumerate(parts))
    return _ruby_float(total) if kind is float else str(total)


def _integer(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-")
    for prefix, base in (("0b", 2), ("0x", 16)):
        if digits.startswith(prefix):
            return sign * int(digits[2:], base)
    if len(digits) > 1 and digits.startswith("0"):
        return sign * int(digits, 8)
    return sign * int(digits)


def _ruby_float(value: float) -> str:
    """Ruby's Float#to_s: `1.0e+16` where Python writes `1e+16`."""
    text = repr(value)
    if text in ("inf", "-inf", "nan"):
        return {"inf": "Infinity", "-inf": "-Infinity", "nan": "NaN"}[text]
    mantissa, e, exponent = text.partition("e")
    if e and "." not in mantissa:
        mantissa += ".0"
    return mantissa + (f"e{exponent[0]}{exponent[1:].zfill(2)}" if e else "")
