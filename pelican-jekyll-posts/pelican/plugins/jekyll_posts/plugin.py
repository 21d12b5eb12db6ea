"""The only module that talks to Pelican: it connects signals to the steps."""

from __future__ import annotations

import logging

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.log import console
from pelican.utils import clean_output_dir
from pelican.writers import FileOverwriteFailedError

from . import config, fences
from .config import pelican as settings_from_site
from .config.settings import MEMORY
from .diagnostics import BuildFailed, display_path
from .link import membership
from .linking import link_everything
from .read import freshness, kept, ordering, reading
from .read.reader import JekyllReader, extensions, fingerprint
from .series.pages import SeriesGenerator
from .source import drafts, symlinks
from .state import collect
from .state import state as build_state
from .write import follow, guard, incremental, preview, rendering
from .write.redirect_pages import RedirectGenerator

logger = logging.getLogger(__name__)
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
    drafts_on = config.from_settings(pelican.settings).drafts
    if pelican.delete_outputdir or preview.leftover(pelican.output_path, drafts_on):
        pelican.delete_outputdir = False
        pelican.settings[_CLEAN_LATER] = (
            pelican.output_path,
            pelican.output_retention,
        )


def configure(pelican) -> None:
    """Read `_config.yml` once, and set what Pelican needs to know of it."""
    try:
        made = config.prepare(pelican.settings)
    except config.ConfigError as error:  # said once, by Pelican, as it stops
        raise BuildFailed(str(error)) from None
    for path in made.files:
        console.print(f"Jekyll settings: {display_path(path)}")
    settings_from_site.apply(pelican.settings, made)


def add_reader(readers) -> None:
    made = config.from_settings(readers.settings)
    for extension in extensions(made):
        readers.reader_classes[extension] = JekyllReader
    # The reader takes dates from file names itself, in the site's time zone and
    # with positioned errors; Pelican's own parse would reject 2021-02-30 unseen.
    readers.settings["FILENAME_METADATA"] = "(?!)"
    # Jekyll holds back posts dated after the build (`future: false`); the
    # plugin makes them drafts itself (`drafts.hold_back_future`), against a "now"
    # that SOURCE_DATE_EPOCH can fix, so Pelican's own check is turned off.
    readers.settings["WITH_FUTURE_DATES"] = True
    readers.get_cached_data = freshness.fresh_only(
        readers.get_cached_data,
        fingerprint(readers.settings),
        lambda: reading.site_of(readers),
    )


def _cache_in_memory(settings) -> bool:
    """A host lent memory, the cache is on and plain (not gzipped), and
    Pelican keeps it as the plugin knows."""
    return (
        bool(settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE"))
        and not settings.get("GZIP_CACHE")
        and fences.standing(fences.READER_CACHE)
    )


def add_generators(pelican) -> tuple[type, ...]:
    return SeriesGenerator, RedirectGenerator


def choose_writer(pelican) -> type | None:
    """Pages render on every core; with the content cache on, unchanged pages
    are not rendered again. One worker: Pelican's own writer."""
    settings = pelican.settings
    if not fences.standing(fences.WRITER):
        return None
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
    build_state(generator.context)
    follow.follow_only_allowed(generator)
    memory = generator.settings.get(MEMORY)
    if memory is not None and _cache_in_memory(generator.settings):
        kept.hold(generator.readers, memory)


def read_front_matter(generator) -> None:
    """Every file's front matter before any body, then bodies read ahead."""
    state = build_state(generator.context)
    reading.know_the_site(state, generator)
    reading.read_ahead(generator)


def pages_know_the_site(generator) -> None:
    reading.attach(build_state(generator.context), generator.readers)


def order(generator) -> None:
    """In a preview, drafts are listed wherever posts are; then Jekyll's order."""
    if build_state(generator.context).config.drafts:
        preview.list_drafts(generator)
    ordering.by_date_then_path(generator)


def content_read(generator, metadata) -> None:
    collect(build_state(generator.context), metadata)


def post_read(generator, metadata) -> None:
    content_read(generator, metadata)
    drafts.hold_back_future(build_state(generator.context).config, metadata)


def all_read(generators) -> None:
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    pages = next(g for g in generators if isinstance(g, PagesGenerator))
    reading.stop_reading_ahead(articles.readers)
    state = build_state(articles.context)
    state.problems.extend(symlinks.for_build(articles.context).problems)
    sources = [d.source for d in state.site.documents] if state.site else []
    listed = preview.set_aside(articles)
    link_everything(state, articles, pages, sources)
    preview.bring_back(articles, listed)
    membership.speed_up(articles)
    if not state.config.drafts:
        guard.withhold_drafts(articles, pages)
    else:
        preview.remember(articles, pages)
    if articles.context.get(_CLEAN_LATER):
        clean_output_dir(*articles.context[_CLEAN_LATER])


class _QuietFailure(logging.Filter):
    """Our failure was already reported in full, and two pages on one file is
    said in one line naming it: drop Pelican's traceback of them."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(
            record.exc_info[1], (BuildFailed, FileOverwriteFailedError)
        ):
            record.exc_info = None
        return True


def register() -> None:
    fences.warn_fallen()
    signals.initialized.connect(configure)
    signals.initialized.connect(check_output)
    signals.readers_init.connect(add_reader)
    signals.get_generators.connect(add_generators)
    signals.get_writer.connect(choose_writer)
    signals.finalized.connect(build_done)
    signals.generator_init.connect(start_build)
    signals.article_generator_init.connect(read_front_matter)
    signals.page_generator_init.connect(pages_know_the_site)
    signals.article_generator_pretaxonomy.connect(order)
    signals.article_generator_context.connect(post_read)
    signals.page_generator_context.connect(content_read)
    signals.all_generators_finalized.connect(all_read)
    pelican_logger = logging.getLogger("pelican")
    if not any(isinstance(f, _QuietFailure) for f in pelican_logger.filters):
        pelican_logger.addFilter(_QuietFailure())
