"""`site`, `page` and each post as Liquid sees them, made on demand.

The objects are built once per build from the site's documents and shared
by every render; what a render reads of the rest of the site (`site.posts`,
another post's content, `page.next`...) is noted on the render under way,
so a cached read knows which parts of the site it depends on.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from ..source.site import Document, Site


class RubyTime(datetime):
    """A time Liquid prints as Jekyll does: `2021-11-19 08:00:00 -0600`."""

    def __str__(self) -> str:
        return self.strftime("%Y-%m-%d %H:%M:%S %z")

    def __liquid__(self) -> float:
        """What Liquid compares (`post.date < site.time`): the moment itself."""
        return self.timestamp()

    @classmethod
    def of(cls, moment: datetime | None) -> RubyTime | None:
        if moment is None or isinstance(moment, cls):
            return moment
        return cls(
            moment.year, moment.month, moment.day, moment.hour, moment.minute,
            moment.second, moment.microsecond, moment.tzinfo, fold=moment.fold,
        )  # fmt: skip


class _Lazy(Mapping):
    """A read-only mapping whose values are made on first use."""

    def __init__(self):
        self._made: dict[str, Any] = {}

    @abstractmethod
    def _keys(self) -> list[str]:
        """Every key, for iteration and length; each subclass has its own."""

    def _make(self, key: str) -> Any:
        raise KeyError(key)

    def __getitem__(self, key):
        if not isinstance(key, str):
            raise KeyError(key)
        if key not in self._made:
            self._made[key] = self._make(key)
        return self._made[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys())

    def __len__(self) -> int:
        return len(self._keys())

    def __contains__(self, key) -> bool:
        try:
            self[key]
        except KeyError:
            return False
        return True


class Drops:
    """The drops of one build: one per document, made when first reached.

    `render` gives the render under way (or None): what it reads of the site
    is noted on it, and `related_posts` leaves its own document out.
    """

    def __init__(self, site: Site, render):
        self.site = site
        self.render = render
        self._documents: dict[str, DocumentDrop] = {}

    def note(self, use: str) -> None:
        current = self.render()
        if current is not None:
            current.uses.add(use)

    def rendering(self, document: Document) -> bool:
        current = self.render()
        return current is not None and current.document == document.source

    def document(self, document: Document | None) -> DocumentDrop | None:
        if document is None:
            return None
        drop = self._documents.get(document.source)
        if drop is None:
            drop = self._documents[document.source] = DocumentDrop(document, self)
        return drop

    def documents(self, documents) -> list[DocumentDrop]:
        return [self.document(d) for d in documents]


class DocumentDrop(_Lazy):
    """A post or a page: its front matter, and what Jekyll adds to it."""

    _ADDED = ("title", "url", "date", "id", "path", "relative_path", "slug",
              "categories", "tags", "collection", "excerpt", "content", "next",
              "previous", "name", "draft")  # fmt: skip

    def __init__(self, document: Document, drops: Drops):
        super().__init__()
        self.document = document
        self.drops = drops

    def _keys(self) -> list[str]:
        return list(dict.fromkeys([*self.document.front, *self._ADDED]))

    def __getitem__(self, key):
        if key in ("next", "previous"):
            self.drops.note("posts")
        elif key in ("content", "excerpt") and not self.drops.rendering(self.document):
            kind = "pages" if self.document.kind == "page" else "posts"
            self.drops.note(f"{kind}.content")
        return super().__getitem__(key)

    def _make(self, key: str) -> Any:
        document = self.document
        meta = document.meta
        post = document.kind != "page"
        if key == "title":
            return meta.get("title")
        if key == "url":
            return document.url
        if key == "date":
            return RubyTime.of(document.date) if document.date else None
        if key == "id" and post:
            return (
                document.url.rsplit(".", 1)[0]
                if "." in document.url.rsplit("/", 1)[-1]
                else document.url.rstrip("/")
            )
        if key in ("path", "relative_path"):
            return document.source
        if key == "slug":
            return document.front.get("slug", meta.get("slug"))
        if key == "categories":
            return list(document.categories)
        if key == "tags":
            return list(document.tags)
        if key == "collection" and post:
            return "posts"
        if key == "name":
            return document.source.rsplit("/", 1)[-1]
        if key == "draft" and post:
            return document.kind == "draft"
        if key in ("content", "excerpt"):
            return self._text(key)
        if key in ("next", "previous") and post:
            older, newer = self.drops.site.neighbours.get(document.source, (None, None))
            return self.drops.document(newer if key == "next" else older)
        if key in document.front:
            return document.front[key]
        raise KeyError(key)

    def _text(self, key: str) -> str:
        """The text as written, before it is rendered (Jekyll gives the
        rendered text only of documents it happened to render first)."""
        if key == "excerpt":
            written = self.document.front.get("excerpt")
            if isinstance(written, str):
                return written
            separator = self.document.front.get("excerpt_separator")
            if not isinstance(separator, str):
                separator = self.drops.site.config.get("excerpt_separator", "\n\n")
            if not separator:
                return ""
            return self.document.body.lstrip("\n").partition(separator)[0]
        return self.document.body

    def __str__(self) -> str:
        return self.document.source


class SiteDrop(_Lazy):
    """`site`: the configuration's keys, and the site's documents and data."""

    _ADDED = ("posts", "pages", "html_pages", "tags", "categories", "data",
              "time", "documents", "related_posts")  # fmt: skip

    def __init__(self, drops: Drops):
        super().__init__()
        self.drops = drops

    def _keys(self) -> list[str]:
        return list(dict.fromkeys([*self.drops.site.config, *self._ADDED]))

    def __getitem__(self, key):
        if not isinstance(key, str):
            raise KeyError(key)
        if key in self._ADDED or key in self.drops.site.config:
            self.drops.note(key)
        if key == "related_posts":
            return self._related()
        return super().__getitem__(key)

    def _related(self) -> list:
        """Jekyll without `lsi`: the ten newest posts but the one rendered."""
        current = self.drops.render()
        mine = current.document if current is not None else None
        posts = [p for p in self.drops.site.posts if p.source != mine]
        return self.drops.documents(posts[:10])

    def _make(self, key: str) -> Any:
        site = self.drops.site
        drops = self.drops
        if key == "posts":
            return drops.documents(site.posts)
        if key == "pages":
            return drops.documents(site.pages)
        if key == "html_pages":
            return [
                drops.document(d) for d in site.pages if d.url.endswith((".html", "/"))
            ]
        if key == "documents":
            return drops.documents(site.posts)
        if key in ("tags", "categories"):
            return {
                name: drops.documents(posts)
                for name, posts in site.grouped(key).items()
            }
        if key == "data":
            return site.data
        if key == "time":
            return RubyTime.of(site.time)
        if key in site.config:
            return site.config[key]
        raise KeyError(key)
