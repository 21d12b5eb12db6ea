"""Series membership, order and related series, without Pelican."""

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "plugins"))

from pelican.plugins.jekyll_posts.series.model import Group, Post, gather, related  # noqa: E402


def slug(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum())


def test_posts_without_an_index_follow_their_dates():
    groups, issues = gather(
        [Post("c", 3, "Ops"), Post("a", 1, "Ops"), Post("b", 2, "Ops")], slug
    )
    assert [(g.name, g.slug, g.sources) for g in groups] == [
        ("Ops", "ops", ["a", "b", "c"])
    ]
    assert issues == []


def test_an_index_is_a_part_number_and_the_others_fill_the_gaps_by_date():
    groups, issues = gather(
        [
            Post("a", 1, "Ops"),
            Post("b", 2, "Ops"),
            Post("c", 3, "Ops", 1),
            Post("d", 4, "Ops", 9),
        ],
        slug,
    )
    assert groups[0].sources == ["c", "a", "b", "d"]
    assert issues == []


def test_a_mapping_gives_a_post_its_part_in_each_of_its_series():
    groups, issues = gather(
        [
            Post("a", 1, ["Ops", "Essays"]),
            Post("b", 2, "Ops"),
            Post("c", 3, ["Ops", "Essays"], {"ops": 1, " Essays ": 2}),
            Post("d", 4, "Essays"),
        ],
        slug,
    )
    assert {g.name: g.sources for g in groups} == {
        "Essays": ["a", "c", "d"],
        "Ops": ["c", "a", "b"],
    }
    assert issues == []


def test_names_are_stripped_and_compared_in_nfc():
    groups, issues = gather(
        [Post("a", 1, "  Caf\u00e9 "), Post("b", 2, "Cafe\u0301")], slug
    )
    assert [(g.name, g.sources) for g in groups] == [("Caf\u00e9", ["a", "b"])]
    assert issues == []


def test_names_that_differ_only_in_case_are_one_series_with_a_warning():
    groups, issues = gather([Post("b", 2, "ops"), Post("a", 1, "Ops")], slug)
    assert [(g.name, g.sources) for g in groups] == [("Ops", ["a", "b"])]
    assert [(i.source, i.key, i.severity, i.message) for i in issues] == [
        (
            "b",
            "series",
            "warning",
            "series 'ops' differs only in case from 'Ops' (in a); both are the "
            "series 'Ops'",
        )
    ]


def test_colliding_and_empty_slugs_are_errors_naming_both_sources():
    groups, issues = gather(
        [Post("a", 1, "C++"), Post("b", 2, "C"), Post("c", 3, "!!")], slug
    )
    assert [g.name for g in groups] == ["C++"]
    assert [(i.source, i.severity, i.message) for i in issues] == [
        (
            "b",
            "error",
            "series 'C' and 'C++' (in a) have the same slug 'c', so one page "
            "would overwrite the other; rename one of them",
        ),
        (
            "c",
            "error",
            "series '!!' gives an empty slug, so it has no address; use letters "
            "or digits in its name",
        ),
    ]


def test_bad_series_values_are_reported_by_key():
    _, issues = gather(
        [
            Post("a", 1, ["Ops", "Essays"], 2),
            Post("b", 2, "Ops", {"Other": 1}),
            Post("c", 3, "Ops", 0),
            Post("d", 4, {"x": 1}),
            Post("e", 5, None, 3),
            Post("f", 6, ["Ops", "ops"]),
        ],
        slug,
    )
    assert [(i.source, i.key, i.severity, i.message) for i in issues] == [
        (
            "a",
            "series_index",
            "error",
            "series_index: this post is in 2 series; give a number for each, "
            "such as {Ops: 1, Essays: 2}",
        ),
        (
            "b",
            "series_index",
            "error",
            "series_index: 'Other' is not one of this post's series (Ops)",
        ),
        (
            "c",
            "series_index",
            "error",
            "series_index for 'Ops' must be a whole number from 1, not 0",
        ),
        (
            "d",
            "series",
            "error",
            "series must be a name or a list of names, not {'x': 1}",
        ),
        (
            "e",
            "series_index",
            "warning",
            "series_index is given but the post is in no series",
        ),
        ("f", "series", "warning", "series 'ops' is listed twice for this post"),
    ]


def test_two_posts_claiming_one_part_are_kept_in_date_order_with_a_warning():
    groups, issues = gather(
        [Post("a", 1, "Ops", 1), Post("b", 2, "Ops", 1), Post("c", 3, "Ops")], slug
    )
    assert groups[0].sources == ["a", "b", "c"]
    assert [(i.source, i.severity, i.message) for i in issues] == [
        (
            "b",
            "warning",
            "series_index: part 1 of 'Ops' is also a; the older post comes first",
        )
    ]


def test_related_series_count_shared_posts_and_links_each_way():
    groups = [
        Group("Essays", "essays", "e1", ["e1", "both"]),
        Group("Ops", "ops", "o1", ["o1", "both", "o2"]),
        Group("Solo", "solo", "s1", ["s1"]),
    ]
    edges = [
        ("o1", "e1"),
        ("o2", "e1"),
        ("e1", "o1"),
        ("both", "both"),
        ("o1", "o2"),
        ("page", "o1"),
    ]
    found = related(groups, edges)
    assert [(r.slug, r.shared, r.links_to, r.links_from) for r in found["ops"]] == [
        ("essays", 1, 2, 1)
    ]
    assert [(r.slug, r.shared, r.links_to, r.links_from) for r in found["essays"]] == [
        ("ops", 1, 1, 2)
    ]
    assert found["solo"] == []
