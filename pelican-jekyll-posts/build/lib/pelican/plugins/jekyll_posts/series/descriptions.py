"""Series description files: `content/series/<slug>.md`, read on every build.

A description is optional prose for a series landing page: YAML front matter
with `title` and `summary`, then a Markdown body. It is not a post or a page,
so it is read here rather than by Pelican's generators, and never cached: a
few small files, and an edit must show on the next build.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from markdown import Markdown

from ..diagnostics import Problem, ProblemError
from ..source import frontmatter
from ..source.symlinks import outside

FOLDER = "series"
_EXTENSIONS = (".md", ".markdown", ".mkd", ".mkdn", ".mdown")
_META = "markdown.extensions.meta"


@dataclass(frozen=True)
class Description:
    """`summary` and `content` are HTML; `title` is text or None."""

    source: str
    title: str | None
    summary: str
    content: str


def read(content_path: str, settings) -> tuple[dict[str, Description], list[Problem]]:
    """Every description in the content's series folder, by file name (the slug)."""
    folder = os.path.join(content_path, FOLDER)
    if not os.path.isdir(folder):
        return {}, []
    markdown = _markdown(settings)
    found: dict[str, Description] = {}
    problems: list[Problem] = []
    for name in sorted(os.listdir(folder)):
        slug, extension = os.path.splitext(name)
        path = os.path.join(folder, name)
        if extension.lower() not in _EXTENSIONS or not os.path.isfile(path):
            continue
        if outside(path, content_path):  # reported by the symlink check
            continue
        try:
            found[slug] = _read(path, markdown, problems)
        except ProblemError as error:
            problems.append(error.problem)
    return found, problems


def _read(path: str, markdown: Markdown, problems: list[Problem]) -> Description:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
    except UnicodeDecodeError as error:
        raise ProblemError(
            Problem(path, 1, 1, f"not valid UTF-8: byte {error.start}")
        ) from None
    document = frontmatter.split(text, path)
    front = frontmatter.load(document.front_matter, path)
    fields = {}
    for key in ("title", "summary"):
        value = front.text.get(key)
        if value is not None and not isinstance(value, str):
            line, col = front.position(key)
            problems.append(
                Problem(path, line, col, f"'{key}' must be text, not a list or mapping")
            )
            value = None
        fields[key] = value
    return Description(
        path,
        fields["title"],
        _render(markdown, fields["summary"] or ""),
        _render(markdown, document.body),
    )


def _markdown(settings) -> Markdown:
    """The site's Markdown settings, without the extension that eats metadata."""
    options = dict(settings["MARKDOWN"])
    configs = {k: v for k, v in options.get("extension_configs", {}).items()}
    configs.pop(_META, None)
    extensions = [e for e in options.get("extensions", []) if e != _META]
    options["extensions"] = extensions + [e for e in configs if e not in extensions]
    options["extension_configs"] = configs
    return Markdown(**options)


def _render(markdown: Markdown, text: str) -> str:
    markdown.reset()
    return markdown.convert(text) if text.strip() else ""
