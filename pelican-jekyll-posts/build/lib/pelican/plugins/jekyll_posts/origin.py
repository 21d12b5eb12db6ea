"""Where the plugin's own code is: a cached read or page made by other code is
stale, the dev server rebuilds when it changes, and no build may write there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def code_files() -> Iterator[Path]:
    """Every file of the plugin that a build's output depends on, in order."""
    for path in sorted(FOLDER.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            yield path
