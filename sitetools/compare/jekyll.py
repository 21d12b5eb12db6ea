"""Jekyll's side: a copy of the folder built by real Jekyll, reduced to post
bodies, with a manifest of where each post was written.

The copy keeps what shapes a post body (`_config.yml`, includes, data, the
site's own `_plugins`, the plugin gems that are installed) and drops what
only dresses it or cannot be had here: every layout becomes `{{ content }}`,
the theme goes, and so do the plugins that do not load (a gem that is not
installed, a `_plugins` file that needs one). Pages lose
their front matter and are copied as they are, so a page that needed the
theme (`@import "minima"`, a theme include) cannot stop the build.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import plugins

INSTALL_HINT = (
    "jekyll is not installed (not found on PATH); on Debian: "
    "sudo apt-get install jekyll (elsewhere: gem install jekyll)"
)
_NOT_COPIED = shutil.ignore_patterns(
    ".git", "_site", ".jekyll-cache", ".jekyll-metadata", ".sass-cache", "node_modules"
)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Rulers, Ruby's backtrace, and the advice to run with --trace.
_NOISE = re.compile(r"-+$|from |.*--trace|for any additional information")
# `file:line:in 'method': message (Class)`, Ruby's last words: the message.
_RAISED = re.compile(r"\S+:\d+:in [`'][^']*': (.+)")
_FAILURE_LINES = 12
_BARE_LAYOUT = "{{ content }}\n"
_FRONT_MATTER = re.compile(
    r"\A---[ \t]*\r?\n(?:.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)
# Writes the manifest once every file is written: source, URL, output file.
_MANIFEST_PLUGIN = """\
require "json"
Jekyll::Hooks.register :site, :post_write do |site|
  dest = File.join(site.dest, "")
  posts = site.posts.docs.select(&:write?).map do |doc|
    output = doc.destination(site.dest)
    output = output.delete_prefix(dest)
    { "source" => doc.relative_path, "url" => doc.url, "output" => output }
  end
  File.write(ENV.fetch("JEKYLL_COMPARE_MANIFEST"), JSON.generate(posts))
end
"""


class CompareError(Exception):
    """The comparison cannot be made (exit status 2)."""


@dataclass
class Prepared:
    source: Path
    configs: list[Path]
    notes: list[str] = field(default_factory=list)


def read_config(folder: Path) -> dict:
    """The folder's `_config.yml` (or `.yaml`), {} when it has none."""
    for name in ("_config.yml", "_config.yaml"):
        path = folder / name
        if path.is_file():
            try:
                config = yaml.safe_load(path.read_text("utf-8"))
            except (yaml.YAMLError, UnicodeDecodeError) as error:
                raise CompareError(f"{path}: cannot read: {error}") from None
            return config if isinstance(config, dict) else {}
    return {}


def prepare(folder: Path, work: Path, config: dict, environment: dict) -> Prepared:
    """Copy `folder` to `work/source` as described above; the configuration
    files to build it with, and what was left out, said in plain words."""
    source = work / "source"
    shutil.copytree(folder, source, symlinks=True, ignore=_NOT_COPIED)
    for name in ("Gemfile", "Gemfile.lock", "gems.rb", "gems.locked"):
        (source / name).unlink(missing_ok=True)
    notes: list[str] = []
    layouts = source / str(config.get("layouts_dir") or "_layouts")
    _bare_layouts(layouts)
    _pages_as_files(source)
    for key in ("theme", "remote_theme"):
        if config.get(key):
            notes.append(f"Jekyll: without {key} {config[key]}")
    plugins_dir = source / str(config.get("plugins_dir") or "_plugins")
    gems = _plugins_that_load(folder, source, config, environment, notes)
    # Among the site's own plugins, so no setting has to change to load it.
    plugins_dir.mkdir(parents=True, exist_ok=True)
    (plugins_dir / "zz_jekyll_compare_manifest.rb").write_text(
        _MANIFEST_PLUGIN, "utf-8"
    )
    overrides = {
        "theme": None,
        "remote_theme": None,
        "plugins": gems,
        "gems": [],
        "safe": False,
        "incremental": False,
        "show_drafts": False,
    }
    # The site's settings as read here, rewritten: Jekyll 4.3.1 on Psych 4
    # rejects `style: :compressed` or `permalink: :title` (a Symbol), which
    # Jekyll 3 and GitHub Pages read as text, as PyYAML does.
    site_config = work / "site_config.yml"
    site_config.write_text(_yaml(config), "utf-8")
    override = work / "compare_config.yml"
    override.write_text(_yaml(overrides), "utf-8")
    return Prepared(source, [site_config, override], notes)


