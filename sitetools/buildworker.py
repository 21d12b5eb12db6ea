"""A long-lived build process for the dev server: Pelican imported once.

Starting Python and importing Pelican, Markdown, Pygments, python-liquid and
the plugin takes about a second before a build reads its first file. This
process pays that once, then runs each build the dev server asks for in
itself, as `pelican -r` does. Every build starts from nothing (Pelican's
instance, the plugin's per-run state, the settings file read again); what
Pelican keeps at class level across runs is reset here: its log
deduplication, so that each build reports its own problems in full, and the
caches keyed by a build's objects (`_forget_builds`), which would keep every
build's posts alive.

The plugin's caches live in this process's memory between builds (the
`_JEKYLL_MEMORY` setting, lent to each build as Pelican starts it) and are
written to the cache folder once, when the dev server closes this process's
input: a fresh process after a theme change starts from them.

Protocol, one JSON object per line: the dev server (through BuildProcess)
writes a build's Pelican arguments, `{"argv": [...]}`; this process answers `{"status": N, "log": "..."}`
with the build's exit status and everything it printed. Python code cannot be
reloaded in place, so the dev server starts a new one of these for changes to
code, settings or site configuration (devserver.needs_fresh_process).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from . import pelican_cli

# This checkout's root, so the build process finds `sitetools` from any folder.
_ROOT = str(Path(__file__).resolve().parents[1])
SAVING = 20.0  # seconds a build process may take to save its caches and end


class BuildProcess:
    """The dev server's side: one build process, started when first needed
    and again after it ends; `end()` stops it (a build under way with it)."""

    def __init__(self, cwd: Path):
        self.cwd = cwd
        self._process: subprocess.Popen | None = None
        self._busy = False

    def build(self, command: list[str]) -> tuple[int, str]:
        """Run `command` (a `pelican` command line) in the build process."""
        process = self._process
        if process is None or process.poll() is not None:
            process = self._process = subprocess.Popen(
                [sys.executable, "-m", "sitetools.buildworker"],
                cwd=self.cwd,
                env=_with_this_checkout(pelican_cli.environment()),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                # Ctrl+C in the terminal is for the dev server, which then
                # ends this process after it has saved its caches.
                start_new_session=True,
            )
        assert command[1:3] == ["-m", "pelican"]
        self._busy = True
        try:
            process.stdin.write(json.dumps({"argv": command[3:]}) + "\n")
            process.stdin.flush()
            answer = process.stdout.readline()
        except (BrokenPipeError, ValueError):  # it ended, or end() ended it
            answer = ""
        finally:
            self._busy = False
        if not answer:
            status = process.wait()
            return status or 1, f"the build process ended (exit status {status})"
        done = json.loads(answer)
        return done["status"], done["log"]

    def end(self) -> None:
        """Between builds, let the process save its caches and end; during a
        build, end it at once (its caches may be half made)."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        if not self._busy:
            with contextlib.suppress(OSError, ValueError):  # it may be gone
                process.stdin.close()
            try:
                process.wait(timeout=SAVING)
                return
            except subprocess.TimeoutExpired:
                pass
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _with_this_checkout(env: dict[str, str]) -> dict[str, str]:
    paths = [_ROOT, *filter(None, [env.get("PYTHONPATH")])]
    return {**env, "PYTHONPATH": os.pathsep.join(paths)}


def build(argv: list[str]) -> tuple[int, str]:
    """One Pelican build in this process: its exit status and its log."""
    from pelican import main
    from pelican.log import LimitFilter

    for seen in (LimitFilter._raised_messages, LimitFilter._ignore):
        seen.clear()
    LimitFilter._group_count.clear()
    log = io.StringIO()
    status = 0
    with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
        try:
            main(argv)
        except SystemExit as stop:
            status = stop.code if isinstance(stop.code, int) else 1
        finally:
            _forget_builds()
    return status, log.getvalue()


def _forget_builds() -> None:
    """What libraries keep at module or class level, keyed by one build's
    objects, that would keep every build alive: Pelican memoizes content
    methods (`get_content`, `get_summary`) in a dict on the class, and
    python-liquid keeps a parser for each of the last 128 environments (each
    holding the plugin's reader, and the site it was told). Emptied after
    every build."""
    from liquid import parser
    from pelican.contents import Content
    from pelican.utils import memoized

    classes = [Content]
    while classes:
        current = classes.pop()
        classes += current.__subclasses__()
        for value in vars(current).values():
            if isinstance(value, memoized):
                value.cache.clear()
    clear = getattr(parser.get_parser, "cache_clear", None)
    if clear is not None:
        clear()


class Host:
    """What this process keeps between builds: the plugin's caches."""

    def __init__(self):
        from pelican.plugins.jekyll_posts.read.kept import Memory

        self.memory = Memory()

    def lend(self, pelican) -> None:
        """Receiver of Pelican's `initialized`: each build gets the memory."""
        from pelican.plugins.jekyll_posts.config.settings import MEMORY

        pelican.settings[MEMORY] = self.memory

    def save(self) -> None:
        from pelican.plugins.jekyll_posts.read.kept import flush

        flush(self.memory)


def serve(requests, answers) -> None:
    """Answer build requests until the dev server closes the pipe, then save
    the caches kept in memory."""
    from pelican import signals

    host = Host()
    signals.initialized.connect(host.lend)
    for line in requests:
        status, log = build(json.loads(line)["argv"])
        answers.write(json.dumps({"status": status, "log": log}) + "\n")
        answers.flush()
    host.save()


def main() -> None:
    # Answers get a descriptor of their own; anything written to standard
    # output below Python (a forked renderer, a C library) goes to the log.
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    import pelican  # noqa: F401  the import this process exists to pay once
    import pelican.plugins.jekyll_posts  # noqa: F401

    serve(sys.stdin, answers)


if __name__ == "__main__":
    main()
