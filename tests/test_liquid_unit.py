"""The Liquid scanner on its own: pure text in, text, links and problems out."""

from jekyll_posts.liquid import MARKER, Link, Site, render


def links_of(text: str, site: Site | None = None):
    rendered = render(text, "post.md", 1, site or Site())
    return rendered, [MARKER.sub(lambda m: f"<{m.group(1)}>", rendered.text)]


def test_text_without_liquid_passes_through_unchanged():
    text = "Plain *Markdown* with {single} braces and 100% signs.\n"
    rendered = render(text, "post.md")
    assert rendered.text == text
    assert rendered.links == () and rendered.problems == ()


def test_post_url_becomes_a_numbered_marker_with_its_position():
    rendered, (text,) = links_of(
        "See [it]({% post_url 2021-10-08-punitive-measures %}#why).\n"
        "[pm]: {% post_url /2021-09-14-full-capacity %}\n"
    )
    assert text == "See [it](<0>#why).\n[pm]: <1>\n"
    assert rendered.links == (
        Link("2021-10-08-punitive-measures", 1, 10),
        Link("/2021-09-14-full-capacity", 2, 7),
    )


def test_positions_count_from_the_first_line_of_the_body():
    rendered = render("\n\nx {% post_url 2021-01-01-a %}", "post.md", first_line=5)
    assert rendered.links[0].line == 7 and rendered.links[0].col == 3


def test_tags_may_span_lines_and_use_tabs():
    rendered, (text,) = links_of("a {%\tpost_url\n   2021-01-01-a\n%} b")
    assert text == "a <0> b"
    assert rendered.links[0].name == "2021-01-01-a"


def test_raw_keeps_what_it_wraps_and_disappears():
    rendered = render("{% raw %}{{ x }} {% post_url y %}{% endraw %}!", "post.md")
    assert rendered.links == () and rendered.problems == ()
    assert rendered.text == "\ue002{ x }} \ue002% post_url y %}!"


def test_comment_is_dropped():
    assert render("a{% comment %} {% nope %} {% endcomment %}b", "p").text == "ab"


def test_whitespace_control_strips_around_the_tag():
    _, (text,) = links_of("a  \n {%- post_url 2021-01-01-a -%} \n b")
    assert text == "a<0>b"


def test_site_variables_and_one_prefix_before_post_url():
    site = Site("https://example.org", "/blog")
    _, (text,) = links_of(
        "{{ site.url }}{{ site.baseurl }}/feed.xml "
        "{{ site.baseurl }}{% post_url 2021-01-01-a %} "
        "{{ site.url }}{{ site.baseurl }}{% post_url 2021-01-01-a %}",
        site,
    )
    assert text == "https://example.org/blog/feed.xml <0> <1>"


def test_problems_have_positions_and_say_what_is_wrong():
    rendered = render(
        "ok\n{% if x %} {{ title }}\n{% post_url %}\n{% raw %}open",
        "post.md",
    )
    assert [str(p) for p in rendered.problems] == [
        "post.md:2:1: unknown Liquid tag 'if'; supported: post_url, link, "
        "highlight, include, raw, comment",
        "post.md:2:12: Liquid output '{{ title }}': 'title' is not known: use page.*, "
        "include.*, site.url or site.baseurl; wrap literal braces in "
        "{% raw %}...{% endraw %}",
        "post.md:3:1: post_url: expected one post name, got no post name",
        "post.md:4:1: '{% raw %}' opened here is never closed with '{% endraw %}'",
    ]


def test_an_unterminated_tag_is_reported_and_the_rest_kept():
    rendered = render("a\n  {% post_url 2021-01-01-a", "post.md")
    assert [str(p) for p in rendered.problems] == [
        "post.md:2:3: Liquid tag '{% post_url 2021-01-01-a' is never closed with '%}'"
    ]
    assert rendered.text == "a\n  {% post_url 2021-01-01-a"
