"""The sentence around each link and the backlink graph, without Pelican."""

import sys
from dataclasses import dataclass

from conftest import ROOT

sys.path.insert(0, str(ROOT / "plugins"))

from pelican.plugins.jekyll_posts.link.backlinks import (  # noqa: E402
    Sentence,
    referenced_by,
    sentences,
)
from pelican.plugins.jekyll_posts.markers import marker  # noqa: E402


@dataclass(frozen=True)
class Target:
    text_url: str


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    link: int = 0


T = Target("/2021/01/01/a.html")


def texts(html: str, targets: list) -> list[str]:
    return [found.text for found in sentences(html, targets)]


def test_the_sentence_holding_each_link_is_found_in_its_paragraph():
    html = (
        "<h1>Title</h1>\n<p>First one. As <em>we said</em> in "
        f'<a href="{marker(0)}">the &amp; post</a>, it works at 3 a.m. too! '
        "Last one.</p>\n"
        f'<ul><li>See <a href="{marker(1)}">this</a></li></ul>'
    )
    assert texts(html, [T, T]) == [
        "As we said in the & post, it works at 3 a.m. too!",
        "See this",
    ]


def test_a_post_url_in_running_text_shows_its_url_and_a_missing_link_is_empty():
    html = f"<p>Read {marker(0)} now. Then stop.</p>"
    assert texts(html, [T, None]) == ["Read /2021/01/01/a.html now.", ""]


def test_a_reference_used_twice_takes_the_first_sentence():
    html = f'<p>One <a href="{marker(0)}">x</a>. Two <a href="{marker(0)}">y</a>.</p>'
    assert texts(html, [T]) == ["One x."]


def test_a_long_sentence_is_cut_around_the_link():
    words = " ".join(f"w{i}" for i in range(200))
    html = f'<p>{words} <a href="{marker(0)}">link</a> {words}.</p>'
    [found] = texts(html, [T])
    assert found.startswith("…") and found.endswith("…")
    assert "link" in found and len(found) <= 302


def test_sentences_know_their_reading_order():
    html = f'<p>Used <a href="{marker(1)}">here</a>.</p><p>Then {marker(0)}.</p>'
    assert sentences(html, [T, T]) == [
        Sentence("Then /2021/01/01/a.html.", 1),
        Sentence("Used here.", 0),
    ]


def test_html_without_markers_is_not_scanned():
    assert texts("<p>No links.</p>", [T]) == [""]


def test_backlinks_come_from_published_posts_in_date_order_once_each():
    edges = [
        Edge("new", "t", 1),
        Edge("old", "t", 1),
        Edge("old", "t", 2),
        Edge("old", "t", 3),
        Edge("draft", "t"),
        Edge("t", "t"),
    ]
    contexts = {
        edges[0]: Sentence("N.", 0),
        edges[1]: Sentence("O1.", 2),
        edges[2]: Sentence("O2.", 1),
        edges[3]: Sentence("O1.", 0),
    }
    found = referenced_by(edges, contexts, {"old": "OLD", "t": "T", "new": "NEW"})
    assert [(b.article, b.contexts, b.context) for b in found["t"]] == [
        ("OLD", ("O1.", "O2."), "O1."),
        ("NEW", ("N.",), "N."),
    ]
    assert set(found) == {"t"}
