"""Liquid cases rendered by real Jekyll and by this site's engine, compared
one by one.

All the cases of a test module go on one HTML page (no Markdown, so what
Liquid printed is what Jekyll writes), each between markers naming its
number; one Jekyll build per module renders them all. Our engine renders the
same page body with the same `_config.yml` and `_data/`.
"""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path

import pytest
from pelican.plugins.jekyll_posts.config import settings as config
from pelican.plugins.jekyll_posts.liquid.render import for_build, render_text
from pelican.plugins.jekyll_posts.source import data
from pelican.plugins.jekyll_posts.source.site import Site

from jekyll_site import JEKYLL, build_with_jekyll

CONFIG = "timezone: America/Chicago\nurl: https://example.com\nbaseurl: /blog\n"
_CASE = re.compile(r'<p id="case-(\d+)">(.*?)</p><!--end-\1-->', re.S)


def require_jekyll() -> None:
    """Skip where Jekyll is not installed, but never in CI, which installs it."""
    if JEKYLL is None:
        if os.environ.get("CI"):
            pytest.fail("jekyll must be installed in CI", pytrace=False)
        pytest.skip("jekyll is not installed", allow_module_level=True)


def page(cases: list[str], head: str = "") -> str:
    return head + "".join(
        f'<p id="case-{n}">{case}</p><!--end-{n}-->\n' for n, case in enumerate(cases)
    )


def outputs(text: str) -> dict[int, str]:
    return {int(found[1]): found[2] for found in _CASE.finditer(text)}


def write_site(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip("\n"), "utf-8")


def jekyll_outputs(
    root: Path, cases: list[str], files: dict[str, str], head: str = ""
) -> dict[int, str]:
    """Each case as real Jekyll prints it, from one build."""
    source = root / "jekyll"
    write_site(source, files)
    (source / "cases.html").write_text(
        "---\nlayout: null\n---\n" + page(cases, head), "utf-8"
    )
    done = build_with_jekyll(source, root / "jekyll-out", CONFIG)
    assert done.returncode == 0, done.stderr
    return outputs((root / "jekyll-out" / "cases.html").read_text("utf-8"))


def renderer(folder: Path, markdownify=lambda text: text):
    """Our engine, with the site's `_config.yml` and `_data/` but no posts."""
    made = config.work_out({"PATH": str(folder), "JEKYLL_WORKERS": 1})
    loaded, problems = data.read(os.path.join(made.folder, made.data_dir))
    assert not problems
    return for_build(made, Site([], made.values, loaded), markdownify)


def our_outputs(root: Path, cases: list[str], files: dict[str, str], head: str = ""):
    """Each case as our engine prints it, and the render's problems."""
    folder = root / "ours"
    write_site(folder, {**files, "_config.yml": CONFIG})
    rendered = render_text(renderer(folder), page(cases, head), "cases.html")
    return outputs(rendered.text), rendered.problems


def compared(
    tmp_path_factory, cases: list[str], files: dict[str, str], head=""
) -> dict:
    """For a module fixture: Jekyll's and our outputs of every case."""
    root = tmp_path_factory.mktemp("filters")
    ours, problems = our_outputs(root, cases, files, head)
    jekyll = jekyll_outputs(root, cases, files, head)
    return {"jekyll": jekyll, "ours": ours, "problems": problems}


def check(results: dict, cases: list[str], number: int) -> None:
    assert not results["problems"], results["problems"]
    assert results["ours"].get(number) == results["jekyll"][number], cases[number]
