"""Nothing from outside the site reaches the output: a symlink that leaves the
content or theme folder is a located error in every build (a warning, and not
followed, when JEKYLL_STRICT is off); links inside the site are followed where
Jekyll 4.3 follows them, and `make publish` checks the sources too."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from pelican.plugins.jekyll_posts.source import symlinks

from conftest import ROOT

SECRET = "TOP-SECRET-CONTENTS"
HELLO = "---\ntitle: Hello\n---\nHello text.\n"


def outside_world(root: Path) -> Path:
    """Files beside the site, where links must not lead: a secret, a folder of
    keys, a post and a page."""
    outside = root / "outside"
    (outside / "keys").mkdir(parents=True)
    (outside / "secret.txt").write_text(SECRET)
    (outside / "keys" / "id_ed25519").write_text(SECRET)
    (outside / "2021-02-02-stolen.md").write_text(f"---\ntitle: S\n---\n{SECRET}\n")
    (outside / "page.md").write_text(f"---\ntitle: Elsewhere\n---\n{SECRET}\n")
    return outside


def link(site, path: str, target: Path | str) -> Path:
    at = site.content / path
    at.parent.mkdir(parents=True, exist_ok=True)
    at.symlink_to(target)
    return at


def leaky_site(site) -> None:
    outside = outside_world(site.root)
    site.write("_posts/2021-01-01-hello.md", HELLO)
    site.write("images/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    link(site, "images/secret.txt", outside / "secret.txt")  # a file
    link(site, "images/keys", outside / "keys")  # a folder
    link(site, "_posts/2021-02-02-stolen.md", outside / "2021-02-02-stolen.md")
    link(
        site,
        "pages/elsewhere.md",
        os.path.relpath(outside / "page.md", site.content / "pages"),
    )
    link(site, "images/inside.svg", "logo.svg")  # stays inside: followed


def everything_written(result) -> str:
    return "".join(
        (result.output / name).read_text("utf-8", errors="replace")
        for name in result.files()
    )


def leak_message(link_path: str, target: Path) -> str:
    return (
        f"content/{link_path}:1:1: symlink to {target}, outside the content folder: "
        "nothing from outside the site is published; copy the file in instead"
    )


def test_links_out_of_the_site_fail_the_build_and_nothing_is_written(site):
    leaky_site(site)
    outside = site.root / "outside"
    result = site.build()
    assert result.returncode == 1
    page = os.path.relpath(outside / "page.md", site.content / "pages")
    assert result.problems == [
        leak_message("_posts/2021-02-02-stolen.md", outside / "2021-02-02-stolen.md"),
        leak_message("images/keys", outside / "keys"),
        leak_message("images/secret.txt", outside / "secret.txt"),
        f"content/pages/elsewhere.md:1:1: symlink to {page} ({outside / 'page.md'}), "
        "outside the content folder: nothing from outside the site is published; "
        "copy the file in instead",
    ]
    assert "4 error(s), 0 warning(s)" in result.stderr
    assert not result.output.exists()


def test_not_strict_they_are_warnings_and_never_followed(site):
    leaky_site(site)
    result = site.build(JEKYLL_STRICT=False)
    assert result.returncode == 0, result.stderr
    assert "0 error(s), 4 warning(s)" in result.stderr
    assert SECRET not in everything_written(result)
    assert not result.exists("images/secret.txt")
    assert not (result.output / "images" / "keys").exists()
    assert not result.exists("2021/02/02/stolen.html")
    assert not result.exists("elsewhere.html")
    assert result.exists("2021/01/01/hello.html")
    assert (result.output / "images/inside.svg").read_text().startswith("<svg")


def test_links_inside_the_site_are_followed_where_jekyll_follows_them(site):
    """Jekyll 4.3 (`jekyll build`) publishes a symlinked post, page, file and
    folder as copies, but reads no posts through a symlinked folder inside
    _posts/, which its glob does not enter."""
    site.write("_posts/2021-01-01-hello.md", HELLO)
    site.write("pages/about.md", "---\ntitle: About\n---\nAbout text.\n")
    site.write("assets/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    site.write("more/2021-03-03-more.md", "---\ntitle: More\n---\nMore text.\n")
    link(site, "_posts/2021-01-02-again.md", "2021-01-01-hello.md")
    link(site, "pages/about-again.md", "about.md")
    link(site, "images/logo.svg", "../assets/logo.svg")
    link(site, "images/assets", "../assets")
    link(site, "_posts/more", "../more")
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert "Hello text." in result.page("2021/01/02/again.html").get_text()
    assert "About text." in result.page("about-again.html").get_text()
    for copy in ("images/logo.svg", "images/assets/logo.svg"):
        assert not (result.output / copy).is_symlink()
        assert (result.output / copy).read_text().startswith("<svg")
    assert not result.exists("2021/03/03/more.html")
    assert result.problems == [
        f"content/_posts/more:1:1: warning: symlink to the folder ../more "
        f"({site.content / 'more'}): not read, as Jekyll reads no posts through a "
        "symlinked folder inside _posts/ or _drafts/; move the posts here, or link "
        "the whole _posts folder"
    ]


def test_a_loop_and_a_dangling_link_are_located_errors(site):
    site.write("_posts/2021-01-01-hello.md", HELLO)
    link(site, "images/loop", "..")
    link(site, "images/gone.png", "nowhere.png")
    result = site.build()
    assert result.returncode == 1
    assert result.problems == [
        "content/images/gone.png:1:1: symlink to nowhere.png "
        f"({site.content / 'images/nowhere.png'}), which does not exist",
        f"content/images/loop:1:1: symlink to .. ({site.content}), a folder that "
        "holds the link: a loop",
    ]


def themed(site) -> Path:
    """A copy of the theme with a stylesheet linked from outside it."""
    theme = site.root / "theme"
    shutil.copytree(ROOT / "theme", theme)
    outside = outside_world(site.root)
    (theme / "static" / "css" / "extra.css").symlink_to(outside / "secret.txt")
    return theme


def test_a_theme_link_out_of_the_theme_is_an_error_and_never_copied(site):
    site.write("_posts/2021-01-01-hello.md", HELLO)
    theme = themed(site)
    strict = site.build(THEME=str(theme))
    assert strict.returncode == 1
    assert (
        "theme/static/css/extra.css:1:1: symlink to "
        f"{site.root / 'outside/secret.txt'}, outside the theme folder: nothing "
        "from outside the site is published; copy the file in instead\n"
        "1 error(s), 0 warning(s)"
    ) in strict.stderr
    assert not strict.output.exists()
    lenient = site.build(THEME=str(theme), JEKYLL_STRICT=False)
    assert lenient.returncode == 0, lenient.stderr
    assert lenient.exists("theme/css/site.css")
    assert not lenient.exists("theme/css/extra.css")
    assert SECRET not in everything_written(lenient)


def test_an_include_out_of_the_site_is_never_read(site):
    outside = outside_world(site.root)
    link(site, "_includes/note.html", outside / "secret.txt")
    site.write("_posts/2021-01-01-hello.md", "---\n---\n{% include note.html %}\n")
    result = site.build(JEKYLL_STRICT=False)
    assert result.returncode == 0, result.stderr
    assert SECRET not in everything_written(result)
    assert (
        "content/_posts/2021-01-01-hello.md:3:1: warning: include: "
        f"_includes/note.html leads outside the site ({outside / 'secret.txt'}) "
        "(that part renders nothing)"
    ) in result.problems


def test_publish_checks_the_sources_before_building(site):
    leaky_site(site)
    output = site.root / "output"
    done = subprocess.run(
        [sys.executable, "-m", "sitetools.publish", "--content", str(site.content),
         "--output", str(output), "--settings", str(ROOT / "publishconf.py")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "SITEURL": "https://notes.platform-team.dev"},
    )  # fmt: skip
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0] == "publish refused:"
    assert [line.split(":1:1: ")[0] for line in lines[1:5]] == [
        str(site.content / p)
        for p in (
            "_posts/2021-02-02-stolen.md",
            "images/keys",
            "images/secret.txt",
            "pages/elsewhere.md",
        )
    ]
    assert lines[5:] == ["4 problem(s)", f"{output} was left as it was"]
    assert not output.exists()


def test_a_skipped_link_is_skipped_by_every_path_that_reaches_it(tmp_path):
    """The scan is pure: a folder link inside the site (followed) can lead to a
    link out of it (skipped), which must stay skipped along that way too."""
    content = tmp_path / "content"
    (content / "assets").mkdir(parents=True)
    (content / "assets" / "logo.svg").write_text("<svg/>")
    secret = outside_world(tmp_path) / "secret.txt"
    (content / "assets" / "secret.txt").symlink_to(secret)
    (content / "images").mkdir()
    (content / "images" / "assets").symlink_to("../assets")
    found = symlinks.scan(symlinks.roots({"PATH": str(content), "STATIC_PATHS": []}))
    assert [(p.path, p.severity) for p in found.problems] == [
        (str(content / "assets" / "secret.txt"), "error")
    ]
    assert found.followed(str(content / "images" / "assets" / "logo.svg"))
    assert not found.followed(str(content / "assets" / "secret.txt"))
    assert not found.followed(str(content / "images" / "assets" / "secret.txt"))
