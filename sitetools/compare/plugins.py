"""Which of a site's Jekyll plugins can run here: the plugin gems it names and
its own `_plugins/*.rb` files, each tried in the Ruby that runs Jekyll.

Jekyll stops at the first plugin that does not load, so the comparison keeps
those that load, drops the others and says which.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

_GEMFILE_GROUP = re.compile(
    r"^\s*group\s+:jekyll_plugins\s+do\b(.*?)^\s*end\b", re.S | re.M
)
_GEM = re.compile(r"""^\s*gem\s+["']([^"']+)["']""", re.M)
# Loads gems, then files, in Jekyll's order; prints each one that loaded.
# Arguments: how many gems, the gems, the files.
_TRY = """\
require "jekyll"
count = Integer(ARGV.shift)
ARGV[0...count].each do |name|
  require name
  puts "gem #{name}"
rescue ScriptError, StandardError
end
ARGV[count..].each do |file|
  require file
  puts "file #{file}"
rescue ScriptError, StandardError
end
"""


def wanted(config: dict, gemfile: str) -> list[str]:
    """Plugin gems Jekyll would load: `plugins:`, the older `gems:`, and the
    Gemfile's `jekyll_plugins` group (which Bundler loads)."""
    names: list[str] = []
    for key in ("plugins", "gems"):
        value = config.get(key) or []
        names += [value] if isinstance(value, str) else [str(v) for v in value]
    for group in _GEMFILE_GROUP.findall(gemfile):
        names += _GEM.findall(group)
    return list(dict.fromkeys(names))


def loading(
    gems: list[str], files: list[Path], environment: dict[str, str], site: Path
) -> tuple[list[str], list[Path]]:
    """The gems and files, in order, that load here, tried in the site's
    folder as Jekyll runs them."""
    ruby = shutil.which("ruby", path=environment["PATH"])
    if ruby is None or not (gems or files):
        return [], list(files) if ruby is None else []
    done = subprocess.run(
        [ruby, "-e", _TRY, str(len(gems)), *gems, *map(str, files)],
        capture_output=True,
        text=True,
        env=environment,
        cwd=site,
        timeout=300,
    )
    loaded = set(done.stdout.splitlines())
    return (
        [name for name in gems if f"gem {name}" in loaded],
        [path for path in files if f"file {path}" in loaded],
    )
