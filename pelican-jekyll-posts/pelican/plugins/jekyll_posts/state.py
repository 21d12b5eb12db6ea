"""One build's state: what each step leaves for the next (no logic).

The state lives in Pelican's per-run context, never at module level, so a
rebuild in the same process (`pelican -r`, the dev server) starts from nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import config as config_module
from .diagnostics import Problem
from .source.site import Site

KEY = "jekyll_posts_build"


@dataclass
class Build:
    config: config_module.Config
    problems: list[Problem] = field(default_factory=list)
    unpublished: set[str] = field(default_factory=set)
    edges: list = field(default_factory=list)  # link.links.Edge, resolved links
    contexts: dict = field(default_factory=dict)  # Edge -> backlinks.Sentence
    descriptions: dict = field(default_factory=dict)  # series slug -> Description
    series: list = field(default_factory=list)  # relations.Series, by name
    redirects: list = field(default_factory=list)  # redirects.Redirect, to write
    site: Site | None = None  # every file's front matter, before any body
    prepared: dict = field(default_factory=dict)  # path -> documents.Prepared


def state(context: dict) -> Build:
    build = context.get(KEY)
    if build is None:
        build = context[KEY] = Build(config_module.from_settings(context))
    return build


def collect(build: Build, metadata: dict) -> None:
    """Take the problems a reader left in the metadata (cached reads included)."""
    build.problems.extend(metadata.pop("jekyll_problems", ()))
    source = metadata.pop("jekyll_unpublished", None)
    if source:
        build.unpublished.add(source)
