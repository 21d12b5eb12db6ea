"""Properties of the pure steps, over arbitrary text (Hypothesis)."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.inlinepatterns import BACKTICK_RE, BacktickInlineProcessor
from markdown.treeprocessors import InlineProcessor
from pelican.plugins.jekyll_posts.diagnostics import ProblemError
from pelican.plugins.jekyll_posts.kramdown import speed as markdown_speed
from pelican.plugins.jekyll_posts.kramdown.code_spans import KramdownCodeSpans
from pelican.plugins.jekyll_posts.liquid.render import render_text, standalone
from pelican.plugins.jekyll_posts.read.reader import JekyllReader
from pelican.plugins.jekyll_posts.source import frontmatter
from pelican.settings import read_settings

from conftest import ROOT

LIQUID_ALPHABET = st.sampled_from(list("{}%-_ \n\t/#raw") + ["{%", "%}", "{{", "}}",
    "post_url", "raw", "endraw", "comment", "endcomment", "2021-01-01-a", "site.url"])  # fmt: skip
liquidish = st.lists(LIQUID_ALPHABET | st.text(max_size=3)).map("".join)
LIQUID = standalone()


@settings(max_examples=400, deadline=None)
@given(liquidish)
def test_the_engine_never_raises_and_reports_within_the_text(text):
    rendered = render_text(LIQUID, text, "p.md")
    lines = text.count("\n") + 1
    for problem in rendered.problems:
        assert 1 <= problem.line <= lines and problem.col >= 1
    for link in rendered.links:
        assert 1 <= link.line <= lines


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_text_without_liquid_passes_through_unchanged(text):
    text = text.replace("{%", "{ %").replace("{{", "{ {")
    rendered = render_text(LIQUID, text, "p.md")
    assert rendered.text == text
    assert rendered.problems == () and rendered.links == ()


yamlish = st.lists(
    st.sampled_from(["---\n", "...\n", "title: ", "[", "]", "{", "}", "&a ", "*a",
                     "- ", ": ", "\n", "\t", "'", '"', "!!python/name:x", "\ufeff"])
    | st.text(max_size=4)
).map("".join)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(yamlish)
def test_the_front_matter_splitter_raises_only_problems(text):
    try:
        document = frontmatter.split(text, "p.md")
        frontmatter.load(document.front_matter, "p.md")
    except ProblemError as error:
        assert error.problem.path == "p.md" and error.problem.line >= 1


SENTENCES = st.sampled_from([
    "Plain words here.", "Émigré naïve text", "*emphasis* and **strong**",
    "`code` span", "a `` double `tick` `` span", "an ``unclosed` tick",
    "[inline](https://x.org) link", "[ref link][r] here", "[shortcut] only",
    "note[^1] here", "HTML <b>bold</b>", "5'10\" tall -- dash... ok", "x | y",
    "{: .klass}", "tab\there", "trailing  ", "entity &amp; &copy;", "Term",
    "x_y_z and HTML", "\\*escaped\\*", "~~struck~~", "<https://auto.org>",
    "math $$x_1 * y_2$$ here", "$$a_b$$", "*em*{: .x #y} span", "{: ref}", "\\$$no$$",
    "{::comment}gone{:/comment}", "`$$code$$`", "line \\\\",
])  # fmt: skip
STARTERS = st.sampled_from([
    "", "", "", "# ", "- ", "1. ", "> ", "    ", ": ", "*[HTML]: Hyper Text\n",
    "[r]: https://r.org\n", "[^1]: Footnote text\n", "| a | b |\n|---|---|\n",
    "<div>raw</div>\n", "---\n", "===\n", "```\ncode\n```\n", "* TOC\n{:toc}\n", " ",
    "{: .cls}\n", "{:ref: .r #i}\n", "$$\nx^2\n$$\n", ": ", "> ```\n> q\n> ```\n",
    "{::nomarkdown}\n<b>*raw*</b>\n{:/nomarkdown}\n", "{::options footnote_nr=\"3\" /}\n",
])  # fmt: skip
lines = st.tuples(STARTERS, SENTENCES).map("".join)
blocks = st.lists(lines, min_size=1, max_size=3).map("\n".join)
documents = st.lists(blocks, min_size=1, max_size=4).map("\n\n".join)


@pytest.fixture(scope="module")
def reader(tmp_path_factory):
    root = tmp_path_factory.mktemp("excerpts")
    (root / "_posts").mkdir()
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(root)})
    return JekyllReader(settings), root


@settings(max_examples=300, deadline=None)
@given(documents)
def test_an_excerpt_is_its_text_rendered_alone(reader, document):
    """Whether cut from the body's HTML or rendered again, an excerpt is what
    its text (and the post's link definitions) gives as a post of its own."""
    jekyll, root = reader
    post = root / "_posts" / "2021-01-01-whole.md"
    post.write_text(f"---\ntitle: Whole\n---\n{document}\n", "utf-8")
    _, meta = jekyll.read(str(post))
    head, found, tail = document.partition("\n\n")
    definitions = re.findall(r"^ {0,3}\[[^\]]+\]:.+$", tail, re.M) if found else []
    alone = root / "_posts" / "2021-01-02-alone.md"
    text = "\n\n".join([head, "\n".join(definitions)]) if definitions else head
    alone.write_text(f"---\ntitle: Alone\n---\n{text}\n", "utf-8")
    expected, _ = jekyll.read(str(alone))
    if head.strip():
        assert meta["summary"] == expected


def stock(markdown) -> None:
    """The classes markdown_speed stood in for back in their places."""
    blocks = markdown.parser.blockprocessors
    for name, (priority, *_) in markdown_speed._BLOCKS.items():
        blocks.register(type(blocks[name]).__mro__[1](markdown.parser), name, priority)
    # kramdown's code spans stay; only the quicker search for them goes.
    backtick = type("Backtick", (KramdownCodeSpans, BacktickInlineProcessor), {})
    markdown.inlinePatterns.register(backtick(BACKTICK_RE), "backtick", 190)
    markdown.treeprocessors.register(InlineProcessor(markdown), "inline", 20)


INLINE = st.sampled_from(list("`*_~[]()!<>&\\#:=-|^ \n") + [
    "``", "~~", "**", "  \n", "](x)", "[^1]", "<b>", "</b>", "&amp;", "<http://a.b>",
    "<a@b.c>", "![i](p.png)", "[r]: /u\n", "\n\n", "\n    ", "\n> ", "\n- ", "\n1. ",
    "\n# ", "\n===\n", "\n---\n", "\n: ", "*[A]: B\n", "A", "word", "é", "{: .x}",
    "$$", "$", "\n{: .y}\n", "{:", "\n{:r: .z}\n", "{::comment}", "{:/}", "\\\\\n",
])  # fmt: skip
inline_documents = st.lists(INLINE | st.text(max_size=3), max_size=40).map("".join)


@pytest.fixture(scope="module")
def stock_reader(reader):
    """A reader like `reader` whose Markdown has only Python-Markdown's classes."""
    plain = JekyllReader(reader[0].settings)
    stock(plain._markdown)
    return plain


@settings(max_examples=400, deadline=None)
@given(inline_documents | documents)
def test_the_quicker_markdown_checks_change_nothing(reader, stock_reader, document):
    jekyll, root = reader
    plain = stock_reader
    post = root / "_posts" / "2021-01-03-same.md"
    post.write_text(f"---\ntitle: Same\n---\n{document}\n", "utf-8")
    quick_html, quick_meta = jekyll.read(str(post))
    stock_html, stock_meta = plain.read(str(post))
    assert quick_html == stock_html
    assert quick_meta.get("summary") == stock_meta.get("summary")
