"""Jekyll's front-matter keys mean what they mean in Jekyll."""

from pathlib import Path

POST = "2021/11/19/outage.html"


def build_one(
    site, front: str, body: str = "First paragraph.\n\nSecond.\n", **settings
):
    site.write("_posts/2021-11-19-outage.md", f"---\n{front}---\n{body}")
    result = site.build(**settings)
    assert result.returncode == 0, result.stderr
    return result


def test_quoted_title_keeps_no_quotes(site):
    page = build_one(site, 'title: "Outage: the report"\n').page(POST)
    assert page.h1.get_text() == "Outage: the report"


def test_missing_title_is_derived_from_the_slug_as_jekyll_does(site):
    site.write("_posts/2021-01-04-my-first_post.md", "---\n---\nBody.\n")
    result = site.build()
    assert result.page("2021/01/04/my-first_post.html").h1.get_text() == "My First_post"


def tag_names(page):
    return sorted(a.get_text() for a in page.select('a[href*="tag/"]'))


def test_tags_as_a_flow_list_a_block_list_or_a_string(site):
    site.write("_posts/2021-01-01-a.md", "---\ntags: [on-call, queues]\n---\nA\n")
    site.write("_posts/2021-01-02-b.md", "---\ntags:\n  - on-call\n  - dns\n---\nB\n")
    site.write("_posts/2021-01-03-c.md", "---\ntags: meta writing\n---\nC\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert tag_names(result.page("2021/01/01/a.html")) == ["on-call", "queues"]
    assert tag_names(result.page("2021/01/02/b.html")) == ["dns", "on-call"]
    assert tag_names(result.page("2021/01/03/c.html")) == ["meta", "writing"]


def test_categories_go_into_the_address(site):
    site.write("_posts/2021-01-01-a.md", "---\ncategories: [Ops, web]\n---\nA\n")
    site.write("_posts/2021-01-02-b.md", "---\ncategory: Site Reliability\n---\nB\n")
    result = site.build()
    assert result.exists("ops/web/2021/01/01/a.html")
    assert result.exists("site reliability/2021/01/02/b.html")
    assert result.exists("category/ops.html")


def test_unpublished_posts_are_written_nowhere(site):
    site.write("_posts/2021-01-01-kept.md", "---\ntitle: Kept\n---\nKept.\n")
    site.write(
        "_posts/2021-01-02-secret.md",
        "---\ntitle: Secret plans\npublished: false\n---\nSecret body.\n",
    )
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert not any("secret" in f for f in result.files())
    for path in result.files():
        text = (result.output / path).read_bytes()
        assert b"Secret plans" not in text and b"Secret body" not in text, path


def test_dates_in_every_form_jekyll_accepts(site):
    forms = {
        "a": ("2021-11-19 08:00:00 -0600", "2021-11-19T08:00:00-06:00"),
        "b": ("2021-11-19 08:00:00 -06:00", "2021-11-19T08:00:00-06:00"),
        "c": ("2021-11-19T14:00:00Z", "2021-11-19T08:00:00-06:00"),
        # Unquoted, YAML reads a time without an offset as UTC; quoted, it is local.
        "d": ("2021-11-19 08:00:00", "2021-11-19T02:00:00-06:00"),
        "g": ("'2021-11-19 08:00:00'", "2021-11-19T08:00:00-06:00"),
        "e": ("2021-11-19", "2021-11-19T00:00:00-06:00"),
        "f": ("2021-04-10 02:00:00 +0900", "2021-04-09T12:00:00-05:00"),
    }
    for slug, (written, _) in forms.items():
        site.write(f"_posts/2021-11-19-{slug}.md", f"---\ndate: {written}\n---\nx\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    for slug, (_, expected) in forms.items():
        day = "2021/04/09" if slug == "f" else "2021/11/19"
        time = result.page(f"{day}/{slug}.html").find("time")
        assert time["datetime"] == expected, slug


def test_excerpt_is_the_first_paragraph_by_default(site):
    result = build_one(site, "title: T\n", "\nFirst *para*.\n\nSecond para.\n")
    summary = result.page("index.html").select_one("article p:not(:has(time))")
    assert summary.decode_contents() == "First <em>para</em>."


def test_excerpt_separator_more_when_configured(site):
    body = "One.\n\nTwo.\n<!--more-->\nThree.\n"
    result = build_one(site, "title: T\n", body, JEKYLL_EXCERPT_SEPARATOR="<!--more-->")
    index = result.page("index.html")
    texts = [p.get_text() for p in index.select("article p:not(:has(time))")]
    assert texts == ["One.", "Two."]


def test_front_matter_excerpt_is_used_as_written(site):
    result = build_one(site, "title: T\nexcerpt: Short and sweet.\n")
    assert "Short and sweet." in result.page("index.html").get_text()


def test_permalink_overrides_and_layout_is_ignored(site):
    result = build_one(site, "layout: post\npermalink: /incidents/outage/\n")
    assert result.exists("incidents/outage/index.html")
    assert not result.exists(POST)


def test_other_keys_are_available_to_templates(site, tmp_path: Path):
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "article.html").write_text(
        "<p id=m>{{ article.mood }}|{{ article.reviewers|join(',') }}</p>"
    )
    result = build_one(
        site,
        "mood: calm\nreviewers: [ana, bo]\n",
        THEME_TEMPLATES_OVERRIDES=[str(overrides)],
    )
    assert result.page(POST).find(id="m").get_text() == "calm|ana,bo"
