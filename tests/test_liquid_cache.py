"""A cached post whose Liquid read the rest of the site is rendered again when
that part changes: the dev server's incremental build then equals a cold one."""

from __future__ import annotations

from sitetools.devserver import preview_settings

LOOP = """\
---
title: Index of posts
---
{% for post in site.posts %}[{{ post.title }}]({{ post.url }}) {% endfor %}
Team: {{ site.data.team | map: "name" | join: ", " }}. {% include sign.html %}
"""


def preview(site, *args):
    """A rebuild as `make devserver` does one: content cache and incremental pages."""
    return site.build("fast", args=args, **preview_settings(site.root / "cache"))


def cold(site, label: str):
    return site.build(f"cold-{label}", JEKYLL_WORKERS=1)


def body(result, path: str) -> str:
    return result.page(path).select_one(".post-body").get_text(" ", strip=True)


def test_an_edit_elsewhere_reaches_the_post_that_prints_it(site):
    site.write("_posts/2021-01-01-first.md", "---\ntitle: First\n---\nOne.\n")
    site.write("_posts/2021-01-02-other.md", "---\ntitle: Other\n---\nTwo.\n")
    site.write("_posts/2021-01-03-index.md", LOOP)
    site.write("_data/team.yml", "- name: Ada\n")
    site.write("_includes/sign.html", "Signed.\n")
    assert preview(site).returncode == 0

    edits = [
        ("a title the loop prints", "_posts/2021-01-01-first.md",
         "---\ntitle: Renamed\n---\nOne.\n", "Other Renamed"),
        ("a new post", "_posts/2021-01-02-new.md",
         "---\ntitle: Newcomer\n---\nNew.\n", "Newcomer Renamed"),
        ("the site's data", "_data/team.yml", "- name: Ada\n- name: Bo\n", "Ada, Bo"),
        ("an include", "_includes/sign.html", "Signed again.\n", "Signed again."),
    ]  # fmt: skip
    for label, path, text, shown in edits:
        site.write(path, text)
        fast, fresh = preview(site), cold(site, label.replace(" ", "-"))
        assert fast.returncode == fresh.returncode == 0, fast.stderr + fresh.stderr
        assert shown in body(fast, "2021/01/03/index.html"), label
        assert fast.tree() == fresh.tree(), label


def test_a_post_that_reads_nothing_of_the_site_is_not_read_again(site):
    site.write(
        "_posts/2021-01-01-plain.md", "---\ntitle: Plain\n---\n{{ page.title }}\n"
    )
    site.write("_posts/2021-01-02-other.md", "---\ntitle: Other\n---\nTwo.\n")
    first = preview(site, "--debug")  # the same settings (DEBUG) in both builds
    page = first.output / "2021/01/01/plain.html"
    stamp = page.stat().st_mtime_ns
    site.write("_posts/2021-01-02-other.md", "---\ntitle: Other\n---\nTwo, edited.\n")
    again = preview(site, "--debug")
    assert again.returncode == 0, again.stderr
    assert "Jekyll posts: 1 to read, 1 from the content cache" in again.stdout
    assert page.stat().st_mtime_ns == stamp
    assert body(again, "2021/01/02/other.html") == "Two, edited."
