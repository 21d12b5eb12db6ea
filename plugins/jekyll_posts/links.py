"""Replace `post_url` markers once every post is known.

Inside a URL attribute that Pelican rewrites, a marker becomes Pelican's own
`{filename}` link, so RELATIVE_URLS, a SITEURL with a path and slug overrides
are handled by Pelican at write time. Anywhere else (running text, code) it
becomes the post's URL, as Jekyll would print it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .diagnostics import Problem
from .liquid import MARKER, Link
from .posts import PostIndex

_URL_ATTRIBUTE = re.compile(
    r"""(?:href|src|poster|data|cite|formaction|action|content)\s*=\s*(["'])\Z""",
    re.I,
)


@dataclass(frozen=True)
class Target:
    """Where one link lands: the post's source path and its URL as text."""

    source: str
    text_url: str


@dataclass(frozen=True)
class Edge:
    """A resolved link, kept for series and backlinks."""

    source: str
    target: str
    link: Link


def resolve(
    links: tuple[Link, ...],
    source_path: str,
    index: PostIndex,
    published: dict[str, str],
    unpublished: dict[str, str],
) -> tuple[list[Target | None], list[Problem]]:
    """Each link's target, or None and a problem saying why not.

    `published` maps a post's source to its URL as text; `unpublished` maps a
    post that will not be on the site to the reason.
    """
    targets: list[Target | None] = []
    problems: list[Problem] = []
    for link in links:
        found = index.lookup(link.name)
        message = found.error
        if found.post is not None:
            source = found.post.source
            if source in published:
                targets.append(Target(source, published[source]))
                continue
            reason = unpublished.get(source, "it could not be built")
            message = f'post_url: "{link.name}" is not published ({reason}), so the link would break'
        targets.append(None)
        problems.append(Problem(source_path, link.line, link.col, message))
    return targets, problems


def substitute(html: str, targets: list[Target | None]) -> str:
    if "\ue000" not in html:
        return html

    def replace(match: re.Match) -> str:
        index = int(match.group(1))
        target = targets[index] if index < len(targets) else None
        if target is None:
            return ""
        tag_start = html.rfind("<", 0, match.start())
        if tag_start > html.rfind(">", 0, match.start()) and _URL_ATTRIBUTE.search(
            html, tag_start, match.start()
        ):
            return "{filename}/" + target.source
        return target.text_url

    return MARKER.sub(replace, html)
