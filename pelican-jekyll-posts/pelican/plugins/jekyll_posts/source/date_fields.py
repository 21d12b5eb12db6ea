"""The fields a date names, and Ruby's rules for which written part is which.

`Date._parse` finds numbers in a date's text before it knows what they are:
three parts around dashes or slashes, or a run of digits. These are its rules
for making them a year, a month and a day, or a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction


@dataclass
class Fields:
    """What the text names; None where it names nothing."""

    year: int | None = None
    mon: int | None = None
    mday: int | None = None
    yday: int | None = None
    hour: int | None = None
    min: int | None = None
    sec: int | None = None
    fraction: Fraction | None = None
    zone: str | None = None
    # The text no pattern took: Jekyll ignores it.
    leftover: str = ""
    bc: bool = False
    # False once a year was written with more than two digits or a sign.
    complete_century: bool = True

    def describe(self) -> str:
        """`month 20, day 21, zone -03`: what Ruby read, for error messages."""
        named = (("year", self.year), ("month", self.mon), ("day", self.mday))
        parts = [f"{name} {value}" for name, value in named if value is not None]
        if self.yday is not None:
            parts.append(f"day {self.yday} of the year")
        if self.hour is not None:
            clock = (self.hour, self.min, self.sec)
            parts.append("time " + ":".join(f"{v:02}" for v in clock if v is not None))
        if self.zone:
            parts.append(f"zone {self.zone}")
        return ", ".join(parts)

    def any(self) -> bool:
        return any(
            v is not None
            for v in (self.year, self.mon, self.mday, self.yday, self.hour)
            + (self.min, self.sec, self.fraction)
        )


def ymd(f: Fields, y, m, d, bc: bool = False) -> None:
    """Three written parts to year, month and day, by Ruby's rules of thumb.

    Two parts are month and day; a part of three or more digits, or one
    starting with an apostrophe, is the year; a year part with letters after
    its digits ("8th") is the day instead.
    """
    if y is not None and m is not None and d is None:
        y, m, d = None, y, m
    if y is None and d is not None and (len(d) > 2 or d.startswith("'")):
        y, d = d, None
    if y is not None and (number := _signed(y)) and number.end() < len(y):
        y, d = d, number[0]
    if m is not None and (m.startswith("'") or len(m) > 2):
        y, m, d = m, d, y
    if d is not None and (d.startswith("'") or len(d) > 2):
        y, d = d, y
    if y is not None and (number := _signed(y)):
        sign, digits = number.groups()
        if sign or len(digits) > 2:
            f.complete_century = False
        f.year = int(number[0]) if digits else 0
    f.bc = f.bc or bc
    f.mon = _first_number(m) if m is not None else f.mon
    f.mday = _first_number(d) if d is not None else f.mday


_SIGNED = re.compile(r"([-+]?)([0-9]*)")


def _signed(part: str) -> re.Match | None:
    """The sign and digits at the first sign or digit; None when there is none."""
    start = next((i for i, c in enumerate(part) if c in "+-0123456789"), None)
    return None if start is None else _SIGNED.match(part, start)


def _first_number(part: str) -> int | None:
    number = re.search(r"[0-9]+", part)
    return int(number[0]) if number else None


_FROM_RIGHT = ("sec", "min", "hour", "mday", "mon")


def digits(f: Fields, sign, run, clock, fraction, zone) -> None:
    """A run of digits: its length says which fields it holds.

    A run with a fraction but no separate clock part is a time read from the
    right (..MMDDHHMMSS, a lone leading digit being one field); otherwise it is
    a date read from the left (YYYYMMDD[HH[MM[SS]]], YYMMDD, MMDD, DD, YYDDD,
    YYYYDDD, DDD). Runs of 9, 11 or 13 digits name nothing.
    """
    n = len(run)

    def num(start: int, width: int) -> int:
        return int(run[start : start + width])

    def year(width: int) -> int:
        return -num(0, width) if sign == "-" else num(0, width)

    if n in (9, 11, 13):
        pass
    elif clock is None and fraction is not None:
        end = n
        for name in _FROM_RIGHT:
            if end == 0:
                break
            width = min(2, end)
            end -= width
            setattr(f, name, num(end, width))
        if end:
            f.year = year(end)
            if end == 4:
                f.complete_century = False
    elif n == 2:
        f.mday = num(0, 2)
    elif n == 3:
        f.yday = num(0, 3)
    elif n == 4:
        f.mon, f.mday = num(0, 2), num(2, 2)
    elif n in (5, 7):
        f.year, f.yday = year(n - 3), num(n - 3, 3)
    elif n == 6:
        f.year, f.mon, f.mday = year(2), num(2, 2), num(4, 2)
    else:
        f.year, f.mon, f.mday = year(4), num(4, 2), num(6, 2)
        for name, start in (("hour", 8), ("min", 10), ("sec", 12)):
            if n > start:
                setattr(f, name, num(start, 2))
        f.complete_century = False
    if clock is not None and len(clock) in (2, 4, 6):
        # With a fraction the clock is read from the right (MMSS), else HHMM.
        count = len(clock) // 2
        if fraction is None:
            names = ("hour", "min", "sec")[:count]
        else:
            names = _FROM_RIGHT[:count][::-1]
        for i, name in enumerate(names):
            setattr(f, name, int(clock[2 * i : 2 * i + 2]))
    if fraction is not None:
        f.fraction = Fraction(int(fraction or 0), 10 ** len(fraction))
    if zone is not None:
        f.zone = zone[1:-1].split(":", 1)[-1] if zone.startswith("[") else zone
