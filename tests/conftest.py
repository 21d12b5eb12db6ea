"""Tiny sites built with the real Pelican, in a temporary folder.

Each test writes a few source files, runs `pelican` as a user would (the
repository's pelicanconf.py, overrides through `-e`), and inspects the exit
status, the messages and the parsed HTML.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str
    output: Path

    def page(self, path: str) -> BeautifulSoup:
        return BeautifulSoup((self.output / path).read_text("utf-8"), "html.parser")

    def exists(self, path: str) -> bool:
        return (self.output / path).is_file()

    def tree(self) -> dict[str, bytes]:
        """Every output file's bytes, by path: for comparing whole builds."""
        return {
            p.relative_to(self.output).as_posix(): p.read_bytes()
            for p in self.output.rglob("*")
            if p.is_file()
        }

    def files(self) -> set[str]:
        return {
            p.relative_to(self.output).as_posix()
            for p in self.output.rglob("*")
            if p.is_file()
        }

    @property
    def problems(self) -> list[str]:
        """The `path:line:col: message` lines the build printed."""
        return [
            line
            for line in self.stderr.splitlines()
            if line.startswith(("content/", "/")) and ":" in line
        ]


class Site:
    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        self.content.mkdir(parents=True, exist_ok=True)
        # As the sample site's (title, author, Chicago time) unless a test says.
        self.write(
            "_config.yml",
            "title: Platform Notes\nauthor: The Platform Team\n"
            "timezone: America/Chicago\n",
        )

    def use_sample(self) -> None:
        """Replace the content with a copy of the repository's sample site."""
        shutil.rmtree(self.content)
        shutil.copytree(ROOT / "content", self.content)

    def write(self, path: str, text: str) -> Path:
        target = self.content / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip("\n"), "utf-8")
        return target

    def build(
        self,
        output: str = "output",
        conf: str = "pelicanconf.py",
        env: dict | None = None,
        args: tuple[str, ...] = (),
        **settings,
    ) -> Result:
        out = self.root / output
        command = [
            sys.executable, "-m", "pelican", str(self.content),
            "-s", str(ROOT / conf), "-o", str(out), *args,
        ]  # fmt: skip
        if settings:  # one -e: a second -e flag would replace the first
            command += ["-e", *(f"{k}={json.dumps(v)}" for k, v in settings.items())]
        env = {**os.environ, "COLUMNS": "200", "TZ": "UTC", **(env or {})}
        done = subprocess.run(
            command, cwd=self.root, capture_output=True, text=True, env=env, timeout=300
        )
        return Result(done.returncode, done.stdout, done.stderr, out)


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path)
