"""Series from front matter: names, grouping, order in a series, related series.

A function of the published posts and the link graph, recomputed on every
build, so a renamed series or a moved post never leaves a stale page behind.
Problems come back as `Issue`s naming a front-matter key; the caller turns the
key into a line and column, which costs a file read only when something is
wrong.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Post:
    """What one published post says about its series, as YAML constructed it."""

    source: str
    date: Any
    series: Any = None
    series_index: Any = None


@dataclass(frozen=True)
class Issue:
    source: str
    key: str
    message: str
    severity: str = "error"


@dataclass
class Group:
    """One series: its name as first written, its slug, its posts in order."""

    name: str
    slug: str
    first: str
    sources: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Related:
    """Another series, with the posts both hold and the post_url links each way."""

    slug: str
    shared: int
    links_to: int
    links_from: int

    @property
    def weight(self) -> int:
        return self.shared + self.links_to + self.links_from


def normalise(name: str) -> str:
    return unicodedata.normalize("NFC", name.strip())


def gather(
    posts: Iterable[Post], slugify: Callable[[str], str]
) -> tuple[list[Group], list[Issue]]:
    """Every series with its posts in order, sorted by name; one pass over posts.

    Names that differ only in case are one series, named as its oldest post
    writes it. A series whose slug is empty or taken by another series is
    refused, since its page would be missing or overwrite the other's.
    """
    groups: dict[str, Group] = {}
    slugs: dict[str, Group] = {}
    members: dict[str, list[tuple[int | None, str]]] = {}
    issues: list[Issue] = []
    for post in sorted(posts, key=lambda p: (p.date, p.source)):
        names = _names(post, issues)
        numbers = _numbers(post, names, issues)
        for name in names:
            key = name.casefold()
            group = groups.get(key)
            if group is None:
                group = _open(name, post.source, slugify, slugs, issues)
                if group is None:
                    continue
                groups[key] = slugs[group.slug] = group
            elif name != group.name:
                issues.append(
                    Issue(
                        post.source,
                        "series",
                        f"series '{name}' differs only in case from '{group.name}' "
                        f"(in {group.first}); both are the series '{group.name}'",
                        "warning",
                    )
                )
            members.setdefault(key, []).append((numbers.get(key), post.source))
    for key, group in groups.items():
        group.sources = _order(group.name, members[key], issues)
    return sorted(groups.values(), key=lambda g: (g.name.casefold(), g.slug)), issues


def related(groups: list[Group], edges: Iterable[tuple[str, str]]) -> dict:
    """For each series slug, the other series it shares posts or links with."""
    series_of: dict[str, list[str]] = {}
    for group in groups:
        for source in group.sources:
            series_of.setdefault(source, []).append(group.slug)
    shared: Counter = Counter()
    links: Counter = Counter()
    for slugs in series_of.values():
        shared.update((a, b) for a in slugs for b in slugs if a != b)
    for source, target in edges:
        if source != target:
            links.update(
                (a, b)
                for a in series_of.get(source, ())
                for b in series_of.get(target, ())
                if a != b
            )
    found: dict[str, list[Related]] = {group.slug: [] for group in groups}
    for a, b in set(shared) | set(links) | {(b, a) for a, b in links}:
        found[a].append(Related(b, shared[a, b], links[a, b], links[b, a]))
    for items in found.values():
        items.sort(key=lambda r: (-r.weight, r.slug))
    return found


def _names(post: Post, issues: list[Issue]) -> list[str]:
    """`series:` as a list of normalised names, each once."""
    value = post.series
    items = value if isinstance(value, list) else [value]
    names: dict[str, str] = {}
    for item in items:
        if item is None:
            continue
        if isinstance(item, bool) or not isinstance(item, (str, int)):
            issues.append(
                Issue(
                    post.source,
                    "series",
                    f"series must be a name or a list of names, not {item!r}",
                )
            )
            continue
        name = normalise(str(item))
        if not name:
            issues.append(Issue(post.source, "series", "series: a name is empty"))
        elif name.casefold() in names:
            issues.append(
                Issue(
                    post.source,
                    "series",
                    f"series '{name}' is listed twice for this post",
                    "warning",
                )
            )
        else:
            names[name.casefold()] = name
    return list(names.values())


def _numbers(post: Post, names: list[str], issues: list[Issue]) -> dict[str, int]:
    """`series_index` as part numbers by case-folded series name."""
    value = post.series_index
    if value is None:
        return {}
    if not names:
        issues.append(
            Issue(
                post.source,
                "series_index",
                "series_index is given but the post is in no series",
                "warning",
            )
        )
        return {}
    if not isinstance(value, dict):
        if len(names) > 1:
            example = ", ".join(f"{n}: {i}" for i, n in enumerate(names[:2], 1))
            issues.append(
                Issue(
                    post.source,
                    "series_index",
                    f"series_index: this post is in {len(names)} series; give a "
                    f"number for each, such as {{{example}}}",
                )
            )
            return {}
        value = {names[0]: value}
    wanted = {name.casefold(): name for name in names}
    numbers: dict[str, int] = {}
    for written, number in value.items():
        key = normalise(str(written)).casefold()
        if key not in wanted:
            issues.append(
                Issue(
                    post.source,
                    "series_index",
                    f"series_index: '{written}' is not one of this post's series "
                    f"({', '.join(names)})",
                )
            )
        elif isinstance(number, bool) or not isinstance(number, int) or number < 1:
            issues.append(
                Issue(
                    post.source,
                    "series_index",
                    f"series_index for '{wanted[key]}' must be a whole number from 1, "
                    f"not {number!r}",
                )
            )
        else:
            numbers[key] = number
    return numbers


def _open(name, source, slugify, slugs, issues) -> Group | None:
    slug = slugify(name)
    if not slug:
        issues.append(
            Issue(
                source,
                "series",
                f"series '{name}' gives an empty slug, so it has no address; "
                "use letters or digits in its name",
            )
        )
        return None
    other = slugs.get(slug)
    if other is not None:
        issues.append(
            Issue(
                source,
                "series",
                f"series '{name}' and '{other.name}' (in {other.first}) have the "
                f"same slug '{slug}', so one page would overwrite the other; "
                "rename one of them",
            )
        )
        return None
    return Group(name, slug, source)


def _order(name: str, members: list[tuple[int | None, str]], issues) -> list[str]:
    """A `series_index` is the post's part number; the others fill the free
    places in date order. `members` comes in date order, which breaks ties.
    """
    fixed = sorted(
        (number, at, source)
        for at, (number, source) in enumerate(members)
        if number is not None
    )
    free = [source for number, source in members if number is None]
    claimed: dict[int, str] = {}
    for number, _, source in fixed:
        if number in claimed:
            issues.append(
                Issue(
                    source,
                    "series_index",
                    f"series_index: part {number} of '{name}' is also "
                    f"{claimed[number]}; the older post comes first",
                    "warning",
                )
            )
        claimed.setdefault(number, source)
    ordered: list[str] = []
    next_fixed = next_free = 0
    while len(ordered) < len(members):
        if next_fixed < len(fixed) and (
            fixed[next_fixed][0] <= len(ordered) + 1 or next_free == len(free)
        ):
            ordered.append(fixed[next_fixed][2])
            next_fixed += 1
        else:
            ordered.append(free[next_free])
            next_free += 1
    return ordered
