"""Backlinks: "Referenced by" on each post, with the sentence around each link."""


def post(title: str, body: str = "Body.", front: str = "") -> str:
    return f"---\ntitle: {title}\n{front}---\n{body}\n"


TARGET = "{% post_url 2021-05-01-target %}"


def test_referenced_by_lists_published_linking_posts_by_date_with_context(site):
    site.write(
        "_posts/2021-05-01-target.md",
        post("Target", f"This very [post]({TARGET}) links to itself."),
    )
    site.write(
        "_posts/2021-06-01-later.md",
        post(
            "Later source",
            f"Intro. We covered this *before* in [the target]({TARGET}), when "
            "load < 70%. Next sentence.",
        ),
    )
    site.write(
        "_posts/2021-03-01-earlier.md",
        post(
            "Earlier source",
            "See [the target][t] for details. Other.\n\n"
            f"- Also [again]({TARGET})\n\n[t]: {TARGET}\n",
        ),
    )
    site.write(
        "_posts/2021-07-01-bare.md",
        post("Bare source", f"The address is {TARGET} today."),
    )
    site.write(
        "_posts/2021-08-01-hidden.md",
        post("Unpublished", f"[x]({TARGET})", "published: false\n"),
    )
    site.write("pages/about.md", post("About", f"About [it]({TARGET})."))
    result = site.build()
    assert result.returncode == 0, result.stderr
    section = result.page("2021/05/01/target.html").select_one(".backlinks")
    assert section.h2.get_text() == "Referenced by"
    found = [
        (
            li.a.get_text(),
            li.a["href"],
            li.time["datetime"],
            [q.get_text() for q in li.select("blockquote")],
        )
        for li in section.select("li")
    ]
    assert found == [
        (
            "Earlier source",
            "../../../2021/03/01/earlier.html",
            "2021-03-01T00:00:00-06:00",
            ["See the target for details.", "Also again"],
        ),
        (
            "Later source",
            "../../../2021/06/01/later.html",
            "2021-06-01T00:00:00-05:00",
            ["We covered this before in the target, when load < 70%."],
        ),
        (
            "Bare source",
            "../../../2021/07/01/bare.html",
            "2021-07-01T00:00:00-05:00",
            ["The address is /2021/05/01/target.html today."],
        ),
    ]
    assert "load &lt; 70%" in (result.output / "2021/05/01/target.html").read_text()
    assert result.page("2021/06/01/later.html").select(".backlinks") == []
