"""Front matter of unchanged files, kept from one build for the next.

A rebuild reads every file's front matter before any body (`site.posts`
needs it all), which at 5,000 posts costs about two seconds of work on every
core even when one post changed. With the content cache on, what a build
prepared is kept in the cache folder with each file's size and time and the
reader's fingerprint (plugin code, settings); the next build prepares again
only the files whose stamp changed. Anything unreadable counts as nothing kept.
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
) -> dict:
    """`path -> prepared` for `paths`, reusing what `cache` kept; with no
    cache folder, every path is prepared and nothing is kept."""
    if cache is None:
        return dict(zip(paths, prepare_all(paths), strict=True))
    kept = _load(Path(cache) / FILE, fingerprint)
    stamps = {path: stamp(path) for path in paths}
    changed = [p for p in paths if kept.get(p, (None,))[0] != stamps[p]]
    fresh = dict(zip(changed, prepare_all(changed), strict=True))
    prepared = {p: fresh[p] if p in fresh else kept[p][1] for p in paths}
    if changed or kept.keys() != set(paths):
        _save(Path(cache) / FILE, fingerprint, stamps, prepared)
    return prepared


def _load(path: Path, fingerprint: str) -> dict:
    try:
        with path.open("rb") as handle:
            found = pickle.load(handle)
    except Exception:  # absent, cut short, or from another version of the code
        return {}
    if not isinstance(found, dict) or found.get("fingerprint") != fingerprint:
        return {}
    return found.get("files", {})


def _save(path: Path, fingerprint: str, stamps: dict, prepared: dict) -> None:
    files = {p: (stamps[p], prepared[p]) for p in prepared if stamps[p] is not None}
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("wb") as handle:
        pickle.dump({"fingerprint": fingerprint, "files": files}, handle, protocol=5)
    partial.replace(path)
