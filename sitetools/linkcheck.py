"""Check that every internal link, image and #fragment of a built site resolves.

Offline, and fast enough for the publish gate: pages are scanned as bytes
(sitetools.htmlscan), each distinct link is resolved once, and a large site
is split between worker processes, so 5,000 posts take about a second.

Links to other hosts are not followed. With `siteurl` given, absolute links
under it (as a publish build writes them) are checked as internal ones.
"""

from __future__ import annotations

import argparse
import os
import posixpath
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import htmlscan

_PAGE_SUFFIXES = (".html", ".htm")
# Schemes a browser does not fetch from this site.
_ELSEWHERE = ("mailto:", "tel:", "javascript:", "data:", "sms:", "ftp:")
# Below this many pages, starting worker processes costs more than it saves.
_PAGES_PER_WORKER = 1000


@dataclass(frozen=True, order=True)
class Broken:
    page: str
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.link}: {self.reason}"


@dataclass
class _Part:
    """One worker's share: its pages' ids, what is broken, and the fragments
    that point into another worker's pages (checked once all ids are known)."""

    ids: dict[str, set[str]] = field(default_factory=dict)
    broken: list[Broken] = field(default_factory=list)
    elsewhere: list[tuple[str, str, str, str]] = field(default_factory=list)


class Site:
    """A built site's files, and the rules that map a link onto one of them."""

    def __init__(self, root: Path, siteurl: str = ""):
        self.root = Path(root)
        base = urlsplit(siteurl)
        self.origin = (base.scheme, base.netloc) if base.netloc else None
        self.base_path = unquote(base.path).rstrip("/")
        self.files: set[str] = set()
        self.folders: set[str] = {"."}
        top = len(str(self.root)) + 1
        for folder, dirnames, filenames in os.walk(self.root):
            relative = folder[top:].replace(os.sep, "/")
            prefix = relative + "/" if relative else ""
            self.folders.update(prefix + d for d in dirnames)
            self.files.update(prefix + f for f in filenames)
        self._resolved: dict[tuple[str, str], tuple[str | None, str, str | None]] = {}

    def pages(self) -> list[str]:
        return sorted(f for f in self.files if f.endswith(_PAGE_SUFFIXES))

    def resolve(self, folder: str, link: str) -> tuple[str | None, str, str | None]:
        """(file, fragment, why broken) for a link on a page in `folder`, cached;
        the file is None for a link to the same page or to another host."""
        key = _key(folder, link)
        resolved = self._resolved.get(key)
        if resolved is None:
            resolved = self._resolved[key] = self._resolve(*key)
        return resolved

    def _resolve(self, folder: str, link: str) -> tuple[str | None, str, str | None]:
        url = link.strip()
        if not url or url.lower().startswith(_ELSEWHERE):
            return None, "", None
        parts = urlsplit(url)
        fragment = unquote(parts.fragment)
        if parts.scheme or parts.netloc:
            if (
                self.origin is None
                or (parts.scheme or self.origin[0], parts.netloc) != self.origin
            ):
                return None, "", None
            path = self._below_base(unquote(parts.path))
        elif url.startswith("/"):
            path = self._below_base(unquote(parts.path))
        elif parts.path:
            joined = posixpath.join(folder, unquote(parts.path))
            path = posixpath.normpath(joined) + (
                "/" if parts.path.endswith("/") else ""
            )
        else:
            return None, fragment, None
        if path is None:
            return None, "", f"outside the site (not under {self.base_path}/)"
        if path == ".." or path.startswith("../"):
            return None, "", "points above the site's root folder"
        target, reason = self._target(path)
        return target, fragment, reason

    def _below_base(self, path: str) -> str | None:
        if path != self.base_path and not path.startswith(self.base_path + "/"):
            return None
        rest = path[len(self.base_path) :].lstrip("/")
        return (posixpath.normpath(rest) if rest else ".") + (
            "/" if rest.endswith("/") else ""
        )

    def _target(self, path: str) -> tuple[str, str | None]:
        folder = path.rstrip("/") or "."
        if path.endswith("/") or folder in self.folders:
            if folder not in self.folders:
                return path, f"no such folder: {folder}/"
            index = "index.html" if folder == "." else f"{folder}/index.html"
            if index not in self.files:
                return index, f"folder {folder}/ has no index.html"
            return index, None
        if path not in self.files:
            return path, f"no such file: {path}"
        return path, None


def _key(folder: str, link: str) -> tuple[str, str]:
    """A link climbing to the root (`../../x.html` two folders down) means the
    same from every folder that deep: one key for all, so it is resolved once."""
    if not link.startswith("../"):
        return folder, link
    ups = 1
    while link.startswith("../", 3 * ups):
        ups += 1
    if folder and folder.count("/") + 1 == ups:
        rest = link[3 * ups :]
        return "", rest if rest[:1] not in ("", "#", "?") else "./" + rest
    return folder, link


def check(root: Path, siteurl: str = "", workers: int | None = None) -> list[Broken]:
    """Every broken internal link of every page under `root`, sorted."""
    site = Site(root, siteurl)
    pages = site.pages()
    if workers is None:
        workers = min(os.cpu_count() or 1, len(pages) // _PAGES_PER_WORKER) or 1
    if workers == 1:
        parts = [_check_pages(site, pages)]
    else:
        shares = [pages[i::workers] for i in range(workers)]
        with ProcessPoolExecutor(workers) as pool:
            parts = list(pool.map(_check_pages, [site] * workers, shares))
    ids = {page: found for part in parts for page, found in part.ids.items()}
    broken = [b for part in parts for b in part.broken]
    for page, link, target, fragment in (e for part in parts for e in part.elsewhere):
        if fragment not in ids.get(target, ()):
            broken.append(Broken(page, link, _no_id(target, fragment)))
    return sorted(broken)


def _check_pages(site: Site, pages: list[str]) -> _Part:
    scanned = [htmlscan.scan(_read(site.root, page)) for page in pages]
    part = _Part(
        ids={page: found.ids for page, found in zip(pages, scanned, strict=True)}
    )
    for page, found in zip(pages, scanned, strict=True):
        folder = posixpath.dirname(page)
        for link in set(found.links):
            target, fragment, reason = site.resolve(folder, link)
            if reason:
                part.broken.append(Broken(page, link, reason))
            elif not fragment or fragment == "top":
                continue
            elif (target := target or page) not in part.ids:
                if target.endswith(_PAGE_SUFFIXES):
                    part.elsewhere.append((page, link, target, fragment))
            elif fragment not in part.ids[target]:
                part.broken.append(Broken(page, link, _no_id(target, fragment)))
    return part


def _read(root: Path, page: str) -> bytes:
    with open(os.path.join(root, page), "rb") as file:
        return file.read()


def _no_id(target: str, fragment: str) -> str:
    return f'{target} has no element with id "{fragment}"'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="the built site, e.g. output/")
    parser.add_argument(
        "--siteurl",
        default="",
        help="the site's SITEURL, so absolute links under it are checked too",
    )
    args = parser.parse_args(argv)
    if not (args.output / "index.html").is_file():
        print(
            f"{args.output}: no index.html here; build the site first", file=sys.stderr
        )
        return 2
    broken = check(args.output, args.siteurl)
    for problem in broken:
        print(problem)
    pages = len({b.page for b in broken})
    print(f"{len(broken)} broken link(s) on {pages} page(s)", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
