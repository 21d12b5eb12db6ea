"""Markdown read as Jekyll's kramdown (GFM input) reads it, with the site's
Markdown settings: every expectation here was checked against Jekyll 4.3."""

from __future__ import annotations

import textwrap

import pytest
from bs4 import BeautifulSoup
from markdown import Markdown

from conftest import ROOT
from jekyll_posts.kramdown import KramdownExtension, gfm_id


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


@pytest.mark.parametrize(
    "text",
    [
        """"Hello," she said. 'Tis rock 'n' roll, ("parenthesized"), "**bold**".""",
        """He said, "'Quoted' words in a larger quote." '"Inner"' -- and---more...""",
        """It's the '80s and 80's; 'single' "double" '"mixed"' "'mixed'" end.""",
        """Dashes: a--b a---b a----b -- --- ... <<x>> << y >> <b>"in html"</b>""",
        """Escaped \\"straight\\" and \\'kept\\'; `"code"` stays; [a "link"](/x "t").""",
        """"*emphasis*" and '_under_' and "[link](/y)"; the 1990's.""",
    ],
)
def test_typography_is_smartys(text):
    """The quick pass gives what Python-Markdown's smarty gives, but for the
    two rules taken from kramdown."""
    smarty = Markdown(
        extensions=["markdown.extensions.smarty"],
        extension_configs={"markdown.extensions.smarty": {"smart_angled_quotes": True}},
    )
    expected = BeautifulSoup(smarty.convert(text), "html.parser").get_text()
    assert convert(text).get_text() == expected
