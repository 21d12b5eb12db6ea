"""Render pages on every core: Pelican renders its templates one page at a time.

The writer lets Pelican run its page-writing pass as usual (pagination, file
names, folders, the `content_written` signal), but hands it a stand-in
template, so each page's rendering, with the page's own context, is kept for
later; the writer checks, as Pelican does, that no two pages claim one file.
When the pass is over, `finish` renders the kept pages in forked processes,
which start with every template and article already in memory, each writing
its share of files.
A page renders as it would have in Pelican's loop: the context's
`localsiteurl` (through which Pelican's content objects make their links
relative) is set back to what Pelican had set for that page.

Feeds are written as Pelican writes them. Listeners of `content_written` are
called before the page's file is written; `finalized` comes after.
"""

from __future__ import annotations

import gc
import io
import multiprocessing
import os
from typing import Any, NamedTuple

from pelican.writers import FileOverwriteFailedError, Writer

from ..config.settings import from_settings

# Settings key: the writer whose kept pages the `finalized` step renders.
PENDING = "_jekyll_writer"
# Below this many pages per process, forking costs more than it saves.
PAGES_PER_PROCESS = 40
_ABSENT = object()  # the context had no `localsiteurl` yet


class RenderFailed(RuntimeError):
    pass


class _Page(NamedTuple):
    template: Any
    localcontext: dict
    context: dict
    localsiteurl: Any


class _Kept:
    """Stands in for a Jinja template: records the page instead of rendering it."""

    def __init__(self, template, context: dict, writer: ParallelWriter):
        self._template = template
        self._context = context
        self._writer = writer
        self.name = template.name

    def render(self, localcontext: dict) -> str:
        self._writer._kept = _Page(
            self._template,
            localcontext,
            self._context,
            self._context.get("localsiteurl", _ABSENT),
        )
        return ""


class ParallelWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings)
        self.workers = from_settings(self.settings).workers
        self._kept: _Page | None = None  # the page whose file opens next
        self._pages: dict[str, _Page] = {}  # file -> page to render there
        self.settings[PENDING] = self

    def write_file(self, name, template, context, *args, **kwargs):
        if not name:
            return super().write_file(name, template, context, *args, **kwargs)
        kept = _Kept(template, context, self)
        return super().write_file(name, kept, context, *args, **kwargs)

    def _open_w(self, filename, encoding, override=False):
        """The file for what was just rendered: a kept page is only claimed
        here (its process creates the file); a feed is written now."""
        page, self._kept = self._kept, None
        if page is None:
            handle = super()._open_w(filename, encoding, override)
            if handle.name != os.devnull:
                self._pages.pop(filename, None)  # a kept page no longer goes there
            return handle
        if self._claim(filename, override):
            self._pages[filename] = page
        return io.StringIO()

    def _claim(self, filename: str, override: bool) -> bool:
        """Pelican's rule for two pages to one file: only a page marked to
        override may replace another, once, and later ones leave it be."""
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'"{filename}" is overridden by two pages; only one may'
                )
            return False
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'"{filename}" is written by two pages; one must override '
                "the other (override=True)"
            )
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return True

    def finish(self) -> None:
        """Render every kept page, on as many processes as pay."""
        pages = list(self._pages.items())
        self._pages.clear()
        processes = max(1, min(self.workers, len(pages) // PAGES_PER_PROCESS))
        if processes == 1:
            _render_all(pages)
            return
        # What exists now lives until the build ends: the collector need not
        # scan it again, in this process or (copied) in each forked one.
        gc.freeze()
        fork = multiprocessing.get_context("fork")
        children = []
        for share in range(1, processes):
            receiver, sender = fork.Pipe(duplex=False)
            child = fork.Process(
                target=_child, args=(pages[share::processes], sender), daemon=True
            )
            child.start()
            sender.close()
            children.append((child, receiver))
        try:
            _render_all(pages[0::processes])
        finally:
            failures = [_wait(child, receiver) for child, receiver in children]
            gc.unfreeze()
        failure = next((f for f in failures if f), None)
        if failure:
            raise RenderFailed(failure)


def finish(settings) -> None:
    """After Pelican's writing pass: render the pages it kept."""
    writer = settings.pop(PENDING, None)
    if writer is not None:
        writer.finish()


def _render_all(pages: list[tuple[str, _Page]]) -> None:
    for path, page in pages:
        if page.localsiteurl is _ABSENT:
            page.context.pop("localsiteurl", None)
        else:
            page.context["localsiteurl"] = page.localsiteurl
        try:
            output = page.template.render(page.localcontext)
        except Exception as error:
            raise RenderFailed(
                f'rendering "{path}" with {page.template.name}: '
                f"{type(error).__name__}: {error}"
            ) from error
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(output)


def _child(pages, sender) -> None:
    """Render a share of the pages; report the first failure to the parent."""
    try:
        _render_all(pages)
    except BaseException as error:
        sender.send(str(error) or type(error).__name__)
        sender.close()
        os._exit(1)
    sender.send(None)
    sender.close()


def _wait(child, receiver) -> str | None:
    try:
        failure = receiver.recv()
    except EOFError:
        failure = None
    child.join()
    if failure is None and child.exitcode != 0:
        failure = f"a rendering process ended with status {child.exitcode}"
    return failure
