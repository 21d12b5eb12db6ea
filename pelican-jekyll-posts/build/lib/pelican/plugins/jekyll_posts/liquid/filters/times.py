"""Dates as Jekyll prints them: Liquid's `date` with Ruby's strftime, and
Jekyll's `date_to_string`, `date_to_long_string`, `date_to_xmlschema` and
`date_to_rfc822`.

Text is read as a date by `dates.parse`, the reader's rules, and keeps the
offset it is written with, as Ruby's Time.parse does; "now" is the build's
time (SOURCE_DATE_EPOCH when set), so a rebuild prints the same.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

from liquid.filter import with_environment

from ...source import dates
from .ruby import inspect, nil, to_s
from .strftime import aware, strftime

# An offset written at the end of a date: Ruby keeps the time in it.
_WRITTEN_OFFSET = re.compile(r"(Z|UTC|GMT|([+-])(\d{2}):?(\d{2})?)[ \t]*\Z", re.I)


def _now(environment) -> datetime:
    render = environment.current
    if render is not None:
        render.uses.add("time")  # a cached render that printed "now" is stale later
    return dates.build_time().astimezone(environment.options.zone)


def to_date(value, environment) -> datetime | None:
    """Liquid's `Utils.to_date`: a time as it is, a date at midnight UTC, the
    text "now", digits as seconds since 1970, other text as a date; None for
    anything else."""
    if isinstance(value, datetime):
        return aware(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, str) and value.strip():
        if value.lower() in ("now", "today"):
            return _now(environment)
        if value.isascii() and value.isdigit():
            value = int(value)
        else:
            try:
                moment = dates.parse(value, environment.options.zone)
            except dates.DateError as error:
                raise ValueError(str(error)) from None
            return _as_written(moment, value)
    if isinstance(value, int) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, environment.options.zone)
    return None


def _as_written(moment: datetime, text: str) -> datetime:
    """The time as Ruby's Time.parse makes it: in UTC for `Z`, in the site's
    zone when the written offset is the zone's own then, else in that offset."""
    found = _WRITTEN_OFFSET.search(text)
    if not found:
        return moment
    if not found[2]:
        return moment.astimezone(UTC)
    minutes = int(found[3]) * 60 + int(found[4] or 0)
    offset = timedelta(minutes=-minutes if found[2] == "-" else minutes)
    return (
        moment if moment.utcoffset() == offset else moment.astimezone(timezone(offset))
    )


@with_environment
def date_filter(value, ruby_format, *, environment):
    """Liquid's `date`: an empty format, or a value that is no date, prints
    the value unchanged."""
    value, ruby_format = nil(value), to_s(ruby_format)
    if not ruby_format:
        return value
    moment = to_date(value, environment)
    if moment is None:
        return value
    zone = (
        "+00:00"
        if isinstance(value, date) and not isinstance(value, datetime)
        else None
    )
    return strftime(moment, ruby_format, zone)


def _local(value, environment) -> datetime | None:
    """Jekyll's `time()`: the value in the site's time zone, or an error."""
    moment = to_date(value, environment)
    if moment is None:
        raise ValueError(f"Invalid Date: '{inspect(value)}' is not a valid datetime.")
    zone = environment.options.zone
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day, tzinfo=zone)
    return moment.astimezone(zone)


def _stringify(value, month: str, kind, style, environment):
    value = nil(value)
    if to_s(value) == "":
        return value
    moment = _local(value, environment)
    if kind == "ordinal":
        day = moment.day
        suffix = (
            "th"
            if 11 <= day % 100 <= 13
            else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
        )
        if style == "US":
            return strftime(moment, f"{month} {day}{suffix}, %Y")
        return strftime(moment, f"{day}{suffix} {month} %Y")
    return strftime(moment, f"%d {month} %Y")


@with_environment
def date_to_string(value, kind=None, style=None, *, environment):
    """`19 Nov 2021`; "ordinal": `19th Nov 2021`, and "US": `Nov 19th, 2021`."""
    return _stringify(value, "%b", nil(kind), nil(style), environment)


@with_environment
def date_to_long_string(value, kind=None, style=None, *, environment):
    return _stringify(value, "%B", nil(kind), nil(style), environment)


@with_environment
def date_to_xmlschema(value, *, environment):
    value = nil(value)
    if to_s(value) == "":
        return value
    return strftime(_local(value, environment), "%Y-%m-%dT%H:%M:%S%:z")


@with_environment
def date_to_rfc822(value, *, environment):
    value = nil(value)
    if to_s(value) == "":
        return value
    return strftime(_local(value, environment), "%a, %d %b %Y %H:%M:%S %z")


FILTERS = {
    "date": date_filter,
    "date_to_string": date_to_string,
    "date_to_long_string": date_to_long_string,
    "date_to_xmlschema": date_to_xmlschema,
    "date_to_rfc822": date_to_rfc822,
}
