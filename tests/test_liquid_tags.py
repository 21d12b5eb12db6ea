"""Each Liquid tag, variable and filter beyond post_url, with its errors and
their positions: pure rendering first, then through a real build."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from jekyll_posts import includes
from jekyll_posts.liquid import MARKER, Link, Site, render

CHICAGO = ZoneInfo("America/Chicago")
PAGE = {
    "title": 'Ship "it"',
    "date": datetime(2021, 2, 1, 8, 5, tzinfo=CHICAGO),
    "tags": ["ops", "dns"],
    "author": {"name": "Ada"},
    "last_modified_at": "2021-03-04",
}


SITE = Site("https://example.org", "/blog")


def run(text: str, content=None, site=SITE):
    return render(
        text, "post.md", 1, site, PAGE, str(content) if content else None, CHICAGO
    )


def problems(text: str, content=None) -> list[str]:
    return [str(p) for p in run(text, content).problems]


@pytest.mark.parametrize(
    ("expression", "printed"),
    [
        ("page.title", 'Ship "it"'),
        ("page.date", "2021-02-01 08:05:00 -0600"),
        ("page.tags", "opsdns"),
        ("page.author.name", "Ada"),
        ('page.date | date: "%b %-d, %Y"', "Feb 1, 2021"),
        (
            "page.date | date: '%e|%-m|%j|%A|%^a|%P|%I|%-H:%M'",
            " 1|2|032|Monday|MON|am|08|8:05",
        ),
        ('page.last_modified_at | date: "%B %d %Y"', "March 04 2021"),
        ('"/feed.xml" | relative_url', "/blog/feed.xml"),
        ('"about/" | relative_url', "/blog/about/"),
        ('"/café/" | relative_url', "/blog/caf%C3%A9/"),
        ('"https://x.example/a" | relative_url', "https://x.example/a"),
        ('"/feed.xml" | absolute_url', "https://example.org/blog/feed.xml"),
        ("page.title | escape", "Ship &quot;it&quot;"),
        ("\"<a href='x'>&</a>\" | escape", "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;"),
        ('"/x" | relative_url | escape', "/blog/x"),
    ],
)
def test_outputs_print_as_jekyll_prints_them(expression, printed):
    rendered = run("{{ " + expression + " }}")
    assert rendered.problems == ()
    assert rendered.text == printed


def test_absolute_url_without_a_host_is_the_relative_url():
    assert run('{{ "/x" | absolute_url }}', site=Site("", "/blog")).text == "/blog/x"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "{{ page.nope }}",
            "'page.nope' is not set: page has no 'nope' (Jekyll would print nothing)",
        ),
        ("{{ page.author }}", "the value is a mapping; print one of its keys"),
        (
            "{{ site.title }}",
            "'site.title' is not known: only site.url and site.baseurl are",
        ),
        ("{{ include.x }}", "'include.x' is only set inside an included file"),
        (
            "{{ page.title | upcase }}",
            "filter 'upcase' is not supported; supported: date, relative_url, absolute_url, escape",
        ),
        ('{{ page.date | date: "%Q" }}', "date: '%Q' is not a supported directive"),
        ("{{ page.date | date }}", "filter 'date' takes one argument"),
        ("{{ page.title | date: '%Y' }}", "date: 'Ship \"it\"' is not a date"),
        ("{{ page.tags | escape }}", "escape: the value is not text"),
        ("{{ page.tags | relative_url }}", "relative_url: the value is not text"),
        ("{{ page.author | absolute_url }}", "absolute_url: the value is not text"),
        ('{{ "/x" | absolute_url: "y" }}', "filter 'absolute_url' takes no argument"),
        ('{{ "/x" | escape: "y" }}', "filter 'escape' takes no argument"),
        ("{{ | escape }}", "has no value before its filters"),
        ("{{ page.title | }}", "cannot read '{{ page.title | }}' near '|'"),
        ("{{ page.title ! }}", "cannot read '{{ page.title ! }}' at '!'"),
    ],
)
def test_output_errors_say_what_and_where(text, message):
    [problem] = problems("line one\n  " + text)
    assert problem.startswith("post.md:2:3: Liquid output '{{")
    assert message in problem


def test_link_becomes_a_marker_like_post_url():
    rendered = run(
        "[a]({% link _posts/2021-01-01-a.md %}) {{ site.baseurl }}{% link /images/x.png %}"
    )
    assert MARKER.sub(lambda m: f"<{m[1]}>", rendered.text) == "[a](<0>) <1>"
    assert rendered.links == (
        Link("_posts/2021-01-01-a.md", 1, 5, "link"),
        Link("/images/x.png", 1, 58, "link"),
    )


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        ("{% link %}", "link: expected one file path, got no file path"),
        ("{% link a.md b.md %}", "link: expected one file path, got 'a.md b.md'"),
        (
            "{% link {{ page.path }} %}",
            "link: expected one file path, got '{{ page.path }}'",
        ),
    ],
)
def test_link_errors(tag, message):
    assert problems("\n" + tag) == [f"post.md:2:1: {message}"]


def test_highlight_writes_jekylls_markup_and_keeps_it_from_markdown():
    rendered = run(
        'x\n{% highlight ruby %}\n\nputs "#{a}" # {{ page.title }}\n\n{% endhighlight %}\ny'
    )
    assert rendered.text == "x\n\ue0040\ue001\ny"
    html = BeautifulSoup(rendered.blocks[0], "html.parser")
    figure = html.select_one("figure.highlight > pre > code.language-ruby")
    assert figure["data-lang"] == "ruby"
    assert figure.get_text() == 'puts "#{a}" # Ship "it"'
    assert figure.select("span.nb") and "&#123;" in rendered.blocks[0]


def test_highlight_with_line_numbers_and_unknown_languages():
    rendered = run("{% highlight NoSuchLang linenos %}\na\nb\n{% endhighlight %}")
    html = BeautifulSoup(rendered.blocks[0], "html.parser")
    assert html.select_one("code")["class"] == ["language-nosuchlang"]
    assert html.select_one("td.gutter pre.lineno").get_text() == "1\n2\n"
    assert html.select_one("td.code pre").get_text() == "a\nb\n"


def test_a_link_inside_highlighted_code_stays_one_marker():
    rendered = run(
        "{% highlight python %}\nx = 1234 + 5\n'{% post_url 2021-01-01-a %}'\n{% endhighlight %}"
    )
    assert "\ue0000\ue001" in rendered.blocks[0]
    assert rendered.links == (Link("2021-01-01-a", 3, 2),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{% highlight %}x{% endhighlight %}", "highlight: cannot read ''"),
        (
            "{% highlight ruby hl_lines=2 %}x{% endhighlight %}",
            "highlight: option 'hl_lines=2' is not supported; only linenos is",
        ),
        (
            "{% highlight ruby %}\nx",
            "'{% highlight %}' opened here is never closed with '{% endhighlight %}'",
        ),
        ("{% endhighlight %}", "unknown Liquid tag 'endhighlight'"),
    ],
)
def test_highlight_errors(text, message):
    [problem] = problems("\n " + text)
    assert problem.startswith(f"post.md:2:2: {message}")


@pytest.fixture
def content(tmp_path):
    (tmp_path / "_includes" / "parts").mkdir(parents=True)
    (tmp_path / "_includes" / "note.html").write_text(
        "<aside>{{ include.text }} by {{ include.who }}</aside>\n", "utf-8"
    )
    (tmp_path / "_includes" / "parts" / "outer.html").write_text(
        "[{% include note.html text='inner' who=include.who %}]", "utf-8"
    )
    (tmp_path / "_includes" / "broken.html").write_text("ok\n  {% if x %}\n", "utf-8")
    (tmp_path / "_includes" / "loop.html").write_text(
        "{% include loop.html %}", "utf-8"
    )
    (tmp_path / "_includes" / "linked.html").write_text("{% post_url nope %}", "utf-8")
    return tmp_path


def test_include_with_parameters_and_page_values(content):
    rendered = run(
        '{% include note.html text="Hi there" who=page.title %}'
        "{% include parts/outer.html who='me' %}",
        content,
    )
    assert rendered.problems == ()
    assert (
        rendered.text
        == '<aside>Hi there by Ship "it"</aside>\n[<aside>inner by me</aside>\n]'
    )
    note = content / "_includes" / "note.html"
    assert [path for path, _ in rendered.includes] == [
        str(note),
        str(content / "_includes/parts/outer.html"),
        str(note),
    ]


def test_include_errors_name_the_post_and_the_include(content):
    assert problems("x\n{% include broken.html %}", content) == [
        f"post.md:2:1: include broken.html: {content}/_includes/broken.html:2:3: "
        "unknown Liquid tag 'if'; supported: post_url, link, highlight, include, raw, comment"
    ]
    rendered = run("\n\n  {% include linked.html %}", content)
    assert rendered.links == (
        Link(
            "nope",
            3,
            3,
            "post_url",
            f"include linked.html: {content}/_includes/linked.html:1:1",
        ),
    )


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        ("{% include missing.html %}", "include: no file 'missing.html' in _includes/"),
        (
            "{% include ../secret.html %}",
            "include: expected a file name in _includes/, got '../secret.html'",
        ),
        (
            "{% include {{ page.x }} %}",
            "include: expected a file name in _includes/, got '{{'",
        ),
        ("{% include note.html text=%}", "include: cannot read 'text='"),
        ("{% include note.html who=page.nope %}", "'page.nope' is not set"),
        (
            "{% include loop.html %}",
            "include: more than 10 includes inside each other; does loop.html include itself?",
        ),
    ],
)
def test_include_errors(content, tag, message):
    [problem] = problems("\n" + tag, content)
    assert problem.startswith("post.md:2:1: ") and message in problem


def test_a_changed_or_removed_include_makes_a_cached_read_stale(content):
    rendered = run("{% include note.html text='a' who='b' %}", content)
    assert not includes.stale(rendered.includes)
    meta = {"jekyll_includes": rendered.includes, "jekyll_reader": "v1"}
    cached = includes.fresh_only(lambda name, default=None: ("html", meta), "v1")
    assert cached("post.md") == ("html", meta)
    other_reader = includes.fresh_only(lambda name, default=None: ("html", meta), "v2")
    assert other_reader("post.md", None) is None
    (content / "_includes" / "note.html").write_text("changed", "utf-8")
    assert includes.stale(rendered.includes)
    assert cached("post.md", None) is None
    (content / "_includes" / "note.html").unlink()
    assert includes.stale(rendered.includes)


def test_tags_links_and_includes_in_a_real_build(site):
    site.write("_includes/note.html", "<aside>{{ include.text }}</aside>\n")
    site.write("images/diagram.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    site.write("pages/about.md", "---\ntitle: About\n---\nAbout.\n")
    site.write("_posts/2021-01-01-target.md", "---\ntitle: Target\n---\nTarget.\n")
    site.write(
        "_posts/2021-02-01-tour.md",
        """\
        ---
        title: Tour
        ---
        [post]({% link _posts/2021-01-01-target.md %}) [page]({% link pages/about.md %})
        ![img]({% link images/diagram.svg %}) text: {% link pages/about.md %}

        {% include note.html text="Included text" %}

        {% highlight yaml %}
        key: "value"
        {% endhighlight %}
        """,
    )
    result = site.build()
    assert result.returncode == 0, result.stderr
    body = result.page("2021/02/01/tour.html").select_one(".post-body")
    assert [a["href"] for a in body.select("a")] == [
        "../../../2021/01/01/target.html",
        "../../../about.html",
    ]
    assert body.select_one("img")["src"] == "../../../images/diagram.svg"
    assert "text: /about.html" in body.get_text()
    assert body.select_one("aside").get_text() == "Included text"
    assert (
        body.select_one("figure.highlight code.language-yaml").get_text()
        == 'key: "value"'
    )


def test_link_errors_in_a_real_build(site):
    site.write("pages/hidden.md", "---\ntitle: Hidden\npublished: false\n---\nx\n")
    site.write("_includes/bad.html", "x\n{% link nowhere.md %}")
    site.write(
        "_posts/2021-02-01-tour.md",
        "---\ntitle: Tour\n---\n[a]({% link pages/abuot.md %})\n"
        "[b]({% link pages/hidden.md %}) {% include bad.html %}\n",
    )
    site.write("pages/about.md", "---\ntitle: About\n---\nx\n")
    result = site.build()
    assert result.returncode == 1
    assert result.problems == [
        'content/_posts/2021-02-01-tour.md:4:5: link: no post, page or static file "pages/abuot.md"; did you mean "pages/about.md"?',
        'content/_posts/2021-02-01-tour.md:5:5: link: "pages/hidden.md" is not published (published: false), so the link would break',
        'content/_posts/2021-02-01-tour.md:5:33: link: no post, page or static file "nowhere.md" (in include bad.html: content/_includes/bad.html:2:1)',
    ]


def test_a_cached_post_is_read_again_when_its_include_changes(site):
    site.write("_includes/n.html", "First version\n")
    site.write("_posts/2021-01-01-a.md", "---\ntitle: A\n---\n{% include n.html %}\n")
    cache = str(site.root / "cache")
    cached = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": cache}
    assert site.build(**cached).returncode == 0
    site.write("_includes/n.html", "Second version\n")
    result = site.build(**cached)
    assert result.returncode == 0, result.stderr
    assert (site.root / "cache").is_dir()
    body = result.page("2021/01/01/a.html").select_one(".post-body").get_text()
    assert body.strip() == "Second version"
