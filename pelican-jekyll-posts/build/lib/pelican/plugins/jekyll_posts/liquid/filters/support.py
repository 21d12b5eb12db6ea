"""What every filter module shares: the error a filter raises when it cannot
run on what it was given, and one check of the arguments a filter takes.

Jekyll stops the build at a filter given the wrong number of arguments or a
value it cannot work on; here each is a problem at the filter's position, in
words that name the filter and what it takes. A filter's body raises a plain
ValueError; `checked` puts the filter's name in front.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from datetime import date
from functools import wraps

from liquid.exceptions import FilterArgumentError


class FilterError(FilterArgumentError):
    """A filter that cannot run on this input; the message says what to change."""

    def __init__(self, message: str):
        super().__init__(message, token=None)


def describe(value) -> str:
    """A value's kind, as a writer knows it."""
    if value is None:
        return "nil"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (list, tuple)):
        return "an array"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, Mapping):
        return "a hash" if isinstance(value, dict) else "a page or post"
    return type(value).__name__


def text_only(value) -> str:
    """The value, where Ruby would accept text alone."""
    if isinstance(value, str):
        return value
    raise ValueError(f"expects text, got {describe(value)}")


def checked(name: str, function):
    """`function` as the filter `name`: called with arguments it does not take,
    or failing on its input, it raises a FilterError that says so."""
    signature = inspect.signature(function)
    hidden = ("context", "environment")
    positional = [
        p.name
        for p in list(signature.parameters.values())[1:]
        if p.kind is p.POSITIONAL_OR_KEYWORD
    ]
    required = sum(
        1
        for p in list(signature.parameters.values())[1:]
        if p.kind is p.POSITIONAL_OR_KEYWORD and p.default is p.empty
    )

    @wraps(function)
    def call(value, *args, **kwargs):
        named = [k for k in kwargs if k not in hidden]
        if named or not required <= len(args) <= len(positional):
            given = f"{len(args)}" + (f" and '{named[0]}:'" if named else "")
            raise FilterError(f"{name}: {_takes(positional, required)}, got {given}")
        try:
            return function(value, *args, **kwargs)
        except (ValueError, OverflowError, ZeroDivisionError) as error:
            raise FilterError(f"{name}: {error}") from None

    return call


def _takes(names: list[str], required: int) -> str:
    listed = f" ({', '.join(names)})" if names else ""
    if not names:
        return "takes no arguments"
    if required == len(names):
        plural = "" if required == 1 else "s"
        return f"takes {required} argument{plural}{listed}"
    return f"takes {required} to {len(names)} arguments{listed}"
