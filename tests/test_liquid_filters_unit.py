"""The filters' own rules, on our engine alone (no Pelican, no Jekyll): a
filter that cannot run is a located problem, link markers survive, `sample`
and "now" are reproducible, and a post's JSON ends where Jekyll's does.
"""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from pelican.plugins.jekyll_posts.config import settings as config
from pelican.plugins.jekyll_posts.liquid import filters
from pelican.plugins.jekyll_posts.liquid.render import (
    for_build,
    render_text,
    standalone,
)
from pelican.plugins.jekyll_posts.source.site import Document, Site

MARKER = "\ue0000\ue001"


def rendered(text: str, **settings):
    return render_text(standalone(".", **settings), text)


def one_problem(text: str, **settings):
    found = rendered(text, **settings).problems
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            '{{ "x" | slugify: "pretty", true }}',
            "slugify: takes 0 to 1 arguments (mode), got 2",
        ),
        ("{{ list | push }}", "push: takes 1 argument (item), got 0"),
        ('{{ list | where: "a" }}', "where: takes 2 arguments (key, target), got 1"),
        ('{{ "x" | jsonify: 1 }}', "jsonify: takes no arguments, got 1"),
        (
            '{{ "x" | slugify: mode: "raw" }}',
            "slugify: takes 0 to 1 arguments (mode), got 0 and 'mode:'",
        ),
        ("{{ nothing | sort }}", "sort: Cannot sort a null object."),
        (
            '{{ list | sort: "x", "middle" }}',
            "sort: Invalid nils order: 'middle' is not a valid nils order",
        ),
        (
            "{{ list | push: 2 | sort }}",
            "sort: comparison of the number 2 with text failed",
        ),
        ('{{ "abc" | date_to_string }}', "date_to_string: 'abc' is not a date"),
        (
            "{{ list | date_to_xmlschema }}",
            'date_to_xmlschema: Invalid Date: \'["a", "b"]\' is not a valid datetime.',
        ),
        ('{{ "someday" | date: "%Y" }}', "date: 'someday' is not a date"),
        ("{{ 5 | cgi_escape }}", "cgi_escape: expects text, got the number 5"),
        ("{{ 5 | uri_escape }}", "uri_escape: expects text, got the number 5"),
        ("{{ nothing | number_of_words }}", "number_of_words: expects text, got nil"),
        (
            "{{ nothing | array_to_sentence_string }}",
            "array_to_sentence_string: expects an array, got nil",
        ),
        ('{{ list | pop: "two" }}', 'pop: invalid integer "two"'),
        ("{{ list | shift: -1 }}", "shift: negative array size"),
        ("{{ 5 | divided_by: 0 }}", "divided_by: divided by 0"),
        ("{{ 5.5 | modulo: 0 }}", "modulo: divided by 0"),
        ('{{ list | where: "x", "y" }}', "where: cannot read 'x' of the number 1"),
        ('{{ list | where_exp: "x", "x ==" }}', "where_exp: cannot read 'x =='"),
        (
            '{{ list | group_by_exp: "x", "x | nofilter" }}',
            "group_by_exp: in 'x | nofilter': unknown filter 'nofilter'",
        ),
        ("{{ list | map: 'x' }}", "map: cannot select the property 'x'"),
        ("{{ 1.5 | to_integer | plus: list }}", None),
    ],
)
def test_a_filter_that_cannot_run_is_a_located_problem(template, message):
    setup = (
        '{% assign list = "1" | split: "," | push: 1 %}'
        if "where:" in template or "map:" in template
        else '{% assign list = "a,b" | split: "," %}'
    )
    found = rendered(setup + "\n" + template, JEKYLL_STRICT_FILTERS=True).problems
    if message is None:
        assert found == ()
        return
    assert len(found) == 1, found
    problem = found[0]
    assert problem.message.startswith(message), problem.message
    name = message.split(":")[0]
    assert (problem.path, problem.line) == ("post.md", 2)
    assert template[problem.col - 1 :].startswith(name), (problem.col, template)


def test_an_undefined_variable_in_strict_mode_is_told_where_it_is_written():
    problem = one_problem("x\n  {{ nope | escape }}", JEKYLL_STRICT_VARIABLES=True)
    assert (problem.line, problem.col) == (2, 6) and "nope" in problem.message
    inside = one_problem(
        '{{ "a,b" | split: "," | where_exp: "x", "x == nope" }}',
        JEKYLL_STRICT_VARIABLES=True,
    )
    assert inside.message.startswith("where_exp: in 'x == nope'") and inside.col == 25


def test_without_strict_modes_a_missing_value_prints_nothing():
    text = (
        "{{ nope | escape }}|{{ nope | date: '%Y' }}|{{ nope | slugify }}|"
        "{{ nope | where: 'a', 'b' }}|{{ nope | jsonify }}|{{ nope | size }}|{{ 'x' | sum }}"
    )
    result = rendered(text)
    assert result.problems == ()
    assert result.text == "||||null|0|x"


