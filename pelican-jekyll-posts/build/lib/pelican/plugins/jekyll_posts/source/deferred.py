"""Metadata values that need Pelican's objects (tags, authors, categories).

Reading runs in worker processes as well as in Pelican's own; such a value is
kept as `Deferred` until Pelican's `process_metadata` makes it, in Pelican's
process, so serial and parallel reads give the same objects.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Deferred(NamedTuple):
    """A metadata value for Pelican's `process_metadata`, applied in its process."""

    name: str
    value: Any


def plain(value):
    """The value itself, whether or not it waits for `process_metadata`."""
    return value.value if isinstance(value, Deferred) else value
