"""Pelican's generators, made to skip the symlinks the build's scan set aside.

A generator lists files with `get_files`, the static generator copies the
theme's files with `_copy_paths`, and templates load through the Jinja
environment's loader: each is wrapped, on the generator instance only, so
that nothing reached through a skipped link is read, copied or rendered.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from fnmatch import fnmatch

from jinja2 import BaseLoader, TemplateNotFound
from pelican.generators import StaticGenerator
from pelican.utils import copy

from .. import fences
from ..source.symlinks import Scan, for_build, within


def follow_only_allowed(generator) -> None:
    """Make a generator skip the links its build's scan set aside."""
    found = for_build(generator.context)
    if not found.skipped:
        return
    get_files = generator.get_files
    base = os.path.abspath(generator.path)

    def files(paths, exclude=None, extensions=None):
        # Links to folders are pruned from the walk (a loop is never entered),
        # then anything reached through a skipped link is dropped.
        real = os.path.realpath(base)
        pruned = [
            os.path.relpath(link, real)
            for link in found.skipped
            if within(link, real) and os.path.isdir(link)
        ]
        listed = get_files(paths, [*(exclude or ()), *pruned], extensions)
        parents: dict = {}
        return {f for f in listed if found.followed(os.path.join(base, f), parents)}

    generator.get_files = files
    if isinstance(generator, StaticGenerator) and fences.standing(fences.THEME_COPY):
        generator._copy_paths = _copier(found, generator.settings["IGNORE_FILES"])
    env = getattr(generator, "env", None)
    if env is not None:
        env.loader = _FollowedLoader(env.loader, found.followed)


def _copier(found: Scan, ignores: list[str]) -> Callable:
    """Pelican's StaticGenerator._copy_paths (the theme's static files), file
    by file, leaving out what comes through a skipped link."""

    def copy_paths(paths, source, destination, output_path, final_path=None):
        parents: dict = {}
        for path in paths:
            origin = os.path.join(source, path)
            if final_path:
                target = os.path.join(output_path, destination, final_path)
                if os.path.isfile(origin):
                    target = os.path.join(target, os.path.basename(path))
            else:
                target = os.path.join(output_path, destination, path)
            if os.path.isfile(origin):
                if found.followed(origin, parents):
                    copy(origin, target, ignores)
                continue
            for folder, dirs, files in os.walk(origin, followlinks=True):
                dirs[:] = [
                    d
                    for d in dirs
                    if found.followed(os.path.join(folder, d), parents)
                    and not any(fnmatch(d, pattern) for pattern in ignores)
                ]
                for name in files:
                    path_in = os.path.join(folder, name)
                    if found.followed(path_in, parents):
                        relative = os.path.relpath(path_in, origin)
                        copy(path_in, os.path.join(target, relative), ignores)

    return copy_paths


class _FollowedLoader(BaseLoader):
    """A template loader that will not load a template through a skipped link."""

    def __init__(self, loader: BaseLoader, followed: Callable[[str], bool]):
        self.loader = loader
        self.followed = followed

    def get_source(self, environment, template):
        source, filename, uptodate = self.loader.get_source(environment, template)
        if filename and not self.followed(filename):
            raise TemplateNotFound(template)
        return source, filename, uptodate

    def list_templates(self):
        return self.loader.list_templates()
