"""jekyll-redirect-from: `redirect_from` writes a page at each old address
that sends readers to the post; `redirect_to` makes the post's own page send
them elsewhere.

The redirect pages are planned once every post is known, so they go through
the same output-collision check as posts and pages; `write.redirect_pages`
writes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Problem, display_path
from ..source import permalinks


@dataclass(frozen=True)
class Redirect:
    save_as: str  # the file written
    target: str  # a URL with a scheme, or a path below the site's root
    source: str  # the post or page whose front matter asked for it
    own_file: bool = True  # False: it replaces the page's own file (redirect_to)


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
