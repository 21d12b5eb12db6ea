"""Each of kramdown's constructs, read by this site as real Jekyll 4.3 reads it:
every case below is a post, built by Jekyll and read by the site's reader, and
both bodies must have the same elements, attributes and text.

Where kramdown and Python-Markdown differ only in markup that no reader sees,
the comparison looks past it: a code block is its text (Rouge and Pygments
colour it differently), and a list item's or definition's paragraphs are their
text (kramdown and Python-Markdown wrap them in `<p>` in different cases).

Runs wherever `jekyll` is installed; CI installs it, so there it never skips.
"""

from __future__ import annotations

import os
import textwrap

import pytest
from bs4 import BeautifulSoup, Comment, NavigableString
from pelican.plugins.jekyll_posts.read.reader import JekyllReader
from pelican.settings import read_settings

from conftest import ROOT
from jekyll_site import JEKYLL, build_with_jekyll

if JEKYLL is None:
    if os.environ.get("CI"):
        pytest.fail("jekyll must be installed in CI", pytrace=False)
    pytest.skip("jekyll is not installed", allow_module_level=True)

MATH = {
    "math-inline": r"""
        Where $$s_{t-1}$$ and $$x_i^* = a * b * c$$ and $$a<b$$, "quoted" $$"q" -- 'r' ...$$.
        Also $$\|x\|_2$$, $$\{a, b\}$$, $$a \\ b$$ and $$p(x \vert y)$$ and $$[x](y)$$.
        """,
    "math-display": r"""
        The value:

        $$
        \begin{aligned}
        V(s) &= \mathbb{E}[G_t \vert S_t = s] \\
        &= R_{t+1} + \gamma V(S_{t+1})
        \end{aligned}
        $$

        $$x_1 + y_1$$

        $$
        a

        b
        $$
        """,
    "math-inline-or-block": r"""
        Text before
        $$a_1$$

        $$b_1$$
        text after

        $$c_1$$
        - a list after it

        # Header
        $$d_1$$

        $$e_1$$ $$f_1$$

        $$g_1$$ trailing
        """,
    "math-in-containers": r"""
        - item $$x_1$$ inline
        - $$y_2$$

          $$z_3$$

        1. $$o_1$$
        2. $$o_2$$

        > quote $$q_1$$
        >
        > $$q_2$$

        > $$
        > a_1 \\
        > b_2
        > $$

        | a | b |
        |---|---|
        | $$t_1$$ | $$t^2$$ |
        | $$\|x\|$$ | b |

        Term
        : $$d_1$$

        ## The $$\alpha$$ parameter
        """,
    "math-untouched": r"""
        `code $$x_1$$` and a `` `$$` `` span, \$$escaped$$, \$\$also\$\$, a $5 and $$ alone.

            $$indented_code$$

        ```
        $$fenced_code$$
        ```

        [link $$l_1$$](https://example.org/) and **bold $$b_1$$** and *$$e_1$$*.

        ![alt $$x$$](/a.png) and [a](/q=$$y$$ "title $$z$$").
        """,
    "math-with-attributes": r"""
        $$b_1$$
        {: .equation #eq-b}

        {: .before}
        $$c_1$$

        Inline $$d_1$${: .span} math.
        """,
}

