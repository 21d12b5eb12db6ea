"""This site's side: the folder built by `pelican` with the repository's
pelicanconf.py and a bare theme that writes each post's body alone.

Nothing but the theme and the pages it writes is overridden, so the posts are
read, linked and placed as a writer's own build would do it. The article
template starts each post's file with a marker naming its source, so the
output itself says which file each post became.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import unquote

from .. import pelican_cli

_MARKER = b"<!--jekyll-compare:"
_TEMPLATES = {
    "article.html": (
        "<!--jekyll-compare:{{ article.relative_source_path|urlencode }}-->\n"
        "{{ article.content }}"
        # Naming them keeps the plugin from adding a series box and backlinks.
        "{# article.series_memberships, article.backlinks: not shown #}"
    ),
    "page.html": "{{ page.content }}",
    # Loaded by the plugin's series generator, which writes nothing here.
    "series.html": "",
    "series_index.html": "",
}


def theme(folder: Path) -> Path:
    """Write the bare theme into `folder`."""
    templates = folder / "templates"
    templates.mkdir(parents=True)
    for name, text in _TEMPLATES.items():
        (templates / name).write_text(text, "utf-8")
    return folder


# Pelican settings that leave only posts and pages as HTML in the output (no
# lists, no theme files), so its HTML files compare with Jekyll's directly.
POSTS_ONLY = {
    "DIRECT_TEMPLATES": [],
    "CATEGORY_SAVE_AS": "",
    "TAG_SAVE_AS": "",
    "AUTHOR_SAVE_AS": "",
    "SERIES_SAVE_AS": "",
    "SERIES_INDEX_SAVE_AS": "",
    "THEME_STATIC_PATHS": [],
}


def overrides(theme_folder: Path, cache: Path) -> dict:
    """Only what the bare theme needs: no list, tag, author or series pages."""
    return {
        **POSTS_ONLY,
        "THEME": str(theme_folder),
        "SERIES_FEED_ATOM": None,
        "CACHE_PATH": str(cache),
    }


def build(
    folder: Path, output: Path, work: Path, settings: Path, extra: dict
) -> subprocess.CompletedProcess:
    """Run the build in the folder, so its problems name `_posts/...` files."""
    command = pelican_cli.command(
        folder,
        output,
        settings,
        {**overrides(theme(work / "theme"), work / "cache"), **extra},
    )
    return subprocess.run(
        command,
        cwd=folder,
        capture_output=True,
        text=True,
        env=pelican_cli.environment(),
    )


def addresses(output: Path) -> dict[str, str]:
    """Source path of each post written, to its output file, from the markers."""
    found: dict[str, str] = {}
    for path in sorted(output.rglob("*")):
        if not path.is_file():
            continue
        with path.open("rb") as file:
            head = file.read(1024)
        if head.startswith(_MARKER) and b"-->" in head:
            source = head[len(_MARKER) : head.index(b"-->")].decode()
            found[unquote(source)] = path.relative_to(output).as_posix()
    return found


def body(output: Path, address: str) -> str:
    """The post's HTML without the marker line."""
    text = (output / address).read_text("utf-8", "replace")
    return text.split("\n", 1)[1] if text.startswith(_MARKER.decode()) else text
