"""Replace `post_url` and `link` markers once every post is known.

Inside a URL attribute that Pelican rewrites, a marker becomes Pelican's own
`{filename}` (or `{static}`) link, so RELATIVE_URLS, a SITEURL with a path and
slug overrides are handled by Pelican at write time. Anywhere else (running
text, code) it becomes the target's URL, as Jekyll would print it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..diagnostics import Problem
from ..liquid.tags import Link
from ..markers import MARKER
from ..source.posts import PostIndex

_URL_ATTRIBUTE = re.compile(
    r"""(?:href|src|poster|data|cite|formaction|action|content)\s*=\s*(["'])\Z""",
    re.I,
)


@dataclass(frozen=True)
class Target:
    """Where one link lands: its source path, its URL as text, and how
    Pelican links to it (`filename` for posts and pages, `static` for files)."""

    source: str
    text_url: str
    what: str = "filename"  # "" for a file Pelican does not know: text_url only


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
    files: Mapping[str, Target] | None = None,
    elsewhere: Callable[[str], Target | None] | None = None,
) -> tuple[list[Target | None], list[Problem]]:
    """Each link's target, or None and a problem saying why not.

    `published` maps a post's source to its URL as text; `unpublished` maps a
    post or page that will not be on the site to the reason; `files` holds
    every published post, page and static file by source, for `link`, and
    `elsewhere` finds any other file of the site (where Jekyll would link).
    """
    targets: list[Target | None] = []
    problems: list[Problem] = []
    for link in links:
        if link.kind == "link":
            target, message = _file(link.name, files or {}, unpublished, elsewhere)
        else:
            target, message = _post(link.name, index, published, unpublished)
        targets.append(target)
        if target is None:
            where = f" (in {link.where})" if link.where else ""
            problems.append(
                Problem(source_path, link.line, link.col, message + where, group="link")
            )
    return targets, problems


def _post(name: str, index: PostIndex, published, unpublished):
    found = index.lookup(name)
    if found.post is None:
        return None, found.error
    source = found.post.source
    if source in published:
        return Target(source, published[source]), ""
    reason = unpublished.get(source, "it could not be built")
    return (
        None,
        f'post_url: "{name}" is not published ({reason}), so the link would break',
    )


def _file(name: str, files: Mapping[str, Target], unpublished, elsewhere=None):
    """Jekyll's `link` takes a path in the source folder (a leading / is allowed)."""
    path = name.lstrip("/")
    if path in files:
        return files[path], ""
    found = elsewhere(path) if elsewhere and path not in unpublished else None
    if found is not None:
        return found, ""
    if path in unpublished:
        reason = unpublished[path]
        return (
            None,
            f'link: "{name}" is not published ({reason}), so the link would break',
        )
    message = f'link: no post, page or static file "{name}"'
    close = difflib.get_close_matches(path, files.keys(), n=3, cutoff=0.75)
    if close:
        message += "; did you mean " + " or ".join(f'"{c}"' for c in close) + "?"
    return None, message


def substitute(html: str, targets: list[Target | None]) -> str:
    if "\ue000" not in html:
        return html
    html = _unlink(html, targets)

    def replace(match: re.Match) -> str:
        index = int(match.group(1))
        target = targets[index] if index < len(targets) else None
        if target is None:
            return ""
        tag_start = html.rfind("<", 0, match.start())
        if (
            target.what
            and tag_start > html.rfind(">", 0, match.start())
            and _URL_ATTRIBUTE.search(html, tag_start, match.start())
        ):
            return "{" + target.what + "}/" + target.source
        return target.text_url

    return MARKER.sub(replace, html)


def _unlink(html: str, targets: list[Target | None]) -> str:
    """A link whose target is unknown (a build that goes on despite it) is
    left as its text, rather than a link to nowhere."""
    missing = {str(at) for at, target in enumerate(targets) if target is None}
    if not missing:
        return html

    def text(match: re.Match) -> str:
        return match[3] if match[2] in missing else match[0]

    return _LINKED.sub(text, html)


_LINKED = re.compile(
    r"""<a\b[^>]*?\bhref=(["'])[^"'>]*\ue000(\d+)\ue001[^"'>]*\1[^>]*>(.*?)</a>""",
    re.S,
)


def linkable(contents, static_content: Mapping, siteurl: str) -> dict[str, Target]:
    """Every published post, page and static file a `link` can name, by source."""
    files = {
        c.relative_source_path: Target(c.relative_source_path, f"{siteurl}/{c.url}")
        for c in contents
    }
    for source, item in static_content.items():
        if item is not None:
            files[source] = Target(source, f"{siteurl}/{item.url}", "static")
    return files
