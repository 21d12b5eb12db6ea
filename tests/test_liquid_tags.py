"""Jekyll's tags in a real build: links to posts, pages and static files, an
include and highlighted code; and link errors told at their places."""


def test_tags_links_and_includes_in_a_real_build(site):
    site.write("_includes/note.html", "<aside>{{ include.text }}</aside>\n")
    site.write("images/diagram.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    site.write("pages/about.md", "---\ntitle: About\n---\nAbout.\n")
    site.write("_posts/2021-01-01-target.md", "---\ntitle: Target\n---\nTarget.\n")
    site.write(
        "_posts/2021-02-01-tour.md",
        """\
        ---
        title: Tour
        ---
        [post]({% link _posts/2021-01-01-target.md %}) [page]({% link pages/about.md %})
        ![img]({% link images/diagram.svg %}) text: {% link pages/about.md %}

        {% include note.html text="Included text" %}

        {% highlight yaml %}
        key: "value"
        {% endhighlight %}
        """,
    )
    result = site.build()
    assert result.returncode == 0, result.stderr
    body = result.page("2021/02/01/tour.html").select_one(".post-body")
    assert [a["href"] for a in body.select("a")] == [
        "../../../2021/01/01/target.html",
        "../../../about.html",
    ]
    assert body.select_one("img")["src"] == "../../../images/diagram.svg"
    assert "text: /about.html" in body.get_text()
    assert body.select_one("aside").get_text() == "Included text"
    assert (
        body.select_one("figure.highlight code.language-yaml").get_text()
        == 'key: "value"'
    )


def test_link_errors_in_a_real_build(site):
    site.write("pages/hidden.md", "---\ntitle: Hidden\npublished: false\n---\nx\n")
    site.write("_includes/bad.html", "x\n{% link nowhere.md %}")
    site.write(
        "_posts/2021-02-01-tour.md",
        "---\ntitle: Tour\n---\n[a]({% link pages/abuot.md %})\n"
        "[b]({% link pages/hidden.md %}) {% include bad.html %}\n",
    )
    site.write("pages/about.md", "---\ntitle: About\n---\nx\n")
    result = site.build()
    assert result.returncode == 1
    assert result.problems == [
        'content/_posts/2021-02-01-tour.md:4:5: link: no post, page or static file "pages/abuot.md"; did you mean "pages/about.md"?',
        'content/_posts/2021-02-01-tour.md:5:5: link: "pages/hidden.md" is not published (published: false), so the link would break',
        'content/_posts/2021-02-01-tour.md:5:33: link: no post, page or static file "nowhere.md" (in include bad.html: content/_includes/bad.html:2:1)',
    ]
