"""The first half of reading a file: its front matter (with the site's
defaults), what Jekyll makes of it (title, date, address, status), and its
body, not yet rendered.

Every file of the site goes through this before any body is rendered, since
a body's Liquid may read any other file's front matter (`site.posts`). It is
a function of the file and the configuration only.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
from dataclasses import dataclass, field

from ..config.defaults import Defaults
from ..config.settings import Config
from ..diagnostics import Problem, ProblemError
from ..text_files import decode
from . import drafts, metadata, posts
from .dates import build_time
from .deferred import plain
from .frontmatter import FrontMatter, load, split, with_defaults
from .site import Document

HTML = ("html", "htm", "xhtml")


@dataclass(frozen=True)
class Prepared:
    """One file after its first half of reading; `document` is None when the
    file cannot be read at all (its problem says why)."""

    document: Document | None
    meta: dict = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    body_line: int = 1
    front: FrontMatter = field(default_factory=FrontMatter)

    @property
    def html(self) -> bool:
        """Jekyll's `.html` files have Liquid but no Markdown."""
        return self.document is not None and _extension(self.document.path) in HTML


def source_of(path: str, folder: str) -> str:
    return os.path.relpath(path, folder).replace(os.sep, "/")


def prepare(path: str, config: Config, defaults: Defaults, process) -> Prepared:
    """`process` stands in for Pelican's metadata processing (tags, authors)."""
    source = source_of(path, config.folder)
    problems: list[Problem] = []
    try:
        text = decode(path)
        parts = split(text, path)
    except ProblemError as error:
        return Prepared(None, _failed(), (error.problem,))
    try:
        front = load(parts.front_matter, path)
    except ProblemError as error:
        # Jekyll reports front matter it cannot read and builds the file
        # without it; a strict build stops on the error anyway.
        problems.append(dataclasses.replace(error.problem, group="front matter"))
        front = FrontMatter()
    problems += front.problems
    post = posts.post_file(source) or drafts.draft_file(source, path, config.zone)
    if post is None and posts.in_posts_folder(source):
        return Prepared(None, _failed(), (_misnamed(path),))
    kind = "page" if post is None else "draft" if drafts.in_drafts(source) else "post"
    scope = "pages" if kind == "page" else "posts"
    # Jekyll's drafts are documents of the posts collection.
    front = with_defaults(front, defaults.for_file(source, scope))
    if post is not None:
        meta, found = metadata.post_metadata(front, post, path, config, process)
    else:
        meta, found = metadata.page_metadata(front, path, config, process)
    problems += found
    if kind == "draft" and not config.show_drafts:
        meta["status"] = "draft" if config.drafts else "skip"
    if front.values.get("published") is False and config.unpublished:
        meta.pop("status", None)
    written = _written(meta, config)
    document = Document(
        source,
        path,
        kind,
        front.values,
        meta,
        parts.body,
        written,
        tuple(str(t) for t in plain(meta.get("tags", ()))),
        tuple(meta.get("categories", ())),
    )
    return Prepared(document, meta, tuple(problems), parts.body_line, front)


def _written(meta: dict, config: Config) -> bool:
    """Whether the build writes the file: not skipped, and in the future only
    with `future` (or in a preview, where drafts are written too)."""
    status = meta.get("status")
    if status == "skip":
        return False
    if status == "draft" and not config.drafts:
        return False
    date = meta.get("date")
    if date is not None and not config.future and not config.drafts:
        return date <= build_time()
    return True


def excluded(source: str, config: Config) -> bool:
    """Jekyll's `exclude:` (paths and globs from the site folder), unless
    `include:` names the file again."""

    def matches(patterns) -> bool:
        for pattern in patterns:
            pattern = pattern.strip("/")
            if not pattern:
                continue
            if source == pattern or source.startswith(pattern + "/"):
                return True
            if fnmatch.fnmatch(source, pattern) or fnmatch.fnmatch(
                source.rsplit("/", 1)[-1], pattern
            ):
                return True
        return False

    return matches(config.exclude) and not matches(config.include)


def _misnamed(path: str) -> Problem:
    return Problem(
        path,
        1,
        1,
        "not a post: a file in _posts must be named YYYY-MM-DD-title.EXT "
        "(Jekyll skips it too)",
        "warning",
    )


def _failed() -> dict:
    return {"status": "skip", "title": ""}


def _extension(path: str) -> str:
    return path.rsplit(".", 1)[-1].lower() if "." in os.path.basename(path) else ""
