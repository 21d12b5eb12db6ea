"""Split a Jekyll file into YAML front matter and body, and load the YAML.

The YAML is composed to nodes first: nodes keep the text of every scalar as
it was written and its position, so a title written `2021` stays "2021"
rather than an integer, and a bad value can be reported at its line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..config.jekyll_config import merge
from ..diagnostics import Problem, ProblemError
from ..text_files import Loader, located

# 100,000 tags fit; an alias bomb that expands to millions does not.
MAX_VALUES = 200_000
_OPEN = re.compile(r"---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.M)


@dataclass(frozen=True)
class Document:
    front_matter: str | None
    body: str
    body_line: int


@dataclass(frozen=True)
class FrontMatter:
    """Loaded values, plus the written text and file position of each key's value.

    `plain` holds the keys whose value is an unquoted scalar: YAML types those
    itself (an unquoted `2021-04-10 02:00:00` is a UTC time, a quoted one text).
    """

    values: dict[str, Any] = field(default_factory=dict)
    text: dict[str, Any] = field(default_factory=dict)
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()  # warnings: the file is still read
    plain: frozenset[str] = frozenset()

    def position(self, key: str) -> tuple[int, int]:
        return self.positions.get(key, (1, 1))


def split(text: str, path: str) -> Document:
    """Jekyll's rule: front matter only when the file starts with a `---` line."""
    opening = _OPEN.match(text)
    if not opening:
        late = _OPEN.match(text.lstrip(" \t\n"))
        if late and "\n" in text[: len(text) - len(text.lstrip(" \t\n"))]:
            line = 1 + text.count("\n", 0, len(text) - len(text.lstrip(" \t\n")))
            raise ProblemError(
                Problem(
                    path,
                    line,
                    1,
                    "front matter must start on the first line; "
                    "remove the blank lines before '---'",
                )
            )
        return Document(None, text, 1)
    closing = _CLOSE.search(text, opening.end())
    if not closing:
        raise ProblemError(
            Problem(path, 1, 1, "front matter opened here is never closed with '---'")
        )
    body_line = 1 + text.count("\n", 0, closing.end())
    return Document(
        text[opening.end() : closing.start()], text[closing.end() :], body_line
    )


def load(yaml_text: str | None, path: str, first_line: int = 2) -> FrontMatter:
    if yaml_text is None or not yaml_text.strip():
        return FrontMatter()
    loader = Loader(yaml_text)
    try:
        root = loader.get_single_node()
        if root is None:
            return FrontMatter()
        if not isinstance(root, yaml.MappingNode):
            kind = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
            raise ProblemError(
                located(
                    path,
                    first_line,
                    root.start_mark,
                    f"front matter must be keys and values, not {kind}",
                )
            )
        text, positions, plain, warnings = _scan_keys(root, path, first_line)
        values = loader.construct_document(root)
    except RecursionError:
        raise ProblemError(
            Problem(path, first_line, 1, "front matter is nested too deeply")
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = error.problem or error.context or "unreadable"
        if error.context and error.context_mark and error.problem_mark:
            start = error.context_mark
            reason += (
                f" ({error.context} that starts at line {first_line + start.line},"
                f" column {start.column + 1})"
            )
        raise ProblemError(
            located(path, first_line, mark, f"invalid YAML: {reason}")
        ) from None
    except yaml.YAMLError as error:
        raise ProblemError(
            Problem(path, first_line, 1, f"invalid YAML: {error}")
        ) from None
    finally:
        loader.dispose()
    return FrontMatter(
        {str(k): v for k, v in values.items()},
        text,
        positions,
        problems=tuple(warnings),
        plain=plain,
    )


def _scan_keys(root: yaml.MappingNode, path: str, first_line: int):
    text: dict[str, Any] = {}
    positions: dict[str, tuple[int, int]] = {}
    warnings: list[Problem] = []
    plain: set[str] = set()

    def repeated(key_node: yaml.Node, first: yaml.Node) -> None:
        """A key given twice in a nested mapping: the last one counts too."""
        warnings.append(
            located(
                path,
                first_line,
                key_node.start_mark,
                f"duplicate key '{key_node.value}' (first given on line "
                f"{first_line + first.start_mark.line}); the last one is used, "
                "as in Jekyll",
                "warning",
            )
        )

    for key_node, value_node in root.value:
        key = str(key_node.value)
        if key in positions:
            line, col = positions[key]
            warnings.append(
                located(
                    path,
                    first_line,
                    key_node.start_mark,
                    f"duplicate key '{key}' (first given on line {line}); "
                    "the last one is used, as in Jekyll",
                    "warning",
                )
            )
        mark = value_node.start_mark
        positions[key] = (first_line + mark.line, mark.column + 1)
        # libyaml marks a plain scalar with style '', PyYAML with None.
        if isinstance(value_node, yaml.ScalarNode) and not value_node.style:
            plain.add(key)
        else:
            plain.discard(key)  # a repeated key: the last value counts
        try:
            text[key] = _written(value_node, [MAX_VALUES], repeated)
        except OverflowError:
            raise ProblemError(
                located(
                    path,
                    first_line,
                    mark,
                    f"'{key}' expands to more than "
                    f"{MAX_VALUES:,} values; aliases that nest are refused",
                )
            ) from None
    return text, positions, frozenset(plain), warnings


def _written(node: yaml.Node, budget: list[int], repeated=None) -> Any:
    """Scalars as written; lists and mappings of them likewise; None for null.

    Aliases make a small document stand for a huge tree ("billion laughs");
    the budget counts every value reached, through aliases too.
    """
    budget[0] -= 1
    if budget[0] < 0:
        raise OverflowError
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:null" and node.style is None:
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_written(item, budget, repeated) for item in node.value]
    found: dict[str, Any] = {}
    keys: dict[str, yaml.Node] = {}
    for key, value in node.value:
        name = str(key.value)
        if name in keys and repeated is not None:
            repeated(key, keys[name])
        keys[name] = key
        found[name] = _written(value, budget, repeated)
    return found


def with_defaults(front: FrontMatter, defaults: dict) -> FrontMatter:
    """The front matter over the site's defaults for the file (`defaults:`):
    the file's own keys win, mappings merge key by key."""
    if not defaults:
        return front
    values = merge(defaults, front.values)
    text = merge({k: _as_written(v) for k, v in defaults.items()}, front.text)
    # A default date is read as Jekyll reads it, with Time.parse: as text.
    return FrontMatter(
        values,
        text,
        front.positions,
        problems=front.problems,
        plain=front.plain - defaults.keys(),
    )


def _as_written(value: Any) -> Any:
    """A default's value as its front-matter text would read."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list):
        return [_as_written(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _as_written(v) for k, v in value.items()}
    return str(value)
