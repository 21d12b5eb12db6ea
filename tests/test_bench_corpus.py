"""The benchmark's corpus: deterministic, the shape issue 6 describes, buildable
by our site and by Jekyll. Timings are the benchmark's business, not the tests'."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from jekyll_site import JEKYLL, build_with_jekyll

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402
import run  # noqa: E402

POST_URL = re.compile(r"\{% post_url (\S+) %\}")


def files(directory: Path) -> dict[str, bytes]:
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def posts(directory: Path) -> dict[str, str]:
    """Post name (as post_url writes it) -> text."""
    folder = directory / "_posts"
    return {
        p.relative_to(folder).with_suffix("").as_posix(): p.read_text("utf-8")
        for p in folder.rglob("*.md")
    }


def test_same_size_gives_the_same_bytes(tmp_path):
    corpus.generate(30, tmp_path / "a")
    corpus.generate(30, tmp_path / "b")
    assert files(tmp_path / "a") == files(tmp_path / "b")


def test_a_smaller_corpus_is_the_start_of_a_larger_one(tmp_path):
    corpus.generate(30, tmp_path / "small")
    corpus.generate(60, tmp_path / "large")
    small, large = posts(tmp_path / "small"), posts(tmp_path / "large")
    assert small.items() <= large.items()


def test_shape(tmp_path):
    corpus.generate(300, tmp_path)
    found = posts(tmp_path)
    assert len(found) == 300
    assert any("/" in name for name in found)  # some in subfolders

    def share(pattern: str) -> float:
        return sum(bool(re.search(pattern, t, re.M)) for t in found.values()) / 300

    assert share(r"^series: ") == pytest.approx(0.30, abs=0.02)
    assert share(r"^```\w+$") == pytest.approx(0.25, abs=0.02)
    assert share(r"^\| ") == pytest.approx(1 / 6, abs=0.02)
    assert 0 < share(r"^series_index: ") < 0.1
    series = {m for t in found.values() for m in re.findall(r"^series: (.+)$", t, re.M)}
    assert len(series) > 25
    links = [name for t in found.values() for name in POST_URL.findall(t)]
    assert len(links) / 300 == pytest.approx(2, abs=0.2)
    assert set(links) <= set(found)
    words = [len(t.split("\n---\n", 1)[1].split()) for t in found.values()]
    assert sum(words) / len(words) == pytest.approx(1100, rel=0.1)
    assert (tmp_path / "pages" / "about.md").is_file()


def test_refuses_to_replace_a_folder_that_is_not_a_corpus(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(SystemExit):
        corpus.generate(3, tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_builds_with_our_site(site):
    (site.content / "_config.yml").unlink()  # the corpus brings its own
    corpus.generate(30, site.content)
    result = site.build(**run.FEEDS)
    assert result.returncode == 0, result.stderr
    assert result.problems == []
    assert "Processed 30 articles" in result.stdout
    assert result.exists("feeds/all.atom.xml")
    assert any(f.startswith("series/") for f in result.files())


@pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")
def test_builds_with_jekyll(tmp_path):
    corpus.generate(30, tmp_path / "src")
    done = build_with_jekyll(tmp_path / "src", tmp_path / "site")
    assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "site").rglob("*.html"))) >= 30


def test_builtins_count_for_the_category_that_called_them():
    markdown = ("/venv/site-packages/markdown/core.py", 1, "convert")
    plugin = (
        "/repo/pelican-jekyll-posts/pelican/plugins/jekyll_posts/liquid/render.py",
        1,
        "render",
    )
    regex = ("~", 0, "<method 'sub' of 're.Pattern' objects>")
    root = ("~", 0, "<built-in method builtins.exec>")
    stats = {
        root: (1, 1, 0.5, 10.0, {}),
        markdown: (1, 1, 1.0, 7.0, {root: (1, 1, 1.0, 7.0)}),
        plugin: (1, 1, 0.5, 2.5, {root: (1, 1, 0.5, 2.5)}),
        regex: (2, 2, 8.0, 8.0, {markdown: (1, 1, 6.0, 6.0), plugin: (1, 1, 2.0, 2.0)}),
    }
    seconds = run.breakdown(stats)
    assert seconds == {"Markdown": 7.0, "plugin": 2.5, "other": 0.5}


def test_the_plugins_markdown_extensions_count_as_markdown_rendering():
    def own(path):
        return run.breakdown({(path, 1, "f"): (1, 1, 1.0, 1.0, {})})

    plugin = "/repo/pelican-jekyll-posts/pelican/plugins/jekyll_posts/"
    assert own(plugin + "kramdown/speed.py") == {"Markdown": 1.0}
    assert own(plugin + "kramdown/lines.py") == {"kramdown dialect": 1.0}
    assert own(plugin + "write/rendering.py") == {"writing": 1.0}
    assert own(plugin + "link/backlinks.py") == {"plugin": 1.0}
    assert own(plugin + "source/frontmatter.py") == {"reading posts": 1.0}


def test_a_report_is_made_again_from_its_saved_measurements(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "OUT", tmp_path)
    ours, theirs = run.Measured(2.0, 3.0, 100.0), run.Measured(4.0, 4.0, 90.0)
    results = [run.Result(1000, ours, ours, theirs, theirs)]
    head = {"title": "# Build speed (a test)", "machine": "a machine", "code": "code"}
    run.write_report(results, head)
    first = (tmp_path / "results.md").read_text()
    assert "| 1,000 | 2.0 s | 4.0 s | 0.50x" in first
    assert run.report_again() == 0
    again = (tmp_path / "results.md").read_text()
    assert again.startswith("# Build speed (a test)")
    assert "Report made again" in again and "| 1,000 | 2.0 s | 4.0 s | 0.50x" in again
