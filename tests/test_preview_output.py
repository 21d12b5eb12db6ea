"""The dev server's output is always a cold build's: after each edit, rename,
deletion, new post, draft, and a broken then fixed post, `output/` holds
byte for byte what a cold build of the same sources writes. A property test
drives generated edit sequences through the same long-lived build process."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from test_devserver import PATIENCE, project_of, running, status, until

from conftest import ROOT, Site
from sitetools import buildworker, pelican_cli
from sitetools.devserver import preview_settings

QUIET = 1.5  # seconds without a new build: the dev server has taken every save


def settled(dev, before: int) -> dict:
    """The dev server's status once it has built after `before` and is quiet."""
    assert until(lambda: status(dev)["builds"] > before, PATIENCE)
    while True:
        seen = status(dev)
        time.sleep(QUIET)
        if status(dev)["builds"] == seen["builds"]:
            return seen


def same_as_cold(site, output, label: str) -> None:
    cold = site.build(f"cold-{label}")
    assert cold.returncode == 0, cold.stderr
    served = {
        p.relative_to(output).as_posix(): p.read_bytes()
        for p in output.rglob("*")
        if p.is_file()
    }
    made = cold.tree()
    assert sorted(served) == sorted(made), label
    assert [p for p in made if served[p] != made[p]] == [], label


def test_the_dev_servers_output_equals_a_cold_build_after_every_step(site):
    site.use_sample()
    settings = project_of(site)
    posts = site.content / "_posts"
    outage = posts / "2021-11-19-outage.md"
    old, new = "2021-10-08-punitive-measures", "2021-10-08-blameless-reviews"

    def rename():
        (posts / f"{old}.md").rename(posts / f"{new}.md")
        for post in posts.rglob("*.md"):
            post.write_text(post.read_text().replace(old, new))

    def many_tagged():
        for day in range(10, 22):  # two pages of the tag "zebra"
            site.write(
                f"_posts/2020-01-{day}-z{day}.md",
                f"---\ntitle: Z{day}\ntags: [zebra]\n---\nZ text.\n",
            )

    def fewer_tagged():
        for day in (20, 21):
            (posts / f"2020-01-{day}-z{day}.md").unlink()

    steps = [
        ("body", lambda: outage.write_text(outage.read_text() + "\nOne more.\n")),
        ("title", lambda: outage.write_text(
            re.sub("^title: .*$", "title: Retitled", outage.read_text(), flags=re.M))),
        ("renamed", rename),
        ("new post", lambda: site.write(
            "_posts/2022-06-01-new.md", "---\ntitle: New\ntags: [ops]\n---\nNew.\n")),
        ("many tagged", many_tagged),
        ("fewer tagged: a list loses its second page", fewer_tagged),
        ("draft", lambda: site.write(
            "_posts/2022-06-01-new.md", "---\ntitle: New\npublished: false\n---\nN.\n")),
        ("deleted", lambda: (posts / "2022-06-01-new.md").unlink()),
    ]  # fmt: skip
    output = site.root / "output"
    with running(site.content, output, settings) as dev:
        same_as_cold(site, output, "start")
        for number, (label, change) in enumerate(steps):
            before = status(dev)["builds"]
            change()
            assert settled(dev, before)["ok"], label
            same_as_cold(site, output, f"{number}")

        good = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
        text = outage.read_text()
        before = status(dev)["builds"]
        outage.write_text(text + "\nSee {% post_url 2000-01-01-nowhere %}.\n")
        assert not settled(dev, before)["ok"]  # broken: nothing published
        assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == good
        before = status(dev)["builds"]
        outage.write_text(text + "\nFixed.\n")
        assert settled(dev, before)["ok"]
        same_as_cold(site, output, "fixed")


# -- generated sequences ------------------------------------------------------

SLUGS = ("alpha", "beta", "gamma", "delta")
TAGS = ("ops", "db")


