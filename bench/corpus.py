"""A deterministic corpus of Jekyll posts for the build benchmark (issue 6).

    python bench/corpus.py N DIR

DIR gets `_posts/` (a fifth of the posts in subfolders), `pages/about.md`,
a few `series/<slug>.md` descriptions and a `_config.yml` that lets Jekyll
build it offline, so Pelican and Jekyll read the very same files. Nothing in
it is Pelican-only: post_url names carry the subfolder, as Jekyll 4.3 wants.

Why the shape: the issue's figures were taken on posts of about 1,100 words
with about two post_url links each to earlier posts, 30% in a series, code in
a quarter and a table in a sixth; this reproduces that. Post i depends only on
i and on the names of the posts before it, so the corpus of 1,000 posts is the
first 1,000 of the corpus of 10,000 and time per post compares like with like.
The shares are Weyl sequences rather than coin flips, so every prefix has
them almost exactly (30% of 30 posts is 9, not "about 9").
"""

from __future__ import annotations

import itertools
import json
import math
import random
import shutil
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

# Bump on any change to the output: bench/run.py regenerates a corpus whose
# marker names another version.
VERSION = 1
MARKER = ".corpus.json"
SEED = "platform-notes-bench"

SERIES_SHARE = 0.30
CODE_SHARE = 0.25
TABLE_SHARE = 1 / 6
SUBFOLDER_SHARE = 0.20
CATEGORY_SHARE = 0.20
SERIES_INDEX_SHARE = 0.10  # of the posts in a series
WORDS_PER_POST = (850, 1150)
# Weyl constants: fractional parts of square roots of distinct primes, which are
# independent over the rationals, so one feature never predicts another.
SERIES_C, CODE_C, TABLE_C, FOLDER_C, CATEGORY_C, INDEX_C = (
    math.sqrt(p) % 1 for p in (2, 3, 5, 7, 11, 13)
)
LINKS_PER_POST = (1, 2, 2, 2, 3)

CONFIG = """\
# Written by bench/corpus.py: enough for Jekyll to build offline.
theme: null
plugins: []
"""

ABOUT = """\
---
title: About
permalink: /about/
---

A generated site for measuring build speed. Every post is made up.
"""

DET = ["the", "the", "the", "a", "each", "every", "our", "this", "that", "one"]
ADJ = [
    "slow", "fast", "shared", "noisy", "quiet", "stale", "fresh", "broken", "healthy",
    "busy", "idle", "large", "small", "primary", "secondary", "regional", "internal",
    "external", "manual", "automatic", "nightly", "weekly", "careful", "simple",
    "costly", "cheap", "new", "old", "hidden", "visible",
]  # fmt: skip
NOUN = [
    "cluster", "queue", "replica", "index", "deploy", "rollback", "owner", "runbook",
    "service", "pipeline", "alert", "budget", "incident", "review", "pager", "schedule",
    "migration", "table", "lock", "cache", "timeout", "retry", "backlog", "release",
    "branch", "build", "test", "dashboard", "metric", "threshold", "capacity",
    "request", "response", "database", "shard", "node", "region", "disk", "volume",
    "snapshot", "backup", "team", "engineer", "rota", "handover", "ticket", "change",
    "window", "outage", "latency", "error", "config", "secret", "token", "certificate",
    "proxy",
]  # fmt: skip
VERB = [
    "blocks", "drains", "fills", "restarts", "replaces", "warns", "pages", "slows",
    "speeds", "rejects", "accepts", "moves", "copies", "checks", "tracks", "shows",
    "hides", "needs", "breaks", "fixes", "starts", "stops", "holds", "loses", "keeps",
    "sends", "reads", "writes", "lists", "measures",
]  # fmt: skip
PREP = ["in", "on", "for", "with", "after", "before", "during", "behind", "under"]
ADV = [
    "quickly", "slowly", "again", "rarely", "often", "quietly", "early", "late",
    "twice", "eventually", "carefully",
]  # fmt: skip
CONJ = ["and", "but", "so", "because", "while", "although", "until"]
AUTHORS = [
    "Dev Halloran", "Mina Okafor", "Priya Raman", "Tomás Quintero",
    "Lena Fischer", "Sam Whitlock", "Aiko Tanaka", "Jordan Blake",
    "Nadia Haddad", "Oskar Lindqvist", "Ruth Mensah", "Wei Zhang",
]  # fmt: skip
TAGS = [
    "postgres", "kubernetes", "on-call", "planning", "culture", "networking", "storage",
    "dns", "terraform", "ci", "release", "monitoring", "alerting", "capacity",
    "security", "backups", "linux", "queues", "caching", "testing", "tooling",
    "incidents", "migrations", "latency", "cost", "hiring", "docs", "review",
    "ownership", "scheduling", "python", "go", "ruby", "bash", "yaml", "sql",
    "observability", "tracing", "logging",
]  # fmt: skip
CATEGORIES = ["ops", "databases", "people", "tooling", "security"]
SUBFOLDERS = ["incidents", "ops", "notes/archive"]
TOPICS = [
    "Kubernetes", "Postgres", "On-call", "Capacity", "Release", "Network",
    "Storage", "Security", "Tooling", "Planning",
]  # fmt: skip
KINDS = ["Notes", "Reviews", "Field Guide", "Deep Dives", "Diaries"]
SERIES = [f"{topic} {kind}" for kind in KINDS for topic in TOPICS]  # 50 names
# A few big series and many small ones, as blogs have (8% down to 2%).
SERIES_WEIGHTS = list(itertools.accumulate(1 / (k + 5) for k in range(len(SERIES))))
OFFSETS = ["-0800", "-0700", "-0600", "-0500", "+0000", "+0100", "+0200", "+0530"]
OFFSETS += ["+0900", "-06:00", "+01:00"]
LANGUAGES = ["python", "ruby", "go", "bash", "yaml", "sql", "javascript", "json"]
START = datetime(2008, 1, 1, 6, 0, tzinfo=UTC)


