"""Symlinks in the sources: nothing from outside the site reaches the output.

Pelican follows every symlink it meets, so a link in `content/images/` to a
system file, or a folder link to a directory of keys, would be published.
Jekyll (4.3, non-safe) follows symlinked files everywhere and symlinked
folders everywhere but below `_posts/` and `_drafts/`, whose posts it finds by
a glob that does not descend into them; in safe mode, and on GitHub Pages, a
link that leaves the site is ignored. Here such a link is a located error, in
every build: strict, the build fails before writing anything; with
`JEKYLL_STRICT = False` it is a warning and the link is not followed.

The walk is pure: `follow.py` makes Pelican's generators skip what it set aside.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..diagnostics import Problem

KEY = "_jekyll_symlinks"  # in a build's context: that build's Scan
POST_FOLDERS = frozenset({"_posts", "_drafts"})
# Never read by Jekyll or by this site: its output and its default excludes.
NOT_SOURCES = frozenset({"_site", "node_modules", "vendor"})


@dataclass(frozen=True)
class Scan:
    problems: tuple[Problem, ...] = ()
    skipped: frozenset[str] = frozenset()  # links not followed, by real location

    def followed(self, path: str, parents: dict | None = None) -> bool:
        """Whether `path`, as a walk that follows links reaches it, passes
        through no skipped link (however it got there)."""
        if not self.skipped:
            return True
        parents = {} if parents is None else parents
        path = os.path.abspath(path)
        while True:
            parent, name = os.path.split(path)
            if not name:
                return True
            real = parents.get(parent)
            if real is None:
                real = parents[parent] = os.path.realpath(parent)
            if os.path.join(real, name) in self.skipped:
                return False
            path = parent


def roots(settings) -> list[tuple[str, str, str]]:
    """(folder to walk, the folder links must stay in, what it is): the content
    (static paths included), the theme, and any static path outside the content."""
    content = os.path.realpath(settings["PATH"])
    found = [(settings["PATH"], content, "content")]
    if settings.get("THEME") and os.path.isdir(settings["THEME"]):
        found.append((settings["THEME"], os.path.realpath(settings["THEME"]), "theme"))
    for static in settings.get("STATIC_PATHS", ()):
        folder = os.path.normpath(os.path.join(settings["PATH"], static))
        if not within(os.path.abspath(folder), os.path.abspath(settings["PATH"])):
            found.append((folder, os.path.realpath(folder), "static"))
    return found


def scan(walk_roots: Iterable[tuple[str, str, str]]) -> Scan:
    """Every symlink under the roots that must not be followed, and why."""
    problems: list[Problem] = []
    skipped: set[str] = set()
    for top, boundary, what in walk_roots:
        for link, is_folder, inside_posts in _links(top):
            problem = _judge(link, boundary, what, is_folder, inside_posts)
            if problem is not None:
                problems.append(problem)
                real_parent = os.path.realpath(os.path.dirname(link))
                skipped.add(os.path.join(real_parent, os.path.basename(link)))
    return Scan(tuple(sorted(problems)), frozenset(skipped))


def for_build(context) -> Scan:
    """The scan of this build's sources, made once per build (per context)."""
    found = context.get(KEY)
    if found is None:
        found = context[KEY] = scan(roots(context))
    return found


def outside(path: str, folder: str) -> str | None:
    """Where `path` really is, when that is outside `folder` (else None)."""
    real = os.path.realpath(path)
    return None if within(real, os.path.realpath(folder)) else real


def _links(top: str) -> Iterator[tuple[str, bool, bool]]:
    """(link, points at a folder, lies below _posts/ or _drafts/) for each
    symlink under `top`, without following any; hidden folders and Jekyll's
    output and excludes are not sources. Directory entries say what is a
    link, so a large site costs no extra system call per file."""
    folders = [(top, False)]
    while folders:
        folder, inside_posts = folders.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            if entry.is_symlink():
                yield entry.path, os.path.isdir(entry.path), inside_posts
            elif (
                entry.is_dir()
                and not entry.name.startswith(".")
                and entry.name not in NOT_SOURCES
            ):
                folders.append((entry.path, inside_posts or entry.name in POST_FOLDERS))


def _judge(
    link: str, boundary: str, what: str, is_folder: bool, inside_posts: bool
) -> Problem | None:
    target = os.path.realpath(link)
    written = os.readlink(link)
    shown = written if written == target else f"{written} ({target})"
    if not os.path.exists(target):
        return Problem(link, 1, 1, f"symlink to {shown}, which does not exist")
    if not within(target, boundary):
        return Problem(
            link, 1, 1,
            f"symlink to {shown}, outside the {what} folder: nothing from outside "
            "the site is published; copy the file in instead",
        )  # fmt: skip
    if is_folder and within(os.path.realpath(os.path.dirname(link)), target):
        return Problem(
            link, 1, 1, f"symlink to {shown}, a folder that holds the link: a loop"
        )
    if is_folder and inside_posts:
        return Problem(
            link, 1, 1,
            f"symlink to the folder {shown}: not read, as Jekyll reads no posts "
            "through a symlinked folder inside _posts/ or _drafts/; move the "
            "posts here, or link the whole _posts folder",
            "warning",
        )  # fmt: skip
    return None


def within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)
