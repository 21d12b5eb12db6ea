"""`make compare`: a folder built by real Jekyll and by this site, compared
post by post (address, links to posts, visible text), every difference found.

The end-to-end tests run wherever `jekyll` is installed; CI installs it, so
there they never skip.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT
from jekyll_site import JEKYLL
from sitetools.compare import diff, reading
from sitetools.compare.diff import Body
from sitetools.compare.reading import Link, PageLinks


@pytest.fixture(scope="module")
def jekyll_installed() -> None:
    if JEKYLL is None:
        if os.environ.get("CI"):
            pytest.fail("jekyll must be installed in CI", pytrace=False)
        pytest.skip("jekyll is not installed")


def run_compare(folder: Path, *args: str, env: dict | None = None):
    return subprocess.run(
        [sys.executable, "-m", "sitetools.compare", str(folder), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
    )


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip("\n"), "utf-8")
    return root


def post(date: str, body: str, extra: str = "") -> str:
    return f"---\ntitle: A post\ndate: {date}\n{extra}---\n{body}\n"


# One post per kind of difference. Each one is either a difference the README
# lists as deliberate, or one planted by the site's own `_plugins/` (which
# Jekyll runs and this site never does), so none can go away by itself.
PLANTED = {
    "_config.yml": """
        timezone: America/Chicago
        url: https://example.org
        baseurl: /blog
        theme: minima
        plugins: [jekyll-compare-not-installed]
        sass:
          style: :compressed  # a Symbol, which Jekyll 4.3.1 here cannot read
        """,
    # Replaced by `{{ content }}`: its words must never reach the comparison.
    "_layouts/post.html": "<h1>{{ page.title }}</h1>{{ content }}<p>Layout text</p>\n",
    # Pages that need the dropped theme must not stop Jekyll's build.
    "assets/main.scss": '---\n---\n@import "minima";\n',
    "index.md": "---\nlayout: home\n---\n{% include only-in-the-theme.html %}\n",
    "_posts/2021-01-01-same.md": post(
        "2021-01-01 10:00:00 -0600",
        "A [link]({% post_url 2021-01-03-link %}#back), *words*, `code`.",
    ),
    # The site's plugin moves it in Jekyll (plant.rb).
    "_posts/2021-01-02-address.md": post("2021-01-02 10:00:00 -0600", "Same words."),
    # README: Jekyll's post_url already starts with baseurl; Jekyll writes it
    # twice, to an address where no post is.
    "_posts/2021-01-03-link.md": post(
        "2021-01-03 10:00:00 -0600",
        "Back to [the first]({{ site.baseurl }}{% post_url 2021-01-01-same %}).",
    ),
    # README: a post_url in running text prints SITEURL in front, Jekyll its
    # baseurl.
    "_posts/2021-01-04-text.md": post(
        "2021-01-04 10:00:00 -0600",
        "The first post is at {% post_url 2021-01-01-same %} on this site.",
    ),
    "_posts/2021-01-05-fruit.md": post(
        "2021-01-05 10:00:00 -0600", "I like apples and pears, always have."
    ),
    "_posts/2021-01-06-here-only.md": post("2021-01-06 10:00:00 -0600", "Hidden."),
    # The site's plugin publishes unpublished posts in Jekyll (plant.rb).
    "blog/_posts/2021-01-07-jekyll-only.md": post(
        "2021-01-07 10:00:00 -0600", "B.", "published: false\n"
    ),
    "_plugins/needs_a_gem.rb": 'require "jekyll-compare-not-installed"\n',
    "_plugins/plant.rb": """
        Jekyll::Hooks.register :site, :after_init do |site|
          site.unpublished = true
        end
        Jekyll::Hooks.register :site, :post_read do |site|
          site.posts.docs.reject! { |doc| doc.basename.include?("here-only") }
          site.posts.docs.each do |doc|
            doc.data["permalink"] = "/2021/01/01/address.html" if doc.basename.include?("address")
          end
        end
        Jekyll::Hooks.register :posts, :post_convert do |doc|
          doc.content = doc.content.sub("apples", "oranges")
        end
        """,
}


@pytest.fixture(scope="module")
def planted(jekyll_installed, tmp_path_factory):
    root = tmp_path_factory.mktemp("planted")
    folder = write_tree(root / "site", PLANTED)
    done = run_compare(
        folder, "--json", str(root / "report.json"), "--keep", str(root / "kept")
    )
    lines = done.stdout.splitlines()
    return done, lines, json.loads((root / "report.json").read_text()), root / "kept"


def lines_for(lines: list[str], source: str) -> list[str]:
    return [line for line in lines if line.startswith(source + ": ")]


def test_a_planted_difference_of_each_kind_is_found_and_exits_1(planted):
    done, lines, report, _ = planted
    assert done.returncode == 1, done.stderr
    assert lines_for(lines, "_posts/2021-01-02-address.md") == [
        "_posts/2021-01-02-address.md: address: jekyll 2021/01/01/address.html, "
        "here 2021/01/02/address.html"
    ]
    assert lines_for(lines, "_posts/2021-01-03-link.md") == [
        "_posts/2021-01-03-link.md: links: here only: /2021/01/01/same.html"
    ]
    assert lines_for(lines, "_posts/2021-01-05-fruit.md") == [
        "_posts/2021-01-05-fruit.md: text: jekyll: «I like oranges and…» "
        "/ here: «I like apples and…»"
    ]
    [text] = lines_for(lines, "_posts/2021-01-04-text.md")
    assert re.fullmatch(
        r"\S+: text: jekyll: «.*/blog/2021/01/01/same\.html.*» / here: «.*» ?.*", text
    )
    assert lines_for(lines, "_posts/2021-01-06-here-only.md") == [
        "_posts/2021-01-06-here-only.md: written here only, at "
        "2021/01/06/here-only.html"
    ]
    assert lines_for(lines, "blog/_posts/2021-01-07-jekyll-only.md") == [
        "blog/_posts/2021-01-07-jekyll-only.md: written by Jekyll only, at "
        "blog/2021/01/07/jekyll-only.html"
    ]
    assert lines[-1] == (
        "5 post(s) compared: 4 same address, 4 same links, 3 same text; "
        "1 written by Jekyll only, 1 here only."
    )
    assert report["totals"] == {
        "compared": 5, "same_address": 4, "same_links": 4, "same_text": 3,
        "jekyll_only": 1, "here_only": 1,
    }  # fmt: skip


def test_a_post_that_reads_the_same_is_not_reported(planted):
    done, lines, report, kept = planted
    assert not lines_for(lines, "_posts/2021-01-01-same.md")
    [same] = [p for p in report["posts"] if p["source"] == "_posts/2021-01-01-same.md"]
    assert same["same_address"] and same["same_links"] and same["same_text"]
    # Compared as bodies alone: the site's layout was replaced by {{ content }}.
    jekyll_page = (kept / "jekyll" / "2021/01/01/same.html").read_text()
    assert "Layout text" not in jekyll_page
    assert 'href="/blog/2021/01/03/link.html#back"' in jekyll_page


def test_what_jekyll_went_without_is_said(planted):
    _, lines, _, _ = planted
    assert "Jekyll: without theme minima" in lines
    assert (
        "Jekyll: without plugins not installed: jekyll-compare-not-installed" in lines
    )


def test_the_sample_site_reads_the_same(jekyll_installed):
    """Nothing differs: the sample site uses none of the README's deliberate
    differences (no baseurl, no post_url outside a link, every date with an
    offset and on the same day in UTC and in TIMEZONE), so no exception."""
    done = run_compare(ROOT / "content")
    posts = len(list((ROOT / "content" / "_posts").rglob("*.md")))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == (
        f"{posts} post(s) compared: {posts} same address, {posts} same links, "
        f"{posts} same text."
    )


def test_this_sites_build_failing_lists_its_problems_and_exits_1(
    jekyll_installed, tmp_path
):
    # Jekyll writes a `.textile` post as it is; this site has no converter.
    folder = write_tree(
        tmp_path, {"_posts/2021-01-01-x.textile": post("2021-01-01", "A *b*.")}
    )
    done = run_compare(folder)
    assert done.returncode == 1
    assert done.stdout.startswith("_posts/2021-01-01-x.textile:1:1: ")
    assert "nothing was compared" in done.stdout


def test_jekyll_failing_shows_its_error_and_exits_2(jekyll_installed, tmp_path):
    folder = write_tree(
        tmp_path,
        {"_posts/2021-01-01-x.md": post("2021-01-01", "{% include no.html %}")},
    )
    done = run_compare(folder)
    assert done.returncode == 2
    assert done.stderr.startswith("Jekyll's build failed:\n")
    assert "no.html" in done.stderr and "from /" not in done.stderr


def test_without_jekyll_it_says_how_to_install_it_and_exits_2(tmp_path):
    done = run_compare(ROOT / "content", env={"PATH": str(tmp_path)})
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip() == (
        "jekyll is not installed (not found on PATH); on Debian: "
        "sudo apt-get install jekyll (elsewhere: gem install jekyll)"
    )


# The pure parts.


def words(html: str) -> list[str]:
    return reading.words(reading.parse(html))


def test_visible_text_is_words_without_scripts_styles_or_comments():
    html = (
        "<p>one<em>two</em>&nbsp;three</p><script>var x;</script>"
        "<style>p {}</style><!-- hidden --><p>four</p>"
        "<table><tr><td>a</td><td>b</td></tr></table>five<br>six"
    )
    assert words(html) == ["onetwo", "three", "four", "a", "b", "five", "six"]
    assert words("<ul>\n  <li>x</li>\n</ul>") == words("<ul><li>x</li></ul>")


def split(text: str) -> list[str]:
    return text.split()


def test_first_difference_shows_context_and_counts_places():
    same = split("a b c")
    assert diff.first_difference(same, list(same)) is None
    jekyll = split("one two three four five six seven eight")
    here = split("one two three four five SIX seven eight")
    found = diff.first_difference(jekyll, here)
    assert (found.jekyll, found.here, found.places) == (
        "…two three four five six seven…",
        "…two three four five SIX seven…",
        1,
    )
    found = diff.first_difference(split("a b c d"), split("a X c"))
    assert (found.jekyll, found.here, found.places) == ("a b c…", "a X c", 2)
    assert diff.first_difference(["a"], []).here == "(nothing)"


def test_a_long_difference_is_cut():
    found = diff.first_difference(["x"] * 20, ["y"] * 20)
    assert found.jekyll == " ".join(["x"] * diff.SHOWN) + "…"


def test_link_paths_are_site_absolute():
    page = "2021/01/02/a.html"
    hosts = {"example.org"}
    assert reading.site_path("../03/b.html#x", page, hosts) == (
        "/2021/01/03/b.html",
        "x",
    )
    assert reading.site_path("https://example.org/blog/b.html", page, hosts) == (
        "/blog/b.html",
        "",
    )
    assert reading.site_path("https://elsewhere.org/b.html", page, hosts) is None
    assert reading.site_path("mailto:x@example.org", page, hosts) is None
    assert reading.site_path("#top", page, hosts) is None


def test_post_links_are_matched_to_posts_however_they_are_written():
    ours = reading.address_index(
        {"_posts/a.md": "2021/01/01/a.html", "_posts/b.md": "2021/b/index.html"}
    )
    theirs = reading.address_index({"_posts/c.md": "2021/01/03/c.html"})
    html = """
        <a href="../../../2021/01/01/a.html#part">relative</a>
        <a href="https://example.org/blog/2021/b/">SITEURL and baseurl</a>
        <a href="/blog/2021/b">baseurl, no slash</a>
        <a href="/2021/01/03/c.html">only where the other side put c</a>
        <a href="/about.html">not a post</a>
        <a href="https://elsewhere.org/2021/01/01/a.html">another host</a>
    """
    page = PageLinks("2021/01/02/x.html", ours, theirs, ["example.org"], ["/blog"])
    assert reading.post_links(reading.parse(html), page) == {
        Link("_posts/a.md", "part", "/2021/01/01/a.html"),
        Link("_posts/b.md", "", "/2021/b/"),
        Link("_posts/b.md", "", "/2021/b"),
        Link("/2021/01/03/c.html", "", "/2021/01/03/c.html", lands=False),
    }


def body(address: str, text: str, *links: Link) -> Body:
    return Body(address, tuple(text.split()), frozenset(links))


def test_a_link_that_lands_on_a_post_on_one_side_only_is_named_so():
    jekyll = frozenset(
        {Link("_posts/a.md", "x", "/a/"), Link("_posts/b.md", "", "/b/")}
    )
    here = frozenset(
        {Link("/a/", "x", "/a/", lands=False), Link("_posts/b.md", "", "/b")}
    )
    assert diff.link_difference(jekyll, jekyll) is None
    assert diff.link_difference(jekyll, here) == diff.LinkDifference(
        jekyll_only=(), here_only=(), no_post_here=("/a/#x",), no_post_in_jekyll=()
    )
    assert str(diff.link_difference(here, jekyll)) == "to no post in Jekyll: /a/#x"


def test_posts_are_matched_by_source_and_reported_by_kind():
    to_a = Link("_posts/a.md", "", "/a.html")
    outcomes = diff.compare(
        {
            "_posts/a.md": body("a.html", "same words"),
            "_posts/b.md": body("b.html", "x y", to_a),
            "_posts/j.md": body("j.html", "j"),
        },
        {
            "_posts/a.md": body("a.html", "same words"),
            "_posts/b.md": body(
                "b/index.html", "x z", Link("/b.html", "", "/b.html", False)
            ),
            "_posts/h.md": body("h.html", "h"),
        },
    )
    assert diff.report(outcomes) == [
        "_posts/b.md: address: jekyll b.html, here b/index.html",
        "_posts/b.md: links: jekyll only: /a.html; here only: /b.html",
        "_posts/b.md: text: jekyll: «x y» / here: «x z»",
        "",
        "_posts/h.md: written here only, at h.html",
        "",
        "_posts/j.md: written by Jekyll only, at j.html",
        "",
        "2 post(s) compared: 1 same address, 1 same links, 1 same text; "
        "1 written by Jekyll only, 1 here only.",
    ]
