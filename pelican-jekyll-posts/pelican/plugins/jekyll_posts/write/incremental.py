"""Render again only the pages whose inputs changed since the last build.

With the content cache on (the dev server's rebuilds), reading is cheap and
rendering thousands of unchanged pages dominates. Each output file gets a
signature: a digest of the whole site's shape (every post's address, title,
date, taxonomy and series, the settings, the theme and plugin files) and of
the values the page's template can read (template_reads.py), each list of
posts digested by what a list shows of them. A file whose signature and
stamp are as the last build left them is not rendered again. Any change to
an address or a title changes the site digest and so renders everything:
correct first, fast when it can be. Files the last build wrote and this one
did not (a list's second page, a series' feed) are removed.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import date, datetime
from pathlib import Path

from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper
from pelican.utils import sanitised_join

from .. import origin
from ..config.settings import MEMORY
from .rendering import ParallelWriter
from .template_reads import TemplateReads

MANIFEST = "jekyll_pages.json"
_PLAIN = (str, int, float, bool, type(None), date, datetime)
# What Pelican's paginator adds for each paginated list, by suffix.
_PAGINATED = ("_paginator", "_page", "_previous_page", "_next_page")
_ARGS = " args"  # write_file's positional values (no template name has a space)


class IncrementalWriter(ParallelWriter):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings)
        self._path = Path(self.settings["CACHE_PATH"]) / MANIFEST
        # A host running many builds keeps the last record in memory too.
        self._memory = self.settings.get(MEMORY)
        self._key = ("manifest", str(self._path))
        held = self._memory.get(self._key) if self._memory is not None else None
        last = held if held is not None else _load(self._path)
        self._previous: dict[str, list] = last.get("files", {})  # file -> [sig, stamp]
        self._reads = TemplateReads(last.get("templates"))
        self._current: dict[str, str] = {}  # file -> signature
        self._given: dict = {}  # the values the page in hand was written with
        self._site: str | None = None
        self._prefix = os.path.join(self.output_path, "")
        self._memo: dict[tuple[int, bool], str] = {}
        self._lists: dict[tuple[int, bool], tuple] = {}
        self._pages_seen: dict[tuple[int, int], tuple] = {}

    def write_file(self, name, template, context, *args, **kwargs):
        if name and self._site is None:
            self._site = _site_digest(context, self.settings)
        self._given = {_ARGS: args, **kwargs}
        return super().write_file(name, template, context, *args, **kwargs)

    def write_feed(
        self, elements, context, path=None, url=None, feed_type="atom",
        override_output=False, feed_title=None,
    ):  # fmt: skip
        """A feed whose entries (whole: a feed may carry each post's text),
        address and site are as the last build wrote them is not written."""
        given = (elements, context, path, url, feed_type, override_output, feed_title)
        if not path:
            return super().write_feed(*given)
        if self._site is None:
            self._site = _site_digest(context, self.settings)
        file = self._relative(sanitised_join(self.output_path, path))
        entries = elements[: self.settings["FEED_MAX_ITEMS"]]
        signature = _hash(
            self._site, file, repr((url, feed_type, feed_title)),
            *(self._digest(entry, single=True) for entry in entries),
        )  # fmt: skip
        if self._as_left(file, signature):
            return None
        return super().write_feed(*given)

    def _as_left(self, file: str, signature: str) -> bool:
        """Record `file`'s signature; True when the last build wrote it with
        the same one and nothing has touched it since."""
        self._current[file] = signature
        last = self._previous.get(file)
        return bool(last) and last[0] == signature and last[1] == self._stamp(file)

    def _relative(self, filename: str) -> str:
        """A written file's path in the output (Pelican joins it to the output
        path; relpath would cost a tenth of a second a build at 5,000 posts)."""
        if filename.startswith(self._prefix):
            return filename[len(self._prefix) :]
        return os.path.relpath(filename, self.output_path)

    def _open_w(self, filename, encoding, override=False):
        """Each file as Pelican opens it: a page whose signature and file are
        as the last build left them is dropped before rendering."""
        page = self._kept
        handle = super()._open_w(filename, encoding, override)
        file = self._relative(filename)
        if page is None:  # a feed (its signature taken in write_feed)
            if handle.name != os.devnull:
                self._current.setdefault(file, "")
            return handle
        if self._pages.get(filename) is not page:  # another page keeps the file
            return handle
        if self._as_left(file, self._signature(file, page)):
            del self._pages[filename]
        return handle

    def _signature(self, file: str, page) -> str:
        local = page.localcontext
        names = self._reads.names(page.template)
        if names is None:  # any name: the values this page was given
            keys = set(self._given) | {
                k for k in local if k.endswith(_PAGINATED) and local[k] is not None
            }
        else:
            keys = {k for k in names if k in local and not k.isupper()} | {_ARGS}

        def value(key: str):  # the page's own values, not a copy of its context
            return self._given.get(_ARGS, ()) if key == _ARGS else local[key]

        return _hash(
            self._site, file, page.template.name, repr(page.localsiteurl),
            *(f"{k}={self._digest(value(k), single=True)}" for k in sorted(keys)),
        )  # fmt: skip

    def _stamp(self, name: str) -> str | None:
        """Size and time of an output file: another build writing it shows."""
        try:
            stat = os.stat(os.path.join(self.output_path, name))
        except OSError:
            return None
        return f"{stat.st_size}:{stat.st_mtime_ns}"

    def finish(self) -> None:
        """Render; remove files this writer made last time and did not make
        now, so the output matches a clean build; then record what was made."""
        super().finish()
        output = Path(self.output_path).resolve()
        for name in self._previous.keys() - self._current.keys():
            stale = (output / name).resolve()
            if stale.is_file() and output in stale.parents:
                stale.unlink()
                folder = stale.parent
                while folder != output and not any(folder.iterdir()):
                    folder.rmdir()
                    folder = folder.parent
        self._path.parent.mkdir(parents=True, exist_ok=True)
        made = {
            file: [signature, self._stamp(file)]
            for file, signature in self._current.items()
        }
        record = {"files": made, "templates": self._reads.record}
        self._path.write_text(json.dumps(record, sort_keys=True), "utf-8")
        if self._memory is not None:
            self._memory[self._key] = record

    def _digest(self, value, single: bool) -> str:
        """A page shows one content object whole; a list shows each in brief."""
        if isinstance(value, Content):
            key = (id(value), single)
            if key not in self._memo:
                self._memo[key] = _content_digest(value, whole=single)
            return self._memo[key]
        if isinstance(value, list | tuple):
            # Tag and category pages all pass the list of every post: digest
            # it once. The memo holds the list, so its id is not reused.
            key = (id(value), single)
            if key not in self._lists:
                digest = _hash(*(self._digest(item, single=False) for item in value))
                self._lists[key] = (value, digest)
            return self._lists[key][1]
        if isinstance(value, dict):
            return _hash(*(f"{k}={self._digest(v, single)}" for k, v in value.items()))
        if isinstance(value, Page):
            # Pelican makes a new Page for each use (the one, the next, the
            # previous), and works its address out each time: digested once
            # per paginator and number, the paginator held so its id stays its.
            key = (id(value.paginator), value.number)
            if key not in self._pages_seen:
                digest = _hash("page", str(value.number), value.url, value.save_as,
                               self._digest(value.paginator, single),
                               self._digest(list(value.object_list), single=False))  # fmt: skip
                self._pages_seen[key] = (value.paginator, digest)
            return self._pages_seen[key][1]
        if isinstance(value, Paginator):
            return f"paginator {value.count} {value.num_pages} {value.per_page}"
        if isinstance(value, URLWrapper):
            key = (id(value), single)
            if key not in self._memo:
                articles = getattr(value, "articles", ())
                self._memo[key] = _hash(
                    type(value).__name__, value.name, value.slug,
                    self._digest(list(articles), single=False),
                    _stable_repr(getattr(value, "description", None)),
                    _stable_repr(getattr(value, "related", None)),
                )  # fmt: skip
            return self._memo[key]
        if isinstance(value, _PLAIN):
            return repr(value)
        return _stable_repr(value)


def _content_digest(content: Content, whole: bool) -> str:
    summary = getattr(content, "jekyll_excerpt", None)
    if summary is None:
        summary = content.metadata.get("summary", "")
    parts = [summary, _metadata(content)]
    if whole:
        parts.append(content._content or "")
        parts += [
            f"{b.article.url}|{'|'.join(b.contexts)}"
            for b in getattr(content, "backlinks", ())
        ]
        parts += [
            f"{m.series.name}|{m.index}|{m.total}|{m.url}"
            for m in getattr(content, "series_memberships", ())
        ]
    return _hash(*parts)


def _metadata(content: Content) -> str:
    items = []
    for key, value in sorted(content.metadata.items()):
        if isinstance(value, list | tuple):
            value = [str(v) for v in value]
        elif not isinstance(value, _PLAIN):
            value = str(value)
        items.append(f"{key}={value!r}")
    return "\n".join(items)


def _site_digest(context, settings) -> str:
    """What every page may show: the site's shape, settings, theme and code."""
    shown = {k: v for k, v in settings.items() if k.isupper() and k != MEMORY}
    parts = [_stable_repr(shown)]
    for key in ("articles", "hidden_articles", "drafts", "pages", "hidden_pages",
                "draft_pages", "series_list"):  # fmt: skip
        for item in context.get(key) or ():
            parts.append(_shape(item))
    folders = [Path(settings["THEME"]), *map(Path, settings["PLUGIN_PATHS"])]
    folders += [Path(p) for p in settings.get("THEME_TEMPLATES_OVERRIDES", [])]
    files = [f for folder in folders for f in sorted(folder.rglob("*"))]
    for file in [*files, *origin.code_files()]:
        if file.is_file() and "__pycache__" not in file.parts:
            stat = file.stat()
            parts.append(f"{file}|{stat.st_mtime_ns}|{stat.st_size}")
    return _hash(*parts)


def _shape(item) -> str:
    if isinstance(item, Content):
        return "|".join(
            str(x)
            for x in (item.source_path, item.url, item.save_as, item.title,
                      getattr(item, "date", ""), item.status,
                      getattr(item, "category", ""), getattr(item, "tags", []),
                      getattr(item, "authors", []),
                      [m.series.name for m in getattr(item, "series_memberships", ())])
        )  # fmt: skip
    return (
        f"{type(item).__name__}|{getattr(item, 'name', '')}|{getattr(item, 'url', '')}"
    )


def _stable_repr(value) -> str:
    """repr, except that object addresses (which differ per process) are dropped."""
    text = repr(value)
    while " at 0x" in text:
        start = text.index(" at 0x")
        end = start + 6
        while end < len(text) and text[end] in "0123456789abcdef":
            end += 1
        text = text[:start] + text[end:]
    return text


def _hash(*parts: str) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _load(path: Path) -> dict:
    """The last build's record; one in another form counts as none."""
    try:
        record = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) and "files" in record else {}
