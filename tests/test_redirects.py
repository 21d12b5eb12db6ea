"""jekyll-redirect-from's front matter: `redirect_from` writes a redirect page
at each old address, `redirect_to` turns the post's own page into one."""

from __future__ import annotations

from pelican.plugins.jekyll_posts.source.redirect_keys import read


def moved_site(site) -> None:
    site.write(
        "_posts/2021-01-01-moved.md",
        """\
        ---
        title: Moved
        redirect_from:
          - /old/path/
          - /older.html
          - no-slash
        ---
        Moved here.
        """,
    )
    site.write(
        "_posts/2021-01-02-away.md",
        "---\ntitle: Away\nredirect_to: https://elsewhere.example/post/\n---\nGone.\n",
    )
    site.write(
        "pages/about.md", "---\ntitle: About\nredirect_from: /about-us/\n---\nx\n"
    )
    site.write(
        "_posts/2021-01-03-hushed.md",
        "---\ntitle: Hushed\npublished: false\nredirect_from: /hushed-old/\n---\nx\n",
    )


def target_of(result, path: str) -> str:
    page = result.page(path)
    [refresh] = page.select('meta[http-equiv="refresh"]')
    url = refresh["content"].removeprefix("0; url=")
    assert page.select_one('link[rel="canonical"]')["href"] == url
    assert page.select_one("a")["href"] == url
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    return url


def test_redirect_pages_point_at_the_new_address(site):
    moved_site(site)
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert target_of(result, "old/path/index.html") == "../../2021/01/01/moved.html"
    assert target_of(result, "older.html") == "./2021/01/01/moved.html"
    assert target_of(result, "no-slash.html") == "./2021/01/01/moved.html"
    assert target_of(result, "about-us/index.html") == "../about.html"
    assert (
        target_of(result, "2021/01/02/away.html") == "https://elsewhere.example/post/"
    )
    assert not result.exists("hushed-old/index.html")
    assert "Moved here." in result.page("2021/01/01/moved.html").get_text()


def test_with_absolute_urls_the_redirect_is_absolute(site):
    """Built with the content cache on too, which renders through its own writer."""
    moved_site(site)
    result = site.build(
        SITEURL="https://example.org/blog",
        RELATIVE_URLS=False,
        CACHE_CONTENT=True,
        LOAD_CONTENT_CACHE=True,
        CACHE_PATH=str(site.root / "cache"),
    )
    assert result.returncode == 0, result.stderr
    assert target_of(result, "old/path/index.html") == (
        "https://example.org/blog/2021/01/01/moved.html"
    )


def test_collisions_and_bad_values_are_errors_at_their_place(site):
    site.write("_posts/2021-01-01-a.md", "---\ntitle: A\n---\nx\n")
    site.write(
        "_posts/2021-01-02-b.md",
        "---\ntitle: B\nredirect_from: [/2021/01/01/a.html]\n---\nx\n",
    )
    site.write(
        "_posts/2021-01-03-c.md",
        "---\ntitle: C\nredirect_from: [/ok/, {x: 1}]\nredirect_to: ''\n---\nx\n",
    )
    site.write("_posts/2021-01-04-d.md", "---\nredirect_from: /../etc/\n---\nx\n")
    site.write("_posts/2021-01-05-e.md", "---\nredirect_from: https://x.org/\n---\nx\n")
    result = site.build()
    assert result.returncode == 1
    assert result.problems == [
        "content/_posts/2021-01-01-a.md:1:1: output 2021/01/01/a.html is also written "
        "by content/_posts/2021-01-02-b.md",
        "content/_posts/2021-01-02-b.md:1:1: output 2021/01/01/a.html is also written "
        "by content/_posts/2021-01-01-a.md",
        "content/_posts/2021-01-03-c.md:3:16: 'redirect_from' must be an address or a list of them",
        "content/_posts/2021-01-03-c.md:4:14: 'redirect_to' must be a URL",
        "content/_posts/2021-01-04-d.md:2:16: 'redirect_from' addresses must not be empty or contain '..'",
        "content/_posts/2021-01-05-e.md:2:16: 'redirect_from' takes addresses on this site, such as /old/",
    ]


def test_read_takes_a_string_a_list_and_the_first_of_a_redirect_to_list():
    said = []

    def problem(key: str, message: str) -> None:
        said.append((key, message))

    values = {"redirect_from": "/a/", "redirect_to": ["/b/", "/c/"]}
    assert read(values, problem) == {"redirect_from": ("/a/",), "redirect_to": "/b/"}
    assert read({}, problem) == {} and said == []
