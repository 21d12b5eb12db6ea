"""Before Pelican reads any body: every file's front matter, the site made
from it, and the bodies handed to worker processes.

Pelican reads one file at a time, and a body's Liquid may read any other
file's front matter (`site.posts`), so the front matter of every post and
page is read first, here, into the build's state, and each Jekyll reader is
told the site. The files Pelican will then read are read ahead on every core.
"""

from __future__ import annotations

import logging
import os
from functools import partial

from ..config.settings import MEMORY
from ..diagnostics import Problem
from ..kramdown import options
from ..liquid import site_plugins
from ..source import data, documents
from ..source.dates import build_time
from ..source.deferred import Deferred
from ..source.posts import POSTS_DIR
from ..source.site import Site
from . import kept, parallel
from .reader import JekyllReader, fingerprint

logger = logging.getLogger(__name__)

# Names Jekyll never reads as content (its EntryFilter's rules).
_HIDDEN = (".", "_", "#")


def know_the_site(state, generator) -> None:
    """Read every post's and page's front matter into `state.site`."""
    settings = generator.settings
    made = state.config
    paths = [
        os.path.join(generator.path, name)
        for name in sorted(
            generator.get_files(
                settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"]
            )
            | generator.get_files(
                settings["PAGE_PATHS"], exclude=settings["PAGE_EXCLUDES"]
            )
        )
    ]
    jekyll = [
        os.path.abspath(path)
        for path in paths
        if not documents.excluded(documents.source_of(path, made.folder), made)
        and isinstance(reader_for(generator.readers, path), JekyllReader)
    ]
    prepare = partial(
        documents.prepare, config=made, defaults=made.defaults(), process=Deferred
    )
    prepared = kept.prepare_changed(
        jekyll,
        lambda paths: parallel.prepare_all(paths, prepare, made.workers),
        settings["CACHE_PATH"] if _cached(settings) else None,
        fingerprint(settings),
        settings.get(MEMORY),
    )
    site_data, problems = data.read(os.path.join(made.folder, made.data_dir))
    state.problems.extend(problems)
    state.problems.extend(made.problems)
    state.problems.extend(kramdown_options(made))
    state.problems.extend(unreadable(generator, made))
    if not made.safe:
        folder = os.path.join(made.folder, made.plugins_dir)
        state.problems.extend(site_plugins.load(folder).problems)
    state.site = Site(
        [p.document for p in prepared.values() if p.document is not None],
        made.values,
        site_data,
        build_time().astimezone(made.zone),
    )
    state.prepared = prepared
    attach(state, generator.readers)


def _cached(settings) -> bool:
    """Builds that use the content cache keep front matter too (rebuilds)."""
    return bool(settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE"))


def kramdown_options(made) -> list[Problem]:
    """`kramdown:` options in `_config.yml` this site does not act on, in one
    warning, as the configuration's other keys are."""
    ignored = options.not_applied(made.values.get("kramdown"))
    if not ignored or not made.files:
        return []
    listed = ", ".join(ignored)
    return [
        Problem(
            made.files[-1],
            1,
            1,
            f"kramdown options not acted on by this build: {listed}",
            "warning",
        )
    ]


def attach(state, readers) -> None:
    for reader in readers.readers.values():
        if isinstance(reader, JekyllReader) and state.site is not None:
            reader.know(state.site, state.prepared)


def read_ahead(generator) -> None:
    """Hand the posts Pelican will read to worker processes, by reader."""
    readers = generator.readers
    cached = generator.settings.get("LOAD_CONTENT_CACHE")
    by_reader: dict[int, tuple[JekyllReader, list[str]]] = {}
    fresh = 0
    for name in sorted(
        generator.get_files(
            generator.settings["ARTICLE_PATHS"],
            exclude=generator.settings["ARTICLE_EXCLUDES"],
        )
    ):
        path = os.path.abspath(os.path.join(generator.path, name))
        if cached and readers.get_cached_data(path, None) is not None:
            fresh += 1
            continue
        reader = reader_for(readers, path)
        if isinstance(reader, JekyllReader):
            by_reader.setdefault(id(reader), (reader, []))[1].append(path)
    reading = sum(len(paths) for _, paths in by_reader.values())
    logger.debug("Jekyll posts: %d to read, %d from the content cache", reading, fresh)
    for reader, paths in by_reader.values():
        reader.read_ahead(paths)


def stop_reading_ahead(readers) -> None:
    for reader in readers.readers.values():
        if isinstance(reader, JekyllReader):
            reader.stop_reading_ahead()


def site_of(readers) -> Site | None:
    """The site a Jekyll reader of `readers` was told, once it was."""
    for reader in readers.readers.values():
        if isinstance(reader, JekyllReader) and reader.site is not None:
            return reader.site
    return None


def reader_for(readers, path: str):
    extension = path.rsplit(".", 1)[-1] if "." in os.path.basename(path) else ""
    return readers.readers.get(extension)


def unreadable(generator, made) -> list[Problem]:
    """Posts Jekyll would hand to a converter this site does not have
    (`.textile`, `.adoc`...): Pelican would pass them over without a word."""
    found = []
    known = set(generator.readers.extensions)
    for folder in generator.settings["ARTICLE_PATHS"]:
        root = os.path.join(generator.path, folder)
        if os.path.basename(folder.rstrip("/")) != POSTS_DIR:
            continue
        for current, folders, files in os.walk(root):
            folders[:] = sorted(f for f in folders if not f.startswith(_HIDDEN))
            for name in sorted(files):
                if name.startswith(_HIDDEN) or name.endswith("~") or "." not in name:
                    continue
                extension = name.rsplit(".", 1)[-1].lower()
                path = os.path.join(current, name)
                source = documents.source_of(path, made.folder)
                if extension not in known and not documents.excluded(source, made):
                    found.append(
                        Problem(
                            path,
                            1,
                            1,
                            f"'.{extension}' posts need a converter this site does "
                            "not have (Markdown and HTML are read); the post is "
                            "not written",
                        )
                    )
    return found
