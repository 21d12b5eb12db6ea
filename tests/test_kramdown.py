"""Markdown read as Jekyll's kramdown (GFM input) reads it, with the site's
Markdown settings: every expectation here was checked against Jekyll 4.3."""

from __future__ import annotations

import textwrap

import pytest
from bs4 import BeautifulSoup
from markdown import Markdown
from pelican.plugins.jekyll_posts.kramdown.attributes import parse
from pelican.plugins.jekyll_posts.kramdown.dialect import KramdownExtension, gfm_id

from conftest import ROOT


def settings() -> dict:
    values: dict = {}
    exec((ROOT / "pelicanconf.py").read_text(), values)
    return values["MARKDOWN"]


def convert(text: str) -> BeautifulSoup:
    options = dict(settings())
    configs = options["extension_configs"]
    markdown = Markdown(
        extensions=[*configs, KramdownExtension()],
        extension_configs=configs,
        output_format=options["output_format"],
    )
    html = markdown.convert(textwrap.dedent(text).strip("\n"))
    return BeautifulSoup(html, "html.parser")


def shape(element) -> list:
    """A list's items as (text of the item itself, shape of its sublists)."""
    return [
        (
            "".join(li.find_all(string=True, recursive=False)).strip()
            or li.find(["p", "a"], recursive=False).get_text().strip(),
            [shape(sub) for sub in li.find_all(["ul", "ol"], recursive=False)],
        )
        for li in element.find_all("li", recursive=False)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello World", "hello-world"),
        ('2021 Outage: Café & "quotes"', "2021-outage-café--quotes"),
        ("It’s “quoted” – ok", "its-quoted--ok"),
        ("Ünïcode héading_x 2", "ünïcode-héading_x-2"),
        ("Tab\tand-hyphen", "tab-and-hyphen"),
        ("?!", ""),
    ],
)
def test_gfm_ids(text, expected):
    assert gfm_id(text, {}) == expected


def test_repeated_headers_are_numbered_from_one():
    counts: dict[str, int] = {}
    assert [gfm_id("Same", counts) for _ in range(3)] == ["same", "same-1", "same-2"]


def test_header_ids_as_kramdown_writes_them():
    html = convert(
        """
        ## Explicit id {#chosen}
        ## It's "quoted" -- ok
        ## Use `code` and [a link](https://example.org/)
        ## Not an id {: .wide}
        ## Next-line attributes
        {: #next .wide}
        ## Repeated
        ## Repeated
        """
    )
    headers = html.find_all("h2")
    assert [h.get("id") for h in headers] == [
        "chosen",
        "its-quoted--ok",
        "use-code-and-a-link",
        "not-an-id--wide",
        "next",
        "repeated",
        "repeated-1",
    ]
    assert headers[0].get_text() == "Explicit id"
    assert headers[3].get_text() == "Not an id {: .wide}"
    assert (
        headers[4]["class"] == ["wide"]
        and headers[4].get_text() == "Next-line attributes"
    )


def test_toc_is_kramdowns_nested_list():
    html = convert(
        """
        * TOC
        {:toc}

        # One
        ## One *point* one
        ## Skipped
        {: .no_toc}
        # Two [linked](https://example.org/)
        """
    )
    toc = html.select_one("ul#markdown-toc")
    assert [(a["href"], a["id"]) for a in toc.select("a")] == [
        ("#one", "markdown-toc-one"),
        ("#one-point-one", "markdown-toc-one-point-one"),
        ("#two-linked", "markdown-toc-two-linked"),
    ]
    assert shape(toc) == [("One", [[("One point one", [])]]), ("Two linked", [])]
    assert toc.select_one("em").get_text() == "point"
    assert convert("1. TOC\n{:toc}\n\n# A\n").select_one("ol#markdown-toc")


def test_two_space_nesting_and_ordered_content_columns():
    html = convert(
        """
        - one
          - two
            - three
        - back

        1. first
           1. inner
        2. second

        - outer
            - four spaces nest too
        """
    )
    bullets, ordered, four = html.find_all(["ul", "ol"], recursive=False)
    assert shape(bullets) == [("one", [[("two", [[("three", [])]])]]), ("back", [])]
    assert shape(ordered) == [("first", [[("inner", [])]]), ("second", [])]
    assert shape(four) == [("outer", [[("four spaces nest too", [])]])]


