"""Drafts in `_drafts/` appear only in a preview; posts dated in the future
only with JEKYLL_FUTURE; `last_modified_at` is shown as the update date."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest
from pelican.plugins.jekyll_posts.config.settings import ConfigError, from_settings


def written_text(result) -> str:
    return "".join(
        (result.output / f).read_text("utf-8")
        for f in result.files()
        if f.endswith((".html", ".xml"))
    )


def drafts_site(site) -> None:
    draft = site.write("_drafts/my-draft.md", "---\ntitle: Drafty\n---\nDraft text.\n")
    moment = datetime(2024, 3, 10, 15, 0, tzinfo=UTC).timestamp()
    os.utime(draft, (moment, moment))
    site.write("_drafts/2020-05-05-dated.md", "---\n---\nDated draft text.\n")
    site.write("_posts/2021-01-01-now.md", "---\ntitle: Now\n---\nNow text.\n")


def test_drafts_are_never_written_without_a_preview(site):
    drafts_site(site)
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert result.exists("2021/01/01/now.html")
    assert "Draft text." not in written_text(result)
    assert "Dated draft text." not in written_text(result)


def test_a_preview_shows_drafts_dated_by_file_time_or_name(site):
    drafts_site(site)
    result = site.build(JEKYLL_DRAFTS=True)
    assert result.returncode == 0, result.stderr
    for path, text in (
        ("2024/03/10/my-draft.html", "Draft text."),  # 09:00 in Chicago
        ("2020/05/05/dated.html", "Dated draft text."),
    ):
        page = result.page(path)
        assert text in page.get_text()
        assert page.select_one(".draft-notice") is not None


def future_site(site, link: str = "") -> None:
    site.write(
        "_posts/2021-01-01-now.md",
        "---\ntitle: Now\nseries: Ops\nlast_modified_at: 2021-02-03 10:00\n---\n"
        f"Now text. {link}\n",
    )
    site.write(
        "_posts/2099-01-01-later.md",
        "---\ntitle: Later\nseries: Ops\n---\nLater text "
        "[back]({% post_url 2021-01-01-now %}).\n",
    )


def test_future_posts_are_written_nowhere_by_default(site):
    future_site(site)
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert "Later text" not in written_text(result)
    assert not any(f.startswith(("2099/", "drafts/")) for f in result.files())
    now = result.page("2021/01/01/now.html")
    assert now.select(".backlinks") == []
    assert (
        result.page("series/ops/index.html")
        .select(".series-posts h2")[0]
        .get_text(strip=True)
        == "Now"
    )
    [updated] = now.select(".meta time")[1:]
    assert updated["datetime"] == "2021-02-03T10:00:00-06:00"
    assert updated.get_text() == "February 3, 2021"


def test_jekyll_future_publishes_them(site):
    future_site(site)
    result = site.build(JEKYLL_FUTURE=True)
    assert result.returncode == 0, result.stderr
    assert "Later text" in result.page("2099/01/01/later.html").get_text()
    assert len(result.page("series/ops/index.html").select(".series-posts h2")) == 2


def test_links_to_future_posts_and_bad_update_dates_are_errors(site):
    future_site(site, "[ahead]({% post_url 2099-01-01-later %})")
    site.write("_posts/2021-01-02-bad.md", "---\nlast_modified_at: soon\n---\nx\n")
    result = site.build()
    assert result.returncode == 1
    assert result.problems == [
        'content/_posts/2021-01-01-now.md:6:19: post_url: "2099-01-01-later" is not '
        "published (it is dated in the future; JEKYLL_FUTURE = True publishes it), "
        "so the link would break",
        "content/_posts/2021-01-02-bad.md:2:19: last_modified_at: 'soon' is not a "
        "date Jekyll accepts: it names no date or time",
    ]


def test_jekyll_future_must_be_a_boolean():
    with pytest.raises(ConfigError, match="setting JEKYLL_FUTURE must be a bool"):
        from_settings({"JEKYLL_FUTURE": "yes"})
    assert from_settings({"JEKYLL_FUTURE": True}).future
