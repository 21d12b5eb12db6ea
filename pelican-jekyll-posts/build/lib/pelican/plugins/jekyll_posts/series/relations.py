"""Once every link is resolved: series, related series and backlinks, as the
small objects templates receive.

Runs on every build from that build's articles and links, and keeps what it
makes in the build's state and on this build's article objects, so a rebuild
in the same process never sees a series or a link that is gone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pelican.urlwrappers import URLWrapper

from ..diagnostics import Problem
from ..link import backlinks
from ..source import frontmatter
from . import model
from .descriptions import Description

DEFAULTS = {
    "SERIES_URL": "series/{slug}/",
    "SERIES_SAVE_AS": "series/{slug}/index.html",
    "SERIES_INDEX_URL": "series/",
    "SERIES_INDEX_SAVE_AS": "series/index.html",
    "SERIES_FEED_ATOM": "feeds/series/{slug}.atom.xml",
}


class Series(URLWrapper):
    """A series; SERIES_URL and SERIES_SAVE_AS place its page, as for tags."""

    def __init__(self, name: str, settings):
        super().__init__(name, settings)
        self.articles: list = []
        self.description: Description | None = None
        self.related: list[RelatedSeries] = []

    @property
    def title(self) -> str:
        written = self.description.title if self.description else None
        return written or self.name

    @property
    def feed_url(self) -> str | None:
        pattern = self.settings.get("SERIES_FEED_ATOM")
        return str(pattern).format(slug=self.slug) if pattern else None


@dataclass(frozen=True)
class Membership:
    """One post's place in one series: `index` is 1-based."""

    series: Series
    index: int
    total: int
    previous: Any
    next: Any

    @property
    def url(self) -> str:
        return self.series.url


@dataclass(frozen=True)
class RelatedSeries:
    series: Series
    shared: int
    links_to: int
    links_from: int


def relate(build, context: dict, published: list, written: list) -> None:
    """Series and backlinks from the published posts, on every written article.

    Problems go to the build; the series to `build.series` and, for every
    template, to `series_list` in the context.
    """
    for key, value in DEFAULTS.items():
        context.setdefault(key, value)
    posts = {
        a.relative_source_path: a
        for a in sorted(published, key=lambda a: (a.date, a.relative_source_path))
    }
    groups, issues = model.gather(
        (
            model.Post(
                source,
                a.date,
                a.metadata.get("series"),
                a.metadata.get("series_index"),
            )
            for source, a in posts.items()
        ),
        lambda name: Series(name, context).slug,
    )
    build.problems.extend(_positioned(issue, posts) for issue in issues)
    made = {group.slug: _series(group, posts, build, context) for group in groups}
    build.problems.extend(
        Problem(
            d.source,
            1,
            1,
            f"no published post is in the series '{slug}', so this description is not used",
            "warning",
        )
        for slug, d in build.descriptions.items()
        if slug not in made
    )
    pairs = ((edge.source, edge.target) for edge in build.edges)
    for slug, found in model.related(groups, pairs).items():
        made[slug].related = [
            RelatedSeries(made[r.slug], r.shared, r.links_to, r.links_from)
            for r in found
        ]
    places: dict[str, list[Membership]] = {}
    for item in made.values():
        for at, article in enumerate(item.articles):
            places.setdefault(article.relative_source_path, []).append(
                Membership(
                    item,
                    at + 1,
                    len(item.articles),
                    item.articles[at - 1] if at else None,
                    item.articles[at + 1] if at + 1 < len(item.articles) else None,
                )
            )
    references = backlinks.referenced_by(build.edges, build.contexts, posts)
    for article in written:
        source = article.relative_source_path
        article.series_memberships = places.get(source, [])
        article.backlinks = references.get(source, [])
    build.series = list(made.values())
    context["series_list"] = build.series


def _series(group: model.Group, posts: dict, build, context) -> Series:
    item = Series(group.name, context)
    item.slug = group.slug
    item.articles = [posts[source] for source in group.sources]
    item.description = build.descriptions.get(group.slug)
    return item


def _positioned(issue: model.Issue, posts: dict) -> Problem:
    """The issue at its key's value in the file, read again only for this."""
    path = posts[issue.source].source_path
    with open(path, encoding="utf-8-sig") as handle:
        document = frontmatter.split(handle.read(), path)
    line, col = frontmatter.load(document.front_matter, path).position(issue.key)
    return Problem(path, line, col, issue.message, issue.severity)
