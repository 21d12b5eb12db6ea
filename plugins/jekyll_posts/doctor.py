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

from . import differences, drafts, expressions, frontmatter, liquid, metadata, posts
from .config import Config
from .diagnostics import Problem, ProblemError
from .links import Target, resolve

# `series/` holds this site's series descriptions, not Jekyll content.
_SKIPPED = {"_site", "_includes", "_layouts", "node_modules", "vendor", "series"}
_EXTENSIONS = (".md", ".markdown", ".mkd", ".mkdn", ".mdown")
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
    ("is not supported; supported:", "Liquid filter not supported"),
    ("is not set:", "page variable not set (Jekyll prints nothing)"),
    ("is not known", "Liquid variable not known"),
    ("never closed", "Liquid tag or output not closed"),
    ("include:", "include"),
    ("highlight:", "highlight"),
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
    """Every finding as (kind, problem), and how many files were read."""
    everything = [p.relative_to(folder).as_posix() for p in site_files(folder)]
    existing = {source: Target(source, "") for source in everything}
    sources = [s for s in everything if s.endswith(_EXTENSIONS)]
    files = [folder / s for s in sources]
    index = posts.PostIndex([p for p in map(posts.post_file, sources) if p is not None])
    findings: list[tuple[str, Problem]] = []
    published: dict[str, str] = {}
    unpublished: dict[str, str] = {}
    rendered = {}
    for path, source in zip(files, sources, strict=True):
        try:
            text = path.read_text("utf-8").removeprefix("\ufeff")
            document = frontmatter.split(text, str(path))
            front = frontmatter.load(document.front_matter, str(path))
        except (ProblemError, UnicodeDecodeError) as error:
            problem = getattr(error, "problem", Problem(str(path), 1, 1, str(error)))
            findings.append(("front matter", problem))
            continue
        meta, problems = _metadata(front, source, str(path), folder)
        findings += [("front matter", p) for p in problems]
        if meta.get("status") == "skip":
            unpublished[source] = "published: false"
        else:
            published[source] = ""
        body = liquid.render(
            document.body,
            str(path),
            document.body_line,
            liquid.Site(),
            expressions.page_variables(front.text, meta, source),
            str(folder),
            Config().zone,
        )
        findings += [(_liquid_kind(p.message), p) for p in body.problems]
        findings += [
            (d.kind, Problem(str(path), d.line, d.col, d.message, "warning"))
            for d in differences.scan(document.body, document.body_line)
        ]
        findings += _deliberate(str(path), document)
        rendered[str(path)] = body.links
    for path, links in rendered.items():
        _, problems = resolve(links, path, index, published, unpublished, existing)
        findings += [("link that does not resolve", p) for p in problems]
    return findings, len(files)


def _metadata(front, source: str, path: str, folder: Path):
    post = posts.post_file(source) or drafts.draft_file(source, path, Config().zone)
    if post is not None:
        return metadata.post_metadata(front, post, path, Config(), _unchanged)
    return metadata.page_metadata(front, path, Config(), _unchanged)


def _unchanged(key: str, value):
    """Stands in for Pelican's metadata processing, which the doctor does without."""
    return value


def _liquid_kind(message: str) -> str:
    return next((kind for text, kind in _LIQUID_KINDS if text in message), "Liquid")


def _deliberate(path: str, document) -> list[tuple[str, Problem]]:
    """The documented differences, so a writer can decide whether they matter."""
    found = []
    for match in _DOUBLE_BASEURL.finditer(document.body):
        line, col = _position(document.body, match.start(), document.body_line)
        kind = "site.baseurl before post_url or link"
        found.append(
            (kind, Problem(path, line, col, f"{kind}: {DELIBERATE[kind]}", "warning"))
        )
    for match in _LINK_TAG.finditer(document.body):
        if not _IN_LINK.search(
            document.body, max(0, match.start() - 300), match.start()
        ):
            line, col = _position(document.body, match.start(), document.body_line)
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
