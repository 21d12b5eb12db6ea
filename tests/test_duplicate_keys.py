"""A key given twice, in front matter or `_config.yml`: a warning at the later
one, whose value is used, as Jekyll uses it; the build (strict) goes on.

Compared with real Jekyll where it is installed (in CI it must be).
"""

from __future__ import annotations

import pytest

from conftest import Site
from jekyll_site import BASE_CONFIG, build_copy_with_jekyll, jekyll_page, normalised

CONFIG = BASE_CONFIG + "timezone: America/Chicago\ntitle: Old name\ntitle: New name\n"
POST = """\
---
title: First title
tags: [one]
permalink: /first/
image:
  src: a.png
  src: b.png
title: Second title
tags: [two, three]
permalink: /second/
---
{{ page.title }} / {{ page.tags | join: "," }} / {{ page.image.src }} / {{ site.title }}
"""
SOURCE = "_posts/2021-03-01-twice.md"


def line_of(text: str, start: str, nth: int) -> int:
    """The line (from 1) of the `nth` line of `text` starting with `start`."""
    found = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start)]
    return found[nth]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("duplicates") / "pelican")
    site.write("_config.yml", CONFIG)
    site.write(SOURCE, POST)
    return site, site.build(RELATIVE_URLS=False)


def test_the_last_value_wins(built):
    _, result = built
    assert result.returncode == 0, result.stderr
    page = result.page("second/index.html")
    assert page.h1.get_text() == "Second title"
    assert " ".join(page.select_one(".post-body").get_text().split()) == (
        "Second title / two,three / b.png / New name"
    )
    assert result.exists("tag/two.html") and not result.exists("tag/one.html")
    assert not result.exists("first/index.html")


@pytest.mark.parametrize(
    "path, text, key, indent",
    [
        (SOURCE, POST, "title", ""),
        (SOURCE, POST, "tags", ""),
        (SOURCE, POST, "permalink", ""),
        (SOURCE, POST, "src", "  "),
        ("_config.yml", CONFIG, "title", ""),
    ],
)
def test_each_repeat_is_a_warning_at_the_later_key(built, path, text, key, indent):
    _, result = built
    line = line_of(text, f"{indent}{key}:", 1)
    where = f"content/{path}:{line}:{len(indent) + 1}: warning: "
    assert [p for p in result.problems if p.startswith(where)], result.stderr
    [warning] = [p for p in result.problems if p.startswith(where)]
    assert f"'{key}'" in warning


def test_the_post_reads_as_jekylls(built):
    site, result = built
    jekyll_out = build_copy_with_jekyll(site.content, site.root.parent)
    theirs = jekyll_page(jekyll_out, "second/index.html")
    ours = result.page("second/index.html").select_one(".post-body")
    assert normalised(ours) == normalised(theirs)
    assert not (jekyll_out / "first").exists()
