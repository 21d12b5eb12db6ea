"""Build-speed benchmark (issue 6): our Pelican site and Jekyll, one corpus, one run.

    .venv/bin/python bench/run.py [--sizes 1000,5000,10000] [--repeat 3]
                                  [--no-jekyll] [--no-profile]
    .venv/bin/python bench/run.py --report   # the last run's table, made again

For each size, bench/corpus.py writes bench/corpus/<N>/ (reused while its
version matches), then, each build a fresh process in bench/out/build-<N>/,
from a copy of pelicanconf.py, theme/ and plugins/ taken when the run starts
(bench/out/code/), so edits made meanwhile do not mix versions in one table:

- cold: the whole site as users build it (pelicanconf.py, theme, plugin,
  series, backlinks, plus the feeds publishconf.py turns on), fresh output, no
  cache;
- one-edit rebuild: `pelican_rebuild()` primes a build, adds a sentence to one
  post in a series and times the next build, as the dev server would run it;
- Jekyll, when `jekyll` is on PATH: a cold build of the same corpus, and an
  `--incremental` rebuild after the same edit, for the ratios the issue's
  goals are written in. Jekyll has no theme here, so it writes bare post
  pages: the ratios flatter Jekyll, as the issue's figures did;
- a profile of one more cold build, split by who does the work (`breakdown`).

Both tools get the same fixed environment (TZ=UTC, C.UTF-8). Wall-clock times
on a shared 2-core machine are noisy: `--repeat` keeps the fastest of several
runs. The table is printed and written to bench/out/results.md (and .json).
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import json
import os
import platform
import pstats
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402

from sitetools import pelican_cli  # noqa: E402
from sitetools.devserver import preview_settings  # noqa: E402

CORPORA = ROOT / "bench" / "corpus"
OUT = ROOT / "bench" / "out"
# Builds run a copy of the code taken when the run starts (see take_snapshot).
SNAPSHOT = OUT / "code"
SETTINGS = SNAPSHOT / "pelicanconf.py"
PLUGIN = SNAPSHOT / "pelican-jekyll-posts" / "pelican" / "plugins" / "jekyll_posts"
JEKYLL = shutil.which("jekyll")
# publishconf.py's feeds; FEED_DOMAIN keeps links relative, as pelicanconf has them.
FEEDS = {
    "FEED_ALL_ATOM": "feeds/all.atom.xml",
    "CATEGORY_FEED_ATOM": "feeds/{slug}.atom.xml",
    "FEED_DOMAIN": "https://example.org",
}
ENV = {
    "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
    "HOME": os.environ.get("HOME", "/tmp"),
    "TZ": "UTC",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "COLUMNS": "160",
    "NO_COLOR": "1",
    "TERM": "dumb",
    "JEKYLL_ENV": "development",
}
# Sampling reads /proc for every process: often enough for a peak that lasts,
# rarely enough not to take much of a core from a build that uses both.
SAMPLE_SECONDS = 0.5
# What a build runs besides Pelican and the corpus.
UNDER_TEST = ("pelicanconf.py", "theme", "pelican-jekyll-posts")
# Issue 6's goals: (posts, ratio) caps for the cold build and the rebuild.
COLD_GOALS = {1000: 0.7, 5000: 0.35}
REBUILD_GOALS = {5000: 0.25}
LINEAR_GOAL, MEMORY_GOAL_MIB, PLUGIN_GOAL = 1.2, 400, 0.03


class BuildError(RuntimeError):
    pass


@dataclass
class Measured:
    seconds: float
    cpu_seconds: float
    peak_mib: float


@dataclass
class Result:
    posts: int
    cold: Measured
    rebuild: Measured
    jekyll_cold: Measured | None = None
    jekyll_rebuild: Measured | None = None
    profile: dict[str, float] = field(default_factory=dict)  # seconds by category
    phases: dict[str, float] = field(default_factory=dict)


# -- running one build --------------------------------------------------------


def measure(command: list[str], log: Path) -> Measured:
    """Run one build as its own process: wall time, CPU time and peak memory.

    Peak memory is the larger of the kernel's ru_maxrss (the largest single
    process of the build, from wait4) and the sampled sum of PSS over the
    process tree, so a build that spreads over a process pool is not
    under-counted and shared pages are not counted twice.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    settle()
    with open(log, "wb") as handle:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=ROOT, env=ENV, stdout=handle, stderr=subprocess.STDOUT
        )
        sampler = _TreeMemory(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        tail = log.read_text("utf-8", "replace")[-3000:]
        raise BuildError(f"exit status {process.returncode}: {command}\n{tail}")
    peak_kib = max(usage.ru_maxrss, sampler.peak_kib)
    return Measured(seconds, usage.ru_utime + usage.ru_stime, peak_kib / 1024)


def settle(quiet: float = 1.0, longest: float = 20.0) -> None:
    """Flush what earlier steps wrote or deleted and wait for the disk to go
    quiet, so no build pays for another's writeback. On this machine the disk
    creates files up to three times slower while a large delete or write is
    still being flushed, and a build writes thousands of files."""
    os.sync()
    deadline = time.monotonic() + longest
    last = _disk_activity()
    while time.monotonic() < deadline:
        time.sleep(quiet)
        now = _disk_activity()
        if now == last:
            return
        last = now


def _disk_activity() -> str:
    """Writes and discards done and I/O in flight, for every block device."""
    try:
        lines = Path("/proc/diskstats").read_text().splitlines()
    except OSError:
        return ""
    return "|".join(" ".join(line.split()[7:]) for line in lines)


class _TreeMemory:
    """Samples the summed PSS of a process and its descendants in a thread."""

    def __init__(self, pid: int):
        self.pid = pid
        self.peak_kib = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._done.wait(SAMPLE_SECONDS):
            total = sum(_pss_kib(pid) for pid in _tree(self.pid))
            self.peak_kib = max(self.peak_kib, total)


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                stat = Path(f"/proc/{name}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


# -- the builds ---------------------------------------------------------------


def pelican_command(source: Path, output: Path, **settings) -> list[str]:
    """Pelican with the plugin from the run's copy (bench/pelican_from.py)."""
    command = pelican_cli.command(source, output, SETTINGS, settings)
    assert command[1:3] == ["-m", "pelican"]
    return [
        command[0],
        str(ROOT / "bench" / "pelican_from.py"),
        str(PLUGIN),
        *command[3:],
    ]


def pelican_cold(source: Path, work: Path, **settings) -> list[str]:
    shutil.rmtree(work, ignore_errors=True)
    return pelican_command(
        source,
        work / "output",
        **FEEDS,
        CACHE_CONTENT=False,
        LOAD_CONTENT_CACHE=False,
        CACHE_PATH=str(work / "cache"),
        **settings,
    )


def pelican_rebuild(source: Path, work: Path, repeat: int) -> Measured:
    """The one-edit rebuild as the dev server does it: a fresh `pelican` process
    with the dev server's own settings (content cache, incremental page writing).
    `source` is a scratch copy of the corpus, since it gets edited."""
    settings = preview_settings(work)
    command = pelican_command(source, work / "output", **settings)
    return rebuild(command, source, work, repeat)


def jekyll_command(source: Path, dest: Path, incremental: bool = False) -> list[str]:
    """As tests/jekyll_site.py runs Jekyll: offline, no cache in the source."""
    command = [JEKYLL, "build", "--safe", "--quiet", "--disable-disk-cache"]
    command += ["--source", str(source), "--destination", str(dest)]
    return command + ["--incremental"] if incremental else command


def jekyll_rebuild(source: Path, work: Path, repeat: int) -> Measured:
    """`jekyll build --incremental`: a priming build, then the same edits."""
    command = jekyll_command(source, work / "output", incremental=True)
    return rebuild(command, source, work, repeat)


def rebuild(command: list[str], source: Path, work: Path, repeat: int) -> Measured:
    """A priming build (not timed), then each edit followed by one timed build."""
    measure(command, work / "prime.log")
    return timed_edits(
        source,
        work / "output",
        repeat,
        lambda run: measure(command, work / f"rebuild-{run}.log"),
    )


def timed_edits(source: Path, output: Path, repeat: int, build) -> Measured:
    """Edit one post, build, check the edit was published; keep the fastest."""
    runs = []
    for run in range(repeat):
        token = f"benchmarkedit{run}x"
        edit_one_post(source, token)
        runs.append(build(run))
        if not _published(output, token):
            raise BuildError(f"the rebuild did not publish the edit ({output})")
    return min(runs, key=lambda m: m.seconds)


def edit_one_post(source: Path, token: str) -> Path:
    """Add a sentence to a middle paragraph of the middle post in a series.

    A post in a series, so a rebuild that is right must also redo its series
    page; the middle paragraph, so the excerpt (on index and tag pages)
    stays as it was, as it does for most edits.
    """
    posts = sorted((source / "_posts").rglob("*.md"))
    in_series = [p for p in posts if "\nseries:" in p.read_text("utf-8")[:1000]]
    path = in_series[len(in_series) // 2]
    head, body = path.read_text("utf-8").split("\n---\n", 1)
    blocks = body.split("\n\n")
    prose = [i for i, b in enumerate(blocks) if b[:1].isupper()]
    at = prose[len(prose) // 2]
    blocks[at] += f" We edited this paragraph ({token})."
    path.write_text(head + "\n---\n" + "\n\n".join(blocks), "utf-8")
    return path


def _published(output: Path, token: str) -> bool:
    return any(token in p.read_text("utf-8") for p in output.rglob("*.html"))


# -- where the time goes ------------------------------------------------------

# The first part of a function's file path that names its category. The
# plugin's Markdown extensions are Markdown rendering: kramdown's dialect on
# a line of its own, and Python-Markdown's own work done quicker (its inline
# pass, the excerpt cut from the body) with Python-Markdown's. Its writer is
# writing.
# Reading a post as Jekyll does (the file, front matter, dates, the address)
# is "reading posts"; the rest of the plugin, Liquid, links, series,
# backlinks and the checks, is "plugin", the work issue 6's goal is about.
_PLUGIN = "/pelican/plugins/jekyll_posts/"
_MARKDOWN = ("kramdown/speed.py", "kramdown/first_paragraph.py")
_CATEGORIES = (
    *((f"{_PLUGIN}{name}", "Markdown") for name in _MARKDOWN),
    (f"{_PLUGIN}kramdown/", "kramdown dialect"),
    (f"{_PLUGIN}source/", "reading posts"),
    (f"{_PLUGIN}config/", "reading posts"),
    (f"{_PLUGIN}read/", "reading posts"),
    (f"{_PLUGIN}text_files.py", "reading posts"),
    (f"{_PLUGIN}write/rendering.py", "writing"),
    (f"{_PLUGIN}write/incremental.py", "writing"),
    (_PLUGIN, "plugin"),
    ("/site-packages/liquid/", "Liquid engine"),
    ("/yaml/", "YAML"),
    ("/pygments/", "Pygments"),
    ("/markdown/", "Markdown"),
    ("/jinja2/", "templates"),
    ("/markupsafe/", "templates"),
    ("/pelican/writers.py", "writing"),
    ("/feedgenerator/", "writing"),
    ("/pelican/", "Pelican"),
)
# Builtins that block: time spent waiting for other processes or threads.
_WAITS = ("of '_thread.lock' objects", "of '_thread.RLock' objects", "select.", "sleep")
PHASES = {
    "generate_context": "reading (generators' generate_context)",
    "all_read": "plugin after reading (link_everything)",
    "generate_output": "writing (generators' generate_output)",
}


def _category(func: tuple) -> str | None:
    filename, _, name = func
    if name == "<module>":
        return "imports"
    if filename == "~" and any(w in name for w in _WAITS):
        return "waiting"
    if filename.endswith((".html", ".xml", ".txt")):
        return "templates"  # the code Jinja compiles a template into
    return next((c for part, c in _CATEGORIES if part in filename), None)


def breakdown(stats: dict) -> dict[str, float]:
    """Seconds of a cProfile run by category: Markdown, Pygments, YAML, ...

    Each function's own time (tottime) goes to the category of its file, so
    the categories never overlap and add up to the whole run. Time in C
    builtins and in the standard library (the regular expressions Markdown
    and the plugin run, xml.etree under Markdown, file writes) has no
    category of its own: it goes to the categories of its callers, split by
    the time spent under each caller. cProfile records callers one level up,
    so for a chain of stdlib calls the split is proportional, not exact, and
    a stdlib function nobody in a category called is "other". Profiling
    slows Python code more than C code, so shares are indicative. The
    plugin's share of the build is `plugin`: its own code and the builtins
    it calls, for Liquid, links, series, backlinks and the checks (issue 6's
    list). Reading posts as Jekyll does (`reading posts`: the file, front
    matter, dates, addresses), loading front matter (`YAML`) and the Markdown
    dialect are shown on lines of their own: plain Pelican reading Jekyll
    posts does most of that too.
    """
    origins = _origins(stats)
    seconds: dict[str, float] = {}
    for func, (_, _, tottime, _, callers) in stats.items():
        own = _category(func)
        if own:
            shares = {own: 1.0}
        else:
            weights = _normalized({c: e[2] for c, e in callers.items()})
            shares = _mix(weights, lambda c: _shares(c, origins))
        for name, share in shares.items():
            seconds[name] = seconds.get(name, 0.0) + tottime * share
    return dict(sorted(seconds.items(), key=lambda item: -item[1]))


def _origins(stats: dict, rounds: int = 200) -> dict[tuple, dict[str, float]]:
    """For each function without a category, the categories its calls came from.

    A function's calls come from its callers in proportion to the time spent
    under each (cumtime per caller); a caller without a category passes on its
    own origins. Recursion makes this a system of equations, solved by
    iterating until nothing changes; what still has no origin is "other".
    """
    edges = {
        func: _normalized({c: e[3] for c, e in callers.items() if c != func})
        for func, (_, _, _, _, callers) in stats.items()
        if _category(func) is None
    }
    origins: dict[tuple, dict[str, float]] = {func: {} for func in edges}
    for _ in range(rounds):
        latest = {
            func: _mix(weights, lambda c, known=origins: _shares(c, known))
            if weights
            else {"other": 1.0}
            for func, weights in edges.items()
        }
        settled = all(
            abs(sum(latest[f].values()) - sum(origins[f].values())) < 1e-9
            for f in edges
        )
        origins = latest
        if settled:
            break
    for func, shares in origins.items():
        total = sum(shares.values())
        origins[func] = (
            {k: v / total for k, v in shares.items()} if total else {"other": 1.0}
        )
    return origins


def _shares(func: tuple, origins: dict) -> dict[str, float]:
    own = _category(func)
    return {own: 1.0} if own else origins[func]


def _normalized(weights: dict) -> dict:
    total = sum(weights.values())
    if total > 0:
        return {k: w / total for k, w in weights.items()}
    return {k: 1 / len(weights) for k in weights}


def _mix(weights: dict, shares_of) -> dict[str, float]:
    """The callers' category shares, by (normalized) weight; no caller is "other"."""
    if not weights:
        return {"other": 1.0}
    mixed: dict[str, float] = {}
    for caller, part in weights.items():
        for name, share in shares_of(caller).items():
            mixed[name] = mixed.get(name, 0.0) + part * share
    return mixed


def phases(stats: dict) -> dict[str, float]:
    """Cumulative seconds of Pelican's two passes and the plugin's link step."""
    found = dict.fromkeys(PHASES.values(), 0.0)
    for (_, _, name), (_, _, _, cumtime, _) in stats.items():
        if name in PHASES:
            found[PHASES[name]] += cumtime
    return found


def profile(source: Path, work: Path) -> tuple[dict, dict]:
    """One cold build under cProfile, reading serially.

    cProfile sees only its own process: with the plugin's reading pool the
    Markdown work happens elsewhere and the main process shows time spent
    waiting. The profile is for attribution, not timing, so it reads in one
    process (JEKYLL_WORKERS=1); time still spent waiting shows as "waiting".
    """
    command = pelican_cold(source, work, JEKYLL_WORKERS=1)
    data = work.with_name(work.name + ".prof")
    command[1:1] = ["-m", "cProfile", "-o", str(data)]  # python -m cProfile script
    measure(command, work.with_name(work.name + ".log"))
    stats = pstats.Stats(str(data)).stats  # type: ignore[attr-defined]
    return breakdown(stats), phases(stats)


# -- one size -----------------------------------------------------------------


def ensure_corpus(posts: int) -> Path:
    directory = CORPORA / str(posts)
    if not corpus.matches(directory, posts):
        print(f"generating {posts} posts into {directory.relative_to(ROOT)}/")
        corpus.generate(posts, directory)
    return directory


def scratch_copy(source: Path, work: Path) -> Path:
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(source, work / "src")
    return work / "src"


def best(repeat: int, build) -> Measured:
    return min((build() for _ in range(repeat)), key=lambda m: m.seconds)


def take_snapshot() -> str:
    """Copy the settings, theme and plugin for this run; return their fingerprint.

    Other people edit the plugin while a run takes many minutes; building
    from a copy keeps every build of one run on one version of the code.
    pelicanconf.py names the theme relative to itself, and each build imports
    the plugin from the copy (bench/pelican_from.py).
    """
    shutil.rmtree(SNAPSHOT, ignore_errors=True)
    SNAPSHOT.mkdir(parents=True)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "build", "*.egg-info")
    for name in UNDER_TEST:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, SNAPSHOT / name, ignore=skip)
        else:
            shutil.copy2(ROOT / name, SNAPSHOT / name)
    digest = hashlib.sha256()
    for name in UNDER_TEST:
        top = SNAPSHOT / name
        for path in sorted(top.rglob("*")) if top.is_dir() else [top]:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(SNAPSHOT).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
    compileall.compile_dir(PLUGIN, quiet=1)  # no build pays for it
    return digest.hexdigest()[:12]


def run_size(posts: int, args) -> Result:
    source = ensure_corpus(posts)
    out = OUT / f"build-{posts}"
    shutil.rmtree(out, ignore_errors=True)

    def step(text: str) -> None:
        print(f"[{posts}] {text}", flush=True)

    step("Pelican, cold")
    cold = best(
        args.repeat,
        lambda: measure(pelican_cold(source, out / "cold"), out / "cold.log"),
    )
    processed = re.search(r"Processed (\d+) articles", (out / "cold.log").read_text())
    if not processed or int(processed[1]) != posts:
        raise BuildError(
            f"the cold build did not publish {posts} posts: {out}/cold.log"
        )
    step("Pelican, one-edit rebuild")
    work = out / "rebuild"
    rebuild = pelican_rebuild(scratch_copy(source, work), work, args.repeat)
    result = Result(posts, cold, rebuild)
    if JEKYLL and not args.no_jekyll:
        step("Jekyll, cold")

        def jekyll_cold() -> Measured:
            shutil.rmtree(out / "jekyll-cold", ignore_errors=True)
            command = jekyll_command(source, out / "jekyll-cold")
            return measure(command, out / "jekyll-cold.log")

        result.jekyll_cold = best(args.repeat, jekyll_cold)
        step("Jekyll, --incremental rebuild")
        work = out / "jekyll-rebuild"
        result.jekyll_rebuild = jekyll_rebuild(
            scratch_copy(source, work), work, args.repeat
        )
    if not args.no_profile:
        step("Pelican, cold, under cProfile")
        result.profile, result.phases = profile(source, out / "profile")
    return result


# -- reporting ----------------------------------------------------------------


def _ratio(ours: Measured, theirs: Measured | None) -> str:
    """Wall-clock ratio, then CPU-time ratio, which load on the machine disturbs less."""
    if not theirs:
        return "-"
    wall = ours.seconds / theirs.seconds
    return f"{wall:.2f}x ({ours.cpu_seconds / theirs.cpu_seconds:.2f}x)"


def _s(m: Measured | None) -> str:
    return f"{m.seconds:.1f} s" if m else "-"


def _plugin_share(result: Result) -> float | None:
    total = sum(result.profile.values())
    if not total:
        return None
    return result.profile.get("plugin", 0) / total


def table(results: list[Result]) -> str:
    rows = [
        "| posts | Pelican cold | Jekyll cold | ratio (CPU) | Pelican one-edit "
        "rebuild | Jekyll --incremental | ratio (CPU) | ms/post cold (Jekyll) "
        "| peak MiB cold (Jekyll) | plugin share |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        per_post = f"{1000 * r.cold.seconds / r.posts:.1f}"
        peak = f"{r.cold.peak_mib:.0f}"
        if r.jekyll_cold:
            per_post += f" ({1000 * r.jekyll_cold.seconds / r.posts:.1f})"
            peak += f" ({r.jekyll_cold.peak_mib:.0f})"
        share = _plugin_share(r)
        rows.append(
            f"| {r.posts:,} | {_s(r.cold)} | {_s(r.jekyll_cold)} "
            f"| {_ratio(r.cold, r.jekyll_cold)} | {_s(r.rebuild)} "
            f"| {_s(r.jekyll_rebuild)} | {_ratio(r.rebuild, r.jekyll_rebuild)} "
            f"| {per_post} | {peak} | {'-' if share is None else f'{share:.1%}'} |"
        )
    return "\n".join(rows)


def details(results: list[Result]) -> str:
    lines = [
        "| posts | build | wall | CPU (user+sys) | peak MiB |",
        "|---|---|---:|---:|---:|",
    ]
    for r in results:
        for name, m in (
            ("Pelican cold", r.cold),
            ("Pelican rebuild", r.rebuild),
            ("Jekyll cold", r.jekyll_cold),
            ("Jekyll --incremental", r.jekyll_rebuild),
        ):
            if m:
                lines.append(
                    f"| {r.posts:,} | {name} | {m.seconds:.1f} s "
                    f"| {m.cpu_seconds:.1f} s | {m.peak_mib:.0f} |"
                )
    return "\n".join(lines)


def profiles(results: list[Result]) -> str:
    parts = []
    for r in results:
        if not r.profile:
            continue
        total = sum(r.profile.values())
        lines = [
            f"Cold build of {r.posts:,} posts under cProfile, reading in one process: "
            f"{total:.1f} s in all (profiling slows it; see `breakdown` and "
            "`profile` in bench/run.py for the method).",
            "",
            "| where | seconds | share |",
            "|---|---:|---:|",
        ]
        lines += [
            f"| {name} | {sec:.1f} | {sec / total:.1%} |"
            for name, sec in r.profile.items()
        ]
        lines += ["", "| phase (cumulative) | seconds | share |", "|---|---:|---:|"]
        lines += [
            f"| {name} | {sec:.1f} | {sec / total:.1%} |"
            for name, sec in r.phases.items()
        ]
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def goals(results: list[Result]) -> str:
    """Issue 6's goals, for the sizes this run measured."""
    by_size = {r.posts: r for r in results}
    lines = []

    def check(text: str, value: float, cap: float, unit: str = "x") -> None:
        verdict = "met" if value <= cap else "NOT met"
        lines.append(f"- {text}: {value:.2f}{unit} (goal <= {cap}{unit}): {verdict}")

    for posts, cap in COLD_GOALS.items():
        r = by_size.get(posts)
        if r and r.jekyll_cold:
            check(
                f"cold / Jekyll at {posts:,}",
                r.cold.seconds / r.jekyll_cold.seconds,
                cap,
            )
    for posts, cap in REBUILD_GOALS.items():
        r = by_size.get(posts)
        if r and r.jekyll_rebuild:
            ratio = r.rebuild.seconds / r.jekyll_rebuild.seconds
            check(f"one-edit rebuild / Jekyll --incremental at {posts:,}", ratio, cap)
    if 1000 in by_size and 10000 in by_size:
        small, large = by_size[1000], by_size[10000]
        growth = (large.cold.seconds / 10000) / (small.cold.seconds / 1000)
        check("time per post, 10,000 / 1,000", growth, LINEAR_GOAL)
    if 5000 in by_size:
        check(
            "peak memory at 5,000", by_size[5000].cold.peak_mib, MEMORY_GOAL_MIB, " MiB"
        )
    for r in results:
        share = _plugin_share(r)
        if share is not None:
            check(f"plugin share at {r.posts:,}", share * 100, PLUGIN_GOAL * 100, "%")
    return "\n".join(lines)


def code_note(code: str) -> str:
    """Which code was measured: the snapshot's fingerprint and the tree's state."""
    git = ["git", "--no-optional-locks", "-C", str(ROOT)]
    head = subprocess.run(
        [*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    changes = subprocess.run(
        [*git, "status", "--porcelain", "--", *UNDER_TEST],
        capture_output=True,
        text=True,
    ).stdout.strip()
    state = "with uncommitted changes to them" if changes else "clean"
    return (
        f"Code: {', '.join(UNDER_TEST)} as copied when the run started "
        f"(fingerprint {code}); git {head}, {state}."
    )


def machine(load_before: float) -> str:
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    jekyll = "not installed"
    if JEKYLL:
        jekyll = subprocess.run(
            [JEKYLL, "--version"], capture_output=True, text=True, env=ENV
        ).stdout.strip()
    pelican = subprocess.run(
        [sys.executable, "-m", "pelican", "--version"], capture_output=True, text=True
    ).stdout.strip()
    return (
        f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}, "
        f"Pelican {pelican}, {jekyll}; load average {load_before:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after. Shared machine: other builds and tests "
        "may have run at the same time, so times are noisy."
    )


def heading(load_before: float, code: str, repeat: int) -> dict[str, str]:
    """What the report says of the run: when, on what, which code."""
    best_of = f"fastest of {repeat} runs" if repeat > 1 else "one run each"
    return {
        "title": f"# Build speed ({time.strftime('%Y-%m-%d %H:%M')}; {best_of})",
        "machine": machine(load_before),
        "code": code,
    }


def report(results: list[Result], head: dict[str, str]) -> str:
    sections = [
        head["title"],
        head["machine"],
        head["code"],
        *([head["note"]] if head.get("note") else []),
        table(results),
        "Ratios are ours / Jekyll's (lower is better), by wall-clock time and, in "
        "brackets, by CPU time (user + sys of every process of the build: less "
        "disturbed by load, but a build on both cores spends more CPU than wall "
        "time). Jekyll builds the same corpus without a theme, feeds or index pages.",
        "## Goals (issue 6)",
        goals(results) or "(no goal applies to the sizes measured)",
        "## Every build",
        details(results),
    ]
    if any(r.profile for r in results):
        sections += ["## Where the time goes", profiles(results)]
    return "\n\n".join(sections) + "\n"


def write_report(results: list[Result], head: dict[str, str]) -> None:
    text = report(results, head)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.md").write_text(text, "utf-8")
    data = {"heading": head, "results": [asdict(r) for r in results]}
    (OUT / "results.json").write_text(json.dumps(data, indent=1) + "\n", "utf-8")
    print("\n" + text)
    print(f"written to {OUT / 'results.md'}")


def report_again() -> int:
    """The report of the last run, from results.json, with each size's time
    split again from its saved profile (after the categories have changed)."""
    data = json.loads((OUT / "results.json").read_text("utf-8"))
    results = []
    for item in data["results"]:
        result = Result(
            **{
                **item,
                **{
                    key: Measured(**item[key]) if item[key] else None
                    for key in ("cold", "rebuild", "jekyll_cold", "jekyll_rebuild")
                },
            }
        )
        saved = OUT / f"build-{result.posts}" / "profile.prof"
        if saved.is_file():
            stats = pstats.Stats(str(saved)).stats  # type: ignore[attr-defined]
            result.profile, result.phases = breakdown(stats), phases(stats)
        results.append(result)
    head = dict(data["heading"])
    head["note"] = (
        f"Report made again on {time.strftime('%Y-%m-%d %H:%M')} from the saved "
        "measurements, the profiles split by the categories of bench/run.py then."
    )
    write_report(results, head)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="1000,5000",
        type=lambda s: [int(n) for n in s.split(",") if n.strip()],
        help="comma-separated post counts (default 1000,5000)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="keep the fastest of N")
    parser.add_argument("--no-jekyll", action="store_true", help="skip Jekyll")
    parser.add_argument("--no-profile", action="store_true", help="skip cProfile")
    parser.add_argument(
        "--report", action="store_true", help="only make the last run's report again"
    )
    args = parser.parse_args(argv)
    if args.report:
        return report_again()
    load_before = os.getloadavg()[0]
    code = code_note(take_snapshot())
    results = []
    try:
        for posts in args.sizes:
            results.append(run_size(posts, args))
    except BuildError as error:
        print(f"build failed: {error}", file=sys.stderr)
        return 1
    write_report(results, heading(load_before, code, args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
