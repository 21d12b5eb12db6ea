"""The plugin's settings, read once per build and checked key by key.

A misspelt `JEKYLL_` setting is an error rather than a silent default: a
lenient build that was meant to be strict would publish broken links.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .liquid import Site

_TYPES = {
    "JEKYLL_PERMALINK": str,
    "JEKYLL_STRICT": bool,
    "JEKYLL_EXCERPT_SEPARATOR": str,
    "JEKYLL_DRAFTS": bool,
    "JEKYLL_FUTURE": bool,
    "JEKYLL_WORKERS": int,
}


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class Config:
    permalink: str = "date"
    strict: bool = True
    excerpt_separator: str = "\n\n"
    timezone: str = "UTC"
    siteurl: str = ""
    default_category: str = "misc"
    # Preview only: `published: false` posts become drafts, written and marked.
    drafts: bool = False
    # Jekyll's `future:`; off, a post dated later than the build is a draft.
    future: bool = False
    # Processes that read posts and render pages; 1 does both in Pelican's process.
    workers: int = 1

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def site(self) -> Site:
        """Jekyll's `url` is scheme and host; `baseurl` the path below it."""
        parts = urlsplit(self.siteurl)
        if not parts.netloc:
            return Site("", parts.path.rstrip("/"))
        return Site(f"{parts.scheme}://{parts.netloc}", parts.path.rstrip("/"))


def from_settings(settings) -> Config:
    for key, value in settings.items():
        if not key.startswith("JEKYLL_"):
            continue
        if key not in _TYPES:
            known = ", ".join(sorted(_TYPES))
            raise ConfigError(f"unknown setting {key}; the plugin knows {known}")
        if not isinstance(value, _TYPES[key]):
            raise ConfigError(
                f"setting {key} must be a {_TYPES[key].__name__}, not {value!r}"
            )
    timezone = settings.get("TIMEZONE") or "UTC"
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"setting TIMEZONE: unknown time zone {timezone!r}") from None
    if settings.get("CONTENT_CACHING_LAYER", "reader") != "reader":
        raise ConfigError(
            "setting CONTENT_CACHING_LAYER must be 'reader': post_url links are "
            "resolved after reading, on every build"
        )
    return Config(
        permalink=settings.get("JEKYLL_PERMALINK", "date"),
        strict=settings.get("JEKYLL_STRICT", True),
        excerpt_separator=settings.get("JEKYLL_EXCERPT_SEPARATOR", "\n\n"),
        timezone=timezone,
        siteurl=settings.get("SITEURL", "") or "",
        default_category=settings.get("DEFAULT_CATEGORY") or "misc",
        drafts=settings.get("JEKYLL_DRAFTS", False),
        future=settings.get("JEKYLL_FUTURE", False),
        workers=max(1, settings.get("JEKYLL_WORKERS", os.cpu_count() or 1)),
    )
