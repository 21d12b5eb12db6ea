"""Every post file Jekyll writes is written: `.html` posts have front matter and
Liquid but no Markdown, at Jekyll's address with Jekyll's body; a post that
needs a converter this site does not have (`.textile`, `.adoc`) is a located
error in a strict build and a warning in a lenient one, never silence.

The site is built once leniently (and once strictly) with Pelican and once with
real Jekyll, which skips where Jekyll is not installed and fails in CI.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import Site
from jekyll_site import BASE_CONFIG, build_copy_with_jekyll
from sitetools.compare.here import POSTS_ONLY

HTML_POST = "2021/03/01/html-post.html"
FILES = {
    "_config.yml": BASE_CONFIG + "timezone: America/Chicago\ntitle: HTML Notes\n",
    "_posts/2021-03-01-html-post.html": """\
        ---
        title: Written in HTML
        tags: [web]
        ---
        <p>Hello from {{ page.title | upcase }} on {{ site.title }}.</p>
        *not emphasis* and [not a link](/x)

            not code
        <ul>{% for t in page.tags %}<li>{{ t }}</li>{% endfor %}</ul>
        <p><a href="{% post_url 2021-03-02-markdown %}">the Markdown post</a></p>
        """,
    "_posts/2021-03-02-markdown.md": "---\ntitle: Markdown\n---\n*emphasis*\n",
    "_posts/2021-03-03-old.htm": "---\ntitle: Old\n---\n<p>An .htm post.</p>\n",
    "_posts/2021-03-04-notes.textile": "---\ntitle: Textile\n---\nh1. Title\n",
    "_posts/2021-03-05-doc.adoc": "---\ntitle: Adoc\n---\n= Title\n",
}
CONVERTERS = {
    "content/_posts/2021-03-04-notes.textile": "'.textile'",
    "content/_posts/2021-03-05-doc.adoc": "'.adoc'",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    site = Site(tmp_path_factory.mktemp("html") / "pelican")
    for path, text in FILES.items():
        site.write(path, text)
    return site


@pytest.fixture(scope="module")
def lenient(site):
    return site.build("lenient", JEKYLL_STRICT=False, RELATIVE_URLS=False, **POSTS_ONLY)


@pytest.fixture(scope="module")
def jekyll_out(site):
    return build_copy_with_jekyll(site.content, site.root.parent)


def body(result, path: str):
    assert result.returncode == 0, result.stderr
    return result.page(path).select_one(".post-body")


def test_an_html_post_has_liquid_and_no_markdown(lenient):
    html = body(lenient, HTML_POST)
    assert html.p.get_text() == "Hello from WRITTEN IN HTML on HTML Notes."
    text = html.get_text()
    assert "*not emphasis* and [not a link](/x)" in text
    assert html.find(["em", "pre", "code"]) is None
    assert [li.get_text() for li in html.find_all("li")] == ["web"]
    assert html.a["href"] == "/2021/03/02/markdown.html"


def test_an_html_post_body_is_jekylls(lenient, jekyll_out):
    ours = body(lenient, HTML_POST).decode_contents().strip()
    theirs = (jekyll_out / HTML_POST).read_text("utf-8").strip()
    assert BeautifulSoup(ours, "html.parser") == BeautifulSoup(theirs, "html.parser")


def test_an_htm_post_keeps_its_extension_as_in_jekyll(lenient):
    assert lenient.returncode == 0, lenient.stderr
    assert lenient.exists("2021/03/03/old.htm"), sorted(lenient.files())
    assert "An .htm post." in lenient.page("2021/03/03/old.htm").get_text()


def test_html_and_markdown_posts_land_at_jekylls_addresses(lenient, jekyll_out):
    """Every file Jekyll writes, but those it copies through unconverted."""
    theirs = {
        p.relative_to(jekyll_out).as_posix()
        for p in jekyll_out.rglob("*")
        if p.is_file() and p.suffix not in (".textile", ".adoc")
    }
    assert lenient.returncode == 0, lenient.stderr
    assert lenient.files() == theirs


def test_a_post_without_a_converter_is_a_located_error_when_strict(site):
    result = site.build("strict", **POSTS_ONLY)
    assert result.returncode == 1
    assert len(result.problems) == len(CONVERTERS)
    for problem, (path, extension) in zip(
        sorted(result.problems), sorted(CONVERTERS.items()), strict=True
    ):
        assert problem.startswith(f"{path}:1:1: {extension} posts need a converter")
    assert "Traceback" not in result.stderr + result.stdout


def test_a_post_without_a_converter_is_a_warning_when_lenient(lenient):
    assert lenient.returncode == 0
    for path, extension in CONVERTERS.items():
        [problem] = [p for p in lenient.problems if p.startswith(path)]
        assert problem.startswith(f"{path}:1:1: warning: {extension} posts")
    assert lenient.exists(HTML_POST) and lenient.exists("2021/03/02/markdown.html")
