"""Front-matter defaults: `_config.yml`'s `defaults:`, applied as Jekyll applies them.

Each set has a `scope` (a `path` prefix, which may hold `*` globs, and a
`type`: posts, pages or drafts) and `values`. Every set whose scope matches a
file contributes; a set with a longer path, or as long a path and a type,
takes precedence, and mappings merge deeply. The file's own front matter
wins over all of them.
"""

from __future__ import annotations

import glob
import os
from typing import Any

from .jekyll_config import merge

_OLD_TYPES = {"page": "pages", "post": "posts", "draft": "drafts"}


class Defaults:
    """The valid sets of one site, with their globs expanded once."""

    def __init__(self, sets: Any, folder: str):
        self.folder = folder
        self.sets = [_normalised(s) for s in sets or [] if _valid(s)]
        self._globs: dict[str, list[str]] = {}

    def for_file(self, path: str, kind: str) -> dict:
        """The defaults for the file at `path` (relative to the site) of
        `kind` ("posts", "pages" or "drafts")."""
        found: dict = {}
        winner = None
        for scope, values in self.sets:
            if not self._applies(scope, path, kind):
                continue
            if _precedes(winner, scope):
                found = merge(found, values)
                winner = scope
            else:
                found = merge(values, found)
        return found

    def _applies(self, scope: dict, path: str, kind: str) -> bool:
        if "type" in scope and str(scope["type"]) != kind:
            return False
        wanted = scope.get("path")
        if not isinstance(wanted, str) or not wanted:
            return True
        if "*" in wanted:
            return any(path.startswith(p) for p in self._expand(wanted))
        return path.startswith(_sanitised(wanted))

    def _expand(self, pattern: str) -> list[str]:
        if pattern not in self._globs:
            root = os.path.join(self.folder, pattern)
            self._globs[pattern] = [
                os.path.relpath(p, self.folder).replace(os.sep, "/")
                for p in sorted(glob.glob(root))
            ]
        return self._globs[pattern]


def _valid(one: Any) -> bool:
    return isinstance(one, dict) and isinstance(one.get("values"), dict)


def _normalised(one: dict) -> tuple[dict, dict]:
    scope = dict(one.get("scope") or {}) if isinstance(one.get("scope"), dict) else {}
    if "type" in scope:
        scope["type"] = _OLD_TYPES.get(str(scope["type"]), str(scope["type"]))
    return scope, one["values"]


def _sanitised(path: str | None) -> str:
    """Jekyll drops a leading slash and keeps the rest as written."""
    if not path:
        return ""
    return path[1:] if path.startswith("/") else path


def _precedes(old: dict | None, new: dict) -> bool:
    """Jekyll's rule: a longer path wins; at equal length a set with a type."""
    if old is None:
        return True
    new_path = _sanitised(new.get("path") if isinstance(new.get("path"), str) else "")
    old_path = _sanitised(old.get("path") if isinstance(old.get("path"), str) else "")
    if len(new_path) != len(old_path):
        return len(new_path) >= len(old_path)
    if "type" in new:
        return True
    return "type" not in old