class _Dumper(yaml.SafeDumper):
    """Quotes text that starts with `:`, which Ruby would read as a Symbol."""

    def represent_str(self, data: str):
        style = '"' if data.startswith(":") else None
        return self.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _Dumper.represent_str)


def _yaml(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


def _plugins_that_load(
    folder: Path, source: Path, config: dict, environment: dict, notes: list
) -> list[str]:
    """The plugin gems to keep; `_plugins` files that do not load are removed
    from the copy. What goes is added to `notes`."""
    plugins_dir = source / str(config.get("plugins_dir") or "_plugins")
    gemfile = folder / "Gemfile"
    gems = plugins.wanted(
        config, gemfile.read_text("utf-8", "replace") if gemfile.is_file() else ""
    )
    files = sorted(plugins_dir.rglob("*.rb"))
    kept, loaded = plugins.loading(gems, files, environment, source)
    if len(kept) < len(gems):
        missing = ", ".join(name for name in gems if name not in kept)
        notes.append(f"Jekyll: without plugins not installed: {missing}")
    for path in files:
        if path not in loaded:
            path.unlink()
            where = path.relative_to(source).as_posix()
            notes.append(f"Jekyll: without {where} (it does not load here)")
    return kept


def _bare_layouts(layouts: Path) -> None:
    layouts.mkdir(parents=True, exist_ok=True)
    for path in layouts.rglob("*"):
        if path.is_file() or path.is_symlink():
            path.unlink()
            path.write_text(_BARE_LAYOUT, "utf-8")
    for name in ("default", "post", "page"):
        if not any(layouts.glob(f"{name}.*")):
            (layouts / f"{name}.html").write_text(_BARE_LAYOUT, "utf-8")


def _pages_as_files(source: Path) -> None:
    """Front matter off every file Jekyll would render as a page: one outside
    folders whose names start with `_` or `.` (where posts live)."""
    for root, folders, files in os.walk(source):
        folders[:] = [f for f in folders if not f.startswith(("_", "."))]
        for name in files:
            path = Path(root, name)
            if name.startswith(("_", ".")) or path.is_symlink():
                continue
            with path.open("rb") as file:
                if not file.read(4).startswith(b"---"):
                    continue
            text = path.read_bytes().decode("utf-8", "replace")
            match = _FRONT_MATTER.match(text)
            if match:
                path.write_text(text[match.end() :], "utf-8")


def environment() -> dict[str, str]:
    """A fixed environment, so the host's time zone or locale cannot leak in."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
        "TZ": "UTC",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "JEKYLL_ENV": "production",
        "JEKYLL_NO_BUNDLER_REQUIRE": "true",
    }
    for name in ("HOME", "GEM_HOME", "GEM_PATH"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def start(
    jekyll: str, prepared: Prepared, dest: Path, manifest: Path, env: dict
) -> subprocess.Popen:
    """Start the build; the caller waits for it (this site builds meanwhile)."""
    command = [
        jekyll, "build", "--quiet", "--disable-disk-cache",
        "--source", str(prepared.source), "--destination", str(dest),
        "--config", ",".join(str(p) for p in prepared.configs),
    ]  # fmt: skip
    return subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**env, "JEKYLL_COMPARE_MANIFEST": str(manifest)},
        cwd=prepared.source,  # where a writer runs it; some plugins rely on it
    )


def failure(log: str, prepared: Prepared) -> list[str]:
    """Jekyll's own error lines, without colours, rulers or Ruby's backtrace,
    naming files as they are in the folder rather than in the copy."""
    lines = []
    for line in _ANSI.sub("", log).splitlines():
        line = line.strip().replace(f"{prepared.source}/", "")
        raised = _RAISED.match(line)
        line = raised[1] if raised else line
        if line and not _NOISE.match(line):
            lines.append("  " + line)
    return list(dict.fromkeys(lines))[:_FAILURE_LINES]


def addresses(manifest: Path) -> dict[str, str]:
    """Source path of each post Jekyll wrote, to its output file."""
    return {post["source"]: post["output"] for post in json.loads(manifest.read_text())}
