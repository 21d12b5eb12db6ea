"""The link checker finds every planted broken link, image and fragment, and
nothing else; it passes on the sample site as `make publish` builds it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from sitetools import linkcheck, pelican_cli

PAGES = {
    "index.html": """<!DOCTYPE html><html><head>
<link rel="stylesheet" href="theme/site.css">
<link rel="stylesheet" href="theme/missing.css">
<script src="js/app.js"></script>
<script>var html = '<a href="in-script.html">';</script>
<style>a { background: url(in-style.png) }</style>
</head><body>
<!-- <a href="commented-out.html">old</a> -->
<a href="posts/one.html">fine</a>
<a href="posts/none.html">gone</a>
<a href="posts/one.html#part-two">fine fragment</a>
<a href="posts/one.html#part-three">missing fragment</a>
<a href="posts/one.html#anchor">fine a-name</a>
<a href="#top">top of page</a>
<a href="#here">same page</a>
<a href="#nowhere">missing same page</a>
<a href="about/">fine folder</a>
<a href="about">fine folder without slash</a>
<a href="empty/">folder without index</a>
<a href="../outside.html">above the root</a>
<a href="/blog/posts/one.html">fine root-relative</a>
<a href="/posts/one.html">root-relative, missing the base path</a>
<a href="https://example.org/blog/posts/one.html">fine absolute</a>
<a href="https://example.org/blog/posts/gone.html">missing absolute</a>
<a href="https://example.org/other/">outside the base path</a>
<a href="https://elsewhere.example/x.html">external</a>
<a href="mailto:team@example.org">mail</a>
<a href="posts/one.html?utm=x">fine with a query</a>
<a href="posts/with%20space.html">fine, encoded</a>
<a title="a > b" href="posts/after-quoted-gt.html">quoted &gt; in an attribute</a>
<a href='posts/one.html#part-two'>single quotes</a>
<a href=posts/one.html>unquoted</a>
<A HREF="POSTS/ONE.HTML">wrong case</A>
<img src="images/ok.png" alt="">
<img src="images/missing.png" alt="">
<img src="images/ok.png" srcset="images/ok.png 1x, images/missing-2x.png 2x" alt="">
<p id="here">Text mentioning href="not-a-link.html" in prose.</p>
</body></html>""",
    "posts/one.html": """<html><body><h2 id="part-two">Two</h2>
<a name="anchor"></a><a href="../index.html#here">back</a>
<a href="../#here">back to the folder's index</a><a href="../?q=1">with a query</a>
<a href="../index.html#gone">back to nothing</a>
<a href="../images/ok.png">up one level</a></body></html>""",
    "posts/with space.html": "<html><body>Spaced</body></html>",
    "about/index.html": "<html><body>About</body></html>",
    "empty/note.txt": "not a page",
    "theme/site.css": "body {}",
    "js/app.js": "",
    "images/ok.png": "png",
}

EXPECTED = {
    ("index.html", "theme/missing.css"): "no such file: theme/missing.css",
    ("index.html", "posts/none.html"): "no such file: posts/none.html",
    ("index.html", "posts/one.html#part-three"): 'no element with id "part-three"',
    ("index.html", "#nowhere"): 'no element with id "nowhere"',
    ("index.html", "empty/"): "folder empty/ has no index.html",
    ("index.html", "../outside.html"): "points above the site's root folder",
    ("index.html", "https://example.org/blog/posts/gone.html"): "no such file",
    ("index.html", "https://example.org/other/"): "outside the site",
    ("index.html", "/posts/one.html"): "outside the site (not under /blog/)",
    ("index.html", "posts/after-quoted-gt.html"): "no such file",
    ("index.html", "POSTS/ONE.HTML"): "no such file",
    ("index.html", "images/missing.png"): "no such file: images/missing.png",
    ("index.html", "images/missing-2x.png"): "no such file",
    ("posts/one.html", "../index.html#gone"): 'no element with id "gone"',
}


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    for name, text in PAGES.items():
        path = tmp_path / "site" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path / "site"


def test_every_planted_problem_is_found_and_nothing_else(planted):
    broken = linkcheck.check(planted, "https://example.org/blog")
    assert {(b.page, b.link) for b in broken} == set(EXPECTED)
    for problem in broken:
        assert EXPECTED[problem.page, problem.link] in problem.reason


def test_split_between_workers_the_result_is_the_same(planted):
    """Fragments pointing into another worker's pages are checked at the end."""
    serial = linkcheck.check(planted, "https://example.org/blog", workers=1)
    assert linkcheck.check(planted, "https://example.org/blog", workers=3) == serial


def test_without_siteurl_absolute_links_are_external(planted):
    links = {b.link for b in linkcheck.check(planted)}
    assert not any(link.startswith("https://") for link in links)
    assert "posts/none.html" in links
    assert "/posts/one.html" not in links
    assert "/blog/posts/one.html" in links


def test_the_command_lists_page_link_and_reason(planted):
    done = subprocess.run(
        [sys.executable, "-m", "sitetools.linkcheck", str(planted)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "index.html: images/missing.png: no such file: images/missing.png" in (
        done.stdout.splitlines()
    )
    assert "broken link(s) on 2 page(s)" in done.stderr


def test_the_sample_site_passes(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    output = tmp_path / "output"
    command = pelican_cli.command(tmp_path / "content", output, ROOT / "publishconf.py")
    env = {**os.environ, "SITEURL": "https://example.org/notes"}
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    site = linkcheck.Site(output, "https://example.org/notes")
    assert len(site.pages()) > 10
    assert linkcheck.check(output, "https://example.org/notes") == []
    clean = subprocess.run(
        [sys.executable, "-m", "sitetools.linkcheck", str(output), "--siteurl",
         "https://example.org/notes"],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert clean.returncode == 0, clean.stdout
