"""A site's `_config.yml` is read as Jekyll reads it, with no settings passed.

Two sites hold every key the build acts on: PLAIN (permalink, timezone, url and
baseurl, excerpt_separator, future, unpublished, markdown_ext, exclude and
include, any key as `site.<key>`, `_data/`) and CASCADE (`collections: posts:
permalink`, `defaults:` by path, type and glob, a front-matter permalink,
`blog/_posts`, `show_drafts`). Each is built once with Pelican and once with
real Jekyll: the tables say where Jekyll puts each post, and the builds must
agree on every address and on the bodies Liquid makes. A third build merges two
files given as JEKYLL_CONFIG under `-e` settings; a fourth has bad YAML.

The Jekyll comparisons skip where Jekyll is not installed, and fail in CI.
"""

from __future__ import annotations

import os
import re

import pytest

from conftest import Site
from jekyll_site import (
    BASE_CONFIG,
    build_copy_with_jekyll,
    jekyll_page,
    normalised,
    post_addresses,
)
from sitetools.compare.here import POSTS_ONLY

PLAIN = {
    "_config.yml": BASE_CONFIG
    + """\
title: Config Notes
description: Notes on settings
timezone: Asia/Tokyo
permalink: /:year/:month/:day/:hour:minute/:title:output_ext
url: https://notes.example.org
baseurl: /docs
excerpt_separator: <!--more-->
future: true
unpublished: true
markdown_ext: markdown,mkdown,mkdn,mkd,md,txt
exclude: [_posts/old, "*.skip.md"]
include: [2019-01-01-kept.md]
repository: example/notes
team_size: 3
flags: {beta: true, regions: [eu, us]}
owners: [ada, bo]
""",
    # Jekyll only: shows the excerpt it made (Pelican reads no layouts).
    "_layouts/excerpt.html": (
        '<div class="excerpt">{{ page.excerpt }}</div>\n<div>{{ content }}</div>\n'
    ),
    # 20:00 at -0500 is 10:00 the next day in Tokyo.
    "_posts/2021-04-10-tokyo.md": "---\ndate: 2021-04-10 20:00:00 -0500\n---\nx\n",
    "_posts/2099-01-01-future.md": "---\ntitle: Future\n---\nLater.\n",
    "_posts/2021-01-02-unpublished.md": "---\npublished: false\n---\nHeld.\n",
    "_posts/2021-01-03-plain-text.txt": "---\n---\nSome *emphasis*.\n",
    "_posts/old/2019-01-01-kept.md": "---\n---\nKept by include.\n",
    "_posts/old/2019-01-02-dropped.md": "---\n---\nExcluded.\n",
    "_posts/2021-01-04-draft.skip.md": "---\n---\nExcluded by a glob.\n",
    "_posts/2021-05-01-excerpt.md": (
        "---\nlayout: excerpt\n---\nFirst part.\n\nStill *first*.\n<!--more-->\nRest.\n"
    ),
    "_posts/2021-05-02-site-keys.md": """\
        ---
        ---
        {{ site.title }} / {{ site.description }} / {{ site.repository }}
        / {{ site.team_size | plus: 1 }} / {{ site.flags.beta }}
        / {{ site.flags.regions | join: "+" }} / {{ site.owners.first }}
        / {{ site.timezone }} / {{ site.permalink }} / {{ site.future }}
        / {{ site.excerpt_separator | escape }} / {{ site.markdown_ext }}
        / {{ site.include | join: "," }} / {{ site.limit_posts }} / {{ site.data_dir }}
        """,
    "_posts/2021-05-03-urls.md": """\
        ---
        ---
        [{{ site.url }}] [{{ site.baseurl }}] [{{ "/about/" | relative_url }}]
        [{{ "/about/" | absolute_url }}] [{{ page.url | relative_url }}]
        [{{ page.url | absolute_url }}] [{{ "x.css" | relative_url }}]

        [home]({{ site.baseurl }}/) and [feed]({{ "/feed.xml" | absolute_url }}).
        """,
    "_posts/2021-05-04-data.md": """\
        ---
        ---
        {% for m in site.data.team %}{{ m.name }} ({{ m.role }}) {% endfor %}
        / {{ site.data.links.home }} {{ site.data.links.count }}
        / {% for r in site.data.sizes %}{{ r.name }}={{ r.size }} {% endfor %}
        / {% for r in site.data.moves %}{{ r.from }} to {{ r.to }} {% endfor %}
        / {{ site.data.ops.oncall.primary }} / {{ site.data.ops.deep.levels.top }}
        / {{ site.data.team_members.size }} / {{ site.data.ops | size }}
        """,
    "_data/team.yml": "- name: Ada\n  role: lead\n- name: Bo\n  role: ops\n",
    "_data/links.json": '{"home": "https://example.org", "count": 2}\n',
    "_data/sizes.csv": "name,size\nsmall,1\nlarge,9\n",
    "_data/moves.tsv": "from\tto\nParis\tTokyo\nLima\tOslo\n",
    "_data/ops/oncall.yml": "primary: Cy\n",
    "_data/ops/deep/levels.json": '{"top": "P1"}\n',
    "_data/team members.yml": "- a\n- b\n- c\n",
}
# Where Jekyll 4.3 writes each post of PLAIN (checked against Jekyll below).
PLAIN_ADDRESSES = {
    "tokyo": "2021/04/11/1000/tokyo.html",
    "future": "2099/01/01/0000/future.html",
    "unpublished": "2021/01/02/0000/unpublished.html",
    "plain-text": "2021/01/03/0000/plain-text.html",
    "kept": "2019/01/01/0000/kept.html",
    "excerpt": "2021/05/01/0000/excerpt.html",
    "site-keys": "2021/05/02/0000/site-keys.html",
    "urls": "2021/05/03/0000/urls.html",
    "data": "2021/05/04/0000/data.html",
}