def test_a_filter_ruby_liquid_lacks_is_unknown_as_in_jekyll():
    problem = one_problem("{{ 'x' | sum }}", JEKYLL_STRICT_FILTERS=True)
    assert problem.message == "unknown Liquid filter 'sum'"


def test_link_markers_survive_every_escaping_filter():
    text = (
        "{% capture u %}{% post_url 2021-01-01-a %}{% endcapture %}"
        "{{ u | uri_escape }}|{{ u | cgi_escape }}|{{ u | url_encode }}|"
        "{{ u | relative_url }}|{{ u | absolute_url }}|{{ u | xml_escape }}|{{ u | escape }}|"
        "{{ '/a b/' | append: u | uri_escape }}|{{ u | prepend: 'a b' | cgi_escape }}"
    )
    result = rendered(text)
    assert result.problems == () and len(result.links) == 1
    parts = result.text.split("|")
    assert parts[:7] == [MARKER] * 7
    assert parts[7:] == [f"/a%20b/{MARKER}", f"a+b{MARKER}"]


def test_sample_is_the_same_on_every_build_and_differs_between_calls():
    text = (
        "{% assign l = '1,2,3,4,5,6,7,8,9' | split: ',' %}"
        + "{{ l | sample }}{{ l | sample: 3 | join: '' }};" * 4
    )
    first = rendered(text).text
    assert first == rendered(text).text
    draws = first.rstrip(";").split(";")
    assert len(set(draws)) > 1  # each call has its own seed
    assert all(len(set(d)) == 4 and set(d) <= set("123456789") for d in draws)
    other = render_text(standalone("."), text, "other.md").text
    assert other != first  # the page's path is in the seed


def test_now_is_the_build_time(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1637330400")
    result = rendered(
        "{{ 'now' | date: '%F %T %z' }}|{{ 'Today' | date_to_xmlschema }}",
        JEKYLL_TIMEZONE="America/Chicago",
    )
    assert result.text == "2021-11-19 08:00:00 -0600|2021-11-19T08:00:00-06:00"
    assert "time" in result.uses  # a cached render that printed it is stale later


def test_a_time_in_a_fall_back_fold_is_the_second_one_as_in_ruby():
    """Text is read as front-matter dates are (README, Dates): Ruby's Time
    takes the later of the two 01:30s on a fall-back night."""
    text = "{{ '2021-11-07 01:30:00' | date: '%H:%M %Z' }}"
    assert rendered(text, JEKYLL_TIMEZONE="America/Chicago").text == "01:30 CST"


def test_strftime_is_still_reachable_from_the_filters_module():
    moment = datetime(2021, 3, 4, 5, 6, 7, tzinfo=ZoneInfo("America/Chicago"))
    assert (
        filters.strftime(moment, "%-d %b %Y %l%P %Z %:z %Q")
        == "4 Mar 2021  5am CST -06:00 %Q"
    )


def _posts_site(tmp_path):
    made = config.work_out(
        {"PATH": str(tmp_path), "JEKYLL_WORKERS": 1, "JEKYLL_TIMEZONE": "UTC"}
    )
    documents = [
        Document(
            f"_posts/2021-01-0{n}-p{n}.md",
            f"/x/_posts/2021-01-0{n}-p{n}.md",
            "post",
            {"title": f"P{n}", "rank": n},
            {
                "title": f"P{n}",
                "date": datetime(2021, 1, n, tzinfo=ZoneInfo("UTC")),
                "url": f"p{n}/",
            },
            body=f"Body {n}",
        )
        for n in (1, 2, 3, 4)
    ]
    return for_build(made, Site(documents, made.values), lambda text: text), documents


def test_a_posts_json_holds_its_neighbours_collapsed_two_levels_down(tmp_path):
    renderer, documents = _posts_site(tmp_path)
    posts = json.loads(render_text(renderer, "{{ site.posts | jsonify }}").text)
    assert [p["title"] for p in posts] == ["P4", "P3", "P2", "P1"]
    newest = posts[0]
    assert newest["date"] == "2021-01-04 00:00:00 +0000" and newest["rank"] == 4
    assert newest["next"] is None
    previous = newest["previous"]  # a post inside the list: a full post...
    assert previous["title"] == "P3" and "content" in previous
    assert (
        set(previous["previous"]) & {"content", "next", "previous", "excerpt"} == set()
    )
    page = renderer.render("{{ page | jsonify }}", "p2.md", 1, documents[1])
    alone = json.loads(page.text)
    further = alone["next"]["next"]  # the page itself is level 0: two full levels
    assert further["title"] == "P4" and "content" in further
    assert further["previous"]["title"] == "P3"
    assert set(further["previous"]) & {"content", "next", "previous"} == set()


def test_a_post_inspects_as_its_pretty_json_and_sorts_by_date(tmp_path):
    renderer, _ = _posts_site(tmp_path)
    text = render_text(
        renderer,
        "{{ site.posts | sort | map: 'title' | join: ',' }}|{{ site.posts.first | inspect }}",
    ).text
    order, inspected = text.split("|", 1)
    assert order == "P1,P2,P3,P4"
    assert inspected.startswith("{\n  &quot;title&quot;: &quot;P4&quot;,")
