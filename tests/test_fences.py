"""Each private hook the plugin stands on is checked when it loads: with one
changed, the build takes the libraries' own path, says so once, and writes
the same site byte for byte.

A hook is "removed" by putting a stand-in in its place that forwards every
call (so the library itself still works) but no longer has the parameters
the plugin knows: what a renamed or reworked private method looks like."""

from __future__ import annotations

import textwrap

import pytest

HOOKS = [
    "pelican.writers.Writer._open_w",
    "markdown.treeprocessors.InlineProcessor._InlineProcessor__handleInline",
    "markdown.treeprocessors.InlineProcessor._InlineProcessor__applyPattern",
    "re._parser.parse",
    "pelican.contents.Content._update_content",
    "pelican.generators.StaticGenerator._copy_paths",
    "liquid.lex._tokenize_template",
    "pelican.cache.FileDataCacher.save_cache",
]

# Run at interpreter start (PYTHONPATH), before Pelican loads the plugin.
STAND_IN = """
import importlib

def _stand_in(dotted):
    module, owner, name = dotted, None, None
    parts = dotted.split(".")
    for split in range(len(parts) - 1, 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for attribute in parts[split:-1]:
            found = getattr(found, attribute)
        owner, name = found, parts[-1]
        break
    original = getattr(owner, name)

    def forward(*args, **kwargs):
        return original(*args, **kwargs)

    setattr(owner, name, forward)

_stand_in({hook!r})
"""

WARNING = "changed in the installed version"


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    """A site touching every fenced path: posts rendered by the writer, inline
    markup, an excerpt with a link shown on the index, the theme's files."""
    from conftest import Site

    made = Site(tmp_path_factory.mktemp("fenced"))
    made.write(
        "_posts/2021-10-08-punitive-measures.md",
        """
        ---
        title: "Punitive measures"
        series: Incidents
        tags: [ops, culture]
        ---
        An *emphasised* word, `code`, a [link](https://example.com/) and
        **strong** text.

        Second paragraph, after the excerpt.
        """,
    )
    made.write(
        "_posts/2021-11-19-outage.md",
        """
        ---
        title: Outage
        date: 2021-11-19 08:00:00 -0600
        series: Incidents
        ---
        As [mentioned before]({% post_url 2021-10-08-punitive-measures %}),
        _this_ is "quoted" -- with <span>HTML</span>.

        More below the excerpt.
        """,
    )
    return made


@pytest.fixture(scope="module")
def stock(sources):
    result = sources.build("stock", JEKYLL_WORKERS=2, RELATIVE_URLS=True)
    assert result.returncode == 0, result.stderr
    assert WARNING not in result.stdout + result.stderr
    return result


@pytest.mark.parametrize("hook", HOOKS, ids=lambda h: h.rsplit(".", 1)[-1])
def test_a_changed_hook_falls_back_to_the_same_site(sources, stock, hook, tmp_path):
    (tmp_path / "sitecustomize.py").write_text(
        textwrap.dedent(STAND_IN).format(hook=hook), "utf-8"
    )
    name = hook.rsplit(".", 1)[-1].replace("_InlineProcessor__", "")
    result = sources.build(
        f"without-{name}",
        env={"PYTHONPATH": str(tmp_path)},
        JEKYLL_WORKERS=2,
        RELATIVE_URLS=True,
    )
    assert result.returncode == 0, result.stderr
    said = " ".join((result.stdout + result.stderr).split())  # unwrapped
    assert said.count(WARNING) == 1, said
    assert f"{hook} changed" in said
    assert result.tree() == stock.tree()
