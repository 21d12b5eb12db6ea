"""`make publish`: a strict, clean build that replaces output/ only when the
gate passes; a failed publish leaves output/ exactly as it was. It refuses a
placeholder address or a custom domain that is not SITEURL's host, gives
every file mode 644 and folder 755 whatever the umask, and two publishes of
the same sources give the same files, modes and times."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from sitetools import gate

SITEURL = "https://platform-team.github.io/notes"
UNPUBLISHED = "---\ntitle: Secret plans\npublished: false\n---\nSecret plans text.\n"


def publish(
    content: Path,
    output: Path,
    settings: Path = ROOT / "publishconf.py",
    *options: str,
    umask: int = 0o022,
    **env: str,
) -> subprocess.CompletedProcess:
    command = [
        sys.executable, "-m", "sitetools.publish", "--content", str(content),
        "--output", str(output), "--settings", str(settings), *options,
    ]  # fmt: skip
    env = {**os.environ, "SITEURL": SITEURL, "COLUMNS": "1000", **env}
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=300,
        preexec_fn=lambda: os.umask(umask),
    )  # fmt: skip


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


HOW = (
    "give the site's address: `SITEURL=https://your.host make publish` (for a "
    "GitHub project site https://USER.github.io/REPO, with your names), or set "
    "SITEURL in publishconf.py"
)


@pytest.mark.parametrize(
    ("siteurl", "message"),
    [
        ("", f"SITEURL is not set: {HOW}"),
        ("https://example.org", f"SITEURL https://example.org is a placeholder: {HOW}"),
        (
            "https://USER.github.io/REPO",
            f"SITEURL https://USER.github.io/REPO is a placeholder: {HOW}",
        ),
        ("http://localhost:8000", f"SITEURL http://localhost:8000 is a placeholder: {HOW}"),
        ("notes.dev/blog", f"SITEURL 'notes.dev/blog' is not an address such as https://host: {HOW}"),
    ],
)  # fmt: skip
def test_publish_refuses_an_unset_or_placeholder_siteurl(site, siteurl, message):
    site.write("_posts/2021-01-01-hello.md", "---\ntitle: Hello\n---\nHello text.\n")
    output = site.root / "output"
    done = publish(site.content, output, SITEURL=siteurl)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "publish refused:",
        message,
        "1 problem(s)",
        f"{output} was left as it was",
    ]
    assert not output.exists() and leftovers(site.root) == []


def test_a_custom_domain_must_be_siteurls_host(site):
    site.write("_posts/2021-01-01-hello.md", "---\ntitle: Hello\n---\nHello text.\n")
    output = site.root / "output"
    other = publish(
        site.content, output, ROOT / "publishconf.py", "--cname", "blog.notes.dev"
    )
    assert other.returncode == 1
    assert (
        "GITHUB_CNAME is blog.notes.dev but SITEURL's host is platform-team.github.io: "
        "GitHub Pages would serve the site at blog.notes.dev with every link pointing "
        "at platform-team.github.io; set SITEURL=https://blog.notes.dev, or "
        "GITHUB_CNAME to platform-team.github.io"
    ) in other.stderr.splitlines()
    path = publish(
        site.content, output, ROOT / "publishconf.py", "--cname", "blog.notes.dev",
        SITEURL="https://blog.notes.dev/notes",
    )  # fmt: skip
    assert path.returncode == 1
    assert (
        "SITEURL has the path /notes, but a custom domain (GITHUB_CNAME) serves the "
        "site at its root: set SITEURL=https://blog.notes.dev"
    ) in path.stderr.splitlines()
    assert not output.exists()
    same = publish(
        site.content, output, ROOT / "publishconf.py", "--cname", "Blog.Notes.dev",
        SITEURL="https://blog.notes.dev",
    )  # fmt: skip
    assert same.returncode == 0, same.stderr
    assert 'href="https://blog.notes.dev/' in (output / "index.html").read_text()


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every file and folder under `folder` (itself too): bytes, mode, time."""
    found = {".": (None, folder.stat().st_mode & 0o777, folder.stat().st_mtime_ns)}
    for path in sorted(folder.rglob("*")):
        stat = path.lstat()
        data = path.read_bytes() if path.is_file() else None
        found[path.relative_to(folder).as_posix()] = (
            data,
            stat.st_mode & 0o777,
            stat.st_mtime_ns,
        )
    return found


