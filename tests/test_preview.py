"""A drafts preview lists its drafts wherever posts are listed, marked as
drafts, and the next build that is not a preview leaves none of them in the
output, even with DELETE_OUTPUT_DIRECTORY off (the repository's setting)."""

from __future__ import annotations

from pelican.plugins.jekyll_posts.write.preview import MARKER


def drafts_site(site) -> None:
    site.write(
        "_posts/2021-01-01-now.md", "---\ntitle: Now\ntags: [ops]\n---\nNow text.\n"
    )
    site.write(
        "_posts/2021-02-01-plans.md",
        "---\ntitle: Zebra plans\ntags: [skunkworks]\ncategory: secret\n"
        "published: false\n---\nPlans text.\n",
    )
    site.write("_drafts/2021-03-01-idea.md", "---\ntitle: Yak idea\n---\nIdea text.\n")


def listed(result, page: str) -> list[tuple[str, str]]:
    """(title, status) of each post a list page shows, in order."""
    html = result.page(page)
    items = html.select(".post-list > li > article, .archive li")
    return [(item.a.get_text(strip=True), item["data-status"]) for item in items]


def test_drafts_are_listed_wherever_posts_are_and_marked(site):
    drafts_site(site)
    result = site.build(JEKYLL_DRAFTS=True)
    assert result.returncode == 0, result.stderr
    everything = [
        ("Yak idea", "draft"),
        ("Zebra plans", "draft"),
        ("Now", "published"),
    ]
    assert listed(result, "index.html") == everything
    assert listed(result, "archives.html") == everything
    assert listed(result, "author/the-platform-team.html") == everything
    assert listed(result, "tag/skunkworks.html") == [("Zebra plans", "draft")]
    assert listed(result, "category/secret.html") == [("Zebra plans", "draft")]
    badges = result.page("index.html").select(".draft-badge")
    assert [b.get_text() for b in badges] == ["Draft", "Draft"]
    sitemap = (result.output / "sitemap.xml").read_text()
    assert "plans.html" not in sitemap and "now.html" in sitemap
    # Links, series and neighbours still count published posts only.
    assert result.page("2021/01/01/now.html").select(".post-nav") == []


def test_the_next_plain_build_leaves_no_draft_in_the_output(site):
    drafts_site(site)
    preview = site.build(JEKYLL_DRAFTS=True)
    assert preview.returncode == 0, preview.stderr
    assert preview.exists(MARKER)
    assert preview.exists("tag/skunkworks.html")
    plain = site.build()
    assert plain.returncode == 0, plain.stderr
    written = "".join((plain.output / f).read_text("utf-8") for f in plain.files())
    for text in ("Zebra", "Plans text", "Yak", "Idea text", "skunkworks"):
        assert text not in written
    assert not plain.exists(MARKER)
    assert not plain.exists("2021/02/01/plans.html")
    assert not (plain.output / "tag/skunkworks.html").exists()
    assert not (plain.output / "category/secret.html").exists()
    assert plain.exists("2021/01/01/now.html")


def test_a_failed_plain_build_leaves_the_preview_to_the_next_one(site):
    drafts_site(site)
    assert site.build(JEKYLL_DRAFTS=True).returncode == 0
    broken = site.write("_posts/2021-04-01-broken.md", "---\n---\n{% post_url x %}\n")
    assert site.build().returncode == 1
    assert (site.root / "output" / MARKER).is_file()
    broken.unlink()
    plain = site.build()
    assert plain.returncode == 0, plain.stderr
    assert not plain.exists("2021/02/01/plans.html") and not plain.exists(MARKER)
