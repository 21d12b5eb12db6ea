"""A post's series box and backlinks, for themes that do not show them.

A theme written for this plugin shows `article.series_memberships` and
`article.backlinks` itself. Any other theme (Pelican's `notmyidea` or
`simple`, say) gets them in the post's content: the box first, the backlinks
last, from the plugin's own templates, which a theme may override by name
(`jekyll_series_box.html`, `jekyll_backlinks.html`). Their links are
Pelican's `{filename}` links, so Pelican makes them right on every page.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, TemplateNotFound, meta

TEMPLATES = Path(__file__).parent / "templates"
# In Pelican's `generated_content`: a series' landing page, for `{filename}`.
SERIES_KEY = "@series/"
_SHOWN_BY = {"series": "series_memberships", "backlinks": "backlinks"}


def with_defaults(env: Environment) -> None:
    """The plugin's templates after the theme's: a theme's own win."""
    if not any(getattr(loader, "_jekyll_posts", False) for loader in _loaders(env)):
        fallback = FileSystemLoader(str(TEMPLATES))
        fallback._jekyll_posts = True
        env.loader = ChoiceLoader([env.loader, fallback])


def shown_by_theme(env: Environment) -> dict[str, bool]:
    """Whether the theme's post template, or a template it includes or
    extends, shows each itself."""
    sources = _sources(env, "article.html", set())
    return {what: any(name in s for s in sources) for what, name in _SHOWN_BY.items()}


def _sources(env: Environment, name: str, seen: set[str]) -> list[str]:
    if name in seen:
        return []
    seen.add(name)
    try:
        source = env.loader.get_source(env, name)[0]
    except TemplateNotFound:
        return []
    found = [source]
    for other in meta.find_referenced_templates(env.parse(source)):
        if isinstance(other, str):
            found += _sources(env, other, seen)
    return found


def register(series_list, context: dict) -> None:
    """Each series' landing page as a `{filename}` target."""
    generated = context.setdefault("generated_content", {})
    for series in series_list:
        generated[SERIES_KEY + series.slug] = series


def add_to_posts(articles, env: Environment) -> None:
    """The box and backlinks in each post's content, where the theme lacks them."""
    shown = shown_by_theme(env)
    if all(shown.values()):
        return
    with_defaults(env)
    box = env.get_template("jekyll_series_box.html")
    links = env.get_template("jekyll_backlinks.html")
    for article in articles:
        memberships = getattr(article, "series_memberships", [])
        backlinks = getattr(article, "backlinks", [])
        before = after = ""
        if memberships and not shown["series"]:
            before = box.render(memberships=memberships, series_key=SERIES_KEY)
        if backlinks and not shown["backlinks"]:
            after = links.render(backlinks=backlinks)
        if before or after:
            article._content = before + (article._content or "") + after


def _loaders(env: Environment) -> list:
    loader = env.loader
    return list(getattr(loader, "loaders", [loader]))
