"""Strict by default: every problem named with file, line and column, then exit 1."""

GOOD = "---\ntitle: Punitive measures\n---\nText.\n"


def test_every_problem_is_reported_together_and_nothing_is_written(site):
    site.write("_posts/2021-10-08-punitive-measures.md", GOOD)
    site.write("_posts/2021-10-09-secret.md", "---\npublished: false\n---\nx\n")
    site.write("_posts/a/2021-10-10-twice.md", GOOD)
    site.write("_posts/b/2021-10-10-twice.md", "---\npermalink: /b.html\n---\nB\n")
    site.write(
        "_posts/2021-11-19-outage.md",
        """
        ---
        title: Outage
        ---
        As [mentioned]({% post_url 2021-10-08-punitive-measure %}) and
        [there]({% post_url 2021-10-09-secret %}), {% post_url 2021-10-10-twice %}.
        {% post_url "2021-10-08-punitive-measures" %} {% post_url 2021-10-08-punitive-measures.md %}
        {% post_url punitive-measures %} {% if note %}
        """,
    )
    site.write("_posts/2021-11-20-yaml.md", "---\ntitle: [unclosed\n---\nx\n")
    site.write("_posts/2021-11-21-open.md", "---\ntitle: never closed\nbody\n")
    site.write("_posts/2021-11-22-raw.md", "---\n---\nok\n\n  {% raw %} forever\n")
    result = site.build()
    assert result.returncode == 1
    assert result.problems == [
        'content/_posts/2021-11-19-outage.md:4:16: post_url: no post named "2021-10-08-punitive-measure"; did you mean "2021-10-08-punitive-measures"?',
        'content/_posts/2021-11-19-outage.md:5:9: post_url: "2021-10-09-secret" is not published (published: false), so the link would break',
        'content/_posts/2021-11-19-outage.md:5:44: post_url: "2021-10-10-twice" is ambiguous: it names _posts/a/2021-10-10-twice.md, _posts/b/2021-10-10-twice.md',
        'content/_posts/2021-11-19-outage.md:6:1: post_url: cannot read the post name ""2021-10-08-punitive-measures""; write it as YYYY-MM-DD-slug (or folder/YYYY-MM-DD-slug), without quotes or extension',
        'content/_posts/2021-11-19-outage.md:6:47: post_url: no post named "2021-10-08-punitive-measures.md"; drop the extension: "2021-10-08-punitive-measures"',
        'content/_posts/2021-11-19-outage.md:7:1: post_url: cannot read the post name "punitive-measures"; write it as YYYY-MM-DD-slug (or folder/YYYY-MM-DD-slug), without quotes or extension',
        "content/_posts/2021-11-19-outage.md:7:34: '{% if %}' opened here is never "
        "closed with '{% endif %}'",
        "content/_posts/2021-11-20-yaml.md:3:1: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence that starts at line 2, column 8)",
        "content/_posts/2021-11-21-open.md:1:1: front matter opened here is never closed with '---'",
        "content/_posts/2021-11-22-raw.md:5:3: '{% raw %}' opened here is never closed with '{% endraw %}'",
    ]
    assert "10 error(s), 0 warning(s)" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not result.output.exists()


def test_a_lenient_build_turns_errors_into_warnings(site):
    site.write(
        "_posts/2021-11-19-outage.md", "---\n---\n[a]({% post_url 2021-01-01-x %})\n"
    )
    result = site.build(JEKYLL_STRICT=False)
    assert result.returncode == 0
    assert result.problems == [
        'content/_posts/2021-11-19-outage.md:3:5: warning: post_url: no post named "2021-01-01-x" (the link is left as its text)'
    ]
    body = result.page("2021/11/19/outage.html").select_one(".post-body")
    assert body.get_text().strip() == "a" and body.find("a") is None


def test_a_misspelt_setting_is_an_error(site):
    site.write("_posts/2021-11-19-outage.md", GOOD)
    result = site.build(JEKYLL_STRICTNESS=False)
    assert result.returncode == 1
    assert "unknown setting JEKYLL_STRICTNESS" in result.stdout + result.stderr
