"""Pelican settings that follow from a Jekyll site, set when the build starts.

Pelican's own settings that a site's `pelicanconf.py` leaves at Pelican's
defaults are filled from `_config.yml` (`title`, `description`, `author`),
so a Jekyll blog keeps its name without settings passed by hand. The time
zone is always the one posts are dated in. Every `_posts` and `_drafts`
folder of the site is read, as Jekyll reads them (the reader leaves out what
`exclude:` names, unless `include:` names it again).
"""

from __future__ import annotations

import os

from jinja2 import FileSystemBytecodeCache
from pelican.settings import DEFAULT_CONFIG

from .settings import Config

# Folders Jekyll never reads, and ones that hold other tools' files.
_NEVER = {"_site", "node_modules", "vendor", ".git", ".jekyll-cache"}


def apply(settings: dict, config: Config) -> None:
    # Posts are told apart by date and slug, so two posts may share a slug;
    # Pelican would take them for translations of each other (and compare
    # every post with every other to find out).
    settings["ARTICLE_TRANSLATION_ID"] = None
    # A build is one pass: templates need not be checked for changes at every
    # include (Jinja's auto_reload), unless the site's own settings ask for it.
    settings["JINJA_ENVIRONMENT"] = {
        "auto_reload": False,
        **_compiled_once(settings),
        **settings.get("JINJA_ENVIRONMENT", {}),
    }
    settings["TIMEZONE"] = config.timezone
    values = config.values
    author = values.get("author")
    if isinstance(author, dict):
        author = author.get("name")
    for setting, value in (
        ("SITENAME", values.get("title")),
        ("SITESUBTITLE", values.get("description")),
        ("AUTHOR", author),
    ):
        if isinstance(value, str) and value.strip() and _unset(settings, setting):
            settings[setting] = value.strip()
    for setting, folder in (("ARTICLE_PATHS", "_posts"), ("ARTICLE_PATHS", "_drafts")):
        paths = list(settings.get(setting) or [])
        if folder in paths:
            found = [p for p in nested(config.folder, folder) if p not in paths]
            settings[setting] = paths + found


def _compiled_once(settings: dict) -> dict:
    """With the content cache on (rebuilds), templates compiled by one build
    are kept for the next: compiling the theme costs about 0.4 s a build.
    Jinja checks each template's source against what it kept."""
    if not settings.get("CACHE_CONTENT"):
        return {}
    folder = os.path.join(settings["CACHE_PATH"], "templates")
    os.makedirs(folder, exist_ok=True)
    return {"bytecode_cache": FileSystemBytecodeCache(folder)}


def _unset(settings: dict, setting: str) -> bool:
    return settings.get(setting) in (None, "", DEFAULT_CONFIG.get(setting))


def nested(root: str, name: str) -> list[str]:
    """Every `<folder>/name` below the site's top (`blog/_posts`), in order;
    not inside hidden folders, `_site` or other tools' folders."""
    found = []
    for current, folders, _ in os.walk(root):
        folders[:] = sorted(
            f for f in folders if not f.startswith(".") and f not in _NEVER
        )
        if current != root and os.path.basename(current) == name:
            relative = os.path.relpath(current, root).replace(os.sep, "/")
            if relative != name:
                found.append(relative)
            folders[:] = []
    return found
