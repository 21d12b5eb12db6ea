"""The private parts of Pelican, Python-Markdown and CPython's `re` that the
plugin builds on, checked when it loads.

A quicker or more exact path may stand on a private method; after a minor
release that method can be gone, renamed or called differently, and the path
would quietly stop being used, or break. Each such path is a fence here: the
names it stands on, looked up with the parameters the plugin calls them with.
When a fence is down, the plugin takes the libraries' own path instead (the
same pages, made more slowly) and says so once, when it loads.
"""

from __future__ import annotations

import importlib
import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Hook:
    """A private name, and the parameters (or members) the plugin uses."""

    name: str
    parameters: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    test: Callable[[object], bool] | None = None  # anything else it must be

    def holds(self) -> bool:
        found = _find(self.name)
        if found is None or not all(hasattr(found, m) for m in self.members):
            return False
        if self.test is not None:
            try:
                if not self.test(found):
                    return False
            except Exception:  # noqa: BLE001 - any failure: not as known
                return False
        if not self.parameters:
            return True
        try:
            return tuple(inspect.signature(found).parameters) == self.parameters
        except (TypeError, ValueError):  # not something with a signature
            return False


@dataclass(frozen=True)
class Fence:
    hooks: tuple[Hook, ...]
    instead: str  # what the plugin does without them


def _find(dotted: str):
    """The object at a dotted path (a module, then attributes), or None."""
    parts = dotted.split(".")
    for split in range(len(parts) - 1, 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for attribute in parts[split:]:
            found = getattr(found, attribute, None)
        return found
    return None


# The opcodes of `re`'s parsed form that kramdown/speed.py reads.
_SRE_CODES = ("LITERAL", "IN", "SUBPATTERN", "ATOMIC_GROUP", "BRANCH", "AT", "ASSERT",
              "ASSERT_NOT", "MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")  # fmt: skip
# python-liquid's delimiters and its rule for plain text, which liquid/lexing.py
# replaces with a quicker one.
LIQUID_DELIMITERS = ("{%", "%}", "{{", "}}", "", "")
LIQUID_TEXT = r"(?P<content>.+?(?=((\{%|\{\{)(?P<rstrip>-?))|$))"
_INLINE = "markdown.treeprocessors.InlineProcessor._InlineProcessor__"

WRITER = Fence(
    (
        Hook(
            "pelican.writers.Writer._open_w",
            ("self", "filename", "encoding", "override"),
        ),
        Hook(
            "pelican.writers.Writer",  # the files written, kept on each writer
            test=lambda writer: all(
                hasattr(writer(".", {}), n)
                for n in ("_written_files", "_overridden_files")
            ),
        ),
    ),
    "Pelican's own writer renders the pages, one at a time (the same pages, "
    "made more slowly)",
)
INLINE = Fence(
    (
        Hook(f"{_INLINE}handleInline", ("self", "data", "patternIndex")),
        Hook(
            f"{_INLINE}applyPattern",
            ("self", "pattern", "data", "patternIndex", "startIndex"),
        ),
        Hook("re._parser.parse", ("str", "flags", "state")),
        Hook("re._constants", members=_SRE_CODES),
    ),
    "Python-Markdown tries every inline pattern on every text (the same pages, "
    "made more slowly)",
)
EXCERPT = Fence(
    (Hook("pelican.contents.Content._update_content", ("self", "content", "siteurl")),),
    "an excerpt's links are resolved through a copy of its post (the same pages)",
)
THEME_COPY = Fence(
    (
        Hook(
            "pelican.generators.StaticGenerator._copy_paths",
            ("self", "paths", "source", "destination", "output_path", "final_path"),
        ),
    ),
    "the theme's static files are copied as Pelican copies them: a symlink "
    "among them is followed, not left out",
)
LIQUID_LEXER = Fence(
    (
        Hook("liquid.lex._tokenize_template", ("source", "rules")),
        Hook(
            "liquid.lex.compile_liquid_rules",  # its rule for text, to replace
            test=lambda compile_rules: (
                LIQUID_TEXT in compile_rules(*LIQUID_DELIMITERS).pattern
            ),
        ),
    ),
    "python-liquid's own lexer reads posts (the same pages, made more slowly)",
)
READER_CACHE = Fence(
    (
        Hook("pelican.cache.FileDataCacher.save_cache", ("self",)),
        Hook(
            "pelican.cache.FileDataCacher",  # where it keeps its data, and the file
            test=lambda cacher: all(
                hasattr(cacher({"CACHE_PATH": ".", "GZIP_CACHE": False}, "-", 0, 0), n)
                for n in ("_cache", "_cache_path")
            ),
        ),
    ),
    "the dev server's build process loads and saves Pelican's content cache "
    "on disk at every build (the same pages, made more slowly)",
)
FENCES = (WRITER, INLINE, EXCERPT, THEME_COPY, LIQUID_LEXER, READER_CACHE)


@cache
def fallen(fence: Fence) -> tuple[str, ...]:
    """The fence's hooks that are not as the plugin knows them (the installed
    libraries do not change while a process runs)."""
    return tuple(hook.name for hook in fence.hooks if not hook.holds())


def standing(fence: Fence) -> bool:
    return not fallen(fence)


def warn_fallen() -> None:
    """One warning for each fence that is down, naming what changed."""
    for fence in FENCES:
        if names := fallen(fence):
            logger.warning(
                "jekyll_posts: %s changed in the installed version; %s",
                ", ".join(names),
                fence.instead,
            )
