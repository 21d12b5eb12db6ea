"""The fast paths change nothing: parallel, cached and incremental builds equal
a serial cold build (Pelican's own writer), byte for byte."""

import shutil
import sys

from pelican.plugins.jekyll_posts.read.reader import fingerprint
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from conftest import ROOT


def incremental(site, *args):
    cache = str(site.root / "cache")
    return site.build(
        "fast", args=args, CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True, CACHE_PATH=cache
    )


def assert_same_as_cold(site, label):
    fast = incremental(site)
    cold = site.build(f"cold-{label}", JEKYLL_WORKERS=1)  # serial, Pelican's writer
    assert fast.returncode == 0 and cold.returncode == 0, fast.stderr + cold.stderr
    fast_files, cold_files = fast.tree(), cold.tree()
    assert fast_files.keys() == cold_files.keys(), label
    changed = [p for p in cold_files if fast_files[p] != cold_files[p]]
    assert changed == [], label


def test_incremental_rebuilds_equal_cold_builds_after_each_edit(site):
    site.use_sample()
    posts = site.content / "_posts"
    assert incremental(site).returncode == 0

    alert = posts / "2022-04-20-alert-templates.md"
    alert.write_text(alert.read_text() + "\nOne more line at the end.\n")
    assert_same_as_cold(site, "body edit")

    outage = posts / "2021-11-19-outage.md"
    outage.write_text(outage.read_text().replace("we do not", "we never", 1))
    assert_same_as_cold(site, "excerpt and backlink context edit")

    old, new = "2021-10-08-punitive-measures", "2021-10-08-blameless-reviews"
    (posts / f"{old}.md").rename(posts / f"{new}.md")
    for post in posts.rglob("*.md"):
        post.write_text(post.read_text().replace(old, new))
    assert_same_as_cold(site, "post_url target renamed")

    target = posts / "2021-09-14-full-capacity.md"
    target.write_text(target.read_text().replace("---\n", "---\npermalink: /cap/\n", 1))
    assert_same_as_cold(site, "post_url target moved by permalink")

    (posts / "2022-05-10-planning-buffer.md").unlink()
    assert_same_as_cold(site, "post deleted")


def test_a_list_that_loses_its_second_page_leaves_no_stale_page(site):
    for day in range(10, 22):  # 12 posts under one tag: two pages of ten
        site.write(
            f"_posts/2021-01-{day}-p{day}.md",
            f"---\ntitle: P{day}\ntags: [ops]\n---\nText.\n",
        )
    assert incremental(site).exists("tag/ops/page/2/index.html")
    for day in (20, 21):
        (site.content / f"_posts/2021-01-{day}-p{day}.md").unlink()
    assert not incremental(site).exists("tag/ops/page/2/index.html")
    assert_same_as_cold(site, "second page gone")


def test_a_series_that_goes_away_takes_its_feed_with_it(site):
    post = "---\ntitle: A\nseries: Notes\n{}---\nA.\n"
    site.write("_posts/2021-01-01-a.md", post.format(""))
    assert incremental(site).exists("feeds/series/notes.atom.xml")
    site.write("_posts/2021-01-01-a.md", post.format("published: false\n"))
    assert not incremental(site).exists("feeds/series/notes.atom.xml")
    assert_same_as_cold(site, "series gone")


def test_an_unchanged_rebuild_renders_no_page_again(site):
    site.write("_posts/2021-01-01-a.md", "---\ntitle: A\n---\nA.\n")
    first = incremental(site)
    page = first.output / "2021/01/01/a.html"
    stamp = page.stat().st_mtime_ns
    second = incremental(site)
    assert second.returncode == 0, second.stderr
    assert page.stat().st_mtime_ns == stamp


def test_a_rebuild_after_one_edit_reads_only_the_edited_post(site):
    for day in (1, 2, 3):
        site.write(
            f"_posts/2021-01-0{day}-p{day}.md", f"---\ntitle: P{day}\n---\nText.\n"
        )
    assert incremental(site).returncode == 0
    site.write("_posts/2021-01-02-p2.md", "---\ntitle: P2\n---\nText, edited.\n")
    again = incremental(site, "--debug")
    assert again.returncode == 0, again.stderr
    assert "Jekyll posts: 1 to read, 2 from the content cache" in again.stdout


def test_the_cache_fingerprint_holds_once_pelicans_markdown_reader_has_started(
    tmp_path,
):
    settings = read_settings(
        str(ROOT / "pelicanconf.py"), override={"PATH": str(tmp_path)}
    )
    taken = fingerprint(settings)  # as the plugin takes it when readers start
    MarkdownReader(settings)  # adds its extensions to MARKDOWN, in place
    assert "markdown.extensions.meta" in settings["MARKDOWN"]["extensions"]
    assert fingerprint(settings) == taken


