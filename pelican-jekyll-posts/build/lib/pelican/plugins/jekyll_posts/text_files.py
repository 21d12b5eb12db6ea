"""Reading a site's text files: one way to open them (UTF-8, byte-order mark,
line ends), one YAML loader, and the place of a YAML problem in its file.

Every part of the plugin that reads a source file (the reader, `_config.yml`,
`_data/`, series descriptions, includes, the doctor) goes through these, so
a file reads the same everywhere and a problem points at the same place.
"""

from __future__ import annotations

import yaml

from .diagnostics import Problem, ProblemError

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The safe loader (libyaml's when present), without implicit timestamps.

    Dates are parsed by `dates.py` from their text and whether it was quoted,
    as Jekyll's YAML and Ruby's Time.parse read them; PyYAML's timestamp rule
    would drop the offset.
    """

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def decode(path: str) -> str:
    """A source file's text: UTF-8 (a bad byte is a located error), without a
    byte-order mark, with `\n` line ends. Every reader of site files uses it."""
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise ProblemError(
            Problem(
                path,
                line,
                col,
                f"not valid UTF-8: byte {error.start} (0x{data[error.start]:02x})",
            )
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def located(
    path: str, first_line: int, mark, message: str, severity: str = "error"
) -> Problem:
    """A problem at a YAML mark, in the file's lines (the YAML starts on
    `first_line`)."""
    if mark is None:
        return Problem(path, first_line, 1, message, severity)
    return Problem(path, first_line + mark.line, mark.column + 1, message, severity)
