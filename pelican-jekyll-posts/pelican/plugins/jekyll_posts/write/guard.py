"""Keep a build from writing where it must not, or what it must not.

Pelican's DELETE_OUTPUT_DIRECTORY check spares only the content folder's
parent, so `-o .` or `-o ~` with cleaning on would wipe a repository or a
home folder; and Pelican writes drafts (a future post under
WITH_FUTURE_DATES = False) at their permalink, where an upload would take
them. Both are refused here, before anything is written.
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import origin
from ..diagnostics import BuildFailed


class UnsafeOutput(BuildFailed):
    """The output path would overwrite or clean sources; nothing was written."""


def protected_folders(settings) -> list[tuple[Path, str]]:
    """Folders an output path must neither be nor contain, with what they are."""
    content = _resolve(settings["PATH"])
    folders = [
        (Path(Path.cwd().anchor), "the file system root"),
        (_resolve(Path.home()), "the home folder"),
        (content, "the content folder"),
        (_resolve(settings["THEME"]), "the theme folder"),
    ]
    folders += [(_resolve(p), "a plugin folder") for p in settings["PLUGIN_PATHS"]]
    folders.append((origin.FOLDER, "this plugin's folder"))
    repository = next(
        (p for p in (content, *content.parents) if (p / ".git").exists()), None
    )
    if repository is not None:
        folders.append((repository, "the repository root"))
    return folders


def check_output(output: str | os.PathLike, settings) -> None:
    """Raise UnsafeOutput if `output` is a protected folder or one of its parents."""
    target = _resolve(output)
    folders = protected_folders(settings)
    for folder, what in folders:
        if target == folder:
            raise UnsafeOutput(f"refusing to build into {target}: it is {what}")
    for folder, what in folders:
        if target in folder.parents:
            raise UnsafeOutput(
                f"refusing to build into {target}: it contains {what} ({folder})"
            )
    content = _resolve(settings["PATH"])
    if content in target.parents:
        raise UnsafeOutput(
            f"refusing to build into {target}: it is inside the content folder, "
            "so the next build would read the output as content"
        )


def withhold_drafts(articles, pages) -> None:
    """Drop every draft before writing, so only published content is output."""
    for drafts in (
        articles.drafts,
        articles.drafts_translations,
        pages.draft_pages,
        pages.draft_translations,
    ):
        drafts.clear()


def _resolve(path: str | os.PathLike) -> Path:
    return Path(os.path.expanduser(path)).resolve()
