"""`_data/`: YAML, JSON, CSV and TSV files, as `site.data` in Liquid.

As Jekyll reads them: a file is a key named after it (without extension), a
folder a mapping of its files; CSV and TSV rows are mappings by header.
Symlinks are not followed. A file that cannot be read is a located problem
and its key is left out.
"""

from __future__ import annotations

import csv
import io
import os
import re

import yaml

from ..diagnostics import Problem, ProblemError
from ..text_files import Loader, decode, located

_EXTENSIONS = (".yaml", ".yml", ".json", ".csv", ".tsv")


def read(folder: str) -> tuple[dict, list[Problem]]:
    data: dict = {}
    problems: list[Problem] = []
    if os.path.isdir(folder) and not os.path.islink(folder):
        _read_into(folder, data, problems)
    return data, problems


def key(name: str) -> str:
    """Jekyll's name for a data file or folder: punctuation dropped, spaces
    to underscores."""
    name = re.sub(r"[^\w\s-]+|(?:^|(?<=\b\s))\s+(?=$|\s?\b)", "", name)
    return re.sub(r"\s+", "_", name)


def _read_into(folder: str, data: dict, problems: list[Problem]) -> None:
    for entry in sorted(os.listdir(folder)):
        path = os.path.join(folder, entry)
        if os.path.islink(path):
            continue
        if os.path.isdir(path):
            _read_into(path, data.setdefault(key(entry), {}), problems)
        elif entry.lower().endswith(_EXTENSIONS):
            try:
                data[key(os.path.splitext(entry)[0])] = _file(path)
            except ProblemError as error:
                problems.append(error.problem)


def _file(path: str):
    text = decode(path)
    extension = os.path.splitext(path)[1].lower()
    if extension in (".csv", ".tsv"):
        delimiter = "\t" if extension == ".tsv" else ","
        return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
    loader = Loader(text)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = (
            f"invalid {'JSON' if extension == '.json' else 'YAML'}: {error.problem}"
        )
        raise ProblemError(located(path, 1, mark, problem)) from None
    except yaml.YAMLError as error:
        raise ProblemError(Problem(path, 1, 1, f"invalid data: {error}")) from None
    finally:
        loader.dispose()