CASCADE = {
    "_config.yml": BASE_CONFIG
    + """\
timezone: America/Chicago
permalink: /top/:title/
show_drafts: true
collections:
  posts:
    permalink: /coll/:year/:title/
defaults:
  - scope: {path: _posts/ops, type: posts}
    values: {permalink: "/ops/:title/"}
  - scope: {path: _posts/ops}
    values: {permalink: "/untyped/:title/"}
  - scope: {path: _posts/ops/deep}
    values: {permalink: "/deep/:title/"}
  - scope: {path: _posts/ops/deep, type: pages}
    values: {permalink: "/never/:title/"}
  - scope: {path: "_posts/g*"}
    values: {permalink: "/globbed/:title/"}
  - scope: {path: blog}
    values: {permalink: "/blogged/:categories/:title/"}
  - scope: {type: pages}
    values: {permalink: /about-us/}
""",
    "_posts/2021-01-01-plain.md": "---\n---\nx\n",
    "_posts/ops/2021-01-02-typed.md": "---\n---\nx\n",
    "_posts/ops/2021-01-03-own.md": "---\npermalink: /own/\n---\nx\n",
    "_posts/ops/deep/2021-01-04-deeper.md": "---\n---\nx\n",
    "_posts/glob/2021-01-05-globbed.md": "---\n---\nx\n",
    "blog/_posts/2021-01-06-from-blog.md": "---\n---\nx\n",
    "pages/about.md": "---\ntitle: About\n---\nAbout.\n",
    "_drafts/a-draft.md": "---\n---\nDraft.\n",
    "_posts/2021-02-01-held.md": "---\npublished: false\n---\nHeld.\n",
}
DRAFT_TIME = 1710082800  # 2024-03-10 15:00 UTC: the draft's date
CASCADE_ADDRESSES = {
    "plain": "coll/2021/plain/index.html",  # the collection's, not the top one
    "typed": "ops/typed/index.html",  # a type beats none at one path length
    "own": "own/index.html",  # front matter beats every default
    "deeper": "deep/deeper/index.html",  # the longer path wins
    "globbed": "globbed/globbed/index.html",
    "from-blog": "blogged/blog/from-blog/index.html",
    "about": "about-us/index.html",
    "a-draft": "coll/2024/a-draft/index.html",
}


def make(root, files: dict[str, str]) -> Site:
    site = Site(root)
    for path, text in files.items():
        site.write(path, text)
    return site


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    root = tmp_path_factory.mktemp("plain")
    site = make(root / "pelican", PLAIN)
    return site, site.build(RELATIVE_URLS=False, **POSTS_ONLY)


@pytest.fixture(scope="module")
def plain_jekyll(plain):
    site, _ = plain
    return build_copy_with_jekyll(site.content, site.root.parent)


@pytest.fixture(scope="module")
def cascade(tmp_path_factory):
    root = tmp_path_factory.mktemp("cascade")
    site = make(root / "pelican", CASCADE)
    os.utime(site.content / "_drafts/a-draft.md", (DRAFT_TIME, DRAFT_TIME))
    return site, site.build(**POSTS_ONLY)


@pytest.fixture(scope="module")
def cascade_jekyll(cascade):
    site, _ = cascade
    return build_copy_with_jekyll(site.content, site.root.parent)


def built(fixture):
    _, result = fixture
    assert result.returncode == 0, result.stderr
    return result


def html_files(result) -> set[str]:
    return {f for f in result.files() if f.endswith(".html")}


