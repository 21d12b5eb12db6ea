"""`make publish`: a clean, strict build that replaces output/ only if it passes.

The address (SITEURL, and GITHUB_CNAME if given) and the sources (no symlink
out of the site) are checked first; the site is then built with the publish
settings into a fresh folder beside output/ and checked again (sitetools.gate).
Only a site that passes gets its modes and times settled (sitetools.settle)
and replaces output/, in one rename, so an upload never sees a half-built or
unchecked site, and a failed publish leaves the previous output/ as it was.
"""

from __future__ import annotations

import argparse
import ctypes
import errno
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pelican.plugins.jekyll_posts.write.guard import UnsafeOutput, check_output

from . import address, gate, pelican_cli, settle

# Whatever the settings file says, a publish build is strict, draft-free and
# uncached: every file comes from this build, unless a cache folder is named
# (`--cache`, as CI passes one kept between runs): then posts whose file,
# settings and plugin code are as a build left them are not read again, and
# every page is still written (the output folder is always a fresh one).
OVERRIDES = {
    "JEKYLL_STRICT": True,
    "JEKYLL_DRAFTS": False,
    "LOAD_CONTENT_CACHE": False,
    "CACHE_CONTENT": False,
    "DELETE_OUTPUT_DIRECTORY": False,
    # Links into the sources would let settling modes and times touch them.
    "STATIC_CREATE_LINKS": False,
}


class PublishFailed(Exception):
    pass


def publish(
    content: Path,
    output: Path,
    settings: Path,
    cname: str = "",
    cache: Path | None = None,
) -> None:
    """Check, build, check, settle, and swap the result in for `output`;
    raise PublishFailed."""
    content, output, settings = (Path(p).resolve() for p in (content, output, settings))
    try:
        names = ["SITEURL", "THEME", "PLUGIN_PATHS", "STATIC_PATHS"]
        values = pelican_cli.read_settings(settings, names)
        check_output(output, {**values, "PATH": str(content)})
    except (pelican_cli.SettingsError, UnsafeOutput) as error:
        raise PublishFailed(str(error)) from None
    _refuse(address.problems(values["SITEURL"], cname))
    _refuse(gate.check_sources({**values, "PATH": str(content)}))
    output.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{output.name}.publish-", dir=output.parent))
    try:
        _build(content, fresh, settings, cache)
        _refuse(gate.check(fresh, values["SITEURL"]))
        store = settle.store_for(output)
        record = settle.settle(fresh, store, settle.publish_time())
        _replace(fresh, output)
        settle.remember(store, record)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def _refuse(problems: list[str]) -> None:
    if problems:
        raise PublishFailed("\n".join([*problems, f"{len(problems)} problem(s)"]))


def _build(content: Path, target: Path, settings: Path, cache: Path | None) -> None:
    overrides = dict(OVERRIDES)
    if cache is not None:
        overrides.update(
            CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True, CACHE_PATH=str(cache.resolve())
        )
    args = pelican_cli.command(content, target, settings, overrides)
    done = subprocess.run(
        [*args, "--fatal", "errors"], cwd=settings.parent, env=pelican_cli.environment()
    )
    if done.returncode:
        raise PublishFailed(f"the build failed (exit status {done.returncode})")


def _replace(fresh: Path, output: Path) -> None:
    """Put `fresh` at `output`; the previous site ends up at `fresh`."""
    if not output.exists():
        os.rename(fresh, output)
    elif not _exchange(fresh, output):
        retired = fresh.with_name(fresh.name + ".old")
        os.rename(output, retired)
        os.rename(fresh, output)
        os.rename(retired, fresh)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically (Linux renameat2); False where unsupported."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange):
        code = ctypes.get_errno()
        if code in (errno.ENOSYS, errno.EINVAL):
            return False
        raise OSError(code, os.strerror(code), str(b))
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--output", type=Path, default=Path("output"))
    parser.add_argument("--settings", type=Path, default=Path("publishconf.py"))
    parser.add_argument(
        "--cname", default="", help="the custom domain GitHub Pages will serve"
    )
    parser.add_argument(
        "--cache",
        type=Path,
        help="a content cache folder kept between publishes (CI keeps one)",
    )
    args = parser.parse_args(argv)
    try:
        publish(args.content, args.output, args.settings, args.cname, args.cache)
    except PublishFailed as error:
        print(
            f"publish refused:\n{error}\n{args.output} was left as it was",
            file=sys.stderr,
        )
        return 1
    print(
        f"published to {args.output}/ (checked: the address; no symlink out of "
        "the site in the sources; no drafts, dotfiles, symlinks, leftover template "
        "syntax or broken links in the output; files 644, folders 755)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
