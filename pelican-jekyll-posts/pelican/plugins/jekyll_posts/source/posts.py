"""Post file names and the index that resolves `post_url` names.

Jekyll answers each `post_url` by scanning every post; with thousands of posts
that dominates its build. Here every name is indexed once, and each lookup is
a dictionary access. Names are compared in Unicode NFC, so a slug typed on a
keyboard that produces decomposed accents still finds its post.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

_FILE = re.compile(
    r"(?P<date>\d{2,4}-\d{1,2}-\d{1,2})-(?P<slug>[^/]*)\.(?P<ext>[^./]+)"
)
_NAME = re.compile(r"(?P<path>(?:[^/]+/)*)(?P<date>\d+-\d+-\d+)-(?P<slug>.*)")
POSTS_DIR = "_posts"


@dataclass(frozen=True)
class PostFile:
    """A file under a `_posts` folder, as named by its path."""

    source: str  # relative to the content folder, with forward slashes
    folder: str  # the folder holding `_posts`, "" at the top ("blog/")
    subdir: str  # folders between `_posts/` and the file ("incidents/")
    date: str
    slug: str

    @property
    def name(self) -> str:
        return f"{self.subdir}{self.date}-{self.slug}"


def post_file(source: str) -> PostFile | None:
    """The post a content-relative path names, or None when it is not a post."""
    parts = source.split("/")
    if POSTS_DIR not in parts[:-1]:
        return None
    at = len(parts) - 1 - parts[::-1].index(POSTS_DIR)
    match = _FILE.fullmatch(parts[-1])
    if not match:
        return None
    folder = "".join(p + "/" for p in parts[:at])
    subdir = "".join(p + "/" for p in parts[at + 1 : -1])
    return PostFile(source, folder, subdir, match["date"], _nfc(match["slug"]))


def in_posts_folder(source: str) -> bool:
    return POSTS_DIR in source.split("/")[:-1]


@dataclass(frozen=True)
class Lookup:
    post: PostFile | None
    error: str | None = None


class PostIndex:
    """Every post by each name Jekyll accepts for it; built once per build."""

    def __init__(self, posts: list[PostFile]):
        self._exact: dict[str, list[PostFile]] = {}
        self._loose: dict[str, list[PostFile]] = {}
        for post in sorted(posts, key=lambda p: p.source):
            bare = f"{post.date}-{post.slug}"
            for name in {post.name, post.folder + bare}:
                self._exact.setdefault(name, []).append(post)
            self._loose.setdefault(bare, []).append(post)

    def lookup(self, written: str) -> Lookup:
        name = _nfc(written.lstrip("/"))
        parsed = _NAME.fullmatch(name)
        if "\0" in name or not parsed:
            return Lookup(
                None,
                f'post_url: cannot read the post name "{written}"; write it as '
                "YYYY-MM-DD-slug (or folder/YYYY-MM-DD-slug), without quotes or extension",
            )
        found = self._exact.get(name) or (
            self._loose.get(name, []) if not parsed["path"] else []
        )
        if len(found) == 1:
            return Lookup(found[0])
        if found:
            sources = ", ".join(p.source for p in found)
            return Lookup(
                None, f'post_url: "{written}" is ambiguous: it names {sources}'
            )
        return Lookup(None, self._not_found(written, name))

    def _not_found(self, written: str, name: str) -> str:
        message = f'post_url: no post named "{written}"'
        extension = re.fullmatch(r"(.*)\.(md|markdown|mkd|mkdn|mdown|html)", name)
        if extension and extension[1] in self._exact:
            return f'{message}; drop the extension: "{extension[1]}"'
        close = difflib.get_close_matches(name, self._exact.keys(), n=3, cutoff=0.75)
        if close:
            return (
                message + "; did you mean " + " or ".join(f'"{c}"' for c in close) + "?"
            )
        return message


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
