"""Two sources that would write the same file, found before anything is written.

Addresses that differ only in case collide too: they are one file on the
case-insensitive file systems of macOS and Windows, and on many hosts.
"""

from __future__ import annotations

from ..diagnostics import Problem, display_path

COLLISION = "collision"  # the group of these problems: errors in every mode


def collisions(outputs: list[tuple[str, str]]) -> list[Problem]:
    """`outputs` pairs each file a build writes with the source that writes it."""
    by_file: dict[str, list[tuple[str, str]]] = {}
    for save_as, source in outputs:
        by_file.setdefault(save_as.casefold(), []).append((save_as, source))
    problems = []
    for entries in by_file.values():
        if len(entries) < 2:
            continue
        for save_as, source in entries:
            others = ", ".join(
                display_path(other) + (f" (as {file})" if file != save_as else "")
                for file, other in entries
                if other != source
            )
            problems.append(
                Problem(
                    source,
                    1,
                    1,
                    f"output {save_as} is also written by {others}",
                    group=COLLISION,
                )
            )
    return problems