def weyl(number: int, constant: float) -> float:
    """The fractional part of number * constant: evenly spread in [0, 1)."""
    return (number * constant) % 1.0


def has(number: int, share: float, constant: float) -> bool:
    return weyl(number + 1, constant) < share


class Post:
    """One post, from its number and the names of the posts before it."""

    def __init__(self, number: int, when: datetime, earlier: list[str], taken: set):
        self.number = number
        self.rng = rng = random.Random(f"{SEED}:{number}")
        self.offset = rng.choice(OFFSETS)
        hours, minutes = int(self.offset[1:3]), int(self.offset[-2:])
        sign = -1 if self.offset[0] == "-" else 1
        self.local = when + sign * timedelta(hours=hours, minutes=minutes)
        words = [rng.choice(ADJ), rng.choice(NOUN), rng.choice(VERB)]
        words += [rng.choice(DET), rng.choice(NOUN)]
        self.title = " ".join(words).capitalize()
        # Unique slugs, whatever the date: a date and slug shared across
        # subfolders, or after time zone conversion, would be one address.
        slug = base = "-".join(words)
        suffix = 2
        while slug in taken:
            slug = f"{base}-{suffix}"
            suffix += 1
        self.slug = slug
        folder = ""
        if has(number, SUBFOLDER_SHARE, FOLDER_C):
            folder = SUBFOLDERS[number % len(SUBFOLDERS)] + "/"
        self.name = f"{folder}{self.local:%Y-%m-%d}-{slug}"
        count = min(rng.choice(LINKS_PER_POST), len(earlier))
        recent = earlier[-50:]
        self.links = [
            rng.choice(recent) if rng.random() < 0.5 else rng.choice(earlier)
            for _ in range(count)
        ]


def sentence(rng: random.Random, low: int = 8, high: int = 22, end=".") -> str:
    """Clauses of determiner, adjective, noun, verb... until low to high words."""
    target = rng.randint(low, high)
    words: list[str] = []
    while len(words) < target:
        if words:
            words[-1] += ","
            words.append(rng.choice(CONJ))
        words.append(rng.choice(DET))
        if rng.random() < 0.5:
            words.append(rng.choice(ADJ))
        words += [rng.choice(NOUN), rng.choice(VERB), rng.choice(DET)]
        words.append(rng.choice(NOUN))
        if rng.random() < 0.4:
            words += [rng.choice(PREP), rng.choice(DET), rng.choice(NOUN)]
        if rng.random() < 0.2:
            words.append(rng.choice(ADV))
    if rng.random() < 0.08:
        at = rng.randrange(len(words))
        words[at] = f"`{words[at].strip(',')}`" + ("," if "," in words[at] else "")
    elif rng.random() < 0.08:
        at = rng.randrange(len(words))
        words[at] = f"*{words[at].strip(',')}*" + ("," if "," in words[at] else "")
    text = " ".join(words)
    return text[0].upper() + text[1:] + end


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))


