"""The upload targets, run through `make` as a user would, on a copy of the
project: GitHub Pages into a local bare repository, rsync into a local
folder, S3 through a stand-in `aws` that records its arguments, and through
the real AWS CLI into moto's S3 server on 127.0.0.1 (`make aws-tools`)."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from sitetools import upload

SITEURL = "https://notes.platform-team.dev"
UNPUBLISHED = "---\ntitle: Secret plans\npublished: false\n---\nSecret plans text.\n"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The sample site and its tooling, copied; the repository's .venv is used."""
    root = tmp_path / "project"
    ignore = shutil.ignore_patterns("__pycache__")
    for folder in ("content", "theme", "sitetools"):
        shutil.copytree(ROOT / folder, root / folder, ignore=ignore)
    for name in ("Makefile", "pelicanconf.py", "publishconf.py", "requirements.txt"):
        shutil.copy(ROOT / name, root)
    (root / "content/_posts/2021-12-24-secret.md").write_text(UNPUBLISHED)
    return root


def make(project: Path, *args: str, env: dict | None = None, umask: int = 0o022):
    venv = ROOT / ".venv"
    command = ["make", "-o", f"{venv}/.installed", f"VENV={venv}", *args]
    environment = {**os.environ, "SITEURL": SITEURL, **(env or {})}
    return subprocess.run(
        command, cwd=project, capture_output=True, text=True, env=environment,
        preexec_fn=lambda: os.umask(umask),
    )  # fmt: skip


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **GIT_ENV},
    )
    return done.stdout


def test_make_github_pushes_the_checked_site_with_nojekyll(project, tmp_path):
    remote = tmp_path / "remote.git"
    git("init", "--bare", "-q", str(remote), cwd=tmp_path)
    git("init", "-q", cwd=project)
    git("remote", "add", "pages", str(remote), cwd=project)
    done = make(project, "github", "GITHUB_REMOTE=pages", env=GIT_ENV)
    assert done.returncode == 0, done.stdout + done.stderr
    tree = git("ls-tree", "-r", "gh-pages", cwd=remote).splitlines()
    modes = {line.split("\t")[1]: line.split()[0] for line in tree}
    assert ".nojekyll" in modes
    assert "index.html" in modes and "2021/11/19/outage.html" in modes
    assert "2021/12/24/secret.html" not in modes
    assert [p for p in modes if "/." in "/" + p] == [".nojekyll"]
    assert set(modes.values()) == {"100644"}  # no symlink (120000)
    page = git("show", "gh-pages:2021/11/19/outage.html", cwd=remote)
    assert f'href="{SITEURL}/' in page
    grep = subprocess.run(["git", "grep", "-l", "Secret plans", "gh-pages"], cwd=remote)
    assert grep.returncode == 1  # found nowhere


def needs(tool: str) -> None:
    """Skip without a tool here; CI installs it, so there it must be present."""
    if shutil.which(tool) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} must be installed in CI (.ci/run)", pytrace=False)
        pytest.skip(f"{tool} is not installed (.ci/run installs it)")


def test_make_github_refuses_a_custom_domain_that_is_not_siteurls_host(project):
    done = make(project, "github", "GITHUB_CNAME=docs.platform-team.dev")
    assert done.returncode != 0
    assert (
        "GITHUB_CNAME is docs.platform-team.dev but SITEURL's host is "
        "notes.platform-team.dev"
    ) in done.stderr
    assert not (project / "output").exists()


def test_make_rsync_upload_fills_a_folder_and_removes_stale_files(project, tmp_path):
    needs("rsync")
    target = tmp_path / "www"
    target.mkdir()
    (target / "stale.html").write_text("old")
    done = make(project, "rsync_upload", f"SSH_TARGET_DIR={target}")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "--delay-updates --delete-after" in done.stdout
    uploaded = {p.relative_to(target) for p in target.rglob("*") if p.is_file()}
    published = {
        p.relative_to(project / "output")
        for p in (project / "output").rglob("*")
        if p.is_file()
    }
    assert uploaded == published
    assert not (target / "stale.html").exists()


