"""`make devserver`: build, serve, rebuild on every change, reload the browser.

Builds run in a long-lived build process (buildworker.py) that has Pelican
and the plugin imported already, each build starting from nothing. A change
to code, the theme, the settings or the site's configuration starts a fresh
process for the next build, so a changed plugin takes effect on the next
save without a restart. Builds start only when a watched file changes: a failed build is
reported in the terminal and in the browser, then the server waits for the
next save instead of retrying in a loop. With drafts, the terminal lists each
draft's address whenever the set of drafts changes.
"""

from __future__ import annotations

import argparse
import queue
import signal
import sys
import threading
import time
from pathlib import Path

import watchfiles
from pelican.plugins.jekyll_posts import origin
from pelican.plugins.jekyll_posts.write.preview import drafts_in

from . import buildworker, pelican_cli, server


def preview_settings(cache_root: Path, drafts: bool = False) -> dict:
    """The settings a preview build adds: the content cache and incremental page
    writing make a rebuild after one edit cheap; each mode keeps its own cache."""
    cache = cache_root / ("preview-drafts" if drafts else "preview")
    return {
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "GZIP_CACHE": False,  # compressing the whole cache costs more than it saves
        "CACHE_PATH": str(cache),
        **({"JEKYLL_DRAFTS": True} if drafts else {}),
    }


class DevServer:
    """Builds `content` into `output` with `settings`, serves it, watches sources."""

    def __init__(
        self,
        content: Path,
        output: Path,
        settings: Path,
        bind: str = "127.0.0.1",
        port: int = 8000,
        drafts: bool = False,
        log=sys.stderr,
    ):
        self.content = Path(content).resolve()
        self.output = Path(output).resolve()
        self.settings = Path(settings).resolve()
        self.overrides = preview_settings(self.output.parent / "cache", drafts)
        self.drafts = drafts
        self._listed: list | None = None  # the drafts last printed
        self.log = log
        self.live = server.Live()
        self.http = server.make_server(self.output, bind, port, self.live)
        self._stop = threading.Event()
        self._builder = buildworker.BuildProcess(self.settings.parent)
        self._threads: list[threading.Thread] = []
        self._changes: queue.Queue[set] = queue.Queue()

    @property
    def url(self) -> str:
        return server.url(self.http)

    def watched(self) -> list[Path]:
        """content/, the theme, the plugin folders and this plugin's own code
        (the settings file aside)."""
        values = pelican_cli.read_settings(self.settings, ["THEME", "PLUGIN_PATHS"])
        paths = [self.content, Path(values["THEME"]), origin.FOLDER]
        paths += [Path(p) for p in values["PLUGIN_PATHS"]]
        return [p for p in dict.fromkeys(paths) if p.is_dir()]

    def start(self) -> None:
        """Build once, then serve, watch and rebuild in background threads."""
        self.output.mkdir(parents=True, exist_ok=True)
        folders = self.watched()
        self.build()
        # Editors save by renaming a new file over the old one, which ends a
        # watch on the file itself: the settings file is watched through its
        # folder, which is not watched below.
        settings = self.settings.name
        for target, args in (
            (self.http.serve_forever, ()),
            (self._watch, (folders, True, watchfiles.DefaultFilter())),
            (
                self._watch,
                ([self.settings.parent], False, lambda _, p: Path(p).name == settings),
            ),
            (self._rebuild, ()),
        ):
            thread = threading.Thread(target=target, args=args, daemon=True)
            thread.start()
            self._threads.append(thread)

    def wait(self) -> None:
        """Block until request_stop() is called (from another thread or a signal).

        Woken twice a second: a signal that the kernel hands to another thread
        (the file watcher's, the server's) leaves the main thread asleep in a
        lock, and Python runs the handler only once the main thread wakes."""
        while not self._stop.wait(timeout=0.5):
            pass

    def request_stop(self) -> None:
        self._stop.set()

    def stop(self) -> None:
        self._stop.set()
        self._builder.end()
        self.live.close()
        if self._threads:  # serve_forever() is running: end it
            self.http.shutdown()
        self.http.server_close()
        for thread in self._threads:
            thread.join(timeout=5)

    def build(self, fresh: bool = False) -> None:
        """One build in the build process (a new one if `fresh`); the outcome
        goes to the terminal and browsers."""
        started = time.monotonic()
        if fresh:
            self._builder.end()
        returncode, log = self._builder.build(
            pelican_cli.command(
                self.content, self.output, self.settings, self.overrides
            )
        )
        if self._stop.is_set():
            return
        seconds = time.monotonic() - started
        number = self.live.builds + 1
        if returncode == 0:
            for problem in pelican_cli.problems(log):
                self._say(str(problem))
            self._say(f"build {number}: done in {seconds:.1f} s")
            if self.drafts:
                self._list_drafts()
            self.live.finished(None)
            return
        self._say(log.rstrip())
        self._say(
            f"build {number}: FAILED (exit status {returncode}); "
            "the browser shows why; waiting for the next change"
        )
        self.live.finished(server.Failure(pelican_cli.problems(log), log))

    def needs_fresh_process(self, changes: set) -> bool:
        """Code, the theme, settings, `_config*` and `_data/` or `_plugins/` in
        the content: anything but posts, pages and includes starts afresh."""
        for _, path in changes:
            path = Path(path)
            if self.content not in path.parents:
                return True
            parts = path.relative_to(self.content).parts
            if parts[0] in ("_data", "_plugins") or parts[0].startswith("_config"):
                return True
        return False

    def _watch(self, paths: list[Path], recursive: bool, only) -> None:
        for changes in watchfiles.watch(
            *paths,
            watch_filter=only,
            recursive=recursive,
            stop_event=self._stop,
            raise_interrupt=False,
        ):
            self._changes.put(changes)

    def _rebuild(self) -> None:
        """One build per batch of changes; changes made during a build make one more."""
        while not self._stop.is_set():
            try:
                changes = self._changes.get(timeout=0.2)
            except queue.Empty:
                continue
            while not self._changes.empty():
                changes |= self._changes.get()
            names = sorted({Path(p).name for _, p in changes})
            self._say(f"changed: {', '.join(names)}")
            self.build(fresh=self.needs_fresh_process(changes))

    def _list_drafts(self) -> None:
        """Each draft's address, when the set of drafts has changed."""
        found = drafts_in(self.output)
        if found == self._listed:
            return
        self._listed = found
        if not found:
            self._say("drafts: none")
            return
        self._say(f"drafts ({len(found)}, shown only in this preview):")
        for draft in found:
            self._say(f"  {self.url}{draft['url']}  ({draft['source']})")

    def _say(self, text: str) -> None:
        print(text, file=self.log, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--output", type=Path, default=Path("output"))
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    parser.add_argument(
        "--drafts",
        action="store_true",
        help="also build `published: false` posts, marked as drafts",
    )
    server.arguments(parser)
    args = parser.parse_args(argv)
    warning = server.exposure_warning(args.bind)
    if warning:
        print(warning, file=sys.stderr)
    try:
        dev = DevServer(
            args.content, args.output, args.settings, args.bind, args.port, args.drafts
        )
    except server.PortUnavailable as error:
        print(error.line("devserver"), file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, lambda *_: dev.request_stop())
    try:
        dev.start()
        print(f"Serving {args.output}/ at {dev.url} (Ctrl+C to stop)", flush=True)
        dev.wait()
    except KeyboardInterrupt:
        pass
    except pelican_cli.SettingsError as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        dev.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
