"""The only module that talks to Pelican: it connects signals to the steps."""

from __future__ import annotations

import logging
import os

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.utils import clean_output_dir

from . import (
    build,
    config,
    drafts,
    follow,
    guard,
    includes,
    incremental,
    membership,
    preview,
    rendering,
    symlinks,
)
from .diagnostics import BuildFailed
from .reader import JekyllReader, fingerprint
from .redirects import RedirectGenerator
from .series_pages import SeriesGenerator

# Settings key (copied into each build's context) asking to clean the output.
_CLEAN_LATER = "_jekyll_clean_output"


def check_output(pelican) -> None:
    """Refuse unsafe output paths; move output cleaning after the checks.

    Pelican empties the output folder before reading anything, so a build
    that then fails would leave nothing published. The plugin cleans it only
    once every file has been read and every link resolved; it also cleans an
    output that a drafts preview left, unless this build is one (preview.py).
    """
    guard.check_output(pelican.output_path, pelican.settings)
    drafts_on = bool(pelican.settings.get("JEKYLL_DRAFTS"))
    if pelican.delete_outputdir or preview.leftover(pelican.output_path, drafts_on):
        pelican.delete_outputdir = False
        pelican.settings[_CLEAN_LATER] = (
            pelican.output_path,
            pelican.output_retention,
        )


def adapt_settings(pelican) -> None:
    """Settings a Jekyll site needs, whatever pelicanconf.py says.

    Posts are told apart by date and slug, so two posts may share a slug;
    Pelican would take them for translations of each other (and compare every
    post with every other to find out). And a build is one pass: templates
    need not be checked for changes at every include (Jinja's auto_reload),
    unless the site's own Jinja settings ask for it.
    """
    settings = pelican.settings
    settings["ARTICLE_TRANSLATION_ID"] = None
    settings["JINJA_ENVIRONMENT"] = {
        "auto_reload": False,
        **settings.get("JINJA_ENVIRONMENT", {}),
    }


def add_reader(readers) -> None:
    for extension in JekyllReader.file_extensions:
        readers.reader_classes[extension] = JekyllReader
    # The reader takes dates from file names itself, in the site's time zone and
    # with positioned errors; Pelican's own parse would reject 2021-02-30 unseen.
    readers.settings["FILENAME_METADATA"] = "(?!)"
    # Jekyll holds back posts dated after the build (`future: false`); the
    # plugin makes them drafts itself (`drafts.hold_back_future`), against a "now"
    # that SOURCE_DATE_EPOCH can fix, so Pelican's own check is turned off.
    readers.settings["WITH_FUTURE_DATES"] = True
    # A cached read is stale when an include it used has changed.
    readers.get_cached_data = includes.fresh_only(
        readers.get_cached_data, fingerprint(readers.settings)
    )


def add_generators(pelican) -> tuple[type, ...]:
    return SeriesGenerator, RedirectGenerator


def choose_writer(pelican) -> type | None:
    """Pages render on every core; with the content cache on, unchanged pages
    are not rendered again. One worker: Pelican's own writer."""
    settings = pelican.settings
    if settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE"):
        return incremental.IncrementalWriter
    if config.from_settings(settings).workers > 1:
        return rendering.ParallelWriter
    return None


def build_done(pelican) -> None:
    rendering.finish(pelican.settings)
    if config.from_settings(pelican.settings).drafts:
        preview.leave_marker(pelican.output_path, pelican.settings)


def start_build(generator) -> None:
    build.state(generator.context)
    follow.follow_only_allowed(generator)


def read_ahead(generator) -> None:
    """Hand the posts Pelican will read to worker processes, by reader."""
    readers = generator.readers
    cached = generator.settings.get("LOAD_CONTENT_CACHE")
    by_extension: dict[str, list[str]] = {}
    for name in generator.get_files(
        generator.settings["ARTICLE_PATHS"],
        exclude=generator.settings["ARTICLE_EXCLUDES"],
    ):
        path = os.path.abspath(os.path.join(generator.path, name))
        if not cached or readers.get_cached_data(path, None) is None:
            by_extension.setdefault(name.rsplit(".", 1)[-1], []).append(path)
    for extension, paths in by_extension.items():
        reader = readers.readers.get(extension)
        if isinstance(reader, JekyllReader):
            reader.read_ahead(paths)


def list_drafts(generator) -> None:
    """In a preview, drafts are listed wherever posts are."""
    if build.state(generator.context).config.drafts:
        preview.list_drafts(generator)


def content_read(generator, metadata) -> None:
    build.collect(build.state(generator.context), metadata)


def post_read(generator, metadata) -> None:
    content_read(generator, metadata)
    drafts.hold_back_future(build.state(generator.context).config, metadata)


def all_read(generators) -> None:
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    pages = next(g for g in generators if isinstance(g, PagesGenerator))
    sources = list(
        articles.get_files(
            articles.settings["ARTICLE_PATHS"],
            exclude=articles.settings["ARTICLE_EXCLUDES"],
        )
    )
    for reader in articles.readers.readers.values():
        if isinstance(reader, JekyllReader):
            reader.stop_reading_ahead()
    state = build.state(articles.context)
    state.problems.extend(symlinks.for_build(articles.context).problems)
    listed = preview.set_aside(articles)
    build.link_everything(state, articles, pages, sources)
    preview.bring_back(articles, listed)
    membership.speed_up(articles)
    if not state.config.drafts:
        guard.withhold_drafts(articles, pages)
    else:
        preview.remember(articles, pages)
    if articles.context.get(_CLEAN_LATER):
        clean_output_dir(*articles.context[_CLEAN_LATER])


class _QuietFailure(logging.Filter):
    """Our failure was already reported in full; drop Pelican's traceback of it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], BuildFailed):
            record.exc_info = None
        return True


def register() -> None:
    signals.initialized.connect(check_output)
    signals.initialized.connect(adapt_settings)
    signals.readers_init.connect(add_reader)
    signals.get_generators.connect(add_generators)
    signals.get_writer.connect(choose_writer)
    signals.finalized.connect(build_done)
    signals.generator_init.connect(start_build)
    signals.article_generator_init.connect(read_ahead)
    signals.article_generator_context.connect(post_read)
    signals.article_generator_pretaxonomy.connect(list_drafts)
    signals.page_generator_context.connect(content_read)
    signals.all_generators_finalized.connect(all_read)
    pelican_logger = logging.getLogger("pelican")
    if not any(isinstance(f, _QuietFailure) for f in pelican_logger.filters):
        pelican_logger.addFilter(_QuietFailure())