def code_block(rng: random.Random) -> str:
    """A fenced block in one language; no `{{` or `{%`, which Liquid would read."""
    language = rng.choice(LANGUAGES)
    name = rng.choice(NOUN)
    other = rng.choice(NOUN)
    number = rng.randint(2, 500)
    lines = {
        "python": [
            f"def drain_{name}(items, limit={number}):",
            f'    """Move at most limit items to the {other}."""',
            "    moved = []",
            "    for item in items[:limit]:",
            f"        moved.append(item.{other}())",
            "    return moved",
        ],
        "ruby": [
            f"class {name.title()}Check",
            f"  def call(#{other})",
            f"    return :ok if {other}.size < {number}",
            f'    raise "too many: #{{{other}.size}}"',
            "  end",
            "end",
        ],
        "go": [
            f"func drain{name.title()}(items []string) int {{",
            "\tcount := 0",
            "\tfor _, item := range items {",
            f'\t\tif item != "{other}" {{',
            "\t\t\tcount++",
            "\t\t}",
            "\t}",
            f"\treturn count + {number}",
            "}",
        ],
        "bash": [
            "set -euo pipefail",
            f"for host in $(cat {name}.txt); do",
            f'  ssh "$host" systemctl restart {other} || echo "failed: $host"',
            "done",
            f"sleep {number}",
        ],
        "yaml": [
            f"{name}:",
            f"  {other}: {number}",
            "  retries: 3",
            "  regions:",
            "    - eu-west-1",
            "    - us-east-2",
        ],
        "sql": [
            f"SELECT {name}_id, count(*) AS total",
            f"FROM {other}s",
            f"WHERE created_at > now() - interval '{number} minutes'",
            f"GROUP BY {name}_id",
            "ORDER BY total DESC;",
        ],
        "javascript": [
            f"export async function fetch{name.title()}(client) {{",
            f'  const response = await client.get("/{other}?limit={number}");',
            "  if (!response.ok) throw new Error(response.statusText);",
            "  return response.json();",
            "}",
        ],
        "json": [
            "{",
            f'  "{name}": {number},',
            f'  "{other}": ["primary", "secondary"],',
            '  "enabled": true',
            "}",
        ],
    }[language]
    return f"```{language}\n" + "\n".join(lines) + "\n```"


def table(rng: random.Random) -> str:
    columns = rng.randint(3, 5)
    header = [rng.choice(NOUN).title() for _ in range(columns)]
    rule = [rng.choice(["---", ":---", "---:", ":---:"]) for _ in range(columns)]
    rows = [
        [rng.choice(ADJ)] + [str(rng.randint(0, 9999)) for _ in range(columns - 1)]
        for _ in range(rng.randint(3, 8))
    ]
    return "\n".join("| " + " | ".join(r) + " |" for r in [header, rule, *rows])


