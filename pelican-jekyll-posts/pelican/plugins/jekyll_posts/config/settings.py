"""The plugin's settings: Jekyll's `_config.yml` under `JEKYLL_` settings.

Each setting is looked up in order: a `JEKYLL_` setting (pelicanconf.py or
`-e`), then the site's `_config.yml`, then Jekyll's default. They are worked
out once when the build starts and kept in the settings, so every step and
every worker process sees the same values. A misspelt or mistyped `JEKYLL_`
setting is an error rather than a silent default: a lenient build that was
meant to be strict would publish broken links.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..diagnostics import Problem
from . import jekyll_config
from .defaults import Defaults

KEY = "_JEKYLL_CONFIG"  # where the worked-out Config is kept in the settings
# A dict that a host running many builds in one process lends for caches
# between them (read/kept.py); never part of what a page is made from.
MEMORY = "_JEKYLL_MEMORY"

# setting -> (type, the _config.yml key it stands for, or None)
SETTINGS = {
    "JEKYLL_CONFIG": (list, None),
    "JEKYLL_PERMALINK": (str, "permalink"),
    "JEKYLL_TIMEZONE": (str, "timezone"),
    "JEKYLL_URL": (str, "url"),
    "JEKYLL_BASEURL": (str, "baseurl"),
    "JEKYLL_EXCERPT_SEPARATOR": (str, "excerpt_separator"),
    "JEKYLL_DRAFTS": (bool, None),
    "JEKYLL_SHOW_DRAFTS": (bool, "show_drafts"),
    "JEKYLL_FUTURE": (bool, "future"),
    "JEKYLL_UNPUBLISHED": (bool, "unpublished"),
    "JEKYLL_STRICT_VARIABLES": (bool, None),
    "JEKYLL_STRICT_FILTERS": (bool, None),
    "JEKYLL_STRICT": (bool, None),
    "JEKYLL_SAFE": (bool, "safe"),
    "JEKYLL_WORKERS": (int, None),
}


_KINDS = {
    bool: "a bool (True or False)",
    int: "an int (a whole number)",
    str: "a str (text)",
    list: "a list of file names",
}


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class Config:
    permalink: str = "date"
    strict: bool = True
    excerpt_separator: str = "\n\n"
    timezone: str = "UTC"
    url: str = ""  # Jekyll's `url`: scheme and host
    baseurl: str = ""  # Jekyll's `baseurl`: the path below the host
    siteurl: str = ""  # Pelican's SITEURL, in front of links in running text
    default_category: str = "misc"
    # Preview only: drafts and `published: false` posts are written, marked.
    drafts: bool = False
    # Jekyll's `show_drafts:`: the posts of `_drafts/` are published.
    show_drafts: bool = False
    # Jekyll's `future:`; off, a post dated later than the build is held back.
    future: bool = False
    # Jekyll's `unpublished:`: `published: false` posts are published.
    unpublished: bool = False
    strict_variables: bool = False
    strict_filters: bool = False
    error_mode: str = "warn"  # Liquid's: "strict" makes a bad expression an error
    # Jekyll's safe mode: the site's own _plugins/ are not run.
    safe: bool = False
    workers: int = 1
    markdown_ext: tuple[str, ...] = ("markdown", "mkdown", "mkdn", "mkd", "md")
    exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    folder: str = ""  # the site folder (Pelican's PATH)
    includes_dir: str = "_includes"
    data_dir: str = "_data"
    plugins_dir: str = "_plugins"
    values: dict = field(default_factory=dict)  # _config.yml: `site.*`
    files: tuple[str, ...] = ()  # the configuration files read
    problems: tuple[Problem, ...] = ()

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def defaults(self) -> Defaults:
        return Defaults(self.values.get("defaults"), self.folder)


def from_settings(settings) -> Config:
    """The worked-out configuration; read once per build (see `prepare`)."""
    made = settings.get(KEY)
    if isinstance(made, Config):
        return made
    return work_out(settings)


def prepare(settings) -> Config:
    """Work the configuration out and keep it in the settings."""
    made = work_out(settings)
    settings[KEY] = made
    return made


def work_out(settings) -> Config:
    _check_types(settings)
    folder = str(settings.get("PATH") or ".")
    read = jekyll_config.read(folder, settings.get("JEKYLL_CONFIG"))
    values = dict(read.values)
    problems = list(read.problems)

    def pick(setting: str):
        if setting in settings:
            return settings[setting]
        return values.get(SETTINGS[setting][1])

    permalink = settings.get("JEKYLL_PERMALINK")
    if permalink is None:
        collection = (
            (values.get("collections") or {})
            if isinstance(values.get("collections"), dict)
            else {}
        )
        posts = (
            collection.get("posts") if isinstance(collection.get("posts"), dict) else {}
        )
        permalink = posts.get("permalink") or values.get("permalink") or "date"
    timezone = pick("JEKYLL_TIMEZONE") or settings.get("TIMEZONE") or "UTC"
    try:
        ZoneInfo(str(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"{_origin(settings, read, 'JEKYLL_TIMEZONE')}: unknown time zone "
            f"{timezone!r}"
        ) from None
    if settings.get("CONTENT_CACHING_LAYER", "reader") != "reader":
        raise ConfigError(
            "setting CONTENT_CACHING_LAYER must be 'reader': post_url links are "
            "resolved after reading, on every build"
        )
    liquid = values.get("liquid") if isinstance(values.get("liquid"), dict) else {}
    separator = pick("JEKYLL_EXCERPT_SEPARATOR")
    url = str(pick("JEKYLL_URL") or _host(settings.get("SITEURL"))).rstrip("/")
    baseurl = _baseurl(
        pick("JEKYLL_BASEURL")
        if pick("JEKYLL_URL") or pick("JEKYLL_BASEURL")
        else urlsplit(settings.get("SITEURL") or "").path
    )
    # `site.url` and `site.baseurl` in Liquid are the values the build uses.
    values.update(url=url, baseurl=baseurl)
    return Config(
        permalink=str(permalink),
        strict=settings.get("JEKYLL_STRICT", True),
        excerpt_separator="\n\n" if separator is None else str(separator),
        timezone=str(timezone),
        url=url,
        baseurl=baseurl,
        siteurl=settings.get("SITEURL", "") or "",
        default_category=settings.get("DEFAULT_CATEGORY") or "misc",
        drafts=settings.get("JEKYLL_DRAFTS", False),
        show_drafts=bool(pick("JEKYLL_SHOW_DRAFTS")),
        future=bool(pick("JEKYLL_FUTURE")),
        unpublished=bool(pick("JEKYLL_UNPUBLISHED")),
        strict_variables=bool(
            settings.get("JEKYLL_STRICT_VARIABLES", liquid.get("strict_variables"))
        ),
        strict_filters=bool(
            settings.get("JEKYLL_STRICT_FILTERS", liquid.get("strict_filters"))
        ),
        error_mode=str(liquid.get("error_mode") or "warn"),
        safe=bool(pick("JEKYLL_SAFE")),
        workers=max(1, settings.get("JEKYLL_WORKERS", os.cpu_count() or 1)),
        markdown_ext=_extensions(values.get("markdown_ext")),
        exclude=_strings(values.get("exclude")),
        include=_strings(values.get("include")),
        folder=folder,
        includes_dir=str(values.get("includes_dir") or "_includes"),
        data_dir=str(values.get("data_dir") or "_data"),
        plugins_dir=str(values.get("plugins_dir") or "_plugins"),
        values=values,
        files=read.files,
        problems=tuple(problems),
    )


def _check_types(settings) -> None:
    for key, value in settings.items():
        if not key.startswith("JEKYLL_"):
            continue
        if key not in SETTINGS:
            close = difflib.get_close_matches(key, SETTINGS, n=1)
            meant = f" (did you mean {close[0]}?)" if close else ""
            known = ", ".join(sorted(SETTINGS))
            raise ConfigError(f"unknown setting {key}{meant}; the plugin knows {known}")
        wanted = SETTINGS[key][0]
        if not isinstance(value, wanted) or (wanted is int and isinstance(value, bool)):
            raise ConfigError(f"setting {key} must be {_KINDS[wanted]}, not {value!r}")
        if wanted is list and not all(isinstance(v, str) for v in value):
            raise ConfigError(f"setting {key} must be a list of file names")


def _origin(settings, read, setting: str) -> str:
    if setting in settings:
        return f"setting {setting}"
    return read.files[-1] if read.files else "setting TIMEZONE"


def _host(siteurl) -> str:
    """Without `url:` in _config.yml, Jekyll's url is SITEURL's scheme and host."""
    parts = urlsplit(siteurl or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


def _baseurl(value) -> str:
    """Jekyll's baseurl: a path with a leading slash and no trailing one."""
    text = str(value or "").strip().rstrip("/")
    return "" if not text else "/" + text.lstrip("/")


def _extensions(value) -> tuple[str, ...]:
    text = value if isinstance(value, str) else "markdown,mkdown,mkdn,mkd,md"
    return tuple(e.strip().lstrip(".").lower() for e in text.split(",") if e.strip())


def _strings(value) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value if v is not None)
    return ()
