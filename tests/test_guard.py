"""The build refuses output paths that would overwrite or clean sources, and
writes no draft unless a preview asks for drafts.

Real builds run against a copy of the project in a temporary folder, with
cleaning on (`-d`), so a guard that failed would wipe the copy, never the
repository; the file system root is only checked without building.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pelican.plugins.jekyll_posts.write.guard import UnsafeOutput, check_output

from conftest import ROOT

POST = "---\ntitle: Kept\n---\nKept text.\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project: a git repository with content, theme and plugins."""
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    shutil.copy(ROOT / "pelicanconf.py", root)
    shutil.copytree(ROOT / "theme", root / "theme")
    # A plugin folder of the site's own, beside the installed plugin.
    (root / "plugins").mkdir()
    (root / "plugins" / "own.py").write_text("def register():\n    pass\n")
    with open(root / "pelicanconf.py", "a", encoding="utf-8") as conf:
        conf.write('\nPLUGIN_PATHS = ["plugins"]\n')
    post = root / "content" / "_posts" / "2021-01-01-kept.md"
    post.parent.mkdir(parents=True)
    post.write_text(POST)
    return root


def sources(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def build_into(project: Path, output: Path, home: Path) -> subprocess.CompletedProcess:
    command = [
        sys.executable, "-m", "pelican", str(project / "content"),
        "-s", str(project / "pelicanconf.py"), "-o", str(output), "-d",
    ]  # fmt: skip
    env = {**os.environ, "HOME": str(home), "COLUMNS": "1000"}
    return subprocess.run(
        command, cwd=project, capture_output=True, text=True, env=env, timeout=120
    )


@pytest.mark.parametrize(
    ("target", "said"),
    [
        (".", "it is the repository root"),
        ("content", "it is the content folder"),
        ("content/_posts", "it is inside the content folder"),
        ("theme", "it is the theme folder"),
        ("plugins", "it is a plugin folder"),
        ("..", "it contains"),
        ("home", "it is the home folder"),
    ],
)
def test_the_build_refuses_a_dangerous_output_and_touches_nothing(
    project, tmp_path, target, said
):
    home = tmp_path / "home"
    home.mkdir()
    output = home if target == "home" else (project / target)
    before = sources(project)
    done = build_into(project, output, home)
    assert done.returncode == 1
    said_all = done.stdout + done.stderr
    assert f"refusing to build into {output.resolve()}: {said}" in said_all
    assert sources(project) == before
    assert list(home.iterdir()) == []


def test_the_build_writes_a_safe_output(project, tmp_path):
    done = build_into(project, project / "output", tmp_path)
    assert done.returncode == 0, done.stderr
    assert (project / "output" / "2021" / "01" / "01" / "kept.html").is_file()


def settings_of(project: Path) -> dict:
    return {
        "PATH": str(project / "content"),
        "THEME": str(project / "theme"),
        "PLUGIN_PATHS": [str(project / "plugins")],
    }


@pytest.mark.parametrize(
    ("output", "said"),
    [
        ("/", "it is the file system root"),
        ("~", "it is the home folder"),
        ("{project}", "it is the repository root"),
        ("{project}/content", "it is the content folder"),
        ("{project}/theme", "it is the theme folder"),
        ("{project}/plugins", "it is a plugin folder"),
        ("{project}/..", "it contains"),
        ("{project}/theme/../content/", "it is the content folder"),
    ],
)
def test_each_dangerous_path_is_refused(project, output, said):
    with pytest.raises(UnsafeOutput, match=said):
        check_output(output.format(project=project), settings_of(project))


def test_a_symlink_to_a_source_folder_is_refused(project):
    link = project / "out"
    link.symlink_to(project / "content")
    with pytest.raises(UnsafeOutput, match="it is the content folder"):
        check_output(link, settings_of(project))


@pytest.mark.parametrize("output", ["{project}/output", "{project}/../elsewhere"])
def test_ordinary_output_paths_pass(project, output):
    check_output(output.format(project=project), settings_of(project))


def future_and_unpublished(site):
    site.write("_posts/2021-01-01-now.md", "---\ntitle: Now\n---\nNow text.\n")
    site.write("_posts/2099-01-01-later.md", "---\ntitle: Later\n---\nLater text.\n")
    site.write(
        "_posts/2021-02-01-hush.md",
        "---\ntitle: Hush\npublished: false\n---\nHush text.\n",
    )


def test_no_draft_is_written_without_drafts(site):
    future_and_unpublished(site)
    result = site.build(WITH_FUTURE_DATES=False)
    assert result.returncode == 0, result.stderr
    assert result.exists("2021/01/01/now.html")
    written = "".join(
        (result.output / f).read_text("utf-8")
        for f in result.files()
        if f.endswith(".html")
    )
    assert "Later text." not in written
    assert "Hush text." not in written
    assert not (result.output / "drafts").exists()


def test_drafts_are_written_and_marked_in_preview(site):
    future_and_unpublished(site)
    result = site.build(WITH_FUTURE_DATES=False, JEKYLL_DRAFTS=True)
    assert result.returncode == 0, result.stderr
    for page, text in (
        ("2099/01/01/later.html", "Later text."),
        ("2021/02/01/hush.html", "Hush text."),
    ):
        html = result.page(page)
        assert text in html.get_text()
        assert html.find(attrs={"data-status": "draft"}) is not None
        assert html.find(class_="draft-notice") is not None
    assert result.page("2021/01/01/now.html").find(class_="draft-notice") is None
