"""Render again only the pages whose inputs changed since the last build.

With the content cache on (the dev server's rebuilds), reading is cheap and
rendering thousands of unchanged pages dominates. Each page gets a signature:
a digest of the whole site's shape (every post's address, title, date,
taxonomy and series, the settings, the theme and plugin files) and of what
the page itself shows. A page whose signature and file are as the last build
left them is not rendered again. Any change to an address or a title changes
the site digest and so renders everything: correct first, fast when it can be.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import date, datetime
from pathlib import Path

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

from .. import origin
from .rendering import ParallelWriter

MANIFEST = "jekyll_pages.json"
_PLAIN = (str, int, float, bool, type(None), date, datetime)


class IncrementalWriter(ParallelWriter):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings)
        self._path = Path(self.settings["CACHE_PATH"]) / MANIFEST
        # name -> [signature, {file: stamp}]: a paginated name writes several files
        self._previous = _load(self._path)
        self._current: dict[str, list] = {}
        self._opened: list[str] | None = None  # the files of the page in hand
        self._site: str | None = None
        self._memo: dict[tuple[int, bool], str] = {}
        self._lists: dict[tuple[int, bool], tuple] = {}

    def write_file(self, name, template, context, *args, **kwargs):
        if not name:
            return super().write_file(name, template, context, *args, **kwargs)
        if self._site is None:
            self._site = _site_digest(context, self.settings)
        signature = _hash(
            self._site, name, template.name, repr(args),
            *(f"{k}={self._digest(v, single=True)}" for k, v in sorted(kwargs.items())),
        )  # fmt: skip
        last = self._previous.get(name)
        if last and last[0] == signature and _as_left(last[1], self._stamp):
            self._current[name] = last
            return None
        self._opened = []
        try:
            result = super().write_file(name, template, context, *args, **kwargs)
        finally:
            self._current[name] = [signature, dict.fromkeys(self._opened)]
            self._opened = None
        return result

    def write_feed(self, *args, **kwargs):
        """Feeds are written every time; their files are recorded, so a feed
        no build makes any more (a series gone) is removed."""
        self._opened = []
        try:
            return super().write_feed(*args, **kwargs)
        finally:
            for file in self._opened:
                self._current[f"feed {file}"] = ["", {file: None}]
            self._opened = None

    def _open_w(self, filename, encoding, override=False):
        if self._opened is not None:
            self._opened.append(os.path.relpath(filename, self.output_path))
        return super()._open_w(filename, encoding, override)

    def _stamp(self, name: str) -> str | None:
        """Size and time of an output file: another build writing it shows."""
        try:
            stat = os.stat(os.path.join(self.output_path, name))
        except OSError:
            return None
        return f"{stat.st_size}:{stat.st_mtime_ns}"

    def finish(self) -> None:
        """Render; remove pages this writer made last time and did not make now,
        so the output matches a clean build; then record what was made."""
        super().finish()
        output = Path(self.output_path).resolve()
        for name in _files(self._previous) - _files(self._current):
            stale = (output / name).resolve()
            if stale.is_file() and output in stale.parents:
                stale.unlink()
                folder = stale.parent
                while folder != output and not any(folder.iterdir()):
                    folder.rmdir()
                    folder = folder.parent
        self._path.parent.mkdir(parents=True, exist_ok=True)
        made = {
            name: [signature, {file: self._stamp(file) for file in files}]
            for name, (signature, files) in self._current.items()
        }
        self._path.write_text(json.dumps(made, sort_keys=True), "utf-8")

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
        if isinstance(value, URLWrapper):
            articles = getattr(value, "articles", ())
            return _hash(type(value).__name__, value.name, value.slug,
                         self._digest(list(articles), single=False),
                         _stable_repr(getattr(value, "description", None)),
                         _stable_repr(getattr(value, "related", None)))  # fmt: skip
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
    parts = [_stable_repr({k: v for k, v in settings.items() if k.isupper()})]
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


def _as_left(files: dict[str, str | None], stamp) -> bool:
    """Every file of a page is as the last build left it."""
    return all(stamp(file) == left for file, left in files.items())


def _files(pages: dict[str, list]) -> set[str]:
    return {file for _, files in pages.values() for file in files}


def _load(path: Path) -> dict[str, list]:
    """The last build's pages; a manifest in an older form counts as none."""
    try:
        pages = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    shaped = all(
        isinstance(v, list) and len(v) == 2 and isinstance(v[1], dict)
        for v in pages.values()
    )
    return pages if shaped else {}