def test_rsync_gives_a_new_target_readable_modes_and_the_publish_times(
    project, tmp_path
):
    """Under umask 077 a new target would be 700: a web server running as
    another user could read nothing."""
    needs("rsync")
    target = tmp_path / "srv" / "www"
    target.parent.mkdir()
    done = make(project, "rsync_upload", f"SSH_TARGET_DIR={target}", umask=0o077)
    assert done.returncode == 0, done.stdout + done.stderr
    paths = [target, *target.rglob("*")]
    assert {p.stat().st_mode & 0o777 for p in paths if p.is_dir()} == {0o755}
    assert {p.stat().st_mode & 0o777 for p in paths if p.is_file()} == {0o644}
    published = project / "output" / "index.html"
    assert (target / "index.html").stat().st_mtime == published.stat().st_mtime


def test_a_missing_upload_tool_is_one_line_with_the_fix(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("<p>site</p>")
    empty_path = {**os.environ, "PATH": str(tmp_path / "no-tools")}
    for args, line in (
        (
            ["s3", str(output), "--bucket", "my-bucket"],
            "upload refused: `aws` is not installed: install the AWS CLI (pip "
            "install awscli, or Debian: apt-get install awscli), then run "
            "`aws configure`",
        ),
        (
            ["rsync", str(output), "--target", str(tmp_path / "www")],
            "upload refused: `rsync` is not installed: install it (Debian: "
            "apt-get install rsync), here and on the server",
        ),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "sitetools.upload", *args],
            cwd=ROOT, capture_output=True, text=True, env=empty_path,
        )  # fmt: skip
        assert done.returncode == 1
        assert done.stderr.splitlines() == [line]


def test_rsync_refuses_an_output_without_index(tmp_path):
    empty, target = tmp_path / "output", tmp_path / "www"
    empty.mkdir()
    target.mkdir()
    (target / "index.html").write_text("the live site")
    done = subprocess.run(
        [sys.executable, "-m", "sitetools.upload", "rsync", str(empty),
         "--target", str(target)],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 1
    assert "index.html is missing" in done.stderr
    assert (target / "index.html").read_text() == "the live site"


FAKE_AWS = """#!{python}
import json, os, sys
with open(os.environ["AWS_LOG"], "a") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
"""


def test_make_s3_upload_runs_exactly_these_commands(project, tmp_path):
    bin_dir, log = tmp_path / "bin", tmp_path / "aws.log"
    bin_dir.mkdir()
    fake = bin_dir / "aws"
    fake.write_text(FAKE_AWS.format(python=sys.executable))
    fake.chmod(0o755)
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "AWS_LOG": str(log)}
    done = make(project, "s3_upload", "S3_BUCKET=my-bucket", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    sync = ["s3", "sync", "output/", "s3://my-bucket/"]
    assert [json.loads(line) for line in log.read_text().splitlines()] == [
        [*sync, "--exclude", "*.html"],
        [*sync, "--exclude", "*", "--include", "*.html"],
        [*sync, "--delete"],
    ]


def test_s3_sends_an_acl_only_when_asked():
    first, second, third = upload.s3_commands(
        Path("out"), "s3://b/site/", "public-read"
    )
    assert first[-2:] == second[-2:] == ["--acl", "public-read"]
    assert "--acl" not in third
    assert first[4] == "s3://b/site/"


def test_rsync_to_a_server_goes_over_ssh():
    assert upload.rsync_command(Path("out"), "/srv/www", "web.example", "me", 2222) == [
        "rsync", "--recursive", "--checksum", "--verbose",
        "--perms", "--chmod=D755,F644", "--times", "--delay-updates", "--delete-after",
        "--compress", "--rsh", "ssh -p 2222", "out/", "me@web.example:/srv/www/",
    ]  # fmt: skip


def test_the_workflow_tests_then_publishes_through_the_gate_then_deploys():
    workflow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text())
    jobs = workflow["jobs"]
    assert [s.get("run") for s in jobs["test"]["steps"]][-1] == "bash .ci/run"
    assert jobs["build"]["needs"] == "test"
    build = next(
        s for s in jobs["build"]["steps"] if "make publish" in s.get("run", "")
    )
    assert build["env"]["SITEURL"] == "${{ steps.pages.outputs.base_url }}"
    cached = next(
        s for s in jobs["build"]["steps"] if "actions/cache@" in s.get("uses", "")
    )
    folder = cached["with"]["path"]
    assert f"PUBLISH_CACHE={folder}" in build["run"]  # restored before, saved after
    steps = jobs["build"]["steps"]
    assert steps.index(cached) < steps.index(build)
    assert "pelican-jekyll-posts/" in cached["with"]["key"]  # the plugin's fingerprint
    uploaded = jobs["build"]["steps"][-1]
    assert uploaded["uses"].startswith("actions/upload-pages-artifact@")
    assert uploaded["with"]["path"] == "output"
    assert jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")


