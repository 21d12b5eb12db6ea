"""Jekyll's Liquid filters, with Jekyll's own rules, on python-liquid.

`date` takes Ruby's strftime directives, which differ from Python's (`%-d`,
`%e`, `%P`); only the listed ones are accepted, so a format that Python would
print differently is an error rather than a silent difference.
"""

from __future__ import annotations

import html
import re
from datetime import datetime
from urllib.parse import quote, urlsplit

from liquid.exceptions import FilterArgumentError
from liquid.filter import with_environment

from .. import dates
from ..markers import MARKER

# Ruby directive -> (Python directive, unpadded form) or a function of the date.
_DIRECTIVES = {
    "Y": "%Y", "C": "%C", "y": "%y", "m": "%m", "B": "%B", "b": "%b", "h": "%b",
    "d": "%d", "j": "%j", "H": "%H", "I": "%I", "M": "%M", "S": "%S",
    "A": "%A", "a": "%a", "u": "%u", "w": "%w", "z": "%z", "p": "%p",
    "F": "%Y-%m-%d", "D": "%m/%d/%y", "T": "%H:%M:%S", "R": "%H:%M",
}  # fmt: skip
# Ruby pads these with spaces; "-" removes the padding, as it does for the others.
_SPACE_PADDED = {"e": "%d", "k": "%H", "l": "%I"}
_DIRECTIVE = re.compile(r"%([-^]?)(.)")
_URL_SAFE = "/:?#[]@!$&'()*+,;=%-._~"


class FilterError(FilterArgumentError):
    """A filter that cannot run on this input; the message says what to change."""

    def __init__(self, message: str):
        super().__init__(message, token=None)


def strftime(moment: datetime, ruby_format: str) -> str:
    def one(match: re.Match) -> str:
        flag, letter = match.groups()
        if letter == "%":
            return "%"
        if letter == "P":
            return moment.strftime("%p").lower()
        if letter in _SPACE_PADDED:
            text = moment.strftime(_SPACE_PADDED[letter])
            text = (text.lstrip("0") or "0") if flag == "-" else f"{int(text):2d}"
        elif letter in _DIRECTIVES:
            text = moment.strftime(_DIRECTIVES[letter])
            if flag == "-" and text.isdigit():
                text = text.lstrip("0") or "0"
        else:
            raise FilterError(
                f"date: '%{letter}' is not a supported directive; use %Y %m %d %e "
                "%b %B %a %A %H %I %M %S %p %P %j %y %z %F %T (with '-' for no padding)"
            )
        return text.upper() if flag == "^" else text

    return _DIRECTIVE.sub(one, ruby_format)


@with_environment
def date(value, ruby_format=None, *, environment) -> str:
    zone = environment.options.zone
    if not isinstance(ruby_format, str):
        raise FilterError('date: give a format in quotes, such as date: "%b %-d, %Y"')
    if isinstance(value, str):
        try:
            value = dates.parse(value, zone)
        except dates.DateError as error:
            raise FilterError(f"date: {error}") from None
    if not isinstance(value, datetime):
        raise FilterError("date: the value is not a date")
    return strftime(value, ruby_format)


@with_environment
def relative_url(value, *, environment) -> str:
    """Jekyll's: the site's baseurl, then the path with a leading slash."""
    return _relative(value, environment.options.baseurl)


def _relative(value, baseurl: str) -> str:
    text = _text(value, "relative_url")
    if urlsplit(text).scheme or MARKER.search(text):
        return text
    parts = [p if not p or p.startswith("/") else "/" + p for p in (baseurl, text)]
    return quote("".join(parts), safe=_URL_SAFE)


@with_environment
def absolute_url(value, *, environment) -> str:
    text = _text(value, "absolute_url")
    if urlsplit(text).scheme or MARKER.search(text):
        return text
    options = environment.options
    return options.url + _relative(text, options.baseurl)


def escape(value) -> str:
    """Liquid's escape is Ruby's CGI.escapeHTML: `'` becomes `&#39;`."""
    return html.escape(_text(value, "escape")).replace("&#x27;", "&#39;")


def _text(value, name: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (str, int, float)):
        return str(value)
    raise FilterError(f"{name}: the value is not text")


FILTERS = {
    "date": date,
    "relative_url": relative_url,
    "absolute_url": absolute_url,
    "escape": escape,
}


def register(env) -> None:
    for name, function in FILTERS.items():
        env.add_filter(name, function)
