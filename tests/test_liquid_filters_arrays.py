"""Jekyll's array and expression filters, on the hashes of `_data/`, print what
real Jekyll 4.3.1 prints for the same cases.

Runs wherever `jekyll` is installed; CI installs it, so there it never skips.
"""

from __future__ import annotations

import pytest

from liquid_cases import check, compared, require_jekyll

require_jekyll()

PEOPLE = """
- {name: Ada, age: 36, city: London, tags: [math, code], team: {name: core}, active: true, score: 9.5}
- {name: bob, age: 25, rank: "25", city: Paris, tags: [art], team: {name: web}, active: false, score: 7}
- {name: Cy, age: 25, rank: 3, tags: [], team: {name: core}, score: "8.25"}
- {name: dee, age: 41, city: London, tags: [code], active: true}
- {name: Eve, age: 7, rank: "007", city: null, tags: code, team: {name: web}, score: 7.0}
- {name: Fay, city: Rome, tags: [math], team: {}, active: true, score: -1}
"""
SITE = """
title: Filter cases
numbers: [3, 1, 2.5, -4, 10]
one: [only]
words: [pear, Apple, fig, apple, "10", "9"]
mixed: [b, 2, a, 1]
nested: [[a, b], c, [d, [e]]]
flags: {one: 1, two: 2}
"""
FILES = {"_data/people.yml": PEOPLE, "_data/site.yml": SITE}
# Every case reads the people as `D` and the other values as `S`.
HEAD = "{% assign D = site.data.people %}{% assign S = site.data.site %}"

