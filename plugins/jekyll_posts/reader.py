"""Pelican reader for Jekyll-format Markdown: YAML front matter, Liquid, Markdown.

Reading is a function of one file and the settings, so Pelican's reader cache
can keep its result; everything that depends on other posts happens later.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from pathlib import Path

from markdown import Markdown
from pelican.readers import BaseReader
from pelican.utils import posixize_path

from . import config as config_module
from . import (
    differences,
    drafts,
    expressions,
    first_paragraph,
    frontmatter,
    highlight,
    kramdown,
    liquid,
    metadata,
    parallel,
    posts,
)
from .diagnostics import Problem, ProblemError

_META_EXTENSION = "markdown.extensions.meta"
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:.+$", re.M)


class JekyllReader(BaseReader):
    enabled = True
    file_extensions = ["md", "markdown", "mkd", "mkdn", "mdown"]

    def __init__(self, settings):
        super().__init__(settings)
        self.config = config_module.from_settings(settings)
        options = dict(settings["MARKDOWN"])
        configs = dict(options.get("extension_configs", {}))
        configs.pop(_META_EXTENSION, None)
        options["extension_configs"] = configs
        # As Pelican does: a configured extension is enabled; `meta` never is,
        # since the front matter is YAML and read here.
        listed = [e for e in options.get("extensions", []) if e != _META_EXTENSION]
        options["extensions"] = listed + [e for e in configs if e not in listed]
        options["extensions"].append(kramdown.KramdownExtension())
        self._markdown = Markdown(**options)
        self._ahead: parallel.Ahead | None = None
        self.fingerprint = fingerprint(settings)

    def read_ahead(self, paths: list[str]) -> None:
        """Start reading `paths` in worker processes, when it pays."""
        if self.config.workers > 1 and len(paths) >= parallel.MINIMUM_FILES:
            self._ahead = parallel.Ahead(self, paths, self.config.workers)

    def stop_reading_ahead(self) -> None:
        if self._ahead is not None:
            self._ahead.close()
            self._ahead = None

    def read(self, source_path):
        ahead = self._ahead.take(source_path) if self._ahead else None
        content, meta = ahead if ahead is not None else self.parse(source_path)
        for key, value in meta.items():
            if isinstance(value, parallel.Deferred):
                meta[key] = self.process_metadata(value.name, value.value)
        return content, meta

    def parse(self, source_path):
        """Content and metadata of one file; Pelican objects left `Deferred`."""
        source = posixize_path(os.path.relpath(source_path, self.settings["PATH"]))
        try:
            text = _decode(source_path)
            document = frontmatter.split(text, source_path)
            front = frontmatter.load(document.front_matter, source_path)
        except ProblemError as error:
            return "", _failed(error.problem)
        post = posts.post_file(source) or drafts.draft_file(
            source, source_path, self.config.zone
        )
        if post is not None:
            meta, problems = metadata.post_metadata(
                front, post, source_path, self.config, parallel.Deferred
            )
            if drafts.in_drafts(source):
                meta["status"] = "draft" if self.config.drafts else "skip"
        elif posts.in_posts_folder(source):
            return "", _failed(
                Problem(
                    source_path,
                    1,
                    1,
                    "not a post: a file in _posts must be named YYYY-MM-DD-title.EXT "
                    "(Jekyll skips it too)",
                    "warning",
                )
            )
        else:
            meta, problems = metadata.page_metadata(
                front, source_path, self.config, parallel.Deferred
            )
        if meta.get("status") == "skip":
            meta["jekyll_unpublished"] = source
        body = liquid.render(
            document.body,
            source_path,
            document.body_line,
            self.config.site,
            expressions.page_variables(front.text, meta, source),
            self.settings["PATH"],
            self.config.zone,
        )
        meta["jekyll_reader"] = self.fingerprint
        meta["jekyll_links"] = body.links
        meta["jekyll_includes"] = body.includes
        meta["jekyll_problems"] = (
            tuple(problems)
            + body.problems
            + differences.warnings(document.body, source_path, document.body_line)
        )
        content = self._render(body.text, body.blocks)
        # For the theme's reading time: words as written, code included.
        meta["jekyll_words"] = len(body.text.split())
        excerpt = self._excerpt(front, body, content)
        if excerpt is not None:
            meta["summary"] = excerpt
        return content, meta

    def _render(self, text: str, blocks: tuple[str, ...]) -> str:
        """Markdown, then highlighted code back in place of its markers."""
        self._markdown.reset()
        html = liquid.restore_braces(self._markdown.convert(text))
        return highlight.restore(html, blocks)

    def _excerpt(self, front, rendered, content: str) -> str | None:
        """Jekyll's excerpt: the text before the separator, with link definitions.
        Called right after the body is rendered, whose HTML it may reuse."""
        body = rendered.text
        written = front.text.get("excerpt")
        if isinstance(written, str):
            return written  # Jekyll uses a front-matter excerpt as it is.
        separator = front.text.get("excerpt_separator")
        if not isinstance(separator, str):
            separator = self.config.excerpt_separator
        if not separator:
            return ""
        head, _, tail = body.lstrip("\n").partition(separator)
        if not head.strip():
            return None
        definitions = _LINK_DEFINITION.findall(tail) if "]:" in tail else []
        if separator == "\n\n":
            references = bool(self._markdown.references)
            cut = first_paragraph.cut(
                head, tail, body, content, references, definitions
            )
            if cut is not None:
                return cut
        if definitions:
            head = head + "\n\n" + "\n".join(definitions)
        return self._render(head, rendered.blocks)


def fingerprint(settings) -> str:
    """What a read depends on besides the file: the plugin's code and the
    settings it reads. A cached read made with another fingerprint is stale."""
    config = dataclasses.replace(config_module.from_settings(settings), workers=1)
    parts = [repr(config), repr(settings["MARKDOWN"]), str(settings["PATH"])]
    package = Path(__file__).parent
    for module in sorted(package.glob("*.py")):
        stat = module.stat()
        parts.append(f"{module.name}|{stat.st_size}|{stat.st_mtime_ns}")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def _decode(path: str) -> str:
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise ProblemError(
            Problem(
                path,
                line,
                col,
                f"not valid UTF-8: byte {error.start} (0x{data[error.start]:02x})",
            )
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _failed(problem: Problem) -> dict:
    """Metadata for a file that cannot be published: skipped, its problem kept."""
    return {"status": "skip", "title": "", "jekyll_problems": (problem,)}
