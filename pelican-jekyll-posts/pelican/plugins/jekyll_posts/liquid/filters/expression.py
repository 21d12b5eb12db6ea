"""Jekyll's filters that take a Liquid expression as text: where_exp,
find_exp and group_by_exp.

The expression is parsed by python-liquid's own parser, as an `if` condition
(`post.year > 2020 and post.draft != true`) or, for group_by_exp, as an
output with filters (`post.date | date: "%Y"`), and evaluated in the render's
own context with the item bound to the name given, so `site`, `page` and
assigned variables are all there. A problem inside the expression is told at
the filter's place, with the expression's text.
"""

from __future__ import annotations

from collections.abc import Mapping

from liquid.builtin.expressions import BooleanExpression, FilteredExpression, tokenize
from liquid.exceptions import LiquidError
from liquid.filter import with_context
from liquid.stream import TokenStream
from liquid.token import TOKEN_EXPRESSION, Token

from .array import grouped
from .coerce import hash_key
from .ruby import is_drop, nil, to_s


def _parse(context, kind, text):
    text = to_s(nil(text))
    token = Token(TOKEN_EXPRESSION, text, 0, text)
    try:
        return kind.parse(context.env, TokenStream(tokenize(text, token)))
    except LiquidError as error:
        raise ValueError(f"cannot read '{text}': {error.message}") from None


def _items(value):
    """The items of an array, or of a hash's values; None if not a collection."""
    if isinstance(value, Mapping):
        return None if is_drop(value) else list(value.values())
    return list(value) if isinstance(value, (list, tuple)) else None


def _each(context, variable, items, expression, text: str):
    """(item, the expression's value with the item bound to `variable`)."""
    name = to_s(nil(variable))
    for item in items:
        with context.extend({name: item}):
            try:
                yield item, expression.evaluate(context)
            except LiquidError as error:
                raise ValueError(f"in '{text}': {error.message}") from None


def _kept(value, variable, text, context):
    """The items for which the condition holds, lazily; None when `value` is
    not a list (the filter then gives it back)."""
    items = _items(value)
    if items is None:
        return None
    condition = _parse(context, BooleanExpression, text)
    return (
        item for item, keep in _each(context, variable, items, condition, text) if keep
    )


@with_context
def where_exp(value, variable, text, *, context):
    value = nil(value)
    kept = _kept(value, variable, text, context)
    return value if kept is None else list(kept)


@with_context
def find_exp(value, variable, text, *, context):
    value = nil(value)
    kept = _kept(value, variable, text, context)
    return value if kept is None else next(kept, None)


@with_context
def group_by_exp(value, variable, text, *, context):
    """Groups named by the expression's value (not its text, as group_by's)."""
    value = nil(value)
    if not isinstance(value, (list, tuple, dict)):
        return value
    items = [list(p) for p in value.items()] if isinstance(value, dict) else list(value)
    expression = _parse(context, FilteredExpression, text)
    groups: dict = {}
    for item, name in _each(context, variable, items, expression, text):
        name = nil(name)
        groups.setdefault(hash_key(name), (name, []))[1].append(item)
    return grouped(groups.values())


FILTERS = {
    "where_exp": where_exp,
    "find_exp": find_exp,
    "group_by_exp": group_by_exp,
}
