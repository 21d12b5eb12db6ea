"""Values as Ruby prints them, for filters that must print, inspect or
serialise exactly as Jekyll's do: `nil` prints nothing and `true` is not
`True`, 1e20 is `1.0e+20`, a hash inspects as `{"a"=>1}`, a time as
`2021-11-19 08:00:00 -0600`, and a post's JSON holds its neighbours
collapsed two levels down.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal

from liquid.undefined import Undefined

from ..drops import DocumentDrop

_NAMED_ESCAPES = {
    "\n": "\\n", "\t": "\\t", "\r": "\\r", "\f": "\\f", "\v": "\\v",
    "\b": "\\b", "\a": "\\a", "\x1b": "\\e", '"': '\\"', "\\": "\\\\",
}  # fmt: skip
# What a post's JSON leaves out of a neighbour it collapses (Jekyll's list).
_COLLAPSED = ("content", "output", "excerpt", "next", "previous")


def nil(value):
    """`None` for Liquid's undefined; a strict undefined raises here, as an
    undefined variable does in Jekyll with `strict_variables`."""
    if isinstance(value, Undefined):
        value.poke()
        return None
    return value


def is_drop(value) -> bool:
    """A Jekyll drop (a post, the site): a mapping that is not a plain hash."""
    return isinstance(value, Mapping) and not isinstance(value, dict)


def float_to_s(number: float) -> str:
    """Ruby's Float#to_s: shortest digits, exponent outside 1e-4 ... 1e16."""
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if number == 0:
        return "-0.0" if math.copysign(1, number) < 0 else "0.0"
    sign, digits, exponent = Decimal(repr(number)).normalize().as_tuple()
    text = "".join(map(str, digits))
    point = len(text) + exponent
    if -4 < point < 16:
        if point <= 0:
            body = "0." + "0" * -point + text
        elif point >= len(text):
            body = text + "0" * (point - len(text)) + ".0"
        else:
            body = text[:point] + "." + text[point:]
    else:
        body = f"{text[0]}.{text[1:] or '0'}e{point - 1:+03d}"
    return "-" + body if sign else body


def time_to_s(moment: datetime, fraction: bool = False) -> str:
    """Ruby's Time#to_s (and #inspect, which adds a fraction of a second)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    text = (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d} "
        f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}"
    )
    if fraction and moment.microsecond:
        text += f".{moment.microsecond:06d}".rstrip("0")
    return text + " " + moment.strftime("%z")


def to_s(value) -> str:
    """Ruby's #to_s, which Liquid and Jekyll use to print and to compare."""
    value = nil(value)
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return float_to_s(value)
    if isinstance(value, datetime):
        return time_to_s(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple, dict)):
        return inspect(value)
    return str(value)


def inspect(value) -> str:
    """Ruby's #inspect; a drop inspects as its pretty-printed JSON."""
    value = nil(value)
    if value is None:
        return "nil"
    if isinstance(value, str):
        return _inspect_string(value)
    if isinstance(value, datetime):
        return time_to_s(value, fraction=True)
    if isinstance(value, date):
        day = value.toordinal() + 1721425  # the Julian day Ruby shows
        return f"#<Date: {value.isoformat()} (({day}j,0s,0n),+0s,2299161j)>"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(inspect(item) for item in value) + "]"
    if isinstance(value, dict):
        pairs = (f"{inspect(k)}=>{inspect(v)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    if is_drop(value):
        return to_json(value, pretty=True)
    return to_s(value)


def _inspect_string(text: str) -> str:
    out = ['"']
    for at, char in enumerate(text):
        if char in _NAMED_ESCAPES:
            out.append(_NAMED_ESCAPES[char])
        elif char == "#" and text[at + 1 : at + 2] in ("{", "$", "@"):
            out.append("\\#")
        elif _unprintable(char):
            code = ord(char)
            out.append(f"\\u{code:04X}" if code <= 0xFFFF else f"\\u{{{code:X}}}")
        else:
            out.append(char)
    return "".join(out) + '"'


def _unprintable(char: str) -> bool:
    category = unicodedata.category(char)
    if category == "Cc":
        return char != "\x85"  # Ruby counts NEL as a space, so prints it
    return category in ("Cn", "Cs", "Zl", "Zp")


def to_json(value, pretty: bool = False) -> str:
    """Ruby's JSON.generate (or pretty_generate) of Jekyll's `as_liquid`."""
    return _json(value, 0, pretty)


def _json(value, depth: int, pretty: bool) -> str:
    value = nil(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise ValueError(f"{float_to_s(value)} is not allowed in JSON")
        return float_to_s(value)
    if isinstance(value, (list, tuple)):
        items = [_json(item, depth + 1, pretty) for item in value]
        return _joined("[", items, "]", depth, pretty)
    if isinstance(value, Mapping):
        pairs = [
            json.dumps(to_s(key), ensure_ascii=False)
            + (": " if pretty else ":")
            + _json(item, depth + 1, pretty)
            for key, item in _pairs(value, depth)
        ]
        return _joined("{", pairs, "}", depth, pretty)
    return json.dumps(to_s(value), ensure_ascii=False)


def _pairs(value: Mapping, depth: int):
    """A hash's pairs; a post two levels down shows its neighbours collapsed,
    which is how Jekyll's JSON of a post ends instead of recursing."""
    for key in value:
        item = value[key]
        if (
            depth >= 2
            and key in ("next", "previous")
            and isinstance(item, DocumentDrop)
        ):
            item = {k: item[k] for k in item if k not in _COLLAPSED}
        yield key, item


def _joined(opening: str, items: list[str], closing: str, depth: int, pretty: bool):
    if not items:
        return opening + closing
    if not pretty:
        return opening + ",".join(items) + closing
    inner = "  " * (depth + 1)
    return (
        f"{opening}\n{inner}" + f",\n{inner}".join(items) + f"\n{'  ' * depth}{closing}"
    )
