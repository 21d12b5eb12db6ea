"""Properties of the pure steps, over arbitrary text (Hypothesis)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from jekyll_posts import frontmatter, liquid
from jekyll_posts.diagnostics import ProblemError

LIQUID_ALPHABET = st.sampled_from(list("{}%-_ \n\t/#raw") + ["{%", "%}", "{{", "}}",
    "post_url", "raw", "endraw", "comment", "endcomment", "2021-01-01-a", "site.url"])  # fmt: skip
liquidish = st.lists(LIQUID_ALPHABET | st.text(max_size=3)).map("".join)


@settings(max_examples=400, deadline=None)
@given(liquidish)
def test_the_scanner_never_raises_and_reports_within_the_text(text):
    rendered = liquid.render(text, "p.md")
    lines = text.count("\n") + 1
    for problem in rendered.problems:
        assert 1 <= problem.line <= lines and problem.col >= 1
    for link in rendered.links:
        assert 1 <= link.line <= lines


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_text_without_liquid_passes_through_unchanged(text):
    text = text.replace("{%", "{ %").replace("{{", "{ {")
    rendered = liquid.render(text, "p.md")
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
