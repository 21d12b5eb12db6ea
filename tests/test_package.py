"""The plugin as a Pelican user gets it: a wheel, installed into a fresh
virtual environment that has only Pelican, in a site laid out as
pelican-quickstart lays one out, with Pelican's own themes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT

# pelican-quickstart's pelicanconf.py, answered for a small site.
QUICKSTART = """\
AUTHOR = 'A writer'
SITENAME = 'Notes'
SITEURL = ""

PATH = "content"

TIMEZONE = 'UTC'

DEFAULT_LANG = 'en'

# Feed generation is usually not desired when developing
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Blogroll
LINKS = (
    ("Pelican", "https://getpelican.com/"),
)

# Social widget
SOCIAL = (
    ("You can add links in your config file", "#"),
)

DEFAULT_PAGINATION = 10

# Uncomment following line if you want document-relative URLs when developing
RELATIVE_URLS = True
"""

POSTS = {
    "_posts/2021-10-08-first-outage.md": """\
        ---
        title: The first outage
        series: Incidents
        ---
        What happened the first time.
        """,
    "_posts/2021-11-19-second-outage.md": """\
        ---
        title: The second outage
        date: 2021-11-19 08:00:00 -0600
        series: Incidents
        tags: [ops, dns]
        ---
        As [before]({% post_url 2021-10-08-first-outage %}), nobody is to blame.
        """,
}


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh environment with Pelican and the plugin's wheel, nothing else."""
    root = tmp_path_factory.mktemp("package")
    # Built from a copy: building writes build/ and egg-info/ beside the sources.
    source = shutil.copytree(
        ROOT / "pelican-jekyll-posts",
        root / "source",
        ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"),
    )
    wheels = root / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
         "--wheel-dir", str(wheels), str(source)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    [wheel] = wheels.glob("pelican_jekyll_posts-*.whl")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check",
         "pelican==4.12.0", str(wheel)],
        check=True, capture_output=True, timeout=900,
    )  # fmt: skip
    return venv


def quickstart_site(root: Path, theme: str) -> Path:
    (root / "content").mkdir(parents=True)
    conf = QUICKSTART + f"\nTHEME = {theme!r}\nPLUGINS = ['jekyll_posts']\n"
    (root / "pelicanconf.py").write_text(conf)
    for path, text in POSTS.items():
        target = root / "content" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text))
    return root


@pytest.mark.parametrize("theme", ["notmyidea", "simple"])
def test_a_new_pelican_site_with_the_wheel_publishes_jekyll_posts(
    installed, tmp_path, theme
):
    site = quickstart_site(tmp_path / "site", theme)
    done = subprocess.run(
        [str(installed / "bin" / "pelican"), "content", "-s", "pelicanconf.py",
         "-o", "output"],
        cwd=site, capture_output=True, text=True, timeout=300,
        env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    output = site / "output"

    def page(path: str) -> BeautifulSoup:
        return BeautifulSoup((output / path).read_text("utf-8"), "html.parser")

    # Jekyll's addresses (the default `date` permalink style).
    second = page("2021/11/19/second-outage.html")
    assert (output / "2021/10/08/first-outage.html").is_file()
    links = [a["href"] for a in second.find_all("a") if a.get_text() == "before"]
    assert links == ["../../../2021/10/08/first-outage.html"]
    # The series box and backlinks, in a theme that knows nothing of them.
    box = second.select_one(".jekyll-series-box")
    assert "Part 2 of 2 in Incidents" in box.get_text(" ", strip=True)
    assert box.find("a", rel="prev")["href"].endswith("2021/10/08/first-outage.html")
    first = page("2021/10/08/first-outage.html")
    [backlink] = first.select(".jekyll-backlinks li a")
    assert backlink.get_text() == "The second outage"
    # The series pages, from the plugin's own templates.
    series = page("series/incidents/index.html")
    assert [a.get_text() for a in series.select(".jekyll-series-posts > li > a")] == [
        "The first outage",
        "The second outage",
    ]
    assert "Incidents" in page("series/index.html").get_text()
