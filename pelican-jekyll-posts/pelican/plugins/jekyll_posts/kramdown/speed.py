"""Faster forms of Python-Markdown's costliest checks, with the same answers.

Python-Markdown asks every block parser whether it applies to each block,
most by a regular expression searched over the whole block; tries each of
its inline patterns on each text in turn; and finds the end of a code span by
stepping through the text a character at a time. The classes here answer the
same questions: a block test first looks for the one character its
expression cannot match without; an inline pattern is not tried on a text
that holds none of the characters a match of it can start with (a try that
would find nothing changes nothing); and code spans are found by jumping
from one run of backticks to the next. They take the places (names and
priorities) of the ones they stand for; the output does not change.
"""

from __future__ import annotations

import re
from functools import cache

from markdown.inlinepatterns import BACKTICK_RE, BacktickInlineProcessor
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString

from .. import fences

_TICKS = re.compile("`+")


@cache
def _needing(base: type, *needed: str) -> type:
    """`base`, whose test is only run on blocks holding one of `needed`."""

    def test(self, parent, block: str) -> bool:
        return any(c in block for c in needed) and base.test(self, parent, block)

    return type(f"Quick{base.__name__}", (base,), {"test": test})


# Block parsers by name and priority, as Python-Markdown (and `extra`'s
# def_list) register them: each one's expression needs one of the characters.
_BLOCKS = {
    "hashheader": (70, "#"),
    "setextheader": (60, "=", "-"),
    "hr": (50, "-", "_", "*"),
    "deflist": (25, ":"),
    "quote": (20, ">"),
}


class QuickBacktick(BacktickInlineProcessor):
    def find_code_spans(self, start: int, text: str) -> tuple[int, int | None]:
        return closing_run(text, start)


def closing_run(text: str, start: int) -> tuple[int, int | None]:
    """Where the code of the run of backticks at `start` begins, and where its
    closing run does: the first as long; else the first of the longest
    shorter ones, shortening the opening to match; else none."""
    opening = _TICKS.match(text, start)
    ticks = opening.end() - start if opening else 0
    start += ticks
    longest, end = 0, 0
    for run in _TICKS.finditer(text, start):
        length = run.end() - run.start()
        if length == ticks:
            return start, run.start()
        if length > longest:
            longest, end = length, run.end()
    if 0 < longest < ticks:
        return start - (ticks - longest), end - longest
    return start + ticks, None


class QuickInline(InlineProcessor):
    """Python-Markdown's inline pass, skipping the patterns a text cannot match."""

    def __init__(self, md):
        super().__init__(md)
        self._known: list[tuple] = []  # (pattern, its regex) when _starts was made
        self._patterns: list = []
        self._starts: list[frozenset[str] | None] = []

    def run(self, tree, ancestors=None):
        patterns = list(self.inlinePatterns)
        known = [(p, getattr(p, "pattern", None)) for p in patterns]
        if known != self._known:  # the first document, or patterns changed since
            self._known, self._patterns = known, patterns
            self._starts = [starts(p) for p in patterns]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        """Each pattern in turn, again from the start of the text after a
        match, as Python-Markdown does; a pattern that cannot match is passed."""
        if isinstance(data, AtomicString):
            return data
        apply = self._InlineProcessor__applyPattern
        start = 0
        while patternIndex < len(self._patterns):
            first = self._starts[patternIndex]
            if first is not None and not any(c in data for c in first):
                matched, start = False, 0
            else:
                pattern = self._patterns[patternIndex]
                data, matched, start = apply(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


def starts(pattern) -> frozenset[str] | None:
    """The characters a match of an inline pattern must start with, or None
    when that cannot be told (then the pattern is always tried)."""
    regex = getattr(pattern, "compiled_re", None)
    source = getattr(pattern, "pattern", None)
    if regex is None or not isinstance(source, str) or regex.flags & re.IGNORECASE:
        return None
    try:
        return _first(re._parser.parse(source, regex.flags))
    except (re.error, TypeError, ValueError):
        return None


def _first(sequence) -> frozenset[str] | None:
    sre = re._constants
    for op, value in sequence:
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            continue
        if op is sre.LITERAL:
            return frozenset(chr(value))
        if op is sre.IN and all(kind is sre.LITERAL for kind, _ in value):
            return frozenset(chr(c) for _, c in value)
        if op is sre.SUBPATTERN:
            return _first(value[-1])
        if op is sre.ATOMIC_GROUP:
            return _first(value)
        if (
            op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
            and value[0] >= 1
        ):
            return _first(value[2])
        if op is sre.BRANCH:
            branches = [_first(b) for b in value[1]]
            if any(b is None for b in branches):
                return None
            return frozenset().union(*branches)
        return None  # anything else, or what may match nothing: no claim
    return None


def install(md) -> None:
    """Put the quicker classes in place of the ones they stand for (the
    dialect's own, where it has replaced one)."""
    blocks = md.parser.blockprocessors
    for name, (priority, *needed) in _BLOCKS.items():
        if name in blocks:
            quick = _needing(type(blocks[name]), *needed)
            blocks.register(quick(md.parser), name, priority)
    md.inlinePatterns.register(QuickBacktick(BACKTICK_RE), "backtick", 190)
    if fences.standing(fences.INLINE):
        md.treeprocessors.register(QuickInline(md), "inline", 20)
