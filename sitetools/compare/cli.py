"""`python -m sitetools.compare FOLDER [--keep DIR] [--json FILE] [--lenient]`.

Exit status: 0 when every post reads the same on both sides, 1 when anything
differs (or this site cannot build the folder), 2 when no comparison could be
made (Jekyll missing or failing, no such folder).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit

from .. import pelican_cli
from . import here, jekyll, reading
from .diff import Body, compare, report, totals

ROOT = Path(__file__).resolve().parents[2]
# Lines of a failed build's log shown when it printed no located problem.
_LOG_TAIL = 20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "folder", type=Path, help="a Jekyll site, or a folder with _posts/"
    )
    parser.add_argument(
        "--keep", type=Path, help="build into this new folder and keep it"
    )
    parser.add_argument(
        "--json", type=Path, help="also write the results here, as JSON"
    )
    parser.add_argument(
        "--lenient",
        action="store_true",
        help="build this site with JEKYLL_STRICT off, so posts with problems are compared too",
    )
    parser.add_argument("--settings", type=Path, default=ROOT / "pelicanconf.py")
    args = parser.parse_args(argv)
    try:
        return run(args)
    except jekyll.CompareError as error:
        print(error, file=sys.stderr)
        return 2


def run(args: argparse.Namespace) -> int:
    folder = args.folder.resolve()
    if not folder.is_dir():
        raise jekyll.CompareError(f"{args.folder}: no such folder")
    env = jekyll.environment()
    program = shutil.which("jekyll", path=env["PATH"])
    if program is None:
        raise jekyll.CompareError(jekyll.INSTALL_HINT)
    if args.keep:
        if args.keep.exists() and any(args.keep.iterdir()):
            raise jekyll.CompareError(
                f"{args.keep}: not empty; --keep needs a new folder"
            )
        args.keep.mkdir(parents=True, exist_ok=True)
        return _compare(folder, args.keep.resolve(), program, env, args)
    with tempfile.TemporaryDirectory(prefix="compare-") as work:
        return _compare(folder, Path(work), program, env, args)


def _compare(folder: Path, work: Path, program: str, env: dict, args) -> int:
    """Both builds side by side (Jekyll runs while this site builds), then
    the report; the Jekyll process never outlives the comparison."""
    config = jekyll.read_config(folder)
    (work / "jekyll-work").mkdir()
    prepared = jekyll.prepare(folder, work / "jekyll-work", config, env)
    if prepared.notes:
        print("\n".join([*prepared.notes, ""]))
    manifest = work / "jekyll-work" / "manifest.json"
    process = jekyll.start(program, prepared, work / "jekyll", manifest, env)
    try:
        extra = {"JEKYLL_STRICT": False} if args.lenient else {}
        ours = here.build(folder, work / "here", work, args.settings, extra)
        log, _ = process.communicate()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if process.returncode or not manifest.is_file():
        lines = jekyll.failure(log, prepared)
        raise jekyll.CompareError("\n".join(["Jekyll's build failed:", *lines]))
    if ours.returncode:
        _print_failure(ours.stdout + ours.stderr)
        return 1
    outcomes = _outcomes(
        work, jekyll.addresses(manifest), here.addresses(work / "here"), config
    )
    for line in report(outcomes):
        print(line)
    if args.json:
        _write_json(args.json, outcomes)
    return 0 if all(o.same for o in outcomes) else 1


def _outcomes(work: Path, theirs: dict, mine: dict, config: dict) -> list:
    """Each side's posts read from its output, links judged against both
    sides' addresses, then compared."""
    their_index, my_index = reading.address_index(theirs), reading.address_index(mine)
    hosts, bases = _site(config)
    return compare(
        {
            source: _body(
                (work / "jekyll" / address).read_text("utf-8", "replace"),
                reading.PageLinks(address, their_index, my_index, hosts, bases),
            )
            for source, address in theirs.items()
        },
        {
            source: _body(
                here.body(work / "here", address),
                reading.PageLinks(address, my_index, their_index, hosts, bases),
            )
            for source, address in mine.items()
        },
    )


def _site(config: dict) -> tuple[list[str], list[str]]:
    """The hosts and base paths under which a link is a link to this site."""
    url = urlsplit(str(config.get("url") or ""))
    hosts = [url.netloc] if url.netloc else []
    baseurl = str(config.get("baseurl") or "")
    return hosts, [baseurl] if baseurl.strip("/") else []


def _body(html: str, page: reading.PageLinks) -> Body:
    soup = reading.parse(html)
    words = tuple(reading.words(soup))
    return Body(page.address, words, frozenset(reading.post_links(soup, page)))


def _print_failure(log: str) -> None:
    """This site's build failed: its located problems, else the end of its log."""
    problems = pelican_cli.problems(log)
    lines = [str(p) for p in problems] or log.rstrip().splitlines()[-_LOG_TAIL:]
    for line in lines:
        print(line)
    print(
        "This site's build failed, so nothing was compared "
        "(--lenient, or LENIENT=1 with make, builds with these as warnings)."
    )


def _write_json(path: Path, outcomes) -> None:
    posts = [
        {
            "source": o.source,
            "jekyll": o.jekyll.address if o.jekyll else None,
            "here": o.here.address if o.here else None,
            "same_address": o.same_address,
            "same_links": o.same_links,
            "same_text": o.same_text,
            "links": None if o.links is None else asdict(o.links),
            "text": None if o.text is None else asdict(o.text),
        }
        for o in outcomes
    ]
    data = {"posts": posts, "totals": totals(outcomes)}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
