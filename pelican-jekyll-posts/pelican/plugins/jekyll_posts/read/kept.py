"""Front matter of unchanged files, kept from one build for the next.

A rebuild reads every file's front matter before any body (`site.posts`
needs it all), which at 5,000 posts costs about two seconds of work on every
core even when one post changed. With the content cache on, what a build
prepared is kept in the cache folder with each file's size and time and the
reader's fingerprint (plugin code, settings); the next build prepares again
only the files whose stamp changed. Anything unreadable counts as nothing kept.

A process that runs many builds (the dev server's build process) may lend a
dict under the `_JEKYLL_MEMORY` setting: what would be written to the cache
folder is kept there instead, saving a second of pickling at 5,000 posts,
and `flush` writes it out when that process ends.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path

FILE = "jekyll_front_matter.pickle"


def stamp(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def prepare_changed(
    paths: list[str],
    prepare_all: Callable[[list[str]], list],
    cache: str | None,
    fingerprint: str,
    memory: dict | None = None,
) -> dict:
    """`path -> prepared` for `paths`, reusing what `cache` (or `memory`)
    kept; with no cache folder, every path is prepared and nothing is kept."""
    if cache is None:
        return dict(zip(paths, prepare_all(paths), strict=True))
    where = str(Path(cache) / FILE)
    held = memory.get(where) if memory is not None else None
    found = held if held is not None else _load(Path(where))
    kept = found.get("files", {}) if found.get("fingerprint") == fingerprint else {}
    stamps = {path: stamp(path) for path in paths}
    changed = [p for p in paths if kept.get(p, (None,))[0] != stamps[p]]
    fresh = dict(zip(changed, prepare_all(changed), strict=True))
    prepared = {p: fresh[p] if p in fresh else kept[p][1] for p in paths}
    if changed or kept.keys() != set(paths) or (memory is not None and held is None):
        files = {p: (stamps[p], prepared[p]) for p in paths if stamps[p] is not None}
        record = {"fingerprint": fingerprint, "files": files}
        if memory is None:
            _save(Path(where), record)
        else:
            memory[where] = record
    return prepared


class Memory(dict):
    """What a host keeps between builds. It is lent through the settings,
    which Pelican pickles along with tags and authors into its own cache:
    there it is written as an empty one, not as a copy of every cache."""

    def __reduce__(self):
        return (Memory, ())


def hold(cacher, memory: dict) -> None:
    """Keep a Pelican content cache (a `Readers`) in `memory`: the first build
    takes what Pelican loaded and removes the file, so later builds load
    nothing; each build then adds to the same dict, and `flush` writes it."""
    where = cacher._cache_path
    if not os.path.basename(where):  # a generator that caches nothing
        return
    if where in memory:
        cacher._cache = memory[where]
    else:
        memory[where] = cacher._cache
        Path(where).unlink(missing_ok=True)
    cacher.save_cache = _kept_already


def _kept_already() -> None:
    """`save_cache` of a cache held in memory: the dict is the one kept."""


def flush(memory: dict) -> None:
    """Write what a host kept in memory to the cache folder, for the next
    process (keys that are paths: others are copies of files written already)."""
    for where, record in memory.items():
        if isinstance(where, str):
            _save(Path(where), record)


def _load(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            found = pickle.load(handle)
    except Exception:  # absent, cut short, or from another version of the code
        return {}
    return found if isinstance(found, dict) else {}


def _save(path: Path, record: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("wb") as handle:
        pickle.dump(record, handle, protocol=5)
    partial.replace(path)
