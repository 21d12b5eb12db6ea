"""Save to reload in the dev server (issue 17): what a writer waits for.

    .venv/bin/python bench/preview.py [--sizes 500,1000,5000] [--repeat 3]

For each size, `make devserver` runs as a user runs it (its own process, the
repository's pelicanconf.py and theme) on a copy of bench/corpus/<N>/ in
bench/out/preview-<N>/. Once its first build is served, three kinds of save
are timed, each from the moment the file is written to the moment the
browser has been told to reload (the dev server's event stream) and the
changed page is served with the change in it:

- body: a sentence added to a middle paragraph of a post in a series;
- title: a post's title changed, which every list showing the post shows;
- new post: a post added, served at its own address.

Each kind is timed `--repeat` times, keeping the fastest and the slowest.
Memory is the peak resident size of the dev server's processes (the server
and its build process) at the end. Results: bench/out/preview.md and .json.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import edit_one_post, ensure_corpus  # noqa: E402

from sitetools import server  # noqa: E402

OUT = ROOT / "bench" / "out"
PATIENCE = 600.0  # seconds: a first build at 10,000 posts, on a slow machine
# Issue 17's goals, in seconds from save to reloaded page, by posts.
GOALS = {500: 0.3, 5000: 1.0}
MEMORY_GOAL_MIB = 500
KINDS = ("body", "title", "new post")


class PreviewError(RuntimeError):
    pass


class Preview:
    """`python -m sitetools.devserver` on a port of its own, and its event stream."""

    def __init__(self, content: Path, output: Path):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sitetools.devserver", "--content", str(content),
             "--output", str(output), "--port", "0"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        line = self.process.stdout.readline()
        found = re.search(r"at (http://\S+)", line)
        if not found:
            self.stop()
            raise PreviewError(f"the dev server did not start: {line}")
        self.url = found[1]

    def builds(self) -> int:
        with urllib.request.urlopen(self.url + server.STATUS.lstrip("/")) as answer:
            return json.load(answer)["builds"]

    def events_after(self, builds: int):
        """The event stream, open before a save so its reload is not missed."""
        url = f"{self.url}{server.EVENTS.lstrip('/')}?since={builds}"
        return urllib.request.urlopen(url, timeout=PATIENCE)

    def page(self, address: str) -> str:
        try:
            with urllib.request.urlopen(self.url + address, timeout=60) as answer:
                return answer.read().decode()
        except urllib.error.HTTPError as error:
            return f"status {error.code}"

    def peak_mib(self) -> float:
        """Peak resident size of the server and its children, in MiB."""
        pids = [self.process.pid, *_children(self.process.pid)]
        return sum(_peak_kib(pid) for pid in pids) / 1024

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _peak_kib(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    return int(found[1]) if found else 0


def timed_save(preview: Preview, output: Path, save, token: str) -> float:
    """Seconds from `save()` to the reload event and the page showing `token`
    served (finding which page that is, a writer knows: not timed)."""
    events = preview.events_after(preview.builds())
    started = time.monotonic()
    save()
    line = events.readline()
    while line.startswith(b":") or line == b"\n":  # the stream's keep-alives
        line = events.readline()
    told = time.monotonic()
    events.close()
    if line != b"event: build\n":
        raise PreviewError(f"no reload event after the save: {line!r}")
    address = address_of(output, token)
    asked = time.monotonic()
    page = preview.page(address)
    seconds = (told - started) + (time.monotonic() - asked)
    if token not in page:
        raise PreviewError(f"{address} does not show {token} after the reload")
    return seconds


def address_of(output: Path, token: str) -> str:
    """The address of the post page that shows `token`."""
    for page in output.rglob("*.html"):
        if token in page.read_text("utf-8") and "/page/" not in page.as_posix():
            return page.relative_to(output).as_posix()
    raise PreviewError(f"no page shows {token}")


def retitle(post: Path, token: str) -> None:
    text = post.read_text("utf-8")
    post.write_text(
        re.sub(r"^title: .*$", f"title: Retitled {token}", text, count=1, flags=re.M),
        "utf-8",
    )


def run_size(posts: int, repeat: int) -> dict:
    work = OUT / f"preview-{posts}"
    shutil.rmtree(work, ignore_errors=True)
    content = work / "content"
    shutil.copytree(ensure_corpus(posts), content)
    output = work / "output"
    print(f"[{posts}] first build", flush=True)
    started = time.monotonic()
    preview = Preview(content, output)
    try:
        first = time.monotonic() - started
        times: dict[str, list[float]] = {kind: [] for kind in KINDS}
        for run in range(repeat):
            print(f"[{posts}] edits, run {run + 1}", flush=True)
            for kind, seconds in one_run(preview, content, output, run).items():
                times[kind].append(seconds)
        memory = preview.peak_mib()
    finally:
        preview.stop()
    return {"posts": posts, "first": first, "times": times, "peak_mib": memory}


def one_run(preview: Preview, content: Path, output: Path, run: int) -> dict:
    """A warming edit (untimed), then one save of each kind, timed."""
    token = f"previewedit{run}x"
    edited: list[Path] = []  # the post every run edits
    warm = f"{token}warm"
    timed_save(
        preview, output, lambda: edited.append(edit_one_post(content, warm)), warm
    )
    post = edited[0]
    body = timed_save(preview, output, lambda: edit_one_post(content, token), token)
    title = f"{token}t"
    retitled = timed_save(preview, output, lambda: retitle(post, title), title)
    new = content / "_posts" / f"2000-01-0{run + 1}-benchmark-new-{run}.md"
    fresh = f"{token}n"
    added = timed_save(
        preview,
        output,
        lambda: new.write_text(f"---\ntitle: New\n---\nText {fresh}.\n"),
        fresh,
    )
    return {"body": body, "title": retitled, "new post": added}


def report(results: list[dict]) -> str:
    lines = [
        "| posts | edit | fastest | slowest | goal | first build | peak memory |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        goal = GOALS.get(result["posts"])
        for kind in KINDS:
            runs = result["times"][kind]
            lines.append(
                f"| {result['posts']:,} | {kind} | {min(runs):.2f} s | "
                f"{max(runs):.2f} s | {f'< {goal} s' if goal else '-'} | "
                f"{result['first']:.1f} s | {result['peak_mib']:.0f} MiB |"
            )
    lines.append(f"\nMemory goal at 5,000 posts: under {MEMORY_GOAL_MIB} MiB.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="500,1000,5000",
        type=lambda s: [int(n) for n in s.split(",") if n.strip()],
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    results = []
    try:
        for posts in args.sizes:
            results.append(run_size(posts, args.repeat))
    except PreviewError as error:
        print(f"preview bench failed: {error}", file=sys.stderr)
        return 1
    table = report(results)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "preview.md").write_text(table + "\n", "utf-8")
    (OUT / "preview.json").write_text(json.dumps(results, indent=1), "utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
