"""Run Pelican the way a user runs it, and read its report.

A build is the `pelican` command line (run as its own process by publishing
and the bench, or handed to the dev server's build process, which runs it
as Pelican's own `main` would). It runs in the settings file's folder, so
`from pelicanconf import *` in publishconf.py works and problems are
reported relative to the project.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# `path:line:col: message`, as the plugin prints each problem in the content.
_PROBLEM = re.compile(
    r"^(?P<path>[^\s:][^:\n]*):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$", re.M
)


class SettingsError(Exception):
    pass


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


def command(
    content: Path, output: Path, settings: Path, overrides: dict | None = None
) -> list[str]:
    """The `pelican` command line for one build, with `-e` settings overrides."""
    args = [
        sys.executable, "-m", "pelican", str(Path(content).resolve()),
        "-o", str(Path(output).resolve()), "-s", str(Path(settings).resolve()),
    ]  # fmt: skip
    if overrides:
        args += ["-e", *(f"{k}={json.dumps(v)}" for k, v in overrides.items())]
    return args


def environment() -> dict[str, str]:
    """Wide, uncoloured log lines, so messages stay whole and greppable."""
    return {**os.environ, "COLUMNS": "160", "NO_COLOR": "1", "TERM": "dumb"}


def problems(log: str) -> list[Problem]:
    """The located problems a build printed, in the order it printed them."""
    return [
        Problem(m["path"], int(m["line"]), int(m["col"]), m["message"])
        for m in _PROBLEM.finditer(log)
    ]


def read_settings(settings: Path, names: list[str]) -> dict:
    """Setting values as a build will see them (environment variables included).

    Read in a fresh process too: a settings module imported here would stay in
    `sys.modules` and shadow another project's file of the same name.
    """
    settings = Path(settings).resolve()
    done = subprocess.run(
        [sys.executable, "-c", _READ_SETTINGS, str(settings), *names],
        cwd=settings.parent,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SettingsError(f"cannot read {settings}:\n{done.stderr.rstrip()}")
    return json.loads(done.stdout)


_READ_SETTINGS = """
import json, sys
from pelican.settings import read_settings
values = read_settings(sys.argv[1])
print(json.dumps({name: values[name] for name in sys.argv[2:]}))
"""
