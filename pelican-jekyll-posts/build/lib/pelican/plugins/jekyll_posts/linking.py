"""The step after reading: once every file is read, a short list of named steps.

Each step takes the build's state and Pelican's article and page generators;
together they resolve every `post_url` and `link`, plan redirects, find two
files on one address, relate series and backlinks, and set each post's
neighbours. Pure parts live in the modules they call.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import report
from .link import excerpts, redirects
from .link.backlinks import sentences
from .link.collisions import collisions
from .link.links import Edge, Target, linkable, resolve, substitute
from .series import boxes, relations
from .source import drafts, jekyll_urls
from .source.posts import PostIndex, post_file
from .state import Build


@dataclass
class Linking:
    """What the steps share: the build, Pelican's generators, and the posts."""

    build: Build
    articles: object
    pages: object
    post_sources: list[str]

    @property
    def contents(self) -> list:
        """Every post and page, drafts too, that may hold links."""
        pages = self.pages
        return [
            *published_and_drafts(self.articles),
            *pages.pages,
            *pages.translations,
            *pages.hidden_pages,
            *pages.hidden_translations,
            *pages.draft_pages,
            *pages.draft_translations,
        ]

    @property
    def written(self) -> list:
        return [
            c for c in self.contents if c.status != "draft" or self.build.config.drafts
        ]


def resolve_links(linking: Linking) -> None:
    """Every post_url and link of every post and page, to its target."""
    build, articles, pages = linking.build, linking.articles, linking.pages
    index = PostIndex([p for p in map(post_file, linking.post_sources) if p])
    siteurl = build.config.siteurl.rstrip("/")
    published = {
        a.relative_source_path: f"{siteurl}/{a.url}" for a in on_the_site(articles)
    }
    reasons = dict.fromkeys(build.unpublished, "published: false")
    for draft in articles.drafts + articles.drafts_translations:
        reasons[draft.relative_source_path] = drafts.why_unpublished(draft)
    contents = linking.contents
    files = linkable(
        [
            *(c for c in contents if c.relative_source_path in published),
            *pages.pages,
            *pages.translations,
            *pages.hidden_pages,
            *pages.hidden_translations,
        ],
        articles.context.get("static_content", {}),
        siteurl,
    )

    def elsewhere(source: str) -> Target | None:
        url = jekyll_urls.url_of(source, build.config)
        return None if url is None else Target(source, siteurl + url, "")

    for content in contents:
        links = content.metadata.get("jekyll_links", ())
        if not links:
            continue
        targets, problems = resolve(
            links, content.source_path, index, published, reasons, files, elsewhere
        )
        build.problems.extend(problems)
        contexts = sentences(content._content, targets)
        for link, target, context in zip(links, targets, contexts, strict=True):
            if target is not None:
                edge = Edge(content.relative_source_path, target.source, link)
                build.edges.append(edge)
                build.contexts[edge] = context
        content._content = substitute(content._content, targets)
        if "summary" in content.metadata:
            content.metadata["summary"] = substitute(
                content.metadata["summary"], targets
            )
            excerpts.attach(content, content.metadata["summary"])


def plan_redirects(linking: Linking) -> None:
    build = linking.build
    build.redirects, shared = redirects.one_per_address(redirects.plan(linking.written))
    build.problems.extend(shared)


def find_collisions(linking: Linking) -> None:
    """Two files on one address, posts, pages and redirects alike."""
    linking.build.problems.extend(
        collisions(
            [(c.save_as, c.source_path) for c in linking.contents if c.save_as]
            + [(r.save_as, r.source) for r in linking.build.redirects if r.own_file]
        )
    )
    redirects.take_over(linking.written)


def relate_series(linking: Linking) -> None:
    articles = linking.articles
    relations.relate(
        linking.build,
        articles.context,
        articles.articles,
        published_and_drafts(articles),
    )


def show_series_and_backlinks(linking: Linking) -> None:
    """Where the theme does not show them, in each post's content."""
    boxes.register(linking.build.series, linking.articles.context)
    boxes.add_to_posts(published_and_drafts(linking.articles), linking.articles.env)


def set_neighbours(linking: Linking) -> None:
    """`newer` and `older` on each published post, in the home page's order, so a
    template need not search the list of every post on every page."""
    listed = linking.articles.articles
    for at, article in enumerate(listed):
        article.newer = listed[at - 1] if at > 0 else None
        article.older = listed[at + 1] if at + 1 < len(listed) else None


def report_problems(linking: Linking) -> None:
    report.finish(linking.build)


STEPS = (
    resolve_links,
    plan_redirects,
    find_collisions,
    relate_series,
    show_series_and_backlinks,
    set_neighbours,
    report_problems,
)


def link_everything(build: Build, articles, pages, post_sources: list[str]) -> None:
    """Run every step in order; the last fails the build on an error."""
    linking = Linking(build, articles, pages, post_sources)
    for step in STEPS:
        step(linking)


def on_the_site(articles) -> list:
    """Articles a link may point to: published or hidden, translations too."""
    return (
        articles.articles
        + articles.translations
        + articles.hidden_articles
        + articles.hidden_translations
    )


def published_and_drafts(articles) -> list:
    return on_the_site(articles) + articles.drafts + articles.drafts_translations
