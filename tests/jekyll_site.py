"""Build throwaway sites with the real Jekyll so tests can compare against it.

Tests that use this module should be skipped when ``JEKYLL`` is ``None``
(`need_jekyll` does it, and fails instead in CI).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path, PurePath

import pytest
from bs4 import BeautifulSoup

JEKYLL = shutil.which("jekyll")


# Seconds before a hung Jekyll build is killed (a normal tiny site takes < 2 s).
TIMEOUT = 120

# Enough to build offline: no theme gem, no plugin gems.  Later duplicate keys
# win in Jekyll's YAML loader, so text appended by a test overrides these.
BASE_CONFIG = """\
# Written by tests/jekyll_site.py
theme: null
plugins: []
"""


def _environment() -> dict[str, str]:
    """Return a small fixed environment so the host's TZ or locale can't leak in."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
        "TZ": "UTC",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "JEKYLL_ENV": "development",
    }
    if "HOME" in os.environ:
        env["HOME"] = os.environ["HOME"]
    return env


def build_with_jekyll(
    source: Path, dest: Path, config: str = "", safe: bool = True
) -> subprocess.CompletedProcess:
    """Build ``source`` into ``dest`` with Jekyll; return the process unchecked.

    Tests need the reference output that real Jekyll produces, and sometimes its
    error messages, so the exit status is left for the caller to check.  An
    existing ``_config.yml`` is kept as it is, unless it differs from the one this
    function would write (an error, so ``config`` is never silently ignored).
    ``--safe`` stops plugins from running (``safe=False`` runs the site's own
    ``_plugins/``) and, like ``--disable-disk-cache``, keeps ``.jekyll-cache``
    out of ``source``.  TZ is fixed to UTC because, without a
    ``timezone:`` setting, Jekyll takes post dates (and so URLs) from TZ.
    """
    if JEKYLL is None:
        raise FileNotFoundError("jekyll is not installed (not found on PATH)")
    source, dest = Path(source), Path(dest)
    wanted = BASE_CONFIG + config
    if wanted and not wanted.endswith("\n"):
        wanted += "\n"
    config_file = source / "_config.yml"
    if not config_file.exists():
        config_file.write_text(wanted, encoding="utf-8")
    elif config and config_file.read_text(encoding="utf-8") != wanted:
        raise ValueError(f"{config_file} exists; will not apply config={config!r}")
    command = [
        JEKYLL,
        "build",
        *(["--safe"] if safe else []),
        "--quiet",
        "--disable-disk-cache",
        "--source",
        str(source),
        "--destination",
        str(dest),
    ]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=_environment(),
        timeout=TIMEOUT,
        check=False,
    )


def post_addresses(dest: Path, exclude: Iterable[str | PurePath] = ()) -> set[str]:
    """Return the posix paths, relative to ``dest``, of the posts Jekyll wrote.

    Jekyll's output holds nothing that marks a file as a post, so nothing is
    guessed: every ``*.html`` file counts except those listed in ``exclude``.  A
    site holding only ``_posts/`` and ``_config.yml`` writes posts alone (and, with
    plugins off, no feed or sitemap, which would be ``.xml`` anyway), so the
    result is exactly its posts.  A test that adds pages such as ``index.html``
    lists their outputs in ``exclude``.  Posts written with another extension
    (a ``.txt`` post, ``permalink: /x.json``) are not ``.html`` and are not
    counted.
    """
    dest = Path(dest)
    skipped = {PurePath(path).as_posix() for path in exclude}
    found = {
        path.relative_to(dest).as_posix()
        for path in dest.rglob("*.html")
        if path.is_file()
    }
    return found - skipped


def need_jekyll() -> None:
    """Skip the calling test where Jekyll is not installed; fail in CI."""
    if JEKYLL is None:
        if os.environ.get("CI"):
            pytest.fail("jekyll must be installed in CI", pytrace=False)
        pytest.skip("jekyll is not installed")


def build_copy_with_jekyll(content: Path, root: Path) -> Path:
    """Build a copy of a Pelican site's `content` with Jekyll (which must
    succeed) into `root`/jekyll-out; the copy keeps the files' times."""
    need_jekyll()
    source = Path(root) / "jekyll"
    shutil.copytree(content, source)
    done = build_with_jekyll(source, Path(root) / "jekyll-out")
    assert done.returncode == 0, done.stderr
    return Path(root) / "jekyll-out"


def normalised(html: BeautifulSoup) -> tuple[str, list[str], list[str]]:
    """The visible words, the link targets and the classes of asides, figures
    and code: what a reader sees and follows, whatever the highlighter."""
    words = " ".join(html.get_text(" ").split())
    links = [a["href"] for a in html.find_all("a", href=True)]
    shapes = [
        f"{tag.name}.{'.'.join(tag.get('class', []))}"
        for tag in html.find_all(["aside", "figure", "code"])
    ]
    return words, links, shapes


def jekyll_page(out: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((Path(out) / path).read_text("utf-8"), "html.parser")
