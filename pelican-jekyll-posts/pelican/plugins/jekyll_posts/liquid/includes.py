"""Files that `{% include %}` reads: found, decoded and parsed once per build.

A parsed include is kept with the problems its parsing found, and those are
reported again in every file that uses it, so which files report a broken
include never depends on which process read it first. Each use is recorded
with a digest of the include's text: Pelican's reader cache cannot see that
a post's HTML depends on another file, and the digest tells it.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from liquid.loader import BaseLoader, TemplateSource


class IncludeError(ValueError):
    pass


@dataclass(frozen=True)
class Parsed:
    template: object  # a python-liquid BoundTemplate
    text: str
    path: str
    digest: str
    errors: tuple  # (token, message, group, severity) found while parsing


class IncludeLoader(BaseLoader):
    """Reads include files by path; python-liquid's own include tag is not used."""

    def __init__(self, content_path: str | None, folder: str = "_includes"):
        self.content_path = content_path
        self.folder = folder
        self._parsed: dict[str, Parsed] = {}

    def get_source(self, env, template_name, *, context=None, **kwargs):
        path = self.find(template_name)
        return TemplateSource(read(path), path, None)

    def find(self, name: str, relative_to: str | None = None) -> str:
        """The file an include names: in the includes folder, or beside the
        including file for `include_relative`. Never outside the site."""
        if self.content_path is None:
            raise IncludeError("include: no site folder to read from")
        root = os.path.realpath(self.content_path)
        if relative_to is None:
            base = os.path.join(root, self.folder)
            where = f"{self.folder}/"
        else:
            base = os.path.dirname(os.path.realpath(relative_to))
            where = "the folder of the including file"
        if name.startswith("/") or "\0" in name or ".." in name.split("/"):
            raise IncludeError(
                f"include: '{name}' must be a path inside {where}, "
                "without '..' or a leading '/'"
            )
        path = os.path.join(base, name)
        real = os.path.realpath(path)
        if not (real == root or real.startswith(root + os.sep)):
            shown = f"{self.folder}/{name}" if relative_to is None else name
            raise IncludeError(f"include: {shown} leads outside the site ({real})")
        if not os.path.isfile(real):
            raise IncludeError(f"include: no file '{name}' in {where}")
        return path

    def parsed(self, env, path: str) -> Parsed:
        found = self._parsed.get(path)
        if found is None:
            text = read(path)
            errors: list = []
            with env.capturing(errors):
                template = env.parse_text(text, path)
            found = self._parsed[path] = Parsed(
                template, text, path, digest(text), tuple(errors)
            )
        return found


def read(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        return data.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        raise IncludeError(
            f"include: {path} is not valid UTF-8 (byte {error.start})"
        ) from None
    except OSError as error:
        raise IncludeError(f"include: cannot read {path}: {error.strerror}") from None


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def stale(recorded) -> bool:
    """Whether any include a read used has changed (or gone) since."""
    for path, recorded_digest in recorded:
        try:
            if digest(read(path)) != recorded_digest:
                return True
        except IncludeError:
            return True
    return False
