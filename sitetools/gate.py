"""What a built site must not contain before it may replace the published one.

Each check reads the output, not the settings that should have produced it,
so a misconfigured build, a theme or a plugin that leaks is caught as well:
drafts (the theme marks them with `data-status="draft"`), dotfiles such as
`.env` that an upload would publish, symlinks that point out of the site, and
template or intrasite-link syntax that was never resolved.

The sources are checked too, before building (`check_sources`): in the output
a followed symlink is a plain file, so only the sources show that it came
from outside the site.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from pelican.plugins.jekyll_posts.source import symlinks

from . import linkcheck

ALLOWED_DOTFILES = {".nojekyll"}
_LEFTOVER = re.compile(r"\{%|\{\{|[{|](?:filename|static|attach)[}|]")
_DRAFT = re.compile(r"""<[a-zA-Z][^>]*\sdata-status\s*=\s*["']?draft\b""")
_BINARY_SNIFF = 8192


def check(root: Path, siteurl: str = "") -> list[str]:
    """Every reason the site under `root` must not be published, sorted."""
    root = Path(root)
    problems = []
    for folder, dirnames, filenames in os.walk(root):
        here = Path(folder)
        for name in list(dirnames):
            path = here / name
            relative = path.relative_to(root).as_posix()
            if path.is_symlink():
                problems.append(f"{relative}: a symlink")
                dirnames.remove(name)
            elif name.startswith("."):
                problems.append(f"{relative}/: a hidden folder")
                dirnames.remove(name)
            elif relative == "drafts":
                problems.append("drafts/: a folder of drafts")
        for name in filenames:
            path = here / name
            relative = path.relative_to(root).as_posix()
            if path.is_symlink():
                problems.append(f"{relative}: a symlink")
            elif name.startswith(".") and not (
                here == root and name in ALLOWED_DOTFILES
            ):
                problems.append(f"{relative}: a dotfile")
            else:
                problems += _check_text(path, relative)
    problems += [str(b) for b in linkcheck.check(root, siteurl)]
    return sorted(problems)


def check_sources(settings: dict) -> list[str]:
    """Every symlink in the content, theme or static paths (`PATH`, `THEME`,
    `STATIC_PATHS`) that leads out of the site, located, sorted."""
    found = symlinks.scan(symlinks.roots(settings))
    return [str(p) for p in found.problems if p.is_error]


def _check_text(path: Path, relative: str) -> list[str]:
    data = path.read_bytes()
    if b"\0" in data[:_BINARY_SNIFF]:
        return []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return []
    problems = [
        f"{relative}:{_line(text, m.start())}: unresolved {m.group()!r}"
        for m in _LEFTOVER.finditer(text)
    ]
    if relative.endswith((".html", ".htm")) and _DRAFT.search(text):
        problems.append(f'{relative}: a draft (marked data-status="draft")')
    return problems


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