def render(post: Post, series: list[str], series_index: dict | int | None) -> str:
    rng = post.rng
    lines = ["---", f'title: "{post.title}"']
    if post.offset == "+0000" and post.number % 7 == 0:
        lines.append(f"date: {post.local:%Y-%m-%d}")
    else:
        lines.append(f"date: {post.local:%Y-%m-%d %H:%M:%S} {post.offset}")
    authors = rng.sample(AUTHORS, 2 if rng.random() < 0.1 else 1)
    if len(authors) == 1:
        lines.append(f"author: {authors[0]}")
    else:
        lines.append(f"authors: [{', '.join(authors)}]")
    tags = rng.sample(TAGS, rng.randint(1, 4))
    if rng.random() < 0.2:
        lines.append(f"tags: {' '.join(tags)}")
    else:
        lines.append(f"tags: [{', '.join(tags)}]")
    if has(post.number, CATEGORY_SHARE, CATEGORY_C):
        picked = rng.sample(CATEGORIES, rng.randint(1, 2))
        lines.append(f"categories: [{', '.join(picked)}]")
    if len(series) == 1:
        lines.append(f"series: {series[0]}")
    elif series:
        lines.append(f"series: [{', '.join(series)}]")
    if isinstance(series_index, dict):
        parts = ", ".join(f"{k}: {v}" for k, v in series_index.items())
        lines.append(f"series_index: {{{parts}}}")
    elif series_index is not None:
        lines.append(f"series_index: {series_index}")
    lines += ["---", ""]

    blocks = [paragraph(rng)]  # the excerpt: always prose
    words = len(blocks[0].split())
    target = rng.randint(*WORDS_PER_POST)
    extras = []
    if has(post.number, CODE_SHARE, CODE_C):
        extras += [code_block(rng) for _ in range(rng.randint(1, 2))]
    if has(post.number, TABLE_SHARE, TABLE_C):
        extras.append(table(rng))
    while words < target:
        if rng.random() < 0.25:
            level = "##" if rng.random() < 0.7 else "###"
            blocks.append(f"{level} {sentence(rng, 2, 5, end='').rstrip(',')}")
        if extras and rng.random() < 0.3:
            blocks.append(extras.pop())
        text = paragraph(rng)
        if rng.random() < 0.1:
            text = "\n".join(f"- {sentence(rng, 4, 10)}" for _ in range(3))
        blocks.append(text)
        words += len(text.split())
    blocks += extras

    definitions = []
    for number, target_name in enumerate(post.links, 1):
        anchor = sentence(rng, 2, 4, end="").rstrip(",").lower()
        if rng.random() < 0.3:
            link = f"[{anchor}][ref-{number}]"
            definitions.append(f"[ref-{number}]: {{% post_url {target_name} %}}")
        else:
            link = f"[{anchor}]({{% post_url {target_name} %}})"
        prose = [i for i, b in enumerate(blocks) if b[0].isalpha()]
        at = prose[rng.randrange(len(prose))]
        blocks[at] += f" As we wrote in {link}, the details matter."
    if definitions:
        blocks.append("\n".join(definitions))
    return "\n".join(lines) + "\n\n".join(blocks) + "\n"


def description(name: str) -> str:
    return (
        f"---\ntitle: {name}\nsummary: Posts about {name.lower()}.\n---\n\n"
        f"Everything we wrote about {name.lower()}, oldest first.\n"
    )


def slugify(name: str) -> str:
    return name.lower().replace(" ", "-")


def generate(posts: int, directory: Path) -> None:
    """Write the corpus of `posts` posts into `directory`, replacing an old one."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        if not (directory / MARKER).is_file():
            raise SystemExit(
                f"{directory} is not empty and holds no corpus; not touching it"
            )
        shutil.rmtree(directory)
    (directory / "_posts").mkdir(parents=True)
    (directory / "pages").mkdir()
    (directory / "_config.yml").write_text(CONFIG, "utf-8")
    (directory / "pages" / "about.md").write_text(ABOUT, "utf-8")
    names: list[str] = []
    taken: set[str] = set()
    members: dict[str, int] = {}  # posts so far in each series
    when = START
    for number in range(posts):
        post = Post(number, when, names, taken)
        series: list[str] = []
        index = None
        if has(number, SERIES_SHARE, SERIES_C):
            series = post.rng.choices(SERIES, cum_weights=SERIES_WEIGHTS)
            if post.rng.random() < 0.05:
                series.append(post.rng.choice([s for s in SERIES if s != series[0]]))
            for name in series:
                members[name] = members.get(name, 0) + 1
            # Claims that agree with the date order: a part number, no conflict.
            if has(number, SERIES_INDEX_SHARE, INDEX_C):
                parts = {name: members[name] for name in series}
                index = parts if len(series) > 1 else parts[series[0]]
        path = directory / "_posts" / f"{post.name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(post, series, index), "utf-8")
        names.append(post.name)
        taken.add(post.slug)
        when += timedelta(minutes=post.rng.randint(120, 1320))
    (directory / "series").mkdir()
    for name in SERIES[::5]:
        if name in members:
            (directory / "series" / f"{slugify(name)}.md").write_text(
                description(name), "utf-8"
            )
    marker = {"version": VERSION, "posts": posts}
    (directory / MARKER).write_text(json.dumps(marker) + "\n", "utf-8")


def matches(directory: Path, posts: int) -> bool:
    """True when `directory` holds this version's corpus of `posts` posts."""
    try:
        marker = json.loads((Path(directory) / MARKER).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return marker == {"version": VERSION, "posts": posts}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit():
        print("usage: python bench/corpus.py N DIR", file=sys.stderr)
        return 2
    generate(int(argv[0]), Path(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
