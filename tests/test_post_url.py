"""post_url resolves everywhere Jekyll evaluates it, to the right address."""

import pytest

TARGET = """---
title: Punitive measures
date: 2021-10-08 10:00:00 -0500
---
## What to do instead

Text.
"""


def link_site(site, body: str):
    site.write("_posts/2021-10-08-punitive-measures.md", TARGET)
    site.write("_posts/incidents/2021-09-01-dns.md", "---\ntitle: DNS\n---\nx\n")
    site.write("_posts/2021-11-19-outage.md", f"---\ntitle: Outage\n---\n{body}")


def hrefs(result, path="2021/11/19/outage.html"):
    return [a["href"] for a in result.page(path).select(".post-body a[href]")
            if "/tag/" not in a["href"]]  # fmt: skip


def test_post_url_in_every_place_jekyll_allows(site):
    link_site(
        site,
        "Inline [a]({% post_url 2021-10-08-punitive-measures %}).\n\n"
        "Reference [b][pm].\n\n"
        '<a href="{% post_url /2021-10-08-punitive-measures %}">c</a>\n\n'
        "Sub [d]({% post_url incidents/2021-09-01-dns %}) and "
        "bare [e]({% post_url 2021-09-01-dns %}).\n\n"
        "Text: {% post_url 2021-10-08-punitive-measures %}\n\n"
        "    code {% post_url 2021-09-01-dns %}\n\n"
        "[pm]: {% post_url 2021-10-08-punitive-measures %}#what-to-do-instead\n",
    )
    result = site.build()
    assert result.returncode == 0, result.stderr
    page = result.page("2021/11/19/outage.html")
    assert hrefs(result) == [
        "../../../2021/10/08/punitive-measures.html",
        "../../../2021/10/08/punitive-measures.html#what-to-do-instead",
        "../../../2021/10/08/punitive-measures.html",
        "../../../2021/09/01/dns.html",
        "../../../2021/09/01/dns.html",
    ]
    assert "Text: /2021/10/08/punitive-measures.html" in page.get_text()
    assert page.find("code").get_text().strip() == "code /2021/09/01/dns.html"
    target = result.page("2021/10/08/punitive-measures.html")
    assert target.find(id="what-to-do-instead") is not None


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"RELATIVE_URLS": True}, "../../../2021/10/08/punitive-measures.html"),
        (
            {"RELATIVE_URLS": False, "SITEURL": "https://example.org/blog"},
            "https://example.org/blog/2021/10/08/punitive-measures.html",
        ),
        (
            {"RELATIVE_URLS": False, "SITEURL": "/blog"},
            "/blog/2021/10/08/punitive-measures.html",
        ),
    ],
)
def test_one_correct_prefix_whatever_the_url_settings(site, settings, expected):
    link_site(
        site,
        "[a]({% post_url 2021-10-08-punitive-measures %}) "
        "[b]({{ site.baseurl }}{% post_url 2021-10-08-punitive-measures %}) "
        "[c]({{ site.url }}{{ site.baseurl }}{% post_url 2021-10-08-punitive-measures %})\n",
    )
    result = site.build(**settings)
    assert result.returncode == 0, result.stderr
    assert hrefs(result) == [expected] * 3


def test_site_variables_map_to_siteurl(site):
    link_site(site, "[feed]({{ site.url }}{{ site.baseurl }}/feeds/all.atom.xml)\n")
    result = site.build(RELATIVE_URLS=False, SITEURL="https://example.org/blog")
    assert hrefs(result) == ["https://example.org/blog/feeds/all.atom.xml"]


def test_raw_protects_liquid_and_leaves_no_braces_in_html(site):
    link_site(
        site, "```\n{% raw %}{{ site.title }} {% post_url x %}{% endraw %}\n```\n"
    )
    result = site.build()
    assert result.returncode == 0, result.stderr
    html = (result.output / "2021/11/19/outage.html").read_text()
    assert "{{" not in html and "{%" not in html
    code = result.page("2021/11/19/outage.html").find("code").get_text()
    assert code.strip() == "{{ site.title }} {% post_url x %}"


def test_whitespace_control_inside_a_link(site):
    link_site(site, "[a](\n{%- post_url 2021-10-08-punitive-measures -%}\n)\n")
    assert hrefs(site.build()) == ["../../../2021/10/08/punitive-measures.html"]


def test_no_liquid_or_pelican_placeholders_left_in_the_sample_site(site):
    site.use_sample()
    result = site.build()
    assert result.returncode == 0, result.stderr
    for path in result.files():
        if path.endswith((".html", ".xml")):
            text = (result.output / path).read_text("utf-8")
            for leftover in ("{%", "{{", "{filename}", "\ue000"):
                assert leftover not in text, (path, leftover)
    outage = result.page("2021/11/19/outage.html")
    links = {a["href"] for a in outage.select("article a[href]")}
    assert (
        "../../../engineering/2021/10/08/punitive-measures.html#what-to-do-instead"
        in links
    )


def test_links_in_an_excerpt_are_right_on_every_page_that_shows_it(site):
    link_site(site, "See [the essay]({% post_url 2021-10-08-punitive-measures %}).\n")
    site.write(
        "_posts/2021-11-20-more.md",
        "---\ntags: [ops]\n---\nAlso [this]({% post_url 2021-10-08-punitive-measures %}).\n",
    )
    result = site.build()
    assert result.returncode == 0, result.stderr
    shown = {
        "index.html": "./2021/10/08/punitive-measures.html",
        "tag/ops.html": "../2021/10/08/punitive-measures.html",
        "2021/11/20/more.html": "../../../2021/10/08/punitive-measures.html",
    }
    for page, href in shown.items():
        links = {a["href"] for a in result.page(page).find_all("a", string="this")}
        assert links == {href}, page
