"""Front matter splitting and YAML loading, without Pelican."""

import pytest
from pelican.plugins.jekyll_posts.diagnostics import ProblemError
from pelican.plugins.jekyll_posts.source import frontmatter


def test_split_returns_yaml_body_and_the_body_line():
    doc = frontmatter.split("---\ntitle: x\n---\nBody\n", "p.md")
    assert doc.front_matter == "title: x\n"
    assert doc.body == "Body\n"
    assert doc.body_line == 4


def test_a_file_without_an_opening_line_has_no_front_matter():
    doc = frontmatter.split("title: x\n---\nBody\n", "p.md")
    assert doc.front_matter is None and doc.body_line == 1


def test_dots_close_front_matter_too():
    assert frontmatter.split("---\na: 1\n...\nB", "p").body == "B"


def test_unclosed_front_matter_is_an_error_at_the_opening_line():
    with pytest.raises(ProblemError) as caught:
        frontmatter.split("---\ntitle: x\nBody\n", "p.md")
    assert str(caught.value) == (
        "p.md:1:1: front matter opened here is never closed with '---'"
    )


def test_values_keep_their_written_text_and_positions():
    fm = frontmatter.load(
        'title: "Outage: a report"\nyear: 2021\nok: yes\ntags: [a, b]\n', "p.md"
    )
    assert fm.values == {"title": "Outage: a report", "year": 2021, "ok": True,
                         "tags": ["a", "b"]}  # fmt: skip
    assert fm.text == {"title": "Outage: a report", "year": "2021", "ok": "yes",
                       "tags": ["a", "b"]}  # fmt: skip
    assert fm.position("year") == (3, 7)


def test_dates_stay_text_for_the_date_parser():
    fm = frontmatter.load("date: 2021-11-19 08:00:00\n", "p.md")
    assert fm.values["date"] == "2021-11-19 08:00:00"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: [unclosed\n", "p.md:3:1: invalid YAML: did not find expected ',' or"
         " ']' (while parsing a flow sequence that starts at line 2, column 8)"),
        ("- a\n- b\n", "p.md:2:1: front matter must be keys and values, not a list"),
        ("just text\n", "p.md:2:1: front matter must be keys and values, not a single"
         " value"),
        ("a: !!python/object:os.system x\n", "p.md:2:4: invalid YAML: could not"
         " determine a constructor for the tag 'tag:yaml.org,2002:python/object:"
         "os.system'"),
    ],
)  # fmt: skip
def test_bad_yaml_is_reported_at_its_file_line(text, message):
    with pytest.raises(ProblemError) as caught:
        frontmatter.load(text, "p.md")
    assert str(caught.value) == message


def test_a_duplicate_key_is_a_warning_and_the_last_value_wins():
    fm = frontmatter.load("title: first\ntags: a\ntitle: last\n", "p.md")
    assert fm.values["title"] == "last" and fm.text["title"] == "last"
    assert [str(p) for p in fm.problems] == [
        "p.md:4:1: warning: duplicate key 'title' (first given on line 2); "
        "the last one is used, as in Jekyll"
    ]


def test_unquoted_scalars_are_marked_plain_for_yamls_own_typing():
    fm = frontmatter.load(
        "a: 2021-04-10 02:00:00\nb: '2021-04-10 02:00:00'\nc: [x]\nd:\ne: |\n  x\n",
        "p.md",
    )
    assert fm.plain == {"a", "d"}
