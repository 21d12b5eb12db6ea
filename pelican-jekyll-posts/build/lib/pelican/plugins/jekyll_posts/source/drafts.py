"""Jekyll's `_drafts/`: posts that are only built for a preview.

A draft's name needs no date; Jekyll dates it by the file's modification
time (a date in the name still wins). Reading the time keeps the reader a
function of the file: Pelican's cache notices a changed time, too.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, tzinfo

from . import dates
from .posts import PostFile, post_file

DRAFTS_DIR = "_drafts"
_NAME = re.compile(r"(?P<slug>[^/]*)\.[^./]+")


def draft_file(source: str, path: str, zone: tzinfo) -> PostFile | None:
    """The draft a content-relative path names, or None when it is not one."""
    if not in_drafts(source):
        return None
    parts = source.split("/")
    at = len(parts) - 1 - parts[::-1].index(DRAFTS_DIR)
    dated = post_file("/".join([*parts[:at], "_posts", *parts[at + 1 :]]))
    if dated is not None:
        return PostFile(source, dated.folder, dated.subdir, dated.date, dated.slug)
    name = _NAME.fullmatch(parts[-1])
    if name is None:
        return None
    moment = datetime.fromtimestamp(os.path.getmtime(path), zone)
    return PostFile(
        source,
        "".join(p + "/" for p in parts[:at]),
        "".join(p + "/" for p in parts[at + 1 : -1]),
        moment.strftime("%Y-%m-%d %H:%M:%S"),
        name["slug"],
    )


def in_drafts(source: str) -> bool:
    return DRAFTS_DIR in source.split("/")[:-1]


def why_unpublished(article) -> str:
    """Why a post Pelican holds as a draft is not on the site."""
    if in_drafts(article.relative_source_path):
        return f"it is in {DRAFTS_DIR}/"
    if article.date > dates.build_time():
        return "it is dated in the future; JEKYLL_FUTURE = True publishes it"
    return "it is a draft"


def hold_back_future(config, metadata) -> None:
    """A post dated after the build is a draft, which only a preview writes."""
    date = metadata.get("date")
    if config.future or metadata.get("status") in ("skip", "draft") or date is None:
        return
    if date > dates.build_time():
        metadata["status"] = "draft"
