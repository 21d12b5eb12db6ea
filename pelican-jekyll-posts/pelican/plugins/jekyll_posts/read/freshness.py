"""When a cached read may be used: Pelican's reader cache knows only the file.

A post's HTML also depends on the plugin's code and settings (the reader's
fingerprint), on the includes its Liquid read, and on the parts of the site
it read (`site.posts`, `site.data`, another post's text...). Each read records
them; a cached read whose record no longer holds counts as not cached.
"""

from __future__ import annotations

from collections.abc import Callable

from ..liquid.includes import stale


def fresh_only(get_cached_data: Callable, reader: str, site: Callable) -> Callable:
    """Wraps Pelican's `Readers.get_cached_data`. `site()` gives this build's
    `site.Site`, or None before it is known (then nothing that used the site
    is fresh)."""

    def get(filename, default=None):
        found = get_cached_data(filename, default)
        if found is default or not isinstance(found, tuple) or len(found) != 2:
            return found
        metadata = found[1] or {}
        if metadata.get("jekyll_reader") != reader:
            return default
        if stale(metadata.get("jekyll_includes", ())):
            return default
        uses = metadata.get("jekyll_uses", {})
        if uses:
            current = site()
            if current is None or any(
                current.digest(use) != digest for use, digest in uses.items()
            ):
                return default
        return found

    return get
