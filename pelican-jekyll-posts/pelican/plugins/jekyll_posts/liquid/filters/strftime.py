"""Ruby's Time#strftime, which Liquid's `date` filter runs.

It is not Python's: `%-d`, `%e`, `%P`, `%^b`, `%3N` and `%:z` exist, names
are English whatever the locale, a fixed offset has no zone name, and an
unknown directive is printed as written. So it is done here, not by
`datetime.strftime`.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timezone

_MONTHS = ("January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December")  # fmt: skip
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DIRECTIVE = re.compile(r"%([-_0^#]*)(\d*)(:{0,3})([a-zA-Z%])")
_COMBINED = {
    "c": "%a %b %e %H:%M:%S %Y", "D": "%m/%d/%y", "x": "%m/%d/%y",
    "F": "%Y-%m-%d", "T": "%H:%M:%S", "X": "%H:%M:%S", "R": "%H:%M",
    "r": "%I:%M:%S %p", "v": "%e-%^b-%4Y",
}  # fmt: skip


def strftime(moment: datetime, ruby_format: str, zone_name: str | None = None) -> str:
    """Ruby's Time#strftime; `zone_name` stands for `%Z` (a Date's is +00:00)."""

    def one(match: re.Match) -> str:
        flags, width, colons, letter = match.groups()
        if colons and letter != "z":
            return match[0]
        if letter in _COMBINED:
            text = strftime(moment, _COMBINED[letter], zone_name)
            return _padded(_cased(text, flags, letter), flags, width, 0, " ")
        if letter in "LN":
            digits = int(width or (3 if letter == "L" else 9))
            return f"{moment.microsecond:06d}000".ljust(digits, "0")[:digits]
        number = _number(moment, letter)
        if number is not None:
            value, size, pad = number
            return _padded(str(value), flags, width, size, pad)
        text = _text(moment, letter, colons, zone_name)
        if text is None:
            return match[0]  # Ruby prints a directive it does not know as written
        return _padded(_cased(text, flags, letter), flags, width, 0, " ")

    return _DIRECTIVE.sub(one, ruby_format)


def _number(moment: datetime, letter: str):
    """(value, default width, default padding) of a numeric directive."""
    hour12 = moment.hour % 12 or 12
    iso = moment.isocalendar()
    yday = moment.timetuple().tm_yday
    sunday_first = (moment.weekday() + 1) % 7
    table = {
        "Y": (moment.year, 4, "0"), "C": (moment.year // 100, 2, "0"),
        "y": (moment.year % 100, 2, "0"), "m": (moment.month, 2, "0"),
        "d": (moment.day, 2, "0"), "e": (moment.day, 2, " "),
        "j": (yday, 3, "0"), "H": (moment.hour, 2, "0"), "k": (moment.hour, 2, " "),
        "I": (hour12, 2, "0"), "l": (hour12, 2, " "), "M": (moment.minute, 2, "0"),
        "S": (moment.second, 2, "0"), "u": (moment.isoweekday(), 1, "0"),
        "w": (sunday_first, 1, "0"), "G": (iso[0], 4, "0"), "g": (iso[0] % 100, 2, "0"),
        "V": (iso[1], 2, "0"), "U": ((yday - 1 + 7 - sunday_first) // 7, 2, "0"),
        "W": ((yday - 1 + 7 - moment.weekday()) // 7, 2, "0"),
        "s": (int(aware(moment).timestamp()), 1, "0"),
    }  # fmt: skip
    return table.get(letter)


def _text(moment: datetime, letter: str, colons: str, zone_name: str | None):
    if letter == "z":
        return _offset(moment, colons)
    names = {
        "A": _DAYS[moment.weekday()], "a": _DAYS[moment.weekday()][:3],
        "B": _MONTHS[moment.month - 1], "b": _MONTHS[moment.month - 1][:3],
        "h": _MONTHS[moment.month - 1][:3], "p": "PM" if moment.hour >= 12 else "AM",
        "P": "pm" if moment.hour >= 12 else "am", "n": "\n", "t": "\t", "%": "%",
    }  # fmt: skip
    if letter == "Z":
        return zone_name if zone_name is not None else _zone_name(moment)
    return names.get(letter)


def _zone_name(moment: datetime) -> str:
    """A fixed offset has no name in Ruby (an empty %Z); a zone has its own."""
    zone = moment.tzinfo
    if zone is None or zone is UTC:
        return "UTC"
    if isinstance(zone, timezone):
        return ""
    return moment.tzname() or ""


def _offset(moment: datetime, colons: str) -> str:
    seconds = int(aware(moment).utcoffset().total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    if colons == ":::":
        parts = (
            [hours]
            + ([minutes] if minutes or seconds else [])
            + ([seconds] if seconds else [])
        )
        return sign + ":".join(f"{p:02d}" for p in parts)
    if colons == "::":
        return f"{sign}{hours:02d}:{minutes:02d}:{seconds:02d}"
    return f"{sign}{hours:02d}{':' if colons else ''}{minutes:02d}"


def _cased(text: str, flags: str, letter: str) -> str:
    if "#" in flags:
        return text.lower() if letter == "p" else text.upper()
    return text.upper() if "^" in flags else text


def _padded(text: str, flags: str, width: str, size: int, pad: str) -> str:
    if "-" in flags:
        return text
    pad = " " if "_" in flags else "0" if "0" in flags else pad
    return text.rjust(int(width) if width else size, pad)


def aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
