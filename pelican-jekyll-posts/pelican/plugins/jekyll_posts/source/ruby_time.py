"""From the fields a date names to a moment, the way Ruby's `Time.parse` goes.

- Parts missing before the first one written come from "now" (the year of
  `March 2nd`, the day of `10:00`), in the written zone, else the site's.
- A zone counts only if Ruby's Time knows it: UTC, GMT, UT, Z, EST to PDT, the
  military letters, `+05`, `+0530`, `+05:30`, or an abbreviation the site's
  own zone uses (CET in Europe/Paris). Any other (JST, +5, UTC+2) is ignored
  and the time is read in the site's zone.
- With a zone, its offset is taken off field by field, carrying into at most
  one more month; without one, the wall-clock time is looked up in the site's
  zone: in a DST gap with the offset before the change, in a fold the later
  of the two times.
- Days past a month's end roll into the next month (February 30 is March 2),
  hour 24 is the next midnight, second 60 the next minute.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo

from .date_fields import Fields

# Ruby's Time::ZoneOffset, in hours.
_ZONES = {"UTC": 0, "Z": 0, "UT": 0, "GMT": 0, "EST": -5, "EDT": -4, "CST": -6}
_ZONES |= {"CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7}
_ZONES |= {letter: i + 1 for i, letter in enumerate("ABCDEFGHIKLM")}
_ZONES |= {letter: -(i + 1) for i, letter in enumerate("NOPQRSTUVWXY")}
_OFFSET = re.compile(r"([+-])([0-9]{2})(:?)([0-9]{2})(?:\3([0-9]{2}))?")
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_PARTS = ("year", "month", "day", "hour", "minute", "second")


class TimeError(ValueError):
    """Ruby's ArgumentError: the fields make no time; the message says which."""


@dataclass(frozen=True)
class Made:
    moment: datetime
    # The parts taken from "now", in order: ("year",) for `March 2nd`.
    filled: tuple[str, ...] = ()
    # A zone was written but Ruby's Time does not know it.
    zone_ignored: bool = False


def make_time(f: Fields, zone: tzinfo, now: datetime) -> Made:
    if not f.any():
        raise TimeError("it names no date or time")
    return _make(f, f.year, f.mon, f.mday, zone, now, f.yday)


def _make(f, year, mon, day, zone, now, yday=None) -> Made:
    off_year = year if year is not None else now.astimezone(zone).year
    off = zone_offset(f.zone, off_year, zone) if f.zone else None
    if yday is not None:
        return _from_yday(f, year, yday, off_year, zone, now)
    if off is not None and abs(off) >= 86400:
        raise TimeError(f"the zone '{f.zone}' is a day or more from UTC")
    local_now = now.astimezone(zone if off is None else timezone(timedelta(0, off)))
    current = (local_now.year, local_now.month, local_now.day, local_now.hour)
    current += (local_now.minute, local_now.second)
    values = [year, mon, day, f.hour, f.min, f.sec]
    filled = []
    for i, name in enumerate(_PARTS):
        if values[i] is not None:
            break
        values[i] = current[i]
        filled.append(name)
    micro = int(f.fraction * 1_000_000) if f.fraction is not None else 0
    if len(filled) == len(_PARTS) and f.fraction is None:
        micro = local_now.microsecond
    year, mon, day, hour, minute, sec = (
        d if v is None else v
        for v, d in zip(values, (1970, 1, 1, 0, 0, 0), strict=True)
    )
    if year != off_year and f.zone:
        off = zone_offset(f.zone, year, zone)
    if off is None:
        moment = local_time(year, mon, day, hour, minute, sec, micro, zone)
    else:
        fields = _minus_offset(year, mon, day, hour, minute, sec, off)
        moment = utc_time(*fields, micro)
    return Made(moment, tuple(filled), f.zone is not None and off is None)


def _from_yday(f, year, yday, off_year, zone, now) -> Made:
    """A day of the year: first a guess at month and day, then corrected."""
    if not 1 <= yday <= 366:
        raise TimeError(f"day {yday} of the year is not 1-366")
    mon, day = divmod(yday - 1, 31)
    mon, day = mon + 1, day + 1
    made = _make(f, year, mon, day, zone, now)
    off = zone_offset(f.zone, off_year, zone) if f.zone else None
    shown = made.moment.astimezone(zone if off is None else timezone(timedelta(0, off)))
    day += yday - shown.timetuple().tm_yday
    if day > 28 and day > (length := month_days(off_year, mon) or day):
        mon += 1
        if mon > 12:
            raise TimeError(f"day {yday} of the year is past its end")
        day -= length
    return _make(f, year, mon, day, zone, now)


def zone_offset(name: str, year: int, zone: tzinfo) -> int | None:
    """Seconds east of UTC for a zone Ruby's Time knows; None for the others."""
    upper = name.upper()
    if m := _OFFSET.fullmatch(upper):
        sign = -1 if m[1] == "-" else 1
        return sign * (int(m[2]) * 3600 + int(m[4]) * 60 + int(m[5] or 0))
    if re.fullmatch(r"[+-][0-9]{2}", upper):
        return int(upper) * 3600
    if upper in _ZONES:
        return _ZONES[upper] * 3600
    for month in (1, 7):
        try:
            local = datetime(year, month, 1, tzinfo=zone)
        except ValueError:
            return None
        if (local.tzname() or "").upper() == upper:
            return int(local.utcoffset().total_seconds())
    return None