def test_files_are_644_and_folders_755_whatever_the_umask(site):
    site.use_sample()
    (site.content / "images").mkdir()
    private = site.content / "images" / "chart.svg"
    private.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    private.chmod(0o600)
    output = site.root / "output"
    done = publish(site.content, output, umask=0o077)
    assert done.returncode == 0, done.stderr
    modes = {path: mode for path, (_, mode, _) in snapshot(output).items()}
    assert modes["images/chart.svg"] == 0o644
    assert {modes[p] for p in modes if (output / p).is_dir()} == {0o755}
    assert {modes[p] for p in modes if (output / p).is_file()} == {0o644}
    assert "files 644, folders 755" in done.stdout


def test_two_publishes_of_the_same_sources_are_identical_to_the_second(site):
    """Same bytes, same modes, same times: an unchanged file keeps the time of
    the publish that first wrote its bytes, so `aws s3 sync` skips it."""
    site.use_sample()
    output = site.root / "output"
    first = publish(site.content, output)
    assert first.returncode == 0, first.stderr
    before = snapshot(output)
    time.sleep(1.1)  # a new publish time, had anything changed
    second = publish(site.content, output)
    assert second.returncode == 0, second.stderr
    assert snapshot(output) == before
    post = site.content / "_posts" / "2021-11-19-outage.md"
    post.write_text(post.read_text().replace("This is our", "This is our full", 1))
    third = publish(site.content, output)
    assert third.returncode == 0, third.stderr
    after = snapshot(output)
    changed = {p for p in after if after[p][2] != before[p][2]}
    assert "2021/11/19/outage.html" in changed
    assert "theme/css/site.css" not in changed
    assert "2021/09/14/full-capacity.html" not in changed
    assert all(after[p][0] != before[p][0] or (output / p).is_dir() for p in changed)


def test_source_date_epoch_gives_the_same_times_on_any_machine(tmp_path):
    """Without a previous publish to compare with, SOURCE_DATE_EPOCH is the time."""
    runs = []
    for name in ("one", "two"):
        project = tmp_path / name
        shutil.copytree(ROOT / "content", project / "content")
        output = project / "output"
        done = publish(project / "content", output, SOURCE_DATE_EPOCH="1700000000")
        assert done.returncode == 0, done.stderr
        runs.append(snapshot(output))
    assert runs[0] == runs[1]
    assert {mtime for _, _, mtime in runs[0].values()} == {1_700_000_000 * 10**9}


def tree(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file's bytes, mode and time."""
    return {
        p.relative_to(folder).as_posix(): (
            p.read_bytes(),
            p.stat().st_mode,
            p.stat().st_mtime_ns,
        )
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_a_publish_with_a_kept_cache_writes_what_a_cold_one_writes(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    cache, epoch = tmp_path / "cache", {"SOURCE_DATE_EPOCH": "1700000000"}
    conf = ROOT / "publishconf.py"
    first = publish(
        tmp_path / "content", tmp_path / "first", conf, "--cache", str(cache), **epoch
    )
    assert first.returncode == 0, first.stderr
    assert any(cache.iterdir())  # the cache CI keeps between runs
    (tmp_path / "content/_posts/2022-06-01-new.md").write_text(
        "---\ntitle: A new post\ntags: [ops]\n---\nNew, and [linked]({% post_url 2021-11-19-outage %}).\n"
    )
    cached = publish(
        tmp_path / "content", tmp_path / "cached", conf, "--cache", str(cache), **epoch
    )
    cold = publish(tmp_path / "content", tmp_path / "cold", **epoch)
    assert cached.returncode == cold.returncode == 0, cached.stderr + cold.stderr
    assert "A new post" in (tmp_path / "cached/index.html").read_text()
    assert tree(tmp_path / "cached") == tree(tmp_path / "cold")
