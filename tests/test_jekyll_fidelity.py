"""The corpus in tests/fidelity/, built with real Jekyll 4.3 and with this site,
reads the same: each post's body text (whitespace aside), every link target and
every id, except in the posts where the doctor reports a difference.

Runs wherever `jekyll` is installed; CI installs it, so there it never skips.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from pelican.plugins.jekyll_posts import doctor

from conftest import ROOT, Site
from jekyll_site import JEKYLL, build_with_jekyll, post_addresses

if JEKYLL is None:
    if os.environ.get("CI"):
        pytest.fail("jekyll must be installed in CI", pytrace=False)
    pytest.skip("jekyll is not installed", allow_module_level=True)

CORPUS = ROOT / "tests" / "fidelity"
SITEURL = "https://example.org/blog"
CONFIG = "timezone: America/Chicago\nurl: https://example.org\nbaseurl: /blog\n"


def reading(soup: BeautifulSoup, address: str) -> dict:
    """What a reader gets from a body: its text, where its links go, its ids."""
    page = urljoin(SITEURL + "/", address)
    return {
        "text": " ".join(soup.get_text().split()),
        "links": [
            urljoin(page, tag.get("href") or tag.get("src"))
            for tag in soup.find_all(["a", "img"])
        ],
        "ids": [tag["id"] for tag in soup.find_all(id=True)],
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("fidelity")
    jekyll_source = root / "jekyll"
    shutil.copytree(CORPUS, jekyll_source)
    done = build_with_jekyll(jekyll_source, root / "jekyll-out", CONFIG)
    assert done.returncode == 0, done.stderr
    site = Site(root / "site")
    shutil.copytree(CORPUS, site.content, dirs_exist_ok=True)
    result = site.build(SITEURL=SITEURL, RELATIVE_URLS=False)
    assert result.returncode == 0, result.stderr
    return {"jekyll": root / "jekyll-out", "site": result}


def post_pages(built) -> list[str]:
    return sorted(post_addresses(built["jekyll"], exclude=["about/index.html"]))


def test_the_same_posts_are_published(built):
    ours = {f for f in built["site"].files() if f[:4].isdigit() and f.endswith(".html")}
    assert set(post_pages(built)) == ours
    assert not any(f.startswith("2099/") for f in ours)  # future: false


def test_every_post_reads_the_same_unless_the_doctor_says_otherwise(built):
    findings, _ = doctor.examine(CORPUS)
    reported = {Path(p.path).name for _, p in findings}
    assert reported == {"2021-01-08-differences.md"}
    for address in post_pages(built):
        jekyll = BeautifulSoup((built["jekyll"] / address).read_text(), "html.parser")
        ours = built["site"].page(address).select_one(".post-body")
        name = "-".join(address.split("/")[:3]) + "-" + address.split("/")[3]
        if name.replace(".html", ".md") in reported:
            assert reading(jekyll, address) != reading(ours, address)
        else:
            assert reading(ours, address) == reading(jekyll, address), address
