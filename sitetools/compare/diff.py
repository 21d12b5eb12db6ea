"""Post by post, what differs between Jekyll's build and this site's, and the
report a writer reads. Pure: it works on what each side wrote, as data.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from .reading import Link

# Words shown before a difference, and at most this many differing words.
CONTEXT = 4
SHOWN = 8
# An excerpt longer than this (a formula, a URL) is cut.
WIDTH = 100


@dataclass(frozen=True)
class Body:
    """One side's post: where it was written, its words, its post links."""

    address: str
    words: tuple[str, ...]
    links: frozenset[Link]


@dataclass(frozen=True)
class TextDifference:
    jekyll: str
    here: str
    places: int  # how many separate places differ


@dataclass(frozen=True)
class LinkDifference:
    """Links to posts, as written, that only one side has, or that both have
    but that land on a post on one side only."""

    jekyll_only: tuple[str, ...] = ()
    here_only: tuple[str, ...] = ()
    no_post_here: tuple[str, ...] = ()
    no_post_in_jekyll: tuple[str, ...] = ()

    def __str__(self) -> str:
        parts = [
            f"{name}: {', '.join(links)}"
            for name, links in (
                ("jekyll only", self.jekyll_only),
                ("here only", self.here_only),
                ("to no post here", self.no_post_here),
                ("to no post in Jekyll", self.no_post_in_jekyll),
            )
            if links
        ]
        return "; ".join(parts)


@dataclass
class Outcome:
    source: str
    jekyll: Body | None
    here: Body | None
    links: LinkDifference | None = None
    text: TextDifference | None = None

    @property
    def both(self) -> bool:
        return self.jekyll is not None and self.here is not None

    @property
    def same_address(self) -> bool:
        return self.both and self.jekyll.address == self.here.address

    @property
    def same_links(self) -> bool:
        return self.both and self.links is None

    @property
    def same_text(self) -> bool:
        return self.both and self.text is None

    @property
    def same(self) -> bool:
        return self.same_address and self.same_links and self.same_text


def first_difference(jekyll: list[str], here: list[str]) -> TextDifference | None:
    """The first place the word sequences part, with a few words before it on
    both sides, and how many places differ in all; None when they are equal."""
    if jekyll == here:
        return None
    start = 0
    while start < min(len(jekyll), len(here)) and jekyll[start] == here[start]:
        start += 1
    matcher = difflib.SequenceMatcher(None, jekyll[start:], here[start:])
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    _, j1, j2, h1, h2 = changes[0]
    before = max(0, start - CONTEXT)
    return TextDifference(
        _excerpt(jekyll, before, start + j1, start + j2),
        _excerpt(here, before, start + h1, start + h2),
        len(changes),
    )


def _excerpt(words: list[str], before: int, start: int, end: int) -> str:
    """Context, the differing words (at most SHOWN), and one word after them."""
    last = end + 1 if end <= start + SHOWN else start + SHOWN
    text = " ".join(words[before:last])
    if len(text) > WIDTH:
        text = text[: WIDTH - 1] + "…"
    opening = "…" if before else ""
    closing = "…" if last < len(words) else ""
    return f"{opening}{text}{closing}" if text else "(nothing)"


def link_difference(jekyll: frozenset[Link], here: frozenset[Link]):
    """How the posts' links differ, or None: links count as the same when they
    reach the same post (at its address on each side) and `#fragment`."""
    keys = {(link.target, link.fragment) for link in here}
    their_keys = {(link.target, link.fragment) for link in jekyll}
    theirs = {link.written: link for link in jekyll if link[:2] not in keys}
    ours = {link.written: link for link in here if link[:2] not in their_keys}
    if not (theirs or ours):
        return None
    # Written alike on both sides, landing on a post on one side only.
    paired = {
        w for w in theirs.keys() & ours.keys() if theirs[w].lands != ours[w].lands
    }
    return LinkDifference(
        tuple(sorted(theirs.keys() - paired)),
        tuple(sorted(ours.keys() - paired)),
        tuple(sorted(w for w in paired if theirs[w].lands)),
        tuple(sorted(w for w in paired if ours[w].lands)),
    )


def compare(jekyll: dict[str, Body], here: dict[str, Body]) -> list[Outcome]:
    """One outcome per source path either side wrote, in path order."""
    outcomes = []
    for source in sorted(jekyll.keys() | here.keys()):
        ours, theirs = here.get(source), jekyll.get(source)
        outcome = Outcome(source, theirs, ours)
        if ours is not None and theirs is not None:
            outcome.links = link_difference(theirs.links, ours.links)
            outcome.text = first_difference(list(theirs.words), list(ours.words))
        outcomes.append(outcome)
    return outcomes


def totals(outcomes: list[Outcome]) -> dict[str, int]:
    both = [o for o in outcomes if o.both]
    return {
        "compared": len(both),
        "same_address": sum(o.same_address for o in both),
        "same_links": sum(o.same_links for o in both),
        "same_text": sum(o.same_text for o in both),
        "jekyll_only": sum(o.here is None for o in outcomes),
        "here_only": sum(o.jekyll is None for o in outcomes),
    }


def report(outcomes: list[Outcome]) -> list[str]:
    """One block per post that differs, then the totals."""
    lines: list[str] = []
    for o in outcomes:
        if o.same:
            continue
        block = []
        if o.here is None:
            block.append(f"{o.source}: written by Jekyll only, at {o.jekyll.address}")
        elif o.jekyll is None:
            block.append(f"{o.source}: written here only, at {o.here.address}")
        else:
            if not o.same_address:
                block.append(
                    f"{o.source}: address: jekyll {o.jekyll.address}, here {o.here.address}"
                )
            if o.links is not None:
                block.append(f"{o.source}: links: {o.links}")
            if o.text is not None:
                more = f" ({o.text.places} places)" if o.text.places > 1 else ""
                block.append(
                    f"{o.source}: text: jekyll: «{o.text.jekyll}» / here: «{o.text.here}»{more}"
                )
        lines += [*block, ""]
    lines.append(summary(totals(outcomes)))
    return lines


def summary(counts: dict[str, int]) -> str:
    line = (
        f"{counts['compared']} post(s) compared: {counts['same_address']} same address, "
        f"{counts['same_links']} same links, {counts['same_text']} same text"
    )
    if counts["jekyll_only"] or counts["here_only"]:
        line += (
            f"; {counts['jekyll_only']} written by Jekyll only, "
            f"{counts['here_only']} here only"
        )
    return line + "."