def month_days(year: int, mon: int) -> int | None:
    """Ruby indexes its table with mon - 1, so month 0 reads December's 31."""
    if not -12 <= mon - 1 < 12:
        return None
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if leap and mon in (2, -10) else _DAYS[mon - 1]


def _minus_offset(year, mon, day, hour, minute, sec, off):
    """UTC fields: each of the offset's parts taken off, carrying upwards.

    Ruby moves the day by the carry alone and then steps into the next or
    previous month at most once, before any check of the fields.
    """
    step = 1 if off < 0 else -1  # west of UTC: add the offset's parts
    rest = abs(off)
    fields = [sec, minute, hour]
    for i, base in enumerate((60, 60, 24)):
        rest, part = divmod(rest, base)
        if part:
            carry, fields[i] = divmod(fields[i] + step * part, base)
            rest += step * carry
    sec, minute, hour = fields
    if rest:
        day += step * rest
        if step > 0 and (length := month_days(year, mon)) and length < day:
            year, mon, day = (year + 1, 1, 1) if mon >= 12 else (year, mon + 1, 1)
        elif step < 0 and day < 1:
            year, mon = (year - 1, 12) if mon <= 1 else (year, mon - 1)
            day = month_days(year, mon)
            if day is None:
                raise TimeError(f"month {mon} is not 1-12")
    return year, mon, day, hour, minute, sec


def _check(mon, day, hour, minute, sec) -> None:
    """Ruby's Time checks each field's range before it rolls days over."""
    if not 1 <= mon <= 12:
        raise TimeError(f"month {mon} is not 1-12")
    if not 1 <= day <= 31:
        raise TimeError(f"day {day} is not 1-31")
    if not 0 <= hour <= 24:
        raise TimeError(f"hour {hour} is not 0-24")
    if not 0 <= minute <= 59:
        raise TimeError(f"minute {minute} is not 0-59")
    if not 0 <= sec <= 60:
        raise TimeError(f"second {sec} is not 0-60")
    if hour == 24 and (minute or sec):
        raise TimeError(f"24:{minute:02}:{sec:02} is past the end of the day")


def _wall(year, mon, day, hour, minute, sec, micro) -> datetime:
    _check(mon, day, hour, minute, sec)
    if not 1 <= year <= 9999:
        raise TimeError(f"year {year} is outside the years 1-9999 this site can write")
    try:
        return datetime(year, mon, 1) + timedelta(
            days=day - 1, hours=hour, minutes=minute, seconds=sec, microseconds=micro
        )
    except OverflowError:
        raise TimeError(
            "it falls outside the years 1-9999 this site can write"
        ) from None


def utc_time(year, mon, day, hour, minute, sec, micro=0) -> datetime:
    """Ruby's Time.utc."""
    return _wall(year, mon, day, hour, minute, sec, micro).replace(tzinfo=UTC)


def local_time(year, mon, day, hour, minute, sec, micro, zone: tzinfo) -> datetime:
    """Ruby's Time.local, in the site's zone (Jekyll sets TZ from `timezone:`).

    Second 60 is second 59 looked up, plus one second, as in Ruby.
    """
    leap = sec == 60
    wall = _wall(year, mon, day, hour, minute, sec - leap, micro)
    later = wall.replace(tzinfo=zone, fold=1)
    if later.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall:
        later = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)  # in a gap
    return (later.astimezone(UTC) + timedelta(seconds=leap)).astimezone(zone)


def offset_time(year, mon, day, hour, minute, sec, micro, off: int) -> datetime:
    """Ruby's Time.new with a UTC offset, which YAML uses for `... +05:30`.

    Day 31 of a shorter month comes out on day 30 of the month before when
    taking off the offset carries into the next day: a quirk of Ruby 3.1 that
    Jekyll inherits.
    """
    if not -86400 < off < 86400:
        raise TimeError("the offset is a day or more from UTC")
    _check(mon, day, hour, minute, sec)
    short = day == 31 and day > (month_days(year, mon) or 31)
    if short and _carries_into_next_day(hour, minute, sec, off):
        mon, day = mon - 1, 30
    return utc_time(year, mon, day, hour, minute, sec, micro) - timedelta(0, off)


def _carries_into_next_day(hour: int, minute: int, sec: int, off: int) -> bool:
    """Ruby adds each nonzero part of a western offset to its field, carrying
    one upwards; a field whose part (with carry) is zero is left alone."""
    if off >= 0:
        return False
    rest, add_sec = divmod(-off, 60)
    add_hour, add_min = divmod(rest, 60)
    if add_sec and sec + add_sec >= 60:
        add_min += 1
    if add_min and minute + add_min >= 60:
        add_hour += 1
    return bool(add_hour) and hour + add_hour >= 24
