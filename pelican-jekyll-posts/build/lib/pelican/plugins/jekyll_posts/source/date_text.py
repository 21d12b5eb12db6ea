"""The fields a free-form date names, found as Ruby's `Date._parse` finds them.

Jekyll gives every front-matter date that YAML did not type to Ruby's
`Time.parse`, which takes its fields from `Date._parse`. That parser is a fixed
sequence of patterns, each searched anywhere in the text and blanked out once
used, so later ones see only what earlier ones left: a weekday, a time with its
zone, then the first date form that matches (a day before or after a month name,
ISO, a Japanese era, VMS, slashes, dots, ISO week and ordinal forms, an
apostrophe year, a month name, an ordinal day, a run of digits), then "BC" and a
lone number. What no pattern takes is ignored: in `2023-01-29 18:30:22 2023
-0800` the offset follows a year, not the time, so Jekyll never reads it.
"""

from __future__ import annotations

import re
from fractions import Fraction

from .date_fields import Fields, digits, ymd

# Ruby's Date._parse refuses longer text (its `limit:`), counted in bytes.
LIMIT = 128
_I = re.I
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_ERA = r"(c(?:e|\.e\.)|b(?:ce|\.c\.e\.)|a(?:d|\.d\.)|b(?:c|\.c\.))?"
_ALPHA = r"[^\W\d_]"
# Japanese eras by initial: the year before each one's first.
_ERAS = {"m": 1867, "t": 1911, "s": 1925, "h": 1988, "r": 2018}

_NOISE = re.compile(r"(?:[^\w\-+',./:@\[\]]|_)+")
_DAY = re.compile(r"\b(?:sun|mon|tue|wed|thu|fri|sat)[^-/0-9\s]*", _I)
_TIME = re.compile(
    rf"""
    (   (?: [0-9]+\s*:\s*[0-9]+ (?:\s*:\s*[0-9]+(?:[,.][0-9]*)?)?
          | [0-9]+\s*h(?:\s*[0-9]+m?(?:\s*[0-9]+s?)?)? )
        (?:\s*[ap](?:m\b|\.m\.))?
      | [0-9]+\s*[ap](?:m\b|\.m\.) )
    (?:\s*
      (   (?:gmt|utc?)?[-+][0-9]+(?:[,.:][0-9]+(?::[0-9]+)?)?
        | (?:{_ALPHA}|[.\s])+(?:standard|daylight)\stime\b
        | {_ALPHA}+(?:\sdst)?\b ) )?
    """,
    _I | re.X,
)
_CLOCK = re.compile(
    r"([0-9]+)h?(?:\s*:?\s*([0-9]+)m?(?:\s*:?\s*([0-9]+)(?:[,.]([0-9]+))?s?)?)?"
    r"(?:\s*([ap])(?:m\b|\.m\.))?",
    _I,
)
_EU = re.compile(
    rf"('?[0-9]+)[^-0-9\s]*\s*({_MONTHS})[^-0-9\s']*"
    rf"(?:\s*{_ERA}\s*('?-?[0-9]+(?:(?:st|nd|rd|th)\b)?))?",
    _I,
)
_US = re.compile(
    rf"\b({_MONTHS})[^-0-9\s']*\s*('?[0-9]+)[^-0-9\s']*"
    rf"(?:\s*,?\s*{_ERA}\s*('?-?[0-9]+))?",
    _I,
)
_ISO = re.compile(r"('?[-+]?[0-9]+)-([0-9]+)-('?-?[0-9]+)")
_JIS = re.compile(r"\b([mtshr])([0-9]+)\.([0-9]+)\.([0-9]+)", _I)
_VMS_DAY_FIRST = re.compile(rf"('?-?[0-9]+)-({_MONTHS})[^-/.]*-('?-?[0-9]+)", _I)
_VMS_MONTH_FIRST = re.compile(
    rf"\b({_MONTHS})[^-/.]*-('?-?[0-9]+)(?:-('?-?[0-9]+))?", _I
)
_SLASH = re.compile(r"('?-?[0-9]+)/\s*('?[0-9]+)(?:[^0-9]\s*('?-?[0-9]+))?")
_DOT = re.compile(r"('?-?[0-9]+)\.\s*('?[0-9]+)\.\s*('?-?[0-9]+)")
_WEEK = re.compile(r"\b([0-9]{2}|[0-9]{4})?-?w([0-9]{2})(?:-?([0-9]))?\b", _I)
_WEEKDAY = re.compile(r"-w-([0-9])\b", _I)
_MONTH_DAY = re.compile(r"--([0-9]{2})?-([0-9]{2})\b")
_MONTH_DAY_BASIC = re.compile(r"--([0-9]{2})([0-9]{2})?\b")
_ORDINAL_AFTER_SEP = re.compile(r"[,.]([0-9]{2}|[0-9]{4})-[0-9]{3}\b")
_ORDINAL = re.compile(r"\b([0-9]{2}|[0-9]{4})-([0-9]{3})\b")
_YDAY_AFTER_DIGIT = re.compile(r"[0-9]-[0-9]{3}\b")
_YDAY = re.compile(r"\b-([0-9]{3})\b")
_APOSTROPHE_YEAR = re.compile(r"'([0-9]+)\b")
_MONTH = re.compile(rf"\b({_MONTHS})\S*", _I)
_ORDINAL_DAY = re.compile(r"([0-9]+)(?:st|nd|rd|th)\b", _I)
_DIGITS = re.compile(
    r"([-+]?)([0-9]{2,14})(?:\s*t?\s*([0-9]{2,6})?(?:[,.]([0-9]*))?)?"
    r"(?:\s*(z\b|[-+][0-9]{1,4}\b|\[[-+]?[0-9][^\]]*\]))?",
    _I,
)
_BC = re.compile(r"\b(?:bc\b|bce\b|b\.c\.|b\.c\.e\.)", _I)
_LONE = re.compile(r"\s*([0-9]{1,2})\s*")


