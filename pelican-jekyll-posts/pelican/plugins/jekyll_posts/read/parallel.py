"""Read posts on every core: their front matter first, then their bodies,
ahead of Pelican asking for them one by one.

Pelican reads files in one process, and Markdown rendering is most of a cold
build. Reading is a pure function of a file and the settings, so worker
processes (forked: they start with the reader already built) read the files
in the order Pelican will ask for them, and each `read` takes its result as
it arrives. Metadata that needs Pelican objects (tags, authors, categories)
comes back as `Deferred` values that the reader resolves in Pelican's process,
so serial and parallel reads give the same objects.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

# Below this many files, starting workers costs more than it saves.
MINIMUM_FILES = 40

# What a worker process runs, set once by the pool's initializer.
_worker_reader: Any = None
_worker_prepare: Callable[[str], Any] | None = None


def prepare_all(paths: list[str], prepare: Callable[[str], Any], workers: int) -> list:
    """`prepare(path)` for each path, in order, on `workers` processes when
    that pays (each file's front matter is independent of the others')."""
    if workers <= 1 or len(paths) < MINIMUM_FILES:
        return [prepare(path) for path in paths]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_preparing, initargs=(prepare,)
    ) as pool:
        chunk = max(1, len(paths) // (workers * 8))
        return list(pool.map(_prepare, paths, chunksize=chunk))


def _start_preparing(prepare) -> None:
    global _worker_prepare
    _worker_prepare = prepare


def _prepare(path: str):
    return _worker_prepare(path)


class Ahead:
    """Results of reading `paths` in worker processes, taken in any order."""

    def __init__(self, reader, paths: list[str], workers: int):
        context = multiprocessing.get_context("fork")
        self._pool = ProcessPoolExecutor(
            workers, mp_context=context, initializer=_start, initargs=(reader,)
        )
        self._waiting = set(paths)
        self._arriving = self._pool.map(_read, paths, chunksize=8)
        self._ready: dict[str, tuple] = {}

    def take(self, path: str):
        """The read result for `path`, or None when it was not read ahead."""
        if path not in self._waiting:
            return None
        while path not in self._ready:
            done, result = next(self._arriving)
            self._ready[done] = result
        self._waiting.discard(path)
        kind, value = self._ready.pop(path)
        if not self._waiting:
            self.close()
        if kind == "error":
            raise value
        return value

    def close(self) -> None:
        self._waiting.clear()
        self._ready.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)


def _start(reader) -> None:
    global _worker_reader
    _worker_reader = reader


def _read(path: str):
    try:
        return path, ("ok", _worker_reader.parse(path))
    except Exception as error:  # re-raised in Pelican's process, for this file
        return path, ("error", error)
