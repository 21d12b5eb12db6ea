"""`python -m jekyll_posts.doctor DIR`: every construct in a folder of Jekyll
posts that this site renders differently from Jekyll, or cannot render,
grouped by kind, each with its file and line.

It reads every Markdown file as the build does (front matter, Liquid with
includes, links, the kramdown scan) without running Pelican, so a writer can
check a whole blog before moving it, and knows what to fix.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from . import config as config_module
from .diagnostics import Problem
from .kramdown import differences
from .link.links import Target, resolve
from .liquid import render as liquid
from .source import documents
from .source.posts import PostIndex, post_file
from .source.site import Site

# `series/` holds this site's series descriptions, not Jekyll content.
_SKIPPED = {"_site", "_includes", "_layouts", "node_modules", "vendor", "series"}
_DOUBLE_BASEURL = re.compile(
    r"\{\{-?\s*site\.baseurl\s*-?\}\}\{%-?\s*(post_url|link)\b"
)
_LINK_TAG = re.compile(r"\{%-?\s*(?:post_url|link)\s")
# What comes before a tag that stands for a URL in a link or an attribute.
_IN_LINK = re.compile(
    r"""(?:\]\(|^ {0,3}\[[^\]\n]+\]:|=\s*["']?)\s*(?:\{\{[^}]*\}\})*\s*\Z""", re.M
)
# Problem messages, by the kind the report lists them under (first match wins).
_LIQUID_KINDS = [
    ("unknown Liquid tag", "Liquid tag not supported"),
    ("unknown Liquid filter", "Liquid filter not known (Jekyll passes the value on)"),
    ("include", "include"),
    ("highlight", "highlight"),
]
DELIBERATE = {
    "site.baseurl before post_url or link": "Jekyll's tag already starts with baseurl, "
    "so Jekyll writes it twice; this site once",
    "post_url or link outside a link": "Jekyll prints the address below the host "
    "(/blog/2021/...); this site prints SITEURL in front (https://example.org/blog/...)",
}


def site_files(folder: Path) -> Iterator[Path]:
    """The files Jekyll would read: not in `_site`, `_layouts` or hidden folders."""
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(
            f for f in folders if f not in _SKIPPED and not f.startswith(".")
        )
        for name in sorted(files):
            yield Path(root) / name


def examine(folder: Path) -> tuple[list[tuple[str, Problem]], int]:
    """Every finding as (kind, problem), and how many files were read: the
    reader's own steps (front matter, Liquid with includes, links, the
    kramdown scan), without Markdown and without Pelican."""
    # Unknown filters are listed, though Jekyll passes the value through.
    made = config_module.work_out(
        {"PATH": str(folder), "JEKYLL_WORKERS": 1, "JEKYLL_STRICT_FILTERS": True}
    )
    readable = tuple(f".{e}" for e in (*made.markdown_ext, *documents.HTML))
    everything = [p.relative_to(folder).as_posix() for p in site_files(folder)]
    existing = {source: Target(source, "") for source in everything}
    sources = [s for s in everything if s.lower().endswith(readable)]
    defaults = made.defaults()
    prepared = [
        documents.prepare(str(folder / s), made, defaults, _unchanged) for s in sources
    ]
    findings: list[tuple[str, Problem]] = [("configuration", p) for p in made.problems]
    site = Site([p.document for p in prepared if p.document], made.values)
    renderer = liquid.for_build(made, site, lambda text: text)
    index = PostIndex([p for p in map(post_file, sources) if p is not None])
    published = {
        p.document.source: "" for p in prepared if p.document and p.document.written
    }
    unpublished = {
        p.document.source: "published: false"
        for p in prepared
        if p.document and not p.document.written
    }
    for item in prepared:
        findings += [("front matter", p) for p in item.problems]
        document = item.document
        if document is None or not document.written:
            continue
        body = renderer.render(document.body, document.path, item.body_line, document)
        findings += [(_liquid_kind(p.message), p) for p in body.problems]
        if not item.html:
            findings += [
                (d.kind, Problem(document.path, d.line, d.col, d.message, "warning"))
                for d in differences.scan(document.body, item.body_line)
            ]
        findings += _deliberate(document.path, document.body, item.body_line)
        _, problems = resolve(
            body.links, document.path, index, published, unpublished, existing
        )
        findings += [("link that does not resolve", p) for p in problems]
    return findings, len(sources)


def _unchanged(key: str, value):
    """Stands in for Pelican's metadata processing, which the doctor does without."""
    return value


def _liquid_kind(message: str) -> str:
    return next((kind for text, kind in _LIQUID_KINDS if text in message), "Liquid")


def _deliberate(path: str, body: str, first_line: int) -> list[tuple[str, Problem]]:
    """The documented differences, so a writer can decide whether they matter."""
    found = []
    for match in _DOUBLE_BASEURL.finditer(body):
        line, col = _position(body, match.start(), first_line)
        kind = "site.baseurl before post_url or link"
        found.append(
            (kind, Problem(path, line, col, f"{kind}: {DELIBERATE[kind]}", "warning"))
        )
    for match in _LINK_TAG.finditer(body):
        if not _IN_LINK.search(body, max(0, match.start() - 300), match.start()):
            line, col = _position(body, match.start(), first_line)
            kind = "post_url or link outside a link"
            message = f"{kind}: {DELIBERATE[kind]}"
            found.append((kind, Problem(path, line, col, message, "warning")))
    return found


def _position(text: str, offset: int, first_line: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return first_line + text.count("\n", 0, offset), offset - line_start + 1


def report(findings: list[tuple[str, Problem]], files: int) -> str:
    if not findings:
        return f"Nothing renders differently from Jekyll in {files} file(s)."
    groups: dict[str, list[Problem]] = {}
    for kind, problem in findings:
        groups.setdefault(kind, []).append(problem)
    lines = []
    for kind in sorted(groups, key=lambda k: (-len(groups[k]), k)):
        lines.append(f"{kind} ({len(groups[kind])})")
        lines += [f"  {p}" for p in sorted(set(groups[kind]))]
        lines.append("")
    touched = len({p.path for _, p in findings})
    lines.append(
        f"{len(findings)} construct(s) render differently or not at all, "
        f"in {touched} of {files} file(s)."
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m jekyll_posts.doctor",
        description="List what this site renders differently from Jekyll.",
    )
    parser.add_argument("folder", type=Path, help="a Jekyll site or content folder")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        parser.error(f"{args.folder} is not a folder")
    findings, files = examine(args.folder)
    print(report(findings, files))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