def test_a_list_or_a_fence_may_follow_a_paragraph_line():
    html = convert("Text:\n- a\n- b\n\nMore:\n1. c\n\nCode:\n```\nx\n```\n")
    assert [p.get_text() for p in html.find_all("p")] == ["Text:", "More:", "Code:"]
    assert len(html.find_all("li")) == 3
    assert html.select_one("pre code").get_text() == "x\n"


def test_lazy_lines_fences_and_code_inside_items():
    html = convert(
        """
        * a lazy
        continuation

        - fenced:
          ```ruby
          puts 1
          ```
        - indented:

              code
        """
    )
    items = html.find_all("li")
    assert " ".join(items[0].get_text().split()) == "a lazy continuation"
    assert [li.select_one("pre").get_text() for li in items[1:]] == [
        "puts 1\n",
        "code\n",
    ]


def test_task_lists():
    html = convert("- [ ] open\n- [x] done\n")
    boxes = html.select("li.task-list-item > input.task-list-item-checkbox")
    assert [b.has_attr("checked") for b in boxes] == [False, True]
    assert [li.get_text() for li in html.find_all("li")] == ["open", "done"]


def test_code_and_html_blocks_are_left_as_written():
    html = convert(
        """
        ```
        - not a list
        #not a header
        ```

        <div>
        - raw
        #raw
        </div>

            - indented code
        """
    )
    assert html.select_one("pre code").get_text() == "- not a list\n#not a header\n"
    assert "- raw\n#raw" in html.select_one("div:not(.highlight)").get_text()
    assert html.find_all("pre")[1].get_text() == "- indented code\n"
    assert not html.find("li")


def test_hash_without_space_and_a_rule_right_after_a_paragraph_are_text():
    html = convert("#NoSpace\n\nPara\n***\nafter\n\n***\n")
    assert not html.find("h1")
    assert html.find("p").get_text() == "#NoSpace"
    assert " ".join(html.find_all("p")[1].get_text().split()) == "Para *** after"
    assert len(html.find_all("hr")) == 1


def test_typography_strikethrough_and_extras():
    html = convert(
        """
        "Double", 'single', it's the '90s, 1--2, a---b... <<c>> ~~gone~~ `~~kept~~`
        5'10" and four dots....

        Claim[^1].

        [^1]: Source.

        | a | b |
        |---|--:|
        | 1 | 2 |

        Term
        : Definition

        A lead.
        {: .lead #lead}

        *[HTML]: HyperText Markup Language

        HTML.
        """
    )
    text = html.find("p").get_text()
    assert " ".join(text.split()) == (
        "“Double”, ‘single’, it’s the ’90s, 1–2, a—b… «c» gone ~~kept~~ "
        "5’10” and four dots…."
    )
    assert html.select_one("p del").get_text() == "gone"
    assert html.select_one("sup#fnref\\:1 a")["href"] == "#fn:1"
    assert html.select_one("li#fn\\:1 a")["href"] == "#fnref:1"
    assert [td.get_text() for td in html.select("td")] == ["1", "2"]
    assert html.select_one("dl dt").get_text() == "Term"
    assert html.select_one("p#lead")["class"] == ["lead"]
    assert html.select_one("abbr")["title"] == "HyperText Markup Language"


def text_of(html: BeautifulSoup) -> str:
    return " ".join(html.get_text().split())


def test_math_as_mathjax_writes_it():
    html = convert(
        r"""
        Where $$s_{t-1}$$ and $$a * b * c$$, "$$a<b$$" and `$$code$$` and \$$x$$.

        $$
        \begin{aligned}
        a &= b_1 \\
        c &= "d"
        \end{aligned}
        $$

        ```
        $$fenced$$
        ```
        """
    )
    assert html.find("p").get_text() == (
        r"Where \(s_{t-1}\) and \(a * b * c\), “\(a<b\)” and $$code$$ and $$x$$."
    )
    assert not html.find("em")
    assert html.find("code").get_text() == "$$code$$"
    display = '\\[\\begin{aligned}\na &amp;= b_1 \\\\\nc &amp;= "d"\n\\end{aligned}\\]'
    assert f"</p>\n{display}\n<div" in str(html)
    assert html.select_one("pre code").get_text() == "$$fenced$$\n"


