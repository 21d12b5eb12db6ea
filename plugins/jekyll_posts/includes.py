"""`{% include file.html key="value" %}`: files from `_includes/`, with `include.key`.

A post's HTML then depends on files other than the post, which Pelican's
reader cache cannot see: each read records the includes it used with a
digest of their text, and `fresh_only` makes the cache read a post again
when one of them changed.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass

from .symlinks import outside

FOLDER = "_includes"
_NAME = re.compile(r"[\w/.-]+")
_PARAMETER = re.compile(
    r"""\s*([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([\w.-]+))""",
)


class IncludeError(ValueError):
    pass


@dataclass(frozen=True)
class Include:
    name: str
    strings: dict[str, str]  # key -> a quoted value
    variables: dict[str, str]  # key -> the name of a variable, such as page.title


def parse(argument: str) -> Include:
    name, _, rest = argument.strip().partition(" ")
    if not _NAME.fullmatch(name) or ".." in name.split("/") or name.startswith("/"):
        what = "no file name" if not name else f"'{name}'"
        raise IncludeError(
            f"include: expected a file name in {FOLDER}/, got {what} "
            "(names of files in variables are not supported)"
        )
    strings: dict[str, str] = {}
    variables: dict[str, str] = {}
    position = 0
    rest = rest.strip()
    while position < len(rest):
        match = _PARAMETER.match(rest, position)
        if match is None:
            raise IncludeError(
                f"include: cannot read '{rest[position:].strip()}'; "
                'write parameters as key="value" or key=page.variable'
            )
        key, double, single, variable = match.groups()
        if variable is None:
            strings[key] = double if double is not None else single
        else:
            variables[key] = variable
        position = match.end()
    return Include(name, strings, variables)


def load(content_path: str, name: str) -> tuple[str, str, str]:
    """The file's path, its text and a digest of it (recorded for the cache)."""
    path = os.path.join(content_path, FOLDER, name)
    elsewhere = outside(path, content_path)
    if elsewhere is not None:
        raise IncludeError(
            f"include: {FOLDER}/{name} leads outside the site ({elsewhere})"
        )
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise IncludeError(f"include: no file '{name}' in {FOLDER}/") from None
    except (OSError, UnicodeDecodeError) as error:
        raise IncludeError(f"include: cannot read {FOLDER}/{name}: {error}") from None
    return path, text, _digest(text)


def stale(recorded) -> bool:
    """Whether any include a read used has changed (or gone) since."""
    for path, digest in recorded:
        try:
            with open(path, encoding="utf-8") as handle:
                if _digest(handle.read()) != digest:
                    return True
        except (OSError, UnicodeDecodeError):
            return True
    return False


def fresh_only(get_cached_data: Callable, reader: str) -> Callable:
    """Wraps Pelican's `Readers.get_cached_data`: a cached read whose
    includes changed, or made by another plugin version or other settings
    (`reader`, the reader's fingerprint), counts as not cached."""

    def get(filename, default=None):
        found = get_cached_data(filename, default)
        if found is default or not isinstance(found, tuple) or len(found) != 2:
            return found
        metadata = found[1] or {}
        if metadata.get("jekyll_reader") != reader:
            return default
        if stale(metadata.get("jekyll_includes", ())):
            return default
        return found

    return get


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
