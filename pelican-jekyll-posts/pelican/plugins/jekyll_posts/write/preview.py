"""A drafts preview (`JEKYLL_DRAFTS`): drafts listed among the posts, and gone
from the output once the preview is over.

Pelican writes drafts but lists them nowhere. In a preview they join the
posts before Pelican sorts posts into its home page, archives, tags,
categories and authors, keeping their `draft` status, which the theme marks
(`data-status="draft"`). Linking, series, backlinks and the older/newer
neighbours still count published posts only: they run with the drafts set
aside (`set_aside`, `bring_back`).

A preview leaves `MARKER` in the output, naming its drafts (the dev server
prints their addresses). A later build that is not a preview, into the same
output, empties it first (after its checks, as DELETE_OUTPUT_DIRECTORY
would): with DELETE_OUTPUT_DIRECTORY off, the preview's draft pages, and the
tag or index pages only its drafts made, would otherwise stay there.
"""

from __future__ import annotations

import json
import os

from pelican.utils import order_content

MARKER = ".jekyll-drafts-preview.json"
_SHOWN = "_jekyll_listed_drafts"  # in a build's context: drafts listed as posts
_WRITTEN = "_jekyll_preview_drafts"  # in the settings: what MARKER will name


def list_drafts(articles) -> None:
    """Drafts join the posts (at Pelican's `article_generator_pretaxonomy`)."""
    shown = list(articles.drafts)
    articles.context[_SHOWN] = shown
    if shown:
        articles.articles = order_content(
            articles.articles + shown, articles.settings["ARTICLE_ORDER_BY"]
        )
        articles.drafts = []  # written once, as listed posts


def set_aside(articles) -> list | None:
    """Take the listed drafts out of the posts, back among the drafts, so that
    links and series see what a publish sees; returns the whole list."""
    shown = articles.context.get(_SHOWN)
    if not shown:
        return None
    listed = articles.articles
    ids = {id(draft) for draft in shown}
    articles.articles = [a for a in listed if id(a) not in ids]
    articles.drafts = shown + articles.drafts
    return listed


def bring_back(articles, listed: list | None) -> None:
    """Undo `set_aside` once links and series are done."""
    if listed is not None:
        ids = {id(draft) for draft in articles.context[_SHOWN]}
        articles.articles = listed
        articles.drafts = [d for d in articles.drafts if id(d) not in ids]


def remember(articles, pages) -> None:
    """Note the preview's draft posts and pages, for `leave_marker`."""
    drafts = [*articles.context.get(_SHOWN, ()), *articles.drafts, *pages.draft_pages]
    articles.settings[_WRITTEN] = [
        {"url": draft.url, "source": draft.relative_source_path, "title": draft.title}
        for draft in drafts
    ]


def leave_marker(output_path: str, settings) -> None:
    """After a preview build: name its drafts in the output."""
    drafts = sorted(settings.pop(_WRITTEN, []), key=lambda d: d["url"])
    with open(os.path.join(output_path, MARKER), "w", encoding="utf-8") as handle:
        json.dump({"drafts": drafts}, handle, indent=1, sort_keys=True)


def leftover(output_path: str, drafts_on: bool) -> bool:
    """Whether a build that is not a preview finds a preview's output."""
    return not drafts_on and os.path.isfile(os.path.join(output_path, MARKER))


def drafts_in(output_path) -> list[dict]:
    """The drafts a preview wrote into `output_path` (url, source, title)."""
    try:
        with open(os.path.join(output_path, MARKER), encoding="utf-8") as handle:
            return list(json.load(handle).get("drafts", []))
    except (OSError, ValueError, AttributeError):
        return []
