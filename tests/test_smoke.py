def test_a_post_is_published_at_its_jekyll_address(site):
    site.write(
        "_posts/2021-11-19-outage.md",
        """
        ---
        title: "Outage: a report"
        date: 2021-11-19 08:00:00 -0600
        ---
        Body text.
        """,
    )
    result = site.build()
    assert result.returncode == 0, result.stderr
    page = result.page("2021/11/19/outage.html")
    assert page.h1.get_text() == "Outage: a report"
