"""Excerpts whose links are right on every page that shows them.

Pelican resolves the links of a `summary` once, for the site root, and keeps
that text; with RELATIVE_URLS an excerpt shown on `tag/x.html` then links one
folder off. An article that carries a Jekyll excerpt is given a subclass that
resolves the excerpt's links for each page, as Pelican does for `content`.
"""

from __future__ import annotations

import copy

from pelican.contents import Article
from pelican.utils import memoized

from .. import fences


class ExcerptArticle(Article):
    """An Article whose summary is its Jekyll excerpt, linked per page."""

    jekyll_excerpt: str = ""

    @memoized
    def get_summary(self, siteurl: str) -> str:
        if fences.standing(fences.EXCERPT):
            return self._update_content(self.jekyll_excerpt, siteurl)
        # Pelican's public path: the content of a copy whose body is the excerpt.
        stand_in = copy.copy(self)
        stand_in.__class__ = Article
        stand_in._content = self.jekyll_excerpt
        return stand_in.get_content(siteurl)


def attach(article, excerpt: str) -> None:
    """Give `article` its excerpt; later summary reads resolve links per page."""
    if isinstance(article, Article):
        article.__class__ = ExcerptArticle
        article.jekyll_excerpt = excerpt
