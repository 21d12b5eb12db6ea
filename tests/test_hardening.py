"""Broken and hostile input: correct output, or a positioned problem and exit 1."""

from __future__ import annotations

import unicodedata

import pytest

OK = "---\ntitle: Fine\n---\nFine.\n"


def problems_of(site, files: dict[str, str | bytes], **settings):
    for path, text in files.items():
        target = site.content / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, "utf-8")
    result = site.build(**settings)
    assert "Traceback" not in result.stderr + result.stdout
    return result


def test_line_endings_and_bom_give_the_same_page_as_lf(site):
    text = "---\ntitle: Endings\ntags: [a, b]\n---\nOne\ntwo.\n\nThree.\n"
    files = {
        "_posts/2021-01-01-lf.md": text.encode(),
        "_posts/2021-01-02-crlf.md": text.replace("\n", "\r\n").encode(),
        "_posts/2021-01-03-cr.md": text.replace("\n", "\r").encode(),
        "_posts/2021-01-04-bom.md": b"\xef\xbb\xbf" + text.encode(),
    }
    result = problems_of(site, files)
    assert result.returncode == 0, result.stderr
    bodies = {
        str(result.page(p).find("article").find_all("p")[1:])
        for p in ("2021/01/01/lf.html", "2021/01/02/crlf.html",
                  "2021/01/03/cr.html", "2021/01/04/bom.html")
    }  # fmt: skip
    assert len(bodies) == 1
    assert result.page("2021/01/04/bom.html").h1.get_text() == "Endings"


def test_front_matter_problems_are_each_positioned(site):
    result = problems_of(
        site,
        {
            "_posts/2021-01-01-tabs.md": "---\ntitle: x\n\tauthor: y\n---\nx\n",
            "_posts/2021-01-02-list.md": "---\n- a\n- b\n---\nx\n",
            "_posts/2021-01-03-dup.md": "---\ntitle: a\ntitle: b\n---\nx\n",
            "_posts/2021-01-04-python.md": "---\nx: !!python/name:os.system\n---\n",
            "_posts/2021-01-05-late.md": "\n\n---\ntitle: x\n---\nx\n",
            "_posts/2021-01-06-bytes.md": b"---\ntitle: x\n---\nab\xffc\n",
            "_posts/2021-02-30-impossible.md": OK,
            "_posts/2021-03-01-partial.md": "---\ndate: 2021-03\n---\nx\n",
            "_posts/2021-03-02-unknown.md": "---\ndate: soon\n---\nx\n",
            "_posts/2021-03-03-far.md": "---\ndate: 2021-05-03\n---\nx\n",
        },
    )
    assert result.returncode == 1
    assert result.problems == [
        "content/_posts/2021-01-01-tabs.md:3:1: invalid YAML: found a tab character that violates indentation (while scanning a plain scalar that starts at line 2, column 8)",
        "content/_posts/2021-01-02-list.md:2:1: front matter must be keys and values, not a list",
        "content/_posts/2021-01-03-dup.md:3:1: warning: duplicate key 'title' (first given on line 2); the last one is used, as in Jekyll",
        "content/_posts/2021-01-04-python.md:2:4: invalid YAML: could not determine a constructor for the tag 'tag:yaml.org,2002:python/name:os.system'",
        "content/_posts/2021-01-05-late.md:3:1: front matter must start on the first line; remove the blank lines before '---'",
        "content/_posts/2021-01-06-bytes.md:4:3: not valid UTF-8: byte 19 (0xff)",
        "content/_posts/2021-02-30-impossible.md:1:1: warning: file name: day 30 does not exist in February 2021; Jekyll reads '2021-02-30' as 2021-03-02",
        "content/_posts/2021-03-01-partial.md:2:7: date: '2021-03' is not a date Jekyll accepts: month 20 is not 1-12 (Ruby reads month 20, day 21, zone -03)",
        "content/_posts/2021-03-02-unknown.md:2:7: date: 'soon' is not a date Jekyll accepts: it names no date or time",
        "content/_posts/2021-03-03-far.md:2:7: warning: date 2021-05-03 is more than a day from the file name's 2021-03-03; the address uses the front-matter date",
    ]