AWS_TOOLS = ROOT / ".venv-aws" / "bin"
BUCKET = "site-bucket"
UPLOADED = re.compile(r"^upload: output/(\S+) to s3://", re.M)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def s3(tmp_path):
    """moto's S3 server on 127.0.0.1, a bucket in it, and an environment in
    which `aws` (the real CLI) talks to it alone, with no real credentials."""
    if not (AWS_TOOLS / "aws").is_file():
        if os.environ.get("CI"):
            pytest.fail("the AWS tools must be installed in CI (make aws-tools)")
        pytest.skip("the AWS CLI and moto are not installed (make aws-tools)")
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    bin_dir = tmp_path / "aws-bin"
    bin_dir.mkdir()
    (bin_dir / "aws").symlink_to(AWS_TOOLS / "aws")
    env = {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": str(tmp_path / "no-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "NO_PROXY": "127.0.0.1",
    }
    with open(tmp_path / "moto.log", "w") as log:
        server = subprocess.Popen(
            [str(AWS_TOOLS / "python"), "-m", "moto.server", "-H", "127.0.0.1",
             "-p", str(port)],
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            wait_for(endpoint)
            aws = [str(AWS_TOOLS / "aws"), "--endpoint-url", endpoint]
            subprocess.run(
                [*aws, "s3", "mb", f"s3://{BUCKET}"],
                env={**os.environ, **env}, check=True, capture_output=True,
            )  # fmt: skip
            yield endpoint, env, aws
        finally:
            server.terminate()
            server.wait(timeout=30)


def wait_for(endpoint: str) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(endpoint, timeout=2).close()
            return
        except (urllib.error.URLError, ConnectionError):
            assert time.monotonic() < deadline, "moto's server did not start"
            time.sleep(0.2)


def uploads(project: Path, endpoint: str, env: dict) -> set[str]:
    """What one `make s3_upload` sent to the bucket."""
    done = make(
        project, "s3_upload", f"S3_BUCKET={BUCKET}", f"S3_ENDPOINT={endpoint}", env=env
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return set(UPLOADED.findall(done.stdout))


def test_a_second_s3_upload_of_unchanged_sources_uploads_nothing(project, s3):
    endpoint, env, aws = s3
    first = uploads(project, endpoint, env)
    published = {
        p.relative_to(project / "output").as_posix()
        for p in (project / "output").rglob("*")
        if p.is_file()
    }
    assert first == published
    listing = subprocess.run(
        [*aws, "s3", "ls", "--recursive", f"s3://{BUCKET}/"],
        env={**os.environ, **env}, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert len(listing.splitlines()) == len(published)

    assert uploads(project, endpoint, env) == set()

    post = project / "content/_posts/2021-11-19-outage.md"
    post.write_text(post.read_text().replace("This is our", "This is our full", 1))
    third = uploads(project, endpoint, env)
    assert "2021/11/19/outage.html" in third
    assert "index.html" in third  # its excerpt is on the home page
    assert "theme/css/site.css" not in third
    assert "2021/09/14/full-capacity.html" not in third
