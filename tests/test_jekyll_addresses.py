"""Post addresses equal the ones real Jekyll 4.3 writes for the same posts.

Runs wherever `jekyll` is installed; CI installs it, so there it never skips.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, Site
from jekyll_site import (
    BASE_CONFIG,
    JEKYLL,
    build_with_jekyll,
    post_addresses,
)
from sitetools.compare.here import POSTS_ONLY

if JEKYLL is None:
    if os.environ.get("CI"):
        pytest.fail("jekyll must be installed in CI", pytrace=False)
    pytest.skip("jekyll is not installed", allow_module_level=True)

EDGE_POSTS = {
    "_posts/2021-03-05-my-post.md": (
        "---\ntitle: My post\ndate: 2021-03-05 07:08:09 +0000\n"
        "categories: [Ops, web]\n---\nBody.\n"
    ),
    "_posts/2021-04-10-tokyo.md": "---\ndate: 2021-04-10 02:00:00 +0900\n---\nBody.\n",
    "_posts/2021-04-11-late.md": "---\ndate: 2021-04-10 23:30:00 -06:00\n---\nBody.\n",
    "_posts/2021-04-12-zulu.md": "---\ndate: 2021-04-12T03:00:00Z\n---\nBody.\n",
    "_posts/2021-04-13-date-only.md": "---\ndate: 2021-04-13\n---\nBody.\n",
    "_posts/2021-04-14-moved.md": "---\ndate: 2022-07-15 10:00:00 -0500\n---\nBody.\n",
    "_posts/2021-01-01-Café Ünïcode.md": "---\ntitle: Unicode\n---\nBody.\n",
    "_posts/2021-01-02-Upper Case Name.md": "---\n---\nBody.\n",
    "_posts/2021-01-04-my-first_post.markdown": "---\n---\nBody.\n",
    "_posts/2021-01-03-with-slug.md": "---\nslug: Custom Slug Ü\n---\nBody.\n",
    "_posts/2021-02-01-spaces.md": (
        "---\ncategories: [Site Reliability, ops, ops]\n---\nBody.\n"
    ),
    "_posts/2021-02-02-split.md": '---\ncategories: "a b"\ncategory: Two Words\n---\nx\n',
    "_posts/2021-02-09-sub.md": "---\ntitle: In a subfolder\n---\nBody.\n",
    "_posts/incidents/2021-02-10-inside.md": "---\ncategories: z\n---\nBody.\n",
    "blog/_posts/2021-02-06-folder.md": "---\ncategories: [extra]\n---\nBody.\n",
    "_posts/2021-05-01-custom.md": "---\npermalink: /custom/path/\n---\nBody.\n",
    "_posts/2021-05-02-custom-file.md": "---\npermalink: /custom.html\n---\nBody.\n",
    "_posts/2021-05-03-no-slash.md": "---\npermalink: no-leading-slash\n---\nx\n",
    "_posts/2021-05-04-tpl.md": "---\npermalink: /tpl/:year/:title/\n---\nBody.\n",
    "_posts/2021-05-05-unpublished.md": "---\npublished: false\n---\nBody.\n",
    "_posts/2021-05-06-dask-0.13.0.md": "---\ntitle: Dots in the slug\n---\nBody.\n",
    "_posts/2021-05-07-html-post.html": "---\ntitle: An HTML post\n---\n<p>x</p>\n",
}

STYLES = ["date", "pretty", "ordinal", "none", "weekdate", "/blog/:year/:title/"]


def sample_and_edge_posts(root: Path) -> None:
    shutil.copytree(ROOT / "content" / "_posts", root / "_posts")
    for path, text in EDGE_POSTS.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")


def pelican_addresses(site: Site) -> set[str]:
    """Read from the same _config.yml as Jekyll's, with no settings passed."""
    result = site.build(**POSTS_ONLY)
    assert result.returncode == 0, result.stderr
    return {f for f in result.files() if f.endswith(".html")}


@pytest.mark.parametrize("style", STYLES)
def test_post_addresses_equal_jekylls(site: Site, tmp_path: Path, style: str):
    sample_and_edge_posts(site.content)
    site.write(
        "_config.yml",
        BASE_CONFIG + f"timezone: America/Chicago\npermalink: {style!r}\n",
    )
    jekyll_source = tmp_path / "jekyll"
    shutil.copytree(site.content, jekyll_source)
    done = build_with_jekyll(jekyll_source, tmp_path / "jekyll-out")
    assert done.returncode == 0, done.stderr
    expected = post_addresses(tmp_path / "jekyll-out")
    assert len(expected) >= len(EDGE_POSTS) + 8
    assert pelican_addresses(site) == expected
