"""`make publish`: a strict, clean build that replaces output/ only when the
gate passes; a failed publish leaves output/ exactly as it was."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from sitetools import gate

SITEURL = "https://example.org/notes"
UNPUBLISHED = "---\ntitle: Secret plans\npublished: false\n---\nSecret plans text.\n"


def publish(
    content: Path, output: Path, settings: Path = ROOT / "publishconf.py"
) -> subprocess.CompletedProcess:
    command = [
        sys.executable, "-m", "sitetools.publish", "--content", str(content),
        "--output", str(output), "--settings", str(settings),
    ]  # fmt: skip
    env = {**os.environ, "SITEURL": SITEURL, "COLUMNS": "1000"}
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=300
    )


def leftovers(folder: Path) -> list[str]:
    """Temporary folders a publish left beside output/."""
    return [p.name for p in folder.iterdir() if ".publish-" in p.name]


def test_the_sample_site_publishes_with_absolute_urls_and_feeds(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    (tmp_path / "content/_posts/2021-12-24-secret.md").write_text(UNPUBLISHED)
    output = tmp_path / "output"
    done = publish(tmp_path / "content", output)
    assert done.returncode == 0, done.stdout + done.stderr
    index = (output / "index.html").read_text()
    assert f'href="{SITEURL}/' in index
    assert (output / "feeds" / "all.atom.xml").is_file()
    pages = "".join(p.read_text() for p in output.rglob("*.html"))
    assert "Secret plans" not in pages
    assert gate.check(output, SITEURL) == []
    assert leftovers(tmp_path) == []


def test_a_publish_replaces_the_whole_output(site):
    site.write("_posts/2021-01-01-hello.md", "---\ntitle: Hello\n---\nHello text.\n")
    output = site.root / "output"
    (output / "old").mkdir(parents=True)
    (output / "old" / "stale.html").write_text("<p>stale</p>")
    done = publish(site.content, output)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (output / "2021" / "01" / "01" / "hello.html").is_file()
    assert not (output / "old").exists()
    assert leftovers(site.root) == []


def test_a_failed_build_leaves_output_as_it_was(site):
    post = site.write(
        "_posts/2021-01-01-hello.md",
        "---\ntitle: Hello\n---\nSee {% post_url 2020-01-01-missing %}.\n",
    )
    output = site.root / "output"
    output.mkdir()
    (output / "index.html").write_text("<p>the live site</p>")
    done = publish(site.content, output)
    assert done.returncode == 1
    assert f"{post}:4:5: post_url" in done.stdout + done.stderr
    assert "publish refused" in done.stderr
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text() == "<p>the live site</p>"
    assert leftovers(site.root) == []


def test_the_gate_refuses_what_the_build_let_through(site):
    site.write("_posts/2021-01-01-hello.md", "---\ntitle: Hello\n---\nHello text.\n")
    site.write("images/.env", "TOKEN=secret\n")
    output = site.root / "output"
    done = publish(site.content, output)
    assert done.returncode == 1
    assert "images/.env: a dotfile" in done.stderr
    assert f"{output} was left as it was" in done.stderr
    assert not output.exists()
    assert leftovers(site.root) == []


def test_publish_is_strict_and_draft_free_whatever_the_settings_say(site):
    """Even settings that turn strictness off and drafts on cannot loosen it."""
    lenient = site.root / "lenient.py"
    lenient.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "from publishconf import *\n"
        f"THEME = {str(ROOT / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
        "JEKYLL_STRICT = False\nJEKYLL_DRAFTS = True\n"
    )
    site.write("_posts/2021-01-01-hello.md", "---\ntitle: Hello\n---\nHello text.\n")
    site.write("_posts/2021-12-24-secret.md", UNPUBLISHED)
    output = site.root / "output"
    done = publish(site.content, output, lenient)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not (output / "2021" / "12" / "24" / "secret.html").exists()
    site.write(
        "_posts/2021-02-01-broken.md", "---\ntitle: B\n---\n{% post_url nope %}\n"
    )
    done = publish(site.content, output, lenient)
    assert done.returncode == 1
    assert "post_url" in done.stdout + done.stderr
    assert (output / "2021" / "01" / "01" / "hello.html").is_file()


def test_publish_refuses_an_output_that_holds_the_sources(site):
    site.write("_posts/2021-01-01-hello.md", "---\ntitle: Hello\n---\nHello text.\n")
    done = publish(site.content, site.root)
    assert done.returncode == 1
    assert "it contains the content folder" in done.stderr
    assert (site.content / "_posts" / "2021-01-01-hello.md").is_file()
    assert leftovers(site.root) == [] and leftovers(site.root.parent) == []


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A hand-made site with one of each thing the gate must refuse."""
    root = tmp_path / "site"
    files = {
        "index.html": '<a href="page.html">ok</a><a href="gone.html">gone</a>',
        "page.html": "<p>{{ site.title }}</p><p>{% raw %}</p>",
        "post.html": '<a href="{filename}/x.md">x</a><img src="|static|/y.png">',
        "draft.html": '<article data-status="draft"><p>Draft</p></article>',
        "drafts/old.html": "<p>Draft</p>",
        ".env": "TOKEN=secret",
        ".nojekyll": "",
        "CNAME": "example.org",
        "assets/.DS_Store": "",
        ".git/config": "",
        "logo.png": "\x89PNG\0{{ binary }}",
        "notes.txt": "Not {{ escaped }} here either.",
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (root / "link.html").symlink_to(root / "page.html")
    (root / "linked").symlink_to(root / "assets")
    return root


def test_the_gate_names_each_problem(built):
    assert gate.check(built) == [
        ".env: a dotfile",
        ".git/: a hidden folder",
        "assets/.DS_Store: a dotfile",
        'draft.html: a draft (marked data-status="draft")',
        "drafts/: a folder of drafts",
        "index.html: gone.html: no such file: gone.html",
        "link.html: a symlink",
        "linked: a symlink",
        "notes.txt:1: unresolved '{{'",
        "page.html:1: unresolved '{%'",
        "page.html:1: unresolved '{{'",
        "post.html: {filename}/x.md: no such file: {filename}/x.md",
        "post.html: |static|/y.png: no such file: |static|/y.png",
        "post.html:1: unresolved '{filename}'",
        "post.html:1: unresolved '|static|'",
    ]
