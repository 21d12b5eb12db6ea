"""The engine alone: Jekyll's tags on python-liquid, and every problem told at
its place in the post, through includes too."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from pelican.plugins.jekyll_posts.liquid.render import render_text, standalone
from pelican.plugins.jekyll_posts.liquid.site_plugins import load
from pelican.plugins.jekyll_posts.markers import MARKER


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    files = {
        "_includes/note.html": "<aside>{{ include.text }}</aside>\n",
        "_includes/loop.html": "{% include loop.html %}",
        "_includes/broken.html": "ok\n  {% if x %}\n",
        "_includes/outer.html": "x\n{% include parts/deep.html %}",
        "_includes/parts/deep.html": "a\n  {% frob %}",
        "_includes/linked.html": "{% post_url 2021-01-01-nope %}",
        "_posts/beside.md": "Beside {{ include.who }}.",
    }
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, "utf-8")
    return root


@pytest.fixture(scope="module")
def liquid(folder):
    return standalone(str(folder))


def problems(liquid, folder, text: str) -> list[str]:
    rendered = render_text(liquid, text, str(folder / "_posts/p.md"))
    return [str(p).replace(f"{folder}/", "") for p in rendered.problems]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x\n{% include broken.html %}", "_posts/p.md:2:1: include broken.html: "
         "_includes/broken.html:2:3: '{% if %}' opened here is never closed with "
         "'{% endif %}'"),
        ("\n\n  {% include outer.html %}", "_posts/p.md:3:3: include outer.html: "
         "_includes/outer.html:2:1: include parts/deep.html: "
         "_includes/parts/deep.html:2:3: unknown Liquid tag 'frob'"),
        ("a\n{% include loop.html %}", "_posts/p.md:2:1: include loop.html: includes "
         "nest 13 deep; does loop.html include itself?"),
        ("{% include ../secret.html %}", "_posts/p.md:1:1: include: '../secret.html' "
         "is not a file name Jekyll accepts"),
        (" {% include missing.html %}", "_posts/p.md:1:2: include: no file "
         "'missing.html' in _includes/"),
        ("{% highlight %}x{% endhighlight %}", "_posts/p.md:1:1: highlight: cannot "
         "read ''"),
        ("{% highlight ruby %}\nx", "_posts/p.md:1:1: '{% highlight %}' opened here "
         "is never closed with '{% endhighlight %}'"),
        ("x {% raw %} forever", "_posts/p.md:1:3: '{% raw %}' opened here is never "
         "closed with '{% endraw %}'"),
        ("{% link a.md b.md %}", "_posts/p.md:1:1: link: expected one file path, got "
         "'a.md b.md'"),
        ("{% post_url %}", "_posts/p.md:1:1: post_url: expected one post name, got "
         "no post name"),
        ("\n {{ 1 | divided_by: 0 }}", "_posts/p.md:2:9: divided_by: divided by 0"),
    ],
)  # fmt: skip
def test_each_problem_is_told_where_it_is(liquid, folder, text, message):
    [found] = problems(liquid, folder, text)
    assert found.startswith(message)


def test_an_unknown_tag_is_grouped_by_its_name(liquid, folder):
    rendered = render_text(liquid, "{% gist 1 %} {% gist 2 %}", "p.md")
    assert {p.group for p in rendered.problems} == {"tag:gist"}
    assert rendered.text == " "


def test_an_output_that_does_not_parse_is_a_warning_as_in_jekylls_default(liquid):
    rendered = render_text(liquid, "a {{ item | default(omit) }} b", "p.md")
    assert rendered.text == "a  b"
    [problem] = rendered.problems
    assert problem.severity == "warning" and problem.col == 20


def test_links_become_markers_with_the_place_of_their_tag(liquid, folder):
    rendered = render_text(
        liquid,
        "[a]({% post_url 2021-01-01-a %}#x)\n  {% include linked.html %}",
        str(folder / "_posts/p.md"),
        5,
    )
    assert MARKER.sub(lambda m: f"<{m[1]}>", rendered.text) == "[a](<0>#x)\n  <1>"
    first, second = rendered.links
    assert (first.name, first.line, first.col) == ("2021-01-01-a", 5, 5)
    assert (second.name, second.line, second.col) == ("2021-01-01-nope", 6, 3)
    assert second.where == f"include linked.html: {folder}/_includes/linked.html:1:1"


def test_site_baseurl_before_a_link_tag_is_printed_once(liquid):
    rendered = render_text(liquid, "{{ site.baseurl }}{% post_url 2021-01-01-a %}", "p")
    assert MARKER.fullmatch(rendered.text.strip())
    assert rendered.links[0].col == 19  # the tag has not moved


def test_highlight_writes_jekylls_markup_and_keeps_it_from_markdown(liquid):
    rendered = render_text(
        liquid,
        'x\n{% highlight ruby linenos %}\n\nputs "#{a}" # {{ "now" }}\n\n'
        "{% endhighlight %}\ny",
        "p.md",
    )
    assert rendered.text == "x\n\ue0040\ue001\ny"
    html = BeautifulSoup(rendered.blocks[0], "html.parser")
    code = html.select_one("figure.highlight > pre > code.language-ruby")
    assert code["data-lang"] == "ruby"
    assert html.select_one("td.gutter pre.lineno").get_text() == "1\n"
    assert html.select_one("td.code pre").get_text() == 'puts "#{a}" # now\n'


def test_include_relative_reads_beside_the_post(liquid, folder):
    rendered = render_text(
        liquid, '{% include_relative beside.md who="me" %}', str(folder / "_posts/p.md")
    )
    assert rendered.text == "Beside me." and rendered.problems == ()
    assert [path for path, _ in rendered.includes] == [str(folder / "_posts/beside.md")]


def test_raw_keeps_liquid_as_written_for_later_steps(liquid):
    rendered = render_text(liquid, "{% raw %}{{ x }} {% y %}{% endraw %}", "p.md")
    assert rendered.text.replace("\ue002", "{") == "{{ x }} {% y %}"


def test_a_sites_own_block_tag_and_a_plugin_that_fails_to_load(tmp_path):
    plugins = tmp_path / "_plugins"
    plugins.mkdir()
    (plugins / "aside.py").write_text(
        "def aside(argument, body, context):\n"
        "    return f'<aside class=\"{argument.strip()}\">{body.strip()}</aside>'\n\n"
        "BLOCKS = {'aside': aside}\n",
        "utf-8",
    )
    (plugins / "broken.py").write_text("x = 1\nraise RuntimeError('no')\n", "utf-8")
    liquid = standalone(str(tmp_path))
    rendered = render_text(
        liquid, "{% aside note %} {{ 'hi' | upcase }} {% endaside %}"
    )
    assert rendered.text == '<aside class="note">HI</aside>'
    [problem] = load(str(plugins)).problems
    assert (problem.path, problem.line) == (str(plugins / "broken.py"), 2)
    assert "RuntimeError: no" in problem.message
