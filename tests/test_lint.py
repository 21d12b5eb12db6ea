"""The code stays tidy: ruff's lint rules and formatting hold for the whole repo."""

import subprocess
import sys

from conftest import ROOT


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, "--no-cache", str(ROOT)],
        capture_output=True,
        text=True,
    )


def test_ruff_check_passes():
    done = ruff("check")
    assert done.returncode == 0, done.stdout


def test_ruff_format_is_applied():
    done = ruff("format", "--check")
    assert done.returncode == 0, done.stdout