def post(slug: str, title: str, tags: list[str], links: list[str], draft: bool):
    days = {s: 10 + i for i, s in enumerate(SLUGS)}
    lines = [f"title: {title}", f"tags: [{', '.join(tags)}]", "series: Notes"]
    if draft:
        lines.append("published: false")
    body = "\n\n".join(
        [f"{title} body."]
        + [f"See [{t}]({{% post_url 2021-03-{days[t]}-{t} %}})." for t in links]
    )
    name = f"_posts/2021-03-{days[slug]}-{slug}.md"
    return name, "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


edits = st.lists(
    st.tuples(
        st.sampled_from(SLUGS),
        st.sampled_from(["write", "delete"]),
        st.text("abcXYZ ", min_size=1, max_size=8).map(str.strip).filter(bool),
        st.lists(st.sampled_from(TAGS), max_size=2, unique=True),
        st.lists(st.sampled_from(SLUGS), max_size=2, unique=True),
        st.booleans(),
    ),
    min_size=1,
    max_size=5,
)


@settings(
    max_examples=6,
    deadline=None,
    # Each step is two builds: a failure is reported as found, not shrunk.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(sequence=edits)
def test_generated_edit_sequences_rebuild_to_a_cold_builds_output(
    tmp_path_factory, sequence
):
    site = Site(tmp_path_factory.mktemp("generated"))
    builder = buildworker.BuildProcess(ROOT)
    output = site.root / "output"
    command = pelican_cli.command(
        site.content,
        output,
        ROOT / "pelicanconf.py",
        preview_settings(site.root / "cache"),
    )
    files: dict[str, str] = {}
    try:
        site.write(*post("alpha", "Alpha", [], [], False))
        files["alpha"] = "written"
        assert builder.build(command)[0] == 0
        for slug, action, title, tags, links, draft in sequence:
            name, text = post(slug, title, tags, [t for t in links if t != slug], draft)
            if action == "delete":
                (site.content / name).unlink(missing_ok=True)
                files.pop(slug, None)
            else:
                site.write(name, text)
                files[slug] = text
            status, log = builder.build(command)
            shutil.rmtree(site.root / "cold", ignore_errors=True)
            cold = site.build("cold")
            assert status == cold.returncode, log + cold.stderr
            if status == 0:  # a failed build publishes nothing: output stays
                served = {
                    p.relative_to(output).as_posix(): p.read_bytes()
                    for p in output.rglob("*")
                    if p.is_file()
                }
                assert served == cold.tree()
    finally:
        builder.end()


def test_the_build_process_keeps_front_matter_in_memory_and_saves_it_at_the_end(site):
    settings = project_of(site)
    site.write("_posts/2021-01-01-a.md", "---\ntitle: A\n---\nA.\n")
    kept = site.root / "cache" / "preview" / "jekyll_front_matter.pickle"
    with running(site.content, site.root / "output", settings) as dev:
        before = status(dev)["builds"]
        site.write("_posts/2021-01-02-b.md", "---\ntitle: B\n---\nB.\n")
        assert settled(dev, before)["ok"]
        assert not kept.exists()  # two builds, nothing written to the cache folder
    assert kept.exists()  # written once, as the build process ended


COUNT_POSTS_ALIVE = """
import gc, sys
from pelican import signals
from pelican.contents import Content
from sitetools import buildworker
host = buildworker.Host()
signals.initialized.connect(host.lend)
for _ in range(3):
    assert buildworker.build(sys.argv[1:])[0] == 0
gc.collect()
print(sum(isinstance(o, Content) for o in gc.get_objects()))
"""


def test_the_build_process_keeps_no_builds_posts_alive_after_it(site):
    for day in range(10, 16):
        site.write(
            f"_posts/2021-01-{day}-p{day}.md", f"---\ntitle: P{day}\n---\n{day}.\n"
        )
    command = pelican_cli.command(
        site.content, site.root / "output", ROOT / "pelicanconf.py",
        preview_settings(site.root / "cache"),
    )  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", COUNT_POSTS_ALIVE, *command[3:]],
        cwd=ROOT, capture_output=True, text=True, env=pelican_cli.environment(),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-1] == "0"
