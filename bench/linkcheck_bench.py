"""How long the link checker takes on a 5,000-post site (the target: under 3 s).

Writes a deterministic corpus of Jekyll posts (two post_url links each, some
to a #fragment, headings, a code block and an image), builds it once with
Pelican and the project's settings (kept in bench/out/ for the next run), then
times `sitetools.linkcheck.check` over the output, best of three runs.

    .venv/bin/python bench/linkcheck_bench.py [--posts 5000] [--rebuild]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sitetools import htmlscan, linkcheck, pelican_cli  # noqa: E402

TARGET_SECONDS = 3.0
WORDS = [
    "queue",
    "latency",
    "capacity",
    "pager",
    "incident",
    "review",
    "budget",
    "alert",
    "replica",
    "index",
    "deploy",
    "rollback",
    "owner",
    "runbook",
    "service",
    "cluster",
    "traffic",
    "retry",
    "timeout",
    "cache",
]
TAGS = ["ops", "databases", "on-call", "planning", "culture", "networking", "storage"]
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def paragraph(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def write_corpus(content: Path, posts: int) -> None:
    """`posts` posts, one a day from 2010, each linking two earlier ones."""
    rng = random.Random(posts)
    (content / "_posts").mkdir(parents=True)
    (content / "images").mkdir()
    (content / "images" / "diagram.png").write_bytes(PNG)
    names = []
    for number in range(posts):
        day = date(2010, 1, 1) + timedelta(days=number)
        name = f"{day:%Y-%m-%d}-post-{number}"
        links = []
        for earlier in rng.sample(names, min(2, len(names))):
            anchor = "#details" if rng.random() < 0.3 else ""
            links.append(f"[see also]({{% post_url {earlier} %}}{anchor})")
        body = [
            paragraph(rng, 60),
            " ".join(links),
            "## Details",
            paragraph(rng, 120),
            "![Diagram](/images/diagram.png)",
            "```\n$ make publish\n```",
            "## Follow-up",
            paragraph(rng, 80),
        ]
        tags = ", ".join(rng.sample(TAGS, 2))
        front = f"---\ntitle: Post {number}\ntags: [{tags}]\n---\n"
        (content / "_posts" / f"{name}.md").write_text(front + "\n\n".join(body) + "\n")
        names.append(name)


def build(content: Path, output: Path) -> None:
    command = pelican_cli.command(content, output, ROOT / "pelicanconf.py")
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, env=pelican_cli.environment())
    print(f"built {content} in {time.perf_counter() - started:.1f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    content = ROOT / "bench" / "corpus" / f"linkcheck-{args.posts}"
    output = ROOT / "bench" / "out" / f"linkcheck-{args.posts}"
    if args.rebuild or not (output / "index.html").is_file():
        shutil.rmtree(content, ignore_errors=True)
        shutil.rmtree(output, ignore_errors=True)
        write_corpus(content, args.posts)
        build(content, output)
    site = linkcheck.Site(output)
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        broken = linkcheck.check(output)
        runs.append(time.perf_counter() - started)
    links = sum(
        len(htmlscan.scan((output / p).read_bytes()).links) for p in site.pages()
    )
    best = min(runs)
    print(
        f"link check: {len(site.pages())} pages, {links} links, {len(broken)} broken, "
        f"best of 3: {best:.2f} s (target {TARGET_SECONDS:.0f} s; "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f})"
    )
    return 0 if best < TARGET_SECONDS and not broken else 1


if __name__ == "__main__":
    sys.exit(main())
