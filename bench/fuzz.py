"""Long fuzzing run of the Liquid scanner and the front-matter splitter.

Run outside CI: `.venv/bin/python bench/fuzz.py MINUTES`. Hypothesis generates
text from Liquid- and YAML-shaped pieces for the given time; any exception other
than the project's ProblemError is a failure and is printed with its input.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from pelican.plugins.jekyll_posts import frontmatter  # noqa: E402
from pelican.plugins.jekyll_posts.diagnostics import ProblemError  # noqa: E402
from pelican.plugins.jekyll_posts.liquid.render import render_text, standalone  # noqa: E402

PIECES = ["{%", "%}", "{{", "}}", "{%-", "-%}", "post_url ", "raw", "endraw",
          "comment", "endcomment", "2021-01-01-a", "site.baseurl", "\n", "\t", " ",
          "---\n", "...\n", "title: ", "[", "]", "&a ", "*a", "- ", "\ufeff", "\r",
          "\ue000", "\ue001", "\ue002", "\0", "é", "e\u0301"]  # fmt: skip
TEXT = st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=60).map("".join)


LIQUID = standalone()


def check(text: str) -> None:
    rendered = render_text(LIQUID, text, "fuzz.md")
    assert all(p.line >= 1 and p.col >= 1 for p in rendered.problems)
    try:
        document = frontmatter.split(text, "fuzz.md")
        frontmatter.load(document.front_matter, "fuzz.md")
        render_text(LIQUID, document.body, "fuzz.md", document.body_line)
    except ProblemError:
        pass


def main(minutes: float) -> None:
    deadline = time.monotonic() + minutes * 60
    batch = 5000
    run_batch = settings(
        max_examples=batch,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )(given(TEXT)(check))
    runs = 0
    while time.monotonic() < deadline:
        run_batch()
        runs += batch
    print(f"fuzz: {runs} inputs in {minutes} minutes, no crash")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 10)
