"""Nothing lost, nothing changed: repeatable builds, and failed builds keep the old site."""

import filecmp

from conftest import ROOT


def test_the_sample_site_builds_byte_identical_twice(site):
    site.use_sample()
    first = site.build("first", conf="publishconf.py")
    second = site.build("second", conf="publishconf.py")
    assert first.returncode == 0 and second.returncode == 0, first.stderr
    assert first.tree() == second.tree()
    assert len(first.tree()) > 50
    sources = [p for p in site.content.rglob("*") if p.is_file()]
    for source in sources:
        assert filecmp.cmp(source, ROOT / "content" / source.relative_to(site.content))


def test_a_failed_build_leaves_the_previous_output_untouched(site):
    site.write("_posts/2021-01-01-a.md", "---\ntitle: A\n---\nA.\n")
    good = site.build(DELETE_OUTPUT_DIRECTORY=True)
    assert good.returncode == 0, good.stderr
    before = good.tree()
    site.write("_posts/2021-01-02-b.md", "---\n---\n{% post_url 2021-01-01-x %}\n")
    failed = site.build(DELETE_OUTPUT_DIRECTORY=True)
    assert failed.returncode == 1
    assert failed.tree() == before


def test_a_good_build_still_cleans_the_output_when_asked(site):
    site.write("_posts/2021-01-01-a.md", "---\ntitle: A\n---\nA.\n")
    (site.root / "output").mkdir()
    (site.root / "output" / "stale.html").write_text("old")
    result = site.build(DELETE_OUTPUT_DIRECTORY=True)
    assert result.returncode == 0, result.stderr
    assert not result.exists("stale.html") and result.exists("2021/01/01/a.html")


def test_source_date_epoch_decides_which_posts_are_in_the_future(site):
    site.write("_posts/2030-06-01-launch.md", "---\ntitle: Launch\n---\nSoon.\n")
    before = site.build("before", env={"SOURCE_DATE_EPOCH": "1893456000"})  # 2030-01-01
    after = site.build("after", env={"SOURCE_DATE_EPOCH": "1924992000"})  # 2031-01-01
    assert before.returncode == 0 and after.returncode == 0, before.stderr
    assert not before.exists("2030/06/01/launch.html")
    assert after.exists("2030/06/01/launch.html")
