"""One build's state and the step that runs once every file has been read.

The state lives in Pelican's per-run context, never at module level, so a
rebuild in the same process (`pelican -r`, the dev server) starts from nothing.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from . import config as config_module
from . import drafts, excerpts, jekyll_urls, redirects, relations
from .backlinks import Sentence, sentences
from .collisions import COLLISION, collisions
from .diagnostics import BuildFailed, Problem, report
from .links import Edge, Target, linkable, resolve, substitute
from .posts import PostIndex, post_file
from .site import Site

KEY = "jekyll_posts_build"


@dataclass
class Build:
    config: config_module.Config
    problems: list[Problem] = field(default_factory=list)
    unpublished: set[str] = field(default_factory=set)
    edges: list[Edge] = field(default_factory=list)
    contexts: dict[Edge, Sentence] = field(default_factory=dict)
    descriptions: dict = field(default_factory=dict)  # series slug -> Description
    series: list = field(default_factory=list)  # relations.Series, by name
    redirects: list = field(default_factory=list)  # redirects.Redirect, to write
    site: Site | None = None  # every file's front matter, before any body
    prepared: dict = field(default_factory=dict)  # path -> documents.Prepared


def state(context: dict) -> Build:
    build = context.get(KEY)
    if build is None:
        build = context[KEY] = Build(config_module.from_settings(context))
    return build


def collect(build: Build, metadata: dict) -> None:
    """Take the problems a reader left in the metadata (cached reads included)."""
    build.problems.extend(metadata.pop("jekyll_problems", ()))
    source = metadata.pop("jekyll_unpublished", None)
    if source:
        build.unpublished.add(source)


def link_everything(build: Build, articles, pages, post_sources: list[str]) -> None:
    """Resolve every post_url of every article and page, then fail or go on."""
    index = PostIndex([p for p in map(post_file, post_sources) if p is not None])
    siteurl = build.config.siteurl.rstrip("/")
    published = {
        a.relative_source_path: f"{siteurl}/{a.url}" for a in on_the_site(articles)
    }
    reasons = dict.fromkeys(build.unpublished, "published: false")
    for draft in articles.drafts + articles.drafts_translations:
        reasons[draft.relative_source_path] = drafts.why_unpublished(draft)
    contents = [
        *published_and_drafts(articles),
        *pages.pages,
        *pages.translations,
        *pages.hidden_pages,
        *pages.hidden_translations,
        *pages.draft_pages,
        *pages.draft_translations,
    ]
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
    written = [c for c in contents if c.status != "draft" or build.config.drafts]
    build.redirects, shared = redirects.one_per_address(redirects.plan(written))
    build.problems.extend(shared)
    build.problems.extend(
        collisions(
            [(c.save_as, c.source_path) for c in contents if c.save_as]
            + [(r.save_as, r.source) for r in build.redirects if r.own_file]
        )
    )
    redirects.take_over(written)
    relations.relate(
        build, articles.context, articles.articles, published_and_drafts(articles)
    )
    neighbours(articles.articles)
    finish(build)


def neighbours(listed) -> None:
    """`newer` and `older` on each published post, in the home page's order, so a
    template need not search the list of every post on every page."""
    for at, article in enumerate(listed):
        article.newer = listed[at - 1] if at > 0 else None
        article.older = listed[at + 1] if at + 1 < len(listed) else None


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


def finish(build: Build) -> None:
    """Print every problem at once; fail the build on any error when strict.

    Two files on one address fail the build either way: one would be lost.
    """
    problems = [
        p
        if build.config.strict or not p.is_error or p.group == COLLISION
        else Problem(p.path, p.line, p.col, degraded(p), "warning", p.group)
        for p in build.problems
    ]
    problems = grouped(problems)
    if problems:
        sys.stderr.write(report(problems) + "\n")
        sys.stderr.flush()
    errors = sum(p.is_error for p in problems)
    if errors:
        raise BuildFailed(f"{errors} error(s) in the content; nothing was written")


# What a lenient build does with the part a problem is in, by the problem's group.
_INSTEAD = {
    "link": "the link is left as its text",
    "tag": "the tag renders nothing",
    "filter": "the value is passed on unfiltered",
    "date": "the post is dated by its file name",
    "front matter": "the file is read without its front matter",
    "liquid": "that part renders nothing",
}


def degraded(problem: Problem) -> str:
    """An error's message in a build that goes on: what was done instead."""
    kind = problem.group.split(":", 1)[0]
    instead = _INSTEAD.get(kind, "")
    return f"{problem.message} ({instead})" if instead else problem.message


def grouped(problems: list[Problem]) -> list[Problem]:
    """An unknown tag or filter is reported once per name, at its first use,
    with how often it is used and how to provide it."""
    groups: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.group.startswith(("tag:", "filter:")):
            groups.setdefault(problem.group, []).append(problem)
    alone = [p for p in problems if p.group not in groups]
    for group, members in groups.items():
        first = min(members)
        files = len({p.path for p in members})
        kind, name = group.split(":", 1)
        how = (
            f"; a Python {kind} in _plugins/ can provide it (README: 'A site's own "
            "tags and filters')"
        )
        count = f" ({len(members)} uses in {files} files)" if len(members) > 1 else ""
        alone.append(
            Problem(
                first.path,
                first.line,
                first.col,
                first.message + count + how,
                first.severity,
                group,
            )
        )
    return alone
