"""Pelican reader for Jekyll files: YAML front matter, Liquid, then Markdown
(or, for `.html` files, no Markdown).

The front matter of every file is read first (`documents.prepare`), before
any body, because a body's Liquid may read the whole site (`site.posts`).
Rendering one body is then a function of the file, the site's front matter
and the includes it reads, so Pelican's reader cache can keep its result
(`freshness` says when it is stale) and worker processes can read ahead.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from functools import cached_property

from markdown import Markdown
from pelican.readers import BaseReader

from .. import config as config_module
from .. import origin
from ..kramdown import dialect, differences, first_paragraph
from ..liquid import highlight
from ..liquid import render as liquid
from ..markers import RAW_BRACE
from ..source import documents
from ..source.deferred import Deferred
from ..source.documents import Prepared
from ..source.site import Site
from . import parallel

_META_EXTENSION = "markdown.extensions.meta"
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:.+$", re.M)


class JekyllReader(BaseReader):
    enabled = True
    # Replaced per build by `extensions(config)`, from `markdown_ext`.
    file_extensions = ["md", "markdown", "mkd", "mkdn", "mkdown", *documents.HTML]

    def __init__(self, settings):
        super().__init__(settings)
        self.config = config_module.from_settings(settings)
        self._ahead: parallel.Ahead | None = None
        self.site: Site | None = None
        self.prepared: dict[str, Prepared] = {}
        self._liquid: liquid.Renderer | None = None

    # Pelican makes a reader for every extension the reader takes, in each of
    # its generators, and uses one or two: what is costly to make waits for use.
    @cached_property
    def fingerprint(self) -> str:
        return fingerprint(self.settings)

    @cached_property
    def _markdown(self) -> Markdown:
        options = dict(self.settings["MARKDOWN"])
        configs = dict(options.get("extension_configs", {}))
        configs.pop(_META_EXTENSION, None)
        options["extension_configs"] = configs
        # As Pelican does: a configured extension is enabled; `meta` never is,
        # since the front matter is YAML and read here.
        listed = [e for e in options.get("extensions", []) if e != _META_EXTENSION]
        options["extensions"] = listed + [e for e in configs if e not in listed]
        kramdown_options = self.config.values.get("kramdown")
        options["extensions"].append(
            dialect.KramdownExtension(
                options=kramdown_options if isinstance(kramdown_options, dict) else {}
            )
        )
        return Markdown(**options)

    def know(self, site: Site, prepared: dict[str, Prepared]) -> None:
        """The site's front matter, read before any body (see `plugin`)."""
        self.site = site
        self.prepared = prepared
        self._liquid = None

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
            if isinstance(value, Deferred):
                meta[key] = self.process_metadata(value.name, value.value)
        return content, meta

    def parse(self, source_path):
        """Content and metadata of one file; Pelican objects left `Deferred`."""
        source = documents.source_of(source_path, self.config.folder)
        if documents.excluded(source, self.config):
            return "", {"status": "skip", "jekyll_reader": self.fingerprint}
        prepared = self.prepared.get(os.path.abspath(source_path)) or documents.prepare(
            source_path,
            self.config,
            self.config.defaults(),
            Deferred,
        )
        meta = dict(prepared.meta)
        meta["jekyll_reader"] = self.fingerprint
        document = prepared.document
        if document is None:
            meta["jekyll_problems"] = prepared.problems
            meta["status"] = "skip"
            return "", meta
        if meta.get("status") == "skip":
            meta["jekyll_unpublished"] = document.source
        if not document.written:
            # Jekyll never renders what it does not write: its links and
            # Liquid are not checked, only its front matter.
            meta["jekyll_problems"] = prepared.problems
            return "", meta
        body = self._renderer().render(
            document.body, source_path, prepared.body_line, document
        )
        meta["jekyll_links"] = body.links
        meta["jekyll_includes"] = body.includes
        meta["jekyll_uses"] = {use: self.site.digest(use) for use in body.uses}
        scanned = (
            ()
            if prepared.html
            else differences.warnings(document.body, source_path, prepared.body_line)
        )
        meta["jekyll_problems"] = prepared.problems + body.problems + scanned
        if prepared.html:
            content = _restore(body.text, body.blocks)
        else:
            content = self._render(body.text, body.blocks)
        # For the theme's reading time: words as written, code included.
        meta["jekyll_words"] = len(body.text.split())
        excerpt = self._excerpt(prepared, body, content)
        if excerpt is not None:
            meta["summary"] = excerpt
        return content, meta

    def _renderer(self) -> liquid.Renderer:
        if self._liquid is None:
            if self.site is None:  # read outside a build (the doctor, tests)
                self.site = Site([], self.config.values)
            self._liquid = liquid.for_build(self.config, self.site, self.markdownify)
        return self._liquid

    def markdownify(self, text: str) -> str:
        """The `markdownify` filter: the site's Markdown, as for a post."""
        return self._render(str(text), ())

    def _render(self, text: str, blocks: tuple[str, ...]) -> str:
        """Markdown, then highlighted code back in place of its markers."""
        self._markdown.reset()
        return _restore(self._markdown.convert(text), blocks)

    def _excerpt(self, prepared: Prepared, rendered, content: str) -> str | None:
        """Jekyll's excerpt: the text before the separator, with link definitions.
        Called right after the body is rendered, whose HTML it may reuse."""
        front = prepared.front
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
        if prepared.html:
            return _restore(head, rendered.blocks)
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


def _restore(html: str, blocks) -> str:
    return highlight.restore(html.replace(RAW_BRACE, "&#123;"), blocks)


def extensions(config) -> list[str]:
    """The file extensions the reader takes: Jekyll's `markdown_ext`, and HTML."""
    return list(dict.fromkeys([*config.markdown_ext, *documents.HTML]))


def fingerprint(settings) -> str:
    """What a read depends on besides the file: the plugin's code and the
    settings it reads. A cached read made with another fingerprint is stale."""
    config = dataclasses.replace(config_module.from_settings(settings), workers=1)
    parts = [repr(config), _markdown_settings(settings), str(settings["PATH"])]
    for module in origin.code_files():
        stat = module.stat()
        parts.append(f"{module.name}|{stat.st_size}|{stat.st_mtime_ns}")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def _markdown_settings(settings) -> str:
    """MARKDOWN as the reader uses it. Pelican's Markdown reader adds each
    configured extension and `meta` to `extensions` in place when it starts,
    after the plugin has taken the fingerprint the cache is checked against:
    both forms must give one fingerprint, or no cached read is ever used."""
    options = dict(settings["MARKDOWN"])
    listed = [*options.get("extensions", []), *options.get("extension_configs", {})]
    options["extensions"] = sorted(set(map(str, listed)) - {_META_EXTENSION})
    return repr(sorted(options.items()))