# PLAIN


def test_permalink_and_timezone_come_from_config(plain):
    result = built(plain)
    assert result.exists(PLAIN_ADDRESSES["tokyo"])
    assert result.exists(PLAIN_ADDRESSES["site-keys"])


def test_future_and_unpublished_from_config_publish_those_posts(plain):
    result = built(plain)
    assert "Later." in result.page(PLAIN_ADDRESSES["future"]).get_text()
    assert "Held." in result.page(PLAIN_ADDRESSES["unpublished"]).get_text()


def test_markdown_ext_adds_txt_posts_read_as_markdown(plain):
    result = built(plain)
    body = result.page(PLAIN_ADDRESSES["plain-text"]).select_one(".post-body")
    assert body.em.get_text() == "emphasis"


def test_exclude_drops_a_folder_and_a_glob(plain):
    result = built(plain)
    assert not any("dropped" in f or "skip" in f for f in result.files())


def test_include_brings_back_an_excluded_post(plain):
    result = built(plain)
    assert result.exists(PLAIN_ADDRESSES["kept"]), sorted(result.files())
    assert "Kept by include." in result.page(PLAIN_ADDRESSES["kept"]).get_text()


def test_excerpt_separator_from_config(plain):
    page = built(plain).page(PLAIN_ADDRESSES["excerpt"])
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert description == "First part. Still first."


def test_every_config_key_is_site_key_in_liquid(plain):
    text = built(plain).page(PLAIN_ADDRESSES["site-keys"]).select_one(".post-body")
    words = " ".join(text.get_text().split())
    assert words.startswith(
        "Config Notes / Notes on settings / example/notes / 4 / true / eu+us / ada "
        "/ Asia/Tokyo / /:year/:month/:day/:hour:minute/:title:output_ext / true"
    )


def test_url_and_baseurl_in_liquid_and_url_filters(plain):
    body = built(plain).page(PLAIN_ADDRESSES["urls"]).select_one(".post-body")
    own = "/docs/" + PLAIN_ADDRESSES["urls"]
    assert " ".join(body.p.get_text().split()) == (
        "[https://notes.example.org] [/docs] [/docs/about/] "
        "[https://notes.example.org/docs/about/] "
        f"[{own}] [https://notes.example.org{own}] [/docs/x.css]"
    )
    assert [a["href"] for a in body.find_all("a")] == [
        "/docs/",
        "https://notes.example.org/docs/feed.xml",
    ]


def test_data_files_of_every_kind_and_folders_are_site_data(plain):
    body = built(plain).page(PLAIN_ADDRESSES["data"]).select_one(".post-body")
    assert " ".join(body.get_text().split()) == (
        "Ada (lead) Bo (ops) / https://example.org 2 / small=1 large=9 "
        "/ Paris to Tokyo Lima to Oslo / Cy / P1 / 3 / 2"
    )


def test_the_build_says_once_which_file_it_read(plain):
    result = built(plain)
    said = [line for line in result.stdout.splitlines() if "Jekyll settings" in line]
    assert said == ["Jekyll settings: content/_config.yml"]
    assert "warning" not in result.stderr


def test_jekyll_writes_plain_where_the_table_says(plain_jekyll):
    assert post_addresses(plain_jekyll) == set(PLAIN_ADDRESSES.values())


def test_plain_posts_land_at_jekylls_addresses(plain, plain_jekyll):
    assert html_files(built(plain)) == post_addresses(plain_jekyll)


@pytest.mark.parametrize("slug", ["site-keys", "urls", "data"])
def test_liquid_bodies_read_as_jekylls(plain, plain_jekyll, slug):
    ours = built(plain).page(PLAIN_ADDRESSES[slug]).select_one(".post-body")
    theirs = jekyll_page(plain_jekyll, PLAIN_ADDRESSES[slug])
    assert normalised(ours) == normalised(theirs)


def test_the_excerpt_is_jekylls(plain, plain_jekyll):
    ours = built(plain).page(PLAIN_ADDRESSES["excerpt"])
    theirs = jekyll_page(plain_jekyll, PLAIN_ADDRESSES["excerpt"])
    description = ours.find("meta", attrs={"name": "description"})["content"]
    assert description == " ".join(theirs.select_one(".excerpt").get_text().split())


# CASCADE


def test_collections_posts_permalink_wins_over_the_top_level_one(cascade):
    assert built(cascade).exists(CASCADE_ADDRESSES["plain"])


@pytest.mark.parametrize("slug", ["typed", "deeper", "globbed"])
def test_defaults_apply_by_path_and_type_the_most_specific_winning(cascade, slug):
    assert built(cascade).exists(CASCADE_ADDRESSES[slug])