class _Text:
    """The text being parsed, with each match blanked to one space once used."""

    def __init__(self, text: str):
        self.s = text

    def take(self, pattern: re.Pattern) -> re.Match | None:
        match = pattern.search(self.s)
        if match:
            self.s = self.s[: match.start()] + " " + self.s[match.end() :]
        return match

    def has(self, *kinds: str) -> bool:
        """Ruby re-checks the kinds of character left before each step."""
        return all(_KINDS[kind].search(self.s) for kind in kinds)


_KINDS = {
    kind: re.compile(pattern)
    for kind, pattern in (("alpha", "[A-Za-z]"), ("digit", "[0-9]"))
    + (("-", "-"), (".", r"\."), ("/", "/"))
}


def fields(text: str) -> Fields:
    """Raises ValueError for text Ruby refuses to look at (too long)."""
    if len(text.encode()) > LIMIT:
        raise ValueError(f"it is longer than the {LIMIT} bytes Ruby reads")
    t = _Text(_NOISE.sub(" ", text))
    f = Fields()
    if t.has("alpha"):
        t.take(_DAY)
    if t.has("digit") and (m := t.take(_TIME)):
        _clock(f, m[1], m[2])
    _date(t, f)
    if t.has("alpha") and t.take(_BC):
        f.bc = True
    if t.has("digit") and (m := _LONE.fullmatch(t.s)):
        t.s = " "
        n = int(m[1])
        if f.hour is not None and f.mday is None and 1 <= n <= 31:
            f.mday = n
        if f.mday is not None and f.hour is None and 0 <= n <= 24:
            f.hour = n
    if f.bc and f.year is not None:
        f.year = 1 - f.year
    if f.complete_century and f.year is not None and 0 <= f.year <= 99:
        f.year += 1900 if f.year >= 69 else 2000
    f.leftover = " ".join(t.s.split())
    return f


def _clock(f: Fields, clock: str, zone: str | None) -> None:
    m = _CLOCK.match(clock)
    hour = int(m[1])
    if m[5]:
        if hour >= 2**31:
            raise ValueError(f"hour {hour} is too big for Ruby")
        hour = hour % 12 + (12 if m[5] in "pP" else 0)
    f.hour = hour
    f.min = _int(m[2])
    f.sec = _int(m[3])
    if m[4]:
        f.fraction = Fraction(int(m[4]), 10 ** len(m[4]))
    f.zone = zone


def _date(t: _Text, f: Fields) -> None:
    """The first date form that matches; the order is Ruby's."""
    if t.has("alpha", "digit"):
        if m := t.take(_EU):
            return ymd(f, m[4], str(_month(m[2])), m[1], _is_bc(m[3]))
        if m := t.take(_US):
            return ymd(f, m[4], str(_month(m[1])), m[2], _is_bc(m[3]))
    if t.has("digit", "-") and (m := t.take(_ISO)):
        return ymd(f, m[1], m[2], m[3])
    if t.has("digit", ".") and (m := t.take(_JIS)):
        f.year = int(m[2]) + _ERAS[m[1].lower()]
        f.mon, f.mday = int(m[3]), int(m[4])
        return
    if t.has("alpha", "digit", "-"):
        if m := t.take(_VMS_DAY_FIRST):
            return ymd(f, m[3], str(_month(m[2])), m[1])
        if m := t.take(_VMS_MONTH_FIRST):
            return ymd(f, m[3], str(_month(m[1])), m[2])
    if t.has("digit", "/") and (m := t.take(_SLASH)):
        return ymd(f, m[1], m[2], m[3])
    if t.has("digit", ".") and (m := t.take(_DOT)):
        return ymd(f, m[1], m[2], m[3])
    if t.has("digit") and _iso_week_or_ordinal(t, f):
        return
    if t.has("digit") and (m := t.take(_APOSTROPHE_YEAR)):
        f.year = int(m[1])
        return
    if t.has("alpha") and (m := t.take(_MONTH)):
        f.mon = _month(m[1])
        return
    if t.has("digit") and (m := t.take(_ORDINAL_DAY)):
        f.mday = int(m[1])
        return
    if t.has("digit") and (m := t.take(_DIGITS)):
        digits(f, *m.groups())


def _iso_week_or_ordinal(t: _Text, f: Fields) -> bool:
    """Week dates name no day Time.parse uses; they only use up text."""
    if t.take(_WEEK) or t.take(_WEEKDAY):
        return True
    if m := t.take(_MONTH_DAY):
        f.mon, f.mday = _int(m[1]), int(m[2])
        return True
    if m := t.take(_MONTH_DAY_BASIC):
        f.mon, f.mday = int(m[1]), _int(m[2])
        return True
    if not _ORDINAL_AFTER_SEP.search(t.s) and (m := t.take(_ORDINAL)):
        f.year, f.yday = int(m[1]), int(m[2])
        return True
    if not _YDAY_AFTER_DIGIT.search(t.s) and (m := t.take(_YDAY)):
        f.yday = int(m[1])
        return True
    return False


def _month(name: str) -> int:
    return _MONTHS.split("|").index(name[:3].lower()) + 1


def _is_bc(era: str | None) -> bool:
    return bool(era) and era[0] in "bB"


def _int(text: str | None) -> int | None:
    return None if text is None else int(text)
