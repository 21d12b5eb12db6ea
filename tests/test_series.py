"""Series: landing pages, the series index, feeds and in-series navigation."""

import os
import shutil
import time
import xml.etree.ElementTree as ET

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from conftest import ROOT, Result, Site

ATOM = "{http://www.w3.org/2005/Atom}"


def post(title: str, front: str = "", body: str = "Body.") -> str:
    return f"---\ntitle: {title}\n{front}---\n{body}\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Ops (by date, with a case-only variant), Essays (by series_index) and a
    one-post series; one post is in Ops and Essays."""
    site = Site(tmp_path_factory.mktemp("series"))
    site.write("_posts/2021-01-01-ops-one.md", post("Ops one", "series: Ops\n"))
    site.write("_posts/2021-02-01-ops-two.md", post("Ops two", 'series: "  ops "\n'))
    site.write(
        "_posts/2021-03-01-ops-three.md",
        post(
            "Ops three",
            "series: [Ops, Essays]\nseries_index: {Ops: 3, essays: 2}\n",
            "Continued in [the end]({% post_url 2021-04-01-essay-end %}).",
        ),
    )
    site.write("_posts/2021-04-01-essay-end.md", post("Essay end", "series: Essays\n"))
    site.write(
        "_posts/2021-06-01-essay-intro.md",
        post(
            "Essay intro",
            "series: Essays\nseries_index: 1\n",
            "Builds on [the first]({% post_url 2021-01-01-ops-one %}).\n\nMore.",
        ),
    )
    site.write("_posts/2021-07-01-solo.md", post("Solo post", "series: Solo\n"))
    site.write("_posts/2021-08-01-plain.md", post("Plain"))
    site.write(
        "series/ops.md",
        "---\ntitle: Operations\nsummary: Running *things*.\n---\nThe long story.\n",
    )
    return site.build()


def titles(items) -> list[str]:
    return [item.get_text(" ", strip=True) for item in items]


def boxes(result, path: str) -> list[dict]:
    found = []
    for box in result.page(path).select(".series-box"):
        prev, next_ = box.find("a", rel="prev"), box.find("a", rel="next")
        found.append(
            {
                "part": box.p.get_text(" ", strip=True),
                "landing": box.p.a["href"],
                "prev": prev and prev["href"],
                "next": next_ and next_["href"],
                "all": titles(box.select("details li")),
                "current": box.select_one("details [aria-current]").get_text(),
            }
        )
    return found


def test_the_build_succeeds_and_warns_about_a_case_only_variant(built):
    assert built.returncode == 0, built.stderr
    assert built.problems == [
        "content/_posts/2021-02-01-ops-two.md:3:9: warning: series 'ops' differs "
        "only in case from 'Ops' (in _posts/2021-01-01-ops-one.md); both are the "
        "series 'Ops'"
    ]


def test_a_landing_page_lists_its_posts_in_order_with_date_and_excerpt(built):
    page = built.page("series/essays/index.html")
    assert page.h1.get_text() == "Essays"
    items = page.select(".series-posts > li")
    assert [li.h2.get_text() for li in items] == [
        "Essay intro",
        "Ops three",
        "Essay end",
    ]
    assert [li.time["datetime"] for li in items] == [
        "2021-06-01T00:00:00-05:00",
        "2021-03-01T00:00:00-06:00",
        "2021-04-01T00:00:00-05:00",
    ]
    assert items[0].h2.a["href"] == "../../2021/06/01/essay-intro.html"
    excerpt = items[0].select("p")[-1]
    assert excerpt.get_text() == "Builds on the first."
    assert excerpt.a["href"] == "../../2021/01/01/ops-one.html"


def test_a_description_file_gives_title_summary_and_text(built):
    page = built.page("series/ops/index.html")
    assert page.h1.get_text() == "Operations"
    assert page.select_one(".series-summary em").get_text() == "things"
    assert "The long story." in page.main.get_text()
    assert titles(page.select(".series-posts h2")) == [
        "Ops one",
        "Ops two",
        "Ops three",
    ]
    assert built.page("series/solo/index.html").h1.get_text() == "Solo"


def test_related_series_count_shared_posts_and_links(built):
    ops = built.page("series/ops/index.html").select(".related-series li")
    assert titles(ops) == [
        "Essays : 1 post in both, 1 link from this series, 1 link to this series"
    ]
    assert ops[0].a["href"] == "../../series/essays/"
    assert built.page("series/solo/index.html").select(".related-series") == []


def test_each_series_has_an_atom_feed_linked_from_its_page(built):
    page = built.page("series/essays/index.html")
    assert page.select_one("a.feed")["href"] == "../../feeds/series/essays.atom.xml"
    assert (
        page.find("link", type="application/atom+xml")["href"]
        == "../../feeds/series/essays.atom.xml"
    )
    feed = ET.parse(built.output / "feeds/series/essays.atom.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text == "Platform Notes - Essays"
    assert [e.find(f"{ATOM}title").text for e in feed.iter(f"{ATOM}entry")] == [
        "Essay intro",
        "Essay end",
        "Ops three",
    ]


def test_the_series_index_lists_every_series_and_the_nav_links_to_it(built):
    page = built.page("series/index.html")
    links = page.select(".series-list h2 a")
    assert titles(links) == ["Essays", "Operations", "Solo"]
    assert [a["href"] for a in links] == [
        "../series/essays/",
        "../series/ops/",
        "../series/solo/",
    ]
    assert "Running things." in page.select(".series-list > li")[1].get_text()
    nav = built.page("2021/07/01/solo.html").select("nav a")
    assert "../../../series/" in [a["href"] for a in nav if a.get_text() == "Series"]


def test_a_post_in_two_series_has_a_place_in_each(built):
    assert boxes(built, "2021/03/01/ops-three.html") == [
        {
            "part": "Part 2 of 3 in Essays",
            "landing": "../../../series/essays/",
            "prev": "../../../2021/06/01/essay-intro.html",
            "next": "../../../2021/04/01/essay-end.html",
            "all": ["Essay intro", "Ops three", "Essay end"],
            "current": "Ops three",
        },
        {
            "part": "Part 3 of 3 in Operations",
            "landing": "../../../series/ops/",
            "prev": "../../../2021/02/01/ops-two.html",
            "next": None,
            "all": ["Ops one", "Ops two", "Ops three"],
            "current": "Ops three",
        },
    ]


def test_the_first_last_and_only_posts_of_a_series(built):
    [first] = boxes(built, "2021/01/01/ops-one.html")
    assert first["part"] == "Part 1 of 3 in Operations"
    assert (first["prev"], first["next"]) == (None, "../../../2021/02/01/ops-two.html")
    [only] = boxes(built, "2021/07/01/solo.html")
    assert only["part"] == "Part 1 of 1 in Solo"
    assert (only["prev"], only["next"], only["all"]) == (None, None, ["Solo post"])
    assert boxes(built, "2021/08/01/plain.html") == []


def test_series_problems_are_errors_at_their_front_matter(site):
    site.write("_posts/2021-01-01-a.md", post("A", "series: C++\n"))
    site.write("_posts/2021-01-02-b.md", post("B", "series: C\n"))
    site.write("_posts/2021-01-03-c.md", post("C", "series: '🔥'\n"))
    site.write(
        "_posts/2021-01-04-d.md",
        post("D", "series:\n  - Ops\n  - Essays\nseries_index: 2\n"),
    )
    site.write("series/nothing.md", "---\ntitle: Nothing\n---\nNo posts.\n")
    result = site.build()
    assert result.returncode == 1
    assert result.problems == [
        "content/_posts/2021-01-02-b.md:3:9: series 'C' and 'C++' (in "
        "_posts/2021-01-01-a.md) have the same slug 'c', so one page would "
        "overwrite the other; rename one of them",
        "content/_posts/2021-01-03-c.md:3:9: series '🔥' gives an empty slug, so "
        "it has no address; use letters or digits in its name",
        "content/_posts/2021-01-04-d.md:6:15: series_index: this post is in 2 "
        "series; give a number for each, such as {Ops: 1, Essays: 2}",
        "content/series/nothing.md:1:1: warning: no published post is in the "
        "series 'nothing', so this description is not used",
    ]
    assert not result.exists("series/c/index.html")


def test_unpublished_posts_are_in_no_series_feed_or_navigation(site):
    site.write("_posts/2021-01-01-one.md", post("One", "series: Ops\n"))
    site.write(
        "_posts/2021-01-02-hidden.md",
        post(
            "Unpublished",
            "series: Ops\npublished: false\n",
            "[x]({% post_url 2021-01-01-one %})",
        ),
    )
    site.write(
        "_posts/2099-01-01-future.md",
        post("Future", "series: Ops\n", "[x]({% post_url 2021-01-01-one %})"),
    )
    site.write("_posts/2021-01-03-two.md", post("Two", "series: Ops\n"))
    result = site.build(JEKYLL_DRAFTS=True, WITH_FUTURE_DATES=False)
    assert result.returncode == 0, result.stderr
    landing = result.page("series/ops/index.html")
    assert titles(landing.select(".series-posts h2")) == ["One", "Two"]
    feed = ET.parse(result.output / "feeds/series/ops.atom.xml").getroot()
    assert [e.find(f"{ATOM}title").text for e in feed.iter(f"{ATOM}entry")] == [
        "Two",
        "One",
    ]
    [box] = boxes(result, "2021/01/01/one.html")
    assert box["part"] == "Part 1 of 2 in Ops"
    assert box["all"] == ["One", "Two"]
    assert result.page("2021/01/01/one.html").select(".backlinks") == []
    for draft in ("2021/01/02/hidden.html", "2099/01/01/future.html"):
        assert result.page(draft).select(".draft-notice")
        assert result.page(draft).select(".series-box") == []


def test_the_sample_site_links_its_series_and_posts_both_ways(site):
    shutil.copytree(ROOT / "content", site.content, dirs_exist_ok=True)
    result = site.build(SITEURL="https://example.org", RELATIVE_URLS=False)
    assert result.returncode == 0, result.stderr
    base = "https://example.org/"
    expected = {
        "incidents": [
            "2021/11/19/outage.html",
            "2022/02/03/dns-expiry.html",
            "2022/03/15/billing-queue-backlog.html",
        ],
        "capacity": [
            "2021/09/14/full-capacity.html",
            "2021/09/28/on-call-load.html",
            "2021/10/26/slack-time.html",
            "2022/03/15/billing-queue-backlog.html",
            "2022/05/10/planning-buffer.html",
        ],
    }
    for slug, posts in expected.items():
        landing = result.page(f"series/{slug}/index.html")
        hrefs = [a["href"] for a in landing.select(".series-posts h2 a")]
        assert hrefs == [base + path for path in posts]
        for path in posts:
            back = [b["landing"] for b in boxes(result, path)]
            assert f"{base}series/{slug}/" in back
        feed = ET.parse(result.output / f"feeds/series/{slug}.atom.xml").getroot()
        entries = list(feed.iter(f"{ATOM}entry"))
        assert len(entries) == len(posts)
        assert all(
            e.find(f"{ATOM}id").text.startswith("tag:example.org,") for e in entries
        )
    report = "Incident report: the 19 November API outage"
    for cited in (
        "engineering/2021/10/08/punitive-measures.html",
        expected["capacity"][0],
    ):
        refs = result.page(cited).select(".backlinks li > a")
        assert report in [a.get_text() for a in refs]


@pytest.mark.parametrize("cache", [False, True], ids=["no-cache", "content-cache"])
def test_a_second_build_in_the_same_process_follows_every_change(tmp_path, cache):
    site = Site(tmp_path)
    site.write("_posts/2021-01-01-a.md", post("A", "series: Ops\n"))
    site.write("_posts/2021-01-02-b.md", post("B", "series: Ops\n"))
    site.write("_posts/2021-01-03-c.md", post("C", "series: Ops\n"))
    linker = site.write(
        "_posts/2021-01-04-d.md",
        post("D", body="See [b]({% post_url 2021-01-02-b %})."),
    )
    site.write(  # unchanged: read from the cache in the second build
        "_posts/2021-01-05-e.md",
        post("E", "series: Essays\n", "After [c]({% post_url 2021-01-03-c %})."),
    )
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(site.content),
            "OUTPUT_PATH": str(tmp_path / "output"),
            "CACHE_PATH": str(tmp_path / "cache"),
            "CACHE_CONTENT": cache,
            "LOAD_CONTENT_CACHE": cache,
            "DELETE_OUTPUT_DIRECTORY": True,
        },
    )
    pelican = Pelican(settings)
    pelican.run()
    result = Result(0, "", "", tmp_path / "output")
    assert titles(result.page("series/ops/index.html").select(".series-posts h2")) == [
        "A",
        "B",
        "C",
    ]
    assert titles(result.page("2021/01/02/b.html").select(".backlinks li > a")) == ["D"]
    cached = tmp_path / "cache"
    assert (cached.is_dir() and any(cached.iterdir())) == cache

    later = time.time() + 5  # a new mtime, however coarse the file system's clock
    for path, title, series in (
        ("_posts/2021-01-01-a.md", "A", "Operations"),
        ("_posts/2021-01-02-b.md", "B", "Operations"),
        ("_posts/2021-01-03-c.md", "C", "Essays"),
    ):
        os.utime(site.write(path, post(title, f"series: {series}\n")), (later, later))
    linker.unlink()
    pelican.run()

    assert not result.exists("series/ops/index.html")
    index = result.page("series/index.html").select(".series-list h2 a")
    assert titles(index) == ["Essays", "Operations"]
    essays = result.page("series/essays/index.html").select(".series-posts h2")
    assert titles(essays) == ["C", "E"]
    assert titles(
        result.page("series/operations/index.html").select(".series-posts h2")
    ) == ["A", "B"]
    [moved] = boxes(result, "2021/01/03/c.html")
    assert (moved["part"], moved["next"]) == (
        "Part 1 of 2 in Essays",
        "../../../2021/01/05/e.html",
    )
    [kept] = boxes(result, "2021/01/05/e.html")
    assert kept["part"] == "Part 2 of 2 in Essays"
    refs = result.page("2021/01/03/c.html").select(".backlinks li")
    assert [r.get_text(" ", strip=True) for r in refs] == ["E January 5, 2021 After c."]
    [renamed] = boxes(result, "2021/01/02/b.html")
    assert (renamed["part"], renamed["next"]) == ("Part 2 of 2 in Operations", None)
    assert result.page("2021/01/02/b.html").select(".backlinks") == []
