"""Every problem of a build, reported at once through Pelican's logging.

Problems go to the logger `pelican.plugins.jekyll_posts.problems`, so
Pelican's `--fatal warnings`/`errors` and `LOG_FILTER` apply to them; its
handler writes each as the line an editor links to, `path:line:col: message`,
then a tally. A lenient build (`JEKYLL_STRICT = False`) reports errors as
warnings saying what was done instead; two files on one address stay errors.
"""

from __future__ import annotations

import logging
import sys

from .diagnostics import BuildFailed, Problem, report
from .link.collisions import COLLISION
from .state import Build

LOGGER = "pelican.plugins.jekyll_posts.problems"


def finish(build: Build) -> None:
    """Print every problem at once; fail the build on any error when strict.

    Two files on one address fail the build either way: one would be lost.
    """
    problems = [
        p
        if build.config.strict or not p.is_error or p.group == COLLISION
        else Problem(p.path, p.line, p.col, degraded(p), "warning", p.group)
        for p in build.problems
    ]
    problems = grouped(problems)
    log(problems)
    errors = sum(p.is_error for p in problems)
    if errors:
        raise BuildFailed(f"{errors} error(s) in the content; nothing was written")


# What a lenient build does with the part a problem is in, by the problem's group.
_INSTEAD = {
    "link": "the link is left as its text",
    "tag": "the tag renders nothing",
    "filter": "the value is passed on unfiltered",
    "date": "the post is dated by its file name",
    "front matter": "the file is read without its front matter",
    "liquid": "that part renders nothing",
}


def degraded(problem: Problem) -> str:
    """An error's message in a build that goes on: what was done instead."""
    kind = problem.group.split(":", 1)[0]
    instead = _INSTEAD.get(kind, "")
    return f"{problem.message} ({instead})" if instead else problem.message


def grouped(problems: list[Problem]) -> list[Problem]:
    """An unknown tag or filter is reported once per name, at its first use,
    with how often it is used and how to provide it."""
    groups: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.group.startswith(("tag:", "filter:")):
            groups.setdefault(problem.group, []).append(problem)
    alone = [p for p in problems if p.group not in groups]
    for group, members in groups.items():
        first = min(members)
        files = len({p.path for p in members})
        kind, name = group.split(":", 1)
        how = (
            f"; a Python {kind} in _plugins/ can provide it (README: 'A site's own "
            "tags and filters')"
        )
        count = f" ({len(members)} uses in {files} files)" if len(members) > 1 else ""
        alone.append(
            Problem(
                first.path,
                first.line,
                first.col,
                first.message + count + how,
                first.severity,
                group,
            )
        )
    return alone


def log(problems: list[Problem]) -> None:
    """Each problem as a log record, in file order, then the tally."""
    if not problems:
        return
    logger = problem_logger()
    *lines, tally = report(problems).split("\n")
    for problem, line in zip(sorted(set(problems)), lines, strict=True):
        logger.log(logging.ERROR if problem.is_error else logging.WARNING, line)
    sys.stderr.write(tally + "\n")
    sys.stderr.flush()


def problem_logger() -> logging.Logger:
    """The plugin's problem logger (Pelican's logger class, so its filters and
    `--fatal` hold), writing plain lines to stderr rather than through
    Pelican's columns, which would wrap them."""
    logger = logging.getLogger(LOGGER)
    if not any(getattr(h, "_jekyll_posts", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        handler._jekyll_posts = True
        logger.addHandler(handler)
        logger.propagate = False
    return logger
