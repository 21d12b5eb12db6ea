"""Liquid output expressions: `{{ page.title }}`, `{{ page.date | date: "%b %-d, %Y" }}`.

A value is a quoted string, a number or a variable (`page.x`, `include.x`,
`site.url`, `site.baseurl`); filters follow `|`, with arguments after `:`.
Jekyll prints a variable that is not set as nothing; here that is an error,
so a misspelt key cannot vanish from the page unnoticed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from . import filters
from .parallel import plain

_TOKEN = re.compile(
    r"""\s*(?:(?P<string>"[^"]*"|'[^']*')|(?P<number>-?\d+(?:\.\d+)?)
    |(?P<name>[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)|(?P<sign>[|:,]))""",
    re.X,
)
FILTERS = ("date", "relative_url", "absolute_url", "escape")


class ExpressionError(ValueError):
    pass


@dataclass(frozen=True)
class Variables:
    """What names stand for: `include` is None outside an included file."""

    site: Mapping[str, str]
    page: Mapping = field(default_factory=dict)
    include: Mapping | None = None
    zone: tzinfo | None = None


def evaluate(expression: str, variables: Variables) -> str:
    tokens = _tokens(expression)
    if not tokens or tokens[0][0] == "sign":
        raise ExpressionError(
            f"'{{{{ {expression} }}}}' has no value before its filters"
        )
    value = _value(tokens.pop(0), variables)
    while tokens:
        text = tokens.pop(0)[1]
        if text != "|" or not tokens or tokens[0][0] != "name":
            raise ExpressionError(f"cannot read '{{{{ {expression} }}}}' near '{text}'")
        name = tokens.pop(0)[1]
        arguments = []
        if tokens and tokens[0][1] == ":":
            tokens.pop(0)
            while tokens and tokens[0][0] != "sign":
                arguments.append(_value(tokens.pop(0), variables))
                if not tokens or tokens[0][1] != ",":
                    break
                tokens.pop(0)
        value = _filter(name, value, arguments, variables)
    return printed(value)


def page_variables(front_text: Mapping, meta: Mapping, source: str) -> dict:
    """Jekyll's `page`: the front matter as written, and what Jekyll works out
    (the title from the slug, the date in the site's zone, the URL)."""
    page = dict(front_text)
    page.update(
        title=meta.get("title"),
        slug=meta.get("slug"),
        path=source,
        categories=list(meta.get("categories", ())),
        tags=[str(tag) for tag in plain(meta.get("tags", ()))],
    )
    if "date" in meta:
        page["date"] = meta["date"]
    if "url" in meta:
        page["url"] = "/" + meta["url"]
    return page


def value_of(text: str, variables: Variables):
    """One value, such as an include parameter written `key=page.title`."""
    tokens = _tokens(text)
    if len(tokens) != 1:
        raise ExpressionError(f"'{text}' is not one value")
    return _value(tokens[0], variables)


def printed(value) -> str:
    """As Liquid prints it: a list joined, a time in Jekyll's format, nil empty."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S %z")
    if isinstance(value, list):
        return "".join(printed(item) for item in value)
    if isinstance(value, Mapping):
        raise ExpressionError("the value is a mapping; print one of its keys")
    return str(value)


def _tokens(expression: str) -> list[tuple[str, str]]:
    found, position = [], 0
    while position < len(expression.rstrip()):
        match = _TOKEN.match(expression, position)
        if match is None:
            rest = expression[position:].strip()
            raise ExpressionError(f"cannot read '{{{{ {expression} }}}}' at '{rest}'")
        found.append((match.lastgroup, match.group(match.lastgroup)))
        position = match.end()
    return found


def _value(token: tuple[str, str], variables: Variables):
    kind, text = token
    if kind == "string":
        return text[1:-1]
    if kind == "number":
        return text
    if kind != "name":
        raise ExpressionError(f"expected a value, not '{text}'")
    head, *keys = text.split(".")
    if head == "site":
        if keys not in (["url"], ["baseurl"]):
            raise ExpressionError(
                f"'{text}' is not known: only site.url and site.baseurl are"
            )
        return variables.site[keys[0]]
    if head == "include" and variables.include is None:
        raise ExpressionError(f"'{text}' is only set inside an included file")
    if head not in ("page", "include"):
        raise ExpressionError(
            f"'{text}' is not known: use page.*, include.*, site.url or "
            "site.baseurl; wrap literal braces in {% raw %}...{% endraw %}"
        )
    value = variables.page if head == "page" else variables.include
    for at, key in enumerate(keys):
        if not isinstance(value, Mapping) or key not in value:
            where = ".".join([head, *keys[:at]])
            raise ExpressionError(
                f"'{text}' is not set: {where} has no '{key}' (Jekyll would print nothing)"
            )
        value = value[key]
    return value


def _filter(name: str, value, arguments: list, variables: Variables):
    site = variables.site
    try:
        if name == "date" and len(arguments) == 1:
            return filters.date(value, arguments[0], variables.zone)
        if name == "relative_url" and not arguments:
            return filters.relative_url(value, site["baseurl"])
        if name == "absolute_url" and not arguments:
            return filters.absolute_url(value, site["url"], site["baseurl"])
        if name == "escape" and not arguments:
            return filters.escape(value)
    except filters.FilterError as error:
        raise ExpressionError(str(error)) from None
    if name in FILTERS:
        wanted = "one argument" if name == "date" else "no argument"
        raise ExpressionError(f"filter '{name}' takes {wanted}")
    raise ExpressionError(
        f"filter '{name}' is not supported; supported: {', '.join(FILTERS)}"
    )