ATTRIBUTES = {
    "attributes-before-and-after": """
        {: .before #first}
        A paragraph after its list.

        A paragraph with its list after it.
        {: .after title="A title"}

        Para
        {: .p}
        more text after

        {: .a}
        {: .b}
        Two lists.

        Surrounded by blank lines:

        {: .next-block}

        After.

        {: .x #y key=value k2="v 2" k3='v\\'3' k4="a\\}b"}
        Unquoted values are dropped.
        """,
    "attributes-on-blocks": """
        > quoted
        {: .prompt-tip }

        > Quote
        > {: .inner}

        {: .list}
        - one
        - two
        {: .item}

        ```
        code
        ```
        {: file="a.txt" .code}

        | a | b |
        |---|---|
        | 1 | 2 |
        {: .table}

        # Header
        {: .h1}

        {: .h2}
        ## Header two

        ![image](/a.png)
        {: .center width="50%"}

        {: .x}
        <div>raw</div>
        """,
    "attributes-on-spans": """
        An *emphasis*{: .marked} and a [link](https://example.org/){: target="_blank"},
        `code`{: .c}, ![i](/i.png){:.small}, <span>html</span>{: .hh}, **b**{: #bold}.
        But word{: .x} and *em* {: .y} and {: .alone} stay text, and so do {.x} and *a*{.b}.
        """,
    "attribute-definitions": """
        {:ref: .defined #defid data-x="1"}
        {:other: .o2}

        Uses one.
        {: ref .extra}

        Uses two.
        {: ref other}

        A **strong**{:ref} span and *one*{: late .more} defined later.

        {:late: .l1}
        {:late: .l2 #late}

        {:nested: ref .n}
        {: nested #own class="replaced" .added}
        Nested, own values win.
        """,
    "toc-with-attributes": """
        {: class="table-of-content"}
        * TOC
        {:toc}

        ## One

        ### One point one

        ## Two
        {: .no_toc}

        ## Three
        """,
    "toc-with-its-own-list": """
        1. TOC
        {:toc .contents #toc}

        ## One

        ## Two
        """,
    "options": """
        {::options toc_levels="2..3" footnote_nr="5" auto_id_prefix="id-" /}

        * TOC
        {:toc}

        # One

        ## Two

        ### Three

        #### Four

        A note[^n].

        [^n]: Numbered from five.
        """,
    "nomarkdown-and-comments": """
        {::nomarkdown}
        <span>*raw*</span> $$x$$
        {:/nomarkdown}

        Inline {::nomarkdown}<b>*kept*</b>{:/} and {::comment}gone{:/comment} text.

        {::comment}
        hidden *text*

        over a blank line
        {:/comment}
        After.

        {::comment /}
        After a closed one.

        {::nomarkdown}<div>*x*</div>{:/nomarkdown}
        """,
    "markdown-in-html": """
        <div markdown="1">
        # Head

        *em* and $$x_1$$
        </div>

        <details markdown="1">
        <summary>Sum</summary>

        - item
        </details>

        <span markdown="1">*span*</span>

        <div>
        *not parsed*
        </div>
        """,
    "definition-lists": """
        Term 1
        Term 2
        : Def one

        Apple
        : Red fruit
        : Also *green*

        Term
        : def
          continued

          second paragraph

        Lazy
        : First def
        continued lazily
        : Second def
        """,
    "abbreviations": """
        *[HTML]: HyperText Markup Language
        *[W3C]:  World Wide Web Consortium

        HTML and W3C; XHTML is not HTML-ish? HTML5 and (HTML), **HTML**, `HTML`.

        # HTML header
        """,
    "footnote-numbering": """
        Second first[^b] then first[^a] and again[^b], a missing [^c].

        [^a]: Note A.
        [^b]: Note B with *em*.

            Second paragraph of B.

        [^unused]: Never referenced.

        - in a list[^in]

        [^in]: In a list.
        """,
    "attributes-around-highlight": """
        {: .dropped}
        {% highlight ruby %}
        x = 1
        {% endhighlight %}

        Text right before
        {% highlight ruby %}
        y = 2
        {% endhighlight %}
        {: .to-the-next-block}
        More.
        """,
    "kramdown-in-code": """
        Write `{::comment}x{:/}`, `{::nomarkdown}<b>{:/}`, `*a*{: .x}` or `{:toc}`.

        ```
        {: .not-applied}
        {:name: .not-defined}
        {::comment}
        shown
        {:/comment}
        ```
        {: .applied}

            {: .indented-code}
        """,
    "escapes-and-quotes": """
        a \\: b \\= c \\< d \\$ e \\| f \\* g

        > one

        > two
        """,
}

