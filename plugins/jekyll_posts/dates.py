"""Jekyll's date forms, turned into aware datetimes in the site's time zone.

Jekyll converts every post date to the site's `timezone:` before it builds an
address, so a post written at 02:00 in Tokyo can land on the previous day in
Chicago. A date with no offset is read as wall-clock time in the site's zone.
In a DST gap or fold such a time takes the offset in force before the change
(Python's `fold=0`): 02:30 on a spring-forward night is 03:30 daylight time.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo

_DATE = re.compile(
    r"""
    (?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})
    (?:
        (?:[ \t]+|T)
        (?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.(?P<fraction>\d+))?)?
    )?
    [ \t]*
    (?P<offset>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?
    """,
    re.X,
)


def build_time() -> datetime:
    """ "Now" for deciding which posts are in the future: SOURCE_DATE_EPOCH
    when set, so the same sources build the same site on any day."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)


class DateError(ValueError):
    """The text is not a date Jekyll would accept; the message says why."""


def parse(text: str, zone: tzinfo) -> datetime:
    match = _DATE.fullmatch(text.strip())
    if not match:
        raise DateError(
            f"'{text}' is not a date; write it as YYYY-MM-DD, optionally followed "
            "by HH:MM:SS and an offset such as -0600, -06:00 or Z"
        )
    parts = match.groupdict()
    try:
        moment = datetime(
            int(parts["year"]),
            int(parts["month"]),
            int(parts["day"]),
            int(parts["hour"] or 0),
            int(parts["minute"] or 0),
            int(parts["second"] or 0),
            int((parts["fraction"] or "0")[:6].ljust(6, "0")),
        )
    except ValueError as error:
        raise DateError(f"'{text}' is not a real date: {error}") from None
    offset = _offset(parts["offset"])
    if offset is None:
        # Through UTC, so a time in a DST gap comes out as a real local time.
        return moment.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)
    return moment.replace(tzinfo=offset).astimezone(zone)


def _offset(text: str | None) -> tzinfo | None:
    if text is None:
        return None
    if text in ("Z", "UTC", "GMT"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise DateError(f"'{text}' is not a time-zone offset")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))
