"""Render one file's Liquid, as Jekyll does before Markdown, on the engine.

A text without `{{` or `{%` never enters the engine. What the render finds
that cannot be settled from one file (links, highlighted code, includes
read, parts of the site used) comes back with the text, so reading stays a
function of the file and what it used: safe to cache, and to run on any core.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from liquid.exceptions import LiquidError

from .. import config
from ..diagnostics import Problem
from ..markers import RAW_BRACE
from ..source.site import Document, Site
from . import site_plugins
from .drops import DocumentDrop, Drops, SiteDrop
from .engine import JekyllEnvironment, Options, Render, Source
from .tags import Link

# `{{ site.baseurl }}` (or `{{ site.url }}{{ site.baseurl }}`) right before a
# link tag: the tag's URL already starts with it, so it is printed once.
_BEFORE_LINK = re.compile(
    r"(?:\{\{-?\s*site\.(?:url|baseurl)\s*-?\}\}){1,2}(?=\{%-?\s*(?:post_url|link)\s)"
)


@dataclass(frozen=True)
class Rendered:
    text: str
    links: tuple[Link, ...] = ()
    problems: tuple[Problem, ...] = ()
    blocks: tuple[str, ...] = ()  # highlighted code, by stash marker
    includes: tuple[tuple[str, str], ...] = ()  # (path, digest) of each include
    uses: tuple[str, ...] = ()  # parts of the site read (site.posts, site.data...)


def for_build(config, site: Site, markdownify) -> Renderer:
    """The renderer of one build (`config.Config`), in this process; the
    site's own tags and filters from its plugins folder, unless safe."""
    env = JekyllEnvironment(
        Options(
            content_path=config.folder,
            url=config.url,
            baseurl=config.baseurl,
            zone=config.zone,
            strict_variables=config.strict_variables,
            strict_filters=config.strict_filters,
            error_mode=config.error_mode,
            includes_dir=config.includes_dir,
        ),
        markdownify,
    )
    if not config.safe:
        loaded = site_plugins.load(os.path.join(config.folder, config.plugins_dir))
        for tag in loaded.tags:
            env.add_tag(tag)
        for name, function in loaded.filters.items():
            env.add_filter(name, function)
    jekyll = {
        "version": "4.3.1",
        "environment": os.environ.get("JEKYLL_ENV", "development"),
    }
    return Renderer(env, site, jekyll)


class Renderer:
    """Renders the files of one build; one per process."""

    def __init__(self, env: JekyllEnvironment, site: Site, jekyll: dict):
        self.env = env
        self.drops = Drops(site, lambda: env.current)
        self.site = SiteDrop(self.drops)
        self.jekyll = jekyll

    def render(
        self, text: str, path: str, first_line: int, document: Document
    ) -> Rendered:
        if "{{" not in text and "{%" not in text:
            return Rendered(text)
        if "site." in text:
            text = _BEFORE_LINK.sub(_silence, text)
        render = Render(Source(text, path, first_line), document.source)
        page = self.drops.document(document)
        if self.drops.site.by_source.get(document.source) is not document:
            page = DocumentDrop(document, self.drops)
        env = self.env
        saved, env.current = env.current, render
        try:
            template = env.parse_text(text, path)
            output = template.render(site=self.site, page=page, jekyll=self.jekyll)
        except LiquidError as error:  # a limit (nesting, loops) ends the render
            env.error(error)
            output = ""
        finally:
            env.current = saved
        return Rendered(
            _keep_braces(output),
            tuple(render.links),
            tuple(render.problems),
            tuple(render.blocks),
            tuple(dict.fromkeys(render.includes)),
            tuple(sorted(render.uses)),
        )


def standalone(folder: str = ".", **settings) -> Renderer:
    """A renderer outside a build, for one text at a time (tests, the fuzzer)."""
    made = config.work_out({"PATH": folder, "JEKYLL_WORKERS": 1, **settings})
    return for_build(made, Site([], made.values), lambda text: text)


def render_text(renderer: Renderer, text: str, path: str = "post.md", line: int = 1):
    """`text` rendered as the body of a page with no front matter."""
    return renderer.render(text, path, line, Document(path, path, "page", {}, {}))


def _silence(match: re.Match) -> str:
    """An inline comment as long as the text it replaces: positions stay."""
    return "{%#" + " " * (len(match[0]) - 5) + "%}"


def _keep_braces(text: str) -> str:
    """`{{` and `{%` left in the output (kept by `raw`, or in a value) are
    written `&#123;` once the HTML is made, so no Liquid-looking text reaches
    the site and no later step reads it as Liquid."""
    if "{{" not in text and "{%" not in text:
        return text
    return re.sub(r"\{(?=[{%])", RAW_BRACE, text)