def test_math_is_a_block_only_between_block_boundaries():
    html = convert(
        """
        $$a$$
        text after

        # Header
        $$b$$

        - $$c$$
        - item $$d$$

        > $$e$$

        $$f$$
        {: .eq}
        """
    )
    paragraphs = [p.get_text() for p in html.find_all("p")]
    assert paragraphs == ["\\(a\\)\ntext after", "\\(b\\)"]
    assert [li.get_text() for li in html.find_all("li")] == ["\\[c\\]", "item \\(d\\)"]
    assert html.find("blockquote").get_text().strip() == "\\[e\\]"
    assert html.select_one("div.eq").get_text().strip() == "\\[f\\]"


def test_math_is_left_as_written_in_addresses_and_titles():
    html = convert('![alt $$x$$](/a.png) [a](/q=$$y$$ "t $$z$$")')
    assert html.find("img")["alt"] == "alt $$x$$"
    assert (html.find("a")["href"], html.find("a")["title"]) == ("/q=$$y$$", "t $$z$$")


def test_block_attribute_lists_go_before_or_after_their_block():
    html = convert(
        """
        {: .before #first}
        A paragraph.

        Para
        {: .p}
        more text

        > Tip.
        {: .prompt-tip }

        {: .list}
        - one
        - two
        {: .item}

        ```
        code
        ```
        {: file="a.txt"}

        Surrounded:

        {: .next}

        After.
        """
    )
    assert html.select_one("p#first")["class"] == ["before"]
    assert [p.get("class") for p in html.find_all("p")[1:3]] == [["p"], None]
    assert html.find_all("p")[2].get_text() == "more text"
    assert html.select_one("blockquote.prompt-tip p").get_text() == "Tip."
    assert html.find("ul")["class"] == ["list", "item"]
    assert html.select_one("div.highlight")["file"] == "a.txt"
    assert html.select_one("p.next").get_text() == "After."
    assert "{:" not in html.get_text()


def test_attribute_list_definitions_and_spans():
    html = convert(
        """
        {:ref: .defined #defid data-x="1"}

        A **strong**{:ref} and *em*{: late .more}, `code`{: .c},
        <span>html</span>{: .h}, but word{: .x} and *a* {: .y} and *b*{.z} stay.

        {:late: .l1}
        {:late: .l2}

        {:nested: ref .n}
        {: nested #own class="replaced" .added}
        Own values win.
        """
    )
    strong = html.find("strong")
    assert (strong["class"], strong["id"], strong["data-x"]) == (
        ["defined"],
        "defid",
        "1",
    )
    assert html.find("em")["class"] == ["l1", "l2", "more"]
    assert html.find("code")["class"] == ["c"]
    assert html.select_one("span.h").get_text() == "html"
    assert "word{: .x} and a {: .y} and b{.z} stay" in text_of(html)
    last = html.find_all("p")[-1]
    assert (last["id"], last["class"]) == ("own", ["defined", "n", "replaced", "added"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('.a.b#c key="v" .d', ([], {"class": "a b d", "id": "c", "key": "v"})),
        ("r .x -r key=bare", (["r"], {"class": "x"})),
        ("k='a\\'b' v=\"x\\}y\"", ([], {"k": "a'b", "v": "x}y"})),
        ('.b class="a"', ([], {"class": "a"})),
    ],
)
def test_attribute_lists_read_as_kramdown_reads_them(text, expected):
    parsed = parse(text)
    assert (parsed.names, parsed.values) == expected


def test_toc_with_its_attribute_lists_and_options():
    html = convert(
        """
        {::options toc_levels="2..3" auto_id_prefix="id-" /}

        {: class="table-of-content"}
        * TOC
        {:toc #contents}

        # One
        ## Two
        #### Four
        """
    )
    toc = html.select_one("ul.table-of-content")
    assert toc["id"] == "contents"
    assert [(a["href"], a["id"]) for a in toc.select("a")] == [
        ("#id-two", "contents-id-two")
    ]
    assert "{::" not in html.get_text()


