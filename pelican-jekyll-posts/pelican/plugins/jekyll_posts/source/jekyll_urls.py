"""The address Jekyll gives a page or a static file that this build does not
write (a page outside PAGE_PATHS), for `{% link %}` to point where Jekyll's
does rather than fail.

A page (a file starting with front matter) takes its `permalink:` (or one
from `defaults:`), else Jekyll's page template for the site's permalink
style; any other file keeps its path.
"""

from __future__ import annotations

import os

from ..config.settings import Config
from ..diagnostics import ProblemError
from ..text_files import decode
from . import permalinks
from .frontmatter import load, split, with_defaults

_MARKUP = {"md", "markdown", "mkd", "mkdn", "mkdown", "html", "htm"}


def url_of(source: str, config: Config) -> str | None:
    """`source` is relative to the site folder; None when there is no such file."""
    path = os.path.join(config.folder, source)
    if not os.path.isfile(path):
        return None
    extension = source.rsplit(".", 1)[-1].lower() if "." in source else ""
    try:
        text = decode(path) if extension in _MARKUP else ""
        parts = split(text, path)
        front = (
            load(parts.front_matter, path) if parts.front_matter is not None else None
        )
    except ProblemError:
        return None
    if front is None:
        return "/" + permalinks.escape(source)
    front = with_defaults(front, config.defaults().for_file(source, "pages"))
    written = front.text.get("permalink")
    folder, _, name = source.rpartition("/")
    basename = name.rsplit(".", 1)[0]
    values = {
        "path": folder,
        "basename": basename,
        "output_ext": ".html" if extension in _MARKUP else "." + extension,
    }
    if isinstance(written, str) and written.strip():
        template = written
    elif basename == "index":
        template = "/:path/"
    else:
        template = "/:path/:basename" + _suffix(config.permalink)
    try:
        return permalinks.expand(template, values)
    except permalinks.PermalinkError:
        return None


def _suffix(style: str) -> str:
    """Jekyll's `add_permalink_suffix`: what a page's address ends with."""
    if style == "pretty" or style.endswith("/"):
        return "/"
    if style in permalinks.STYLES or style.endswith(":output_ext"):
        return ":output_ext"
    return ""
