"""Jekyll's front-matter keys, mapped to the metadata Pelican expects.

Text fields take the scalar as written, so `title: 2021` is the title "2021"
and `title: yes` is "yes" (YAML 1.1 would make them a number and a boolean).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from ..config.settings import Config
from ..diagnostics import Problem
from . import dates, permalinks, redirect_keys
from .frontmatter import FrontMatter
from .posts import PostFile

Process = Callable[[str, Any], Any]
# Attributes of Pelican's content objects that a front-matter key must not replace.
_RESERVED = {
    "content",
    "summary",
    "status",
    "url",
    "save_as",
    "settings",
    "metadata",
    "source_path",
    "relative_source_path",
    "translations",
    "template",
}
_CONSUMED = {
    "title",
    "date",
    "author",
    "authors",
    "tag",
    "tags",
    "category",
    "categories",
    "published",
    "permalink",
    "slug",
    "layout",
    "excerpt",
    "excerpt_separator",
    "last_modified_at",
    "redirect_from",
    "redirect_to",
}


class _Mapper:
    def __init__(self, fm: FrontMatter, path: str, config: Config, process: Process):
        self.fm = fm
        self.path = path
        self.config = config
        self.process = process
        self.problems: list[Problem] = []
        self.meta: dict[str, Any] = {}

    def problem(self, key: str, message: str, severity: str = "error") -> None:
        line, col = self.fm.position(key)
        # Grouped by key: a lenient build says what it did instead (build.py).
        self.problems.append(Problem(self.path, line, col, message, severity, key))

    def text(self, key: str) -> str | None:
        value = self.fm.text.get(key)
        if value is None or isinstance(value, str):
            return value
        self.problem(key, f"'{key}' must be a single value, not a list or mapping")
        return None

    def names(self, key: str, split: bool) -> list[str]:
        """A list of names, or one string (split on whitespace when `split`)."""
        value = self.fm.text.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return value.split() if split else [value]
        if isinstance(value, list) and all(
            isinstance(v, (str, type(None))) for v in value
        ):
            return [v for v in value if v]
        self.problem(key, f"'{key}' must be a list of names or a string")
        return []

    def common(self) -> None:
        for key, value in self.fm.values.items():
            name = key.lower()
            if name in _CONSUMED:
                continue
            if name in _RESERVED:
                self.problem(
                    key,
                    f"front-matter key '{key}' is ignored: it would replace Pelican's own attribute",
                    "warning",
                )
                continue
            self.meta[name] = value
        author = self.fm.text.get("author", self.fm.text.get("authors"))
        if isinstance(author, str):
            self.meta["author"] = self.process("author", author)
        elif isinstance(author, list):
            self.meta["authors"] = self.process("authors", [a for a in author if a])
        # Jekyll: a singular `tag` wins and is not split; `tags` is split.
        tags = self.names("tag", False) or self.names("tags", True)
        if tags:
            self.meta["tags"] = self.process("tags", tags)
        if self.fm.values.get("published") is False:
            self.meta["status"] = "draft" if self.config.drafts else "skip"
        self.meta.update(redirect_keys.read(self.fm.text, self.problem))
        modified = self.moment("last_modified_at")
        if modified is not None:
            self.meta["modified"] = modified

    def moment(self, key: str, empty_is_error: bool = False):
        """A front-matter date as Jekyll reads it; what Jekyll does silently
        with it (a year taken from the build day, an ignored zone) is a warning."""
        if self.fm.values.get(key) is None:  # absent, or YAML null (empty, ~)
            if empty_is_error and key in self.fm.values:
                self.problem(
                    key,
                    f"{key}: the value is empty (YAML null), which Jekyll refuses "
                    "with \"Invalid date ''\"; write a date or remove the key",
                )
            return None
        written = self.text(key)
        if written is None:
            return None
        plain = key in self.fm.plain
        try:
            reading = dates.read(written, self.config.zone, plain=plain)
        except dates.DateError as error:
            self.problem(key, f"{key}: {error}")
            return None
        for note in reading.notes:
            self.problem(key, f"{key}: {note}", "warning")
        return reading.moment

    def date(self, file_date: str | None, post: bool = True):
        """The front-matter date, else the file name's; warns when they disagree.

        Jekyll refuses a post's empty `date:` rather than falling back to the name.
        """
        from_name = None
        if file_date is not None:
            try:
                named = dates.read(file_date, self.config.zone)
            except dates.DateError as error:
                self.problems.append(Problem(self.path, 1, 1, f"file name: {error}"))
            else:
                from_name = named.moment
                self.problems += [
                    Problem(self.path, 1, 1, f"file name: {note}", "warning")
                    for note in named.notes
                ]
        if "date" not in self.fm.text:
            return from_name
        date = self.moment("date", empty_is_error=post)
        if date is None:
            # Without the build failing (JEKYLL_STRICT = False), the post is
            # still written, dated by its file name.
            return from_name
        if from_name is not None and abs((date.date() - from_name.date()).days) > 1:
            self.problem(
                "date",
                f"date {date:%Y-%m-%d} is more than a day from the file name's "
                f"{file_date}; the address uses the front-matter date",
                "warning",
            )
        return date

    def path_text(self, key: str) -> str | None:
        """A slug or permalink becomes part of a path, so it must stay inside output/."""
        value = self.text(key)
        if value is None:
            return None
        if not value.strip():
            self.problem(key, f"'{key}' is empty")
        elif ".." in value or "\\" in value or "\0" in value:
            self.problem(key, f"'{key}' must not contain '..', backslashes or NUL")
        elif key == "slug" and "/" in value:
            self.problem(key, "'slug' must not contain '/'")
        else:
            return value
        return None


def post_metadata(
    fm: FrontMatter, post: PostFile, path: str, config: Config, process: Process
):
    """Metadata for a post, including the address Jekyll would give it."""
    mapper = _Mapper(fm, path, config, process)
    mapper.common()
    meta = mapper.meta
    slug = mapper.path_text("slug") or post.slug
    meta["slug"] = slug
    meta["title"] = mapper.text("title") or _title_from_slug(post.slug)
    # Jekyll: folders above _posts, then `categories` (split), then `category`.
    folders = [p for p in post.folder.split("/") if p]
    categories = list(
        dict.fromkeys(
            folders + mapper.names("categories", True) + mapper.names("category", False)
        )
    )
    meta["categories"] = categories
    # Jekyll's first category, else the default: never Pelican's folder name.
    category = categories[0] if categories else config.default_category
    meta["category"] = process("category", category)
    date = mapper.date(post.date)
    if date is not None:
        meta["date"] = date
        written = mapper.path_text("permalink")
        template = written or permalinks.template_for(config.permalink)
        try:
            extension = output_extension(path)
            values = permalinks.placeholders(
                date, post.slug, categories, title_slug=slug, output_ext=extension
            )
            target = permalinks.address(
                permalinks.expand(template, values), written, extension
            )
        except permalinks.PermalinkError as error:
            mapper.problem("permalink", str(error))
        else:
            meta["url"], meta["save_as"] = target.url, target.save_as
    return meta, mapper.problems


def page_metadata(fm: FrontMatter, path: str, config: Config, process: Process):
    """Metadata for a page: Pelican's page URL unless `permalink` says otherwise."""
    mapper = _Mapper(fm, path, config, process)
    mapper.common()
    meta = mapper.meta
    base = os.path.splitext(os.path.basename(path))[0]
    meta["slug"] = mapper.path_text("slug") or base
    meta["title"] = mapper.text("title") or _title_from_slug(base)
    date = mapper.date(None, post=False)
    if date is not None:
        meta["date"] = date
    permalink = mapper.path_text("permalink")
    if permalink:
        try:
            target = permalinks.address(
                permalinks.expand(permalink, {}), permalink, output_extension(path)
            )
        except permalinks.PermalinkError as error:
            mapper.problem("permalink", str(error))
        else:
            meta["url"], meta["save_as"] = target.url, target.save_as
    return meta, mapper.problems


def output_extension(path: str) -> str:
    """What Jekyll writes a file as: Markdown becomes `.html`; HTML (which no
    converter changes) keeps its own extension, `.htm` too."""
    extension = os.path.splitext(path)[1].lower()
    return extension if extension in (".html", ".htm", ".xhtml") else ".html"


def _title_from_slug(slug: str) -> str:
    """Jekyll's titleize: each hyphen-separated word capitalised, the rest lowered."""
    return " ".join(word.capitalize() for word in slug.split("-"))
