"""Problems found while building, each tied to a position in a source file.

Pure functions raise or return `Problem`s instead of logging, so a build can
collect every problem of every file and report them together, sorted, before
it decides to fail.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    message: str
    severity: str = "error"
    # Problems of one group (an unknown tag's name) are reported as one line.
    group: str = ""

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return (
            f"{display_path(self.path)}:{self.line}:{self.col}: {prefix}{self.message}"
        )

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class ProblemError(Exception):
    """Raised by a pure step that cannot go on with one file."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


class BuildFailed(Exception):
    """Ends a build whose problems were already printed; Pelican exits 1."""

    exitcode = 1


def display_path(path: str) -> str:
    """Paths under the working directory are shown relative, so editors link them."""
    if not os.path.isabs(path):
        return path
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def report(problems: list[Problem]) -> str:
    """One block of text: every problem sorted by file and position, then a tally."""
    ordered = sorted(set(problems))
    errors = sum(p.is_error for p in ordered)
    warnings = len(ordered) - errors
    lines = [str(p) for p in ordered]
    lines.append(f"{errors} error(s), {warnings} warning(s)")
    return "\n".join(lines)


class Locator:
    """Turns offsets in a piece of a file into 1-based file lines and columns.

    `first_line` is the file line on which the piece starts, so the body of a
    post reports positions in the file, not in the body.
    """

    def __init__(self, text: str, first_line: int = 1):
        self._text = text
        self._starts: list[int] = []  # of lines; found on first use (some posts: never)
        self._first_line = first_line

    def position(self, offset: int) -> tuple[int, int]:
        if not self._starts:
            self._starts.append(0)
            start = self._text.find("\n")
            while start != -1:
                self._starts.append(start + 1)
                start = self._text.find("\n", start + 1)
        index = bisect_right(self._starts, offset) - 1
        return self._first_line + index, offset - self._starts[index] + 1
