"""The migration report: what a folder of Jekyll posts would lose or change,
grouped by kind, each with its file and line; and the scan the build uses to
warn about the same Markdown."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from pelican.plugins.jekyll_posts import doctor
from pelican.plugins.jekyll_posts.kramdown.differences import scan

from conftest import ROOT

DIFFERENT = """\
A paragraph.
{::options parse_block_html="true" toc_levels="2..3" /}
{::options hard_wrap="false" /}
Text `{::options hard_wrap="true" /}` in code.
"""


def test_each_kramdown_difference_is_found_where_it_is():
    found = [(d.kind, d.line, d.col, d.text) for d in scan(DIFFERENT, first_line=5)]
    assert found == [
        ("kramdown option not applied", 6, 1, 'parse_block_html="true"'),
    ]


def test_code_and_what_this_site_reads_like_kramdown_are_not_differences():
    text = textwrap.dedent(
        """\
        {: .before}
        A paragraph.
        {: .after}

        {:name: .x}
        {: name}
        Inline $$a_1$$ and a *span*{: .x} and {.no-colon} and [TOC].

        $$
        x^2
        $$

        {::comment}
        hidden
        {:/comment}

        {::options toc_levels="2..3" footnote_nr="2" /}

        > ```
        > a fence in a quote
        > ```

        * TOC
        {:toc}

        ```
        {::options parse_block_html="true" /}
        > ```
        ```

            {::options parse_block_html="true" /}

        {% highlight text %}
        > ```
        {% endhighlight %}
        """
    )
    assert scan(text) == []


@pytest.fixture
def blog(tmp_path):
    def write(path: str, text: str) -> None:
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), "utf-8")

    write("_includes/box.html", "<div>{{ include.x }}{% gist 1 %}</div>\n")
    write("_posts/2021-01-01-clean.md", "---\ntitle: Clean\n---\nAll *fine* here.\n")
    write(
        "_posts/2021-01-02-busy.md",
        """\
        ---
        title: Busy
        date: 2021-01-02 10:00 JST
        ---
        {% gist 42 %}{{ page.title | shout }} {{ page.subtitle }} {% if x %}?{% endif %}
        [a]({% post_url 2021-01-01-clen %}) [b]({% link _posts/nope.md %})
        [c]({{ site.baseurl }}{% post_url 2021-01-01-clean %}) {% post_url 2021-01-01-clean %}
        {% include box.html x="1" %}

        {::options parse_block_html="true" /}
        """,
    )
    write("_site/2021/copy.md", "{% if ignored %}\n")
    write("notes/page.md", "---\ntitle: [broken\n---\n")
    return tmp_path


def test_the_report_groups_every_finding_by_kind(blog):
    findings, files = doctor.examine(blog)
    assert files == 3
    report = doctor.report(findings, files).replace(str(blog) + "/", "")
    assert report == textwrap.dedent(
        """\
        Liquid tag not supported (2)
          _posts/2021-01-02-busy.md:5:1: unknown Liquid tag 'gist'
          _posts/2021-01-02-busy.md:8:1: include box.html: _includes/box.html:1:21: unknown Liquid tag 'gist'

        front matter (2)
          _posts/2021-01-02-busy.md:3:7: warning: date: Jekyll ignores the zone 'JST' in '2021-01-02 10:00 JST' (Ruby's Time does not know it) and reads the time in UTC
          notes/page.md:3:1: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence that starts at line 2, column 8)

        link that does not resolve (2)
          _posts/2021-01-02-busy.md:6:5: post_url: no post named "2021-01-01-clen"; did you mean "2021-01-01-clean"?
          _posts/2021-01-02-busy.md:6:41: link: no post, page or static file "_posts/nope.md"

        Liquid filter not known (Jekyll passes the value on) (1)
          _posts/2021-01-02-busy.md:5:30: unknown Liquid filter 'shout'

        kramdown option not applied (1)
          _posts/2021-01-02-busy.md:10:1: warning: renders differently from Jekyll: kramdown option not applied: 'parse_block_html="true"': this site does not apply this kramdown option, so the post reads as if it were not set (it applies auto_id_prefix, toc_levels and footnote_nr)

        post_url or link outside a link (1)
          _posts/2021-01-02-busy.md:7:56: warning: post_url or link outside a link: Jekyll prints the address below the host (/blog/2021/...); this site prints SITEURL in front (https://example.org/blog/...)

        site.baseurl before post_url or link (1)
          _posts/2021-01-02-busy.md:7:5: warning: site.baseurl before post_url or link: Jekyll's tag already starts with baseurl, so Jekyll writes it twice; this site once

        10 construct(s) render differently or not at all, in 2 of 3 file(s).
        """
    ).rstrip("\n")


def test_the_command_line_exits_1_on_findings_and_0_without(blog, capsys):
    assert doctor.main([str(blog)]) == 1
    assert "10 construct(s)" in capsys.readouterr().out
    clean = blog / "clean"
    (clean / "_posts").mkdir(parents=True)
    (blog / "_posts" / "2021-01-01-clean.md").rename(
        clean / "_posts" / "2021-01-01-a.md"
    )
    assert doctor.main([str(clean)]) == 0
    assert (
        capsys.readouterr().out
        == "Nothing renders differently from Jekyll in 1 file(s).\n"
    )


def test_it_runs_as_a_module_on_the_sample_content():
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    done = subprocess.run(
        [sys.executable, "-m", "pelican.plugins.jekyll_posts.doctor", "content"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Nothing renders differently from Jekyll in 11 file(s).\n"
