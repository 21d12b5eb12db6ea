"""Front-matter dates read as Jekyll 4.3 reads them, as aware datetimes in the
site's time zone.

Jekyll's way has two steps, and the first depends on how the value is written:

1. YAML (Ruby's Psych) types an unquoted value first (`psych`). One in YAML's
   timestamp form (`2021-04-10 02:00:00`, `2021-04-10T02:00:00+05:30`) is a
   moment: in UTC when it has no offset. Numbers become text again; `true` and
   null are refused.
2. Everything else, quoted or not, goes to Ruby's `Time.parse` as text, in the
   site's zone: month names, slashes, am/pm, named zones, a year repeated after
   the time... (`date_text` finds the fields, `ruby_time` makes the time).

The moment is then shown in the site's zone, which decides the address. Text
that names no year or no day takes it from "now" (`build_time`), as Jekyll
does; a reading says so, so the caller can warn that the address will move.
"""

from __future__ import annotations

import calendar
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from . import date_text, psych, ruby_time

# The forms almost every post uses, read without the general parser.
_COMMON = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
    r"(?:([ T])([0-9]{2}):([0-9]{2}):([0-9]{2})"
    r"(?: ?(?:([+-])([0-9]{2}):?([0-9]{2})|(Z)))?)?"
)
_OUT_OF_RANGE = "it falls outside the years 1-9999 this site can write"


class DateError(ValueError):
    """The text is not a date Jekyll would accept; the message says why."""


@dataclass(frozen=True)
class Reading:
    moment: datetime
    # Things Jekyll does silently that a writer should know, one sentence each.
    notes: tuple[str, ...] = ()


def build_time() -> datetime:
    """ "Now" for future posts and for dates without a year: SOURCE_DATE_EPOCH
    when set, so the same sources build the same site on any day."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)


def parse(
    text: str, zone: tzinfo, *, plain: bool = False, now: datetime | None = None
) -> datetime:
    """`plain`: the YAML value was unquoted, so YAML's own typing comes first."""
    return read(text, zone, plain=plain, now=now).moment


def read(
    text: str, zone: tzinfo, *, plain: bool = False, now: datetime | None = None
) -> Reading:
    quick = _common(text, zone, plain)
    if quick is not None:
        return Reading(quick)
    given = text
    fields = None
    try:
        if plain:
            typed = psych.typed(text)
            if isinstance(typed, datetime):
                moment = typed.astimezone(zone)
                day = psych.DAY.match(text)
                return Reading(moment, _rolled(given, *map(int, day.groups()), moment))
            text = typed
        fields = date_text.fields(text)
        made = ruby_time.make_time(fields, zone, now or build_time())
        moment = made.moment.astimezone(zone)
    except psych.Refused as error:
        raise DateError(str(error)) from None
    except (ValueError, OverflowError) as error:
        why = error if isinstance(error, ValueError) else _OUT_OF_RANGE
        yaml = "" if text == given else f" (YAML reads it as '{text}')"
        ruby = f" (Ruby reads {fields.describe()})" if fields and fields.any() else ""
        raise DateError(
            f"'{given}' is not a date Jekyll accepts{yaml}: {why}{ruby}"
        ) from None
    return Reading(moment, _notes(given, fields, made, moment, zone))


def _common(text: str, zone: tzinfo, plain: bool) -> datetime | None:
    """`YYYY-MM-DD`, with `HH:MM:SS` and an offset or Z: the same moment both
    ways but one (a plain time without an offset is UTC, a quoted one local)."""
    m = _COMMON.fullmatch(text)
    if not m or m[4] and (m[5] > "23" or m[6] > "59" or m[7] > "59"):
        return None
    if m[8] and (m[9] > "23" or m[10] > "59" or plain and m[8] + m[9] == "-00"):
        return None  # YAML reads -00:MM as east of UTC; the general path knows
    try:
        wall = datetime(*map(int, m.group(1, 2, 3, 5, 6, 7)[: 6 if m[4] else 3]))
        if m[8]:
            off = (1 if m[8] == "+" else -1) * (int(m[9]) * 3600 + int(m[10]) * 60)
            moment = ruby_time.offset_time(*wall.timetuple()[:6], 0, off)
        elif m[11] or (plain and m[4]):
            moment = wall.replace(tzinfo=UTC)
        else:
            moment = ruby_time.local_time(*wall.timetuple()[:6], 0, zone)
        return moment.astimezone(zone)
    except (ValueError, OverflowError):
        return None


def _rolled(given: str, year, mon, day, moment: datetime) -> tuple[str, ...]:
    """Ruby counts a day past the month's end on into the next month."""
    if not 1 <= mon <= 12 or day <= ruby_time.month_days(year, mon):
        return ()
    return (
        f"day {day} does not exist in {calendar.month_name[mon]} {year}; "
        f"Jekyll reads '{given}' as {moment:%Y-%m-%d}",
    )


def _notes(given: str, fields, made, moment, zone: tzinfo) -> tuple[str, ...]:
    notes = []
    if fields.mon is not None and fields.mday is not None and fields.yday is None:
        year = fields.year if fields.year is not None else moment.year
        notes += _rolled(given, year, fields.mon, fields.mday, moment)
    if made.filled:
        missing = "year" if made.filled == ("year",) else "date"
        notes.append(
            f"'{given}' has no {missing}; Jekyll takes it from the day it builds "
            f"the site, so this post moves with it (write the {missing})"
        )
    if made.zone_ignored:
        notes.append(
            f"Jekyll ignores the zone '{fields.zone}' in '{given}' (Ruby's Time does "
            f"not know it) and reads the time in {getattr(zone, 'key', zone)}"
        )
    if re.search(r"[0-9]", fields.leftover):
        notes.append(f"Jekyll ignores '{fields.leftover}' in '{given}'")
    return tuple(notes)