TYPOGRAPHY = {
    "smart-quotes": r"""
        Fixed code for MSVC " (#1901) and ""check" proc, ''nil' statement.
        Ending in "-" and "bundler-" prefix, ‘{‘ and '{', don't, the '90s, 5'10".
        "*Emphasis*," she said, 'single' and "double" -- "quoted 'nested' words".
        A "quote"... and "it's" over. "Hello," -- ' a lone one ' and " another ".
        Restore parsing "--" as the end, "..." and "<<" too; ICRA'09 and Jan'18.
        """,
    "smart-quotes-around-elements": r"""
        "Hello," she said. 'Tis rock 'n' roll, ("parenthesized"), "**bold**".
        He said, "'Quoted' words in a larger quote." '"Inner"' -- and---more...
        It's the '80s and 80's; 'single' "double" '"mixed"' "'mixed'" end.
        Dashes: a--b a---b a----b -- --- ... <<x>> << y >> <b>"in html"</b>
        Escaped \"straight\" and \'kept\'; `"code"` stays; [a "link"](/x "t").
        "*emphasis*" and '_under_' and "[link](/y)"; the 1990's.
        """,
    "tables-without-a-separator": r"""
        Demos:

        |@ptiwari|  [Katello](https://example.org/a)|
        |@jjeffers| [podman](https://example.org/b)| extra |
        | plain | cells |

        | A | B |
        |---|---|
        | 1 | 2 |
        """,
    "code-spans-and-breaks": r"""
        **Name:** Tom White\
        **Zone:** EU

        use `File::NULL `instead and ` both ` and ``  two  `` end, ```a``b```.

        keep \\ here
        """,
    "fences-indented-after-a-paragraph": r"""
        The modules there.
          ```sh
          cd /tmp/

          wget x
          ```
        After it.

            ```
            four spaces: code
            ```
        """,
}
BLOCKS_AND_SPANS = {
    "emphasis": r"""
        **_Updated on 2022-11-09**: fixed._ Then a ****run, **a *b* c **d** e** and
        **unclosed* and *a `*` b* and *[a*](https://example.org/)* and ***both***.
        snake_case_name, __init__, under_score_, 2 * 3 * 4, *a **b** c*, _a_b_.

        **Name:** Someone\
        **Next? Unclosed, with [a link](https://example.org/s)\
        **Talk:** [here](https://example.org/t)
        """,
    "html-in-running-text": r"""
        Flags <code>``--all``</code>, <kbd>*x*</kbd>, <samp>"x"--y</samp>, <mark>---</mark>,
        <u>*u*</u>, <b>*b* --</b>, <span>-- s</span>; `<code>x</code>` is code.
        A type <seq[char]>, a link <a href=https://example.org/>unquoted</a>,
        a stray </div> and <iframe src="x"width="1"></iframe>, a comment <!-- -- kept -->.

        Fixed "got (<type>) but 'outType'" ([#4124](https://example.org/4124)) *x*.
        """,
    "html-block-after-a-paragraph": r"""
        A paragraph line
        <div class="note">
        *kept* -- as written
        </div>
        After it.
        """,
    "tables-of-lines-with-pipes": r"""
        Release|Issue|Title
        Katello 4.4|33951|Sync

        The navigation | Logs: a table of its own.

        A paragraph
        with a | pipe stays a paragraph.

        * [A release](https://example.org/r)|[42](https://example.org/42)|4.4
        * Hyphens (-) and pipes (|) denote `.grid`
          * nested

        `a|b` alone is no table.
        """,
    "lists-and-fences-in-quotes-and-after-text": r"""
        > What it offers:
        > 1. **Consistency**
        > 2. Speed
        >
        > Contents:
        > - Introduction

        * An item
          * #hash is text.

        ~~~
        closed by a longer fence
        ~~~~

        The end.
        """,
    "fences-kramdown-takes-and-leaves": r"""
        A fence with a language Python-Markdown would not take:

        ```:text
        $ sudo run
        ```

        * An item with more than a word after its marker:

           ```nim test="nim c $1"
           ...
           ```

        ```
        a fence whose closing is not in the item above
        ```

        A paragraph
        ```sh x
        not closed, so text
        """,
    "a-tag-kramdown-cannot-read": r"""
        A video:

        <iframe width="853" height="480" src="//example.org/embed/x"frameborder="0" allowfullscreen></iframe>

        <iframe style="border: 1px solid black;"width="420"
        src="https://example.org/embed/y" frameborder="0"
        allowfullscreen></iframe>

        After them.
        """,
}
CASES = {**MATH, **ATTRIBUTES, **TYPOGRAPHY, **BLOCKS_AND_SPANS}