def test_a_front_matter_permalink_wins_over_defaults(cascade):
    assert built(cascade).exists(CASCADE_ADDRESSES["own"])


def test_defaults_apply_to_pages(cascade):
    assert built(cascade).page(CASCADE_ADDRESSES["about"]).h1.get_text() == "About"


def test_posts_in_blog_posts_are_found_without_settings(cascade):
    assert built(cascade).exists(CASCADE_ADDRESSES["from-blog"])


def test_show_drafts_writes_drafts(cascade):
    assert "Draft." in built(cascade).page(CASCADE_ADDRESSES["a-draft"]).get_text()


def test_show_drafts_does_not_publish_unpublished_posts(cascade):
    assert not any("held" in f for f in built(cascade).files())


def test_jekyll_writes_cascade_where_the_table_says(cascade_jekyll):
    assert post_addresses(cascade_jekyll) == set(CASCADE_ADDRESSES.values())


def test_cascade_posts_land_at_jekylls_addresses(cascade, cascade_jekyll):
    assert html_files(built(cascade)) == post_addresses(cascade_jekyll)


# Two files, settings over them, keys not acted on


MERGED = {
    "_config.yml": """\
title: From the base file
description: Kept from the base file
timezone: Asia/Tokyo
permalink: /base/:title/
nested: {a: 1, b: 2}
liquid: {strict_filters: true}
plugins: [jekyll-feed]
theme: minima
sass: {style: compressed}
""",
    "_config.local.yml": """\
title: From the local file
nested: {b: 3}
liquid: {strict_variables: true}
""",
    "_posts/2021-04-10-late.md": """\
        ---
        date: 2021-04-10 20:00:00 +0000
        ---
        {{ site.title }} / {{ site.description }} / {{ site.nested.a }}{{ site.nested.b }}
        / [{{ page.nope }}] / {{ "x" | no_such }}
        """,
}
# -e: a permalink over _config.yml's, and strict_variables over the local file's.
OVER = {
    "JEKYLL_CONFIG": ["_config.yml", "_config.local.yml"],
    "JEKYLL_PERMALINK": "/e/:year/:month/:day/:title/",
    "JEKYLL_STRICT_VARIABLES": False,
    "JEKYLL_STRICT": False,
}


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    site = make(tmp_path_factory.mktemp("merged"), MERGED)
    result = site.build(**OVER)
    assert result.returncode == 0, result.stderr
    return result


def test_two_config_files_merge_in_order_deeply(merged):
    page = merged.page("e/2021/04/11/late/index.html")
    words = " ".join(page.select_one(".post-body").get_text().split())
    assert words.startswith("From the local file / Kept from the base file / 13 /")
    assert page.title.get_text().endswith("From the local file")


def test_a_setting_wins_over_config_which_wins_over_the_defaults(merged):
    # -e's permalink; the date in _config.yml's Tokyo, not pelicanconf's UTC.
    assert merged.exists("e/2021/04/11/late/index.html")
    assert not any(f.startswith("base/") for f in merged.files())
    # Liquid options: -e's strict_variables off; strict_filters kept from the
    # first file through the merge.
    assert "page.nope" not in merged.stderr
    [filter_warning] = [p for p in merged.problems if "no_such" in p]
    assert filter_warning.startswith("content/_posts/2021-04-10-late.md:5:")


def test_the_build_names_each_file_it_read_in_order(merged):
    said = [line for line in merged.stdout.splitlines() if "Jekyll settings" in line]
    assert said == [
        "Jekyll settings: content/_config.yml",
        "Jekyll settings: content/_config.local.yml",
    ]


def test_keys_not_acted_on_are_listed_once_in_one_warning(merged):
    named = [p for p in merged.problems if re.search(r"\b(plugins|theme|sass)\b", p)]
    assert len(named) == 1
    assert re.match(r"content/_config(\.local)?\.yml:\d+:\d+: warning: ", named[0])
    for key in ("plugins", "theme", "sass"):
        assert key in named[0]
    assert "description" not in named[0] and "nested" not in named[0]


def test_bad_yaml_in_config_is_a_located_error(site):
    site.write("_config.yml", "title: Fine\npermalink: [unclosed\ntimezone: UTC\n")
    site.write("_posts/2021-04-10-a.md", "---\n---\nx\n")
    result = site.build()
    assert result.returncode == 1
    [problem] = result.problems
    where = re.match(r"content/_config\.yml:(\d+):(\d+): invalid YAML", problem)
    assert where and int(where[1]) >= 2, problem
    assert "Traceback" not in result.stderr + result.stdout
    assert not result.output.exists()
