"""The Pelican generator that writes series landing pages, their Atom feeds
and the page listing every series.

It only reads description files and writes; which posts are in which series
is decided once every link is resolved (`relations.py`), and kept in the
build's state, which this generator takes from the run's context.
"""

from __future__ import annotations

from functools import partial

from pelican.generators import Generator

from ..state import state as build_state
from . import boxes, descriptions
from .relations import DEFAULTS


class SeriesGenerator(Generator):
    """A theme without series templates gets the plugin's (`boxes`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        boxes.with_defaults(self.env)

    def generate_context(self) -> None:
        for key, value in DEFAULTS.items():
            self.context.setdefault(key, value)
        state = build_state(self.context)
        state.descriptions, problems = descriptions.read(self.path, self.settings)
        state.problems.extend(problems)

    def generate_output(self, writer) -> None:
        everything = build_state(self.context).series
        write = partial(writer.write_file, relative_urls=self.settings["RELATIVE_URLS"])
        template = self.get_template("series")
        for series in everything:
            write(
                series.save_as,
                template,
                self.context,
                series=series,
                articles=series.articles,
                url=series.url,
            )
            if series.feed_url:
                # Feed links resolve from the site root, not from whichever
                # page happened to be written last.
                self.context["localsiteurl"] = self.settings["SITEURL"]
                writer.write_feed(
                    sorted(series.articles, key=lambda a: a.date, reverse=True),
                    self.context,
                    series.feed_url,
                    feed_title=series.title,
                )
        write(
            self.context["SERIES_INDEX_SAVE_AS"],
            self.get_template("series_index"),
            self.context,
            series_list=everything,
            url=self.context["SERIES_INDEX_URL"],
        )
