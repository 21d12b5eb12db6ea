"""The theme's HTML: valid, accessible structure, head tags, escaping, weight.

Most checks run over every page of the sample site (plus a post with an
image), built once for the module; the escaping and absolute-URL checks build
tiny sites of their own.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter

import html5lib
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, Site

PAYLOAD = '</title><script>alert(1)</script>" onmouseover="x'
POST = "2021/09/14/full-capacity.html"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("theme-sample"))
    shutil.copytree(ROOT / "content", site.content, dirs_exist_ok=True)
    (site.content / "images").mkdir(exist_ok=True)
    shutil.copy(ROOT / "theme/static/favicon.svg", site.content / "images/mark.svg")
    site.write(
        "_posts/2022-06-01-with-a-picture.md",
        """
        ---
        title: A post with a picture
        ---
        The mark, drawn small: ![The site's mark]({static}/images/mark.svg)
        """,
    )
    result = site.build(FEED_ALL_ATOM="feeds/all.atom.xml")
    assert result.returncode == 0, result.stderr
    return result


def html_pages(result) -> list[str]:
    return sorted(p for p in result.files() if p.endswith(".html"))


def test_every_page_parses_as_html5_without_errors(sample):
    failures = {}
    for path in html_pages(sample):
        parser = html5lib.HTMLParser()
        parser.parse((sample.output / path).read_bytes())
        if parser.errors:
            failures[path] = parser.errors[:3]
    assert failures == {}


def test_no_page_repeats_an_id(sample):
    for path in html_pages(sample):
        ids = Counter(tag["id"] for tag in sample.page(path).find_all(id=True))
        assert [i for i, n in ids.items() if n > 1] == [], path


def test_every_image_has_alt_text(sample):
    images = {path: sample.page(path).find_all("img") for path in html_pages(sample)}
    assert any(images.values()), "the fixture should contain an image"
    for path, found in images.items():
        assert all(img.get("alt") for img in found), path


def test_every_page_has_one_h1_landmarks_and_a_skip_link(sample):
    for path in html_pages(sample):
        page = sample.page(path)
        assert len(page.find_all("h1")) == 1, path
        assert page.html["lang"] == "en"
        assert page.body.find("header", class_="site-header"), path
        assert page.find("nav", attrs={"aria-label": "Site"}), path
        assert len(page.find_all("main")) == 1 and page.main["id"] == "content", path
        assert page.body.find("footer", class_="site-footer"), path
        skip = page.body.find("a")
        assert skip["href"] == "#content" and "skip" in skip.get_text().lower(), path
        assert all(time.get("datetime") for time in page.find_all("time")), path


def test_the_navigation_marks_the_current_page(sample):
    def current(path):
        return [
            a.get_text(strip=True)
            for a in sample.page(path).select(".site-nav a[aria-current]")
        ]

    assert current("archives.html") == ["Archives"]
    assert current("about/index.html") == ["About"]
    assert current("series/index.html") == ["Series"]
    assert current(POST) == []
    assert (
        sample.page("series/index.html")
        .select_one('.site-nav a[aria-current="page"]')["href"]
        .endswith("series/")
    )


def test_the_head_of_a_post_describes_it(sample):
    page = sample.page(POST)
    title = "Running at 100%: why full utilisation makes queues explode"

    def meta(key):
        tag = page.find("meta", attrs={"property": key}) or page.find(
            "meta", attrs={"name": key}
        )
        return tag["content"]

    assert page.title.get_text() == f"{title} · Platform Notes"
    assert meta("description").startswith("Every quarter someone looks at")
    assert page.find("link", rel="canonical")["href"] == f"../../../{POST}"
    assert meta("og:type") == "article"
    assert meta("og:title").startswith(title)
    assert meta("og:description") == meta("description")
    assert meta("twitter:card") == "summary"
    assert meta("article:published_time") == "2021-09-14T09:00:00-05:00"
    assert page.find("link", rel="icon")["href"].endswith("favicon.svg")
    feed = page.find("link", rel="alternate", type="application/atom+xml")
    assert feed["href"].endswith("feeds/all.atom.xml")
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["@type"] == "BlogPosting" and data["headline"] == title
    assert data["datePublished"] == "2021-09-14T09:00:00-05:00"
    assert data["author"] == [{"@type": "Person", "name": "Tomás Lindqvist"}]


def test_every_page_has_title_description_and_canonical(sample):
    for path in html_pages(sample):
        page = sample.page(path)
        assert page.title.get_text().strip(), path
        assert page.find("link", rel="canonical"), path
        assert page.find("meta", attrs={"name": "description"}), path
        assert page.find("meta", attrs={"property": "og:title"}), path


def test_a_post_shows_reading_time_tags_and_its_neighbours(sample):
    page = sample.page(POST)
    assert re.search(r"\d+\xa0min read", page.select_one(".post-header .meta").text)
    tags = [a.get_text() for a in page.select(".terms a[rel=tag]")]
    assert tags == ["capacity", "queueing", "planning"]
    older = page.select_one(".post-nav a.older")
    newer = page.select_one(".post-nav a.newer")
    assert older["href"].endswith("engineering/2021/06/01/why-we-write.html")
    assert newer["href"].endswith("2021/09/28/on-call-load.html")
    newest = sample.page("2022/06/01/with-a-picture.html")
    assert newest.select(".post-nav a.newer") == []


def test_the_home_page_is_paginated(sample):
    first, second = sample.page("index.html"), sample.page("index/page/2/index.html")
    assert first.h1.get_text() == "Latest posts"
    assert second.h1.get_text() == "Posts, page 2"
    assert first.select_one(".pagination a[rel=next]")["href"].endswith("page/2/")
    assert len(first.select(".post-list > li")) == 10


def test_code_and_tables_scroll_inside_themselves_with_the_keyboard(sample):
    page = sample.page("2021/09/28/on-call-load.html")
    assert page.select_one(".post-body table")["tabindex"] == "0"
    assert sample.page(POST).select_one(".highlight pre")["tabindex"] == "0"


def test_sitemap_and_robots_use_absolute_addresses_when_published(site):
    site.write("_posts/2021-01-02-one.md", "---\ntitle: One\nseries: Alpha\n---\nA.\n")
    site.write("_posts/2021-01-03-two.md", "---\ntitle: Two\nseries: Alpha\n---\nB.\n")
    site.write("pages/about.md", "---\ntitle: About\npermalink: /about/\n---\nUs.\n")
    result = site.build(SITEURL="https://example.org/blog", RELATIVE_URLS=False)
    assert result.returncode == 0, result.stderr
    root = ET.parse(result.output / "sitemap.xml").getroot()
    locations = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    assert locations == [
        "https://example.org/blog/",
        "https://example.org/blog/2021/01/03/two.html",
        "https://example.org/blog/2021/01/02/one.html",
        "https://example.org/blog/about/",
        "https://example.org/blog/series/",
        "https://example.org/blog/series/alpha/",
    ]
    robots = (result.output / "robots.txt").read_text()
    assert "User-agent: *" in robots
    assert "Sitemap: https://example.org/blog/sitemap.xml" in robots
    post = result.page("2021/01/02/one.html")
    assert post.find("link", rel="canonical")["href"] == (
        "https://example.org/blog/2021/01/02/one.html"
    )
    og_url = post.find("meta", attrs={"property": "og:url"})["content"]
    assert og_url == "https://example.org/blog/2021/01/02/one.html"
    data = json.loads(post.find("script", type="application/ld+json").string)
    assert data["url"] == og_url
    assert result.page("about/index.html").find("link", rel="canonical")["href"] == (
        "https://example.org/blog/about/"
    )


def test_a_post_whose_name_ends_in_index_keeps_its_whole_address(site):
    site.write("_posts/2021-01-02-the-index.md", "---\ntitle: The index\n---\nA.\n")
    result = site.build(SITEURL="https://example.org/blog", RELATIVE_URLS=False)
    assert result.returncode == 0, result.stderr
    post = result.page("2021/01/02/the-index.html")
    assert post.find("link", rel="canonical")["href"] == (
        "https://example.org/blog/2021/01/02/the-index.html"
    )


def test_a_404_page_is_written_and_not_indexed(sample):
    page = sample.page("404.html")
    assert page.h1.get_text() == "Page not found"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_the_payload_is_inert_text_wherever_a_title_lands(site):
    quoted = PAYLOAD.replace("'", "''")
    for day in (1, 2):
        site.write(
            f"_posts/2021-01-0{day}-payload-{day}.md",
            f"---\ntitle: '{quoted}'\nseries: '{quoted}'\ntags: [{json.dumps(PAYLOAD)}]\n"
            f"---\nBody {day}.\n",
        )
    result = site.build(
        SITEURL="https://example.org",
        RELATIVE_URLS=False,
        FEED_ALL_ATOM="feeds/all.atom.xml",
    )
    assert result.returncode == 0, result.stderr
    pages = html_pages(result)
    assert any(p.startswith("series/") and p != "series/index.html" for p in pages)
    for path in pages:
        raw = (result.output / path).read_text("utf-8")
        assert "<script>alert" not in raw, path
        document = BeautifulSoup(raw, "html5lib")
        assert document.select("[onmouseover]") == [], path
        for script in document.find_all("script"):
            assert script.get("type") == "application/ld+json" or script.get(
                "src", ""
            ).endswith("/theme/js/theme.js"), path
    post = BeautifulSoup(
        (result.output / "2021/01/01/payload-1.html").read_text("utf-8"), "html5lib"
    )
    assert post.title.get_text() == f"{PAYLOAD} · Platform Notes"
    assert post.h1.get_text() == PAYLOAD
    og_title = post.find("meta", attrs={"property": "og:title"})["content"]
    assert og_title == f"{PAYLOAD} · Platform Notes"
    assert post.find("meta", attrs={"property": "article:tag"})["content"] == PAYLOAD
    assert PAYLOAD in [a.get_text() for a in post.select(".post-nav a")][0]
    script = post.find("script", type="application/ld+json").string
    assert "</" not in script
    assert json.loads(script)["headline"] == PAYLOAD
    feeds = sorted(result.output.glob("feeds/**/*.xml"))
    assert result.output / "feeds/all.atom.xml" in feeds
    for feed in feeds:
        tree = ET.parse(feed)  # well-formed XML: the payload did not break out
        for title in tree.iter(f"{ATOM}title"):
            assert list(title) == [] and "<script>" not in (title.text or ""), feed


def test_a_post_page_weighs_under_60_kb_with_no_blocking_script(sample):
    biggest = max(
        (p for p in html_pages(sample) if re.match(r"(\w+/)?\d{4}/", p)),
        key=lambda p: (sample.output / p).stat().st_size,
    )
    page = sample.page(biggest)
    folder = (sample.output / biggest).parent
    assets = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    scripts = page.find_all("script", src=True)
    assert all(s.has_attr("defer") or s.has_attr("async") for s in scripts)
    assets += [s["src"] for s in scripts]
    weight = (sample.output / biggest).stat().st_size + sum(
        (folder / asset).resolve().stat().st_size for asset in assets
    )
    assert weight < 60 * 1024, f"{biggest}: {weight} bytes"


def test_no_page_asks_another_host_for_anything(sample):
    for path in html_pages(sample):
        page = sample.page(path)
        for tag, attr in (("link", "href"), ("script", "src"), ("img", "src")):
            for element in page.find_all(tag, **{attr: True}):
                if "canonical" in element.get("rel", []):
                    continue
                assert "//" not in element[attr], (path, element[attr])


def test_the_highlight_css_is_generated_and_readable_in_both_schemes():
    generated = subprocess.run(
        [sys.executable, "-m", "sitetools.highlight_css"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    committed = (ROOT / "theme/static/css/highlight.css").read_text()
    assert generated == committed, "run: python -m sitetools.highlight_css"
    backgrounds = re.search(
        r"\.highlight\{background:light-dark\((#\w+),(#\w+)\)", committed
    )
    colours = re.findall(
        r"[{;]color:(?:light-dark\(([^,]+),([^)]+)\)|(#\w+))", committed
    )
    assert len(colours) > 30
    for light, dark, both in colours:
        for colour, background in (
            (light or both, backgrounds[1]),
            (dark or both, backgrounds[2]),
        ):
            if colour.startswith("#"):
                assert contrast(colour, background) >= 4.5, (colour, background)


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [
            c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
            for c in channels
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_reading_time_counts_the_words_of_the_post(site):
    words = " ".join(["word"] * 659) + " end."
    site.write("_posts/2021-01-01-long.md", f"---\ntitle: Long\n---\n{words}\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    meta = result.page("2021/01/01/long.html").select_one(".post-header .meta").text
    assert "3\xa0min read" in meta  # 660 words at 220 a minute