def test_yaml_that_coerces_keeps_the_text_as_written(site):
    result = problems_of(
        site,
        {
            "_posts/2021-01-01-a.md": "---\ntitle: yes\n---\nx\n",
            "_posts/2021-01-02-b.md": "---\ntitle: 2021\nauthor: 1.10\n---\nx\n",
            "_posts/2021-01-03-empty.md": "",
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.page("2021/01/01/a.html").h1.get_text() == "yes"
    page = result.page("2021/01/02/b.html")
    assert page.h1.get_text() == "2021" and "1.10" in page.get_text()
    assert result.page("2021/01/03/empty.html").h1.get_text() == "Empty"


def test_alias_bombs_are_refused(site):
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdef", "bcdefg", strict=True):
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    bomb = "---\n" + "\n".join(levels) + "\n---\nx\n"
    result = problems_of(site, {"_posts/2021-01-01-bomb.md": bomb})
    assert result.returncode == 1
    assert result.problems == [
        "content/_posts/2021-01-01-bomb.md:7:4: 'f' expands to more than 200,000 values; aliases that nest are refused"
    ]


@pytest.mark.parametrize(
    "name",
    ["../2021-01-01-fine", "%2e%2e/2021-01-01-fine", "..\\2021-01-01-fine",
     "_posts/../../2021-01-01-fine", "/etc/2021-01-01-passwd"],
)  # fmt: skip
def test_traversal_tricks_in_names_are_simply_not_found(site, name):
    body = f"---\n---\n[x]({{% post_url {name} %}})\n"
    result = problems_of(
        site, {"_posts/2021-01-01-fine.md": OK, "_posts/2021-02-01-a.md": body}
    )
    assert result.returncode == 1
    (problem,) = result.problems
    prefix = "content/_posts/2021-02-01-a.md:3:5: post_url: "
    assert problem.startswith(
        (
            f'{prefix}no post named "{name}"',
            f'{prefix}cannot read the post name "{name}"',
        )
    )


def test_nul_and_liquid_variables_are_not_names(site):
    result = problems_of(
        site,
        {
            "_posts/2021-02-01-a.md": "---\n---\n{% post_url page.next %}\n"
            "{% post_url {{ x }} %}\n{% post_url 2021-01-01-a\0b %}\n"
        },
    )
    assert result.returncode == 1
    assert [p.split(": ", 1)[0] for p in result.problems] == [
        "content/_posts/2021-02-01-a.md:3:1",
        "content/_posts/2021-02-01-a.md:4:1",
        "content/_posts/2021-02-01-a.md:5:1",
    ]
    assert "expected one post name, got '{{ x }}'" in result.problems[1]
    assert 'cannot read the post name "page.next"' in result.problems[0]


def test_unicode_slugs_match_in_either_normal_form(site):
    nfc = unicodedata.normalize("NFC", "café")
    nfd = unicodedata.normalize("NFD", "café")
    result = problems_of(
        site,
        {
            f"_posts/2021-01-01-{nfd}.md": OK,
            "_posts/2021-02-01-a.md": f"---\n---\n[x]({{% post_url 2021-01-01-{nfc} %}})"
            " [y]({% post_url 2021-01-01-c(a)f+e* %})\n",
        },
    )
    assert result.problems == [
        'content/_posts/2021-02-01-a.md:3:41: post_url: no post named "2021-01-01-c(a)f+e*";'
        f' did you mean "2021-01-01-{nfc}"?'
    ]
    assert result.returncode == 1


def test_self_links_and_cycles_resolve(site):
    result = problems_of(
        site,
        {
            "_posts/2021-01-01-a.md": "---\n---\n[me]({% post_url 2021-01-01-a %}) "
            "[b]({% post_url 2021-01-02-b %})\n",
            "_posts/2021-01-02-b.md": "---\n---\n[a]({% post_url 2021-01-01-a %})\n",
        },
    )
    assert result.returncode == 0, result.stderr
    page = result.page("2021/01/01/a.html")
    hrefs = [a["href"] for a in page.select("article a") if "/2021/" in a["href"]]
    assert hrefs[:2] == ["../../../2021/01/01/a.html", "../../../2021/01/02/b.html"]


def test_two_extensions_make_a_name_ambiguous(site):
    result = problems_of(
        site,
        {
            "_posts/2021-01-01-x.md": OK,
            "_posts/2021-01-01-x.markdown": "---\npermalink: /x2.html\n---\nx\n",
            "_posts/2021-02-01-a.md": "---\n---\n{% post_url 2021-01-01-x %}\n",
        },
    )
    assert result.returncode == 1
    assert result.problems == [
        'content/_posts/2021-02-01-a.md:3:1: post_url: "2021-01-01-x" is ambiguous: '
        "it names _posts/2021-01-01-x.markdown, _posts/2021-01-01-x.md"
    ]


def test_output_collisions_are_listed_before_anything_is_written(site):
    result = problems_of(
        site,
        {
            "_posts/2021-01-01-a.md": "---\npermalink: /same.html\n---\nx\n",
            "_posts/2021-01-02-b.md": "---\npermalink: /Same.html\n---\nx\n",
            "pages/same.md": OK,
        },
    )
    assert result.returncode == 1
    assert [p.split(":", 1)[0] for p in result.problems] == [
        "content/_posts/2021-01-01-a.md",
        "content/_posts/2021-01-02-b.md",
        "content/pages/same.md",
    ]
    assert result.problems[1].endswith(
        "output Same.html is also written by content/_posts/2021-01-01-a.md"
        " (as same.html), content/pages/same.md (as same.html)"
    )
    assert not result.output.exists()


def test_paths_from_front_matter_must_stay_inside_the_output(site):
    result = problems_of(
        site,
        {
            "_posts/2021-01-01-a.md": "---\npermalink: /../../etc/x.html\n---\nx\n",
            "_posts/2021-01-02-b.md": "---\nslug: a\\b\n---\nx\n",
            "_posts/2021-01-03-c.md": "---\nslug: ''\n---\nx\n",
            "_posts/2021-01-04-d.md": "---\nslug: /root\n---\nx\n",
        },
    )
    assert result.returncode == 1
    assert result.problems == [
        "content/_posts/2021-01-01-a.md:2:12: 'permalink' must not contain '..', backslashes or NUL",
        "content/_posts/2021-01-02-b.md:2:7: 'slug' must not contain '..', backslashes or NUL",
        "content/_posts/2021-01-03-c.md:2:7: 'slug' is empty",
        "content/_posts/2021-01-04-d.md:2:7: 'slug' must not contain '/'",
    ]


def test_dst_gaps_take_the_offset_before_the_change_folds_the_later_time(site):
    # As Ruby's Time.local, which Jekyll uses for a quoted (local) time.
    result = problems_of(
        site,
        {
            # America/Chicago: 02:30 on 2021-03-14 does not exist; 01:30 on
            # 2021-11-07 happens twice.
            "_posts/2021-03-14-gap.md": "---\ndate: '2021-03-14 02:30:00'\n---\nx\n",
            "_posts/2021-11-07-fold.md": "---\ndate: '2021-11-07 01:30:00'\n---\nx\n",
        },
    )
    assert result.returncode == 0, result.stderr
    gap = result.page("2021/03/14/gap.html").find("time")["datetime"]
    fold = result.page("2021/11/07/fold.html").find("time")["datetime"]
    assert gap == "2021-03-14T03:30:00-05:00"
    assert fold == "2021-11-07T01:30:00-06:00"


def test_large_inputs_build(site):
    tags = ", ".join(f"t{i}" for i in range(20_000))
    nested = "".join("    " * depth + "- item\n" for depth in range(100))
    quotes = "> " * 200 + "deep\n"
    result = problems_of(
        site,
        {
            "_posts/2021-01-01-line.md": "---\n---\n" + "word " * 200_000 + "\n",
            "_posts/2021-01-02-tags.md": f"---\ntags: [{tags}]\n---\nx\n",
            "_posts/2021-01-03-nested.md": "---\n---\n" + nested + "\n" + quotes,
        },
        TAG_SAVE_AS="",
    )
    assert result.returncode == 0, result.stderr
    line = result.page("2021/01/01/line.html").find(class_="post-body").get_text()
    assert line.count("word") == 200_000
    assert len(result.page("2021/01/02/tags.html").select('a[rel="tag"]')) == 20_000
    nested_page = result.page("2021/01/03/nested.html").find(class_="post-body")
    assert len(nested_page.find_all("li")) == 100


def test_twenty_megabytes_pass_through_the_engine():
    from pelican.plugins.jekyll_posts.liquid.render import render_text, standalone
    from pelican.plugins.jekyll_posts.source import frontmatter

    words = "Plain words around the link, " * 33
    text = "---\ntitle: x\n---\n" + (words + "{% post_url 2021-01-01-a %}.\n") * 20_000
    document = frontmatter.split(text, "big.md")
    rendered = render_text(standalone(), document.body, "big.md", document.body_line)
    assert len(text) > 19_000_000 and len(rendered.links) == 20_000
    assert rendered.links[-1].line == 20_003
    assert rendered.problems == ()
