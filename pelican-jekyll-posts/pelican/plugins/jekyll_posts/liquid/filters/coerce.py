"""Ruby's conversions and comparisons that Jekyll's filters rely on: Liquid's
`Utils.to_integer` (what `pop: "2"` accepts), `#to_i` (what `to_integer`
prints), `<=>` (how `sort` orders, and where it has no answer) and the
equality of hash keys (how `uniq` and `group_by_exp` tell values apart).
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime

from ..drops import DocumentDrop
from .ruby import float_to_s, inspect, is_drop, nil, to_s

# What `Integer()` reads: decimal, 0x, 0b, 0o or a leading 0 (octal), 0d.
_INTEGER = re.compile(
    r"[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+(?:_[0-9a-fA-F]+)*|0[bB][01]+(?:_[01]+)*"
    r"|0[oO]?[0-7]+(?:_[0-7]+)*|0[dD][0-9]+(?:_[0-9]+)*|[1-9][0-9]*(?:_[0-9]+)*|0)"
    r"[ \t\n\v\f\r]*"
)
_BASES = {"x": 16, "b": 2, "o": 8, "d": 10}
_LEADING_INTEGER = re.compile(r"[ \t\n\v\f\r]*([+-]?[0-9]+(?:_[0-9]+)*)")


def hash_key(value):
    """A key equal for values Ruby's hashes take as one: 1, 1.0 and true are
    three keys, two equal arrays one, two posts two."""
    if is_drop(value):
        return ("drop", id(value))
    if isinstance(value, (list, tuple, dict)):
        return (type(value).__name__, inspect(value))
    return (type(value).__name__, value)


def to_integer(value) -> int:
    """Liquid's `Utils.to_integer`: an Integer, or text `Integer()` reads."""
    value = nil(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    found = _INTEGER.fullmatch(to_s(value))
    if not found:
        raise ValueError(f"invalid integer {inspect(value)}")
    sign, body = found.groups()
    body = body.replace("_", "")
    if len(body) > 1 and body[0] == "0":
        base = _BASES.get(body[1].lower())
        number = int(body[2:], base) if base else int(body[1:], 8)
    else:
        number = int(body)
    return -number if sign == "-" else number


def to_i(value) -> int:
    """Ruby's #to_i: the leading integer of text (or 0), a float truncated."""
    value = nil(value)
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, (str, int, float, datetime)):
        raise ValueError(f"{inspect(value)} has no integer value")
    if isinstance(value, str):
        found = _LEADING_INTEGER.match(value)
        return int(found[1].replace("_", "")) if found else 0
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        raise ValueError(f"{float_to_s(value)} has no integer value")
    if isinstance(value, datetime):
        return int(value.timestamp())
    return int(value)


def compare(left, right) -> int | None:
    """Ruby's `<=>`: -1, 0 or 1, or None where Ruby has no order."""
    if left is None or right is None:
        return 0 if left is right else None
    if isinstance(left, bool) or isinstance(right, bool):
        return 0 if left is right else None
    numbers = (int, float)
    if isinstance(left, numbers) and isinstance(right, numbers):
        if math.isnan(left) or math.isnan(right):
            return None
        return (left > right) - (left < right)
    if isinstance(left, datetime) and isinstance(right, datetime):
        left, right = _aware(left), _aware(right)
        return (left > right) - (left < right)
    same = type(left) is type(right) or (
        isinstance(left, str) and isinstance(right, str)
    )
    if same and isinstance(left, (str, date)):
        return (left > right) - (left < right)
    if isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
        for a, b in zip(left, right, strict=False):
            found = compare(a, b)
            if found != 0:
                return found
        return (len(left) > len(right)) - (len(left) < len(right))
    if isinstance(left, DocumentDrop) and isinstance(right, DocumentDrop):
        return _compare_documents(left, right)
    if is_drop(left) or is_drop(right):
        return 0 if left is right else None
    return 0 if left == right else None


def _compare_documents(left: DocumentDrop, right: DocumentDrop) -> int | None:
    """Jekyll orders documents by date, then by path."""
    found = compare(left["date"], right["date"])
    if found is None or found == 0:
        found = compare(left["path"], right["path"])
    return found


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