def posts(folder) -> None:
    for name, text in CASES.items():
        body = textwrap.dedent(text).strip("\n")
        (folder / f"2021-01-01-{name}.md").write_text(
            f"---\ntitle: {name}\n---\n{body}\n", "utf-8"
        )


@pytest.fixture(scope="module")
def bodies(tmp_path_factory) -> dict[str, dict[str, str]]:
    root = tmp_path_factory.mktemp("kramdown")
    source = root / "source"
    (source / "_posts").mkdir(parents=True)
    posts(source / "_posts")
    done = build_with_jekyll(source, root / "jekyll")
    assert done.returncode == 0, done.stderr
    settings = read_settings(
        str(ROOT / "pelicanconf.py"), override={"PATH": str(source)}
    )
    reader = JekyllReader(settings)
    return {
        name: {
            "jekyll": (root / "jekyll" / f"2021/01/01/{name}.html").read_text("utf-8"),
            "site": reader.read(str(source / "_posts" / f"2021-01-01-{name}.md"))[0],
        }
        for name in CASES
    }


def shape(html: str) -> list[tuple]:
    """The elements in reading order (tag and attributes), and the text
    between them, whitespace aside; code blocks by their text."""
    soup = BeautifulSoup(html, "html.parser")
    for wrapper in soup.select("div.highlight, div.highlighter-rouge"):
        if wrapper.find("pre") is not None:
            wrapper.replace_with(wrapper.find("pre"))
    for paragraph in soup.select("li > p, dd > p"):
        if not paragraph.attrs:
            paragraph.unwrap()
    found: list[tuple] = []
    _walk(soup, found)
    return found


def _walk(node, found: list[tuple]) -> None:
    for child in node.children:
        if isinstance(child, Comment):
            if child.strip():
                found.append(("comment", " ".join(child.split())))
        elif isinstance(child, NavigableString):
            text = " ".join(child.split())
            if text and found and found[-1][0] == "text":
                found[-1] = ("text", f"{found[-1][1]} {text}")
            elif text:
                found.append(("text", text))
        else:
            found.append((child.name, _attributes(child)))
            if child.name == "pre":
                found.append(("code", child.get_text()))
            else:
                _walk(child, found)
            found.append(("/" + child.name,))


def _attributes(element) -> tuple:
    values = {}
    for key, value in element.attrs.items():
        if key == "class":
            kept = [
                c
                for c in value
                if c not in ("highlight", "highlighter-rouge")
                and not c.startswith("language-")
            ]
            if kept:
                values[key] = " ".join(kept)
        else:
            values[key] = value
    return tuple(sorted(values.items()))


@pytest.mark.parametrize("name", CASES)
def test_the_site_reads_it_as_jekyll_does(bodies, name):
    assert shape(bodies[name]["site"]) == shape(bodies[name]["jekyll"])


def test_the_comparison_sees_what_matters():
    """Attributes, text and formulas count; Rouge's and Pygments' markup does not."""
    assert shape('<p class="a">x</p>') != shape('<p class="b">x</p>')
    assert shape(r"<p>\(x\)</p>") != shape("<p>$$x$$</p>")
    assert shape("<ul><li><p>x</p></li></ul>") == shape("<ul>\n<li>x</li></ul>")
    rouge = '<div class="language-ruby highlighter-rouge"><div class="highlight">'
    rouge += '<pre class="highlight"><code><span class="n">x</span>\n</code></pre></div></div>'
    pygments = '<div class="highlight"><pre><span></span><code>x\n</code></pre></div>'
    assert shape(rouge) == shape(pygments)
