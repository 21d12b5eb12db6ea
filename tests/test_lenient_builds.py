"""JEKYLL_STRICT = False never drops a post: each post with a problem is
written with only the faulty part degraded, and a warning names the problem
where it is. Two outputs on one address fail the build in both modes, with a
located error naming both sources, never a traceback.
"""

from __future__ import annotations

import re

import pytest

from conftest import Site

POSTS = {
    "_posts/2021-03-01-fine.md": "---\ntitle: Fine\n---\nFine.\n",
    "_posts/2021-03-02-unknown-tag.md": (
        "---\ntitle: Unknown tag\n---\nBefore {% youtube abc123 %} after.\n\n"
        "Second paragraph.\n"
    ),
    "_posts/2021-03-03-broken-link.md": (
        "---\ntitle: Broken link\n---\nSee [the old post]({% post_url "
        "2020-01-01-gone %}) and [the fine one]({% post_url 2021-03-01-fine %}).\n"
    ),
    "_posts/2021-03-04-bad-yaml.md": (
        "---\ntitle: [unclosed\ntags: kept\n---\nBody of bad YAML.\n"
    ),
    "_posts/2021-03-05-bad-date.md": (
        "---\ntitle: Bad date\ndate: not a date\n---\nBody of a bad date.\n"
    ),
}


def position(path: str, needle: str) -> str:
    """`path:line:col` of the first `needle` in a post of POSTS."""
    text = POSTS[path]
    at = text.index(needle)
    line = text.count("\n", 0, at) + 1
    return f"content/{path}:{line}:{at - text.rfind(chr(10), 0, at)}"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    site = Site(tmp_path_factory.mktemp("lenient"))
    for path, text in POSTS.items():
        site.write(path, text)
    return site


@pytest.fixture(scope="module")
def lenient(site):
    result = site.build("lenient", JEKYLL_STRICT=False, RELATIVE_URLS=False)
    assert result.returncode == 0, result.stderr
    return result


def body(result, path: str):
    return result.page(path).select_one(".post-body")


def words(html) -> str:
    return " ".join(html.get_text().split())


def warning_at(result, where: str, *named: str) -> str:
    found = [p for p in result.problems if p.startswith(f"{where}: warning: ")]
    assert len(found) == 1, result.stderr
    for name in named:
        assert name in found[0]
    return found[0]


def test_every_post_is_written(lenient):
    for path in POSTS:
        name = path.removeprefix("_posts/").removesuffix(".md")
        assert lenient.exists(name[:10].replace("-", "/") + f"/{name[11:]}.html")


def test_an_unknown_tag_renders_nothing(lenient):
    post = "_posts/2021-03-02-unknown-tag.md"
    html = body(lenient, "2021/03/02/unknown-tag.html")
    assert [words(p) for p in html.find_all("p")] == [
        "Before after.",
        "Second paragraph.",
    ]
    warning_at(lenient, position(post, "{% youtube"), "'youtube'")


def test_a_broken_post_url_leaves_the_link_as_its_text(lenient):
    post = "_posts/2021-03-03-broken-link.md"
    html = body(lenient, "2021/03/03/broken-link.html")
    assert words(html) == "See the old post and the fine one."
    assert [(a.get_text(), a["href"]) for a in html.find_all("a")] == [
        ("the fine one", "/2021/03/01/fine.html")
    ]
    warning_at(lenient, position(post, "{% post_url 2020"), "2020-01-01-gone")


def test_bad_yaml_front_matter_leaves_the_body_as_jekyll_does(lenient):
    page = lenient.page("2021/03/04/bad-yaml.html")
    assert page.h1.get_text() == "Bad Yaml"  # Jekyll's title from the slug
    assert words(page.select_one(".post-body")) == "Body of bad YAML."
    [warning] = [p for p in lenient.problems if "bad-yaml" in p]
    assert warning.startswith("content/_posts/2021-03-04-bad-yaml.md:")
    assert ": warning: invalid YAML" in warning


def test_a_bad_date_falls_back_to_the_file_name(lenient):
    post = "_posts/2021-03-05-bad-date.md"
    page = lenient.page("2021/03/05/bad-date.html")
    assert page.h1.get_text() == "Bad date"
    assert page.time["datetime"].startswith("2021-03-05T00:00:00")
    assert words(page.select_one(".post-body")) == "Body of a bad date."
    warning_at(lenient, position(post, "not a date"), "'not a date'")


def test_a_strict_build_fails_on_the_same_problems(site, lenient):
    strict = site.build("strict")
    assert strict.returncode == 1
    # The same problems, without what a lenient build did instead: "(...)".
    assert strict.problems == [
        re.sub(r" \((?:the|that) [^)]*\)", "", p.replace(": warning: ", ": "))
        for p in lenient.problems
    ]
    assert len(strict.problems) == len(POSTS) - 1


COLLIDING = {
    "_posts/a/2021-03-01-same.md": "---\ntitle: A\n---\nA.\n",
    "_posts/b/2021-03-01-same.md": "---\ntitle: B\n---\nB.\n",
    "_posts/2021-03-02-other.md": "---\npermalink: /2021/03/01/same.html\n---\nC.\n",
    "pages/about.md": "---\npermalink: /about/\n---\nPage.\n",
    "_posts/2021-03-03-about.md": "---\npermalink: /about/\n---\nPost.\n",
}
SHARED = {
    "2021/03/01/same.html": [
        "_posts/a/2021-03-01-same.md",
        "_posts/b/2021-03-01-same.md",
        "_posts/2021-03-02-other.md",
    ],
    "about/index.html": ["pages/about.md", "_posts/2021-03-03-about.md"],
}


@pytest.mark.parametrize("strict", [True, False])
def test_two_outputs_on_one_address_are_a_located_error(tmp_path, strict):
    site = Site(tmp_path)
    for path, text in COLLIDING.items():
        site.write(path, text)
    result = site.build(JEKYLL_STRICT=strict)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    for address, sources in SHARED.items():
        for source in sources:
            [error] = [p for p in result.problems if p.startswith(f"content/{source}:")]
            assert address in error and ": warning:" not in error
            for other in sources:
                if other != source:
                    assert f"content/{other}" in error
    assert not result.output.exists()


def test_a_tags_later_pages_never_fall_on_another_tags_page(tmp_path):
    """With Pelican's own `{name}{number}`, page 2 of tag `ops` would be
    `tag/ops2.html`, the first page of tag `ops2`: later pages have a folder."""
    site = Site(tmp_path)
    for day in range(1, 12):
        site.write(f"_posts/2021-03-{day:02d}-p{day}.md", "---\ntags: [ops]\n---\nx\n")
    site.write("_posts/2021-04-01-q.md", "---\ntags: [ops2]\n---\nx\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert len(result.page("tag/ops.html").select(".post-list > li")) == 10
    assert len(result.page("tag/ops/page/2/index.html").select(".post-list > li")) == 1
    [only] = result.page("tag/ops2.html").select(".post-list > li")
    assert "2021" in only.get_text()
