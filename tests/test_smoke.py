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


def test_posts_with_one_slug_on_two_dates_are_two_posts(site):
    """Jekyll tells posts apart by date and slug: no translations of each other."""
    site.write("_posts/2021-01-01-update.md", "---\ntitle: One\n---\nOne.\n")
    site.write("_posts/2022-01-01-update.md", "---\ntitle: Two\n---\nTwo.\n")
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert result.page("2021/01/01/update.html").h1.get_text() == "One"
    assert result.page("2022/01/01/update.html").h1.get_text() == "Two"
    assert "WARNING" not in result.stdout + result.stderr
