"""Only what is written is checked, as Jekyll renders only what it writes.

Posts held back (dated in the future without `future:`), drafts and
`published: false` posts are not checked for the links and tags they would
hold; their front matter still is. A published post linking to one of them
is still an error.
"""

from __future__ import annotations

import pytest

from conftest import Site
from jekyll_site import BASE_CONFIG, build_copy_with_jekyll, post_addresses
from sitetools.compare.here import POSTS_ONLY

FILES = {
    "_config.yml": BASE_CONFIG + "timezone: America/Chicago\n",
    "_posts/2021-01-01-now.md": "---\ntitle: Now\n---\nNow.\n",
    # Two scheduled parts of a series, the later linking to the earlier.
    "_posts/2098-01-01-also-future.md": "---\ntitle: One\nseries: Launch\n---\nOne.\n",
    "_posts/2099-01-01-future.md": (
        "---\ntitle: Two\nseries: Launch\n---\n"
        "After [part one]({% post_url 2098-01-01-also-future %}).\n"
    ),
    "_drafts/broken.md": (
        "---\ntitle: Draft\n---\n[gone]({% post_url 2000-01-01-nope %}) "
        "{% nosuchtag %}\n"
    ),
    "_posts/2021-01-02-hidden.md": (
        "---\ntitle: Hidden\npublished: false\n---\n"
        "[gone]({% post_url 2000-01-01-nope %}) {% othertag x %}\n"
    ),
}
BROKEN = {
    # Front matter of posts that are not written is still read.
    "_posts/2097-01-01-bad-yaml.md": "---\ntitle: [unclosed\n---\nx\n",
    "_posts/2021-01-03-bad-date.md": "---\npublished: false\ndate: soon\n---\nx\n",
    # A published post linking to a post that is not.
    "_posts/2021-01-04-ahead.md": (
        "---\ntitle: Ahead\n---\nSee [soon]({% post_url 2098-01-01-also-future %}).\n"
    ),
}


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("unwritten") / "pelican")
    for path, text in FILES.items():
        site.write(path, text)
    return site, site.build(**POSTS_ONLY)


def test_unwritten_posts_with_broken_links_and_tags_build(good):
    _, result = good
    assert result.returncode == 0, result.stderr
    assert result.problems == []
    assert {f for f in result.files() if f.endswith(".html")} == {"2021/01/01/now.html"}


def test_jekyll_builds_it_too_and_writes_the_same_posts(good):
    site, result = good
    jekyll_out = build_copy_with_jekyll(site.content, site.root.parent)
    assert post_addresses(jekyll_out) == {
        f for f in result.files() if f.endswith(".html")
    }


def test_front_matter_is_checked_and_links_to_unwritten_posts_are_errors(tmp_path):
    site = Site(tmp_path)
    for path, text in {**FILES, **BROKEN}.items():
        site.write(path, text)
    result = site.build()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    by_file = {}
    for problem in result.problems:
        by_file.setdefault(problem.split(":", 1)[0], []).append(problem)
    assert sorted(by_file) == sorted(f"content/{path}" for path in BROKEN)
    [bad_yaml] = by_file["content/_posts/2097-01-01-bad-yaml.md"]
    assert "invalid YAML" in bad_yaml
    [bad_date] = by_file["content/_posts/2021-01-03-bad-date.md"]
    assert bad_date.startswith("content/_posts/2021-01-03-bad-date.md:3:7: ")
    assert "'soon'" in bad_date
    [link] = by_file["content/_posts/2021-01-04-ahead.md"]
    assert link.startswith("content/_posts/2021-01-04-ahead.md:4:12: post_url: ")
    assert '"2098-01-01-also-future" is not published' in link
