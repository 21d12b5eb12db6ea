"""jekyll-redirect-from: `redirect_from` writes a page at each old address
that sends readers to the post; `redirect_to` makes the post's own page send
them elsewhere.

The redirect pages are planned once every post is known, so they go through
the same output-collision check as posts and pages, and written by a
generator of their own in the page jekyll-redirect-from writes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from jinja2 import DictLoader, Environment
from pelican.generators import Generator

from . import build, permalinks
from .diagnostics import Problem, display_path

_TEMPLATE = """{% set url = target if external else SITEURL ~ "/" ~ target.lstrip("/") -%}
<!DOCTYPE html>
<html lang="en-US">
  <meta charset="utf-8">
  <title>Redirecting&hellip;</title>
  <link rel="canonical" href="{{ url }}">
  <script>location={{ url|tojson }}</script>
  <meta http-equiv="refresh" content="0; url={{ url }}">
  <meta name="robots" content="noindex">
  <h1>Redirecting&hellip;</h1>
  <a href="{{ url }}">Click here if you are not redirected.</a>
</html>
"""
# Named, as templates from a theme are: writers may key their work by name.
_PAGE = Environment(
    autoescape=True, loader=DictLoader({"jekyll_redirect.html": _TEMPLATE})
).get_template("jekyll_redirect.html")


@dataclass(frozen=True)
class Redirect:
    save_as: str  # the file written
    target: str  # a URL with a scheme, or a path below the site's root
    source: str  # the post or page whose front matter asked for it
    own_file: bool = True  # False: it replaces the page's own file (redirect_to)


def read(text: Mapping, problem: Callable[[str, str], None]) -> dict:
    """The two keys as metadata: `redirect_from` a tuple, `redirect_to` a URL."""
    meta: dict = {}
    olds = text.get("redirect_from")
    if isinstance(olds, str):
        olds = [olds]
    if olds is not None:
        if not isinstance(olds, list) or not all(isinstance(o, str) for o in olds):
            problem(
                "redirect_from", "'redirect_from' must be an address or a list of them"
            )
        elif any(not o.strip() or ".." in o or "\\" in o or "\0" in o for o in olds):
            problem(
                "redirect_from",
                "'redirect_from' addresses must not be empty or contain '..'",
            )
        elif any(urlsplit(o).scheme or o.startswith("//") for o in olds):
            problem(
                "redirect_from",
                "'redirect_from' takes addresses on this site, such as /old/",
            )
        else:
            meta["redirect_from"] = tuple(olds)
    target = text.get("redirect_to")
    if isinstance(target, list):
        target = target[0] if target else None  # as jekyll-redirect-from does
    if target is not None:
        if isinstance(target, str) and target.strip():
            meta["redirect_to"] = target.strip()
        else:
            problem("redirect_to", "'redirect_to' must be a URL")
    return meta


def plan(contents) -> list[Redirect]:
    """Every redirect page the published `contents` ask for."""
    planned = []
    for content in contents:
        for old in content.metadata.get("redirect_from", ()):
            save_as = permalinks.address(permalinks.sanitize(old), old).save_as
            planned.append(Redirect(save_as, content.url, content.source_path))
        target = content.metadata.get("redirect_to")
        if target and content.save_as:
            planned.append(
                Redirect(content.save_as, target, content.source_path, own_file=False)
            )
    return planned


def one_per_address(planned: list[Redirect]) -> tuple[list[Redirect], list]:
    """Several pages asking to be redirected to from one old address: as in
    Jekyll, the last one (by source path) is written, with a warning."""
    by_file: dict[str, list[Redirect]] = {}
    for redirect in planned:
        by_file.setdefault(redirect.save_as.casefold(), []).append(redirect)
    kept, problems = [], []
    for group in by_file.values():
        group.sort(key=lambda r: r.source)
        kept.append(group[-1])
        problems += [
            Problem(
                r.source,
                1,
                1,
                f"redirect_from: {r.save_as} also redirects to "
                f"{display_path(group[-1].source)}, which is the one written",
                "warning",
            )
            for r in group[:-1]
            if r.own_file
        ]
        kept += [r for r in group[:-1] if not r.own_file]
    return kept, problems


def take_over(contents) -> None:
    """A page with `redirect_to` is written as the redirect, not as itself."""
    for content in contents:
        if content.metadata.get("redirect_to"):
            content.override_save_as = ""


class RedirectGenerator(Generator):
    def generate_output(self, writer) -> None:
        for redirect in build.state(self.context).redirects:
            target = redirect.target
            writer.write_file(
                redirect.save_as,
                _PAGE,
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                target=target,
                external=bool(urlsplit(target).scheme) or target.startswith("//"),
            )
