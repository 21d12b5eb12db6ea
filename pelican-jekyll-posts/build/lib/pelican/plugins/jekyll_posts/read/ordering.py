"""One order for posts of equal date: Jekyll's, by date then by path.

Pelican sorts posts by date alone, and reads files in the order of a set of
names, which differs from one run to the next; posts of one date then came
out in another order each build. Sorting by date and path before Pelican
makes its tag, category and author lists keeps every list, feed and
older/newer link the same on every build.
"""

from __future__ import annotations


def by_date_then_path(generator) -> None:
    """At `article_generator_pretaxonomy`: newest first, and for one date the
    later path first, as Jekyll's `site.posts` has them."""
    if generator.settings.get("ARTICLE_ORDER_BY", "reversed-date") != "reversed-date":
        return
    for posts in (
        generator.articles,
        generator.translations,
        generator.hidden_articles,
        generator.hidden_translations,
        generator.drafts,
        generator.drafts_translations,
    ):
        posts.sort(key=_key, reverse=True)


def _key(article) -> tuple:
    return (article.date, article.relative_source_path)
