"""One order for posts of equal date, Jekyll's: by date, then by path.

Forty-nine posts, twelve on each of four days (in two folders, so path order is
not name order): builds with different PYTHONHASHSEED values and one or two
workers (enough posts that two workers read ahead) give identical bytes; the
home pages, the feed, a tag's pages and the older/newer links list them newest
first and, on one date, the later path first, as Jekyll's `site.posts` does
(compared with Jekyll's own output where Jekyll is installed); a series lists
them oldest first, then by path.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import Site
from jekyll_site import BASE_CONFIG, build_copy_with_jekyll

NAMES = ["m", "b", "a", "z", "k", "c", "y", "d", "x", "e", "w", "f"]
LIST = "_posts/2021-06-01-list.md"
SETTINGS = {"FEED_ALL_ATOM": "feeds/all.atom.xml", "RELATIVE_URLS": False}
# (PYTHONHASHSEED, JEKYLL_WORKERS) of each build.
RUNS = [("1", 1), ("2", 2), ("3", 1), ("4", 2)]


def posts() -> dict[str, str]:
    """Source path -> text; each title is its source path."""
    found = {}
    for day in (1, 2, 3, 4):
        for at, name in enumerate(NAMES):
            folder = "_posts/inner/" if at % 3 == 0 else "_posts/"
            path = f"{folder}2021-05-0{day}-{name}.md"
            series = "series: Same day\n" if day == 2 else ""
            found[path] = f"---\ntitle: {path}\ntags: [same]\n{series}---\nx\n"
    found[LIST] = (
        f"---\ntitle: {LIST}\n---\n"
        "{% for p in site.posts %}{{ p.title }};{% endfor %}\n"
    )
    return found


POSTS = posts()
# Jekyll's rule, worked out here: newest first; on one date, the later path first.
NEWEST_FIRST = sorted(POSTS, key=lambda p: (re.search(r"\d{4}-\d\d-\d\d", p)[0], p))[
    ::-1
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    site = Site(tmp_path_factory.mktemp("order") / "pelican")
    site.write("_config.yml", BASE_CONFIG + "timezone: America/Chicago\n")
    for path, text in POSTS.items():
        site.write(path, text)
    return site


@pytest.fixture(scope="module")
def builds(site):
    results = []
    for seed, workers in RUNS:
        result = site.build(
            f"out-{seed}",
            env={"PYTHONHASHSEED": seed},
            JEKYLL_WORKERS=workers,
            **SETTINGS,
        )
        assert result.returncode == 0, result.stderr
        results.append(result)
    return results


def titles(page, selector: str) -> list[str]:
    return [a.get_text() for a in page.select(selector)]


def paged(result, first: str) -> list[str]:
    """Titles over every page of a paginated list, from its first page."""
    found, name = [], first
    while name:
        page = result.page(name)
        found += titles(page, ".post-list h2 a")
        following = page.find("a", rel="next")
        if following is None:
            break
        name = posixpath.normpath(
            posixpath.join(posixpath.dirname(name), following["href"])
        ).lstrip("/")
        if following["href"].endswith("/"):
            name += "/index.html"
    return found


def test_every_build_has_the_same_bytes(builds):
    first = builds[0].tree()
    assert len(first) > 60
    for other in builds[1:]:
        assert other.tree() == first


def test_site_posts_in_a_post_are_newest_then_later_path_first(builds):
    page = builds[0].page("2021/06/01/list.html")
    listed = page.select_one(".post-body").get_text().strip().rstrip(";").split(";")
    assert listed == NEWEST_FIRST


def test_site_posts_order_is_jekylls(site, builds):
    jekyll_out = build_copy_with_jekyll(site.content, site.root.parent)
    theirs = (jekyll_out / "2021/06/01/list.html").read_text("utf-8")
    ours = builds[0].page("2021/06/01/list.html").select_one(".post-body")
    assert ours.get_text().strip() == re.sub(r"</?p>", "", theirs).strip()


def test_home_pages_and_a_tags_pages_list_in_that_order(builds):
    assert paged(builds[0], "index.html") == NEWEST_FIRST
    assert paged(builds[0], "tag/same.html") == [p for p in NEWEST_FIRST if p != LIST]


def test_the_feed_lists_in_that_order(builds):
    feed = ET.parse(builds[0].output / "feeds/all.atom.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    entries = [e.find(f"{atom}title").text for e in feed.iter(f"{atom}entry")]
    assert entries == NEWEST_FIRST


def test_older_and_newer_links_follow_that_order(builds):
    result = builds[0]
    urls = {
        a.get_text(): a["href"].lstrip("/")
        for a in result.page("archives.html").select("a")
        if a.get_text() in POSTS
    }
    for at, path in enumerate(NEWEST_FIRST):
        page = result.page(urls[path])
        older, newer = page.select_one("a.older"), page.select_one("a.newer")
        expected_older = NEWEST_FIRST[at + 1] if at + 1 < len(NEWEST_FIRST) else None
        expected_newer = NEWEST_FIRST[at - 1] if at else None
        assert (older and older.span.next_sibling) == expected_older
        assert (newer and newer.span.next_sibling) == expected_newer


def test_a_series_without_indexes_is_in_date_then_path_order(builds):
    listed = titles(builds[0].page("series/same-day/index.html"), ".series-posts h2")
    expected = sorted(p for p in POSTS if "2021-05-02" in p)
    assert [t.strip() for t in listed] == expected
