"""Which of a page's variables its template can read at all.

Pelican hands every page the whole context: every post, tag and setting,
plus the page's own values. A page's output can only depend on the names
its template, and every template it extends, includes or imports, mentions;
Jinja's `meta` module lists them from the source. A value the template
never names (the list of all posts that Pelican passes to each tag page, for
one) cannot change the page. Where the answer is not certain, `None` means
"any name": a template chosen at render time (`{% include name %}`), or a
filter, test or global of the site's own that is handed the whole context.
"""

from __future__ import annotations

import hashlib

from jinja2 import TemplateNotFound, meta
from jinja2.defaults import DEFAULT_FILTERS, DEFAULT_NAMESPACE, DEFAULT_TESTS
from jinja2.utils import _PassArg


class TemplateReads:
    """Names each template can read, kept between builds by source digest."""

    def __init__(self, kept: dict | None = None):
        self._kept = kept if isinstance(kept, dict) else {}
        self._made: dict[tuple[int, str], frozenset | None] = {}
        self.record: dict[str, list] = {}  # what the next build may keep

    def names(self, template) -> frozenset | None:
        key = (id(template.environment), template.name)
        if key not in self._made:
            self._made[key] = self._read(template.environment, template.name)
        return self._made[key]

    def _read(self, env, name: str) -> frozenset | None:
        if _hands_over_the_context(env):
            return None
        kept = self._kept.get(name)
        if kept and all(_digest(env, n) == d for n, d in kept[0].items()):
            self.record[name] = kept
            return None if kept[1] is None else frozenset(kept[1])
        sources: dict[str, str | None] = {}
        names: set[str] | None = set()
        waiting = [name]
        while waiting:
            current = waiting.pop()
            if current in sources:
                continue
            sources[current] = _digest(env, current)
            if sources[current] is None:
                names = None
                break
            tree = env.parse(env.loader.get_source(env, current)[0])
            names |= meta.find_undeclared_variables(tree)
            referenced = list(meta.find_referenced_templates(tree))
            if None in referenced:
                names = None
                break
            waiting += referenced
        self.record[name] = [sources, None if names is None else sorted(names)]
        return None if names is None else frozenset(names)


def _digest(env, name: str) -> str | None:
    try:
        source = env.loader.get_source(env, name)[0]
    except TemplateNotFound:
        return None
    return hashlib.blake2b(source.encode("utf-8"), digest_size=16).hexdigest()


def _hands_over_the_context(env) -> bool:
    """A site's own filter, test or global that is passed the context may
    read any variable; Jinja's own (`map`, `select`...) only call filters."""
    for own, defaults in (
        (env.filters, DEFAULT_FILTERS),
        (env.tests, DEFAULT_TESTS),
        (env.globals, DEFAULT_NAMESPACE),
    ):
        for key, value in own.items():
            if defaults.get(key) is value:
                continue
            if getattr(value, "jinja_pass_arg", None) is _PassArg.context:
                return True
    return False
