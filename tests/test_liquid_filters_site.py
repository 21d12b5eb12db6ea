"""Jekyll's filters on real posts: `site.posts | where/sort/group_by/...`,
`page.date | date...`, `markdownify`, built with the real Pelican and with
real Jekyll 4.3.1 from the same folder; each case in the post reads the same.

Runs wherever `jekyll` is installed; CI installs it, so there it never skips.
"""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from conftest import Site
from jekyll_site import BASE_CONFIG, build_with_jekyll
from liquid_cases import CONFIG, require_jekyll

require_jekyll()

POSTS = {
    "_posts/2021-01-05-alpha.md": (
        "---\ntitle: Alpha\ncategory: ops\ntags: [x, y]\nrank: 2\nauthor: ada\n---\nA.\n"
    ),
    "_posts/2021-02-10-beta.md": (
        '---\ntitle: beta\ncategories: [ops, web]\ntags: [y]\nrank: "10"\n'
        "author: bob\n---\nB.\n"
    ),
    "_posts/2021-03-15-gamma.md": (
        "---\ntitle: 'Gamma \"quoted\" -- it''s'\ndate: 2021-03-15 08:30:00 +0900\n"
        "author: ada\n---\nC.\n"
    ),
    "_data/team.yml": "- {name: Ada, role: dev}\n- {name: Bob, role: ops}\n- {name: Cy, role: dev}\n",
}
P = "site.posts"
CASES = [
    "{{ site.posts | map: 'title' | join: '|' }}",
    "{{ site.posts | where: 'category', 'ops' | map: 'title' | join: '|' }}",
    "{{ site.posts | where: 'categories', 'ops' | map: 'title' | join: '|' }}",
    "{{ site.posts | where: 'tags', 'y' | map: 'title' | join: '|' }}",
    "{{ site.posts | where: 'rank', 2 | map: 'title' | join: '|' }}|{{ site.posts | where: 'rank', '10' | map: 'title' | join: '|' }}",
    "{{ site.posts | where: 'author', 'ada' | size }}|{{ site.posts | where: 'title', nil | size }}",
    "{{ site.posts | sort: 'title' | map: 'title' | join: '|' }}",
    "{{ site.posts | sort: 'rank' | map: 'title' | join: '|' }}",
    "{{ site.posts | sort: 'rank', 'last' | map: 'title' | join: '|' }}",
    "{{ site.posts | sort: 'date' | map: 'title' | join: '|' }}|{{ site.posts | sort | map: 'title' | join: '|' }}",
    "{% assign g = site.posts | group_by: 'author' %}{% for x in g %}{{ x.name }}:{{ x.size }}:{{ x.items | map: 'title' | join: ',' }};{% endfor %}",
    "{% assign g = site.posts | group_by: 'tags' %}{% for x in g %}{{ x.name }}={{ x.size }};{% endfor %}",
    "{% assign g = site.posts | group_by_exp: 'p', \"p.date | date: '%Y-%m'\" %}{% for x in g %}{{ x.name }}={{ x.size }};{% endfor %}",
    "{{ site.posts | where_exp: 'p', \"p.tags contains 'y'\" | map: 'title' | join: '|' }}",
    "{{ site.posts | where_exp: 'p', \"p.title == 'Alpha' or p.tags.size > 0\" | size }}",
    "{% assign f = site.posts | find: 'title', 'beta' %}{{ f.url }}|{% assign f = site.posts | find_exp: 'p', \"p.url contains 'alpha'\" %}{{ f.title }}",
    "{{ site.posts | first | relative_url }}|{{ site.posts | last | absolute_url }}",
    "{{ page.date | date: '%Y-%m-%d %H:%M %Z %z' }}|{{ page.date | date_to_xmlschema }}|{{ page.date | date_to_rfc822 }}",
    "{{ page.date | date_to_string: 'ordinal', 'US' }}|{{ page.date | date_to_long_string }}|{{ page.date | jsonify }}|{{ page.date | inspect }}",
    "{{ site.posts | map: 'date' | jsonify }}|{{ site.posts | map: 'tags' | jsonify }}",
    "{{ site.posts | map: 'date' | sort | last | date: '%F %R' }}",
    "{{ '**bold** _it_ & <b>x</b>' | markdownify }}",
    "{{ site.posts.last.title | smartify }}|{{ site.posts | map: 'title' | join: ' ' | slugify }}",
    "{{ site.posts | map: 'title' | join: ' ' | number_of_words }}|{{ site.posts | map: 'title' | array_to_sentence_string }}",
    "{{ site.data.team | where: 'role', 'dev' | map: 'name' | join: ',' }}|{{ site.data.team | group_by: 'role' | map: 'name' | join: ',' }}",
    "{{ site.posts | push: 'x' | size }}|{{ site.posts | pop | map: 'title' | join: ',' }}|{{ site.posts | shift: 2 | map: 'title' | join: ',' }}",
    "{{ site.tags.y | map: 'title' | join: ',' }}|{{ site.categories.ops | map: 'title' | join: ',' }}",
    "{{ site.posts | map: 'title' | jsonify | cgi_escape }}|{{ site.posts | map: 'url' | join: ' ' | uri_escape }}",
]
PAGE_POST = "_posts/2021-04-20-filters.md"
SITE_CONFIG = BASE_CONFIG + CONFIG


def body() -> str:
    return "\n".join(
        f'<div id="case-{n}">\n{case}\n</div>\n' for n, case in enumerate(CASES)
    )


def cases_in(soup) -> dict[int, str]:
    return {
        n: " ".join(div.decode_contents().split())
        for n in range(len(CASES))
        if (div := soup.find(id=f"case-{n}")) is not None
    }


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("filters-site")
    site = Site(root / "site")
    for path, text in POSTS.items():
        site.write(path, text)
    site.write(
        PAGE_POST,
        "---\ntitle: Filters\ndate: 2021-04-20 10:00:00 -0500\n---\n" + body(),
    )
    site.write("_config.yml", SITE_CONFIG)
    jekyll_source = root / "jekyll"
    shutil.copytree(site.content, jekyll_source)
    done = build_with_jekyll(jekyll_source, root / "jekyll-out")
    assert done.returncode == 0, done.stderr
    built = site.build(SITEURL="https://example.com/blog", RELATIVE_URLS=False)
    assert built.returncode == 0, built.stderr
    address = "2021/04/20/filters.html"
    jekyll = BeautifulSoup(
        (root / "jekyll-out" / address).read_text("utf-8"), "html.parser"
    )
    ours = built.page(address).select_one(".post-body")
    return {"jekyll": cases_in(jekyll), "ours": cases_in(ours)}


@pytest.mark.parametrize("number", range(len(CASES)), ids=lambda n: f"case-{n}")
def test_filter_on_posts_prints_what_jekyll_prints(results, number):
    assert results["ours"].get(number) == results["jekyll"][number], CASES[number]
