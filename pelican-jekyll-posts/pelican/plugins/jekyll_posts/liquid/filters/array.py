"""Jekyll's array filters: where, find, group_by, sort, push, pop, shift,
unshift and sample.

Items are hashes (`site.data`), posts and pages (drops) or plain values.
A property may be a path (`author.name`); values that look like numbers are
compared as numbers, and `where` compares as text, so `where: "year", 2021`
finds `year: "2021"`. `sample` is not random: its choice is a function of
the page and of how many samples it took before, so a build is reproducible
and a cached page stays right.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Mapping
from functools import cmp_to_key

from liquid.filter import with_context

from .coerce import compare, to_integer
from .ruby import nil, to_s
from .support import describe

_INTEGER_LIKE = re.compile(r"[ \t\n\v\f\r]*-?[0-9]+[ \t\n\v\f\r]*\n?")
_FLOAT_LIKE = re.compile(
    r"[ \t\n\v\f\r]*-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)[ \t\n\v\f\r]*\n?"
)


def item_property(item, key):
    """An item's property, as a number when it reads as one (for sorting)."""
    key = to_s(key)
    if "." in key:
        value = item
        for part in key.split("."):
            value = _lookup(value, part) if _indexable(value) else False
    else:
        value = _lookup(item, key)
    text = to_s(value)
    if _INTEGER_LIKE.fullmatch(text):
        return int(text.strip())
    if _FLOAT_LIKE.fullmatch(text):
        return float(text.strip())
    return value


def _indexable(value) -> bool:
    return value is not None and value is not False and value is not True


def _lookup(item, key: str):
    item = nil(item)
    if isinstance(item, Mapping):
        try:
            return nil(item[key])
        except KeyError:
            return None
    if isinstance(item, str):
        return key if key in item else None
    raise ValueError(f"cannot read '{key}' of {describe(item)}")


def _items(value):
    """The items of an array, or of a hash's values; None if not a collection."""
    if isinstance(value, Mapping):
        return list(value.values()) if isinstance(value, dict) else None
    return list(value) if isinstance(value, (list, tuple)) else None


def _matches(found, target) -> bool:
    """Jekyll's test: equal as text, or any element of an array property."""
    if target is None:
        return found is None
    target = to_s(target)
    if isinstance(found, str):
        return found == target
    values = (
        found if isinstance(found, (list, tuple)) else [] if found is None else [found]
    )
    return any(to_s(value) == target for value in values)


def _searched(value, key, target):
    """The items `where` and `find` look through, or None where Jekyll gives
    the input back: no collection, no property, or an array or hash to find."""
    if key is None or key is False or isinstance(target, (list, dict)):
        return None
    return _items(value)


def where(value, key, target):
    value, key, target = nil(value), nil(key), nil(target)
    items = _searched(value, key, target)
    if items is None:
        return value
    return [item for item in items if _matches(item_property(item, key), target)]


def find(value, key, target):
    value, key, target = nil(value), nil(key), nil(target)
    items = _searched(value, key, target)
    if items is None:
        return value
    return next((i for i in items if _matches(item_property(i, key), target)), None)


def group_by(value, key):
    """[{"name", "items", "size"}], in the order the names first appear."""
    value = nil(value)
    if not isinstance(value, (list, tuple)):
        return value
    groups: dict[str, list] = {}
    for item in value:
        groups.setdefault(to_s(item_property(item, key)), []).append(item)
    return grouped(groups.items())


def grouped(groups) -> list[dict]:
    return [
        {"name": name, "items": items, "size": len(items)} for name, items in groups
    ]


def sort(value, key=None, nils="first"):
    """Without a property, Ruby's sort (values that have no order are an
    error); with one, nils first or last and mixed kinds compared as text."""
    value, key, nils = nil(value), nil(key), nil(nils)
    if value is None:
        raise ValueError("Cannot sort a null object.")
    items = (
        [list(p) for p in value.items()] if isinstance(value, dict) else _items(value)
    )
    if items is None:
        raise ValueError(f"cannot sort {describe(value)}")
    if key is None:
        return sorted(items, key=cmp_to_key(_strict))
    if nils not in ("first", "last"):
        raise ValueError(
            f"Invalid nils order: '{to_s(nils)}' is not a valid nils order. It must be 'first' or 'last'."
        )
    order = -1 if nils == "first" else 1
    keyed = [(item_property(item, key), item) for item in items]

    def by_property(a, b) -> int:
        if a[0] is not None and b[0] is None:
            return -order
        if a[0] is None and b[0] is not None:
            return order
        found = compare(a[0], b[0])
        if found is None:
            left, right = to_s(a[0]), to_s(b[0])
            found = (left > right) - (left < right)
        return found

    return [item for _, item in sorted(keyed, key=cmp_to_key(by_property))]


def _strict(a, b) -> int:
    found = compare(a, b)
    if found is None:
        raise ValueError(f"comparison of {describe(a)} with {describe(b)} failed")
    return found


def push(value, item):
    value = nil(value)
    return [*value, nil(item)] if isinstance(value, list) else value


def unshift(value, item):
    value = nil(value)
    return [nil(item), *value] if isinstance(value, list) else value


def pop(value, count=1):
    value = nil(value)
    if not isinstance(value, list):
        return value
    count = _count(count)
    return value[: max(len(value) - count, 0)]


def shift(value, count=1):
    value = nil(value)
    if not isinstance(value, list):
        return value
    return value[_count(count) :]


def _count(count) -> int:
    count = to_integer(count)
    if count < 0:
        raise ValueError("negative array size")
    return count


@with_context
def sample(value, count=1, *, context):
    """One item (or `count` distinct items) picked with a seed made of the
    page's path and the number of samples taken before on it."""
    value = nil(value)
    if not isinstance(value, list):
        return value
    try:
        count = to_integer(count)
    except ValueError:
        count = 1
    taken = context.tag_namespace.setdefault("jekyll_samples", [0])
    taken[0] += 1
    render = context.env.current
    page = (render.document or render.source.path) if render is not None else ""
    seed = hashlib.blake2b(f"{page}\0{taken[0]}".encode(), digest_size=8).digest()
    chooser = random.Random(seed)
    if count == 1:
        return chooser.choice(value) if value else None
    if count < 0:
        raise ValueError("negative sample number")
    return chooser.sample(value, min(count, len(value)))


FILTERS = {
    "where": where,
    "find": find,
    "group_by": group_by,
    "sort": sort,
    "push": push,
    "pop": pop,
    "shift": shift,
    "unshift": unshift,
    "sample": sample,
}
