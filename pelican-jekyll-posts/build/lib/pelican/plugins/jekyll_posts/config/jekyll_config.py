"""A Jekyll site's `_config.yml`, read as Jekyll reads it.

Jekyll reads `_config.yml` (else `_config.yaml`) from the site's folder, or
the files given with `--config a.yml,b.yml`, later ones merged over earlier
ones, key by key and deeply, over its own defaults. The result is both the
build's settings and `site.*` in Liquid. Keys that change what Jekyll builds
but that this site does not act on are named, so none is ignored unseen.
"""

from __future__ import annotations

import os
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..diagnostics import Problem
from ..text_files import Loader, decode, located

# Jekyll's defaults for the keys a Liquid template may read as `site.*`.
DEFAULTS: dict[str, Any] = {
    "collections_dir": "",
    "plugins_dir": "_plugins",
    "layouts_dir": "_layouts",
    "data_dir": "_data",
    "includes_dir": "_includes",
    "collections": {},
    "safe": False,
    "include": [".htaccess"],
    "exclude": [],
    "keep_files": [".git", ".svn"],
    "encoding": "utf-8",
    "markdown_ext": "markdown,mkdown,mkdn,mkd,md",
    "strict_front_matter": False,
    "show_drafts": None,
    "limit_posts": 0,
    "future": False,
    "unpublished": False,
    "whitelist": [],
    "plugins": [],
    "markdown": "kramdown",
    "highlighter": "rouge",
    "lsi": False,
    "excerpt_separator": "\n\n",
    "incremental": False,
    "baseurl": None,
    "permalink": "date",
    "paginate_path": "/page:num",
    "timezone": None,
    "defaults": [],
    "liquid": {
        "error_mode": "warn",
        "strict_filters": False,
        "strict_variables": False,
    },
}
# Keys that change what Jekyll builds, which a Pelican build does not act on,
# with what to do instead.
NOT_HONOURED = {
    "plugins": "Ruby plugins do not run; Python equivalents go in _plugins/ (README)",
    "gems": "Ruby plugins do not run; Python equivalents go in _plugins/ (README)",
    "whitelist": "Ruby plugins do not run",
    "theme": "Jekyll themes are not used; the Pelican theme (THEME) is",
    "remote_theme": "Jekyll themes are not used; the Pelican theme (THEME) is",
    "sass": "Sass is not compiled",
    "markdown": "posts are read with this site's kramdown dialect",
    "highlighter": "code is highlighted with Pygments",
    "paginate": "Pelican paginates with DEFAULT_PAGINATION",
    "paginate_path": "Pelican paginates with PAGINATION_PATTERNS",
    "destination": "Pelican writes where -o says",
    "layouts_dir": "layouts are not used; the Pelican theme is",
    "collections_dir": "collections are not built",
    "keep_files": "Pelican's OUTPUT_RETENTION keeps files",
    "limit_posts": "every post is built",
    "lsi": "related posts are the newest ones",
    "encoding": "files are read as UTF-8",
    "incremental": "rebuilds use Pelican's content cache",
    "strict_front_matter": "front matter problems are reported by JEKYLL_STRICT",
}


@dataclass(frozen=True)
class JekyllConfig:
    """The merged configuration, the files it came from, and what was wrong."""

    values: dict = field(default_factory=dict)
    files: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()


def find(folder: str, named: list[str] | None = None) -> list[str]:
    """The configuration files to read: those named (relative to the site
    folder), else `_config.yml`, else `_config.yaml`."""
    if named:
        return [os.path.join(folder, name) for name in named]
    for name in ("_config.yml", "_config.yaml"):
        path = os.path.join(folder, name)
        if os.path.isfile(path):
            return [path]
    return []


def read(folder: str, named: list[str] | None = None) -> JekyllConfig:
    values = deepcopy(DEFAULTS)
    problems: list[Problem] = []
    files = find(folder, named)
    for path in files:
        loaded, found = _load(path)
        problems += found
        values = merge(values, loaded)
    ignored = [
        f"{key} ({NOT_HONOURED[key]})"
        for key in sorted(NOT_HONOURED)
        if key != "kramdown"
        and values.get(key) not in (None, [], {}, False, DEFAULTS.get(key))
    ]
    if ignored:
        problems.append(
            Problem(
                files[-1],
                1,
                1,
                "not acted on by this build: " + "; ".join(ignored),
                "warning",
            )
        )
    return JekyllConfig(values, tuple(files), tuple(problems))


def merge(base: dict, over: dict) -> dict:
    """Jekyll's deep merge: mappings merge key by key, anything else replaces."""
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _load(path: str) -> tuple[dict, list[Problem]]:
    try:
        text = decode(path)
    except FileNotFoundError:
        return {}, [Problem(path, 1, 1, "configuration file not found")]
    except Exception as error:  # decode's ProblemError
        problem = getattr(error, "problem", None)
        return {}, [problem or Problem(path, 1, 1, str(error))]
    if not text.strip():
        return {}, []
    loader = Loader(text)
    problems: list[Problem] = []
    try:
        root = loader.get_single_node()
        if root is None:
            return {}, []
        if not isinstance(root, yaml.MappingNode):
            return {}, [located(path, 1, root.start_mark, "must be keys and values")]
        seen: dict[str, int] = {}
        for key_node, _ in root.value:
            key = str(key_node.value)
            if key in seen:
                problems.append(
                    located(
                        path,
                        1,
                        key_node.start_mark,
                        f"duplicate key '{key}' (first given on line {seen[key]}); "
                        "the last one is used, as in Jekyll",
                        "warning",
                    )
                )
            seen[key] = key_node.start_mark.line + 1
        values = loader.construct_document(root)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return {}, [located(path, 1, mark, f"invalid YAML: {error.problem or error}")]
    except yaml.YAMLError as error:
        return {}, [Problem(path, 1, 1, f"invalid YAML: {error}")]
    finally:
        loader.dispose()
    return {str(k): v for k, v in values.items()}, problems
