"""Liquid's standard filters on arrays and numbers, as Ruby's Liquid 5 runs
them (see filters_standard for why these are replaced).

- `join`, `map` and the others read their input as Liquid's InputIterator
  does: an array flattened, a hash as one item, nil as nothing; items print
  with Ruby's to_s (nil as nothing) and an item without properties maps to nil.
- `round` rounds half up and takes negative digits; `modulo` and
  `divided_by` compute in decimal, as Ruby's BigDecimal; `size` of a number
  is 8 (Ruby's Integer#size).
- `sort_natural` compares with ASCII case folding and puts nil last; `uniq`
  keeps 1, 1.0 and true apart; `first` of a hash is its first pair.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cmp_to_key

from .coerce import hash_key
from .ruby import is_drop, nil, to_s

_WHITESPACE = " \t\n\v\f\r\0"


def _iterated(value) -> list:
    """Liquid's InputIterator: an array flattened, a hash as one item, a
    page or post as its keys (a drop's `each`)."""
    value = nil(value)
    if value is None:
        return []
    if is_drop(value):
        return list(value)
    if isinstance(value, (list, tuple, range)):
        return [leaf for item in value for leaf in _iterated_leaves(item)]
    return [value]


def _iterated_leaves(item):
    if isinstance(item, (list, tuple)):
        for inner in item:
            yield from _iterated_leaves(inner)
    else:
        yield item


def join(value, glue=" ") -> str:
    return to_s(glue).join(to_s(item) for item in _iterated(value))


def map_(value, key):
    """Each item's property; an item that has no properties gives nil."""
    key = to_s(nil(key))
    out = []
    for item in _iterated(value):
        if key == "to_liquid":
            out.append(item)
        elif isinstance(item, (list, tuple, int)) and not isinstance(item, bool):
            raise ValueError(f"cannot select the property '{key}'")
        else:
            out.append(
                _property(item, key) if isinstance(item, (str, Mapping)) else None
            )
    return out


def size(value) -> int:
    value = nil(value)
    if isinstance(value, (str, list, tuple, dict, range)):
        return len(value)
    return 8 if isinstance(value, int) and not isinstance(value, bool) else 0


def _number(value):
    """Liquid's Utils.to_number: an int or a Decimal."""
    value = nil(value)
    if isinstance(value, bool) or value is None:
        return 0
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        if re.fullmatch(r"-?\d+\.\d+", value.strip(_WHITESPACE)):
            return Decimal(value.strip(_WHITESPACE))
        found = re.match(r"[ \t\n\v\f\r]*([+-]?\d+(?:_\d+)*)", value)
        return int(found[1].replace("_", "")) if found else 0
    return 0


def round_(value, digits=0):
    number, places = _number(value), int(_number(digits))
    try:
        rounded = Decimal(number).quantize(
            Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP
        )
    except InvalidOperation:  # more digits than a decimal holds: as it is
        return float(number) if isinstance(number, Decimal) else number
    if isinstance(number, int) and places >= 0:
        return number
    result = int(rounded) if places <= 0 else float(rounded)
    zero = (
        isinstance(digits, (int, float))
        and not isinstance(digits, bool)
        and digits == 0
    )
    return int(result) if zero else result


def _decimal_operation(value, operand, operation):
    left, right = _number(value), _number(operand)
    if isinstance(left, int) and isinstance(right, int):
        return operation(left, right, integers=True)
    return float(operation(Decimal(left), Decimal(right), integers=False))


def divided_by(value, operand):
    def divide(a, b, integers):
        if b == 0:
            raise ZeroDivisionError("divided by 0")
        return a // b if integers else a / b

    return _decimal_operation(value, operand, divide)


def modulo(value, operand):
    def remainder(a, b, integers):
        if b == 0:
            raise ZeroDivisionError("divided by 0")
        return (
            a % b
            if integers
            else a - b * (a / b).to_integral_value(rounding="ROUND_FLOOR")
        )

    return _decimal_operation(value, operand, remainder)


def sort_natural(value, key=None):
    items = _iterated(value)
    key = nil(key)
    if key is not None:
        items = [(_property(item, key), item) for item in items]
    else:
        items = [(item, item) for item in items]
    ordered = sorted(items, key=cmp_to_key(lambda a, b: _casecmp(a[0], b[0])))
    return [item for _, item in ordered]


def _property(item, key):
    if isinstance(item, str):
        return key if key in item else None
    try:
        return nil(item[key])
    except (KeyError, IndexError, TypeError):
        return None


def _casecmp(a, b) -> int:
    if a is None or b is None:
        return 1 if a is None else -1
    left, right = (to_s(v).encode() for v in (a, b))
    left, right = left.lower(), right.lower()  # bytes: ASCII letters only
    return (left > right) - (left < right)


def uniq(value, key=None):
    items, key = _iterated(value), nil(key)
    seen: set = set()
    kept = []
    for item in items:
        mark = hash_key(_property(item, key) if key is not None else item)
        if mark not in seen:
            seen.add(mark)
            kept.append(item)
    return kept


def first(value):
    value = nil(value)
    if isinstance(value, dict):
        return next(([k, v] for k, v in value.items()), None)
    if isinstance(value, (list, tuple, range)):
        return value[0] if value else None
    return None


FILTERS = {
    "join": join,
    "map": map_,
    "size": size,
    "round": round_,
    "divided_by": divided_by,
    "modulo": modulo,
    "sort_natural": sort_natural,
    "uniq": uniq,
    "first": first,
}
