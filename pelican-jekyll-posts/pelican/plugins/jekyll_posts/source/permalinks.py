"""Jekyll's permalink styles and placeholders, and the paths they give.

Jekyll fills a template such as `/:categories/:year/:month/:day/:title:output_ext`
from the post, percent-escapes each value, collapses repeated slashes, and
writes the page at the unescaped path (adding `index.html` to a folder URL).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from urllib.parse import quote, unquote

STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
_PLACEHOLDER = re.compile(r":([a-z_]+)")
_SAFE = "-._~!$&'()*+,;=:@/"
_PRETTY_KEEP = set("._~!$&'()+,;=@_")


class PermalinkError(ValueError):
    pass


@dataclass(frozen=True)
class Address:
    """Pelican's pair: `url` (escaped, no leading slash) and `save_as` (a file path)."""

    url: str
    save_as: str


def template_for(style: str) -> str:
    if style in STYLES:
        return STYLES[style]
    if "/" not in style and ":" not in style:
        raise PermalinkError(
            f"unknown permalink style {style!r}; use one of {', '.join(STYLES)} or a template"
        )
    return style


class _Lazy(dict):
    """Placeholder values made on first use: a template names a few of them."""

    def __init__(self, makers: dict):
        super().__init__()
        self._makers = makers

    def __contains__(self, key) -> bool:
        return key in self._makers

    def __missing__(self, key: str) -> str:
        value = self[key] = self._makers[key]()
        return value


def placeholders(
    date: datetime,
    slug: str,
    categories: list[str],
    title_slug: str | None = None,
    output_ext: str = ".html",
) -> dict[str, str]:
    """The values Jekyll's URL drop gives a post."""
    words = title_slug if title_slug is not None else slug
    formats = {
        "year": "%Y", "month": "%m", "day": "%d", "short_year": "%y", "y_day": "%j",
        "hour": "%H", "minute": "%M", "second": "%S", "long_month": "%B",
        "short_month": "%b", "week": "%V", "w_year": "%G", "short_day": "%a",
        "long_day": "%A",
    }  # fmt: skip
    makers = {
        name: partial(date.strftime, pattern) for name, pattern in formats.items()
    }
    makers.update(
        i_month=lambda: str(date.month),
        i_day=lambda: str(date.day),
        w_day=lambda: str(date.isoweekday()),
        title=lambda: slugify(words, pretty=True, cased=True),
        slug=lambda: slugify(words),
        name=lambda: slugify(slug),
        categories=lambda: "/".join(dict.fromkeys(c.lower() for c in categories)),
        collection=lambda: "posts",
        output_ext=lambda: output_ext,
    )
    return _Lazy(makers)


def expand(template: str, values: dict[str, str]) -> str:
    def fill(match: re.Match) -> str:
        name = match.group(1)
        for key in (name, name.rstrip("_")):
            if key in values:
                return quote(values[key], safe=_SAFE)
        raise PermalinkError(f"permalink placeholder ':{name}' is not one Jekyll knows")

    return sanitize(_PLACEHOLDER.sub(fill, template))


def sanitize(url: str) -> str:
    """Jekyll's clean-up: `..` becomes `/`, `./` goes, slashes collapse."""
    url = ("/" + url).replace("..", "/").replace("./", "")
    return re.sub("/+", "/", url)


def escape(url: str) -> str:
    """Percent-escape what a written permalink leaves raw; keep existing escapes."""
    return quote(url, safe=_SAFE + "%")


def address(
    jekyll_url: str, permalink: str | None = None, output_ext: str = ".html"
) -> Address:
    """Where Pelican links to and writes a page that Jekyll serves at `jekyll_url`.

    Jekyll adds the output extension to the file unless it is already there:
    `.html` (an HTML file keeps its own, `.htm`), or the extension of a
    `permalink:` the front matter gives, so a post at `/v1.0` is `v1.0.html`
    but one whose permalink says `/feed.json` is `feed.json`.
    """
    url = escape(jekyll_url.lstrip("/"))
    path = unquote(url)
    if not path or path.endswith("/"):
        return Address(url, path + "index.html")
    extension = output_ext
    if permalink and not permalink.endswith("/"):
        name = permalink.rsplit("/", 1)[-1]
        dot = name.rfind(".")
        if dot > 0 and ":" not in name[dot:]:
            extension = name[dot:]
    if not path.endswith(extension):
        path += extension
    return Address(url, path)


def slugify(text: str, pretty: bool = False, cased: bool = False) -> str:
    """Jekyll's slugify: runs of other characters become one hyphen."""
    pieces: list[str] = []
    run = False
    for char in unicodedata.normalize("NFC", text):
        keep = char.isalpha() or unicodedata.category(char) in ("Nd", "Mn", "Mc", "Me")
        if keep or (pretty and char in _PRETTY_KEEP):
            if run and pieces:
                pieces.append("-")
            pieces.append(char)
            run = False
        else:
            run = True
    slug = "".join(pieces)
    return slug if cased else slug.lower()