def use_corpus(site, posts: int) -> None:
    """A site of `posts` generated posts: enough pages for every process."""
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus

    shutil.rmtree(site.content)
    corpus.generate(posts, site.content)


def test_reading_and_rendering_on_several_cores_gives_the_same_site(site):
    use_corpus(site, 60)
    # A page written where Pelican writes a list replaces it, as Pelican lets it.
    site.write("pages/clash.md", "---\ntitle: Clash\npermalink: /tags.html\n---\nA.\n")
    serial = site.build("serial", JEKYLL_WORKERS=1)  # Pelican's own writer
    parallel = site.build("parallel", JEKYLL_WORKERS=2)
    assert serial.returncode == 0 and parallel.returncode == 0, parallel.stderr
    assert serial.tree() == parallel.tree()
    assert len(serial.tree()) > 100
    assert parallel.page("tags.html").title.text.startswith("Clash")


def test_a_page_that_fails_to_render_fails_the_build_and_names_it(site):
    use_corpus(site, 60)
    posts = sorted((site.content / "_posts").rglob("*.md"))
    theme = {"THEME_TEMPLATES_OVERRIDES": [str(site.root / "theme")]}
    # Two posts next to each other by date: pages are shared out in turn, so
    # one is rendered in Pelican's process and the other in a forked one.
    for post in posts[30:32]:
        broken = post.stem[11:]  # its slug
        site.write(
            "../theme/article.html",
            '{% extends "!simple/article.html" %}{% block content %}'
            f'{{% if article.slug == "{broken}" %}}{{{{ article.nope.x }}}}{{% endif %}}'
            "{{ article.content }}{% endblock %}",
        )
        for workers in (1, 2):
            result = site.build(f"out-{workers}", JEKYLL_WORKERS=workers, **theme)
            log = "".join((result.stdout + result.stderr).split())  # unwrapped
            assert result.returncode == 1
            assert "hasnoattribute'nope'" in log
        assert f"{broken}.html" in log  # the page, named by the parallel writer


def test_a_page_changed_by_another_build_is_rendered_again(site):
    site.write("_posts/2021-01-01-a.md", "---\ntitle: A\n---\nA.\n")
    page = incremental(site).output / "2021/01/01/a.html"
    right = page.read_bytes()
    page.write_text("written by some other build")
    assert incremental(site).returncode == 0
    assert page.read_bytes() == right


def test_quick_membership_answers_as_the_list_would():
    from pelican.plugins.jekyll_posts.link.membership import Members

    first, second, third = object(), object(), object()
    members = Members([first, second])
    assert first in members and second in members and third not in members
    assert members == [first, second]
    members.append(third)  # changed after: still right
    assert third in members
    members.remove(first)
    assert first not in members


def test_a_body_edit_renders_again_only_pages_that_can_show_the_post(site):
    site.write("_posts/2021-01-01-a.md", "---\ntitle: A\ntags: [ops]\n---\nA.\n")
    site.write("_posts/2021-01-02-b.md", "---\ntitle: B\ntags: [db]\n---\nB.\n")
    output = incremental(site).output
    other = output / "tag/db.html"
    before = other.stat().st_mtime_ns
    post = site.content / "_posts/2021-01-01-a.md"
    post.write_text(post.read_text() + "\nMore words in A.\n")
    assert (
        incremental(site).page("2021/01/01/a.html").find(string=lambda s: "More" in s)
    )
    assert other.stat().st_mtime_ns == before  # its template never names post A
    assert_same_as_cold(site, "body edit")


def test_what_a_template_can_read_is_read_from_its_source_and_all_it_uses():
    from jinja2 import DictLoader, Environment, pass_context
    from pelican.plugins.jekyll_posts.write.template_reads import TemplateReads

    env = Environment(
        loader=DictLoader(
            {
                "page.html": '{% extends "base.html" %}{% block b %}{{ tag }}{% endblock %}',
                "base.html": '{% include "nav.html" %}{% block b %}{% endblock %}',
                "nav.html": "{% for p in pages %}{{ p.title }}{% endfor %}",
                "chosen.html": "{% include which %}",
            }
        )
    )
    reads = TemplateReads()
    assert reads.names(env.get_template("page.html")) == {"tag", "pages"}
    assert reads.names(env.get_template("chosen.html")) is None  # known at render
    env.filters["peek"] = pass_context(lambda context, value: value)
    assert TemplateReads().names(env.get_template("page.html")) is None
