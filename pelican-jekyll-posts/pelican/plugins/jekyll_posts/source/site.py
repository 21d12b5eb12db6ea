"""The site as Liquid sees it: every post's and page's front matter, known
before any body is rendered, since a post may loop over `site.posts`.

Pure: made from the documents the reader prepared (front matter, address,
status) and the site's configuration and data. Digests of its parts let a
cached read that used one of them tell whether it changed since.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any


@dataclass(frozen=True, eq=False)
class Document:
    """One post or page after its front matter was read, before its body is."""

    source: str  # relative to the site folder, with forward slashes
    path: str  # on disk
    kind: str  # "post", "draft" or "page"
    front: dict  # the front matter, defaults applied, as YAML loaded it
    meta: dict  # what the reader made of it: title, date, url, slug, status...
    body: str = ""
    written: bool = True  # will the build write it (published, not held back)?
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()

    @property
    def date(self) -> datetime | None:
        return self.meta.get("date")

    @property
    def url(self) -> str:
        """Jekyll's url: from the site's root, without `baseurl`."""
        url = self.meta.get("url")
        return "/" + url if url is not None else ""

    @property
    def order(self) -> tuple:
        """Jekyll orders posts by date, then by path."""
        return (self.date or datetime.min, self.source)


@dataclass
class Site:
    """Every document, the configuration (`site.*`) and `_data`."""

    documents: list[Document]
    config: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)
    time: datetime | None = None

    @cached_property
    def posts(self) -> list[Document]:
        """Written posts, newest first: Jekyll's `site.posts`."""
        posts = [d for d in self.documents if d.kind != "page" and d.written]
        return sorted(posts, key=lambda d: d.order, reverse=True)

    @cached_property
    def pages(self) -> list[Document]:
        return [d for d in self.documents if d.kind == "page" and d.written]

    @cached_property
    def by_source(self) -> dict[str, Document]:
        return {d.source: d for d in self.documents}

    @cached_property
    def neighbours(self) -> dict[str, tuple[Document | None, Document | None]]:
        """Each written post's (previous, next): the older and the newer post."""
        ordered = self.posts[::-1]
        found = {}
        for at, post in enumerate(ordered):
            older = ordered[at - 1] if at > 0 else None
            newer = ordered[at + 1] if at + 1 < len(ordered) else None
            found[post.source] = (older, newer)
        return found

    def grouped(self, key: str) -> dict[str, list[Document]]:
        """`site.tags` or `site.categories`: each name's posts, newest first."""
        groups: dict[str, list[Document]] = {}
        for post in self.posts:
            for name in getattr(post, key):
                groups.setdefault(name, []).append(post)
        return groups

    def digest(self, use: str) -> str:
        """A digest of what a render used: "posts" (front matter and addresses),
        "posts.content" (bodies), "pages", "data", "time" or a config key."""
        found = self._digests.get(use)
        if found is None:
            found = self._digests[use] = _hash(self._part(use))
        return found

    @cached_property
    def _digests(self) -> dict[str, str]:
        return {}

    def _part(self, use: str) -> Any:
        if use in ("posts", "tags", "categories", "related_posts"):
            return [(d.source, d.url, d.front, _plain(d.meta)) for d in self.posts]
        if use == "posts.content":
            return [(d.source, d.body) for d in self.posts]
        if use in ("pages", "html_pages"):
            return [(d.source, d.url, d.front, _plain(d.meta)) for d in self.pages]
        if use == "data":
            return self.data
        if use == "time":
            return self.time
        return self.config.get(use)


def _plain(meta: dict) -> list:
    return sorted(
        (k, v) for k, v in meta.items() if not k.startswith("jekyll_problems")
    )


def _hash(value: Any) -> str:
    text = repr(value).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=16).hexdigest()
