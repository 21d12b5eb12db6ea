"""The whole Liquid language in posts, compared with what real Jekyll 4.3
writes for the same posts: loops over the site, assign and capture, control
flow, includes with and without parameters, Jekyll's tags, undefined values,
strictness from _config.yml, and a site's own tag and filter.

Runs wherever `jekyll` is installed; CI installs it, so there it never skips.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import Site
from jekyll_site import BASE_CONFIG, JEKYLL, build_with_jekyll, normalised

if JEKYLL is None:
    if os.environ.get("CI"):
        pytest.fail("jekyll must be installed in CI", pytrace=False)
    pytest.skip("jekyll is not installed", allow_module_level=True)

CONFIG = (
    BASE_CONFIG
    + """\
title: Liquid Notes
repository: example/liquid-notes
timezone: America/Chicago
permalink: /:title/
team_size: 3
"""
)

SITE = {
    "_config.yml": CONFIG,
    "_layouts/default.html": "{{ content }}",
    "_data/team.yml": "- name: Ada\n  role: lead\n- name: Bo\n  role: ops\n",
    "_data/links.json": '{"home": "https://example.org", "count": 2}\n',
    "_data/sizes.csv": "name,size\nsmall,1\nlarge,9\n",
    "_includes/note.html": (
        '<aside class="note">{{ include.text }} ({{ include.who | default: "nobody" }})'
        "</aside>\n"
    ),
    "_includes/style.html": "<p>style: [{{ include.style }}]</p>\n",
    "_includes/outer.html": '{% include note.html text="inner" who=include.who %}',
    "_includes/leak.html": "{% assign leaked = 'from the include' %}",
    "_posts/2021-01-01-first.md": """\
        ---
        title: First post
        tags: [ops, dns]
        ---
        The first one.
        """,
    "_posts/2021-02-01-second.md": """\
        ---
        title: Second post
        tags: [ops]
        images: [a.png, b.png]
        ---
        The second one.
        """,
    "_posts/2021-03-01-loops.md": """\
        ---
        title: Loops over the site
        tags: [meta]
        ---
        {% for post in site.posts %}
        - {{ post.title }} at {{ post.url }} on {{ post.date | date: "%b %-d, %Y" }}
        {% endfor %}

        Posts: {{ site.posts.size }}; tags: {{ site.tags.ops.size }} on ops.
        Before me: {{ page.previous.title }}; after me: {{ page.next.title }}.
        Site: {{ site.title }}, {{ site.repository }}, team of {{ site.team_size }}.

        {% for member in site.data.team %}{{ member.name }} ({{ member.role }}){% unless forloop.last %}, {% endunless %}{% endfor %}.
        Home: {{ site.data.links.home }}; {% for row in site.data.sizes %}{{ row.name }}={{ row.size }} {% endfor %}

        {% assign ops = site.posts | where_exp: "p", "p.tags contains 'ops'" %}
        Ops posts: {% for p in ops %}{{ p.title }}; {% endfor %}
        Sorted: {{ site.posts | map: "title" | sort | join: ", " }}.
        """,
    "_posts/2021-04-01-control.md": """\
        ---
        title: Control flow
        level: 3
        words: [alpha, beta, gamma, delta]
        ---
        {% assign greeting = "Hello" | append: ", world" %}{{ greeting }}.
        {% capture about %}{{ page.title | downcase }} has {{ page.words.size }} words{% endcapture %}
        Captured: {{ about }}.

        {% if page.level > 5 %}high{% elsif page.level > 2 %}middle{% else %}low{% endif %}
        {% unless page.missing %}nothing missing{% endunless %}
        {% case page.level %}{% when 1 %}one{% when 3 %}three{% else %}other{% endcase %}

        {% for word in page.words limit: 3 offset: 1 %}{{ forloop.index }}.{{ word }} {% endfor %}
        {% for word in page.words reversed %}{{ word | upcase }}:{% cycle "odd", "even" %} {% endfor %}
        {% for n in (1..4) %}{% if n == 3 %}{% break %}{% endif %}{{ n }}{% endfor %}
        {{ page.words[0] }}/{{ page.words.last }}/{{ page.words | size }}
        {% increment counter %}{% increment counter %}
        {% comment %}Not shown.{% endcomment %}{% raw %}{{ kept }} {% as written %}{% endraw %}
        """,
    "_posts/2021-05-01-includes.md": """\
        ---
        title: Includes
        box: note.html
        ---
        {% include note.html text="With parameters" who=page.title %}

        {% include note.html text='Single quotes' %}

        {% include style.html %}

        {% include style.html style="bold" %}

        {% include {{ page.box }} text="By a variable" %}

        {% include outer.html who="the caller" %}

        {% include leak.html %}Leaked: {{ leaked }}.
        """,
    "_posts/2021-06-01-jekyll-tags.md": """\
        ---
        title: Jekyll tags
        ---
        See [the first]({% post_url 2021-01-01-first %}) and
        [the loops]({% link _posts/2021-03-01-loops.md %}).

        {% highlight python %}
        print("{{ page.title }}")
        {% endhighlight %}

        {% highlight ruby linenos %}
        one = 1
        two = 2
        {% endhighlight %}

        {% include_relative beside.md who="the post" %}
        """,
    "_posts/beside.md": "Read beside {{ include.who }}: {{ page.title }}.\n",
    "_posts/2021-07-01-undefined.md": """\
        ---
        title: Undefined
        ---
        Nothing: [{{ page.nope }}] [{{ nope.deeper.still }}] [{{ site.nope }}].
        Unknown filter: {{ "passed through" | no_such_filter }}.
        Default: {{ page.nope | default: "fallback" }}.
        """,
}


def write_site(folder: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_dedent(text), "utf-8")


def _dedent(text: str) -> str:
    lines = text.split("\n")
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents, default=0)
    return "\n".join(line[cut:] for line in lines)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("liquid")
    site = Site(root / "pelican")
    write_site(site.content, SITE)
    jekyll_source = root / "jekyll"
    shutil.copytree(site.content, jekyll_source)
    done = build_with_jekyll(jekyll_source, root / "jekyll-out")
    assert done.returncode == 0, done.stderr
    result = site.build(RELATIVE_URLS=False)
    assert result.returncode == 0, result.stderr
    return root / "jekyll-out", result


SLUGS = ["loops", "control", "includes", "jekyll-tags", "undefined"]


@pytest.mark.parametrize("slug", SLUGS)
def test_each_post_reads_as_jekylls(built, slug):
    jekyll_out, result = built
    theirs = BeautifulSoup(
        (jekyll_out / slug / "index.html").read_text("utf-8"), "html.parser"
    )
    ours = result.page(f"{slug}/index.html").select_one(".post-body")
    assert normalised(ours) == normalised(theirs)


def test_the_loop_saw_every_post_newest_first(built):
    _, result = built
    text = result.page("loops/index.html").select_one(".post-body")
    items = [li.get_text() for li in text.find_all("li")]
    assert items[0].strip().startswith("Undefined at /undefined/ on Jul 1, 2021")
    assert items[-1].strip().startswith("First post at /first/")


def test_highlighted_code_is_jekylls_markup(built):
    jekyll_out, result = built
    ours = result.page("jekyll-tags/index.html").select_one("figure.highlight code")
    assert ours["data-lang"] == "python" and "language-python" in ours["class"]
    assert ours.get_text() == 'print("Jekyll tags")'


def jekyll_fails(tmp_path: Path, files: dict[str, str], safe: bool = True) -> str:
    source = tmp_path / "jekyll"
    write_site(source, files)
    done = build_with_jekyll(source, tmp_path / "jekyll-out", safe=safe)
    assert done.returncode != 0
    return done.stderr + done.stdout


STRICT = {
    "_config.yml": CONFIG
    + "liquid:\n  strict_variables: true\n  strict_filters: true\n",
    "_posts/2021-01-01-a.md": "---\ntitle: A\n---\nFine.\n\nThen {{ page.nope }}.\n",
    "_posts/2021-01-02-b.md": "---\ntitle: B\n---\n{{ 'x' | no_such }}\n",
}


def test_strict_variables_and_filters_from_config_are_located_errors(site, tmp_path):
    message = jekyll_fails(tmp_path, STRICT)
    assert "undefined" in message.lower() or "nope" in message
    write_site(site.content, STRICT)
    result = site.build()
    assert result.returncode == 1
    assert result.problems[0] == (
        "content/_posts/2021-01-01-a.md:6:9: page.nope is undefined"
    )
    assert result.problems[1].startswith("content/_posts/2021-01-02-b.md:4:")
    assert "unknown Liquid filter 'no_such'" in result.problems[1]


OWN = {
    "_config.yml": CONFIG,
    "_plugins/shout.rb": """\
        module Shout
          def shout(input, mark = "!")
            input.to_s.upcase + mark
          end
        end
        Liquid::Template.register_filter(Shout)
        class TeamPhoto < Liquid::Tag
          def initialize(name, markup, tokens)
            super
            @who = markup.strip
          end
          def render(context)
            "<img alt=\\"#{@who} of #{context['page']['title']}\\" src=\\"/team/#{@who}.jpg\\">"
          end
        end
        Liquid::Template.register_tag("team_photo", TeamPhoto)
        """,
    "_plugins/site_tags.py": """\
        def shout(value, mark="!"):
            return str(value).upper() + mark


        def team_photo(argument, context):
            who = argument.strip()
            title = context.get("page.title")
            return f'<img alt="{who} of {title}" src="/team/{who}.jpg">'


        FILTERS = {"shout": shout}
        TAGS = {"team_photo": team_photo}
        """,
    "_posts/2021-01-01-own.md": """\
        ---
        title: Own tags
        ---
        {{ "hello" | shout }} {{ "again" | shout: "?" }}

        {% team_photo ada %}
        """,
}


def test_a_sites_own_tag_and_filter_from_plugins(site, tmp_path):
    source = tmp_path / "jekyll"
    write_site(source, OWN)
    done = build_with_jekyll(source, tmp_path / "out", safe=False)
    assert done.returncode == 0, done.stderr
    theirs = BeautifulSoup(
        (tmp_path / "out" / "own" / "index.html").read_text(), "html.parser"
    )
    write_site(site.content, OWN)
    result = site.build(RELATIVE_URLS=False)
    assert result.returncode == 0, result.stderr
    ours = result.page("own/index.html").select_one(".post-body")
    assert normalised(ours) == normalised(theirs)
    assert ours.find("img")["alt"] == theirs.find("img")["alt"] == "ada of Own tags"
    assert "HELLO! AGAIN?" in ours.get_text()


def test_safe_mode_runs_no_plugin_and_says_which_tag_is_missing(site):
    write_site(site.content, {**OWN, "_config.yml": CONFIG + "safe: true\n"})
    result = site.build()
    assert result.returncode == 1
    [problem] = [p for p in result.problems if "team_photo" in p]
    assert problem.startswith("content/_posts/2021-01-01-own.md:6:1: ")
    assert re.search(r"a Python tag in _plugins/ can provide it", problem)