WHERE = [
    "{{ D | where: 'city', 'London' | map: 'name' | join: ',' }}",
    "{{ D | where: 'age', 25 | map: 'name' | join: ',' }}|{{ D | where: 'rank', '7' | map: 'name' | join: ',' }}|{{ D | where: 'rank', 25 | map: 'name' | join: ',' }}",
    "{{ D | where: 'tags', 'code' | map: 'name' | join: ',' }}",
    "{{ D | where: 'city', nil | map: 'name' | join: ',' }}|{{ D | where: 'missing', nil | size }}",
    "{{ D | where: 'team.name', 'core' | map: 'name' | join: ',' }}|{{ D | where: 'active', true | size }}|{{ D | where: 'active', 'false' | size }}",
    "{{ D | where: 'score', '7' | map: 'name' | join: ',' }}|{{ D | where: 'score', 7.0 | map: 'name' | join: ',' }}",
    "{{ D | where: nil, 'x' | size }}|{{ 'abc' | where: 'a', 'b' }}|{{ nil | where: 'a', 'b' | size }}",
    "{{ S.words | where: 'p', 'p' | join: ',' }}|{{ D | where: 'name', S.words | size }}",
    "{{ D | find: 'city', 'London' | map: 'name' }}|{{ D | find: 'city', 'Oslo' | size }}|{{ D | find: 'tags', 'art' | map: 'name' }}",
]
EXPRESSIONS = [
    "{{ D | where_exp: 'p', 'p.age > 30' | map: 'name' | join: ',' }}",
    "{{ D | where_exp: 'p', 'p.tags contains \"code\" and p.active' | map: 'name' | join: ',' }}",
    "{{ D | where_exp: 'p', 'p.city == nil or p.city == \"Rome\"' | map: 'name' | join: ',' }}",
    "{{ D | where_exp: 'p', 'true or false and false' | size }}|{{ D | where_exp: 'p', 'false and false or true' | size }}",
    "{{ D | where_exp: 'p', 'p.nothing' | size }}|{{ D | where_exp: 'p', 'p.name != site.data.site.title' | size }}",
    "{% assign most = 30 %}{{ D | where_exp: 'p', 'p.age < most' | map: 'name' | join: ',' }}",
    "{{ S.numbers | where_exp: 'n', 'n >= 2' | join: ',' }}|{{ S.flags | where_exp: 'v', 'v > 1' | join: ',' }}|{{ 'x' | where_exp: 'a', 'a' }}",
    "{{ D | find_exp: 'p', 'p.age < 30' | map: 'name' }}|{{ D | find_exp: 'p', 'p.age > 99' | size }}",
    "{% assign gs = D | group_by_exp: 'p', 'p.city | default: \"nowhere\"' %}{% for g in gs %}{{ g.name }}={{ g.size }};{% endfor %}",
    "{% assign g = D | group_by_exp: 'p', 'p.tags.size' %}{% for x in g %}{{ x.name }}:{{ x.items | map: 'name' | join: '' }};{% endfor %}",
]
GROUPING = [
    "{% assign gs = D | group_by: 'city' %}{% for g in gs %}[{{ g.name }}]={{ g.items | map: 'name' | join: ',' }}/{{ g.size }};{% endfor %}",
    "{% assign gs = D | group_by: 'rank' %}{% for g in gs %}[{{ g.name }}]={{ g.size }};{% endfor %}",
    "{% assign gs = D | group_by: 'tags' %}{% for g in gs %}[{{ g.name }}]={{ g.size }};{% endfor %}",
    "{% assign gs = D | group_by: 'team.name' %}{% for g in gs %}[{{ g.name }}]={{ g.size }};{% endfor %}|{{ 'x' | group_by: 'a' }}",
    "{{ D | group_by: 'active' | map: 'name' | join: ',' }}",
]
SORTING = [
    "{{ S.numbers | sort | join: ',' }}|{{ S.words | sort | join: ',' }}",
    "{{ D | sort: 'name' | map: 'name' | join: ',' }}|{{ D | sort: 'rank' | map: 'name' | join: ',' }}",
    "{{ D | sort: 'city' | map: 'name' | join: ',' }}|{{ D | sort: 'city', 'last' | map: 'name' | join: ',' }}",
    "{{ D | sort: 'score' | map: 'name' | join: ',' }}|{{ D | sort: 'score', 'last' | map: 'name' | join: ',' }}",
    "{{ D | sort: 'tags' | map: 'name' | join: ',' }}|{{ D | sort: 'team.name' | map: 'name' | join: ',' }}",
    "{{ S.flags | sort | inspect }}|{{ S.words | sort_natural | join: ',' }}|{{ D | sort_natural: 'name' | map: 'name' | join: ',' }}",
]
CHANGING = [
    "{{ S.numbers | push: 'x' | join: ',' }}|{{ S.numbers | unshift: 'x' | join: ',' }}|{{ S.numbers | join: ',' }}",
    "{{ S.numbers | pop | join: ',' }}|{{ S.numbers | pop: 2 | join: ',' }}|{{ S.numbers | pop: '3' | join: ',' }}|{{ S.numbers | pop: 9 | size }}",
    "{{ S.numbers | shift | join: ',' }}|{{ S.numbers | shift: 2 | join: ',' }}|{{ S.numbers | shift: 0 | join: ',' }}|{{ S.numbers | shift: 9 | size }}",
    "{{ 'x' | push: 1 }}|{{ nil | pop | size }}|{{ 'x' | shift }}|{{ 'x' | unshift: 1 }}",
    "{% assign picked = S.numbers | sample %}{% if S.numbers contains picked %}in{% endif %}|{{ S.numbers | sample: 2 | size }}|{{ S.numbers | sample: 9 | size }}|{{ S.numbers | sample: 0 | size }}|{{ S.one | sample: 'x' }}|{{ 'x' | sample }}",
    "{{ S.nothing | sample }}|{{ S.words | sample: 2 | map: 'size' | size }}",
]
SERIALISED = [
    "{{ D | jsonify }}",
    "{{ S | jsonify }}|{{ S.flags | jsonify }}",
    "{{ D | inspect }}",
    "{{ S.nested | inspect }}|{{ S.flags | inspect }}|{{ S.numbers | inspect }}",
    "{{ S.nested | join: '-' }}|{{ S.nested | array_to_sentence_string }}|{{ S.flags | join: ',' }}|{{ S.nested | first | first }}",
    "{{ S.flags | first | join: '=' }}|{{ S.flags | size }}|{{ D | map: 'team' | map: 'name' | join: ',' }}",
    "{{ S.mixed | sort_natural | join: ',' }}|{{ S.numbers | uniq | size }}|{{ D | uniq: 'city' | map: 'name' | join: ',' }}",
]
CASES = WHERE + EXPRESSIONS + GROUPING + SORTING + CHANGING + SERIALISED


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return compared(tmp_path_factory, CASES, FILES, HEAD)


@pytest.mark.parametrize("number", range(len(CASES)), ids=lambda n: f"case-{n}")
def test_filter_prints_what_jekyll_prints(results, number):
    check(results, CASES, number)