def test_comments_nomarkdown_and_unapplied_options():
    html = convert(
        """
        {::comment}
        hidden *text*
        {:/comment}

        {::nomarkdown}
        <b>*raw*</b> $$x$$
        {:/nomarkdown}

        Inline {::nomarkdown}<i>*kept*</i>{:/} and {::comment}gone{:/} text.

        {::options parse_block_html="true" /}
        """
    )
    assert text_of(html) == "*raw* $$x$$ Inline *kept* and text."
    assert html.find("b").get_text() == "*raw*"


def test_footnotes_numbered_as_kramdown_numbers_them():
    html = convert(
        """
        Second first[^b] then first[^a] and again[^b].

        [^a]: Note A.
        [^b]: Note B.
        [^unused]: Never referenced.
        """
    )
    assert [(s["id"], s.a["href"], s.a.get_text()) for s in html.select("p > sup")] == [
        ("fnref:b", "#fn:b", "1"),
        ("fnref:a", "#fn:a", "2"),
        ("fnref:b:1", "#fn:b", "1"),
    ]
    notes = html.select("div.footnotes li")
    assert [li["id"] for li in notes] == ["fn:b", "fn:a"]
    assert [a["href"] for a in notes[0].select("a.reversefootnote")] == [
        "#fnref:b",
        "#fnref:b:1",
    ]
    assert text_of(notes[0]) == "Note B. ↩ ↩2"


def test_definitions_quotes_abbreviations_and_line_breaks():
    html = convert(
        """
        Term
        : def
          continued

          second paragraph

        > one

        > two
        >
        > ```
        > code
        > ```

          *[HTML]: HyperText Markup Language

        HTML \\\\
        broken, \\: \\= \\$ escaped.
        """
    )
    assert text_of(html.find("dd")) == "def continued second paragraph"
    quotes = html.find_all("blockquote")
    assert [text_of(q) for q in quotes] == ["one", "two code"]
    assert quotes[1].select_one("pre code").get_text() == "code\n"
    assert html.find("abbr")["title"] == "HyperText Markup Language"
    assert html.find_all("p")[-1].find("br") is not None
    assert "broken, : = $ escaped." in text_of(html)


def test_a_site_build_writes_them_and_warns_only_about_options_not_applied(site):
    site.write(
        "_posts/2021-01-01-math.md",
        """
        ---
        title: Math
        ---
        {: class="table-of-content"}
        * TOC
        {:toc}

        ## The $$\\alpha$$ of it

        Where $$s_{t-1}$$ and $$a_1$$.[^1]
        {: .lead}

        {::options parse_block_html="true" /}

        [^1]: A note.
        """,
    )
    result = site.build()
    assert result.returncode == 0, result.stderr
    assert result.problems == [
        "content/_posts/2021-01-01-math.md:13:1: warning: renders differently from "
        "Jekyll: kramdown option not applied: 'parse_block_html=\"true\"': this site "
        "does not apply this kramdown option, so the post reads as if it were not set "
        "(it applies auto_id_prefix, toc_levels and footnote_nr)"
    ]
    body = result.page("2021/01/01/math.html").select_one(".post-body")
    assert body.select_one("ul.table-of-content#markdown-toc a")["href"] == (
        "#the-alpha-of-it"
    )
    assert body.find("h2").get_text() == "The \\(\\alpha\\) of it"
    lead = body.select_one("p.lead")
    assert text_of(lead) == "Where \\(s_{t-1}\\) and \\(a_1\\).1"
    assert lead.select_one("sup a")["href"] == "#fn:1"


def test_parse_block_html_reads_markdown_inside_html_blocks():
    md = Markdown(
        extensions=[
            KramdownExtension(options={"parse_block_html": True}),
            "markdown.extensions.extra",
        ]
    )
    html = BeautifulSoup(
        md.convert(
            '<div class="row">\n<div class="col">\nSummary\n-------\n\n*x*\n</div>\n'
            "</div>\n\n```\n<div>*kept*</div>\n```\n"
        ),
        "html.parser",
    )
    assert html.select_one("div.row > div.col > h2#summary").get_text() == "Summary"
    assert html.select_one("div.col em").get_text() == "x"
    assert html.select_one("pre code").get_text() == "<div>*kept*</div>\n"
